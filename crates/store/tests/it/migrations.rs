//! Migrations apply to an empty file and on top of the previous schema, once each.

use std::borrow::Cow;
use std::path::Path;

use dossier_store::{GuildId, NewGuildTerm, Store, UserId, MIGRATOR};
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqlitePool;

use crate::fixtures::shipped;

async fn applied_versions(path: &Path) -> Vec<i64> {
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(path))
        .await
        .expect("connect");
    let versions = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&pool)
        .await
        .expect("versions");
    pool.close().await;
    versions
}

fn every_version() -> Vec<i64> {
    MIGRATOR.iter().map(|migration| migration.version).collect()
}

#[test]
fn migrations_are_numbered_from_one_without_gaps() {
    let versions = every_version();
    assert!(versions.len() >= 2, "{versions:?}");
    let expected: Vec<i64> = (1..=i64::try_from(versions.len()).expect("few")).collect();
    assert_eq!(versions, expected);
}

async fn assert_fully_usable(store: &Store) {
    let guild = GuildId(42);
    let entry = NewGuildTerm {
        name: "Storm".to_owned(),
        definition: "A unit nickname.".to_owned(),
        aliases: Vec::new(),
    };
    store
        .add_guild_term(guild, &entry, UserId(7))
        .await
        .expect("server glossary works");
    assert_eq!(store.guild_terms(guild).await.expect("list").len(), 1);
    store.import(shipped()).await.expect("import works");
    assert!(!store
        .search("kursk", 5)
        .await
        .expect("search works")
        .is_empty());
}

#[tokio::test]
async fn every_migration_applies_to_an_empty_file_and_only_once() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("fresh.db");
    let store = Store::open_path(&path).await.expect("open");
    assert_fully_usable(&store).await;
    store.close().await;
    assert_eq!(applied_versions(&path).await, every_version());

    let reopened = Store::open_path(&path).await.expect("reopen");
    assert_eq!(
        reopened.guild_terms(GuildId(42)).await.expect("list").len(),
        1
    );
    reopened.close().await;
    assert_eq!(applied_versions(&path).await, every_version());
}

#[tokio::test]
async fn later_migrations_apply_on_top_of_the_first_schema_and_keep_its_rows() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("old.db");

    // A database as the first release left it, with a dossier row in it.
    let first_only = Migrator {
        migrations: Cow::Owned(vec![MIGRATOR.iter().next().expect("first").clone()]),
        ..Migrator::DEFAULT
    };
    let pool = SqlitePool::connect_with(
        SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true),
    )
    .await
    .expect("connect");
    first_only.run(&pool).await.expect("first migration");
    let term = &shipped().terms[0];
    sqlx::query("INSERT INTO terms (id, position, payload) VALUES (?, 0, ?)")
        .bind(term.id.as_str())
        .bind(serde_json::to_string(term).expect("json"))
        .execute(&pool)
        .await
        .expect("insert term");
    sqlx::query(
        "INSERT INTO dossier_meta (singleton, content_hash, imported_at) VALUES (1, 'old', 0)",
    )
    .execute(&pool)
    .await
    .expect("insert meta");
    pool.close().await;
    assert_eq!(applied_versions(&path).await, vec![1]);

    let store = Store::open_path(&path)
        .await
        .expect("open migrates the rest");
    assert_eq!(
        store.term(&term.id).await.expect("term").as_ref(),
        Some(term)
    );
    assert_eq!(
        store.content_hash().await.expect("hash").as_deref(),
        Some("old")
    );
    assert_fully_usable(&store).await;
    store.close().await;
    assert_eq!(applied_versions(&path).await, every_version());
}
