//! [`FakeDiscord`]'s view of shards: which are connected, waiting for a set of them, closing or
//! expiring one's session, and what became of each interaction.

use std::time::Duration;

use crate::fake::{FakeDiscord, Mark};
use crate::gateway::{Delivery, ShardId};
use crate::interactions::InteractionHandle;
use crate::record::{summarise, WaitError};
use crate::state::lock;

impl FakeDiscord {
    /// The shards whose session a gateway connection carries now, in order (`[0, 1]` alone
    /// for an unsharded bot that is connected).
    pub fn connected_shards(&self) -> Vec<ShardId> {
        lock(&self.shared.gateway).connected_shards()
    }

    /// Waits until the connected shards are exactly `shards` (in any order): all of them
    /// identified or resumed, and no other. Waiting for `&[]` waits for every connection to
    /// let go of its session.
    pub async fn wait_for_shards(
        &self,
        shards: &[ShardId],
        timeout: Duration,
    ) -> Result<(), WaitError> {
        let mut wanted = shards.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changes = self.shared.changes.subscribe();
        loop {
            changes.borrow_and_update();
            let connected = self.connected_shards();
            if connected == wanted {
                return Ok(());
            }
            let changed = tokio::time::timeout_at(deadline, changes.changed()).await;
            if !matches!(changed, Ok(Ok(()))) {
                let shown: Vec<String> = wanted.iter().map(ShardId::to_string).collect();
                let now: Vec<String> = connected.iter().map(ShardId::to_string).collect();
                let seen = format!(
                    "connected shards {}; {}",
                    now.join(" "),
                    summarise(&lock(&self.shared.journal))
                );
                return Err(WaitError::TimedOut {
                    waited_for: format!("exactly shards {} connected", shown.join(" ")),
                    seen,
                });
            }
        }
    }

    /// The gateway connection (as numbered in [`crate::GatewayRecord::connection`]) carrying
    /// `shard`'s session now, if one does: with several bot processes, noting each shard's
    /// connection once a process is up tells later which process an interaction reached.
    pub fn connection_of_shard(&self, shard: ShardId) -> Option<u64> {
        lock(&self.shared.gateway).live_connection(shard)
    }

    /// The shard whose session gateway connection `connection` (as numbered in
    /// [`crate::GatewayRecord::connection`]) last carried, if it ever identified or resumed.
    pub fn shard_of_connection(&self, connection: u64) -> Option<ShardId> {
        lock(&self.shared.gateway).shard_of_connection(connection)
    }

    /// What became of an interaction sent with [`Self::send_interaction`]: held, queued in a
    /// shard's session, delivered over a connection (and so to which shard), or undeliverable.
    /// `None` for one made with [`Self::create_interaction`], which never goes over the gateway.
    pub fn delivery(&self, handle: &InteractionHandle) -> Option<Delivery> {
        lock(&self.shared.gateway).delivery(handle.id)
    }

    /// The ids of every interaction no connection will ever receive, in increasing order.
    pub fn undeliverable_interactions(&self) -> Vec<u64> {
        lock(&self.shared.gateway).undeliverable()
    }

    /// Closes the live connection of one shard with this close code (4000 invites a RESUME of
    /// that shard's session); the other shards carry on. Returns `None` if that shard had no
    /// live connection.
    pub fn close_shard(&self, shard: ShardId, code: u16) -> Option<Mark> {
        let mark = self.mark();
        lock(&self.shared.gateway)
            .close_shard(shard, code)
            .then_some(mark)
    }

    /// Ends every session no connection carries, as Discord does when a disconnected session
    /// is not resumed in time, and returns their shards. Interactions that waited in them for a
    /// RESUME become undeliverable, and so does every later one for those shards until they
    /// IDENTIFY again.
    pub fn expire_disconnected_sessions(&self) -> Vec<ShardId> {
        let expired = lock(&self.shared.gateway).expire_disconnected_sessions();
        self.shared.notify_change();
        expired
    }
}
