//! One WebSocket connection: the upgrade on `/gateway`, HELLO, and the loop that writes queued
//! frames and closes to the bot and reads the bot's frames.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use futures_util::stream::SplitSink;
use futures_util::{SinkExt, StreamExt};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::WebSocketStream;

use crate::gateway::frames::{close_reason, OutFrame, Outgoing};
use crate::gateway::opcodes::handle_bot_frame;
use crate::record::{Direction, GatewayRecordKind};
use crate::state::{lock, Shared};

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
    let connection = lock(&shared.gateway).open_connection(outbox.clone());
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
    lock(&shared.gateway).close_connection(connection);
    // The close was journalled before the session let go of the connection; wake the waits
    // that look at which shards are connected.
    shared.notify_change();
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
            let message = frame.encode(shared.config.zlib_frames);
            let interaction_id = frame.interaction_id;
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
            // Marked before the write, like the journal, so a bot that answers at once never
            // finds its interaction still queued.
            if let Some(interaction_id) = interaction_id {
                lock(&shared.gateway).mark_written(connection, interaction_id);
            }
            if sink.send(message).await.is_err() {
                if let Some(interaction_id) = interaction_id {
                    lock(&shared.gateway).unmark_written(connection, interaction_id);
                }
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
            let frame = CloseFrame {
                code: CloseCode::from(code),
                reason: close_reason(code).into(),
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
