//! SQLite: connection options (WAL, `synchronous = NORMAL`, foreign keys, a busy timeout, a
//! memory map), transactions (`BEGIN IMMEDIATE` for writers) and argument binding.

use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Arguments, Sqlite, SqlitePool};

use crate::backend::{Arg, FromEitherRow, Statement, Transaction};
use crate::connection::BUSY_TIMEOUT;

/// Connections kept for a database file: one writer at a time, readers in parallel. More
/// than the two cores of a small host still pays: a task holds its connection from its first
/// statement to its last, Rust work between them included, so with two connections tasks wait
/// for a connection while a core is idle (measured on two cores, 16 interactions in flight:
/// /define 2,056–2,192/s with four, 1,543–1,725/s with two; each connection costs ~0.75 MiB).
const MAX_FILE_CONNECTIONS: u32 = 4;

/// Bytes of the database file SQLite reads through a memory map instead of copying pages into
/// each connection's cache: the connections share the kernel's copy, and a read costs less
/// (bot CPU per /define 550–640 µs against 670–750 µs). A larger file is read past the map as
/// usual.
const MEMORY_MAP_BYTES: &str = "67108864";

/// Opens a pool with the store's options set explicitly.
pub(crate) async fn connect(
    options: SqliteConnectOptions,
    in_memory: bool,
) -> Result<SqlitePool, sqlx::Error> {
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .pragma("mmap_size", MEMORY_MAP_BYTES);
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
    pool_options.connect_with(options).await
}

/// A deferred transaction: in WAL mode its first read fixes the snapshot it sees.
pub(super) async fn begin_read(pool: &SqlitePool) -> Result<Transaction, sqlx::Error> {
    Ok(Transaction::Sqlite(pool.begin().await?))
}

/// IMMEDIATE takes the database's single write lock up front, so two writers queue on the
/// busy timeout instead of failing when a read transaction tries to become a write.
pub(super) async fn begin_write(pool: &SqlitePool) -> Result<Transaction, sqlx::Error> {
    Ok(Transaction::Sqlite(
        pool.begin_with("BEGIN IMMEDIATE").await?,
    ))
}

fn arguments<'q>(args: &'q [Arg<'_>]) -> Result<SqliteArguments<'q>, sqlx::Error> {
    let mut arguments = SqliteArguments::default();
    for arg in args {
        match arg {
            Arg::Text(text) => arguments.add(text.as_ref()),
            Arg::OptionalText(text) => arguments.add(text.as_deref()),
            Arg::Integer(value) => arguments.add(*value),
            Arg::OptionalInteger(value) => arguments.add(*value),
            Arg::Flag(value) => arguments.add(*value),
            Arg::TextList(values) => arguments.add(
                serde_json::to_string(values)
                    .map_err(|error| sqlx::Error::Encode(Box::new(error)))?,
            ),
        }
        .map_err(sqlx::Error::Encode)?;
    }
    Ok(arguments)
}

pub(super) async fn fetch_all<'e, E, T>(
    executor: E,
    statement: &Statement<'_>,
) -> Result<Vec<T>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
    T: FromEitherRow,
{
    sqlx::query_as_with(&statement.sql, arguments(&statement.args)?)
        .fetch_all(executor)
        .await
}

pub(super) async fn fetch_optional<'e, E, T>(
    executor: E,
    statement: &Statement<'_>,
) -> Result<Option<T>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
    T: FromEitherRow,
{
    sqlx::query_as_with(&statement.sql, arguments(&statement.args)?)
        .fetch_optional(executor)
        .await
}

pub(super) async fn execute<'e, E>(
    executor: E,
    statement: &Statement<'_>,
) -> Result<u64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    Ok(
        sqlx::query_with(&statement.sql, arguments(&statement.args)?)
            .execute(executor)
            .await?
            .rows_affected(),
    )
}
