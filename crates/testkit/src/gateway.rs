//! The fake gateway: HELLO, IDENTIFY/READY, HEARTBEAT/ACK, RESUME/RESUMED with replay, INVALID
//! SESSION, RECONNECT, dispatches, and closes on demand.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::WebSocketStream;

use crate::record::{Direction, GatewayRecordKind};
use crate::state::{lock, Shared};

/// Close code Discord sends for a wrong token.
pub(crate) const AUTHENTICATION_FAILED: u16 = 4004;

/// One payload on its way to the bot, with what the journal keeps of it.
#[derive(Clone, Debug)]
pub(crate) struct OutFrame {
    text: Arc<str>,
    op: u64,
    event: Option<String>,
    seq: Option<u64>,
    recorded_payload: Value,
}

impl OutFrame {
    fn new(payload: &Value) -> Self {
        let op = payload["op"].as_u64().unwrap_or(0);
        let event = payload["t"].as_str().map(str::to_owned);
        let seq = payload["s"].as_u64();
        // Interaction dispatches are kept by the handle; the journal keeps only their header so
        // long benchmark runs stay small.
        let recorded_payload = if event.as_deref() == Some("INTERACTION_CREATE") {
            json!({ "op": op, "t": event, "s": seq })
        } else {
            payload.clone()
        };
        Self {
            text: payload.to_string().into(),
            op,
            event,
            seq,
            recorded_payload,
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

#[derive(Debug)]
struct Session {
    id: String,
    seq: u64,
    /// Dispatches not yet acknowledged by a heartbeat, for replay on RESUME.
    replay: VecDeque<(u64, OutFrame)>,
}

/// The gateway side of the fake: open connections, the live one, and the session.
#[derive(Debug, Default)]
pub(crate) struct GatewayState {
    connections_opened: u64,
    open: HashMap<u64, mpsc::UnboundedSender<Outgoing>>,
    live: Option<u64>,
    session: Option<Session>,
    /// Dispatches asked for before any session existed; sent right after the next READY.
    before_ready: Vec<(String, Value)>,
    pub(crate) withhold_heartbeat_acks: bool,
}

impl GatewayState {
    /// Queues a dispatch: sent now on the live connection and kept for replay, or, while no
    /// session exists (before the first READY, or after a non-resumable INVALID SESSION), held
    /// and sent right after the next READY.
    pub(crate) fn dispatch(&mut self, event: &str, data: Value) -> Instant {
        let at = Instant::now();
        let Some(session) = self.session.as_mut() else {
            self.before_ready.push((event.to_owned(), data));
            return at;
        };
        session.seq += 1;
        let frame = OutFrame::new(&json!({ "op": 0, "t": event, "s": session.seq, "d": data }));
        session.replay.push_back((session.seq, frame.clone()));
        self.send_live(Outgoing::Frame(frame));
        at
    }

    fn send_live(&self, outgoing: Outgoing) {
        if let Some(sender) = self.live.and_then(|live| self.open.get(&live)) {
            let _ = sender.send(outgoing);
        }
    }

    /// Sends something to every open connection, none of which stays live.
    pub(crate) fn tell_every_connection(&mut self, make: impl Fn() -> Outgoing) {
        self.live = None;
        for sender in self.open.values() {
            let _ = sender.send(make());
        }
    }

    /// Sends op 9 to the live connection; a non-resumable one also forgets the session.
    pub(crate) fn invalidate_session(&mut self, resumable: bool) {
        self.send_live(Outgoing::Frame(OutFrame::new(
            &json!({ "op": 9, "d": resumable }),
        )));
        if !resumable {
            self.session = None;
        }
        self.live = None;
    }

    /// Sends op 7 RECONNECT to the live connection.
    pub(crate) fn request_reconnect(&mut self) {
        self.send_live(Outgoing::Frame(OutFrame::new(
            &json!({ "op": 7, "d": null }),
        )));
        self.live = None;
    }
}

/// Answers the WebSocket upgrade on `/gateway` and hands the socket to a connection task.
pub(crate) async fn upgrade(State(shared): State<Arc<Shared>>, mut request: Request) -> Response {
    let key = request.headers().get(header::SEC_WEBSOCKET_KEY).cloned();
    let is_upgrade = request
        .headers()
        .get(header::UPGRADE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case("websocket"));
    let (Some(key), true) = (key, is_upgrade) else {
        let mut refusal = Response::new(Body::from("expected a WebSocket upgrade"));
        *refusal.status_mut() = StatusCode::BAD_REQUEST;
        return refusal;
    };
    let on_upgrade = hyper::upgrade::on(&mut request);
    tokio::spawn(async move {
        if let Ok(upgraded) = on_upgrade.await {
            let socket =
                WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
            serve_connection(shared, socket).await;
        }
    });
    let mut switching = Response::new(Body::empty());
    *switching.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = switching.headers_mut();
    headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    if let Ok(accept) = HeaderValue::from_str(&derive_accept_key(key.as_bytes())) {
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    switching
}

async fn serve_connection<S>(shared: Arc<Shared>, socket: WebSocketStream<S>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (outbox, mut inbox) = mpsc::unbounded_channel();
    let connection = {
        let mut gateway = lock(&shared.gateway);
        gateway.connections_opened += 1;
        let connection = gateway.connections_opened;
        gateway.open.insert(connection, outbox.clone());
        connection
    };
    shared.record_gateway(connection, GatewayRecordKind::Connected);
    let interval = shared.config.heartbeat_interval.as_millis() as u64;
    let hello = json!({ "op": 10, "s": null, "t": null,
        "d": { "heartbeat_interval": interval, "_trace": ["[\"dossier-fake-gateway\"]"] } });
    let _ = outbox.send(Outgoing::Frame(OutFrame::new(&hello)));
    let (mut sink, mut stream) = socket.split();
    loop {
        let over = tokio::select! {
            outgoing = inbox.recv() => write_outgoing(&shared, connection, &mut sink, outgoing).await,
            incoming = stream.next() => read_incoming(&shared, connection, &outbox, incoming),
        };
        if over {
            break;
        }
    }
    let mut gateway = lock(&shared.gateway);
    gateway.open.remove(&connection);
    if gateway.live == Some(connection) {
        gateway.live = None;
    }
}

/// Writes one queued item to the bot, journalling it first so the journal's order is the
/// order the bot can observe. Returns true when the connection is over.
async fn write_outgoing<S>(
    shared: &Shared,
    connection: u64,
    sink: &mut SplitSink<WebSocketStream<S>, Message>,
    outgoing: Option<Outgoing>,
) -> bool
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    match outgoing {
        Some(Outgoing::Frame(frame)) => {
            let message = encode(shared, &frame);
            shared.record_gateway(
                connection,
                GatewayRecordKind::Frame {
                    direction: Direction::ToBot,
                    op: frame.op,
                    event: frame.event,
                    seq: frame.seq,
                    payload: frame.recorded_payload,
                },
            );
            if sink.send(message).await.is_err() {
                shared.record_gateway(connection, GatewayRecordKind::ClosedByBot { code: None });
                return true;
            }
            false
        }
        Some(Outgoing::Close(code)) => {
            shared.record_gateway(
                connection,
                GatewayRecordKind::ClosedByFake { code: Some(code) },
            );
            let reason = match code {
                AUTHENTICATION_FAILED => "Authentication failed.",
                _ => "Closed by the test.",
            };
            let frame = CloseFrame {
                code: CloseCode::from(code),
                reason: reason.into(),
            };
            let _ = sink.send(Message::Close(Some(frame))).await;
            true
        }
        Some(Outgoing::DropTcp) | None => {
            shared.record_gateway(connection, GatewayRecordKind::ClosedByFake { code: None });
            true
        }
    }
}

/// Handles one message from the bot. Returns true when the connection is over.
fn read_incoming(
    shared: &Shared,
    connection: u64,
    outbox: &mpsc::UnboundedSender<Outgoing>,
    incoming: Option<Result<Message, WsError>>,
) -> bool {
    let code = match incoming {
        Some(Ok(Message::Text(text))) => {
            handle_bot_frame(shared, connection, outbox, &text);
            return false;
        }
        Some(Ok(Message::Binary(bytes))) => {
            handle_bot_frame(shared, connection, outbox, &String::from_utf8_lossy(&bytes));
            return false;
        }
        Some(Ok(Message::Close(frame))) => frame.map(|frame| u16::from(frame.code)),
        Some(Ok(_)) => return false,
        Some(Err(_)) | None => None,
    };
    shared.record_gateway(connection, GatewayRecordKind::ClosedByBot { code });
    true
}

fn encode(shared: &Shared, frame: &OutFrame) -> Message {
    if !shared.config.zlib_frames {
        return Message::Text(frame.text.to_string());
    }
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
    match encoder
        .write_all(frame.text.as_bytes())
        .and_then(|()| encoder.finish())
    {
        Ok(compressed) => Message::Binary(compressed),
        Err(_) => Message::Text(frame.text.to_string()),
    }
}

fn handle_bot_frame(
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
    let send = |value: Value| {
        let _ = outbox.send(Outgoing::Frame(OutFrame::new(&value)));
    };
    let token_ok = data["token"]
        .as_str()
        .is_some_and(|token| shared.token_is_valid(token));
    let mut gateway = lock(&shared.gateway);
    match op {
        1 => {
            if let (Some(acknowledged), Some(session)) = (data.as_u64(), gateway.session.as_mut()) {
                while session
                    .replay
                    .front()
                    .is_some_and(|(seq, _)| *seq <= acknowledged)
                {
                    session.replay.pop_front();
                }
            }
            if !gateway.withhold_heartbeat_acks {
                send(json!({ "op": 11, "s": null, "t": null, "d": null }));
            }
        }
        2 if !token_ok => {
            let _ = outbox.send(Outgoing::Close(AUTHENTICATION_FAILED));
        }
        2 => {
            let session_id = format!(
                "{:032x}",
                shared.snowflakes.next().wrapping_mul(0x9E37_79B9)
            );
            gateway.session = Some(Session {
                id: session_id.clone(),
                seq: 0,
                replay: VecDeque::new(),
            });
            gateway.live = Some(connection);
            let ready = json!({
                "v": 10,
                "user": shared.bot_user(),
                "guilds": [],
                "session_id": session_id,
                "resume_gateway_url": shared.gateway_url(),
                "shard": data.get("shard").cloned().unwrap_or(json!([0, 1])),
                "application": { "id": shared.config.application_id.to_string(), "flags": 8_429_568 },
                "private_channels": [],
                "presences": [],
                "_trace": ["[\"dossier-fake-gateway\"]"],
            });
            gateway.dispatch("READY", ready);
            for (event, data) in std::mem::take(&mut gateway.before_ready) {
                gateway.dispatch(&event, data);
            }
        }
        6 if !token_ok => {
            let _ = outbox.send(Outgoing::Close(AUTHENTICATION_FAILED));
        }
        6 => {
            let wanted = data["session_id"].as_str().unwrap_or("");
            let last_seen = data["seq"].as_u64().unwrap_or(0);
            let resumable = gateway
                .session
                .as_ref()
                .is_some_and(|session| session.id == wanted);
            if !resumable {
                send(json!({ "op": 9, "s": null, "t": null, "d": false }));
                return;
            }
            gateway.live = Some(connection);
            if let Some(session) = gateway.session.as_ref() {
                for (_, frame) in session.replay.iter().filter(|(seq, _)| *seq > last_seen) {
                    let _ = outbox.send(Outgoing::Frame(frame.clone()));
                }
            }
            gateway.dispatch(
                "RESUMED",
                json!({ "_trace": ["[\"dossier-fake-gateway\"]"] }),
            );
        }
        _ => {}
    }
}
