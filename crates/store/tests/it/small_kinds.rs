//! A kind of at most a hundred names (the shipped glossary has eleven terms) is ranked from
//! memory, read once per imported dossier: its choices and suggestions are still core's over
//! the whole dossier, and follow every import, whichever store (process) makes it.

use dossier_core::Dossier;

use crate::first_letters::{assert_answers_as_core, cores_choices, forget_every_name};
use crate::fixtures::{Backend, TestDatabase};
use crate::generated::{generated_dossier, misspelt, Random};

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
    assert_answers_as_core(&reader, &first, &asked, true, "").await;

    // The names are held: with every name row gone behind the store's back (the content hash
    // stays), the same questions get the same answers. (An exact `/define` reads the names.)
    forget_every_name(&database).await;
    assert_answers_as_core(&reader, &first, &asked, false, "from memory").await;

    importer.import(&second).await.expect("import another");
    assert_answers_as_core(&reader, &second, &asked, true, "after the import").await;
    let changed = asked
        .iter()
        .filter(|typed| cores_choices(&first, typed) != cores_choices(&second, typed))
        .count();
    assert!(changed * 2 > asked.len(), "the two dossiers answer alike");
}

on_both_backends!(small_kinds_are_ranked_from_memory_and_follow_every_import);
