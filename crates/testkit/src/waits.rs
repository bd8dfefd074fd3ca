//! Waiting on the journal: READY, registration, callbacks, edits, resumes, or anything else.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde_json::Value;

use crate::fake::{FakeDiscord, Mark};
use crate::interactions::InteractionHandle;
use crate::record::{GatewayRecord, Recorded, RouteKind, WaitError};

impl FakeDiscord {
    /// Waits for the first REST request after `since` that `matches`.
    pub async fn wait_request(
        &self,
        since: Mark,
        timeout: Duration,
        waited_for: &str,
        mut matches: impl FnMut(&Recorded) -> bool,
    ) -> Result<Recorded, WaitError> {
        // The journal only grows, so each look starts where the last one ended.
        let mut next = since.requests;
        self.shared
            .wait_until(timeout, waited_for, |journal| {
                let unseen = journal.requests.get(next..).unwrap_or_default();
                next = journal.requests.len();
                unseen.iter().find(|recorded| matches(recorded)).cloned()
            })
            .await
    }

    /// Waits for the first gateway record after `since` that `matches`.
    pub async fn wait_gateway(
        &self,
        since: Mark,
        timeout: Duration,
        waited_for: &str,
        mut matches: impl FnMut(&GatewayRecord) -> bool,
    ) -> Result<GatewayRecord, WaitError> {
        let mut next = since.gateway;
        self.shared
            .wait_until(timeout, waited_for, |journal| {
                let unseen = journal.gateway.get(next..).unwrap_or_default();
                next = journal.gateway.len();
                unseen.iter().find(|record| matches(record)).cloned()
            })
            .await
    }

    /// Waits until READY has been sent to the bot.
    pub async fn wait_ready(&self, timeout: Duration) -> Result<GatewayRecord, WaitError> {
        self.wait_gateway(
            Mark::beginning(),
            timeout,
            "READY sent to the bot",
            |record| record.event_to_bot() == Some("READY"),
        )
        .await
    }

    /// Waits until the bot has sent IDENTIFY after `since` (a fresh session).
    pub async fn wait_identify(
        &self,
        since: Mark,
        timeout: Duration,
    ) -> Result<GatewayRecord, WaitError> {
        self.wait_gateway(since, timeout, "IDENTIFY from the bot", |record| {
            record.op_from_bot() == Some(2)
        })
        .await
    }

    /// Waits until the fake has answered a RESUME with RESUMED after `since`.
    pub async fn wait_resumed(
        &self,
        since: Mark,
        timeout: Duration,
    ) -> Result<GatewayRecord, WaitError> {
        self.wait_gateway(since, timeout, "RESUMED sent to the bot", |record| {
            record.event_to_bot() == Some("RESUMED")
        })
        .await
    }

    /// Waits for the first accepted bulk overwrite of commands (global or guild) and returns
    /// the commands as the bot sent them.
    pub async fn wait_commands_registered(
        &self,
        timeout: Duration,
    ) -> Result<Vec<Value>, WaitError> {
        let registered = self
            .wait_request(
                Mark::beginning(),
                timeout,
                "commands registered",
                |recorded| {
                    recorded.method == "PUT"
                        && recorded.status == 200
                        && matches!(
                            recorded.route,
                            RouteKind::GlobalCommands | RouteKind::GuildCommands { .. }
                        )
                },
            )
            .await?;
        Ok(registered
            .body
            .and_then(|body| body.as_array().cloned())
            .unwrap_or_default())
    }

    /// Waits for the bot's first callback to this interaction; check its `status` (204 when
    /// Discord would have accepted it) and `callback_type()`.
    pub async fn wait_callback(
        &self,
        handle: &InteractionHandle,
        timeout: Duration,
    ) -> Result<Recorded, WaitError> {
        let waited_for = format!("a callback to interaction {}", handle.id);
        self.shared
            .wait_until(timeout, &waited_for, |journal| {
                journal.callback_for(handle.id).cloned()
            })
            .await
    }

    /// Waits until every one of these interactions has had a callback and returns the first
    /// callback of each, in the order of `handles`. One waiter for a whole batch, so bursts of
    /// thousands stay cheap.
    pub async fn wait_callbacks(
        &self,
        handles: &[InteractionHandle],
        timeout: Duration,
    ) -> Result<Vec<Recorded>, WaitError> {
        let wanted: HashSet<u64> = handles.iter().map(|handle| handle.id).collect();
        let mut found: HashMap<u64, Recorded> = HashMap::new();
        let mut scanned = 0;
        let waited_for = format!("callbacks to {} interactions", wanted.len());
        self.shared
            .wait_until(timeout, &waited_for, |journal| {
                for recorded in &journal.requests[scanned..] {
                    if let RouteKind::InteractionCallback { interaction_id, .. } = recorded.route {
                        if wanted.contains(&interaction_id) {
                            found
                                .entry(interaction_id)
                                .or_insert_with(|| recorded.clone());
                        }
                    }
                }
                scanned = journal.requests.len();
                (found.len() == wanted.len()).then(|| {
                    handles
                        .iter()
                        .filter_map(|handle| found.get(&handle.id).cloned())
                        .collect()
                })
            })
            .await
    }

    /// Waits for the first edit (`PATCH`) of this interaction's response or follow-ups after
    /// `since`, e.g. the edit that fills in a deferred reply.
    pub async fn wait_edit(
        &self,
        handle: &InteractionHandle,
        since: Mark,
        timeout: Duration,
    ) -> Result<Recorded, WaitError> {
        let waited_for = format!("an edit for interaction {}", handle.id);
        self.wait_request(since, timeout, &waited_for, |recorded| {
            recorded.method == "PATCH" && recorded.route.token() == Some(handle.token.as_str())
        })
        .await
    }
}
