//! Sessions, one per shard: opening one on IDENTIFY (replacing the shard's old one), taking one
//! over on RESUME, acknowledging by heartbeat, and ending one with what it still held marked
//! undeliverable.

use std::collections::VecDeque;

use serde_json::Value;
use tokio::sync::mpsc;

use crate::gateway::delivery::{Delivery, UndeliverableReason};
use crate::gateway::frames::{snowflake, OutFrame, Outgoing};
use crate::gateway::shard::ShardId;
use crate::gateway::{guild_of, GatewayState, OpenConnection};

/// One shard's gateway session.
#[derive(Debug)]
pub(super) struct Session {
    pub(super) id: String,
    pub(super) seq: u64,
    /// Dispatches not yet acknowledged by a heartbeat, for replay on RESUME.
    pub(super) replay: VecDeque<(u64, OutFrame)>,
    /// The connection carrying it now; none while the bot is away.
    pub(super) connection: Option<u64>,
}

/// Where a shard stands.
#[derive(Debug)]
pub(super) enum Slot {
    Session(Session),
    /// Its session was invalidated; dispatches are held for its next READY.
    AwaitingIdentify,
    /// Its session expired unresumed; dispatches for it are undeliverable until it identifies.
    Expired,
}

/// A dispatch waiting for a session to take it.
#[derive(Debug)]
pub(super) struct Pending {
    pub(super) event: String,
    pub(super) data: Value,
    pub(super) guild_id: Option<u64>,
    pub(super) interaction_id: Option<u64>,
}

impl Pending {
    pub(super) fn new(event: &str, data: Value) -> Self {
        let guild_id = guild_of(event, &data);
        let interaction_id = (event == "INTERACTION_CREATE")
            .then(|| snowflake(&data["id"]))
            .flatten();
        Self {
            event: event.to_owned(),
            data,
            guild_id,
            interaction_id,
        }
    }
}

impl GatewayState {
    /// Numbers a new connection and remembers where to send to it.
    pub(super) fn open_connection(&mut self, outbox: mpsc::UnboundedSender<Outgoing>) -> u64 {
        self.connections_opened += 1;
        let connection = self.connections_opened;
        let open = OpenConnection {
            outbox,
            carries: None,
        };
        self.open.insert(connection, open);
        connection
    }

    /// Forgets a connection that ended; its session, if any, waits for a RESUME.
    pub(super) fn close_connection(&mut self, connection: u64) {
        self.detach(connection);
        self.open.remove(&connection);
    }

    /// Makes `connection` carry no session any more, and its session no connection.
    pub(super) fn detach(&mut self, connection: u64) {
        let Some(open) = self.open.get_mut(&connection) else {
            return;
        };
        let Some(shard) = open.carries.take() else {
            return;
        };
        if let Some(Slot::Session(session)) = self.slots.get_mut(&shard) {
            if session.connection == Some(connection) {
                session.connection = None;
            }
        }
    }

    /// Makes `connection` carry `shard`'s session, which no other connection carries any more.
    fn attach(&mut self, connection: u64, shard: ShardId) {
        self.detach(connection);
        let previous = match self.slots.get_mut(&shard) {
            Some(Slot::Session(session)) => session.connection.replace(connection),
            _ => None,
        };
        if let Some(previous) = previous.filter(|previous| *previous != connection) {
            if let Some(open) = self.open.get_mut(&previous) {
                open.carries = None;
            }
        }
        if let Some(open) = self.open.get_mut(&connection) {
            open.carries = Some(shard);
        }
        self.shard_of_connection.insert(connection, shard);
    }

    /// Opens a new session for `shard` on `connection` after an IDENTIFY. A session the shard
    /// had is replaced, and what waited in it for a RESUME will never be delivered.
    pub(super) fn begin_session(&mut self, connection: u64, shard: ShardId, session_id: String) {
        let reason = UndeliverableReason::SessionReplaced { shard };
        let replaced = self.end_session(shard, Slot::AwaitingIdentify, reason);
        if let Some(previous) = replaced {
            if let Some(open) = self.open.get_mut(&previous) {
                open.carries = None;
            }
        }
        let session = Session {
            id: session_id,
            seq: 0,
            replay: VecDeque::new(),
            connection: None,
        };
        self.slots.insert(shard, Slot::Session(session));
        self.attach(connection, shard);
    }

    /// Sends `shard`'s READY in its new session, then what was held for it.
    pub(super) fn send_ready(&mut self, shard: ShardId, ready: Value) {
        self.dispatch_in(shard, "READY", ready);
        self.release_held(shard);
    }

    /// Sends RESUMED in `shard`'s session, after the replay.
    pub(super) fn send_resumed(&mut self, shard: ShardId) {
        let resumed = serde_json::json!({ "_trace": ["[\"dossier-fake-gateway\"]"] });
        self.dispatch_in(shard, "RESUMED", resumed);
    }

    /// Lets `connection` take over the session `session_id` after a RESUME. Returns its shard
    /// and the dispatches after `last_seen` to replay, or `None` if no such session exists.
    pub(super) fn resume_session(
        &mut self,
        connection: u64,
        session_id: &str,
        last_seen: u64,
    ) -> Option<(ShardId, Vec<OutFrame>)> {
        let (shard, missed) = self.slots.iter().find_map(|(shard, slot)| match slot {
            Slot::Session(session) if session.id == session_id => {
                let missed: Vec<OutFrame> = session
                    .replay
                    .iter()
                    .filter(|(seq, _)| *seq > last_seen)
                    .map(|(_, frame)| frame.clone())
                    .collect();
                Some((*shard, missed))
            }
            _ => None,
        })?;
        self.attach(connection, shard);
        Some((shard, missed))
    }

    /// Drops from the replay buffer of `connection`'s session what a heartbeat acknowledged.
    pub(super) fn acknowledge(&mut self, connection: u64, acknowledged: u64) {
        let carried = self.open.get(&connection).and_then(|open| open.carries);
        let Some(Slot::Session(session)) = carried.and_then(|shard| self.slots.get_mut(&shard))
        else {
            return;
        };
        while session
            .replay
            .front()
            .is_some_and(|(seq, _)| *seq <= acknowledged)
        {
            session.replay.pop_front();
        }
    }

    /// Replaces `shard`'s session (if it has one) with `next`; interactions that waited in it
    /// unwritten become undeliverable for `reason`. Returns the connection that carried it.
    pub(super) fn end_session(
        &mut self,
        shard: ShardId,
        next: Slot,
        reason: UndeliverableReason,
    ) -> Option<u64> {
        let Some(Slot::Session(_)) = self.slots.get(&shard) else {
            return None;
        };
        let Some(Slot::Session(ended)) = self.slots.insert(shard, next) else {
            return None;
        };
        for interaction_id in ended
            .replay
            .iter()
            .filter_map(|(_, frame)| frame.interaction_id)
        {
            let delivery = self.deliveries.get_mut(&interaction_id);
            if let Some(delivery) =
                delivery.filter(|delivery| **delivery == Delivery::Queued { shard })
            {
                *delivery = Delivery::Undeliverable { reason };
            }
        }
        ended.connection
    }
}
