//! The first letters typed into an autocomplete box match hundreds of names: every letter of
//! the alphabet, and a few two-letter starts, get exactly core's choices (the shortest names
//! that start with them, ties broken as core breaks them) for terms and for events.

use dossier_core::{rank, MAX_CHOICES};
use dossier_store::Choice;

use crate::fixtures::{temp_store, Backend, TestDatabase};
use crate::generated::generated_dossier;

fn values(choices: Vec<Choice>) -> Vec<String> {
    choices.into_iter().map(|choice| choice.value).collect()
}

async fn one_or_two_letters_get_cores_choices(backend: Backend) {
    let dossier = generated_dossier(400, 300, 17);
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let letters = ('a'..='z').map(String::from);
    let starts = ["ka", "Ko", "no", "un", "ru", "É"].map(str::to_owned);
    let mut crowded = 0;
    for typed in letters.chain(starts) {
        let (terms, events) = cores_choices(&dossier, &typed);
        crowded += usize::from(terms.len() == MAX_CHOICES);
        let got = values(store.complete_terms(&typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?}");
        let got = values(store.complete_events(&typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?}");
    }
    // Many letters start more names than one answer holds, which is the case under test.
    assert!(crowded >= 5, "{crowded}");
}

fn cores_choices(dossier: &dossier_core::Dossier, typed: &str) -> (Vec<String>, Vec<String>) {
    (
        rank(typed, dossier.term_entries(), MAX_CHOICES)
            .iter()
            .map(|found| found.key.id.as_str().to_owned())
            .collect(),
        rank(typed, dossier.event_entries(), MAX_CHOICES)
            .iter()
            .map(|found| found.key.id.as_str().to_owned())
            .collect(),
    )
}

/// One typed character is answered from memory after the first time; the answers are still
/// core's, and never those of a dossier replaced meanwhile, even by another store (another
/// process).
async fn first_keystrokes_follow_every_import_wherever_it_happens(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let reader = database.open().await;
    let importer = database.open().await;
    let first = generated_dossier(400, 300, 17);
    let second = generated_dossier(400, 300, 29);
    importer.import(&first).await.expect("import");
    for typed in ["k", "K", "n"] {
        let (terms, events) = cores_choices(&first, typed);
        for _ in 0..2 {
            let got = values(reader.complete_terms(typed).await.expect("terms"));
            assert_eq!(got, terms, "terms for {typed:?}");
            let got = values(reader.complete_events(typed).await.expect("events"));
            assert_eq!(got, events, "events for {typed:?}");
        }
    }
    importer.import(&second).await.expect("import another");
    let mut changed = 0;
    for typed in ["k", "K", "n"] {
        let (terms, events) = cores_choices(&second, typed);
        changed += usize::from(terms != cores_choices(&first, typed).0);
        let got = values(reader.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?} after the import");
        let got = values(reader.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?} after the import");
    }
    assert!(changed > 0, "the two dossiers answer differently");
}

on_both_backends!(
    one_or_two_letters_get_cores_choices,
    first_keystrokes_follow_every_import_wherever_it_happens
);
