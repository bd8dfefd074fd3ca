//! Autocomplete on every option that names something: at most 25 choices of at most 100
//! characters, relevant to what was typed, and each choice opening its record.

use std::path::Path;

use dossier_testkit::{limits, FakeConfig, InteractionBuilder};
use serde_json::{json, Value};

use crate::answers::{assert_message_answer, Answer, AUTOCOMPLETE_RESULT};
use crate::harness::Running;

/// Every option with autocomplete: (command, option).
const COMPLETED_OPTIONS: [(&str, &str); 5] = [
    ("define", "term"),
    ("event", "id"),
    ("timeline", "actor"),
    ("claims", "actor"),
    ("estimates", "measure"),
];

/// A record's display name for each completed option, from the shipped dossier.
fn known_name(option: &str) -> String {
    let dossier = dossier_core::embedded();
    match option {
        "term" => dossier.terms[0].name.clone(),
        "id" => dossier.events[1].headline.clone(),
        "actor" => dossier.actors[0].name.clone(),
        "measure" => dossier.measures[0].name.clone(),
        other => panic!("no record kind for {other}"),
    }
}

/// The first word of a name, lowercased: what a user starts typing.
fn typed_start(name: &str) -> String {
    name.split_whitespace()
        .next()
        .unwrap_or(name)
        .to_lowercase()
}

/// The choices of an autocomplete answer, checked against Discord's rules.
fn checked_choices(what: &str, answer: &Answer) -> Vec<(String, String)> {
    assert_eq!(answer.callback_type(), Some(AUTOCOMPLETE_RESULT), "{what}");
    let data = answer.data();
    let problems = limits::autocomplete_violations(&data);
    assert!(problems.is_empty(), "{what}: {problems:?}");
    let choices = data["choices"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: no choices list: {data}"));
    assert!(choices.len() <= 25, "{what}: {} choices", choices.len());
    choices
        .iter()
        .map(|choice| {
            let name = choice["name"].as_str().unwrap_or("").to_owned();
            let value = choice["value"]
                .as_str()
                .unwrap_or_else(|| panic!("{what}: a string option gets string values"))
                .to_owned();
            assert!(
                (1..=100).contains(&name.chars().count()),
                "{what}: {name:?}"
            );
            assert!(
                (1..=100).contains(&value.chars().count()),
                "{what}: {value:?}"
            );
            (name, value)
        })
        .collect()
}

async fn complete(running: &Running, command: &str, option: &str, typed: &str) -> Answer {
    running
        .answer(InteractionBuilder::autocomplete(command).focused(option, typed))
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_returns_at_most_25_choices_of_at_most_100_characters() {
    let running = Running::start().await;
    let junk = "q".repeat(100);
    let strange: String = "`*_~|>#[]\\@<&🪖 ".chars().cycle().take(100).collect();
    for (command, option) in COMPLETED_OPTIONS {
        for typed in ["", "a", "e", "k", "north", junk.as_str(), strange.as_str()] {
            let what = format!("/{command} {option}:{typed:?}");
            let answer = complete(&running, command, option, typed).await;
            checked_choices(&what, &answer);
        }
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_what_was_typed_and_each_choice_opens_its_record() {
    let running = Running::start().await;
    for (command, option) in COMPLETED_OPTIONS {
        let name = known_name(option);
        let typed = typed_start(&name);
        let what = format!("/{command} {option}:{typed:?}");
        let answer = complete(&running, command, option, &typed).await;
        let choices = checked_choices(&what, &answer);
        let chosen = choices
            .iter()
            .find(|(shown, _)| shown.contains(&name))
            .unwrap_or_else(|| panic!("{what} does not offer {name:?}: {choices:?}"));
        let opened = running
            .answer(InteractionBuilder::command(command).string(option, &chosen.1))
            .await;
        let opened_what = format!("/{command} {option}:{}", chosen.1);
        assert_message_answer(&opened_what, &opened);
        assert!(!opened.is_ephemeral(), "{opened_what} is not found");
        assert!(
            opened.text().contains(&name),
            "{opened_what}: {}",
            opened.text()
        );
    }
    running.stop().await;
}

/// The shipped dossier plus `extra` generated records of each kind with names up to 160
/// characters, written as a dossier folder.
fn write_large_dossier(folder: &Path, extra: usize) {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let read = |file: &str| -> Vec<Value> {
        let text = std::fs::read_to_string(shipped.join(file))
            .unwrap_or_else(|error| panic!("{file}: {error}"));
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{file}: {error}"))
    };
    let long_name = |kind: &str, number: usize| {
        let name = format!("Generated {kind} number {number:02} ");
        if number % 2 == 0 {
            format!("{name}{}", "with a very long name ".repeat(6))
                .trim_end()
                .to_owned()
        } else {
            name.trim_end().to_owned()
        }
    };
    let mut terms = read("terms.json");
    let mut events = read("events.json");
    let mut actors = read("actors.json");
    let mut measures = read("measures.json");
    let term = terms[0].clone();
    let event = events[3].clone();
    let actor = actors[0].clone();
    let measure = measures[0].clone();
    for number in 0..extra {
        let mut more = term.clone();
        more["id"] = json!(format!("generated-term-{number:02}"));
        more["name"] = json!(long_name("term", number));
        more["aliases"] = json!([]);
        more["see_also"] = json!([]);
        more.as_object_mut()
            .map(|object| object.remove("expansion"));
        more["citations"] = json!([{ "source": term["citations"][0]["source"], "section": term["citations"][1]["section"] }]);
        terms.push(more);
        let mut more = event.clone();
        more["id"] = json!(format!("generated-event-{number:02}"));
        more["headline"] = json!(long_name("event", number));
        more["citations"] = json!([{ "source": event["citations"][0]["source"], "section": event["citations"][0]["section"] }]);
        events.push(more);
        let mut more = actor.clone();
        more["id"] = json!(format!("generated-actor-{number:02}"));
        more["name"] = json!(long_name("actor", number));
        more["aliases"] = json!([]);
        more.as_object_mut().map(|object| object.remove("parent"));
        actors.push(more);
        let mut more = measure.clone();
        more["id"] = json!(format!("generated-measure-{number:02}"));
        more["name"] = json!(long_name("measure", number));
        more["aliases"] = json!([]);
        measures.push(more);
    }
    for (file, records) in [
        ("terms.json", terms),
        ("events.json", events),
        ("actors.json", actors),
        ("measures.json", measures),
    ] {
        std::fs::write(folder.join(file), Value::Array(records).to_string())
            .unwrap_or_else(|error| panic!("{file}: {error}"));
    }
    for file in ["sources.json", "estimates.json", "claims.json"] {
        std::fs::copy(shipped.join(file), folder.join(file))
            .unwrap_or_else(|error| panic!("{file}: {error}"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_dossier_still_gets_at_most_25_choices_of_at_most_100_characters() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    write_large_dossier(folder.path(), 40);
    let data_folder = folder.path().to_path_buf();
    let running = Running::start_with(FakeConfig::default(), |config| {
        config.dossier_data = Some(data_folder);
    })
    .await;
    for (command, option) in COMPLETED_OPTIONS {
        for typed in ["", "generated", "generated number 04"] {
            let what = format!("/{command} {option}:{typed:?} in a large dossier");
            let answer = complete(&running, command, option, typed).await;
            let choices = checked_choices(&what, &answer);
            if typed == "generated" {
                assert_eq!(choices.len(), 25, "{what}: 40 match, 25 are offered");
            }
        }
        // A record whose name is too long for a choice is offered shortened, and the choice
        // still opens it.
        let answer = complete(&running, command, option, "generated number 04").await;
        let choices = checked_choices(&format!("/{command} {option}"), &answer);
        let (_, value) = choices
            .iter()
            .find(|(shown, _)| shown.contains("number 04"))
            .unwrap_or_else(|| panic!("/{command} {option} does not offer number 04: {choices:?}"));
        let opened = running
            .answer(InteractionBuilder::command(command).string(option, value))
            .await;
        assert_message_answer(&format!("/{command} {option}:{value}"), &opened);
        assert!(
            !opened.is_ephemeral(),
            "/{command} {option}:{value} is not found"
        );
        assert!(opened.text().contains("number 04"), "{}", opened.text());
    }
    running.stop().await;
}
