//! On a generated glossary of hundreds of terms and a timeline of hundreds of events, names
//! typed with a mistake get exactly the choices and "did you mean" suggestions core's rules
//! give over the whole dossier: the store reads only a bounded set of candidates, and this is
//! where that could go wrong. Each runs on a store holding the glossary's words in memory
//! (the default) and on one reading them from the tables.

use dossier_core::{rank, Definition as CoreDefinition, Dossier, MatchKind, MAX_CHOICES};
use dossier_store::{Definition, Store};

use crate::fixtures::{held_and_unheld, temp_store, Backend, TestDatabase};
use crate::generated::{generated_dossier, misspelt, Random};

/// Misspellings of the names, other names and words of generated terms: a whole name with
/// one or two mistakes, one word of it with a mistake, and the first letters of a word typed
/// with a mistake, as in an autocomplete box.
fn misspelt_term_names(dossier: &Dossier, count: usize, random: &mut Random) -> Vec<String> {
    let labels: Vec<String> = dossier
        .term_entries()
        .iter()
        .flat_map(|entry| std::iter::once(entry.name).chain(entry.aliases.iter().copied()))
        .map(str::to_owned)
        .collect();
    misspellings_of(&labels, count, random)
}

fn misspellings_of(labels: &[String], count: usize, random: &mut Random) -> Vec<String> {
    let mut queries = Vec::new();
    while queries.len() < count {
        let label = &labels[random.below(labels.len())];
        let words: Vec<&str> = label
            .split([' ', '–', '-'])
            .filter(|word| word.chars().count() >= 4)
            .collect();
        let query = match (queries.len() % 4, words.is_empty()) {
            (0, _) | (_, true) => misspelt(random, label),
            (1, _) => {
                let once = misspelt(random, label);
                misspelt(random, &once)
            }
            (2, _) => {
                let word = words[random.below(words.len())];
                misspelt(random, word)
            }
            _ => {
                let word: Vec<char> = words[random.below(words.len())].chars().collect();
                let typed: String = word[..3 + random.below(word.len() - 2)].iter().collect();
                misspelt(random, &typed)
            }
        };
        queries.push(query);
    }
    queries
}

/// The ids core's autocomplete ranks first for `query` over `entries`, and whether any of
/// them is a close spelling rather than a match of the text.
pub(crate) fn core_choices<'a, K: Clone + 'a>(
    query: &str,
    entries: Vec<dossier_core::NameEntry<'a, K>>,
    id: impl Fn(&K) -> String,
) -> (Vec<String>, bool) {
    let ranked = rank(query, entries, MAX_CHOICES);
    let fuzzy = ranked.iter().any(|found| found.kind == MatchKind::Fuzzy);
    (ranked.iter().map(|found| id(&found.key)).collect(), fuzzy)
}

/// Asserts that the store's term choices for `query` are core's; returns core's choices and
/// whether any is a close spelling.
async fn assert_term_choices_as_core(
    store: &Store,
    dossier: &Dossier,
    query: &str,
) -> (Vec<String>, bool) {
    let (expected, fuzzy) = core_choices(query, dossier.term_entries(), |term| {
        term.id.as_str().to_owned()
    });
    let got: Vec<String> = store
        .complete_terms(query)
        .await
        .expect("complete")
        .into_iter()
        .map(|choice| choice.value)
        .collect();
    assert_eq!(got, expected, "choices for {query:?}");
    (expected, fuzzy)
}

pub(crate) async fn assert_define_as_core(store: &Store, dossier: &Dossier, query: &str) {
    match (
        dossier.define(query),
        store.define(query).await.expect("define"),
    ) {
        (
            CoreDefinition::Found { term, kind },
            Definition::Found {
                term: found,
                kind: how,
            },
        ) => {
            assert_eq!((&found, how), (term, kind), "{query:?}");
        }
        (
            CoreDefinition::NotFound { suggestions },
            Definition::NotFound {
                suggestions: stored,
            },
        ) => {
            let expected: Vec<&str> = suggestions.iter().map(|term| term.id.as_str()).collect();
            let got: Vec<&str> = stored.iter().map(|term| term.id.as_str()).collect();
            assert_eq!(got, expected, "suggestions for {query:?}");
        }
        (expected, got) => panic!("{query:?}: core says {expected:?}, the store {got:?}"),
    }
}

async fn misspelt_terms_get_cores_choices_and_suggestions(backend: Backend) {
    let dossier = generated_dossier(400, 0, 11);
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let mut random = Random::new(29);
    let queries = misspelt_term_names(&dossier, 80, &mut random);
    let mut close_spellings = 0;
    for (query, store) in queries
        .iter()
        .flat_map(|query| held_and_unheld(&store).map(|store| (query, store)))
    {
        let (_, fuzzy) = assert_term_choices_as_core(&store, &dossier, query).await;
        close_spellings += usize::from(fuzzy);
        assert_define_as_core(&store, &dossier, query).await;
    }
    // Most of these queries reach core's close-spelling rule, which is what is tested here.
    assert!(close_spellings > queries.len(), "{close_spellings}");
}

async fn misspelt_headlines_get_cores_choices(backend: Backend) {
    let dossier = generated_dossier(0, 300, 13);
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let headlines: Vec<String> = dossier
        .events
        .iter()
        .map(|event| event.headline.clone())
        .collect();
    let mut random = Random::new(31);
    let queries = misspellings_of(&headlines, 24, &mut random);
    let mut close_spellings = 0;
    for (query, store) in queries
        .iter()
        .flat_map(|query| held_and_unheld(&store).map(|store| (query, store)))
    {
        let (expected, fuzzy) = core_choices(query, dossier.event_entries(), |event| {
            event.id.as_str().to_owned()
        });
        close_spellings += usize::from(fuzzy);
        let got: Vec<String> = store
            .complete_events(query)
            .await
            .expect("complete")
            .into_iter()
            .map(|choice| choice.value)
            .collect();
        assert_eq!(got, expected, "choices for {query:?}");
    }
    assert!(close_spellings * 3 > queries.len() * 2, "{close_spellings}");
}

/// Once a glossary's words are held (as the bot does after a launch), misspelt terms are
/// answered from memory: with every word gone from the database behind the store's back, they
/// still get core's choices, while a store holding no words finds no close spelling. (Text
/// found inside a word is still read from the tables: queries core answers so are left out.)
async fn held_words_answer_misspelt_terms_from_memory(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let store = database.open().await;
    let dossier = generated_dossier(400, 0, 23);
    store.import(&dossier).await.expect("import");
    assert_eq!(
        store.warm_held_kinds().await.expect("hold words"),
        1,
        "the terms"
    );
    database
        .execute_behind_the_store(
            "DELETE FROM name_words; DELETE FROM vocabulary_words; \
             DELETE FROM vocabulary_trigrams",
        )
        .await;
    let unheld = database.open().await.with_held_kinds(0);
    let mut random = Random::new(37);
    let mut lost_by_the_unheld = 0;
    let mut asked = 0;
    for query in misspelt_term_names(&dossier, 60, &mut random) {
        let ranked = rank(&query, dossier.term_entries(), MAX_CHOICES);
        if ranked.iter().any(|found| found.kind == MatchKind::Contains) {
            continue;
        }
        asked += 1;
        let expected: Vec<String> = ranked
            .iter()
            .map(|found| found.key.id.as_str().to_owned())
            .collect();
        let values = |choices: Vec<dossier_store::Choice>| -> Vec<String> {
            choices.into_iter().map(|choice| choice.value).collect()
        };
        let got = values(store.complete_terms(&query).await.expect("complete"));
        assert_eq!(got, expected, "choices for {query:?}");
        let unheld_got = values(unheld.complete_terms(&query).await.expect("complete"));
        lost_by_the_unheld += usize::from(unheld_got != expected);
    }
    assert!(asked >= 30, "{asked}");
    assert!(
        lost_by_the_unheld * 4 >= asked,
        "{lost_by_the_unheld} of {asked}"
    );
}

/// A name that is exactly a close word scores as a whole name, above every longer name holding
/// the word. Here 150 names hold "kursk" and sort before "Kursk" itself, whose id sorts last:
/// neither the first holders of the word nor the names sharing its start reach it, so only the
/// stage looking up names that are exactly a close word can.
async fn a_name_that_is_exactly_a_close_word_comes_first(backend: Backend) {
    let mut dossier = generated_dossier(400, 0, 23);
    let mut by_id: Vec<usize> = (0..dossier.terms.len()).collect();
    by_id.sort_by(|a, b| {
        dossier.terms[*a]
            .id
            .as_str()
            .cmp(dossier.terms[*b].id.as_str())
    });
    let (last, holders) = by_id.split_last().expect("terms");
    for (number, &term) in holders.iter().take(150).enumerate() {
        dossier.terms[term].name = format!("Aa{number:03} Kursk");
    }
    dossier.terms[*last].name = "Kursk".to_owned();
    let kursk = dossier.terms[*last].id.as_str().to_owned();
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    for store in held_and_unheld(&store) {
        for query in ["kursq", "kurks"] {
            let (expected, fuzzy) = assert_term_choices_as_core(&store, &dossier, query).await;
            assert!(
                fuzzy && expected.first() == Some(&kursk),
                "{query:?}: {expected:?}"
            );
            assert_define_as_core(&store, &dossier, query).await;
        }
    }
}

/// Candidates' names come back packed in one row (JSON): names holding quotes, backslashes,
/// tabs and letters beyond ASCII must come back as written, whichever stage found them.
async fn names_of_any_text_come_back_whole_from_a_large_glossary(backend: Backend) {
    let mut dossier = generated_dossier(400, 0, 17);
    let awkward = [
        "Quoted \"Zvezda\" Brigade",
        "Back\\slash [x] Zvezdochka",
        "Tab\there Zvëzdny 🙂 Corps",
        "Звезда Zvezdaya, 'single' — dash",
    ];
    for (term, name) in dossier.terms.iter_mut().zip(awkward) {
        term.name = name.to_owned();
    }
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    // "zvezd" starts a later word of each (word prefixes); "zvezdy" reaches close spellings.
    for typed in ["zvezd", "zvezdy"] {
        let (expected, _) = core_choices(typed, dossier.term_entries(), |term| {
            term.id.as_str().to_owned()
        });
        let choices = store.complete_terms(typed).await.expect("complete");
        let ids: Vec<&str> = choices.iter().map(|choice| choice.value.as_str()).collect();
        assert_eq!(ids, expected, "choices for {typed:?}");
        let mut awkward_shown = 0;
        for (term, name) in dossier.terms.iter().zip(awkward) {
            if let Some(choice) = choices
                .iter()
                .find(|choice| choice.value == term.id.as_str())
            {
                assert_eq!(choice.label, name, "{typed:?}");
                awkward_shown += 1;
            }
        }
        assert!(awkward_shown >= 3, "{typed:?}: {choices:?}");
    }
}

on_both_backends!(
    misspelt_terms_get_cores_choices_and_suggestions,
    misspelt_headlines_get_cores_choices,
    held_words_answer_misspelt_terms_from_memory,
    names_of_any_text_come_back_whole_from_a_large_glossary,
    a_name_that_is_exactly_a_close_word_comes_first,
);
