//! Start-up: the calls serenity and poise make, command registration, the first answer, and
//! the loopback guard.

use dossier_testkit::limits::command_violations;
use dossier_testkit::loopback::ensure_loopback;
use dossier_testkit::{FakeConfig, FakeDiscord, InteractionBuilder, RouteKind};
use poise::serenity_prelude as serenity;

use crate::test_bot::{launch, LaunchError};
use crate::{fake_and_bot, ping, PATIENCE};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_registers_every_command_within_discords_rules() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let mut names: Vec<String> = fake
        .registered_commands()
        .iter()
        .map(|command| command["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["chart", "counter", "echo", "ping", "slow"]);
    for command in fake.registered_commands() {
        assert_eq!(
            command_violations(&command),
            Vec::<String>::new(),
            "{command}"
        );
    }
    let echo = fake
        .registered_commands()
        .into_iter()
        .find(|command| command["name"] == "echo");
    let options = echo.map(|echo| echo["options"].clone()).unwrap_or_default();
    assert_eq!(options[0]["name"], "text");
    assert_eq!(options[0]["required"], true);
    assert_eq!(options[0]["autocomplete"], true);
    assert_eq!(options[1]["name"], "times");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn startup_talks_only_to_the_fake_in_the_documented_order() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    ensure_loopback(&fake.api_base()).expect("the API base is loopback");
    let requests = fake.requests();
    let routes: Vec<&RouteKind> = requests.iter().map(|recorded| &recorded.route).collect();
    assert_eq!(
        routes,
        [
            &RouteKind::Gateway,
            &RouteKind::CurrentApplication,
            &RouteKind::GlobalCommands
        ],
        "start-up calls"
    );
    assert!(requests.iter().all(|recorded| recorded.status == 200));
    let expected_authorization = format!("Bot {}", fake.token());
    assert!(
        requests
            .iter()
            .all(|recorded| recorded.authorization.as_deref()
                == Some(expected_authorization.as_str()))
    );
    // HELLO comes first, then IDENTIFY asking for compression; READY follows.
    let records = fake.gateway_records();
    let identify = records
        .iter()
        .find(|record| record.op_from_bot() == Some(2));
    let identify = identify.map(|record| record.kind.clone());
    let Some(dossier_testkit::GatewayRecordKind::Frame { payload, .. }) = identify else {
        panic!("no IDENTIFY in {records:?}");
    };
    assert_eq!(payload["d"]["compress"], true);
    assert_eq!(
        payload["d"]["intents"],
        serenity::GatewayIntents::non_privileged().bits()
    );
    assert!(
        fake.unknown_requests().is_empty(),
        "{:?}",
        fake.unknown_requests()
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ping_is_answered_through_the_interaction_callback() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let (handle, callback) = ping(&fake).await;
    assert!(
        callback.at >= handle.dispatched_at,
        "the journal's clock runs forward"
    );
    let message = fake
        .original_message(&handle)
        .expect("the reply became the original message");
    let parsed: serenity::Message = serde_json::from_value(message).expect("serenity reads it");
    assert_eq!(parsed.content, "Pong!");
    assert_eq!(
        fake.callbacks_for(&handle).len(),
        1,
        "answered exactly once"
    );
    assert!(fake.unknown_requests().is_empty());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_sent_before_ready_is_delivered_after_it() {
    let fake = FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts");
    let early = fake.send_interaction(InteractionBuilder::command("ping"));
    let token = fake.token().to_owned();
    let bot = launch(&fake, &token).await.expect("the bot starts");
    let callback = fake
        .wait_callback(&early, PATIENCE)
        .await
        .expect("the early /ping is answered");
    assert_eq!(callback.status, 204);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_gateway_lookup_is_caught_before_serenity_leaves_loopback() {
    let fake = FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts");
    fake.fail_requests(|route| *route == RouteKind::Gateway, 502);
    let token = fake.token().to_owned();
    let refusal = launch(&fake, &token).await.err();
    // serenity quietly replaced the failed lookup with Discord's real gateway.
    let Some(LaunchError::LeftLoopback(refusal)) = refusal else {
        panic!("the guard should have refused to start: {refusal:?}");
    };
    assert_eq!(refusal.host, "gateway.discord.gg");
    assert!(
        fake.gateway_records().is_empty(),
        "no gateway connection was made"
    );
}
