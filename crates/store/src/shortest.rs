//! Candidates read shortest name first: core ranks matches of one kind by how much of the name
//! the query covers, so the shortest names are the best, and SQL hands them over in that order.

use std::collections::HashSet;

use crate::backend::{DatabaseKind, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::names::{prefix_upper_bound, NameKind};

/// Rows first fetched by [`shortest_records`]; grown fourfold while ties may remain.
const FIRST_FETCH: usize = 64;

/// The records of `sql`'s `(record_id, sort key)` rows, read in sort-key order, that are not in
/// `known`: the first `needed` distinct ones and every later one tied with the last of them.
/// `sql` takes its row limit as the parameter after `bind`'s.
pub(crate) async fn shortest_records<'q, T>(
    transaction: &mut Transaction,
    sql: &'q str,
    bind: impl Fn(Statement<'q>) -> Statement<'q>,
    needed: usize,
    known: &HashSet<String>,
) -> Result<Vec<String>, StoreError>
where
    T: PartialEq,
    (String, T): crate::backend::FromEitherRow,
{
    let mut fetch = FIRST_FETCH.max(needed * 4);
    loop {
        let rows: Vec<(String, T)> = transaction
            .executor()
            .fetch_all(bind(Statement::new(sql)).integer(to_sql_integer(fetch)))
            .await?;
        let exhausted = rows.len() < fetch;
        let mut found: Vec<String> = Vec::new();
        let mut boundary: Option<T> = None;
        let mut settled = false;
        for (id, sort_key) in rows {
            if let Some(last) = &boundary {
                if *last != sort_key {
                    settled = true;
                    break;
                }
            }
            if known.contains(&id) || found.contains(&id) {
                continue;
            }
            found.push(id);
            if found.len() == needed && boundary.is_none() {
                boundary = Some(sort_key);
            }
        }
        if settled || exhausted {
            return Ok(found);
        }
        fetch = fetch.saturating_mul(4);
    }
}

/// Which key of a name a typed text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyStart {
    /// The whole name's: a prefix match.
    WholeName,
    /// A later word's: a word-prefix match.
    LaterWord,
}

impl KeyStart {
    /// The `names` rows of this kind of key, and the index (migration 0011) that lists them by
    /// their whole name's length.
    fn rows_and_index(self) -> (&'static str, &'static str) {
        match self {
            Self::WholeName => ("word = 0", "names_whole_by_length"),
            Self::LaterWord => ("word > 0", "names_later_by_length"),
        }
    }
}

/// `(record_id, label_length)` of the names of kind `$1` with a key of `start` at least `$2`
/// and below `$3`, shortest whole name first, at most `$5`: each length from `$4` (the typed
/// text's) to the longest is sought in turn in the index, so a common start is read only as
/// far as needed and a rare one costs one seek per length, not a sort of every match.
fn starting_with_sql(database: DatabaseKind, start: KeyStart) -> String {
    let (rows, index) = start.rows_and_index();
    match database {
        // The index is named because SQLite would rather range over `names_by_word_key` and
        // sort every match; the lengths are a list it seeks one by one, in order.
        DatabaseKind::Sqlite => format!(
            "SELECT record_id, label_length FROM names INDEXED BY {index} \
             WHERE kind = $1 AND {rows} AND folded_key >= $2 AND folded_key < $3 \
             AND label_length IN (WITH RECURSIVE lengths (length) AS (SELECT $4 UNION ALL \
             SELECT length + 1 FROM lengths WHERE length < (SELECT max(label_length) \
             FROM names INDEXED BY {index} WHERE kind = $1 AND {rows})) \
             SELECT length FROM lengths) \
             ORDER BY label_length LIMIT $5"
        ),
        // Each length's rows are read only up to the limit, so a common start costs at most
        // that many rows per length before the sort.
        DatabaseKind::Postgres => format!(
            "SELECT found.record_id, found.label_length \
             FROM generate_series(CAST($4 AS BIGINT), (SELECT CAST(max(label_length) AS BIGINT) \
             FROM names WHERE kind = $1 AND {rows})) AS wanted (length) \
             CROSS JOIN LATERAL (SELECT record_id, CAST(label_length AS BIGINT) AS label_length \
             FROM names WHERE kind = $1 AND {rows} AND label_length = wanted.length \
             AND folded_key >= $2 AND folded_key < $3 LIMIT $5) AS found \
             ORDER BY found.label_length LIMIT $5"
        ),
    }
}

/// The records of `kind`, not in `known`, with a name whose key of `start` starts with
/// `folded` (not empty), shortest whole name first: the first `needed` and every one tied
/// with the last of them.
pub(crate) async fn records_starting_with(
    transaction: &mut Transaction,
    kind: NameKind,
    start: KeyStart,
    folded: &str,
    needed: usize,
    known: &HashSet<String>,
) -> Result<Vec<String>, StoreError> {
    let sql = starting_with_sql(transaction.kind(), start);
    let upper = prefix_upper_bound(folded);
    let shortest = to_sql_integer(folded.chars().count());
    shortest_records::<i64>(
        transaction,
        &sql,
        |statement| {
            statement
                .text(kind.as_str())
                .text(folded)
                .text(upper.as_str())
                .integer(shortest)
        },
        needed,
        known,
    )
    .await
}
