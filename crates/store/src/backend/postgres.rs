//! PostgreSQL: the pool, transactions (REPEATABLE READ snapshots for readers, advisory locks
//! that queue writers across processes) and argument binding.

use std::str::FromStr;

use sqlx::postgres::{PgArguments, PgConnectOptions, PgPoolOptions};
use sqlx::{Arguments, PgPool, Postgres};

use crate::backend::{Arg, FromEitherRow, Statement, Transaction};
use crate::error::StoreError;

/// Connections kept per process.
const MAX_CONNECTIONS: u32 = 8;

/// Whether `url` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub(crate) fn is_postgres_url(url: &str) -> bool {
    ["postgres://", "postgresql://"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    })
}

/// `url` with any password replaced by `***`, fit for logs.
pub(crate) fn without_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|index| index + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |index| scheme_end + index);
    let authority = &url[scheme_end..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    match authority[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end],
            &authority[..colon],
            &url[scheme_end + at..]
        ),
        None => url.to_owned(),
    }
}

/// Parses `url` and opens a pool. The database must store text as UTF-8: names are folded
/// Unicode and search keys may hold any letter.
pub(crate) async fn connect(url: &str) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url).map_err(|source| StoreError::InvalidUrl {
        url: without_password(url),
        source,
    })?;
    let pool = PgPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .connect_with(options)
        .await?;
    let encoding: String = sqlx::query_scalar("SHOW server_encoding")
        .fetch_one(&pool)
        .await?;
    if !encoding.eq_ignore_ascii_case("UTF8") {
        pool.close().await;
        return Err(StoreError::Unsupported {
            reason: format!("the database encoding is {encoding}, not UTF8"),
        });
    }
    Ok(pool)
}

/// A read-only REPEATABLE READ transaction: every statement sees the snapshot taken by the
/// first, so a reader never mixes two dossiers.
pub(super) async fn begin_read(pool: &PgPool) -> Result<Transaction, sqlx::Error> {
    Ok(Transaction::Postgres(
        pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await?,
    ))
}

/// A READ COMMITTED transaction holding the advisory lock taken by `lock` until it ends. Every
/// later statement sees what earlier holders committed. Locks are named after the schema, so
/// stores in other schemas of the same database never wait for each other.
async fn begin_locked(pool: &PgPool, lock: Statement<'_>) -> Result<Transaction, sqlx::Error> {
    let mut transaction = Transaction::Postgres(pool.begin().await?);
    transaction.executor().execute(lock).await?;
    Ok(transaction)
}

/// Importers, in any process, replace the dossier one at a time.
pub(super) async fn begin_dossier_write(pool: &PgPool) -> Result<Transaction, sqlx::Error> {
    begin_locked(
        pool,
        Statement::new(
            "SELECT pg_advisory_xact_lock(\
             hashtextextended(COALESCE(current_schema(), '') || '/dossier', 0))",
        ),
    )
    .await
}

/// Writers to one server's glossary, in any process, go one at a time; other servers' writers
/// do not wait.
pub(super) async fn begin_guild_write(
    pool: &PgPool,
    guild: i64,
) -> Result<Transaction, sqlx::Error> {
    begin_locked(
        pool,
        Statement::new(
            "SELECT pg_advisory_xact_lock(hashtextextended(\
             COALESCE(current_schema(), '') || '/guild/' || CAST($1 AS TEXT), 0))",
        )
        .integer(guild),
    )
    .await
}

fn arguments(args: &[Arg<'_>]) -> Result<PgArguments, sqlx::Error> {
    let mut arguments = PgArguments::default();
    for arg in args {
        match arg {
            Arg::Text(text) => arguments.add(text.as_ref()),
            Arg::OptionalText(text) => arguments.add(text.as_deref()),
            Arg::Integer(value) => arguments.add(*value),
            Arg::OptionalInteger(value) => arguments.add(*value),
            Arg::Flag(value) => arguments.add(*value),
            Arg::TextList(values) => arguments.add(values.as_slice()),
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
    E: sqlx::Executor<'e, Database = Postgres>,
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
    E: sqlx::Executor<'e, Database = Postgres>,
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
    E: sqlx::Executor<'e, Database = Postgres>,
{
    Ok(
        sqlx::query_with(&statement.sql, arguments(&statement.args)?)
            .execute(executor)
            .await?
            .rows_affected(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemes_name_postgres_and_nothing_else_does() {
        assert!(is_postgres_url("postgres://localhost/dossier"));
        assert!(is_postgres_url("postgresql://user@host:5432/db"));
        assert!(is_postgres_url("PostgreSQL://host/db"));
        assert!(!is_postgres_url("sqlite://dossier.db"));
        assert!(!is_postgres_url("dossier.db"));
        assert!(!is_postgres_url("postgres"));
    }

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            without_password("postgres://dossier:s3cret@127.0.0.1:5432/db?sslmode=disable"),
            "postgres://dossier:***@127.0.0.1:5432/db?sslmode=disable"
        );
        assert_eq!(
            without_password("postgres://dossier@host/db"),
            "postgres://dossier@host/db"
        );
        assert_eq!(
            without_password("postgres://host/db?user=a@b"),
            "postgres://host/db?user=a@b"
        );
        assert_eq!(
            without_password("postgres://u:p@ss:w@host/db"),
            "postgres://u:***@host/db"
        );
    }
}
