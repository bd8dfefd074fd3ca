//! The state shared by the REST routes, the gateway connections and the test-facing handle.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::watch;

use crate::gateway::GatewayState;
use crate::record::{
    summarise, GatewayRecord, GatewayRecordKind, Journal, Recorded, RouteKind, WaitError,
};
use crate::snowflake::SnowflakeSource;
use crate::store::DiscordState;

/// How the fake presents itself and which knobs it starts with.
#[derive(Clone, Debug)]
pub struct FakeConfig {
    /// The bot token the fake accepts, without the `Bot ` prefix.
    pub token: String,
    /// The application id, which is also the bot user's id (as for every modern bot).
    pub application_id: u64,
    /// The bot user's name.
    pub bot_username: String,
    /// The application owner's user id, returned by `/oauth2/applications/@me`.
    pub owner_id: u64,
    /// The heartbeat interval announced in HELLO.
    pub heartbeat_interval: Duration,
    /// Send gateway payloads as zlib-compressed binary frames (one complete zlib stream per
    /// frame, which is what serenity 0.12.5 decodes) instead of text frames.
    pub zlib_frames: bool,
    /// Check the token on `GET /gateway` too. Discord serves that route without
    /// authentication, so by default a wrong token still learns the gateway URL and then
    /// meets close code 4004 there; with this on it gets a 401 instead, and serenity
    /// silently falls back to `wss://gateway.discord.gg`.
    pub authenticate_gateway_url: bool,
    /// Refuse (400 "Invalid Form Body") messages, autocomplete results and commands that
    /// break Discord's limits, as Discord does.
    pub enforce_limits: bool,
    /// The servers the bot is in. Each shard's READY lists those it owns (as unavailable
    /// guilds, the way Discord lists them before their GUILD_CREATE); a shard that would own
    /// more than [`crate::MAX_GUILDS_PER_SHARD`] is refused with close code 4011.
    pub guilds: Vec<u64>,
    /// The shard count `GET /gateway/bot` recommends.
    pub shards: u32,
}

impl Default for FakeConfig {
    fn default() -> Self {
        Self {
            // Deliberately not shaped like a real token, so no secret scanner mistakes it.
            token: "dossier-fake-discord-token".to_owned(),
            application_id: 1_302_473_928_150_667_324,
            bot_username: "Dossier".to_owned(),
            owner_id: 853_094_416_902_963_241,
            heartbeat_interval: Duration::from_millis(41_250),
            zlib_frames: false,
            authenticate_gateway_url: false,
            enforce_limits: true,
            guilds: Vec::new(),
            shards: 1,
        }
    }
}

/// A rule that makes matching REST requests fail with a status.
pub(crate) struct InjectedFailure {
    pub(crate) matches: Box<dyn Fn(&RouteKind) -> bool + Send + Sync>,
    pub(crate) status: u16,
}

/// Everything the server tasks and the [`crate::FakeDiscord`] handle share.
pub(crate) struct Shared {
    pub(crate) config: FakeConfig,
    pub(crate) port: u16,
    pub(crate) snowflakes: SnowflakeSource,
    pub(crate) journal: Mutex<Journal>,
    pub(crate) changes: watch::Sender<u64>,
    pub(crate) discord: Mutex<DiscordState>,
    pub(crate) gateway: Mutex<GatewayState>,
    pub(crate) failures: Mutex<Vec<InjectedFailure>>,
}

/// Locks a mutex, carrying on past poisoning: a panicking test thread must not hide the
/// journal from the assertions that explain it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub(crate) fn new(config: FakeConfig, port: u16) -> Self {
        Self {
            config,
            port,
            snowflakes: SnowflakeSource::new(),
            journal: Mutex::new(Journal::default()),
            changes: watch::Sender::new(0),
            discord: Mutex::new(DiscordState::default()),
            gateway: Mutex::new(GatewayState::default()),
            failures: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn gateway_url(&self) -> String {
        format!("ws://127.0.0.1:{}/gateway", self.port)
    }

    /// True for `Bot <token>` (and, as Discord tolerates, the bare token).
    pub(crate) fn token_is_valid(&self, presented: &str) -> bool {
        presented.strip_prefix("Bot ").unwrap_or(presented) == self.config.token
    }

    pub(crate) fn bot_user(&self) -> Value {
        json!({
            "id": self.config.application_id.to_string(),
            "username": self.config.bot_username,
            "discriminator": "0",
            "global_name": null,
            "avatar": null,
            "bot": true,
            "verified": true,
            "mfa_enabled": false,
            "flags": 0,
            "public_flags": 0,
            "email": null,
        })
    }

    /// Wakes every wait, for a change outside the journal (a connection let go of its shard).
    pub(crate) fn notify_change(&self) {
        self.changes.send_modify(|version| *version += 1);
    }

    pub(crate) fn record_request(&self, recorded: Recorded) {
        lock(&self.journal).push_request(recorded);
        self.changes.send_modify(|version| *version += 1);
    }

    pub(crate) fn record_gateway(&self, connection: u64, kind: GatewayRecordKind) {
        let record = GatewayRecord {
            at: Instant::now(),
            connection,
            kind,
        };
        lock(&self.journal).gateway.push(record);
        self.changes.send_modify(|version| *version += 1);
    }

    /// Waits until `probe` finds something in the journal, or the timeout passes.
    pub(crate) async fn wait_until<T>(
        &self,
        timeout: Duration,
        waited_for: &str,
        mut probe: impl FnMut(&Journal) -> Option<T>,
    ) -> Result<T, WaitError> {
        let deadline = tokio::time::Instant::now() + timeout;
        let mut changes = self.changes.subscribe();
        loop {
            changes.borrow_and_update();
            if let Some(found) = probe(&lock(&self.journal)) {
                return Ok(found);
            }
            let changed = tokio::time::timeout_at(deadline, changes.changed()).await;
            if !matches!(changed, Ok(Ok(()))) {
                let seen = summarise(&lock(&self.journal));
                return Err(WaitError::TimedOut {
                    waited_for: waited_for.to_owned(),
                    seen,
                });
            }
        }
    }
}
