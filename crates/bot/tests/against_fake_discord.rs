//! The real bot, started in-process with `build` against the fake Discord on loopback.

use std::time::Duration;

use dossier_bot::{build, prepare_store, ApiBase, Bot, BotError, Config, RetryPolicy, Token};
use dossier_testkit::{
    FakeConfig, FakeDiscord, InteractionBuilder, InteractionHandle, Recorded, RouteKind,
};
use serde_json::Value;

/// An upper bound for what takes milliseconds; only a broken bot reaches it.
const PATIENCE: Duration = Duration::from_secs(20);

/// The bot's configuration against `fake`, with an in-memory database and no cooldowns.
fn config_for(fake: &FakeDiscord, token: &str) -> Config {
    let mut config = Config::new(Token::new(token).expect("a token"));
    config.api_base = Some(ApiBase::new(&fake.api_base()).expect("the fake's base"));
    config.database_url = "sqlite::memory:".to_owned();
    config.heavy_command_cooldown = Duration::ZERO;
    config.registration_retry = RetryPolicy {
        attempts: 2,
        first_delay: Duration::from_millis(50),
    };
    config
}

async fn built(fake: &FakeDiscord, token: &str) -> Result<Bot, BotError> {
    let config = config_for(fake, token);
    let (store, _) = prepare_store(&config).await?;
    build(&config, store).await
}

/// The fake, and the bot running against it past READY and registration.
async fn fake_and_bot() -> (
    FakeDiscord,
    dossier_bot::ShutdownHandle,
    tokio::task::JoinHandle<Result<(), BotError>>,
) {
    dossier_testkit::loopback::isolate_from_proxies();
    let fake = FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts");
    let token = fake.token().to_owned();
    let bot = built(&fake, &token).await.expect("the bot builds");
    assert_eq!(
        bot.gateway_url().await,
        fake.gateway_url(),
        "the gateway comes from the base"
    );
    let stop = bot.shutdown_handle();
    let running = tokio::spawn(bot.run());
    fake.wait_ready(PATIENCE).await.expect("READY");
    fake.wait_commands_registered(PATIENCE)
        .await
        .expect("commands registered");
    (fake, stop, running)
}

async fn answer(
    fake: &FakeDiscord,
    interaction: InteractionBuilder,
) -> (InteractionHandle, Recorded) {
    let handle = fake.send_interaction(interaction);
    let callback = fake
        .wait_callback(&handle, PATIENCE)
        .await
        .expect("a callback");
    assert_eq!(callback.status, 204, "refused: {:?}", callback.body);
    (handle, callback)
}

fn data(callback: &Recorded) -> Value {
    callback.callback_data().cloned().unwrap_or_default()
}

fn silent(payload: &Value) {
    assert_eq!(
        payload["allowed_mentions"]["parse"],
        serde_json::json!([]),
        "{payload}"
    );
    assert!(dossier_testkit::mentions::interaction_message_pings(payload).is_silent());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_with_embeds_and_pings_no_one() {
    let (fake, stop, running) = fake_and_bot().await;
    let registered = fake.registered_commands();
    assert_eq!(registered.len(), 13);
    for name in [
        "timeline",
        "glossary",
        "estimates",
        "claims",
        "sources",
        "about",
        "help",
        "ping",
    ] {
        let (_, callback) = answer(&fake, InteractionBuilder::command(name)).await;
        assert_eq!(callback.callback_type(), Some(4), "/{name}");
        let data = data(&callback);
        assert!(data["embeds"][0]["title"].is_string(), "/{name}: {data}");
        silent(&data);
    }
    let (_, define) = answer(
        &fake,
        InteractionBuilder::command("define").string("term", "KCNA"),
    )
    .await;
    assert!(data(&define)
        .to_string()
        .contains("Korean Central News Agency"));
    let (_, event) = answer(
        &fake,
        InteractionBuilder::command("event").string("id", "kcna-first-confirmation"),
    )
    .await;
    assert_eq!(event.callback_type(), Some(4));
    assert_eq!(
        data(&event)["flags"].as_u64().unwrap_or(0) & 64,
        0,
        "a public answer"
    );
    stop.shutdown().await;
    running.await.expect("no panic").expect("a clean stop");
    assert!(
        fake.unknown_requests().is_empty(),
        "{:?}",
        fake.unknown_requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_pages_turn_for_their_owner_only() {
    let (fake, stop, running) = fake_and_bot().await;
    let (handle, callback) = answer(
        &fake,
        InteractionBuilder::command("timeline").user(1, "asker"),
    )
    .await;
    let first = data(&callback);
    let next = first["components"][0]["components"][2]["custom_id"]
        .as_str()
        .expect("a ▶ button")
        .to_owned();
    let message = fake.original_message(&handle).expect("the reply is stored");
    let (_, turned) = answer(
        &fake,
        InteractionBuilder::button(&next, message.clone()).user(1, "asker"),
    )
    .await;
    assert_eq!(turned.callback_type(), Some(7));
    let page_two = data(&turned);
    silent(&page_two);
    assert_eq!(
        page_two["components"][0]["components"][1]["label"]
            .as_str()
            .map(|l| l.starts_with("2/")),
        Some(true)
    );
    assert_ne!(page_two["embeds"], first["embeds"]);
    let (_, refused) = answer(
        &fake,
        InteractionBuilder::button(&next, message.clone()).user(2, "other"),
    )
    .await;
    assert_eq!(refused.callback_type(), Some(4));
    assert_eq!(data(&refused)["flags"].as_u64().unwrap_or(0) & 64, 64);
    let stale = "dossier:page:42:1:next";
    let (_, expired) = answer(
        &fake,
        InteractionBuilder::button(stale, message).user(1, "asker"),
    )
    .await;
    assert!(data(&expired).to_string().contains("expired"));
    stop.shutdown().await;
    running.await.expect("no panic").expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mistakes_are_private_and_mentions_stay_silent() {
    let (fake, stop, running) = fake_and_bot().await;
    let (_, missing) = answer(
        &fake,
        InteractionBuilder::command("define").string("term", "KCAN"),
    )
    .await;
    let missing = data(&missing);
    assert_eq!(missing["flags"].as_u64().unwrap_or(0) & 64, 64);
    assert!(missing.to_string().contains("Did you mean"), "{missing}");
    let hostile = "@everyone <@&123> <@456>";
    let (_, search) = answer(
        &fake,
        InteractionBuilder::command("search").string("query", hostile),
    )
    .await;
    silent(&data(&search));
    let (_, private) = answer(
        &fake,
        InteractionBuilder::command("glossary").boolean("private", true),
    )
    .await;
    assert_eq!(data(&private)["flags"].as_u64().unwrap_or(0) & 64, 64);
    let (_, bad_date) = answer(
        &fake,
        InteractionBuilder::command("timeline").string("from", "soon"),
    )
    .await;
    assert!(data(&bad_date).to_string().contains("Jan 2025"));
    let (_, choices) = answer(
        &fake,
        InteractionBuilder::autocomplete("define").focused("term", "k"),
    )
    .await;
    assert_eq!(choices.callback_type(), Some(8));
    let count = data(&choices)["choices"].as_array().map_or(0, Vec::len);
    assert!((1..=25).contains(&count), "{count} choices");
    stop.shutdown().await;
    running.await.expect("no panic").expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_is_a_clear_error_with_exit_code_two() {
    dossier_testkit::loopback::isolate_from_proxies();
    let fake = FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts");
    let error = match built(&fake, "not-the-token").await {
        Ok(bot) => bot.run().await.expect_err("the gateway refuses the token"),
        Err(error) => error,
    };
    assert!(matches!(error, BotError::TokenRejected), "{error}");
    assert_eq!(error.exit_code(), 2);
    assert!(!error.to_string().contains("not-the-token"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_that_keeps_failing_stops_the_bot_instead_of_leaving_it_mute() {
    dossier_testkit::loopback::isolate_from_proxies();
    let fake = FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts");
    fake.fail_requests(|route| matches!(route, RouteKind::GlobalCommands), 400);
    let token = fake.token().to_owned();
    let bot = built(&fake, &token).await.expect("the bot builds");
    let error = tokio::time::timeout(PATIENCE, bot.run())
        .await
        .expect("the bot stops by itself")
        .expect_err("registration failed");
    assert!(
        matches!(error, BotError::Registration { attempts: 2, .. }),
        "{error}"
    );
    assert_eq!(error.exit_code(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_base_without_a_gateway_is_an_error_not_a_fallback_to_discord() {
    dossier_testkit::loopback::isolate_from_proxies();
    let fake = FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts");
    fake.fail_requests(|route| matches!(route, RouteKind::Gateway), 502);
    let token = fake.token().to_owned();
    let error = built(&fake, &token)
        .await
        .err()
        .expect("no bot without a gateway URL");
    assert!(
        matches!(error, BotError::GatewayUnavailable { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("/api/v10/gateway"), "{error}");
}
