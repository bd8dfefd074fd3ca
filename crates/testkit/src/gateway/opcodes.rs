//! What the fake does with each frame the bot sends: HEARTBEAT (op 1), IDENTIFY (op 2) with its
//! shard, and RESUME (op 6).

use serde_json::{json, Value};
use tokio::sync::mpsc;

use crate::gateway::frames::{
    OutFrame, Outgoing, AUTHENTICATION_FAILED, INVALID_SHARD, SHARDING_REQUIRED,
};
use crate::gateway::shard::{ShardId, MAX_GUILDS_PER_SHARD};
use crate::record::{Direction, GatewayRecordKind};
use crate::state::{lock, Shared};

/// Journals one frame from the bot and answers it.
pub(super) fn handle_bot_frame(
    shared: &Shared,
    connection: u64,
    outbox: &mpsc::UnboundedSender<Outgoing>,
    text: &str,
) {
    let payload: Value = serde_json::from_str(text).unwrap_or_else(|_| json!({ "raw": text }));
    let op = payload["op"].as_u64().unwrap_or(u64::MAX);
    shared.record_gateway(
        connection,
        GatewayRecordKind::Frame {
            direction: Direction::FromBot,
            op,
            event: None,
            seq: None,
            payload: payload.clone(),
        },
    );
    let data = &payload["d"];
    let token_ok = data["token"]
        .as_str()
        .is_some_and(|token| shared.token_is_valid(token));
    match op {
        1 => heartbeat(shared, connection, outbox, data),
        2 | 6 if !token_ok => {
            let _ = outbox.send(Outgoing::Close(AUTHENTICATION_FAILED));
        }
        2 => identify(shared, connection, outbox, data),
        6 => resume(shared, connection, outbox, data),
        _ => {}
    }
}

fn send(outbox: &mpsc::UnboundedSender<Outgoing>, payload: &Value) {
    let _ = outbox.send(Outgoing::Frame(OutFrame::new(payload)));
}

/// Acknowledges the sequence number (so replay can forget up to it) and answers op 11, unless
/// the test withholds acknowledgements.
fn heartbeat(
    shared: &Shared,
    connection: u64,
    outbox: &mpsc::UnboundedSender<Outgoing>,
    data: &Value,
) {
    let mut gateway = lock(&shared.gateway);
    if let Some(acknowledged) = data.as_u64() {
        gateway.acknowledge(connection, acknowledged);
    }
    if !gateway.withhold_heartbeat_acks {
        send(
            outbox,
            &json!({ "op": 11, "s": null, "t": null, "d": null }),
        );
    }
}

/// The shard an IDENTIFY asks for: `[0, 1]` without `shard`, `None` when it is not two numbers.
fn requested_shard(shard: &Value) -> Option<ShardId> {
    if shard.is_null() {
        return Some(ShardId::UNSHARDED);
    }
    let [id, total] = shard.as_array()?.as_slice() else {
        return None;
    };
    let number = |value: &Value| value.as_u64().and_then(|value| u32::try_from(value).ok());
    Some(ShardId::new(number(id)?, number(total)?))
}

/// Opens a session for the shard asked for and sends READY listing that shard's guilds, or
/// closes with 4010 for an impossible shard and 4011 for one that would carry too many guilds.
fn identify(
    shared: &Shared,
    connection: u64,
    outbox: &mpsc::UnboundedSender<Outgoing>,
    data: &Value,
) {
    let Some(shard) = requested_shard(&data["shard"]).filter(|shard| shard.is_valid()) else {
        let _ = outbox.send(Outgoing::Close(INVALID_SHARD));
        return;
    };
    let guilds: Vec<Value> = shared
        .config
        .guilds
        .iter()
        .filter(|guild_id| shard.owns(Some(**guild_id)))
        .map(|guild_id| json!({ "id": guild_id.to_string(), "unavailable": true }))
        .collect();
    if guilds.len() > MAX_GUILDS_PER_SHARD {
        let _ = outbox.send(Outgoing::Close(SHARDING_REQUIRED));
        return;
    }
    let session_id = format!(
        "{:032x}",
        shared.snowflakes.next().wrapping_mul(0x9E37_79B9)
    );
    let ready = json!({
        "v": 10,
        "user": shared.bot_user(),
        "guilds": guilds,
        "session_id": session_id,
        "resume_gateway_url": shared.gateway_url(),
        "shard": [shard.id, shard.total],
        "application": { "id": shared.config.application_id.to_string(), "flags": 8_429_568 },
        "private_channels": [],
        "presences": [],
        "_trace": ["[\"dossier-fake-gateway\"]"],
    });
    let mut gateway = lock(&shared.gateway);
    gateway.begin_session(connection, shard, session_id);
    gateway.send_ready(shard, ready);
}

/// Takes the session over and replays what the bot missed, then RESUMED; an unknown session
/// gets op 9 (not resumable).
fn resume(
    shared: &Shared,
    connection: u64,
    outbox: &mpsc::UnboundedSender<Outgoing>,
    data: &Value,
) {
    let wanted = data["session_id"].as_str().unwrap_or("");
    let last_seen = data["seq"].as_u64().unwrap_or(0);
    let mut gateway = lock(&shared.gateway);
    let Some((shard, missed)) = gateway.resume_session(connection, wanted, last_seen) else {
        send(
            outbox,
            &json!({ "op": 9, "s": null, "t": null, "d": false }),
        );
        return;
    };
    for frame in missed {
        let _ = outbox.send(Outgoing::Frame(frame));
    }
    gateway.send_resumed(shard);
}
