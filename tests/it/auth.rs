//! A token the fake rejects — 401 on REST, close 4004 on the gateway — stops the bot with
//! `BotError::TokenRejected` (exit code 2) and one clear line that never shows the token.

use dossier_bot::{ApiBase, BotError, EXIT_BAD_TOKEN};
use dossier_testkit::{FakeConfig, GatewayRecordKind, RouteKind};

use crate::harness::{build_bot, config_for, start_fake, PATIENCE};
use crate::relay;

/// A token the fake does not know, shaped so a leak is easy to spot.
const WRONG_TOKEN: &str = "wrong-token-b7e1c94f2a";

/// A wrong token as long as `token`, differing in its last character.
fn wrong_token_like(token: &str) -> String {
    let mut wrong: String = token.chars().take(token.chars().count() - 1).collect();
    wrong.push(if token.ends_with('z') { 'y' } else { 'z' });
    wrong
}

/// Fails unless `error` is the rejected-token failure, told on one line without the token.
fn assert_clear_token_rejection(error: &BotError, token: &str) {
    assert!(matches!(error, BotError::TokenRejected), "{error:?}");
    assert_eq!(error.exit_code(), EXIT_BAD_TOKEN);
    assert_eq!(EXIT_BAD_TOKEN, 2);
    let line = error.to_string();
    assert_eq!(line.lines().count(), 1, "one line: {line:?}");
    assert!(line.contains("DISCORD_TOKEN"), "says what to fix: {line}");
    assert!(!line.contains(token), "the token is never shown");
    assert!(!format!("{error:?}").contains(token));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_refused_with_401_stops_the_bot_before_it_connects() {
    let fake = start_fake(FakeConfig::default()).await;
    let config = config_for(&fake, WRONG_TOKEN);
    let error = build_bot(&config)
        .await
        .err()
        .unwrap_or_else(|| panic!("a bot was built with a refused token"));
    assert_clear_token_rejection(&error, WRONG_TOKEN);
    assert!(!fake.unauthorized_requests().is_empty(), "REST said 401");
    let connected = fake
        .gateway_records()
        .iter()
        .any(|record| record.kind == GatewayRecordKind::Connected);
    assert!(!connected, "no gateway connection with a refused token");
    assert!(fake.unknown_requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_refused_by_the_gateway_with_4004_stops_the_running_bot() {
    let fake = start_fake(FakeConfig::default()).await;
    // REST goes through a relay that puts the right token in, so the REST check passes and
    // only the gateway, reached directly, sees the wrong one: as when a token is reset
    // between the check and IDENTIFY.
    let wrong = wrong_token_like(fake.token());
    let target = fake
        .api_base()
        .trim_start_matches("http://")
        .parse()
        .unwrap_or_else(|error| panic!("the fake's address: {error}"));
    let relay = relay::start(target, &wrong, fake.token()).await;
    let mut config = config_for(&fake, &wrong);
    config.api_base = Some(ApiBase::new(&relay.base).unwrap_or_else(|error| panic!("{error}")));
    let bot = build_bot(&config)
        .await
        .unwrap_or_else(|error| panic!("REST accepts the relayed token: {error}"));
    let error = tokio::time::timeout(PATIENCE, bot.run())
        .await
        .unwrap_or_else(|_| panic!("the bot kept going after close 4004"))
        .err()
        .unwrap_or_else(|| panic!("a refused token ended cleanly"));
    assert_clear_token_rejection(&error, &wrong);
    let closes = fake
        .gateway_records()
        .into_iter()
        .filter(|record| record.kind == GatewayRecordKind::ClosedByFake { code: Some(4004) })
        .count();
    assert_eq!(closes, 1, "one refusal, not a retry loop");
    let identifies = fake.ops_from_bot().iter().filter(|op| **op == 2).count();
    assert_eq!(identifies, 1, "4004 must not be retried");
    assert!(fake.unauthorized_requests().is_empty(), "REST accepted it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_url_that_needs_the_token_refuses_it_instead_of_falling_back() {
    let fake = start_fake(FakeConfig {
        authenticate_gateway_url: true,
        ..FakeConfig::default()
    })
    .await;
    let config = config_for(&fake, WRONG_TOKEN);
    let error = build_bot(&config)
        .await
        .err()
        .unwrap_or_else(|| panic!("a bot was built although /gateway said 401"));
    assert_clear_token_rejection(&error, WRONG_TOKEN);
    let gateway_asked = fake
        .requests()
        .iter()
        .any(|recorded| recorded.route == RouteKind::Gateway && recorded.status == 401);
    assert!(gateway_asked);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_right_token_is_sent_the_way_discord_expects_it() {
    let running = crate::harness::Running::start().await;
    let expected = format!("Bot {}", running.fake.token());
    for recorded in running.fake.requests() {
        if matches!(recorded.route, RouteKind::InteractionCallback { .. }) {
            continue;
        }
        assert_eq!(
            recorded.authorization.as_deref(),
            Some(expected.as_str()),
            "{} {}",
            recorded.method,
            recorded.path
        );
    }
    assert!(running.fake.unauthorized_requests().is_empty());
    running.stop().await;
}
