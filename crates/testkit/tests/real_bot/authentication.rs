//! A token the fake rejects: 401 on REST, close code 4004 on the gateway.

use dossier_testkit::{FakeConfig, FakeDiscord, GatewayRecordKind, RouteKind};
use poise::serenity_prelude as serenity;

use crate::test_bot::{launch, LaunchError};
use crate::PATIENCE;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_meets_401_and_close_4004_and_ends_the_client() {
    let fake = FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts");
    let bot = launch(&fake, "not-the-fake-discord-token").await;
    let bot = bot.expect("serenity builds a client even when the owner lookup fails");
    let ended = tokio::time::timeout(PATIENCE, bot.finished).await;
    let ended = ended
        .expect("the client gives up")
        .expect("the client task does not panic");
    assert!(
        matches!(
            ended,
            Err(serenity::Error::Gateway(
                serenity::GatewayError::InvalidAuthentication
            ))
        ),
        "{ended:?}"
    );
    let closed_4004 = fake
        .gateway_records()
        .iter()
        .any(|record| record.kind == GatewayRecordKind::ClosedByFake { code: Some(4004) });
    assert!(closed_4004, "{:?}", fake.gateway_records());
    let refused: Vec<RouteKind> = fake
        .unauthorized_requests()
        .into_iter()
        .map(|recorded| recorded.route)
        .collect();
    assert_eq!(refused, [RouteKind::CurrentApplication]);
    assert!(fake.registered_commands().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_401_on_the_gateway_lookup_would_send_serenity_to_discord_and_is_refused() {
    let config = FakeConfig {
        authenticate_gateway_url: true,
        ..FakeConfig::default()
    };
    let fake = FakeDiscord::start(config).await.expect("the fake starts");
    let refusal = launch(&fake, "not-the-fake-discord-token").await.err();
    let Some(LaunchError::LeftLoopback(refusal)) = refusal else {
        panic!("the guard should have refused to start: {refusal:?}");
    };
    assert_eq!(refusal.url, "wss://gateway.discord.gg");
    assert_eq!(fake.unauthorized_requests()[0].route, RouteKind::Gateway);
}
