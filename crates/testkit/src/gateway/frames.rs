//! Payloads on their way to the bot: what a connection task is asked to send, and how it is
//! encoded (text, or one zlib stream per frame).

use std::io::Write;
use std::sync::Arc;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

/// One payload on its way to the bot, with what the journal keeps of it.
#[derive(Clone, Debug)]
pub(crate) struct OutFrame {
    pub(super) text: Arc<str>,
    pub(super) op: u64,
    pub(super) event: Option<String>,
    pub(super) seq: Option<u64>,
    pub(super) recorded_payload: Value,
    /// The interaction an INTERACTION_CREATE carries, whose delivery is tracked.
    pub(super) interaction_id: Option<u64>,
}

impl OutFrame {
    pub(super) fn new(payload: &Value) -> Self {
        let op = payload["op"].as_u64().unwrap_or(0);
        let event = payload["t"].as_str().map(str::to_owned);
        let seq = payload["s"].as_u64();
        let is_interaction = event.as_deref() == Some("INTERACTION_CREATE");
        // Interaction dispatches are kept by the handle; the journal keeps only their header so
        // long benchmark runs stay small.
        let recorded_payload = if is_interaction {
            json!({ "op": op, "t": event, "s": seq })
        } else {
            payload.clone()
        };
        let interaction_id = is_interaction
            .then(|| snowflake(&payload["d"]["id"]))
            .flatten();
        Self {
            text: payload.to_string().into(),
            op,
            event,
            seq,
            recorded_payload,
            interaction_id,
        }
    }

    /// Encodes the payload as Discord would send it.
    pub(super) fn encode(&self, zlib_frames: bool) -> Message {
        if !zlib_frames {
            return Message::Text(self.text.to_string());
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
        match encoder
            .write_all(self.text.as_bytes())
            .and_then(|()| encoder.finish())
        {
            Ok(compressed) => Message::Binary(compressed),
            Err(_) => Message::Text(self.text.to_string()),
        }
    }
}

/// What a connection task is asked to do next.
#[derive(Debug)]
pub(crate) enum Outgoing {
    Frame(OutFrame),
    Close(u16),
    DropTcp,
}

/// A snowflake field, sent as a string (or, leniently, as a number).
pub(super) fn snowflake(value: &Value) -> Option<u64> {
    value
        .as_str()
        .and_then(|text| text.parse().ok())
        .or_else(|| value.as_u64())
}

/// Close code Discord sends for a wrong token.
pub(super) const AUTHENTICATION_FAILED: u16 = 4004;
/// Close code Discord sends for an IDENTIFY whose `shard` is not `[id < total, total > 0]`.
pub(super) const INVALID_SHARD: u16 = 4010;
/// Close code Discord sends when a shard would carry too many guilds.
pub(super) const SHARDING_REQUIRED: u16 = 4011;

/// The reason Discord gives with a close code.
pub(super) fn close_reason(code: u16) -> &'static str {
    match code {
        AUTHENTICATION_FAILED => "Authentication failed.",
        INVALID_SHARD => "Invalid shard.",
        SHARDING_REQUIRED => "Sharding required.",
        _ => "Closed by the test.",
    }
}
