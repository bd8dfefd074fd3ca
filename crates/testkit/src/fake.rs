//! [`FakeDiscord`]: starting the server, driving the gateway, reading and awaiting the journal.

use std::sync::Arc;
use std::time::Instant;

use axum::routing::get;
use axum::serve::ListenerExt;
use axum::Router;
use serde_json::Value;
use tokio::task::JoinHandle;

use crate::discord_objects::{interaction_token, snowflake_field};
use crate::gateway::{self, Outgoing};
use crate::interactions::{InteractionBuilder, InteractionHandle, InteractionIds, InteractionKind};
use crate::record::{GatewayRecord, Recorded, RouteKind};
use crate::rest;
use crate::state::{lock, FakeConfig, InjectedFailure, Shared};
use crate::store::KnownInteraction;

/// The fake could not start.
#[derive(Debug, thiserror::Error)]
#[error("the fake Discord could not listen on 127.0.0.1: {0}")]
pub struct StartError(#[from] std::io::Error);

/// A point in the journal; waits given a mark look only at what was recorded after it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub(crate) requests: usize,
    pub(crate) gateway: usize,
}

impl Mark {
    /// The start of the journal: waits from here see everything.
    pub fn beginning() -> Self {
        Self::default()
    }
}

/// A fake Discord (REST and gateway) on one random port of 127.0.0.1. Dropping it stops the
/// server and drops every gateway connection.
pub struct FakeDiscord {
    pub(crate) shared: Arc<Shared>,
    server: JoinHandle<()>,
}

impl FakeDiscord {
    /// Binds `127.0.0.1:0` and serves REST under `/api/v10` and the gateway on `/gateway`.
    pub async fn start(config: FakeConfig) -> Result<Self, StartError> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let shared = Arc::new(Shared::new(config, port));
        let app = Router::new()
            .route("/gateway", get(gateway::upgrade))
            .fallback(rest::handle)
            .with_state(Arc::clone(&shared));
        // Replies go out at once: without TCP_NODELAY a reply written in two segments waits
        // for the bot's delayed ACK (40 ms on Linux loopback), which would be measured as the
        // bot's latency.
        let listener = listener.tap_io(|stream| {
            if let Err(failure) = stream.set_nodelay(true) {
                tracing::warn!("cannot set TCP_NODELAY on a fake Discord connection: {failure}");
            }
        });
        let server = tokio::spawn(async move {
            if let Err(failure) = axum::serve(listener, app).await {
                tracing::warn!("the fake Discord stopped serving: {failure}");
            }
        });
        Ok(Self { shared, server })
    }

    /// The configuration it runs with.
    pub fn config(&self) -> &FakeConfig {
        &self.shared.config
    }

    /// `http://127.0.0.1:PORT`, with no path: what serenity's `HttpBuilder::proxy` (and
    /// `DISCORD_API_BASE`) take, since serenity swaps it in for `https://discord.com`.
    pub fn api_base(&self) -> String {
        format!("http://127.0.0.1:{}", self.shared.port)
    }

    /// `ws://127.0.0.1:PORT/gateway`, with no query string (serenity appends `?v=10`).
    pub fn gateway_url(&self) -> String {
        self.shared.gateway_url()
    }

    /// The bot token the fake accepts.
    pub fn token(&self) -> &str {
        &self.shared.config.token
    }

    /// The application id (also the bot user's id).
    pub fn application_id(&self) -> u64 {
        self.shared.config.application_id
    }

    /// The current end of the journal.
    pub fn mark(&self) -> Mark {
        let journal = lock(&self.shared.journal);
        Mark {
            requests: journal.requests.len(),
            gateway: journal.gateway.len(),
        }
    }

    /// Every REST request so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.journal).requests.clone()
    }

    /// Every gateway happening so far, oldest first.
    pub fn gateway_records(&self) -> Vec<GatewayRecord> {
        lock(&self.shared.journal).gateway.clone()
    }

    fn requests_where(&self, keep: impl Fn(&Recorded) -> bool) -> Vec<Recorded> {
        lock(&self.shared.journal)
            .requests
            .iter()
            .filter(|recorded| keep(recorded))
            .cloned()
            .collect()
    }

    /// Requests to routes the fake does not serve (answered 404). A bot that works against
    /// Discord's real API makes none.
    pub fn unknown_requests(&self) -> Vec<Recorded> {
        self.requests_where(|recorded| recorded.route == RouteKind::Unknown)
    }

    /// Requests answered 401 because the token was missing or wrong.
    pub fn unauthorized_requests(&self) -> Vec<Recorded> {
        self.requests_where(|recorded| recorded.status == 401)
    }

    /// The opcodes the bot sent on the gateway, in order, across all connections.
    pub fn ops_from_bot(&self) -> Vec<u64> {
        let journal = lock(&self.shared.journal);
        journal
            .gateway
            .iter()
            .filter_map(GatewayRecord::op_from_bot)
            .collect()
    }

    /// The global commands exactly as the bot last registered them (empty before that).
    pub fn registered_commands(&self) -> Vec<Value> {
        lock(&self.shared.discord)
            .global_commands
            .clone()
            .unwrap_or_default()
    }

    /// The commands the bot last registered in one guild.
    pub fn registered_guild_commands(&self, guild_id: u64) -> Vec<Value> {
        lock(&self.shared.discord)
            .guild_commands
            .get(&guild_id)
            .cloned()
            .unwrap_or_default()
    }

    /// Every request that carries this interaction's token: callbacks, edits, follow-ups.
    pub fn requests_for(&self, handle: &InteractionHandle) -> Vec<Recorded> {
        self.requests_where(|recorded| recorded.route.token() == Some(handle.token.as_str()))
    }

    /// Every callback attempt for this interaction (Discord accepts only the first).
    pub fn callbacks_for(&self, handle: &InteractionHandle) -> Vec<Recorded> {
        self.requests_where(|recorded| {
            matches!(&recorded.route, RouteKind::InteractionCallback { interaction_id, .. }
                if *interaction_id == handle.id)
        })
    }

    /// Every edit (`PATCH`) of this interaction's original response or follow-ups.
    pub fn edits_for(&self, handle: &InteractionHandle) -> Vec<Recorded> {
        self.requests_where(|recorded| {
            recorded.method == "PATCH" && recorded.route.token() == Some(handle.token.as_str())
        })
    }

    /// Every follow-up message (`POST /webhooks/{app}/{token}`) for this interaction.
    pub fn followups_for(&self, handle: &InteractionHandle) -> Vec<Recorded> {
        self.requests_where(|recorded| {
            matches!(&recorded.route, RouteKind::Followup { token } if *token == handle.token)
        })
    }

    /// The message `@original` currently refers to, as Discord would return it: the response
    /// after every edit, or for a component interaction the message the component is on.
    pub fn original_message(&self, handle: &InteractionHandle) -> Option<Value> {
        lock(&self.shared.discord).message(&handle.token, None).ok()
    }

    /// Dispatches an INTERACTION_CREATE built from `builder` and returns its handle. It goes to
    /// the session of the shard that owns its guild (shard 0 for a direct message; the only
    /// shard of an unsharded bot). While no session can take it (before the first READY, or
    /// after a non-resumable INVALID SESSION) it is held and sent right after that shard's next
    /// READY; while the shard is disconnected it waits in the session's replay buffer for the
    /// RESUME, as Discord replays missed events; if no session holds that shard it is
    /// undeliverable. [`Self::delivery`] tells which.
    pub fn send_interaction(&self, builder: InteractionBuilder) -> InteractionHandle {
        let mut handle = self.create_interaction(builder);
        handle.dispatched_at =
            lock(&self.shared.gateway).dispatch("INTERACTION_CREATE", handle.json.clone());
        handle
    }

    /// Creates an interaction from `builder` without dispatching it on the gateway, as Discord
    /// does for an app with an interactions endpoint URL: the test delivers `handle.json` over
    /// HTTP itself, and the fake accepts the bot's callback, edits and follow-ups for it.
    /// `dispatched_at` is the moment of creation.
    pub fn create_interaction(&self, builder: InteractionBuilder) -> InteractionHandle {
        let shared = &self.shared;
        let id = shared.snowflakes.next();
        let token = interaction_token(id);
        let kind = builder.kind();
        let json = {
            let mut discord = lock(&shared.discord);
            let command_id = builder.command_name().map_or(0, |name| {
                discord.command_id(name, || shared.snowflakes.next())
            });
            let ids = InteractionIds {
                interaction_id: id,
                application_id: shared.config.application_id,
                command_id,
                token: &token,
            };
            let component_message_id = builder.component_message_id();
            let json = builder.into_json(&ids);
            if kind == InteractionKind::Component {
                discord.remember_message(&json["message"]);
            }
            let user = json
                .get("member")
                .map_or(&json["user"], |member| &member["user"]);
            discord.remember_interaction(
                &token,
                KnownInteraction {
                    id,
                    kind,
                    channel_id: snowflake_field(&json, "channel_id").unwrap_or(0),
                    guild_id: snowflake_field(&json, "guild_id"),
                    user: user.clone(),
                    component_message_id,
                    acknowledged: false,
                    original_message_id: component_message_id,
                },
            );
            json
        };
        InteractionHandle {
            id,
            token,
            kind,
            dispatched_at: Instant::now(),
            json,
        }
    }

    /// Dispatches any gateway event (`t`) with this data (`d`), e.g. `GUILD_CREATE`, to the
    /// shard that owns its guild (`guild_id`, or `id` for the guild events), as
    /// [`Self::send_interaction`] does.
    pub fn dispatch(&self, event: &str, data: Value) -> Instant {
        lock(&self.shared.gateway).dispatch(event, data)
    }

    /// Closes every gateway connection with this close code (4000 invites a RESUME, 4004
    /// means a bad token, 4009 a timed-out session).
    pub fn close_gateway(&self, code: u16) -> Mark {
        let mark = self.mark();
        lock(&self.shared.gateway).tell_every_connection(|| Outgoing::Close(code));
        mark
    }

    /// Drops every gateway connection's TCP stream without a close frame.
    pub fn drop_gateway_connections(&self) -> Mark {
        let mark = self.mark();
        lock(&self.shared.gateway).tell_every_connection(|| Outgoing::DropTcp);
        mark
    }

    /// Sends op 9 INVALID SESSION on every shard's live connection; when not resumable every
    /// session is forgotten, so each shard must IDENTIFY again.
    pub fn invalidate_session(&self, resumable: bool) -> Mark {
        let mark = self.mark();
        lock(&self.shared.gateway).invalidate_session(resumable);
        mark
    }

    /// Sends op 7 RECONNECT on every shard's live connection.
    pub fn request_reconnect(&self) -> Mark {
        let mark = self.mark();
        lock(&self.shared.gateway).request_reconnect();
        mark
    }

    /// Stops (or resumes) answering heartbeats with op 11, as a dying gateway would.
    pub fn withhold_heartbeat_acks(&self, withhold: bool) {
        lock(&self.shared.gateway).withhold_heartbeat_acks = withhold;
    }

    /// Answers REST requests whose route `matches` with `status` and a Discord error body
    /// until [`Self::clear_failures`]; e.g. `|route| matches!(route, RouteKind::GlobalCommands)`.
    pub fn fail_requests(
        &self,
        matches: impl Fn(&RouteKind) -> bool + Send + Sync + 'static,
        status: u16,
    ) {
        let failure = InjectedFailure {
            matches: Box::new(matches),
            status,
        };
        lock(&self.shared.failures).push(failure);
    }

    /// Removes every failure added by [`Self::fail_requests`].
    pub fn clear_failures(&self) {
        lock(&self.shared.failures).clear();
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        lock(&self.shared.gateway).tell_every_connection(|| Outgoing::DropTcp);
        self.server.abort();
    }
}
