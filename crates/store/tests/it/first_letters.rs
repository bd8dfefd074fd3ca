//! The first letters typed into an autocomplete box match hundreds of names: every letter of
//! the alphabet, a few two-letter starts and starts of words inside names get exactly core's
//! choices (the shortest names that start with them, ties broken as core breaks them) for
//! terms and for events, and so do two letters found inside words.

use std::collections::{BTreeMap, BTreeSet};

use dossier_core::text::fold;
use dossier_core::Dossier;
use dossier_core::{rank, MatchKind, MAX_CHOICES};
use dossier_store::{Choice, Store};

use crate::fixtures::{held_and_unheld, temp_store, Backend, TestDatabase};
use crate::generated::generated_dossier;
use crate::misspellings::assert_define_as_core;

pub(crate) fn values(choices: Vec<Choice>) -> Vec<String> {
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

/// Core's choices for `typed`: the terms' ids, then the events'.
pub(crate) fn cores_choices(
    dossier: &dossier_core::Dossier,
    typed: &str,
) -> (Vec<String>, Vec<String>) {
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

/// `store` answers each of `asked` with core's choices over `dossier` (and, with `define`,
/// core's definition or suggestions); `when` names the step in a failure.
pub(crate) async fn assert_answers_as_core(
    store: &Store,
    dossier: &Dossier,
    asked: &[String],
    define: bool,
    when: &str,
) {
    for typed in asked {
        let (terms, events) = cores_choices(dossier, typed);
        let got = values(store.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?} {when}");
        let got = values(store.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?} {when}");
        if define {
            assert_define_as_core(store, dossier, typed).await;
        }
    }
}

/// Text that starts a later word of many names ("ne" for "near", in every generated headline)
/// gets core's choices: names starting with it first, then those with a later word starting
/// with it, shortest whole name first, ties broken as core breaks them.
async fn later_words_get_cores_choices(backend: Backend) {
    let dossier = generated_dossier(400, 300, 17);
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let mut crowded = 0;
    let asked = [
        "ne", "ho", "re", "sup", "air", "the b", "units h", "former", "zone", "uk", "2",
    ];
    for (typed, store) in asked
        .iter()
        .flat_map(|typed| held_and_unheld(&store).map(|store| (*typed, store)))
    {
        let (terms, events) = cores_choices(&dossier, typed);
        crowded += usize::from(events.len() == MAX_CHOICES);
        let got = values(store.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?}");
        let got = values(store.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?}");
    }
    assert!(crowded >= 5, "{crowded}");
}

/// Two letters that start few names but sit inside many words get core's choices: after the
/// names starting with them come those holding them anywhere in a word, shortest first,
/// wherever the pair falls in the word (its end too).
async fn two_letters_inside_words_get_cores_choices(backend: Backend) {
    let dossier = generated_dossier(400, 300, 17);
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let mut pairs: BTreeSet<String> = BTreeSet::new();
    for entry in dossier.term_entries() {
        for word in fold(entry.name).split(' ') {
            let letters: Vec<char> = word.chars().collect();
            pairs.extend(letters.windows(2).skip(1).map(|pair| pair.iter().collect()));
        }
    }
    let mut inside = 0;
    // Every fifth pair: the test stays quick and still meets every kind of pair.
    for (typed, store) in pairs
        .iter()
        .step_by(5)
        .flat_map(|typed| held_and_unheld(&store).map(|store| (typed, store)))
    {
        let (terms, events) = cores_choices(&dossier, typed);
        inside += usize::from(
            rank(typed, dossier.term_entries(), MAX_CHOICES)
                .iter()
                .any(|found| found.kind == MatchKind::Contains),
        );
        let got = values(store.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?}");
        let got = values(store.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?}");
    }
    assert!(
        inside >= 40,
        "{inside} of {} pairs, each asked twice",
        pairs.len()
    );
}

/// In a glossary of thousands of terms, two letters held by more than a thousand words (the
/// store then tests names shortest first rather than reading every word's holders) still get
/// core's choices, and core's suggestions when defined.
async fn two_letters_in_a_thousand_words_get_cores_choices(backend: Backend) {
    let dossier = generated_dossier(6_000, 0, 23);
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let words: BTreeSet<String> = dossier
        .term_entries()
        .iter()
        .flat_map(|entry| std::iter::once(entry.name).chain(entry.aliases.iter().copied()))
        .flat_map(|label| {
            fold(label)
                .split(' ')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut holding: BTreeMap<String, usize> = BTreeMap::new();
    for word in &words {
        let letters: Vec<char> = word.chars().collect();
        let pairs: BTreeSet<String> = letters
            .windows(2)
            .map(|pair| pair.iter().collect())
            .collect();
        for pair in pairs {
            *holding.entry(pair).or_default() += 1;
        }
    }
    let common: Vec<String> = holding
        .into_iter()
        .filter(|(_, words)| *words > 1_000)
        .map(|(pair, _)| pair)
        .collect();
    assert!(common.len() >= 3, "{common:?}");
    let mut inside = 0;
    for typed in &common {
        inside += usize::from(
            rank(typed, dossier.term_entries(), MAX_CHOICES)
                .iter()
                .any(|found| found.kind == MatchKind::Contains),
        );
    }
    assert!(inside >= 2, "{inside} of {common:?}");
    for store in held_and_unheld(&store) {
        assert_answers_as_core(&store, &dossier, &common, true, "").await;
    }
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
    let asked = ["k", "K", "n"].map(str::to_owned);
    assert_answers_as_core(&reader, &second, &asked, false, "after the import").await;
    let changed = asked
        .iter()
        .filter(|typed| cores_choices(&second, typed).0 != cores_choices(&first, typed).0)
        .count();
    assert!(changed > 0, "the two dossiers answer differently");
}

/// Every name row gone from the database behind the store's back; the dossier's content hash
/// stays, so the store still takes it for the same dossier.
pub(crate) async fn forget_every_name(database: &TestDatabase) {
    database.execute_behind_the_store("DELETE FROM names").await;
}

/// The common first keystrokes, answered ahead (as the bot does after a launch), are then
/// answered from memory with core's choices, without reading a name.
async fn first_keystrokes_answered_ahead_come_from_memory(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    // Holding no kind's names, so that what is not answered ahead is read from the tables.
    let store = database.open().await.with_held_kinds(0);
    let dossier = generated_dossier(400, 300, 17);
    store.import(&dossier).await.expect("import");
    let answers = store.warm_first_keystrokes().await.expect("answer ahead");
    assert_eq!(
        answers,
        36 * 4,
        "letters and digits, for four kinds of names"
    );
    forget_every_name(&database).await;
    let mut with_terms = 0;
    for typed in ('a'..='z').chain('0'..='9').map(String::from) {
        let (terms, events) = cores_choices(&dossier, &typed);
        with_terms += usize::from(!terms.is_empty());
        let got = values(store.complete_terms(&typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?}");
        let got = values(store.complete_events(&typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?}");
    }
    assert!(with_terms >= 20, "{with_terms}");
    // What was not answered ahead is read from the database, where no name is left.
    let got = store.complete_terms("ka").await.expect("terms");
    assert_eq!(got, Vec::new(), "the names are gone from the database");
    store.close().await;
}

on_both_backends!(
    one_or_two_letters_get_cores_choices,
    later_words_get_cores_choices,
    two_letters_inside_words_get_cores_choices,
    two_letters_in_a_thousand_words_get_cores_choices,
    first_keystrokes_answered_ahead_come_from_memory,
    first_keystrokes_follow_every_import_wherever_it_happens
);
