//! Migrations apply to an empty database and on top of the previous schema, once each, on both
//! engines; PostgreSQL's mirror SQLite's.

use std::borrow::Cow;

use dossier_core::{ActorId, Dossier, TimelineQuery};
use dossier_store::{GuildId, NewGuildTerm, Store, UserId, MIGRATOR, POSTGRES_MIGRATOR};
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{PgPool, SqlitePool};

use crate::first_letters::{cores_choices, values};
use crate::fixtures::{shipped, Backend, TestDatabase};
use crate::generated::{generated_dossier, with_long_and_open_dates};

fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &MIGRATOR,
        Backend::Postgres => &POSTGRES_MIGRATOR,
    }
}

fn every_version(backend: Backend) -> Vec<i64> {
    migrator(backend)
        .iter()
        .map(|migration| migration.version)
        .collect()
}

/// A plain pool on a test database, without the store.
enum RawPool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl RawPool {
    async fn connect(backend: Backend, database: &TestDatabase) -> RawPool {
        match backend {
            // One connection, so a change of the schema is seen by the next statement: run
            // on another connection of the pool, a downgrade's rename now and then still met
            // the table it had just dropped.
            Backend::Sqlite => RawPool::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect(&format!("{}?mode=rwc", database.url()))
                    .await
                    .expect("connect"),
            ),
            Backend::Postgres => {
                RawPool::Postgres(PgPool::connect(database.url()).await.expect("connect"))
            }
        }
    }

    async fn applied_versions(&self) -> Vec<i64> {
        let sql = "SELECT version FROM _sqlx_migrations ORDER BY version";
        match self {
            RawPool::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
            RawPool::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        }
        .expect("versions")
    }

    async fn run(&self, migrator: &Migrator) {
        match self {
            RawPool::Sqlite(pool) => migrator.run(pool).await,
            RawPool::Postgres(pool) => migrator.run(pool).await,
        }
        .expect("migrate");
    }

    async fn execute(&self, sql: &str, texts: &[&str]) {
        match self {
            RawPool::Sqlite(pool) => {
                let mut query = sqlx::query(sql);
                for text in texts {
                    query = query.bind(*text);
                }
                query.execute(pool).await.map(drop)
            }
            RawPool::Postgres(pool) => {
                let mut query = sqlx::query(sql);
                for text in texts {
                    query = query.bind(*text);
                }
                query.execute(pool).await.map(drop)
            }
        }
        .expect("execute");
    }

    async fn close(&self) {
        match self {
            RawPool::Sqlite(pool) => pool.close().await,
            RawPool::Postgres(pool) => pool.close().await,
        }
    }
}

/// Takes a database back to before migration `version`: runs `statements` (which undo it) and
/// forgets that it was applied, so the store applies it again on opening.
async fn downgrade(backend: Backend, database: &TestDatabase, statements: &[&str], version: i64) {
    let pool = RawPool::connect(backend, database).await;
    for sql in statements {
        pool.execute(sql, &[]).await;
    }
    pool.execute(
        &format!("DELETE FROM _sqlx_migrations WHERE version = {version}"),
        &[],
    )
    .await;
    pool.close().await;
}

/// A new database with `dossier` imported by the current store, closed again.
async fn with_dossier_imported(backend: Backend, dossier: &Dossier) -> TestDatabase {
    let database = TestDatabase::create(backend).await;
    let store = database.open().await;
    store.import(dossier).await.expect("import");
    store.close().await;
    database
}

/// The store on `database` after an upgrade, which must not import `dossier` again: what the
/// upgrade changed is all the store has.
async fn upgraded_without_importing(database: &TestDatabase, dossier: &Dossier) -> Store {
    let store = database.open().await;
    let report = store.import(dossier).await.expect("import");
    assert!(!report.changed, "the same dossier is not imported again");
    store
}

/// Asserts that each of `queries` reads core's timeline, whole and counted, from `store`;
/// returns how many events they showed in all.
async fn assert_timelines_as_core(
    store: &Store,
    dossier: &Dossier,
    queries: impl IntoIterator<Item = TimelineQuery>,
) -> usize {
    let mut shown = 0;
    for query in queries {
        let expected: Vec<_> = dossier.timeline(&query).into_iter().cloned().collect();
        let page = store.timeline(&query, 0, 1_000).await.expect("timeline");
        assert_eq!(page.events, expected, "{query:?}");
        assert_eq!(page.total, expected.len(), "{query:?}");
        shown += expected.len();
    }
    shown
}

async fn applied_versions(backend: Backend, database: &TestDatabase) -> Vec<i64> {
    let pool = RawPool::connect(backend, database).await;
    let versions = pool.applied_versions().await;
    pool.close().await;
    versions
}

#[test]
fn migrations_are_numbered_from_one_without_gaps() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let versions = every_version(backend);
        assert!(versions.len() >= 2, "{versions:?}");
        let expected: Vec<i64> = (1..=i64::try_from(versions.len()).expect("few")).collect();
        assert_eq!(versions, expected, "{backend:?}");
    }
}

#[test]
fn postgres_migrations_mirror_the_sqlite_ones() {
    let describe = |migrator: &Migrator| -> Vec<(i64, String)> {
        migrator
            .iter()
            .map(|migration| (migration.version, migration.description.to_string()))
            .collect()
    };
    assert_eq!(describe(&MIGRATOR), describe(&POSTGRES_MIGRATOR));
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

async fn every_migration_applies_to_an_empty_database_and_only_once(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let store = database.open().await;
    assert_fully_usable(&store).await;
    store.close().await;
    assert_eq!(
        applied_versions(backend, &database).await,
        every_version(backend)
    );

    let reopened = database.open().await;
    assert_eq!(
        reopened.guild_terms(GuildId(42)).await.expect("list").len(),
        1
    );
    reopened.close().await;
    assert_eq!(
        applied_versions(backend, &database).await,
        every_version(backend)
    );
}

async fn later_migrations_apply_on_top_of_the_first_schema_and_keep_its_rows(backend: Backend) {
    let database = TestDatabase::create(backend).await;

    // A database as the first release left it, with a dossier row in it.
    let first_only = Migrator {
        migrations: Cow::Owned(vec![migrator(backend)
            .iter()
            .next()
            .expect("first")
            .clone()]),
        ..Migrator::DEFAULT
    };
    let pool = RawPool::connect(backend, &database).await;
    pool.run(&first_only).await;
    let term = &shipped().terms[0];
    let payload = serde_json::to_string(term).expect("json");
    pool.execute(
        "INSERT INTO terms (id, position, payload) VALUES ($1, 0, $2)",
        &[term.id.as_str(), &payload],
    )
    .await;
    pool.execute(
        "INSERT INTO dossier_meta (singleton, content_hash, imported_at) VALUES (1, 'old', 0)",
        &[],
    )
    .await;
    assert_eq!(pool.applied_versions().await, vec![1]);
    pool.close().await;

    let store = database.open().await;
    assert_eq!(
        store.term(&term.id).await.expect("term").as_ref(),
        Some(term)
    );
    // The tables added later are derived from the dossier: the stored hash is forgotten, so
    // the next import writes them even when the dossier has not changed.
    assert_eq!(store.content_hash().await.expect("hash"), None);
    assert_fully_usable(&store).await;
    store.close().await;
    assert_eq!(
        applied_versions(backend, &database).await,
        every_version(backend)
    );
}

/// A record as the JSON payload the store keeps.
fn json<T: serde::Serialize>(record: &T) -> String {
    serde_json::to_string(record).expect("json")
}

/// Upgrading keeps every actor's timeline right without importing again: links between events
/// and actors written before they carried their event's dates get them from the events.
async fn links_written_before_they_carried_dates_get_them_on_upgrade(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let before_dates = Migrator {
        migrations: Cow::Owned(
            migrator(backend)
                .iter()
                .filter(|migration| migration.version < 8)
                .cloned()
                .collect(),
        ),
        ..Migrator::DEFAULT
    };
    let pool = RawPool::connect(backend, &database).await;
    pool.run(&before_dates).await;
    let dossier = shipped();
    for (position, actor) in dossier.actors.iter().enumerate() {
        pool.execute(
            &format!("INSERT INTO actors (id, position, payload) VALUES ($1, {position}, $2)"),
            &[actor.id.as_str(), &json(actor)],
        )
        .await;
    }
    for (position, event) in dossier.events.iter().enumerate() {
        let (earliest, latest) = (
            event.date.earliest().day_number(),
            event.date.latest().day_number(),
        );
        pool.execute(
            &format!(
                "INSERT INTO events (id, position, earliest, latest, payload) \
                 VALUES ($1, {position}, {earliest}, {latest}, $2)"
            ),
            &[event.id.as_str(), &json(event)],
        )
        .await;
        for actor in &event.actors {
            pool.execute(
                "INSERT INTO event_actors (event_id, actor_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING",
                &[event.id.as_str(), actor.as_str()],
            )
            .await;
        }
    }
    pool.close().await;

    let store = database.open().await;
    let mut queries = Vec::new();
    for actor in ["north-korea", "russia", "south-korea", "ukraine"] {
        let actors = dossier.actor_family(&ActorId::new(actor).expect("valid id"));
        queries.push(TimelineQuery {
            actors: actors.clone(),
            ..TimelineQuery::default()
        });
        queries.push(TimelineQuery {
            actors,
            from: "2025-01".parse().ok(),
            to: "2025-04".parse().ok(),
            ..TimelineQuery::default()
        });
    }
    let shown = assert_timelines_as_core(&store, dossier, queries).await;
    assert!(shown > 10, "the actors have events to show");
    store.close().await;
}

/// Upgrading keeps text-filtered timelines right without importing again: events' texts
/// written before they were numbered in the timeline's order (in id order, and without the
/// index of their words) are numbered and indexed by the upgrade.
async fn event_texts_written_before_they_were_numbered_get_numbers_on_upgrade(backend: Backend) {
    const NUMBERED_TEXTS: i64 = 10;
    let dossier = generated_dossier(0, 300, 3);
    let database = with_dossier_imported(backend, &dossier).await;
    undo_end_order(backend, &database).await;
    // Back to the layout the earlier migrations left, with the rows in id order as the
    // import then wrote them.
    let statements: &[&str] = match backend {
        Backend::Sqlite => &[
            "CREATE TABLE texts_by_id (event_id TEXT PRIMARY KEY, earliest INTEGER NOT NULL, \
             latest INTEGER NOT NULL, folded_text TEXT NOT NULL)",
            "INSERT INTO texts_by_id SELECT event_id, earliest, latest, folded_text \
             FROM event_texts ORDER BY event_id",
            "DROP TABLE event_texts",
            "DROP TABLE event_text_words",
            "ALTER TABLE texts_by_id RENAME TO event_texts",
            "CREATE INDEX event_texts_by_date ON event_texts (earliest, latest, event_id)",
        ],
        Backend::Postgres => &["ALTER TABLE event_texts DROP COLUMN position"],
    };
    downgrade(backend, &database, statements, NUMBERED_TEXTS).await;

    assert!(
        every_version(backend).contains(&NUMBERED_TEXTS),
        "the migration this test downgrades is one of the store's (of the later ones, only \
         the end's order, undone above, changes event_texts)"
    );
    let store = upgraded_without_importing(&database, &dossier).await;
    let queries = [
        "observers",
        "airfield",
        "kur",
        "units hold",
        "north korean units",
    ]
    .map(|needle| TimelineQuery {
        text: Some(needle.to_owned()),
        ..TimelineQuery::default()
    });
    let shown = assert_timelines_as_core(&store, &dossier, queries).await;
    assert!(shown > 100, "the needles are in the generated events");
    store.close().await;
}

/// The migration that numbers events' texts in the order of their ends.
const END_ORDER: i64 = 12;

/// Takes a database back to before [`END_ORDER`].
async fn undo_end_order(backend: Backend, database: &TestDatabase) {
    let statements: &[&str] = match backend {
        // SQLite drops no column an index still uses.
        Backend::Sqlite => &[
            "DROP TABLE event_text_words_by_end",
            "DROP INDEX event_texts_by_end",
            "ALTER TABLE event_texts DROP COLUMN end_position",
        ],
        Backend::Postgres => &["ALTER TABLE event_texts DROP COLUMN end_position"],
    };
    downgrade(backend, database, statements, END_ORDER).await;
}

/// Upgrading keeps timelines filtered by text and dates right without importing again:
/// events' texts written before they were numbered by their ends are numbered, and their words
/// indexed under that number, by the upgrade.
async fn event_texts_written_before_the_end_order_get_it_on_upgrade(backend: Backend) {
    let dossier = with_long_and_open_dates(generated_dossier(0, 300, 7));
    let database = with_dossier_imported(backend, &dossier).await;
    undo_end_order(backend, &database).await;

    assert!(every_version(backend).contains(&END_ORDER));
    let store = upgraded_without_importing(&database, &dossier).await;
    let queries = [
        ("airfield", "2024-11", "2025-01"),
        ("units hold", "2024-12-31", "2025-04"),
        ("kur", "2025-04-28", "2025-04-28"),
    ]
    .map(|(needle, from, to)| TimelineQuery {
        text: Some(needle.to_owned()),
        from: from.parse().ok(),
        to: to.parse().ok(),
        ..TimelineQuery::default()
    });
    let shown = assert_timelines_as_core(&store, &dossier, queries).await;
    assert!(shown > 20, "the needles are in the generated events");
    store.close().await;
}

/// Upgrading keeps autocomplete right without importing again: names written before each row
/// carried its whole name's length and its record's place in name order (and before the
/// indexes by length) get both from the upgrade, so prefix and later-word matches still come
/// as core ranks them: shortest first, equal lengths by name.
async fn names_written_before_they_carried_lengths_get_them_on_upgrade(backend: Backend) {
    const NAME_LENGTHS: i64 = 11;
    let dossier = generated_dossier(400, 300, 5);
    let database = with_dossier_imported(backend, &dossier).await;
    let mut statements = match backend {
        // SQLite drops no column an index still uses.
        Backend::Sqlite => vec![
            "DROP INDEX names_whole_by_length",
            "DROP INDEX names_later_by_length",
        ],
        Backend::Postgres => Vec::new(),
    };
    statements.extend([
        "ALTER TABLE names DROP COLUMN label_length",
        "ALTER TABLE names DROP COLUMN name_rank",
        "CREATE INDEX names_by_initial \
         ON names (kind, substr(folded_key, 1, 1), length(folded_key), record_id) \
         WHERE word = 0",
    ]);
    downgrade(backend, &database, &statements, NAME_LENGTHS).await;

    assert!(every_version(backend).contains(&NAME_LENGTHS));
    let store = upgraded_without_importing(&database, &dossier).await;
    for typed in ["k", "no", "ne", "ho", "sup", "the b", "former", "reg"] {
        let (terms, events) = cores_choices(&dossier, typed);
        let got = values(store.complete_events(typed).await.expect("events"));
        assert_eq!(got, events, "events for {typed:?}");
        let got = values(store.complete_terms(typed).await.expect("terms"));
        assert_eq!(got, terms, "terms for {typed:?}");
    }
    store.close().await;
}

on_both_backends!(
    every_migration_applies_to_an_empty_database_and_only_once,
    later_migrations_apply_on_top_of_the_first_schema_and_keep_its_rows,
    links_written_before_they_carried_dates_get_them_on_upgrade,
    event_texts_written_before_they_were_numbered_get_numbers_on_upgrade,
    names_written_before_they_carried_lengths_get_them_on_upgrade,
    event_texts_written_before_the_end_order_get_it_on_upgrade,
);
