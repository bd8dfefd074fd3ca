//! HTTP mode in-process against the fake Discord: signatures checked with a key pair made
//! here, PING, refusals before any body work, the same answers as over the gateway, a burst of
//! concurrent requests, the health check, graceful shutdown and the `register` step.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use dossier_bot::{
    build, build_endpoint, prepare_store, register_commands, ApiBase, BotError, Config,
    ConfigError, PublicKey, RetryPolicy, ShutdownHandle, Token,
};
use dossier_testkit::{
    CommandOption, FakeConfig, FakeDiscord, InteractionBuilder, InteractionHandle, Mark,
    OptionValue, Recorded, RouteKind,
};
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::task::JoinHandle;

/// An upper bound for what takes milliseconds; only a broken endpoint reaches it.
const PATIENCE: Duration = Duration::from_secs(60);
/// The endpoint's body limit.
const BODY_LIMIT: usize = 64 * 1024;

/// A fresh ed25519 key pair, as the developer portal would hold for the application.
fn key_pair() -> SigningKey {
    let mut seed = [0_u8; 32];
    fastrand::fill(&mut seed);
    SigningKey::from_bytes(&seed)
}

fn public_key(signing: &SigningKey) -> PublicKey {
    PublicKey::from_hex(&hex::encode(signing.verifying_key().as_bytes())).expect("a valid key")
}

fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The two signature headers Discord sends: hex ed25519 over `timestamp + body`, timestamp.
fn signature(signing: &SigningKey, timestamp: u64, body: &[u8]) -> (String, String) {
    let timestamp = timestamp.to_string();
    let signed = signing.sign(&[timestamp.as_bytes(), body].concat());
    (hex::encode(signed.to_bytes()), timestamp)
}

fn config_for(fake: &FakeDiscord) -> Config {
    let mut config = Config::new(Token::new(fake.token()).expect("a token"));
    config.api_base = Some(ApiBase::new(&fake.api_base()).expect("the fake's base"));
    config.database_url = "sqlite::memory:".to_owned();
    config.heavy_command_cooldown = Duration::ZERO;
    config.registration_retry = RetryPolicy {
        attempts: 2,
        first_delay: Duration::from_millis(50),
    };
    config.http_addr = SocketAddr::from(([127, 0, 0, 1], 0));
    config
}

/// An endpoint serving on loopback against `fake`, checking signatures of `signing`.
struct Served {
    addr: SocketAddr,
    stop: ShutdownHandle,
    running: JoinHandle<Result<(), BotError>>,
    client: reqwest::Client,
    signing: SigningKey,
}

async fn serve(fake: &FakeDiscord) -> Served {
    let signing = key_pair();
    let mut config = config_for(fake);
    config.public_key = Some(public_key(&signing));
    let (store, _) = prepare_store(&config).await.expect("the store");
    let endpoint = build_endpoint(&config, store).await.expect("the endpoint");
    let addr = endpoint.local_addr().expect("an address");
    assert!(addr.ip().is_loopback());
    let stop = endpoint.shutdown_handle();
    let running = tokio::spawn(endpoint.run());
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    Served {
        addr,
        stop,
        running,
        client,
        signing,
    }
}

async fn fake() -> FakeDiscord {
    dossier_testkit::loopback::isolate_from_proxies();
    FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts")
}

impl Served {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POSTs `body` with these signature headers (either may be left out).
    async fn post(
        &self,
        body: Vec<u8>,
        headers: (Option<String>, Option<String>),
    ) -> (u16, Vec<u8>) {
        let mut request = self
            .client
            .post(self.url("/interactions"))
            .header("content-type", "application/json")
            .body(body);
        if let Some(signature) = headers.0 {
            request = request.header("X-Signature-Ed25519", signature);
        }
        if let Some(timestamp) = headers.1 {
            request = request.header("X-Signature-Timestamp", timestamp);
        }
        let response = request.send().await.expect("the endpoint answers");
        let status = response.status().as_u16();
        let body = response.bytes().await.expect("a body").to_vec();
        (status, body)
    }

    /// POSTs `body` signed now with the application's key.
    async fn post_signed(&self, body: Vec<u8>) -> (u16, Vec<u8>) {
        let (signature, timestamp) = signature(&self.signing, now_seconds(), &body);
        self.post(body, (Some(signature), Some(timestamp))).await
    }

    /// Delivers an interaction the fake created, signed, as Discord would.
    async fn deliver(&self, handle: &InteractionHandle) -> u16 {
        let body = serde_json::to_vec(&handle.json).expect("JSON");
        self.post_signed(body).await.0
    }

    async fn stop(self) {
        self.stop.shutdown().await;
        self.running.await.expect("no panic").expect("a clean stop");
    }
}

/// Sends raw bytes to `addr` and returns what came back before the connection closed.
async fn raw_exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connects");
    // The endpoint may answer and close before reading everything; that is the point.
    let _ = stream.write_all(request).await;
    let mut answer = Vec::new();
    let mut buffer = [0_u8; 4096];
    let read = tokio::time::timeout(PATIENCE, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(count) => {
                    answer.extend_from_slice(&buffer[..count]);
                    if answer.windows(4).any(|window| window == b"\r\n\r\n") {
                        break;
                    }
                }
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the endpoint waited for a body it should refuse unread"
    );
    String::from_utf8_lossy(&answer).into_owned()
}

fn status_line(answer: &str) -> &str {
    answer.lines().next().unwrap_or_default()
}

mod operations;
mod parity;
mod signatures;
