//! Where each interaction dispatched on the gateway stands: held, queued in a shard's session,
//! written to a connection, or undeliverable.

use crate::gateway::shard::ShardId;

/// What became of an interaction the fake dispatched on the gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delivery {
    /// Held because no session could take it yet: sent right after the next READY of a shard
    /// that owns its guild. Before the first IDENTIFY the fake cannot know the bot's shards, so
    /// it holds everything; after a non-resumable INVALID SESSION it holds what that shard owns.
    Held,
    /// In the session of `shard` but not yet written to a connection: on its way over the live
    /// connection, or waiting in the replay buffer while the session is disconnected, to be
    /// replayed if the session is resumed.
    Queued {
        /// The shard whose session holds it.
        shard: ShardId,
    },
    /// Written to gateway connection `connection`, which carried `shard`'s session.
    Delivered {
        /// The shard whose session it was sent in.
        shard: ShardId,
        /// The connection it went over (as numbered in [`crate::GatewayRecord::connection`]).
        connection: u64,
    },
    /// No connection will ever receive it, so nobody answers; on Discord the user would see
    /// "The application did not respond".
    Undeliverable {
        /// Why it could not be delivered.
        reason: UndeliverableReason,
    },
}

/// Why an interaction could not be delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UndeliverableReason {
    /// When it was sent, no session held the shard that owns its guild.
    NoSession,
    /// It waited for a RESUME in `shard`'s session, which expired without one.
    SessionExpired {
        /// The shard whose session expired.
        shard: ShardId,
    },
    /// It waited for a RESUME in `shard`'s session, which a new IDENTIFY of the same shard
    /// replaced.
    SessionReplaced {
        /// The shard identified afresh.
        shard: ShardId,
    },
    /// It waited in `shard`'s session, which a non-resumable INVALID SESSION ended.
    SessionInvalidated {
        /// The shard whose session ended.
        shard: ShardId,
    },
}

impl Delivery {
    /// The shard it was written to, once delivered.
    pub fn delivered_shard(self) -> Option<ShardId> {
        match self {
            Self::Delivered { shard, .. } => Some(shard),
            _ => None,
        }
    }

    /// Whether no connection will ever receive it.
    pub fn is_undeliverable(self) -> bool {
        matches!(self, Self::Undeliverable { .. })
    }
}
