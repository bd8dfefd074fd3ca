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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_ping_is_answered_with_pong() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let ping = json!({
        "id": "1302473928150667401",
        "application_id": fake.application_id().to_string(),
        "type": 1,
        "token": "ping-token",
        "version": 1,
        "user": { "id": "643945264868098049", "username": "discord", "discriminator": "0000",
                  "avatar": null, "public_flags": 0 }
    });
    let (status, body) = served
        .post_signed(serde_json::to_vec(&ping).expect("JSON"))
        .await;
    assert_eq!(status, 200);
    let pong: Value = serde_json::from_slice(&body).expect("a JSON answer");
    assert_eq!(pong, json!({ "type": 1 }));
    served.stop().await;
    assert!(fake
        .requests()
        .iter()
        .all(|recorded| !matches!(recorded.route, RouteKind::InteractionCallback { .. })));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsigned_wrongly_signed_and_tampered_requests_are_refused() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let define =
        fake.create_interaction(InteractionBuilder::command("define").string("term", "KCNA"));
    let body = serde_json::to_vec(&define.json).expect("JSON");
    let now = now_seconds();
    let (good_signature, timestamp) = signature(&served.signing, now, &body);

    let unsigned = served.post(body.clone(), (None, None)).await;
    assert_eq!(unsigned.0, 401, "no signature");
    let no_timestamp = served
        .post(body.clone(), (Some(good_signature.clone()), None))
        .await;
    assert_eq!(no_timestamp.0, 401, "no timestamp");
    let (stranger, _) = signature(&key_pair(), now, &body);
    let wrong_key = served
        .post(body.clone(), (Some(stranger), Some(timestamp.clone())))
        .await;
    assert_eq!(wrong_key.0, 401, "signed by another key");
    let garbled = served
        .post(
            body.clone(),
            (Some("zz".repeat(64)), Some(timestamp.clone())),
        )
        .await;
    assert_eq!(garbled.0, 401, "not hex");
    let other_time = served
        .post(
            body.clone(),
            (Some(good_signature.clone()), Some((now - 1).to_string())),
        )
        .await;
    assert_eq!(other_time.0, 401, "signature over another timestamp");
    let tampered = String::from_utf8(body.clone())
        .expect("UTF-8")
        .replace("KCNA", "KPA!");
    let tampered = served
        .post(
            tampered.into_bytes(),
            (Some(good_signature.clone()), Some(timestamp.clone())),
        )
        .await;
    assert_eq!(tampered.0, 401, "tampered body");
    // Every refusal was answered before any dispatch, so nothing reached Discord.
    assert!(fake.callbacks_for(&define).is_empty());

    let genuine = served
        .post(body, (Some(good_signature), Some(timestamp)))
        .await;
    assert_eq!(genuine.0, 202, "the same request, untouched");
    assert!(genuine.1.is_empty(), "202 carries no body");
    let callback = fake
        .wait_callback(&define, PATIENCE)
        .await
        .expect("a callback");
    assert_eq!(callback.status, 204);
    assert!(callback
        .body
        .expect("a body")
        .to_string()
        .contains("Korean Central News Agency"));
    served.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_old_timestamp_is_refused() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let glossary = fake.create_interaction(InteractionBuilder::command("glossary"));
    let body = serde_json::to_vec(&glossary.json).expect("JSON");
    for age in [301, 3600, 86_400] {
        let (signature, timestamp) = signature(&served.signing, now_seconds() - age, &body);
        let (status, _) = served
            .post(body.clone(), (Some(signature), Some(timestamp)))
            .await;
        assert_eq!(status, 401, "signed {age} s ago");
    }
    let (signature, timestamp) = signature(&served.signing, now_seconds() + 3600, &body);
    let (status, _) = served
        .post(body.clone(), (Some(signature), Some(timestamp)))
        .await;
    assert_eq!(status, 401, "signed an hour ahead");
    assert!(fake.callbacks_for(&glossary).is_empty());
    assert_eq!(served.post_signed(body).await.0, 202, "signed just now");
    served.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_come_before_the_body_is_read() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let head = |length: &str, signature: &str, timestamp: &str| {
        format!(
            "POST /interactions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             {length}X-Signature-Ed25519: {signature}\r\nX-Signature-Timestamp: {timestamp}\r\n\r\n",
            served.addr
        )
    };
    let fresh = now_seconds().to_string();
    let shaped = "ab".repeat(64);

    // The body is announced but never sent: an endpoint that read it first would hang.
    let stale = head("Content-Length: 500\r\n", &shaped, "1000000000");
    assert!(status_line(&raw_exchange(served.addr, stale.as_bytes()).await).contains(" 401 "));
    let unsigned = head("Content-Length: 500\r\n", "", &fresh);
    assert!(status_line(&raw_exchange(served.addr, unsigned.as_bytes()).await).contains(" 401 "));
    let announced = format!("Content-Length: {}\r\n", BODY_LIMIT + 1);
    let oversized = head(&announced, &shaped, &fresh);
    assert!(status_line(&raw_exchange(served.addr, oversized.as_bytes()).await).contains(" 413 "));

    // Chunked, with no length announced: refused once it runs past 64 KiB, with more to come.
    let mut chunked = head("Transfer-Encoding: chunked\r\n", &shaped, &fresh).into_bytes();
    let chunk = vec![b' '; BODY_LIMIT + 1];
    chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
    chunked.extend_from_slice(&chunk);
    chunked.extend_from_slice(b"\r\n");
    assert!(status_line(&raw_exchange(served.addr, &chunked).await).contains(" 413 "));

    // Exactly at the limit the body is read and then judged by its signature.
    let padded = {
        let mut body = serde_json::to_vec(&json!({ "type": 1 })).expect("JSON");
        body.resize(BODY_LIMIT, b' ');
        body
    };
    let (status, _) = served.post_signed(padded).await;
    assert_eq!(status, 200, "a 64 KiB PING");
    served.stop().await;
}

/// Values for required options, by name; the shipped dossier holds each.
fn value_for(option: &Value) -> Option<CommandOption> {
    let name = option["name"].as_str()?;
    let value = match option["type"].as_u64()? {
        3 => OptionValue::String(
            match name {
                "id" | "event" => "kcna-first-confirmation",
                "measure" => "personnel-deployed",
                "actor" => "north-korea",
                "query" => "troops kursk",
                _ => "KCNA",
            }
            .to_owned(),
        ),
        4 => OptionValue::Integer(1),
        10 => OptionValue::Number(1.0),
        5 => OptionValue::Boolean(false),
        6 => OptionValue::User(853_094_416_902_963_241),
        7 => OptionValue::Channel(1_219_372_841_003_601_961),
        _ => return None,
    };
    Some(CommandOption::new(name, value))
}

/// The required options of a command (or subcommand), or None if one cannot be filled.
fn required_options(options: &[Value]) -> Option<Vec<CommandOption>> {
    options
        .iter()
        .filter(|option| option["required"] == true)
        .map(value_for)
        .collect()
}

/// One interaction per command and subcommand, and one autocomplete per autocompleting
/// option, built from what the bot registered.
fn every_interaction(registered: &[Value]) -> Vec<(String, InteractionBuilder)> {
    let mut interactions = Vec::new();
    for command in registered {
        let name = command["name"].as_str().unwrap_or_default().to_owned();
        let options = command["options"].as_array().cloned().unwrap_or_default();
        let subcommands: Vec<&Value> = options
            .iter()
            .filter(|option| option["type"] == 1)
            .collect();
        let leaves: Vec<(Option<String>, Vec<Value>)> = if subcommands.is_empty() {
            vec![(None, options.clone())]
        } else {
            subcommands
                .iter()
                .map(|sub| {
                    let inner = sub["options"].as_array().cloned().unwrap_or_default();
                    (sub["name"].as_str().map(str::to_owned), inner)
                })
                .collect()
        };
        for (sub, leaf_options) in leaves {
            let label = match &sub {
                Some(sub) => format!("/{name} {sub}"),
                None => format!("/{name}"),
            };
            let Some(required) = required_options(&leaf_options) else {
                continue;
            };
            let with = |builder: InteractionBuilder, filled: Vec<CommandOption>| match &sub {
                Some(sub) => builder.subcommand(sub.clone(), filled),
                None => filled.into_iter().fold(builder, InteractionBuilder::option),
            };
            interactions.push((
                label.clone(),
                with(InteractionBuilder::command(&name), required.clone()),
            ));
            for option in &leaf_options {
                if option["autocomplete"] != true {
                    continue;
                }
                let focused_name = option["name"].as_str().unwrap_or_default();
                let mut filled: Vec<CommandOption> = required
                    .iter()
                    .filter(|filled| filled.name != focused_name)
                    .cloned()
                    .collect();
                filled.push(CommandOption::new(
                    focused_name,
                    OptionValue::Focused {
                        type_code: option["type"].as_u64().unwrap_or(3),
                        partial: "k".to_owned(),
                    },
                ));
                let autocomplete = match &sub {
                    Some(sub) => {
                        InteractionBuilder::autocomplete(&name).subcommand(sub.clone(), filled)
                    }
                    None => filled.into_iter().fold(
                        InteractionBuilder::autocomplete(&name),
                        InteractionBuilder::option,
                    ),
                };
                interactions.push((
                    format!("{label} ({focused_name}: autocomplete)"),
                    autocomplete,
                ));
            }
        }
    }
    interactions
}

/// The callback as a comparable value: the interaction's own id (which names paged sessions
/// in button ids) replaced by a placeholder.
fn comparable(callback: &Recorded, ids: &[u64]) -> Value {
    let mut text = callback.body.clone().unwrap_or_default().to_string();
    for id in ids {
        text = text.replace(&id.to_string(), "<interaction>");
    }
    serde_json::from_str(&text).expect("JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_with_the_same_embeds_as_over_the_gateway() {
    let fake = fake().await;
    let config = config_for(&fake);
    let (store, _) = prepare_store(&config).await.expect("the store");
    let bot = build(&config, store).await.expect("the bot");
    let gateway_stop = bot.shutdown_handle();
    let gateway_running = tokio::spawn(bot.run());
    fake.wait_ready(PATIENCE).await.expect("READY");
    let registered = fake
        .wait_commands_registered(PATIENCE)
        .await
        .expect("registered");
    let served = serve(&fake).await;

    let interactions = every_interaction(&registered);
    assert!(
        interactions.len() >= registered.len() + 5,
        "{}",
        interactions.len()
    );
    let mut paged = None;
    for (label, builder) in interactions {
        let over_gateway = fake.send_interaction(builder.clone());
        let gateway_answer = fake
            .wait_callback(&over_gateway, PATIENCE)
            .await
            .expect("a gateway callback");
        let over_http = fake.create_interaction(builder);
        assert_eq!(served.deliver(&over_http).await, 202, "{label}");
        let http_answer = fake
            .wait_callback(&over_http, PATIENCE)
            .await
            .expect("an HTTP callback");
        assert_eq!(http_answer.status, 204, "{label}: {:?}", http_answer.body);
        assert_eq!(gateway_answer.status, http_answer.status, "{label}");
        let gateway_json = comparable(&gateway_answer, &[over_gateway.id]);
        let http_json = comparable(&http_answer, &[over_http.id]);
        if label == "/ping" {
            // There is no gateway heartbeat to measure in HTTP mode.
            assert_eq!(gateway_json["data"]["embeds"][0]["title"], "Pong");
            assert_eq!(http_json["data"]["embeds"][0]["title"], "Pong");
            let said = http_json["data"]["embeds"][0]["description"].to_string();
            assert!(said.contains("not been measured"), "{said}");
            continue;
        }
        assert_eq!(gateway_json, http_json, "{label}");
        if label == "/timeline" {
            paged = Some((over_gateway, over_http, gateway_json));
        }
    }

    // Turning a page: the button press takes the same path too.
    let (gateway_command, http_command, first_page) = paged.expect("/timeline ran");
    let next = first_page["data"]["components"][0]["components"]
        .as_array()
        .and_then(|buttons| buttons.last())
        .and_then(|button| button["custom_id"].as_str())
        .expect("/timeline has page buttons")
        .to_owned();
    let press = |command: &InteractionHandle| {
        let message = fake.original_message(command).expect("the answer exists");
        let custom_id = next.replace("<interaction>", &command.id.to_string());
        InteractionBuilder::button(custom_id, message)
    };
    let gateway_press = fake.send_interaction(press(&gateway_command));
    let http_press = fake.create_interaction(press(&http_command));
    assert_eq!(served.deliver(&http_press).await, 202);
    let gateway_turn = fake
        .wait_callback(&gateway_press, PATIENCE)
        .await
        .expect("a gateway page turn");
    let http_turn = fake
        .wait_callback(&http_press, PATIENCE)
        .await
        .expect("an HTTP page turn");
    assert_eq!(http_turn.callback_type(), Some(7), "{:?}", http_turn.body);
    assert_eq!(
        comparable(&gateway_turn, &[gateway_command.id]),
        comparable(&http_turn, &[http_command.id])
    );

    served.stop().await;
    gateway_stop.shutdown().await;
    gateway_running
        .await
        .expect("no panic")
        .expect("a clean stop");
    assert!(
        fake.unknown_requests().is_empty(),
        "{:?}",
        fake.unknown_requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_requests_are_all_answered() {
    let fake = fake().await;
    let served = std::sync::Arc::new(serve(&fake).await);
    let kinds = [
        InteractionBuilder::command("define").string("term", "KCNA"),
        InteractionBuilder::command("event").string("id", "kcna-first-confirmation"),
        InteractionBuilder::command("glossary"),
        InteractionBuilder::autocomplete("define").focused("term", "ku"),
    ];
    let handles: Vec<InteractionHandle> = (0..200)
        .map(|index| fake.create_interaction(kinds[index % kinds.len()].clone()))
        .collect();
    let mut requests = tokio::task::JoinSet::new();
    for handle in handles.clone() {
        let served = std::sync::Arc::clone(&served);
        requests.spawn(async move { served.deliver(&handle).await });
    }
    let mut statuses = Vec::new();
    while let Some(status) = requests.join_next().await {
        statuses.push(status.expect("no panic"));
    }
    assert_eq!(statuses.len(), 200);
    assert!(statuses.iter().all(|status| *status == 202), "{statuses:?}");
    let callbacks = fake
        .wait_callbacks(&handles, PATIENCE)
        .await
        .expect("every interaction answered");
    for (handle, callback) in handles.iter().zip(&callbacks) {
        assert_eq!(callback.status, 204, "{:?}", callback.body);
        let expected = if handle.kind == dossier_testkit::InteractionKind::Autocomplete {
            8
        } else {
            4
        };
        assert_eq!(callback.callback_type(), Some(expected));
        assert_eq!(fake.callbacks_for(handle).len(), 1, "answered once");
    }
    let served = std::sync::Arc::into_inner(served).expect("no request left");
    served.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_health_check_answers_until_a_graceful_stop() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let response = served
        .client
        .get(served.url("/healthz"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let body: Value =
        serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(body["status"], "ok");
    let unknown = served
        .client
        .get(served.url("/interactions"))
        .send()
        .await
        .expect("answers");
    assert_eq!(unknown.status().as_u16(), 405, "interactions are POSTed");

    let addr = served.addr;
    served.stop().await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "nothing listens after the stop"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_mode_needs_the_public_key() {
    let fake = fake().await;
    let config = config_for(&fake);
    let (store, _) = prepare_store(&config).await.expect("the store");
    let refused = build_endpoint(&config, store).await;
    assert!(
        matches!(
            refused,
            Err(BotError::Config(ConfigError::Missing {
                variable: "DISCORD_PUBLIC_KEY",
                ..
            }))
        ),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_registers_every_command_once_without_the_gateway() {
    let fake = fake().await;
    let guild = 1_219_372_840_227_655_720;
    let mut config = config_for(&fake);
    config.guild_id = Some(poise::serenity_prelude::GuildId::new(guild));
    let count = register_commands(&config).await.expect("registered");
    let registered = fake.registered_guild_commands(guild);
    assert_eq!(registered.len(), count);
    assert!(registered.iter().any(|command| command["name"] == "define"));
    assert!(fake.gateway_records().is_empty(), "no gateway connection");
    let asked_for_the_id = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|recorded| recorded.route == RouteKind::CurrentApplication)
            .count()
    };
    assert_eq!(asked_for_the_id(&fake), 1, "the id comes from Discord");

    let mut global = config_for(&fake);
    global.application_id = Some(poise::serenity_prelude::ApplicationId::new(
        fake.application_id(),
    ));
    register_commands(&global).await.expect("registered");
    assert_eq!(fake.registered_commands().len(), count, "globally");
    assert_eq!(
        asked_for_the_id(&fake),
        1,
        "DISCORD_APPLICATION_ID spares the request"
    );

    let mut wrong = config_for(&fake);
    wrong.token = Token::new("not-the-token").expect("a token");
    assert!(matches!(
        register_commands(&wrong).await,
        Err(BotError::TokenRejected)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_on_one_host_share_the_sqlite_file() {
    let fake = fake().await;
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("dossier.db").display());
    let signing = key_pair();
    let start = || {
        let mut config = config_for(&fake);
        config.database_url = url.clone();
        config.public_key = Some(public_key(&signing));
        async move {
            let (store, _) = prepare_store(&config).await.expect("the shared store");
            build_endpoint(&config, store).await.expect("a replica")
        }
    };
    // The file is created and migrated once (two first-time migrations racing on one new file
    // fail in the store); after that replicas start together, as a service manager would.
    let mut once = config_for(&fake);
    once.database_url = url.clone();
    let (store, _) = prepare_store(&once).await.expect("the file is prepared");
    store.close().await;
    let (first, second) = tokio::join!(start(), start());
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    let mut replicas = Vec::new();
    for endpoint in [first, second] {
        let addr = endpoint.local_addr().expect("an address");
        let stop = endpoint.shutdown_handle();
        let running = tokio::spawn(endpoint.run());
        replicas.push(Served {
            addr,
            stop,
            running,
            client: client.clone(),
            signing: signing.clone(),
        });
    }
    assert_ne!(replicas[0].addr, replicas[1].addr);
    for replica in &replicas {
        let define =
            fake.create_interaction(InteractionBuilder::command("define").string("term", "KCNA"));
        assert_eq!(replica.deliver(&define).await, 202);
        let callback = fake
            .wait_callback(&define, PATIENCE)
            .await
            .expect("a callback");
        assert!(callback
            .body
            .expect("a body")
            .to_string()
            .contains("Korean Central News Agency"));
    }
    for replica in replicas {
        replica.stop().await;
    }
}

/// The first request after `mark` that carries a file for this interaction.
async fn upload_for(fake: &FakeDiscord, handle: &InteractionHandle, mark: Mark) -> Recorded {
    let token = handle.token.clone();
    fake.wait_request(
        mark,
        PATIENCE,
        "the answer with its chart",
        move |recorded| {
            !recorded.uploads.is_empty() && recorded.route.token() == Some(token.as_str())
        },
    )
    .await
    .expect("the chart arrives")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_answers_defer_then_follow_through_the_webhook_as_over_the_gateway() {
    let fake = fake().await;
    let config = config_for(&fake);
    let (store, _) = prepare_store(&config).await.expect("the store");
    let bot = build(&config, store).await.expect("the bot");
    let gateway_stop = bot.shutdown_handle();
    let gateway_running = tokio::spawn(bot.run());
    fake.wait_ready(PATIENCE).await.expect("READY");
    fake.wait_commands_registered(PATIENCE)
        .await
        .expect("registered");
    let served = serve(&fake).await;

    let chart = InteractionBuilder::command("estimates").boolean("chart", true);
    let mark = fake.mark();
    let over_gateway = fake.send_interaction(chart.clone());
    let gateway_edit = upload_for(&fake, &over_gateway, mark).await;
    let mark = fake.mark();
    let over_http = fake.create_interaction(chart);
    assert_eq!(served.deliver(&over_http).await, 202);
    let http_edit = upload_for(&fake, &over_http, mark).await;

    let deferred = fake
        .wait_callback(&over_http, PATIENCE)
        .await
        .expect("a callback");
    assert_eq!(deferred.callback_type(), Some(5), "a chart defers first");
    // Then the answer follows through the interaction's webhook, as over the gateway.
    assert_eq!(http_edit.method, gateway_edit.method);
    assert!(
        matches!(
            http_edit.route,
            RouteKind::Followup { .. } | RouteKind::OriginalResponse { .. }
        ),
        "{:?}",
        http_edit.route
    );
    assert!(http_edit.status < 300, "{:?}", http_edit.body);
    assert_eq!(
        comparable(&gateway_edit, &[over_gateway.id]),
        comparable(&http_edit, &[over_http.id])
    );
    assert_eq!(gateway_edit.uploads.len(), 1);
    assert_eq!(
        gateway_edit.uploads[0].data, http_edit.uploads[0].data,
        "the same PNG"
    );

    served.stop().await;
    gateway_stop.shutdown().await;
    gateway_running
        .await
        .expect("no panic")
        .expect("a clean stop");
}
