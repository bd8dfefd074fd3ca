//! A kind of at most a hundred names (the shipped glossary has eleven terms) is ranked from
//! memory, read once per imported dossier: its choices and suggestions are still core's over
//! the whole dossier, and follow every import, whichever store (process) makes it.

use dossier_core::Dossier;

use crate::first_letters::{cores_choices, forget_every_name, values};
use crate::fixtures::{Backend, TestDatabase};
use crate::generated::{generated_dossier, misspelt, Random};
use crate::misspellings::assert_define_as_core;

/// Starts of names and words, and names and words typed with a mistake.
fn questions(dossier: &Dossier, random: &mut Random) -> Vec<String> {
    let mut questions: Vec<String> = ["ka", "no", "kur", "un", "the b", "sup", "2"]
        .map(str::to_owned)
        .to_vec();
    for entry in dossier.term_entries().iter().take(8) {
        questions.push(misspelt(random, entry.name));
    }
    for event in dossier.events.iter().take(6) {
        questions.push(misspelt(random, &event.headline));
    }
    questions
}

async fn small_kinds_are_ranked_from_memory_and_follow_every_import(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let reader = database.open().await;
    let importer = database.open().await;
    let first = generated_dossier(40, 60, 17);
    let second = generated_dossier(40, 60, 29);
    assert!(first.terms.len() <= 100 && first.events.len() <= 100);
    let mut random = Random::new(5);
    let asked = questions(&first, &mut random);

    importer.import(&first).await.expect("import");
    for typed in &asked {
        let (terms, events) = cores_choices(&first, typed);
        let got = values(reader.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?}");
        let got = values(reader.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?}");
        assert_define_as_core(&reader, &first, typed).await;
    }

    // The names are held: with every name row gone behind the store's back (the content hash
    // stays), the same questions get the same answers.
    forget_every_name(backend, &database).await;
    for typed in &asked {
        let (terms, events) = cores_choices(&first, typed);
        let got = values(reader.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?} from memory");
        let got = values(reader.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?} from memory");
    }

    importer.import(&second).await.expect("import another");
    let mut changed = 0;
    for typed in &asked {
        let (terms, events) = cores_choices(&second, typed);
        changed += usize::from((terms.clone(), events.clone()) != cores_choices(&first, typed));
        let got = values(reader.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?} after the import");
        let got = values(reader.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?} after the import");
        assert_define_as_core(&reader, &second, typed).await;
    }
    assert!(changed * 2 > asked.len(), "the two dossiers answer alike");
}

on_both_backends!(small_kinds_are_ranked_from_memory_and_follow_every_import);
