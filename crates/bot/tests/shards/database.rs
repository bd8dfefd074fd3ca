//! The one database every process shares: a private schema of the PostgreSQL database named by
//! `DOSSIER_TEST_POSTGRES_URL` when it is set, else an SQLite file in a temporary folder. It is
//! migrated and loaded once, before any process starts, as an operator would do it.

use std::io::Write as _;

use dossier_bot::{prepare_store, Config, Token};
use dossier_store::ScratchSchema;
use tempfile::TempDir;

/// The environment variable naming the PostgreSQL database the tests may use.
const POSTGRES_URL_VARIABLE: &str = "DOSSIER_TEST_POSTGRES_URL";

/// One database for the whole deployment, removed when dropped.
pub(crate) struct SharedDatabase {
    url: String,
    engine: &'static str,
    _folder: Option<TempDir>,
    _schema: Option<ScratchSchema>,
}

impl SharedDatabase {
    /// PostgreSQL when `DOSSIER_TEST_POSTGRES_URL` is set, SQLite otherwise — except under
    /// `CI=true`, where a missing PostgreSQL fails the test so CI cannot pass without it.
    pub(crate) async fn create(token: &str) -> Self {
        let postgres = std::env::var(POSTGRES_URL_VARIABLE)
            .ok()
            .filter(|url| !url.trim().is_empty());
        let database = match postgres {
            Some(base_url) => {
                let schema = ScratchSchema::create(&base_url, "dossier_shards")
                    .await
                    .unwrap_or_else(|error| panic!("create a test schema: {error}"));
                Self {
                    url: schema.url(),
                    engine: "PostgreSQL",
                    _folder: None,
                    _schema: Some(schema),
                }
            }
            None => {
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "CI=true but {POSTGRES_URL_VARIABLE} is not set: the shard test must run \
                     on PostgreSQL in CI (start a server with `eval \"$(.ci/postgres start)\"`)"
                );
                // Straight to the terminal: the test harness captures `eprintln!`.
                let _ = writeln!(
                    std::io::stderr(),
                    "note: the shard test runs on a shared SQLite file \
                     ({POSTGRES_URL_VARIABLE} is not set)"
                );
                let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
                let url = format!("sqlite://{}", folder.path().join("dossier.db").display());
                Self {
                    url,
                    engine: "SQLite",
                    _folder: Some(folder),
                    _schema: None,
                }
            }
        };
        database.migrate_and_load(token).await;
        database
    }

    /// Migrates the database and imports the built-in dossier, as every process would on
    /// start, so the processes find it ready instead of racing to create it.
    async fn migrate_and_load(&self, token: &str) {
        let mut config = Config::new(Token::new(token).unwrap_or_else(|error| panic!("{error}")));
        config.database_url = self.url.clone();
        let (store, report) = prepare_store(&config)
            .await
            .unwrap_or_else(|error| panic!("the {} database is prepared: {error}", self.engine));
        assert!(report.changed, "a new database gets the dossier");
        store.close().await;
    }

    /// What the processes get as `DATABASE_URL`.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// `PostgreSQL` or `SQLite`, for messages.
    pub(crate) fn engine(&self) -> &'static str {
        self.engine
    }
}
