//! Readers running while imports replace the dossier see the old or the new one, never a mix;
//! several stores (separate pools, as separate processes have) importing at once write the
//! dossier once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use dossier_core::{Dossier, TimelineQuery};
use dossier_store::{Definition, ImportReport, Store};
use tokio::sync::Barrier;

use crate::fixtures::{marked, temp_store, Backend, TestDatabase};

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
        .map(|_| spawn_reader(store.clone(), Arc::clone(&dossiers), Arc::clone(&done)))
        .collect();
    writer.await.expect("writer");
    for reader in readers {
        let seen = reader.await.expect("reader");
        // The last look comes after the twelfth import, which loaded the first dossier.
        assert_eq!(seen.last().copied(), Some("[one]"));
    }
}

/// Reads snapshots from `store` until `done`, returning the marks seen in order.
fn spawn_reader(
    store: Store,
    dossiers: Arc<[Dossier; 2]>,
    done: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<Vec<&'static str>> {
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
}

async fn concurrent_imports_from_several_stores_write_the_dossier_once(backend: Backend) {
    const IMPORTERS: usize = 4;
    let database = TestDatabase::create(backend).await;
    let dossiers = Arc::new([marked("[one]"), marked("[two]")]);
    let old_hash = dossiers[0].content_hash();
    let new_hash = dossiers[1].content_hash();
    database
        .open()
        .await
        .import(&dossiers[0])
        .await
        .expect("first import");

    // Readers and importers each have a pool of their own, as separate processes would.
    let done = Arc::new(AtomicBool::new(false));
    let mut readers = Vec::new();
    for _ in 0..2 {
        let store = database.open().await;
        readers.push(spawn_reader(
            store,
            Arc::clone(&dossiers),
            Arc::clone(&done),
        ));
    }
    let start = Arc::new(Barrier::new(IMPORTERS));
    let mut importers = Vec::new();
    for _ in 0..IMPORTERS {
        let store = database.open().await;
        let dossiers = Arc::clone(&dossiers);
        let start = Arc::clone(&start);
        importers.push(tokio::spawn(async move {
            start.wait().await;
            store.import(&dossiers[1]).await.expect("import")
        }));
    }
    let mut reports: Vec<ImportReport> = Vec::new();
    for importer in importers {
        reports.push(importer.await.expect("importer"));
    }
    done.store(true, Ordering::SeqCst);

    let winners: Vec<&ImportReport> = reports.iter().filter(|report| report.changed).collect();
    assert_eq!(winners.len(), 1, "exactly one import writes: {reports:?}");
    assert_eq!(winners[0].previous_hash.as_deref(), Some(old_hash.as_str()));
    for report in reports.iter().filter(|report| !report.changed) {
        // The others waited for the winner and found its dossier already there.
        assert_eq!(report.previous_hash.as_deref(), Some(new_hash.as_str()));
        assert_eq!(report.hash, new_hash);
    }
    for reader in readers {
        let seen = reader.await.expect("reader");
        // Once a reader saw the new dossier it never saw the old one again.
        let first_new = seen.iter().position(|mark| *mark == "[two]");
        assert!(
            first_new.is_some_and(|index| seen[index..].iter().all(|mark| *mark == "[two]")),
            "{seen:?}"
        );
    }
    let store = database.open().await;
    assert_eq!(store.dossier().await.expect("dossier"), dossiers[1]);
    assert_eq!(store.content_hash().await.expect("hash"), Some(new_hash));
}

on_both_backends!(
    readers_during_imports_see_the_old_or_the_new_dossier_never_a_mix,
    concurrent_imports_from_several_stores_write_the_dossier_once,
);
