//! Typed options, autocomplete, button presses and compressed gateway frames.

use dossier_testkit::{FakeConfig, InteractionBuilder};
use poise::serenity_prelude as serenity;
use serde_json::Value;

use crate::{fake_and_bot, ping, PATIENCE};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_options_reach_the_command() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let echo = InteractionBuilder::command("echo")
        .string("text", "KCNA")
        .integer("times", 3);
    let handle = fake.send_interaction(echo);
    let callback = fake
        .wait_callback(&handle, PATIENCE)
        .await
        .expect("/echo is answered");
    assert_eq!(callback.status, 204);
    let content = callback.callback_data().map(|data| data["content"].clone());
    assert_eq!(content, Some("KCNA KCNA KCNA".into()));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_the_terms_matching_what_was_typed() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    for (typed, expected) in [
        ("k", vec!["KCNA", "KPA", "Kursk", "Korean People's Army"]),
        ("kc", vec!["KCNA"]),
    ] {
        let handle =
            fake.send_interaction(InteractionBuilder::autocomplete("echo").focused("text", typed));
        let callback = fake
            .wait_callback(&handle, PATIENCE)
            .await
            .expect("autocomplete is answered");
        assert_eq!(callback.status, 204);
        assert_eq!(callback.callback_type(), Some(8));
        let choices = callback
            .callback_data()
            .map(|data| data["choices"].clone())
            .unwrap_or_default();
        let names: Vec<&str> = choices
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|choice| choice["name"].as_str())
            .collect();
        assert_eq!(names, expected, "typed {typed:?}");
    }
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_press_updates_the_message_it_sits_on() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let counter = fake.send_interaction(InteractionBuilder::command("counter"));
    fake.wait_callback(&counter, PATIENCE)
        .await
        .expect("/counter is answered");
    let message = fake
        .original_message(&counter)
        .expect("the reply is a message");
    let custom_id = message["components"][0]["components"][0]["custom_id"].clone();
    assert_eq!(custom_id, "counter:1");
    let parsed: serenity::Message =
        serde_json::from_value(message.clone()).expect("serenity reads it");
    assert_eq!(parsed.components.len(), 1);

    let press = fake.send_interaction(InteractionBuilder::button("counter:1", message));
    let update = fake
        .wait_callback(&press, PATIENCE)
        .await
        .expect("the press is answered");
    assert_eq!(update.status, 204);
    assert_eq!(update.callback_type(), Some(7), "an in-place update");
    let updated = fake.original_message(&counter).unwrap_or(Value::Null);
    assert_eq!(updated["content"], "Count: 1");
    assert_eq!(
        updated["components"][0]["components"][0]["custom_id"],
        "counter:2"
    );
    assert_eq!(
        fake.original_message(&press),
        Some(updated),
        "@original of a press is its message"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zlib_compressed_frames_are_understood() {
    let (fake, bot) = fake_and_bot(FakeConfig {
        zlib_frames: true,
        ..FakeConfig::default()
    })
    .await;
    ping(&fake).await;
    let mark = fake.close_gateway(4000);
    fake.wait_resumed(mark, PATIENCE)
        .await
        .expect("the bot resumes over compressed frames");
    ping(&fake).await;
    bot.stop().await;
}
