//! Readers running while imports replace the dossier see the old or the new one, never a mix.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use dossier_core::{Dossier, TimelineQuery};
use dossier_store::{Definition, Store};

use crate::fixtures::{marked, temp_store, Backend};

/// Which of the two dossiers a text belongs to.
fn mark_of(text: &str) -> Option<&'static str> {
    ["[one]", "[two]"]
        .into_iter()
        .find(|mark| text.starts_with(mark))
}

/// One consistent look at the store: every record read must carry the same mark.
async fn check_one_snapshot(store: &Store, expected: &[Dossier; 2]) -> &'static str {
    let dossier = store.dossier().await.expect("dossier");
    assert!(
        expected.contains(&dossier),
        "a reader saw a dossier that is neither the old nor the new one"
    );
    let mark = mark_of(&dossier.events[0].headline).expect("marked");

    let page = store
        .timeline(&TimelineQuery::default(), 0, 1_000)
        .await
        .expect("timeline");
    let marks: Vec<_> = page
        .events
        .iter()
        .map(|event| mark_of(&event.headline))
        .collect();
    assert!(marks.windows(2).all(|pair| pair[0] == pair[1]), "{marks:?}");
    assert_eq!(page.total, page.events.len());

    if let Definition::Found { term, .. } = store.define("KCNA").await.expect("define") {
        assert!(mark_of(&term.definition).is_some());
    } else {
        panic!("KCNA is in both dossiers");
    }
    mark
}

async fn readers_during_imports_see_the_old_or_the_new_dossier_never_a_mix(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
    let dossiers = Arc::new([marked("[one]"), marked("[two]")]);
    store.import(&dossiers[0]).await.expect("first import");

    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let store = store.clone();
        let dossiers = Arc::clone(&dossiers);
        let done = Arc::clone(&done);
        tokio::spawn(async move {
            for round in 0..12 {
                let report = store
                    .import(&dossiers[(round + 1) % 2])
                    .await
                    .expect("import");
                assert!(report.changed);
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let store = store.clone();
            let dossiers = Arc::clone(&dossiers);
            let done = Arc::clone(&done);
            tokio::spawn(async move {
                let mut seen = Vec::new();
                loop {
                    let finished = done.load(Ordering::SeqCst);
                    seen.push(check_one_snapshot(&store, &dossiers).await);
                    if finished {
                        return seen;
                    }
                }
            })
        })
        .collect();
    writer.await.expect("writer");
    for reader in readers {
        let seen = reader.await.expect("reader");
        // The last look comes after the twelfth import, which loaded the first dossier.
        assert_eq!(seen.last().copied(), Some("[one]"));
    }
}

on_both_backends!(readers_during_imports_see_the_old_or_the_new_dossier_never_a_mix,);
