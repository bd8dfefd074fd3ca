//! The fake gateway: connections (HELLO, heartbeats, closes on demand), one session per shard
//! (IDENTIFY/READY, RESUME/RESUMED with replay, INVALID SESSION, RECONNECT), and dispatches routed
//! to the shard that owns their guild, with each interaction's delivery tracked.

mod connection;
mod delivery;
mod frames;
mod opcodes;
mod sessions;
mod shard;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use serde_json::{json, Value};
use tokio::sync::mpsc;

pub(crate) use connection::upgrade;
pub use delivery::{Delivery, UndeliverableReason};
pub(crate) use frames::Outgoing;
use frames::{snowflake, OutFrame};
use sessions::{Pending, Slot};
pub use shard::{ShardId, MAX_GUILDS_PER_SHARD};

/// An open WebSocket connection: where to send, and the shard whose session it carries.
#[derive(Debug)]
struct OpenConnection {
    outbox: mpsc::UnboundedSender<Outgoing>,
    carries: Option<ShardId>,
}

/// The gateway side of the fake: open connections, one session slot per shard, dispatches held
/// until a session can take them, and what became of every interaction.
#[derive(Debug, Default)]
pub(crate) struct GatewayState {
    connections_opened: u64,
    open: HashMap<u64, OpenConnection>,
    /// The shard each connection last carried, kept after it closes.
    shard_of_connection: HashMap<u64, ShardId>,
    /// Every shard ever identified, by `[id, total]`.
    slots: BTreeMap<ShardId, Slot>,
    /// Dispatches no session could take yet; each READY takes those its shard owns.
    held: Vec<Pending>,
    deliveries: HashMap<u64, Delivery>,
    pub(crate) withhold_heartbeat_acks: bool,
}

impl GatewayState {
    /// Queues a dispatch for the shard that owns its guild (`guild_id`, or `id` for the guild
    /// events; none for a direct message, which goes to shard 0). With a session for that shard
    /// it is sent on the session's live connection, or kept for a RESUME while disconnected.
    /// While no session can take it — before any IDENTIFY, or after a non-resumable INVALID
    /// SESSION of that shard — it is held and sent right after that shard's next READY.
    /// Otherwise (the shard was never identified, or its session expired) it is undeliverable.
    pub(crate) fn dispatch(&mut self, event: &str, data: Value) -> Instant {
        let at = Instant::now();
        let pending = Pending::new(event, data);
        if self.slots.is_empty() {
            self.hold(pending);
            return at;
        }
        let owners: Vec<(ShardId, bool)> = self
            .slots
            .iter()
            .filter(|(shard, _)| shard.owns(pending.guild_id))
            .filter_map(|(shard, slot)| match slot {
                Slot::Session(_) => Some((*shard, true)),
                Slot::AwaitingIdentify => Some((*shard, false)),
                Slot::Expired => None,
            })
            .collect();
        let sessions: Vec<ShardId> = owners
            .iter()
            .filter_map(|(shard, has_session)| has_session.then_some(*shard))
            .collect();
        if let Some((last, others)) = sessions.split_last() {
            for shard in others {
                self.dispatch_in(*shard, &pending.event, pending.data.clone());
            }
            self.dispatch_in(*last, &pending.event, pending.data);
        } else if owners.is_empty() {
            if let Some(interaction_id) = pending.interaction_id {
                let reason = UndeliverableReason::NoSession;
                self.deliveries
                    .insert(interaction_id, Delivery::Undeliverable { reason });
            }
        } else {
            self.hold(pending);
        }
        at
    }

    fn hold(&mut self, pending: Pending) {
        if let Some(interaction_id) = pending.interaction_id {
            self.deliveries.insert(interaction_id, Delivery::Held);
        }
        self.held.push(pending);
    }

    /// Sends a dispatch in `shard`'s session: numbered, kept for replay, and written to the
    /// session's live connection if it has one.
    fn dispatch_in(&mut self, shard: ShardId, event: &str, data: Value) {
        let Some(Slot::Session(session)) = self.slots.get_mut(&shard) else {
            return;
        };
        session.seq += 1;
        let mut payload = json!({ "op": 0, "t": event, "s": session.seq });
        payload["d"] = data;
        let frame = OutFrame::new(&payload);
        session.replay.push_back((session.seq, frame.clone()));
        let connection = session.connection;
        if let Some(interaction_id) = frame.interaction_id {
            self.deliveries
                .insert(interaction_id, Delivery::Queued { shard });
        }
        if let Some(connection) = connection {
            self.send_to(connection, Outgoing::Frame(frame));
        }
    }

    /// Sends what was held for `shard`, right after its READY.
    fn release_held(&mut self, shard: ShardId) {
        let (mine, others): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut self.held)
            .into_iter()
            .partition(|pending| shard.owns(pending.guild_id));
        self.held = others;
        for pending in mine {
            self.dispatch_in(shard, &pending.event, pending.data);
        }
    }

    fn send_to(&self, connection: u64, outgoing: Outgoing) {
        if let Some(open) = self.open.get(&connection) {
            let _ = open.outbox.send(outgoing);
        }
    }

    /// The connection carrying `shard`'s session now, if any.
    pub(crate) fn live_connection(&self, shard: ShardId) -> Option<u64> {
        match self.slots.get(&shard) {
            Some(Slot::Session(session)) => session.connection,
            _ => None,
        }
    }

    /// Sends something to every open connection, none of which carries a session afterwards.
    pub(crate) fn tell_every_connection(&mut self, make: impl Fn() -> Outgoing) {
        let connections: Vec<u64> = self.open.keys().copied().collect();
        for connection in connections {
            self.send_to(connection, make());
            self.detach(connection);
        }
    }

    /// Sends op 9 to every live session; a non-resumable one also ends every session, so each
    /// shard must IDENTIFY again (what happens meanwhile is held for its next READY).
    pub(crate) fn invalidate_session(&mut self, resumable: bool) {
        let shards: Vec<ShardId> = self.slots.keys().copied().collect();
        for shard in shards {
            if let Some(connection) = self.live_connection(shard) {
                let op9 = OutFrame::new(&json!({ "op": 9, "d": resumable }));
                self.send_to(connection, Outgoing::Frame(op9));
                self.detach(connection);
            }
            if !resumable {
                let reason = UndeliverableReason::SessionInvalidated { shard };
                self.end_session(shard, Slot::AwaitingIdentify, reason);
            }
        }
    }

    /// Sends op 7 RECONNECT to every live session.
    pub(crate) fn request_reconnect(&mut self) {
        let shards: Vec<ShardId> = self.slots.keys().copied().collect();
        for shard in shards {
            if let Some(connection) = self.live_connection(shard) {
                let op7 = OutFrame::new(&json!({ "op": 7, "d": null }));
                self.send_to(connection, Outgoing::Frame(op7));
                self.detach(connection);
            }
        }
    }

    /// Closes the live connection of `shard` with `code`; false if it had none.
    pub(crate) fn close_shard(&mut self, shard: ShardId, code: u16) -> bool {
        let Some(connection) = self.live_connection(shard) else {
            return false;
        };
        self.send_to(connection, Outgoing::Close(code));
        self.detach(connection);
        true
    }

    /// Ends every session that no connection carries, as Discord does when a session is not
    /// resumed in time; returns their shards.
    pub(crate) fn expire_disconnected_sessions(&mut self) -> Vec<ShardId> {
        let disconnected: Vec<ShardId> = self
            .slots
            .iter()
            .filter_map(|(shard, slot)| match slot {
                Slot::Session(session) if session.connection.is_none() => Some(*shard),
                _ => None,
            })
            .collect();
        for shard in &disconnected {
            let reason = UndeliverableReason::SessionExpired { shard: *shard };
            self.end_session(*shard, Slot::Expired, reason);
        }
        disconnected
    }

    /// The shards whose session a connection carries now, in order.
    pub(crate) fn connected_shards(&self) -> Vec<ShardId> {
        self.slots
            .keys()
            .copied()
            .filter(|shard| self.live_connection(*shard).is_some())
            .collect()
    }

    /// The shard whose session `connection` last carried.
    pub(crate) fn shard_of_connection(&self, connection: u64) -> Option<ShardId> {
        self.shard_of_connection.get(&connection).copied()
    }

    /// What became of an interaction dispatched on the gateway.
    pub(crate) fn delivery(&self, interaction_id: u64) -> Option<Delivery> {
        self.deliveries.get(&interaction_id).copied()
    }

    /// The ids of every interaction that can no longer be delivered, in increasing order.
    pub(crate) fn undeliverable(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self
            .deliveries
            .iter()
            .filter(|(_, delivery)| delivery.is_undeliverable())
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids
    }

    /// Notes that an interaction is being written to `connection`. A write is a delivery even
    /// if the session was given up on meanwhile; the first one counts.
    fn mark_written(&mut self, connection: u64, interaction_id: u64) {
        let Some(shard) = self.shard_of_connection(connection) else {
            return;
        };
        let delivery = self
            .deliveries
            .entry(interaction_id)
            .or_insert(Delivery::Held);
        if !matches!(delivery, Delivery::Delivered { .. }) {
            *delivery = Delivery::Delivered { shard, connection };
        }
    }

    /// Takes back [`Self::mark_written`] when the write failed: the interaction is still in its
    /// session, waiting for a RESUME.
    fn unmark_written(&mut self, connection: u64, interaction_id: u64) {
        if let Some(delivery) = self.deliveries.get_mut(&interaction_id) {
            if let Delivery::Delivered {
                shard,
                connection: written_to,
            } = *delivery
            {
                if written_to == connection {
                    *delivery = Delivery::Queued { shard };
                }
            }
        }
    }
}

/// The guild a dispatch concerns: `guild_id`, or for the guild's own events its `id`.
fn guild_of(event: &str, data: &Value) -> Option<u64> {
    match event {
        "GUILD_CREATE" | "GUILD_UPDATE" | "GUILD_DELETE" => snowflake(&data["id"]),
        _ => snowflake(&data["guild_id"]),
    }
}
