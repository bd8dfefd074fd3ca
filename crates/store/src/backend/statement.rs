//! Statements both engines run: SQL text with `$1`-style parameters and typed arguments, and
//! batches of rows sent as multi-row INSERTs.

use std::borrow::Cow;

use crate::backend::Transaction;
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

/// Arguments per multi-row INSERT: well under SQLite's and PostgreSQL's limits on parameters,
/// and large enough that a dossier goes in a few round trips.
const MAX_ARGS_PER_INSERT: usize = 3_000;

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
        let Batch { head, tail, rows } = self;
        let mut statement = Statement::new(head);
        let mut rows_in_statement = 0;
        for row in rows {
            if rows_in_statement > 0 && statement.args.len() + row.args.len() > MAX_ARGS_PER_INSERT
            {
                let full = std::mem::replace(&mut statement, Statement::new(head));
                transaction.executor().execute(finished(full, tail)).await?;
                rows_in_statement = 0;
            }
            let sql = statement.sql.to_mut();
            if rows_in_statement > 0 {
                sql.push(',');
            }
            sql.push(' ');
            sql.push_str(&renumbered(&row.sql, statement.args.len()));
            statement.args.extend(row.args);
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
}
