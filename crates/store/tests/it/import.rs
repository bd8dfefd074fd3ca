//! Importing: restart, re-import, replacement, failures that must lose nothing, and reading
//! dossier folders.

use dossier_core::{to_files, ActorId, Dossier, HitKind, TimelineQuery};
use dossier_store::{read_dossier_dir, Definition, ReadError, Store};

use crate::fixtures::{
    claim_by_unknown_actor, loaded_store, marked, shipped, temp_store, Backend, TestDatabase,
};

async fn headlines(store: &Store) -> Vec<String> {
    let page = store
        .timeline(&TimelineQuery::default(), 0, 1_000)
        .await
        .expect("timeline");
    page.events
        .into_iter()
        .map(|event| event.headline)
        .collect()
}

async fn an_imported_dossier_reads_back_whole(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    assert_eq!(&store.dossier().await.expect("dossier"), shipped());
    assert_eq!(
        store.content_hash().await.expect("hash"),
        Some(shipped().content_hash())
    );
}

async fn data_survives_closing_and_reopening_the_database(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let store = database.open().await;
    store.import(shipped()).await.expect("import");
    store.close().await;

    let reopened = Store::open(database.url()).await.expect("reopen");
    assert_eq!(&reopened.dossier().await.expect("dossier"), shipped());
    let Definition::Found { term, .. } = reopened.define("kcna").await.expect("define") else {
        panic!("KCNA should be defined after a restart");
    };
    assert_eq!(term.name, "KCNA");
    let report = reopened.import(shipped()).await.expect("import again");
    assert!(
        !report.changed,
        "the stored dossier is the same after a restart"
    );
}

async fn importing_the_same_dossier_again_changes_nothing(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
    let first = store.import(shipped()).await.expect("first import");
    assert!(first.changed);
    assert_eq!(first.previous_hash, None);
    assert_eq!(first.counts.terms, shipped().terms.len());

    let second = store.import(shipped()).await.expect("second import");
    assert!(!second.changed);
    assert_eq!(second.previous_hash.as_deref(), Some(first.hash.as_str()));
    assert_eq!(second.hash, first.hash);
    assert_eq!(&store.dossier().await.expect("dossier"), shipped());
}

async fn a_changed_dossier_replaces_the_old_one_entirely(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let mut changed = marked("[v2]");
    let removed = changed.terms.remove(0);

    let report = store.import(&changed).await.expect("import changed");
    assert!(report.changed);
    assert_eq!(report.previous_hash, Some(shipped().content_hash()));
    assert_eq!(report.counts.terms, shipped().terms.len() - 1);

    assert_eq!(store.dossier().await.expect("dossier"), changed);
    assert!(headlines(&store)
        .await
        .iter()
        .all(|headline| headline.starts_with("[v2] ")));
    // The removed term is gone from lookups, autocomplete and search, not only from the list.
    assert!(matches!(
        store.define(&removed.name).await.expect("define"),
        Definition::NotFound { .. }
    ));
    let choices = store.complete_terms(&removed.name).await.expect("complete");
    assert!(choices
        .iter()
        .all(|choice| choice.value != removed.id.as_str()));
    let hits = store.search(&removed.name, 50).await.expect("search");
    assert!(hits
        .iter()
        .all(|hit| !(hit.kind == HitKind::Term && hit.id == removed.id.as_str())));
}

/// Everything a reader could see of the old dossier is still there.
async fn assert_still_shipped(store: &Store) {
    assert_eq!(&store.dossier().await.expect("dossier"), shipped());
    assert_eq!(
        store.content_hash().await.expect("hash"),
        Some(shipped().content_hash())
    );
    assert!(headlines(store)
        .await
        .iter()
        .all(|headline| !headline.starts_with("[broken]")));
    assert!(matches!(
        store.define("KCNA").await.expect("define"),
        Definition::Found { .. }
    ));
    let hits = store.search("broken", 10).await.expect("search");
    assert!(
        hits.is_empty(),
        "no half-imported text is searchable: {hits:?}"
    );
}

async fn an_import_failing_half_way_keeps_the_previous_dossier(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    // Events, measures, estimates and terms are written before claims; the claim by an unknown
    // actor then fails, after the old rows were deleted and new ones written.
    let mut broken = marked("[broken]");
    broken.claims.push(claim_by_unknown_actor());

    let result = store.import(&broken).await;
    assert!(
        result.is_err(),
        "a claim by an unknown actor must fail the import"
    );
    assert_still_shipped(&store).await;

    // The store is still usable: a good dossier imports after the failure.
    let good = marked("[v2]");
    assert!(
        store
            .import(&good)
            .await
            .expect("import after failure")
            .changed
    );
    assert_eq!(store.dossier().await.expect("dossier"), good);
}

async fn an_import_failing_at_commit_keeps_the_previous_dossier(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    // "part of" is checked when the transaction commits, after every row is written.
    let mut broken = marked("[broken]");
    broken.actors[0].part_of = Some(ActorId::new("no-such-parent").expect("valid id"));

    assert!(store.import(&broken).await.is_err());
    assert_still_shipped(&store).await;

    // The failed transaction released the write lock: the next imports go through.
    for round in 0..3 {
        let good = marked(&format!("[v{round}]"));
        assert!(
            store
                .import(&good)
                .await
                .expect("import after failure")
                .changed
        );
        assert_eq!(store.dossier().await.expect("dossier"), good);
    }
}

#[tokio::test]
async fn the_database_file_uses_write_ahead_logging() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("dossier.db");
    let store = Store::open_path(&path).await.expect("open");
    store.import(shipped()).await.expect("import");
    store.close().await;

    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("connect");
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut connection)
        .await
        .expect("journal mode");
    assert_eq!(mode, "wal");
}

/// Every index of the SQLite file at `path`, as `(name, definition)`.
async fn sqlite_indexes(path: &std::path::Path) -> Vec<(String, Option<String>)> {
    use sqlx::Connection;
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("connect");
    let indexes = sqlx::query_as(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut connection)
    .await
    .expect("list indexes");
    connection.close().await.expect("close");
    indexes
}

#[tokio::test]
async fn imports_that_fail_or_succeed_leave_every_index_as_the_migrations_made_it() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("dossier.db");
    let store = Store::open_path(&path).await.expect("open");
    let migrated = sqlite_indexes(&path).await;
    assert!(
        migrated.iter().any(|(name, _)| name == "names_by_key"),
        "{migrated:?}"
    );
    store.import(shipped()).await.expect("import");
    assert_eq!(sqlite_indexes(&path).await, migrated);

    // The import sets the secondary indexes aside while it writes; a failure half-way must
    // bring them back with the old rows, and lookups through them still answer.
    let mut broken = marked("[broken]");
    broken.claims.push(claim_by_unknown_actor());
    assert!(store.import(&broken).await.is_err());
    assert_eq!(sqlite_indexes(&path).await, migrated);
    assert_still_shipped(&store).await;
    let kcna = store.complete_terms("kcn").await.expect("complete");
    assert!(
        kcna.iter().any(|choice| choice.label.contains("KCNA")),
        "{kcna:?}"
    );

    let good = marked("[v2]");
    assert!(store.import(&good).await.expect("import").changed);
    assert_eq!(sqlite_indexes(&path).await, migrated);
    store.close().await;
}

#[tokio::test]
async fn an_in_memory_store_keeps_its_data_across_calls() {
    let store = Store::open_in_memory().await.expect("open");
    store.import(shipped()).await.expect("import");
    assert_eq!(&store.dossier().await.expect("dossier"), shipped());
    assert_eq!(store.glossary().await.expect("glossary"), shipped().terms);
}

fn write_folder(dossier: &Dossier) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("temporary folder");
    for (name, contents) in to_files(dossier).expect("serialize") {
        std::fs::write(folder.path().join(name), contents).expect("write");
    }
    folder
}

#[test]
fn a_dossier_folder_reads_back_as_the_same_dossier() {
    let folder = write_folder(shipped());
    let read = read_dossier_dir(folder.path()).expect("read folder");
    assert_eq!(&read, shipped());
}

#[test]
fn a_missing_file_is_named() {
    let folder = write_folder(shipped());
    std::fs::remove_file(folder.path().join("terms.json")).expect("remove");
    let error = read_dossier_dir(folder.path()).expect_err("missing file");
    assert!(matches!(error, ReadError::Io { .. }));
    assert!(error.to_string().contains("terms.json"), "{error}");
}

#[test]
fn an_invalid_file_is_named_with_its_json_path() {
    let folder = write_folder(shipped());
    let events = std::fs::read_to_string(folder.path().join("events.json")).expect("read");
    let broken = events.replacen("\"north-korea\"", "\"nk\"", 1);
    std::fs::write(folder.path().join("events.json"), broken).expect("write");
    let error = read_dossier_dir(folder.path()).expect_err("unknown actor");
    let message = error.to_string();
    assert!(message.contains("events.json: $["), "{message}");
    assert!(message.contains("nk"), "{message}");
}

#[test]
fn source_texts_beside_the_files_check_every_excerpt() {
    let folder = write_folder(shipped());
    let source_id = shipped().sources[0].id.as_str().to_owned();
    std::fs::write(
        folder.path().join(format!("{source_id}.txt")),
        "A text that quotes nothing the dossier cites.",
    )
    .expect("write text");
    let error = read_dossier_dir(folder.path()).expect_err("excerpts are not in this text");
    assert!(matches!(error, ReadError::Invalid(_)), "{error}");

    // A text holding every quoted excerpt passes.
    std::fs::write(
        folder.path().join(format!("{source_id}.txt")),
        every_excerpt(shipped()).join("\n"),
    )
    .expect("write text");
    assert_eq!(
        &read_dossier_dir(folder.path()).expect("excerpts found"),
        shipped()
    );
}

/// Every excerpt the dossier quotes, wherever it appears.
fn every_excerpt(dossier: &Dossier) -> Vec<String> {
    fn walk(value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (key, field) in fields {
                    match (key.as_str(), field) {
                        ("excerpt", serde_json::Value::String(text)) => found.push(text.clone()),
                        ("excerpts", serde_json::Value::Array(texts)) => found.extend(
                            texts
                                .iter()
                                .filter_map(|text| text.as_str().map(str::to_owned)),
                        ),
                        _ => walk(field, found),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(&serde_json::to_value(dossier).expect("to json"), &mut found);
    found
}

on_both_backends!(
    an_imported_dossier_reads_back_whole,
    data_survives_closing_and_reopening_the_database,
    importing_the_same_dossier_again_changes_nothing,
    a_changed_dossier_replaces_the_old_one_entirely,
    an_import_failing_half_way_keeps_the_previous_dossier,
    an_import_failing_at_commit_keeps_the_previous_dossier,
);
