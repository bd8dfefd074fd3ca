//! Autocomplete's choices from the database are core's ranking of the whole kind, and their
//! labels fit Discord.

use dossier_core::{rank, MAX_CHOICES};
use dossier_store::Store;

use crate::fixtures::{loaded_store, shipped, Backend};

async fn assert_completion_matches_core(store: &Store, typed: &str) {
    let terms = store.complete_terms(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().term_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = terms.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "terms for {typed:?}");

    let actors = store.complete_actors(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().actor_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = actors.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "actors for {typed:?}");

    let events = store.complete_events(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().event_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = events.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "events for {typed:?}");

    let measures = store.complete_measures(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().measure_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = measures.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "measures for {typed:?}");
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
