//! Statements both engines run: SQL text with `$1`-style parameters and typed arguments, and
//! batches of rows sent as multi-row INSERTs.

use std::borrow::Cow;

use crate::backend::{DatabaseKind, Transaction};
use crate::error::StoreError;

/// One typed argument of a [`Statement`].
#[derive(Debug, Clone)]
pub(super) enum Arg<'a> {
    Text(Cow<'a, str>),
    OptionalText(Option<Cow<'a, str>>),
    Integer(i64),
    OptionalInteger(Option<i64>),
    Flag(bool),
    /// Bound as a JSON array on SQLite (read with `json_each`) and as `text[]` on PostgreSQL;
    /// see [`crate::backend::DatabaseKind::one_of`].
    TextList(Vec<String>),
}

/// SQL text with its arguments, bound in order to `$1`, `$2`, ….
#[derive(Debug, Clone)]
pub(crate) struct Statement<'a> {
    pub(super) sql: Cow<'a, str>,
    pub(super) args: Vec<Arg<'a>>,
}

impl<'a> Statement<'a> {
    pub(crate) fn new(sql: impl Into<Cow<'a, str>>) -> Self {
        Statement {
            sql: sql.into(),
            args: Vec::new(),
        }
    }

    pub(crate) fn text(mut self, value: impl Into<Cow<'a, str>>) -> Self {
        self.args.push(Arg::Text(value.into()));
        self
    }

    pub(crate) fn optional_text(mut self, value: Option<impl Into<Cow<'a, str>>>) -> Self {
        self.args.push(Arg::OptionalText(value.map(Into::into)));
        self
    }

    pub(crate) fn integer(mut self, value: i64) -> Self {
        self.args.push(Arg::Integer(value));
        self
    }

    pub(crate) fn optional_integer(mut self, value: Option<i64>) -> Self {
        self.args.push(Arg::OptionalInteger(value));
        self
    }

    pub(crate) fn flag(mut self, value: bool) -> Self {
        self.args.push(Arg::Flag(value));
        self
    }

    pub(crate) fn text_list<S: AsRef<str>>(mut self, values: &[S]) -> Self {
        self.args.push(Arg::TextList(
            values
                .iter()
                .map(|value| value.as_ref().to_owned())
                .collect(),
        ));
        self
    }
}

/// Arguments per multi-row INSERT on PostgreSQL: well under its limit of 65,535 parameters,
/// and large enough that a dossier goes in a few round trips.
const MAX_POSTGRES_ARGS_PER_INSERT: usize = 3_000;

/// Arguments per multi-row INSERT on SQLite, whose limit is 32,766. Its parameters are
/// anonymous (`?`), so binding costs the same per argument whatever the statement's size.
const MAX_SQLITE_ARGS_PER_INSERT: usize = 3_000;

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

/// Rows for one table, sent as multi-row INSERTs: `head` (`INSERT INTO t (a, b) VALUES`),
/// then each row's own statement (`($1, $2)`, numbered from 1) renumbered in turn, then
/// `tail` (e.g. `ON CONFLICT DO NOTHING`).
#[derive(Debug)]
pub(crate) struct Batch<'a> {
    head: &'static str,
    tail: &'static str,
    rows: Vec<Statement<'a>>,
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
        self.rows.push(row);
    }

    /// Inserts every row inside `transaction`.
    pub(crate) async fn execute(self, transaction: &mut Transaction) -> Result<(), StoreError> {
        let kind = transaction.kind();
        let max_args = match kind {
            DatabaseKind::Sqlite => MAX_SQLITE_ARGS_PER_INSERT,
            DatabaseKind::Postgres => MAX_POSTGRES_ARGS_PER_INSERT,
        };
        let Batch { head, tail, rows } = self;
        let mut statement = Statement::new(head);
        let mut rows_in_statement = 0;
        // The anonymous form of the last row template seen: rows of a batch share one.
        let mut shape: Option<(Cow<'a, str>, String, Vec<usize>)> = None;
        for row in rows {
            if rows_in_statement > 0 && statement.args.len() + row.args.len() > max_args {
                let full = std::mem::replace(&mut statement, Statement::new(head));
                transaction.executor().execute(finished(full, tail)).await?;
                rows_in_statement = 0;
            }
            let sql = statement.sql.to_mut();
            if rows_in_statement > 0 {
                sql.push(',');
            }
            sql.push(' ');
            match kind {
                DatabaseKind::Postgres => {
                    sql.push_str(&renumbered(&row.sql, statement.args.len()));
                    statement.args.extend(row.args);
                }
                DatabaseKind::Sqlite => {
                    let (_, row_sql, order) = match &mut shape {
                        Some(known) if known.0 == row.sql => known,
                        _ => {
                            let (row_sql, order) = anonymous(&row.sql);
                            shape.insert((row.sql.clone(), row_sql, order))
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
            rows_in_statement += 1;
        }
        if rows_in_statement > 0 {
            transaction
                .executor()
                .execute(finished(statement, tail))
                .await?;
        }
        Ok(())
    }
}

fn finished<'a>(mut statement: Statement<'a>, tail: &str) -> Statement<'a> {
    if !tail.is_empty() {
        statement.sql.to_mut().push(' ');
        statement.sql.to_mut().push_str(tail);
    }
    statement
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
}
