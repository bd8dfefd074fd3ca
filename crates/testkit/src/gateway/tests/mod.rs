//! The fake gateway driven by a bare WebSocket client that plays one shard: routing by guild,
//! per-shard READY and resume, undeliverable interactions and refused shards.

mod refusals;
mod routing;
mod sessions;

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{connect_async, MaybeTlsStream, WebSocketStream};

use crate::{FakeConfig, FakeDiscord, InteractionBuilder, InteractionHandle, ShardId};

/// Far longer than anything here takes on loopback; only a broken fake reaches it.
const PATIENCE: Duration = Duration::from_secs(10);

/// What the fake sent next.
#[derive(Debug)]
enum Received {
    Payload(Value),
    Closed(Option<u16>),
}

/// One gateway connection, played by hand.
struct RawShard {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    session_id: String,
    seq: u64,
}

impl RawShard {
    /// Connects and reads HELLO.
    async fn connect(fake: &FakeDiscord) -> Self {
        let url = format!("{}?v=10&encoding=json", fake.gateway_url());
        let (socket, _) = connect_async(url.as_str())
            .await
            .unwrap_or_else(|error| panic!("the gateway accepts: {error}"));
        let mut shard = Self {
            socket,
            session_id: String::new(),
            seq: 0,
        };
        let hello = shard.payload().await;
        assert_eq!(hello["op"], 10, "HELLO first: {hello}");
        shard
    }

    /// Connects, sends IDENTIFY with this `shard` field (`Value::Null` leaves it out) and
    /// returns the READY data.
    async fn identify(fake: &FakeDiscord, shard: Value) -> (Self, Value) {
        let mut connection = Self::connect(fake).await;
        let mut identify = json!({ "token": fake.token(), "intents": 0,
            "properties": { "os": "linux", "browser": "raw", "device": "raw" } });
        if !shard.is_null() {
            identify["shard"] = shard;
        }
        connection.send(json!({ "op": 2, "d": identify })).await;
        let ready = connection.dispatch("READY").await;
        connection.session_id = ready["session_id"].as_str().unwrap_or_default().to_owned();
        (connection, ready)
    }

    /// Identifies as `shard`.
    async fn as_shard(fake: &FakeDiscord, shard: ShardId) -> Self {
        Self::identify(fake, json!([shard.id, shard.total])).await.0
    }

    async fn send(&mut self, payload: Value) {
        self.socket
            .send(Message::Text(payload.to_string()))
            .await
            .unwrap_or_else(|error| panic!("sent to the fake: {error}"));
    }

    /// The next payload or close, keeping track of the sequence number.
    async fn receive(&mut self) -> Received {
        loop {
            let next = tokio::time::timeout(PATIENCE, self.socket.next())
                .await
                .unwrap_or_else(|_| panic!("the fake sent nothing"));
            match next {
                Some(Ok(Message::Text(text))) => {
                    let payload: Value = serde_json::from_str(&text)
                        .unwrap_or_else(|error| panic!("{error}: {text}"));
                    if let Some(seq) = payload["s"].as_u64() {
                        self.seq = seq;
                    }
                    return Received::Payload(payload);
                }
                Some(Ok(Message::Close(frame))) => {
                    return Received::Closed(frame.map(|frame| u16::from(frame.code)));
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return Received::Closed(None),
            }
        }
    }

    async fn payload(&mut self) -> Value {
        match self.receive().await {
            Received::Payload(payload) => payload,
            Received::Closed(code) => panic!("closed ({code:?}) instead of a payload"),
        }
    }

    /// The data of the next dispatch, which must be `event`.
    async fn dispatch(&mut self, event: &str) -> Value {
        let payload = self.payload().await;
        assert_eq!(payload["t"], event, "{payload}");
        payload["d"].clone()
    }

    /// The id of the next INTERACTION_CREATE.
    async fn interaction_id(&mut self) -> u64 {
        let data = self.dispatch("INTERACTION_CREATE").await;
        data["id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("an interaction id: {data}"))
    }

    /// Sends RESUME for `session_id` from `seq` on a new connection.
    async fn resume(fake: &FakeDiscord, session_id: &str, seq: u64) -> Self {
        let mut connection = Self::connect(fake).await;
        let resume = json!({ "token": fake.token(), "session_id": session_id, "seq": seq });
        connection.send(json!({ "op": 6, "d": resume })).await;
        connection.session_id = session_id.to_owned();
        connection
    }

    /// Ends the connection from the client side, as a process that dies does.
    async fn drop_connection(mut self) {
        let _ = self.socket.close(None).await;
    }
}

async fn fake_with(config: FakeConfig) -> FakeDiscord {
    FakeDiscord::start(config)
        .await
        .unwrap_or_else(|error| panic!("the fake starts: {error}"))
}

async fn fake() -> FakeDiscord {
    fake_with(FakeConfig::default()).await
}

/// `/ping` from `guild_id`.
fn ping_in(fake: &FakeDiscord, guild_id: u64) -> InteractionHandle {
    fake.send_interaction(InteractionBuilder::command("ping").guild(guild_id))
}

async fn wait_for(fake: &FakeDiscord, shards: &[ShardId]) {
    fake.wait_for_shards(shards, PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
}

/// A plain `GET /api/v10/gateway/bot` with the bot's token; the JSON body.
async fn gateway_bot(fake: &FakeDiscord) -> Value {
    let address = fake.api_base().replace("http://", "");
    let mut stream = TcpStream::connect(&address)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let request = format!(
        "GET /api/v10/gateway/bot HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bot {}\r\n\
         Connection: close\r\n\r\n",
        fake.token()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let mut answer = String::new();
    let read = tokio::time::timeout(PATIENCE, stream.read_to_string(&mut answer)).await;
    assert!(matches!(read, Ok(Ok(_))), "{read:?}");
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|error| panic!("{error}: {answer}"))
}
