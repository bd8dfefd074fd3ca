//! Every command answered through the interaction callback: embeds inside Discord's limits,
//! the right content, private answers when asked, and mistakes explained privately.

use std::time::Duration;

use dossier_testkit::{FakeConfig, InteractionBuilder};

use crate::answers::{assert_message_answer, AUTOCOMPLETE_RESULT};
use crate::harness::Running;
use crate::registration::COMMAND_NAMES;

/// One question per command, with options that find something in the shipped dossier.
fn one_question_per_command() -> Vec<(&'static str, InteractionBuilder)> {
    let dossier = dossier_core::embedded();
    let event = &dossier.events[0];
    let measure = &dossier.measures[0];
    let actor = &dossier.actors[0];
    vec![
        ("timeline", InteractionBuilder::command("timeline")),
        (
            "event",
            InteractionBuilder::command("event").string("id", event.id.as_str()),
        ),
        (
            "define",
            InteractionBuilder::command("define").string("term", "KCNA"),
        ),
        ("glossary", InteractionBuilder::command("glossary")),
        (
            "estimates",
            InteractionBuilder::command("estimates").string("measure", measure.id.as_str()),
        ),
        (
            "claims",
            InteractionBuilder::command("claims").string("actor", actor.id.as_str()),
        ),
        (
            "search",
            InteractionBuilder::command("search").string("query", "troops kursk"),
        ),
        ("sources", InteractionBuilder::command("sources")),
        ("about", InteractionBuilder::command("about")),
        ("help", InteractionBuilder::command("help")),
        ("ping", InteractionBuilder::command("ping")),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_through_the_callback_inside_discords_limits() {
    let running = Running::start().await;
    let questions = one_question_per_command();
    let asked: Vec<&str> = questions.iter().map(|(name, _)| *name).collect();
    assert_eq!(asked, COMMAND_NAMES, "every registered command is asked");
    for (name, question) in questions {
        let what = format!("/{name}");
        let answer = running.answer(question.clone()).await;
        assert_message_answer(&what, &answer);
        assert!(
            !answer.is_ephemeral(),
            "{what} answers in public by default"
        );
        if ["estimates", "claims"].contains(&name) {
            // Their only option narrows the answer; without it they show everything.
            let bare = running.answer(InteractionBuilder::command(name)).await;
            assert_message_answer(&format!("{what} without options"), &bare);
            assert!(!bare.is_ephemeral(), "{what} without options");
        }
        assert_eq!(
            running.fake.callbacks_for(&answer.handle).len(),
            1,
            "{what} is answered once"
        );
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_answer_is_about_what_was_asked() {
    let running = Running::start().await;
    let dossier = dossier_core::embedded();
    let event = &dossier.events[dossier.events.len() / 2];
    let answer = running
        .answer(InteractionBuilder::command("event").string("id", event.id.as_str()))
        .await;
    assert!(
        answer.text().contains(&event.headline),
        "/event {} does not show {:?}: {}",
        event.id,
        event.headline,
        answer.text()
    );
    let measure = &dossier.measures[0];
    let answer = running
        .answer(InteractionBuilder::command("estimates").string("measure", measure.id.as_str()))
        .await;
    assert!(answer.text().contains(&measure.name), "{}", answer.text());
    let help = running.answer(InteractionBuilder::command("help")).await;
    for name in COMMAND_NAMES {
        assert!(
            help.text().contains(&format!("/{name}")),
            "/help leaves out /{name}"
        );
    }
    let search = running
        .answer(InteractionBuilder::command("search").string("query", "troops"))
        .await;
    assert!(search.text().contains("troops"), "{}", search.text());
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn define_kcna_names_the_korean_central_news_agency() {
    let running = Running::start().await;
    for typed in ["KCNA", "kcna", " KCNA "] {
        let answer = running
            .answer(InteractionBuilder::command("define").string("term", typed))
            .await;
        assert_message_answer(&format!("/define {typed:?}"), &answer);
        assert!(!answer.is_ephemeral());
        assert!(
            answer.text().contains("Korean Central News Agency"),
            "/define {typed:?}: {}",
            answer.text()
        );
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_term_not_found_answers_privately_with_suggestions() {
    let running = Running::start().await;
    let answer = running
        .answer(InteractionBuilder::command("define").string("term", "KCAN"))
        .await;
    assert_message_answer("/define KCAN", &answer);
    assert!(answer.is_ephemeral(), "a miss is shown to the asker only");
    let text = answer.text();
    assert!(text.contains("Did you mean"), "{text}");
    assert!(text.contains("KCNA"), "the near miss is suggested: {text}");
    assert!(text.contains("/glossary"), "says where to browse: {text}");
    for (command, option) in [
        ("event", "id"),
        ("claims", "actor"),
        ("estimates", "measure"),
    ] {
        let answer = running
            .answer(InteractionBuilder::command(command).string(option, "zzqx-nothing-like-it"))
            .await;
        let what = format!("/{command} {option}:zzqx-nothing-like-it");
        assert_message_answer(&what, &answer);
        assert!(answer.is_ephemeral(), "{what} is private");
        assert!(answer.text().contains("zzqx-nothing-like-it"), "{what}");
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_true_sets_the_ephemeral_flag_on_every_command() {
    let running = Running::start().await;
    for (name, question) in one_question_per_command() {
        let private = running
            .answer(question.clone().boolean("private", true))
            .await;
        assert_message_answer(&format!("/{name} private:true"), &private);
        assert!(private.is_ephemeral(), "/{name} private:true is public");
        let public = running.answer(question.boolean("private", false)).await;
        assert!(!public.is_ephemeral(), "/{name} private:false is private");
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn options_that_cannot_be_used_are_explained_privately() {
    let running = Running::start().await;
    let cases = [
        (
            InteractionBuilder::command("timeline").string("from", "soon"),
            "Jan 2025",
        ),
        (
            InteractionBuilder::command("timeline")
                .string("from", "2025-03")
                .string("to", "2025-01"),
            "before it starts",
        ),
        (
            InteractionBuilder::command("search").string("query", "   "),
            "at least one word",
        ),
    ];
    for (question, explanation) in cases {
        let answer = running.answer(question).await;
        assert_message_answer("a refused option", &answer);
        assert!(answer.is_ephemeral(), "{}", answer.text());
        assert!(answer.text().contains(explanation), "{}", answer.text());
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_heavy_command_asked_again_at_once_is_told_to_wait_privately() {
    // A cooldown far longer than the test, so the second question always falls inside it.
    let running = Running::start_with(FakeConfig::default(), |config| {
        config.heavy_command_cooldown = Duration::from_secs(600);
    })
    .await;
    let search = || InteractionBuilder::command("search").string("query", "troops");
    let first = running.answer(search().user(11, "first.asker")).await;
    assert!(!first.is_ephemeral());
    let again = running.answer(search().user(11, "first.asker")).await;
    assert_message_answer("a second /search", &again);
    assert!(again.is_ephemeral(), "the wait is told privately");
    assert!(again.text().contains("/search"), "{}", again.text());
    let someone_else = running.answer(search().user(12, "second.asker")).await;
    assert!(!someone_else.is_ephemeral(), "the cooldown is per user");
    let light = running
        .answer(
            InteractionBuilder::command("define")
                .string("term", "KCNA")
                .user(11, "first.asker"),
        )
        .await;
    assert!(!light.is_ephemeral(), "light commands have no cooldown");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_work_in_a_direct_message_with_the_bot() {
    let running = Running::start().await;
    let answer = running
        .answer(
            InteractionBuilder::command("define")
                .string("term", "KCNA")
                .in_dm(),
        )
        .await;
    assert_message_answer("/define in a DM", &answer);
    assert!(answer.text().contains("Korean Central News Agency"));
    let timeline = running
        .answer(InteractionBuilder::command("timeline").in_dm())
        .await;
    assert_message_answer("/timeline in a DM", &timeline);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_the_bot_no_longer_has_gets_a_private_answer_instead_of_silence() {
    // Discord keeps offering a removed global command for a while after an update.
    let running = Running::start().await;
    let answer = running
        .answer(InteractionBuilder::command("quiz").string("topic", "kursk"))
        .await;
    assert_message_answer("/quiz", &answer);
    assert!(answer.is_ephemeral(), "{}", answer.text());
    assert!(answer.text().contains("/help"), "{}", answer.text());
    let choices = running
        .answer(InteractionBuilder::autocomplete("quiz").focused("topic", "ku"))
        .await;
    assert_eq!(choices.callback_type(), Some(AUTOCOMPLETE_RESULT));
    assert_eq!(choices.data()["choices"], serde_json::json!([]));
    running.stop().await;
}

/// `length` characters of Markdown, mention and escape characters, with a wide emoji.
fn strange_text(length: usize) -> String {
    "`*_~|>#[]\\@<&🪖 ".chars().cycle().take(length).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_longest_and_strangest_options_still_answer_inside_discords_limits() {
    let running = Running::start().await;
    // Each text option at the longest Discord lets a user type.
    let questions = [
        ("timeline", "from", 40),
        ("timeline", "to", 40),
        ("timeline", "actor", 100),
        ("timeline", "query", 100),
        ("event", "id", 100),
        ("define", "term", 100),
        ("estimates", "measure", 100),
        ("claims", "actor", 100),
        ("search", "query", 200),
    ];
    for (command, option, length) in questions {
        let what = format!("/{command} {option}: {length} strange characters");
        let answer = running
            .answer(InteractionBuilder::command(command).string(option, strange_text(length)))
            .await;
        assert_message_answer(&what, &answer);
    }
    let everything = running
        .answer(
            InteractionBuilder::command("timeline")
                .string("from", "2024")
                .string("to", "2025")
                .string("actor", "north korea")
                .string("query", strange_text(100)),
        )
        .await;
    assert_message_answer("/timeline with every filter", &everything);
    running.stop().await;
}
