//! How replies land: deferrals and follow-ups, mentions, Discord's limits, bursts.

use dossier_testkit::{FakeConfig, InteractionBuilder, RouteKind};

use poise::serenity_prelude as serenity;

use crate::test_bot::CHART_BYTES;
use crate::{fake_and_bot, PATIENCE};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deferred_reply_is_filled_in_by_the_first_follow_up() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    for (private, flags) in [(false, 0), (true, 64)] {
        let handle =
            fake.send_interaction(InteractionBuilder::command("slow").boolean("private", private));
        let callback = fake
            .wait_callback(&handle, PATIENCE)
            .await
            .expect("/slow is acknowledged");
        assert_eq!(
            (callback.status, callback.callback_type()),
            (204, Some(5)),
            "a deferral"
        );
        let mark = dossier_testkit::Mark::beginning();
        fake.wait_request(mark, PATIENCE, "the follow-up", |recorded| {
            matches!(&recorded.route, RouteKind::Followup { token } if *token == handle.token)
        })
        .await
        .expect("poise answers a deferred command with a follow-up");
        let message = fake
            .original_message(&handle)
            .expect("the thinking message exists");
        assert_eq!(message["content"], "Done thinking.");
        assert_eq!(
            message["flags"], flags,
            "no longer loading; ephemeral only when private"
        );
        assert_eq!(fake.followups_for(&handle).len(), 1);
    }
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_in_an_echoed_string_are_parsed_as_discord_would() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let hostile = "@everyone <@&123> <@456>";
    let handle = fake.send_interaction(InteractionBuilder::command("echo").string("text", hostile));
    let callback = fake
        .wait_callback(&handle, PATIENCE)
        .await
        .expect("/echo is answered");
    assert_eq!(callback.status, 204);
    let message = fake
        .original_message(&handle)
        .expect("the echo is a message");
    assert_eq!(message["content"], hostile);
    // This test bot keeps poise's default allowed_mentions, which still lets user mentions
    // ping: exactly what Dossier's own bot must not do with user text.
    assert_eq!(message["mention_everyone"], false);
    assert_eq!(message["mention_roles"], serde_json::json!([]));
    assert_eq!(message["mentions"][0]["id"], "456");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_than_25_autocomplete_choices_are_refused_with_400() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let handle =
        fake.send_interaction(InteractionBuilder::autocomplete("echo").focused("text", "*"));
    let callback = fake
        .wait_callback(&handle, PATIENCE)
        .await
        .expect("the bot tries to answer");
    let offered = callback
        .callback_data()
        .and_then(|data| data["choices"].as_array().map(Vec::len));
    assert_eq!(
        offered,
        Some(30),
        "neither serenity nor poise caps the choices"
    );
    assert_eq!(callback.status, 400, "Discord refuses more than 25");
    assert_eq!(
        callback.body.as_ref().map(|body| body["type"].clone()),
        Some(8.into())
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_interactions_sent_at_once_are_each_answered_once() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let burst: Vec<_> = (0..100)
        .map(|_| fake.send_interaction(InteractionBuilder::command("ping")))
        .collect();
    let callbacks = fake
        .wait_callbacks(&burst, PATIENCE)
        .await
        .expect("every /ping is answered");
    assert_eq!(callbacks.len(), 100);
    assert!(callbacks.iter().all(|callback| callback.status == 204));
    for handle in &burst {
        assert_eq!(fake.callbacks_for(handle).len(), 1, "exactly once");
    }
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_interactions_around_three_forced_closes_are_all_answered() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let mut sent = Vec::new();
    for round in 0..4 {
        sent.extend((0..50).map(|_| fake.send_interaction(InteractionBuilder::command("ping"))));
        if round < 3 {
            let mark = fake.close_gateway(4000);
            fake.wait_resumed(mark, PATIENCE)
                .await
                .expect("the bot resumes");
        }
    }
    let callbacks = fake
        .wait_callbacks(&sent, PATIENCE)
        .await
        .expect("none is left unanswered");
    assert!(callbacks.iter().all(|callback| callback.status == 204));
    assert!(sent
        .iter()
        .all(|handle| fake.callbacks_for(handle).len() == 1));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_with_a_file_is_read_from_its_multipart_body() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let handle = fake.send_interaction(InteractionBuilder::command("chart"));
    let callback = fake
        .wait_callback(&handle, PATIENCE)
        .await
        .expect("/chart is answered");
    assert_eq!((callback.status, callback.callback_type()), (204, Some(4)));
    assert_eq!(callback.uploads.len(), 1);
    assert_eq!(callback.uploads[0].filename.as_deref(), Some("chart.png"));
    assert_eq!(
        callback.uploads[0].content_type.as_deref(),
        Some("image/png")
    );
    assert_eq!(callback.uploads[0].data, CHART_BYTES);
    let message = fake
        .original_message(&handle)
        .expect("the reply is a message");
    let parsed: serenity::Message = serde_json::from_value(message).expect("serenity reads it");
    assert_eq!(parsed.attachments.len(), 1);
    assert_eq!(parsed.attachments[0].filename, "chart.png");
    assert_eq!(parsed.attachments[0].size as usize, CHART_BYTES.len());
    assert_eq!(
        parsed.embeds[0]
            .image
            .as_ref()
            .map(|image| image.url.as_str()),
        Some("attachment://chart.png")
    );
    bot.stop().await;
}
