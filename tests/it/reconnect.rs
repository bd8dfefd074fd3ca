//! The gateway forcibly closed mid-session: the bot resumes (or identifies again) and answers,
//! and no interaction sent around the closes is lost or answered twice.

use dossier_testkit::{FakeDiscord, InteractionBuilder, InteractionHandle, InteractionKind, Mark};

use crate::answers::{assert_message_answer, AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE};
use crate::harness::{Running, LONG_PATIENCE, PATIENCE};

/// Gateway opcodes the bot sends.
const IDENTIFY: u64 = 2;
const RESUME: u64 = 6;

/// A way to cut the bot off mid-session after which Discord lets it resume.
type Disruption = (&'static str, fn(&FakeDiscord) -> Mark);

const RESUMABLE: [Disruption; 6] = [
    ("close 4000 (unknown error)", |fake| {
        fake.close_gateway(4000)
    }),
    ("close 4008 (rate limited)", |fake| fake.close_gateway(4008)),
    ("close 1001 (going away)", |fake| fake.close_gateway(1001)),
    (
        "TCP dropped without a close frame",
        FakeDiscord::drop_gateway_connections,
    ),
    ("op 7 RECONNECT", FakeDiscord::request_reconnect),
    ("op 9 INVALID SESSION, resumable", |fake| {
        fake.invalidate_session(true)
    }),
];

/// The opcodes the bot sent since it had sent `before` of them.
fn ops_since(fake: &FakeDiscord, before: usize) -> Vec<u64> {
    fake.ops_from_bot()
        .get(before..)
        .unwrap_or_default()
        .to_vec()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_resumes_after_each_kind_of_forced_disconnect_and_answers_the_next_interaction() {
    let running = Running::start().await;
    let fake = &running.fake;
    for (what, disrupt) in RESUMABLE {
        let ops_before = fake.ops_from_bot().len();
        let mark = disrupt(fake);
        fake.wait_resumed(mark, PATIENCE)
            .await
            .unwrap_or_else(|error| panic!("no RESUME after {what}: {error}"));
        let ops = ops_since(fake, ops_before);
        assert!(ops.contains(&RESUME), "{what}: the bot sent {ops:?}");
        assert!(
            !ops.contains(&IDENTIFY),
            "{what}: a new session was not needed: {ops:?}"
        );
        let answer = running
            .answer(InteractionBuilder::command("define").string("term", "KCNA"))
            .await;
        assert_message_answer(&format!("/define after {what}"), &answer);
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_that_cannot_resume_is_identified_again_and_the_bot_answers() {
    let running = Running::start().await;
    let fake = &running.fake;
    // Close 4009: the session timed out, so the bot must IDENTIFY; ask only after READY.
    let mark = fake.close_gateway(4009);
    fake.wait_identify(mark, LONG_PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("no new IDENTIFY after close 4009: {error}"));
    fake.wait_gateway(mark, LONG_PATIENCE, "a new READY", |record| {
        record.event_to_bot() == Some("READY")
    })
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    let answer = running.answer(InteractionBuilder::command("ping")).await;
    assert_message_answer("/ping after close 4009", &answer);
    // Op 9 not resumable: Discord holds what happens meanwhile for the new session.
    let mark = fake.invalidate_session(false);
    let during = fake.send_interaction(InteractionBuilder::command("about"));
    fake.wait_identify(mark, LONG_PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("no new IDENTIFY after op 9: {error}"));
    let callback = fake
        .wait_callback(&during, LONG_PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("the interaction sent meanwhile: {error}"));
    assert_eq!(callback.status, 204);
    let identifies = fake
        .ops_from_bot()
        .iter()
        .filter(|op| **op == IDENTIFY)
        .count();
    assert_eq!(identifies, 3, "the first session and one for each loss");
    running.stop().await;
}

/// The `number`th question of a mixed stream: commands and autocomplete, from many users.
fn mixed_question(number: usize) -> InteractionBuilder {
    let dossier = dossier_core::embedded();
    let user = 700_000_000_000_000_000 + number as u64 % 17;
    let question = match number % 6 {
        0 => InteractionBuilder::command("ping"),
        1 => {
            let term = &dossier.terms[number % dossier.terms.len()];
            InteractionBuilder::command("define").string("term", &term.name)
        }
        2 => {
            let event = &dossier.events[number % dossier.events.len()];
            InteractionBuilder::command("event").string("id", event.id.as_str())
        }
        3 => InteractionBuilder::autocomplete("define").focused("term", "k"),
        4 => InteractionBuilder::command("about"),
        _ => InteractionBuilder::command("search").string("query", "troops"),
    };
    question.user(user, format!("user{}", number % 17))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn none_of_200_interactions_sent_around_three_forced_closes_is_left_unanswered() {
    let running = Running::start().await;
    let fake = &running.fake;
    let disruptions: [Disruption; 3] = [RESUMABLE[0], RESUMABLE[3], RESUMABLE[1]];
    let mut handles: Vec<InteractionHandle> = Vec::new();
    let send = |count: usize, handles: &mut Vec<InteractionHandle>| {
        for _ in 0..count {
            let number = handles.len();
            handles.push(fake.send_interaction(mixed_question(number)));
        }
    };
    for (what, disrupt) in disruptions {
        // Some just before the close, some while the bot is away or coming back.
        send(34, &mut handles);
        let mark = disrupt(fake);
        send(30, &mut handles);
        fake.wait_resumed(mark, LONG_PATIENCE)
            .await
            .unwrap_or_else(|error| panic!("no RESUME after {what}: {error}"));
    }
    send(200 - handles.len(), &mut handles);
    assert_eq!(handles.len(), 200);
    let firsts = fake
        .wait_callbacks(&handles, LONG_PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("some interactions were never answered: {error}"));
    // One more question after the storm: anything still to come for it comes first.
    running.answer(InteractionBuilder::command("ping")).await;
    for (handle, first) in handles.iter().zip(&firsts) {
        assert_eq!(
            first.status, 204,
            "interaction {}: {:?}",
            handle.id, first.body
        );
        let expected = match handle.kind {
            InteractionKind::Autocomplete => AUTOCOMPLETE_RESULT,
            _ => CHANNEL_MESSAGE,
        };
        assert_eq!(
            first.callback_type(),
            Some(expected),
            "interaction {}",
            handle.id
        );
        let callbacks = fake.callbacks_for(handle).len();
        assert_eq!(
            callbacks, 1,
            "interaction {} answered {callbacks} times",
            handle.id
        );
    }
    let ops = fake.ops_from_bot();
    let identifies = ops.iter().filter(|op| **op == IDENTIFY).count();
    let resumes = ops.iter().filter(|op| **op == RESUME).count();
    assert_eq!(
        identifies, 1,
        "every close was resumed, none needed a new session"
    );
    assert_eq!(resumes, 3, "one RESUME per close");
    running.stop().await;
}
