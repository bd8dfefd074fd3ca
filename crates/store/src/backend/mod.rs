//! The two databases behind [`crate::Store`]: SQLite (embedded, the default) and PostgreSQL
//! (shared by several processes), and the one small interface the rest of the crate uses for
//! both: a [`Statement`] (SQL text with `$1`-style parameters, which both accept, and typed
//! arguments) run on the pool or inside a [`Transaction`], its rows decoded into the same Rust
//! tuples. What differs — connecting, beginning transactions, binding lists, a few SQL
//! fragments — lives in `sqlite.rs` and `postgres.rs`.

mod bulk;
mod postgres;
mod sqlite;
mod statement;

use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, PgConnection, PgPool, SqliteConnection, SqlitePool};

pub(crate) use bulk::Batch;
pub(crate) use postgres::{connect as connect_postgres, is_postgres_url, without_password};
pub(crate) use sqlite::connect as connect_sqlite;
pub(crate) use statement::Statement;

use statement::Arg;

/// Which database engine a [`crate::Store`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatabaseKind {
    /// An SQLite file (or memory): one host, nothing to install.
    Sqlite,
    /// A PostgreSQL database, which several processes or hosts may share.
    Postgres,
}

impl DatabaseKind {
    /// Lowercase name, for logs: "sqlite" or "postgres".
    pub fn label(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }

    /// The condition "the text bound at `parameter` occurs in `column`".
    pub(crate) fn contains(self, column: &str, parameter: &str) -> String {
        match self {
            Self::Sqlite => format!("instr({column}, {parameter}) > 0"),
            Self::Postgres => format!("strpos({column}, {parameter}) > 0"),
        }
    }

    /// The condition "`column` is one of the texts bound at `parameter`" (an
    /// [`Statement::text_list`] argument).
    pub(crate) fn one_of(self, column: &str, parameter: &str) -> String {
        match self {
            Self::Sqlite => format!("{column} IN (SELECT value FROM json_each({parameter}))"),
            Self::Postgres => format!("{column} = ANY({parameter})"),
        }
    }

    /// The aggregate joining `column` (text or integers holding no space) of every row into
    /// one text, separated by spaces. Two such aggregates in one statement list their rows in
    /// the same order; cheaper for SQLite to build than [`Self::packed_rows`], and read
    /// without allocating a string per row.
    pub(crate) fn space_joined(self, column: &str) -> String {
        match self {
            Self::Sqlite => format!("group_concat({column}, ' ')"),
            Self::Postgres => format!("string_agg(CAST({column} AS TEXT), ' ')"),
        }
    }

    /// The aggregate packing `columns` of every row into one JSON array of arrays, as text:
    /// one row to hand over instead of many, each of which costs sqlx's SQLite driver a
    /// message between threads. Read it with [`crate::payload::fetch_packed`].
    pub(crate) fn packed_rows(self, columns: &str) -> String {
        match self {
            Self::Sqlite => format!("json_group_array(json_array({columns}))"),
            Self::Postgres => format!("CAST(json_agg(json_build_array({columns})) AS TEXT)"),
        }
    }
}

/// The connection pool of either engine.
#[derive(Debug, Clone)]
pub(crate) enum Backend {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A row type both engines can decode: tuples of `String`, `i64`, `f64`, `bool` and options
/// of them.
pub(crate) trait FromEitherRow:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

impl<T> FromEitherRow for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// Where a statement runs: a pool (any free connection) or one connection (a transaction).
#[derive(Debug)]
pub(crate) enum Executor<'e> {
    SqlitePool(&'e SqlitePool),
    SqliteConnection(&'e mut SqliteConnection),
    PostgresPool(&'e PgPool),
    PostgresConnection(&'e mut PgConnection),
}

impl Executor<'_> {
    pub(crate) fn kind(&self) -> DatabaseKind {
        match self {
            Self::SqlitePool(_) | Self::SqliteConnection(_) => DatabaseKind::Sqlite,
            Self::PostgresPool(_) | Self::PostgresConnection(_) => DatabaseKind::Postgres,
        }
    }

    /// Every row.
    pub(crate) async fn fetch_all<T: FromEitherRow>(
        self,
        statement: Statement<'_>,
    ) -> Result<Vec<T>, sqlx::Error> {
        match self {
            Self::SqlitePool(pool) => sqlite::fetch_all(pool, &statement).await,
            Self::SqliteConnection(connection) => sqlite::fetch_all(connection, &statement).await,
            Self::PostgresPool(pool) => postgres::fetch_all(pool, &statement).await,
            Self::PostgresConnection(connection) => {
                postgres::fetch_all(connection, &statement).await
            }
        }
    }

    /// The first row, if any.
    pub(crate) async fn fetch_optional<T: FromEitherRow>(
        self,
        statement: Statement<'_>,
    ) -> Result<Option<T>, sqlx::Error> {
        match self {
            Self::SqlitePool(pool) => sqlite::fetch_optional(pool, &statement).await,
            Self::SqliteConnection(connection) => {
                sqlite::fetch_optional(connection, &statement).await
            }
            Self::PostgresPool(pool) => postgres::fetch_optional(pool, &statement).await,
            Self::PostgresConnection(connection) => {
                postgres::fetch_optional(connection, &statement).await
            }
        }
    }

    /// The first column of the first row, if any.
    pub(crate) async fn fetch_optional_value<T>(
        self,
        statement: Statement<'_>,
    ) -> Result<Option<T>, sqlx::Error>
    where
        (T,): FromEitherRow,
    {
        Ok(self
            .fetch_optional::<(T,)>(statement)
            .await?
            .map(|(value,)| value))
    }

    /// Runs the statement; returns how many rows it changed.
    pub(crate) async fn execute(self, statement: Statement<'_>) -> Result<u64, sqlx::Error> {
        match self {
            Self::SqlitePool(pool) => sqlite::execute(pool, &statement).await,
            Self::SqliteConnection(connection) => sqlite::execute(connection, &statement).await,
            Self::PostgresPool(pool) => postgres::execute(pool, &statement).await,
            Self::PostgresConnection(connection) => postgres::execute(connection, &statement).await,
        }
    }
}

/// A transaction on one connection of either engine. Dropped without [`Transaction::commit`],
/// it rolls back.
#[derive(Debug)]
pub(crate) enum Transaction {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Transaction {
    /// Runs statements inside this transaction.
    pub(crate) fn executor(&mut self) -> Executor<'_> {
        match self {
            Self::Sqlite(transaction) => Executor::SqliteConnection(transaction),
            Self::Postgres(transaction) => Executor::PostgresConnection(transaction),
        }
    }

    pub(crate) fn kind(&self) -> DatabaseKind {
        match self {
            Self::Sqlite(_) => DatabaseKind::Sqlite,
            Self::Postgres(_) => DatabaseKind::Postgres,
        }
    }

    /// Forgets the statements the connection keeps prepared. A bulk load prepares a few very
    /// large INSERTs that would otherwise stay in memory for the connection's lifetime.
    pub(crate) async fn forget_prepared_statements(&mut self) -> Result<(), sqlx::Error> {
        use sqlx::Connection;
        match self {
            Self::Sqlite(transaction) => transaction.clear_cached_statements().await,
            Self::Postgres(transaction) => transaction.clear_cached_statements().await,
        }
    }

    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(transaction) => transaction.commit().await,
            Self::Postgres(transaction) => transaction.commit().await,
        }
    }

    pub(crate) async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Self::Sqlite(transaction) => transaction.rollback().await,
            Self::Postgres(transaction) => transaction.rollback().await,
        }
    }
}

impl Backend {
    pub(crate) fn kind(&self) -> DatabaseKind {
        match self {
            Self::Sqlite(_) => DatabaseKind::Sqlite,
            Self::Postgres(_) => DatabaseKind::Postgres,
        }
    }

    /// Runs single statements on any free connection.
    pub(crate) fn executor(&self) -> Executor<'_> {
        match self {
            Self::Sqlite(pool) => Executor::SqlitePool(pool),
            Self::Postgres(pool) => Executor::PostgresPool(pool),
        }
    }

    /// A read-only transaction on one snapshot: every statement in it sees the same dossier,
    /// whatever imports commit meanwhile.
    pub(crate) async fn read(&self) -> Result<Transaction, sqlx::Error> {
        match self {
            Self::Sqlite(pool) => sqlite::begin_read(pool).await,
            Self::Postgres(pool) => postgres::begin_read(pool).await,
        }
    }

    /// A transaction that replaces the dossier. Importers queue on it one at a time (across
    /// processes on PostgreSQL); each sees what the previous one committed.
    pub(crate) async fn write_dossier(&self) -> Result<Transaction, sqlx::Error> {
        match self {
            Self::Sqlite(pool) => sqlite::begin_write(pool).await,
            Self::Postgres(pool) => postgres::begin_dossier_write(pool).await,
        }
    }

    /// A write transaction that needs no lock of its own (usage counts, whose upserts add up
    /// whatever other writers do): SQLite's single writer, or PostgreSQL's READ COMMITTED.
    pub(crate) async fn write(&self) -> Result<Transaction, sqlx::Error> {
        match self {
            Self::Sqlite(pool) => sqlite::begin_write(pool).await,
            Self::Postgres(pool) => Ok(Transaction::Postgres(pool.begin().await?)),
        }
    }

    /// A transaction that changes one server's glossary. Writers to the same server queue on
    /// it one at a time (across processes on PostgreSQL); each sees what the previous one
    /// committed.
    pub(crate) async fn write_guild(&self, guild: i64) -> Result<Transaction, sqlx::Error> {
        match self {
            Self::Sqlite(pool) => sqlite::begin_write(pool).await,
            Self::Postgres(pool) => postgres::begin_guild_write(pool, guild).await,
        }
    }

    /// Waits for every connection to be returned, then closes them.
    pub(crate) async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}
