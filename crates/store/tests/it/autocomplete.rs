//! Autocomplete's choices from the database are core's ranking of the whole kind, and their
//! labels fit Discord.

use dossier_core::MAX_CHOICES;
use dossier_store::{Choice, Store, StoreError};

use crate::first_letters::values;
use crate::fixtures::{loaded_store, shipped, Backend};
use crate::misspellings::core_choices;

async fn assert_completion_matches_core(store: &Store, typed: &str) {
    let dossier = shipped();
    let complete = |choices: Result<Vec<Choice>, StoreError>| values(choices.expect("complete"));
    let kinds = [
        (
            "terms",
            complete(store.complete_terms(typed).await),
            core_choices(typed, dossier.term_entries(), |term| term.id.to_string()).0,
        ),
        (
            "actors",
            complete(store.complete_actors(typed).await),
            core_choices(typed, dossier.actor_entries(), |actor| actor.id.to_string()).0,
        ),
        (
            "events",
            complete(store.complete_events(typed).await),
            core_choices(typed, dossier.event_entries(), |event| event.id.to_string()).0,
        ),
        (
            "measures",
            complete(store.complete_measures(typed).await),
            core_choices(typed, dossier.measure_entries(), |measure| {
                measure.id.to_string()
            })
            .0,
        ),
    ];
    for (kind, got, expected) in kinds {
        assert_eq!(got, expected, "{kind} for {typed:?}");
    }
}

async fn autocomplete_ranks_as_core_does(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for typed in [
        "", "k", "K", "kc", "kurs", "reg", "un", "U.N.", "charter", "korea", "south", "nort",
        "troop", "kcan", "regoin", "ffens", "2025", "🙂", "\"", "a",
    ] {
        assert_completion_matches_core(&store, typed).await;
    }
}

async fn autocomplete_labels_fit_discord_and_explain_alias_matches(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let choices = store.complete_terms("UN Charter").await.expect("complete");
    assert_eq!(choices[0].value, "un-charter");
    assert_eq!(choices[0].label, "U.N. Charter");
    let choices = store
        .complete_terms("United Nations Ch")
        .await
        .expect("complete");
    assert_eq!(choices[0].value, "un-charter");
    assert_eq!(choices[0].label, "U.N. Charter (United Nations Charter)");

    let events = store.complete_events("").await.expect("complete");
    assert_eq!(events.len(), shipped().events.len().min(MAX_CHOICES));
    let kcna = events
        .iter()
        .find(|choice| choice.value == "kcna-first-confirmation")
        .expect("listed");
    assert!(
        kcna.label.starts_with("27–28 Apr 2025") || kcna.label.contains("Apr 2025"),
        "{}",
        kcna.label
    );
    for choice in events {
        assert!(choice.label.chars().count() <= 100, "{}", choice.label);
    }
}

on_both_backends!(
    autocomplete_ranks_as_core_does,
    autocomplete_labels_fit_discord_and_explain_alias_matches,
);
