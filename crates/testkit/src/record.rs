//! The journal: every REST request and gateway frame the bot exchanged with the fake, timed.

use std::collections::HashMap;
use std::time::Instant;

use serde_json::Value;

use crate::multipart::Upload;

/// Which Discord route a REST request hit, with the ids taken from its path.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RouteKind {
    /// `GET /gateway`.
    Gateway,
    /// `GET /gateway/bot`.
    GatewayBot,
    /// `GET /users/@me`.
    CurrentUser,
    /// `GET /oauth2/applications/@me`.
    CurrentApplication,
    /// `GET`/`PUT /applications/{app}/commands`.
    GlobalCommands,
    /// `GET`/`PUT /applications/{app}/guilds/{guild}/commands`.
    GuildCommands {
        /// The guild in the path.
        guild_id: u64,
    },
    /// `POST /interactions/{id}/{token}/callback`.
    InteractionCallback {
        /// The interaction id in the path.
        interaction_id: u64,
        /// The interaction token in the path.
        token: String,
    },
    /// `GET`/`PATCH`/`DELETE /webhooks/{app}/{token}/messages/@original`.
    OriginalResponse {
        /// The interaction token in the path.
        token: String,
    },
    /// `POST /webhooks/{app}/{token}`: a follow-up message.
    Followup {
        /// The interaction token in the path.
        token: String,
    },
    /// `GET`/`PATCH`/`DELETE /webhooks/{app}/{token}/messages/{message}`.
    FollowupMessage {
        /// The interaction token in the path.
        token: String,
        /// The message id in the path.
        message_id: u64,
    },
    /// Anything the fake does not serve; answered 404.
    Unknown,
}

impl RouteKind {
    /// The interaction token this route belongs to, if any.
    pub fn token(&self) -> Option<&str> {
        match self {
            Self::InteractionCallback { token, .. }
            | Self::OriginalResponse { token }
            | Self::Followup { token }
            | Self::FollowupMessage { token, .. } => Some(token),
            _ => None,
        }
    }
}

/// One REST request the bot made, with the fake's answer.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// When the whole request had arrived.
    pub at: Instant,
    /// `GET`, `PUT`, `POST`, `PATCH`, `DELETE`, ...
    pub method: String,
    /// The path, starting with `/api/v10/` for Discord routes.
    pub path: String,
    /// The query string without `?`, if any.
    pub query: Option<String>,
    /// The `Authorization` header as sent.
    pub authorization: Option<String>,
    /// What the path was recognised as.
    pub route: RouteKind,
    /// The body parsed as JSON, if it was JSON; for a `multipart/form-data` body (a reply
    /// with files), its `payload_json` part.
    pub body: Option<Value>,
    /// The body as sent.
    pub raw_body: Vec<u8>,
    /// The files of a `multipart/form-data` body.
    pub uploads: Vec<Upload>,
    /// The status the fake answered with.
    pub status: u16,
}

impl Recorded {
    /// The callback type (`body.type`) of an interaction callback, e.g. 4 for a message.
    pub fn callback_type(&self) -> Option<u64> {
        self.body.as_ref()?.get("type")?.as_u64()
    }

    /// The `data` object of an interaction callback body.
    pub fn callback_data(&self) -> Option<&Value> {
        self.body.as_ref()?.get("data")
    }
}

/// Which way a gateway frame went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Sent by the bot to the fake.
    FromBot,
    /// Sent by the fake to the bot.
    ToBot,
}

/// What happened on a gateway connection.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GatewayRecordKind {
    /// The bot opened a WebSocket connection.
    Connected,
    /// A JSON payload went over the socket.
    Frame {
        /// Which way it went.
        direction: Direction,
        /// The opcode (`op`).
        op: u64,
        /// The event name (`t`) of a dispatch.
        event: Option<String>,
        /// The sequence number (`s`) of a dispatch.
        seq: Option<u64>,
        /// The whole payload. Dispatches to the bot keep only `op`, `t` and `s` here to keep
        /// long benchmark runs small; their data is in the interaction handle.
        payload: Value,
    },
    /// The fake closed the connection with this close code (`None`: dropped TCP, no frame).
    ClosedByFake {
        /// The close code sent.
        code: Option<u16>,
    },
    /// The bot closed the connection or it broke; the close code if the bot sent one.
    ClosedByBot {
        /// The close code received.
        code: Option<u16>,
    },
}

/// One gateway happening, stamped with its connection number and time.
#[derive(Clone, Debug)]
pub struct GatewayRecord {
    /// When it happened.
    pub at: Instant,
    /// Which connection, counting from 1 in order of opening.
    pub connection: u64,
    /// What happened.
    pub kind: GatewayRecordKind,
}

impl GatewayRecord {
    /// The opcode, if this is a frame sent by the bot.
    pub fn op_from_bot(&self) -> Option<u64> {
        match &self.kind {
            GatewayRecordKind::Frame {
                direction: Direction::FromBot,
                op,
                ..
            } => Some(*op),
            _ => None,
        }
    }

    /// The event name, if this is a dispatch sent to the bot.
    pub fn event_to_bot(&self) -> Option<&str> {
        match &self.kind {
            GatewayRecordKind::Frame {
                direction: Direction::ToBot,
                event,
                ..
            } => event.as_deref(),
            _ => None,
        }
    }
}

/// Everything recorded so far, with an index from interaction id to its first callback.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    pub(crate) requests: Vec<Recorded>,
    pub(crate) gateway: Vec<GatewayRecord>,
    pub(crate) callback_index: HashMap<u64, usize>,
}

impl Journal {
    pub(crate) fn push_request(&mut self, recorded: Recorded) {
        if let RouteKind::InteractionCallback { interaction_id, .. } = recorded.route {
            self.callback_index
                .entry(interaction_id)
                .or_insert(self.requests.len());
        }
        self.requests.push(recorded);
    }

    pub(crate) fn callback_for(&self, interaction_id: u64) -> Option<&Recorded> {
        self.callback_index
            .get(&interaction_id)
            .and_then(|index| self.requests.get(*index))
    }
}

/// A wait that did not see what it waited for.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    /// The time ran out; `seen` summarises the traffic so far.
    #[error("timed out waiting for {waited_for}; seen so far: {seen}")]
    TimedOut {
        /// What was awaited.
        waited_for: String,
        /// A summary of what the fake had recorded.
        seen: String,
    },
}

/// A short summary of the traffic, for error messages.
pub(crate) fn summarise(journal: &Journal) -> String {
    let requests: Vec<String> = journal
        .requests
        .iter()
        .rev()
        .take(8)
        .map(|recorded| {
            format!(
                "{} {} -> {}",
                recorded.method, recorded.path, recorded.status
            )
        })
        .collect();
    let ops: Vec<String> = journal
        .gateway
        .iter()
        .rev()
        .take(12)
        .map(|record| match &record.kind {
            GatewayRecordKind::Connected => format!("#{} connected", record.connection),
            GatewayRecordKind::Frame {
                direction,
                op,
                event,
                ..
            } => {
                let arrow = if *direction == Direction::FromBot {
                    "bot->"
                } else {
                    "->bot"
                };
                format!(
                    "#{} {arrow} op{op} {}",
                    record.connection,
                    event.as_deref().unwrap_or("")
                )
            }
            GatewayRecordKind::ClosedByFake { code } => {
                format!("#{} closed by fake {code:?}", record.connection)
            }
            GatewayRecordKind::ClosedByBot { code } => {
                format!("#{} closed by bot {code:?}", record.connection)
            }
        })
        .collect();
    format!(
        "{} requests (latest first: {}); {} gateway records (latest first: {})",
        journal.requests.len(),
        requests.join(", "),
        journal.gateway.len(),
        ops.join(", ")
    )
}
