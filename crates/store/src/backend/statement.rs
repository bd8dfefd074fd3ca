//! Statements both engines run: SQL text with `$1`-style parameters and typed arguments.

use std::borrow::Cow;

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
