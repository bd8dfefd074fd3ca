//! The first letters typed into an autocomplete box match hundreds of names: every letter of
//! the alphabet, and a few two-letter starts, get exactly core's choices (the shortest names
//! that start with them, ties broken as core breaks them) for terms and for events.

use dossier_core::{rank, MAX_CHOICES};
use dossier_store::Choice;

use crate::fixtures::{temp_store, Backend};
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
        let expected: Vec<String> = rank(&typed, dossier.term_entries(), MAX_CHOICES)
            .iter()
            .map(|found| found.key.id.as_str().to_owned())
            .collect();
        crowded += usize::from(expected.len() == MAX_CHOICES);
        let got = values(store.complete_terms(&typed).await.expect("terms"));
        assert_eq!(got, expected, "terms for {typed:?}");
        let expected: Vec<String> = rank(&typed, dossier.event_entries(), MAX_CHOICES)
            .iter()
            .map(|found| found.key.id.as_str().to_owned())
            .collect();
        let got = values(store.complete_events(&typed).await.expect("events"));
        assert_eq!(got, expected, "events for {typed:?}");
    }
    // Many letters start more names than one answer holds, which is the case under test.
    assert!(crowded >= 5, "{crowded}");
}

on_both_backends!(one_or_two_letters_get_cores_choices);
