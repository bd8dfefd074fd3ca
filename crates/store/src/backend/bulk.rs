//! Many rows for one table sent as multi-row INSERTs, each statement built while the previous
//! one runs: rows are made lazily, so a million of them never sit in memory at once, and the
//! Rust side and the database work at the same time.

use std::borrow::Cow;
use std::future::Future;
use std::task::Poll;

use tracing::Instrument;

use crate::backend::{DatabaseKind, Statement, Transaction};
use crate::error::StoreError;

/// Arguments per multi-row INSERT on PostgreSQL: well under its limit of 65,535 parameters,
/// and large enough that a dossier goes in a few round trips.
const MAX_POSTGRES_ARGS_PER_INSERT: usize = 3_000;

/// Arguments per multi-row INSERT on SQLite, whose limit is 32,766. Its parameters are
/// anonymous (`?`), so binding costs the same per argument whatever the statement's size.
/// Fewer, larger statements also mean fewer savepoints, and FTS5 writes its pending terms to
/// disk at every savepoint.
const MAX_SQLITE_ARGS_PER_INSERT: usize = 30_000;

/// `row` with each `$n` renumbered to `$(n + offset)`.
fn renumbered(row: &str, offset: usize) -> String {
    let mut sql = String::with_capacity(row.len() + 8);
    let mut characters = row.chars().peekable();
    while let Some(character) = characters.next() {
        sql.push(character);
        if character != '$' {
            continue;
        }
        let mut digits = String::new();
        while let Some(digit) = characters.next_if(char::is_ascii_digit) {
            digits.push(digit);
        }
        match digits.parse::<usize>() {
            Ok(number) => sql.push_str(&(number + offset).to_string()),
            Err(_) => sql.push_str(&digits),
        }
    }
    sql
}

/// `row` with each `$n` replaced by an anonymous `?`, and for each `?` in order the index of
/// the argument it takes (`n - 1`).
///
/// SQLite finds the argument of a numbered parameter by walking the list of every parameter
/// name in the statement, so binding a statement of `k` numbered parameters takes time in
/// `k²`; with anonymous ones it takes time in `k`.
fn anonymous(row: &str) -> (String, Vec<usize>) {
    let mut sql = String::with_capacity(row.len());
    let mut order = Vec::new();
    let mut characters = row.chars().peekable();
    while let Some(character) = characters.next() {
        if character != '$' {
            sql.push(character);
            continue;
        }
        let mut digits = String::new();
        while let Some(digit) = characters.next_if(char::is_ascii_digit) {
            digits.push(digit);
        }
        match digits.parse::<usize>() {
            Ok(number) if number > 0 => {
                sql.push('?');
                order.push(number - 1);
            }
            _ => {
                sql.push('$');
                sql.push_str(&digits);
            }
        }
    }
    (sql, order)
}

/// Rows made one at a time for [`Batch::execute_rows`]; making one may fail.
pub(crate) type Rows<'a> = Box<dyn Iterator<Item = Result<Statement<'a>, StoreError>> + Send + 'a>;

/// Rows for one table, sent as multi-row INSERTs: `head` (`INSERT INTO t (a, b) VALUES`),
/// then each row's own statement (`($1, $2)`, numbered from 1) in turn, then `tail` (e.g.
/// `ON CONFLICT DO NOTHING`).
///
/// Rows are either pushed first and sent by [`Batch::execute`], or made on the way by
/// [`Batch::execute_rows`], which never holds more than two statements' worth of rows.
#[derive(Debug)]
pub(crate) struct Batch<'a> {
    head: &'static str,
    tail: &'static str,
    /// Pushed rows, as [`Batch::execute_rows`] takes them.
    rows: Vec<Result<Statement<'a>, StoreError>>,
}

impl<'a> Batch<'a> {
    pub(crate) fn new(head: &'static str) -> Self {
        Batch {
            head,
            tail: "",
            rows: Vec::new(),
        }
    }

    pub(crate) fn ending_with(mut self, tail: &'static str) -> Self {
        self.tail = tail;
        self
    }

    pub(crate) fn push(&mut self, row: Statement<'a>) {
        self.rows.push(Ok(row));
    }

    /// Inserts every pushed row inside `transaction`.
    pub(crate) async fn execute(mut self, transaction: &mut Transaction) -> Result<(), StoreError> {
        let rows = std::mem::take(&mut self.rows);
        self.execute_rows(transaction, Box::new(rows.into_iter()))
            .await
    }

    /// Inserts every pushed row, then every row of `rows`, inside `transaction`. The rows of
    /// the next statement are made while the database runs the current one. A row that cannot
    /// be made fails the whole batch. The batch is a `debug` span `insert` naming its table.
    ///
    /// (`rows` is a boxed iterator, and the row that did not fit is held by [`Chunks`] rather
    /// than by a `Peekable`: an iterator of closures, or an `Item` projection, held across an
    /// await keeps the futures of callers from proving `Send`.)
    pub(crate) async fn execute_rows(
        self,
        transaction: &mut Transaction,
        rows: Rows<'a>,
    ) -> Result<(), StoreError> {
        let table = self
            .head
            .split_whitespace()
            .skip_while(|word| !word.eq_ignore_ascii_case("INTO"))
            .nth(1)
            .unwrap_or_default();
        self.send(transaction, rows)
            .instrument(tracing::debug_span!("insert", table))
            .await
    }

    async fn send(self, transaction: &mut Transaction, rows: Rows<'a>) -> Result<(), StoreError> {
        let mut chunks = Chunks::new(self.head, self.tail, transaction.kind());
        let mut rows = self.rows.into_iter().chain(rows);
        let mut next = chunks.next_statement(&mut rows)?;
        while let Some(statement) = next {
            let mut running = std::pin::pin!(transaction.executor().execute(statement));
            // The first poll hands the statement to the database (SQLite's worker thread or
            // PostgreSQL's socket); the next statement is made while it runs.
            let first =
                std::future::poll_fn(|context| Poll::Ready(running.as_mut().poll(context))).await;
            let made = chunks.next_statement(&mut rows);
            match first {
                Poll::Ready(result) => result?,
                Poll::Pending => running.await?,
            };
            next = made?;
        }
        Ok(())
    }
}

/// Makes the multi-row statements of one [`Batch`], each as large as the engine allows.
struct Chunks<'a> {
    head: &'static str,
    tail: &'static str,
    kind: DatabaseKind,
    max_args: usize,
    /// SQLite: the last row template seen, its anonymous form and argument order. The rows of
    /// a batch share one template, which is converted once.
    shape: Option<(Cow<'a, str>, String, Vec<usize>)>,
    /// A row made that did not fit in the last statement: the first of the next.
    held: Option<Statement<'a>>,
}

impl<'a> Chunks<'a> {
    fn new(head: &'static str, tail: &'static str, kind: DatabaseKind) -> Self {
        Chunks {
            head,
            tail,
            kind,
            max_args: match kind {
                DatabaseKind::Sqlite => MAX_SQLITE_ARGS_PER_INSERT,
                DatabaseKind::Postgres => MAX_POSTGRES_ARGS_PER_INSERT,
            },
            shape: None,
            held: None,
        }
    }

    /// The next statement: as many of `rows` as fit, or `None` when there are none left.
    fn next_statement(
        &mut self,
        rows: &mut dyn Iterator<Item = Result<Statement<'a>, StoreError>>,
    ) -> Result<Option<Statement<'a>>, StoreError> {
        let mut statement = Statement::new(self.head);
        let mut rows_in_statement = 0;
        while let Some(row) = self.held.take().map(Ok).or_else(|| rows.next()) {
            let row = row?;
            if rows_in_statement > 0 && statement.args.len() + row.args.len() > self.max_args {
                self.held = Some(row);
                break;
            }
            self.append(&mut statement, row, rows_in_statement);
            rows_in_statement += 1;
        }
        if rows_in_statement == 0 {
            return Ok(None);
        }
        if !self.tail.is_empty() {
            let sql = statement.sql.to_mut();
            sql.push(' ');
            sql.push_str(self.tail);
        }
        Ok(Some(statement))
    }

    fn append(&mut self, statement: &mut Statement<'a>, row: Statement<'a>, position: usize) {
        let sql = statement.sql.to_mut();
        if position > 0 {
            sql.push(',');
        }
        sql.push(' ');
        match self.kind {
            DatabaseKind::Postgres => {
                sql.push_str(&renumbered(&row.sql, statement.args.len()));
                statement.args.extend(row.args);
            }
            DatabaseKind::Sqlite => {
                let (_, row_sql, order) = match &mut self.shape {
                    Some(known) if known.0 == row.sql => known,
                    _ => {
                        let (row_sql, order) = anonymous(&row.sql);
                        self.shape.insert((row.sql.clone(), row_sql, order))
                    }
                };
                sql.push_str(row_sql);
                if order.iter().copied().eq(0..row.args.len()) {
                    statement.args.extend(row.args);
                } else {
                    for &index in order.iter() {
                        statement.args.push(row.args[index].clone());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_move_past_earlier_rows() {
        assert_eq!(
            renumbered("($1, $2, CAST($3 AS tsvector))", 6),
            "($7, $8, CAST($9 AS tsvector))"
        );
        assert_eq!(renumbered("($10, '$', $)", 2), "($12, '$', $)");
        assert_eq!(renumbered("(1, 2)", 4), "(1, 2)");
    }

    #[test]
    fn anonymous_placeholders_take_their_arguments_in_order() {
        assert_eq!(
            anonymous("($1, $2, CAST($3 AS tsvector))"),
            ("(?, ?, CAST(? AS tsvector))".to_owned(), vec![0, 1, 2])
        );
        assert_eq!(
            anonymous("($2, $1, $2, '$', $)"),
            ("(?, ?, ?, '$', $)".to_owned(), vec![1, 0, 1])
        );
    }

    fn row(id: &str) -> Result<Statement<'_>, StoreError> {
        Ok(Statement::new("($1, $2)").text(id).integer(1))
    }

    fn made<'a>(
        chunks: &mut Chunks<'a>,
        rows: &mut dyn Iterator<Item = Result<Statement<'a>, StoreError>>,
    ) -> Option<Statement<'a>> {
        chunks.next_statement(rows).expect("rows are made")
    }

    #[test]
    fn rows_fill_statements_up_to_the_argument_limit_and_none_is_lost() {
        let mut chunks = Chunks::new("INSERT INTO t (a, b) VALUES", "", DatabaseKind::Postgres);
        chunks.max_args = 5;
        let ids = ["a", "b", "c", "d", "e"];
        let mut rows = ids.iter().map(|id| row(id));
        let first = made(&mut chunks, &mut rows).expect("first");
        assert_eq!(first.sql, "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        let second = made(&mut chunks, &mut rows).expect("second");
        assert_eq!(second.args.len(), 4);
        let third = made(&mut chunks, &mut rows).expect("third");
        assert_eq!(third.sql, "INSERT INTO t (a, b) VALUES ($1, $2)");
        assert!(made(&mut chunks, &mut rows).is_none());
    }

    #[test]
    fn sqlite_statements_use_anonymous_placeholders_and_the_tail() {
        let mut chunks = Chunks::new(
            "INSERT INTO t (a, b) VALUES",
            "ON CONFLICT DO NOTHING",
            DatabaseKind::Sqlite,
        );
        let mut rows = ["a", "b"].iter().map(|id| row(id));
        let statement = made(&mut chunks, &mut rows).expect("statement");
        assert_eq!(
            statement.sql,
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING"
        );
        assert!(made(&mut chunks, &mut rows).is_none());
    }
}
