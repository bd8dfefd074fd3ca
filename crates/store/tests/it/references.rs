//! The sources and actors every answer cites, kept in memory per imported dossier: the same
//! records as reading them afresh, and never those of a dossier replaced meanwhile, even when
//! another store (another process) imported it.

use crate::fixtures::{shipped, Backend, TestDatabase};

async fn reference_records_follow_every_import_wherever_it_happens(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let reader = database.open().await;
    let importer = database.open().await;
    let before = reader.reference_records().await.expect("before an import");
    assert!(before.sources.is_empty() && before.actors.is_empty());

    importer.import(shipped()).await.expect("import");
    let first = reader.reference_records().await.expect("first read");
    assert_eq!(&*first.sources, shipped().sources.as_slice());
    assert_eq!(&*first.actors, shipped().actors.as_slice());
    assert_eq!(
        &*reader.reference_records().await.expect("again").actors,
        reader.actors().await.expect("actors").as_slice(),
        "a second read gives what reading afresh gives"
    );

    let mut changed = shipped().clone();
    changed.sources[0].title = format!("{} (revised)", changed.sources[0].title);
    changed.actors[0].name = format!("{} (renamed)", changed.actors[0].name);
    importer.import(&changed).await.expect("import the change");
    let second = reader.reference_records().await.expect("after the change");
    assert_eq!(&*second.sources, changed.sources.as_slice());
    assert_eq!(&*second.actors, changed.actors.as_slice());

    importer.import(shipped()).await.expect("import it back");
    let third = reader.reference_records().await.expect("after going back");
    assert_eq!(&*third.actors, shipped().actors.as_slice());
}

on_both_backends!(reference_records_follow_every_import_wherever_it_happens);
