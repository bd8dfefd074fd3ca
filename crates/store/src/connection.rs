//! Opening the database: connection options, the pool and the embedded migrations.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::error::StoreError;

/// Every migration under the top-level `migrations/` folder, compiled in.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// The database used when none is configured: `dossier.db` in the working folder.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://dossier.db";

/// How long a connection waits on another connection's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Connections kept for a database file: one writer at a time, readers in parallel.
const MAX_FILE_CONNECTIONS: u32 = 4;

/// A handle on the Dossier database. Cheap to clone; clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: SqlitePool,
}

impl Store {
    /// Opens (creating if missing) the database at `url`, e.g. `sqlite://dossier.db` or
    /// `sqlite::memory:`, and applies any pending migrations.
    ///
    /// Options are set explicitly: create if missing, WAL journal, `synchronous = NORMAL`,
    /// foreign keys on, and a busy timeout of [`BUSY_TIMEOUT`].
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let options =
            SqliteConnectOptions::from_str(url).map_err(|source| StoreError::InvalidUrl {
                url: url.to_owned(),
                source,
            })?;
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        Self::open_with(options, in_memory).await
    }

    /// Opens (creating if missing) the database file at `path` and applies pending migrations.
    pub async fn open_path(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(SqliteConnectOptions::new().filename(path), false).await
    }

    /// Opens a fresh private in-memory database with the schema applied; it lives as long as
    /// the returned store (and its clones).
    pub async fn open_in_memory() -> Result<Store, StoreError> {
        Self::open("sqlite::memory:").await
    }

    async fn open_with(
        options: SqliteConnectOptions,
        in_memory: bool,
    ) -> Result<Store, StoreError> {
        let pool = Self::connect(options, in_memory).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store { pool })
    }

    async fn connect(
        options: SqliteConnectOptions,
        in_memory: bool,
    ) -> Result<SqlitePool, StoreError> {
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool_options = if in_memory {
            // An in-memory database lives only while a connection to it is open: keep exactly
            // one, forever.
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        } else {
            SqlitePoolOptions::new().max_connections(MAX_FILE_CONNECTIONS)
        };
        Ok(pool_options.connect_with(options).await?)
    }

    /// Waits for every connection to be returned, then closes them (checkpointing the WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
