//! Opening the database: choosing the engine from the URL, the pool and the embedded
//! migrations of each engine.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;

use crate::backend::{
    connect_postgres, connect_sqlite, is_postgres_url, without_password, Backend, DatabaseKind,
};
use crate::error::StoreError;
use crate::first_keystroke::FirstKeystrokes;
use crate::held::HeldKinds;
use crate::references::ReferenceCache;
use crate::small_kinds::SmallKinds;

/// Every SQLite migration (the `.sql` files of the top-level `migrations/` folder), compiled in.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// Every PostgreSQL migration (the `.sql` files of `migrations/postgres/`), compiled in.
pub static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("../../migrations/postgres");

/// The database used when none is configured: `dossier.db` in the working folder.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://dossier.db";

/// How long an SQLite connection waits on another connection's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A handle on the Dossier database. Cheap to clone; clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) backend: Backend,
    /// The sources and actors of the dossier last read, shared by clones.
    pub(crate) references: Arc<ReferenceCache>,
    /// Autocomplete's answers to one typed character, shared by clones.
    pub(crate) first_keystrokes: Arc<FirstKeystrokes>,
    /// Every name of each small kind, shared by clones.
    pub(crate) small_kinds: Arc<SmallKinds>,
    /// The words of each mid-sized kind, shared by clones.
    pub(crate) held_kinds: Arc<HeldKinds>,
}

impl Store {
    /// Opens the database at `url` and applies any pending migrations. The scheme chooses the
    /// engine:
    ///
    /// - `postgres://` or `postgresql://` — a PostgreSQL database (which must exist, with UTF-8
    ///   encoding), e.g. `postgres://dossier:secret@db.internal/dossier`. Several processes
    ///   may share it.
    /// - anything else — SQLite, e.g. `sqlite://dossier.db` or `sqlite::memory:`, created if
    ///   missing, with options set explicitly: WAL journal, `synchronous = NORMAL`, foreign
    ///   keys on, and a busy timeout of [`BUSY_TIMEOUT`].
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        if is_postgres_url(url) {
            let pool = connect_postgres(url).await?;
            POSTGRES_MIGRATOR.run(&pool).await?;
            tracing::debug!(url = %without_password(url), "opened PostgreSQL store");
            return Ok(Store::on(Backend::Postgres(pool)));
        }
        let options =
            SqliteConnectOptions::from_str(url).map_err(|source| StoreError::InvalidUrl {
                url: url.to_owned(),
                source,
            })?;
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        Self::open_sqlite(options, in_memory).await
    }

    /// Opens (creating if missing) the SQLite database file at `path` and applies pending
    /// migrations.
    pub async fn open_path(path: &Path) -> Result<Store, StoreError> {
        Self::open_sqlite(SqliteConnectOptions::new().filename(path), false).await
    }

    /// Opens a fresh private in-memory SQLite database with the schema applied; it lives as
    /// long as the returned store (and its clones).
    pub async fn open_in_memory() -> Result<Store, StoreError> {
        Self::open("sqlite::memory:").await
    }

    async fn open_sqlite(
        options: SqliteConnectOptions,
        in_memory: bool,
    ) -> Result<Store, StoreError> {
        let pool = connect_sqlite(options, in_memory).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store::on(Backend::Sqlite(pool)))
    }

    fn on(backend: Backend) -> Store {
        Store {
            backend,
            references: Arc::default(),
            first_keystrokes: Arc::default(),
            small_kinds: Arc::default(),
            held_kinds: Arc::default(),
        }
    }

    /// Which engine this store runs on.
    pub fn database_kind(&self) -> DatabaseKind {
        self.backend.kind()
    }

    /// Waits for every connection to be returned, then closes them (on SQLite, checkpointing
    /// the WAL).
    pub async fn close(&self) {
        self.backend.close().await;
    }
}
