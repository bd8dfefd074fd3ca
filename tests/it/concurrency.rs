//! Bursts: a hundred interactions dispatched at once are all answered, each exactly once and
//! each with its own answer; page turns pressed at once move only their own message.

use dossier_testkit::{InteractionBuilder, InteractionHandle, InteractionKind};

use crate::answers::{buttons, message_text, AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, UPDATE_MESSAGE};
use crate::harness::{Running, LONG_PATIENCE};

/// What one question of the burst must be answered with.
enum Expected {
    /// A message showing this text.
    MessageShowing(String),
    /// Autocomplete choices.
    Choices,
}

/// The `number`th question of the burst and what its answer must show.
fn burst_question(number: usize) -> (InteractionBuilder, Expected) {
    let dossier = dossier_core::embedded();
    let user = 800_000_000_000_000_000 + number as u64;
    let (question, expected) = match number % 5 {
        0 => {
            let term = &dossier.terms[number / 5 % dossier.terms.len()];
            (
                InteractionBuilder::command("define").string("term", term.id.as_str()),
                Expected::MessageShowing(term.name.clone()),
            )
        }
        1 => {
            let event = &dossier.events[number / 5 % dossier.events.len()];
            (
                InteractionBuilder::command("event").string("id", event.id.as_str()),
                Expected::MessageShowing(event.headline.clone()),
            )
        }
        2 => (
            InteractionBuilder::autocomplete("claims").focused("actor", "korea"),
            Expected::Choices,
        ),
        3 => (
            InteractionBuilder::command("search").string("query", "kursk"),
            Expected::MessageShowing("kursk".to_owned()),
        ),
        _ => (
            InteractionBuilder::command("ping"),
            Expected::MessageShowing(String::new()),
        ),
    };
    (question.user(user, format!("member{number}")), expected)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_interactions_sent_at_once_are_all_answered_each_exactly_once() {
    let running = Running::start().await;
    let fake = &running.fake;
    let mut handles: Vec<InteractionHandle> = Vec::new();
    let mut expectations = Vec::new();
    for number in 0..100 {
        let (question, expected) = burst_question(number);
        handles.push(fake.send_interaction(question));
        expectations.push(expected);
    }
    let firsts = fake
        .wait_callbacks(&handles, LONG_PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("some of the burst went unanswered: {error}"));
    // One more question after the burst: anything still to come for the burst comes first.
    running.answer(InteractionBuilder::command("ping")).await;
    for ((handle, first), expected) in handles.iter().zip(&firsts).zip(&expectations) {
        assert_eq!(
            first.status, 204,
            "interaction {}: {:?}",
            handle.id, first.body
        );
        assert_eq!(
            fake.callbacks_for(handle).len(),
            1,
            "interaction {}",
            handle.id
        );
        let data = first.callback_data().cloned().unwrap_or_default();
        match expected {
            Expected::Choices => {
                assert_eq!(first.callback_type(), Some(AUTOCOMPLETE_RESULT));
                assert!(handle.kind == InteractionKind::Autocomplete);
                let count = data["choices"].as_array().map_or(0, Vec::len);
                assert!((1..=25).contains(&count), "{count} choices");
            }
            Expected::MessageShowing(text) => {
                assert_eq!(first.callback_type(), Some(CHANNEL_MESSAGE));
                let shown = message_text(&data);
                assert!(
                    shown.contains(text.as_str()),
                    "interaction {} got someone else's answer? {shown}",
                    handle.id
                );
                assert!(!shown.is_empty());
            }
        }
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_turns_pressed_at_once_each_move_only_their_own_message() {
    let running = Running::start().await;
    let fake = &running.fake;
    let owners: Vec<u64> = (0..20).map(|n| 900_000_000_000_000_000 + n).collect();
    let timelines: Vec<InteractionHandle> = owners
        .iter()
        .map(|owner| {
            fake.send_interaction(InteractionBuilder::command("timeline").user(*owner, "owner"))
        })
        .collect();
    let answers = fake
        .wait_callbacks(&timelines, LONG_PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let presses: Vec<InteractionHandle> = timelines
        .iter()
        .zip(&answers)
        .zip(&owners)
        .map(|((timeline, answer), owner)| {
            let data = answer.callback_data().cloned().unwrap_or_default();
            let forward = buttons(&data)
                .pop()
                .unwrap_or_else(|| panic!("the timeline has page buttons"));
            let message = fake
                .original_message(timeline)
                .unwrap_or_else(|| panic!("the fake keeps the message"));
            fake.send_interaction(
                InteractionBuilder::button(&forward.custom_id, message).user(*owner, "owner"),
            )
        })
        .collect();
    let turns = fake
        .wait_callbacks(&presses, LONG_PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    // Each message's buttons turn that message's own pages, so no two share a custom id.
    let mut seen_custom_ids = std::collections::HashSet::new();
    for ((timeline, turn), press) in timelines.iter().zip(&turns).zip(&presses) {
        assert_eq!(turn.status, 204);
        assert_eq!(turn.callback_type(), Some(UPDATE_MESSAGE));
        assert_eq!(fake.callbacks_for(press).len(), 1);
        let page = turn.callback_data().cloned().unwrap_or_default();
        let middle = buttons(&page)
            .get(1)
            .map(|button| button.label.clone())
            .unwrap_or_default();
        assert!(middle.starts_with("2/"), "{middle}");
        let shown = fake
            .original_message(timeline)
            .unwrap_or_else(|| panic!("the fake keeps the message"));
        assert_eq!(
            shown["embeds"], page["embeds"],
            "each message shows its own page two"
        );
        for button in buttons(&shown) {
            assert!(
                seen_custom_ids.insert(button.custom_id.clone()),
                "two messages share the button {:?}",
                button.custom_id
            );
        }
    }
    running.stop().await;
}
