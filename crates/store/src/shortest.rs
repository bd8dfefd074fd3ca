//! Candidates read shortest name first: core ranks matches of one kind by how much of the name
//! the query covers, so the shortest names are the best, and SQL hands them over in that order.

use std::collections::HashSet;

use crate::backend::{DatabaseKind, FromEitherRow, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::names::{prefix_upper_bound, NameKind};

/// Rows first fetched by [`shortest_records`]; grown fourfold while ties may remain.
const FIRST_FETCH: usize = 64;

/// One row of a read in sort-key order: a record and its sort key, and, when SQL knows it, the
/// record's place in core's order among records with an equal key.
trait ShortestRow: FromEitherRow {
    type Key: PartialEq;
    fn id(&self) -> &str;
    fn key(&self) -> &Self::Key;
    /// Records with an equal key and a lower tie rank come first in core's order.
    fn tie_rank(&self) -> i64;
}

impl<T: PartialEq> ShortestRow for (String, T)
where
    (String, T): FromEitherRow,
{
    type Key = T;
    fn id(&self) -> &str {
        &self.0
    }
    fn key(&self) -> &T {
        &self.1
    }
    fn tie_rank(&self) -> i64 {
        0
    }
}

impl ShortestRow for (String, i64, i64) {
    type Key = i64;
    fn id(&self) -> &str {
        &self.0
    }
    fn key(&self) -> &i64 {
        &self.1
    }
    fn tie_rank(&self) -> i64 {
        self.2
    }
}

/// The rows of `sql`, read in sort-key order, whose records are not in `known`: one per
/// record, the first `needed` and every later one with the same key as the last of them.
async fn read_shortest<'q, R: ShortestRow>(
    transaction: &mut Transaction,
    sql: &'q str,
    bind: impl Fn(Statement<'q>) -> Statement<'q>,
    needed: usize,
    known: &HashSet<String>,
) -> Result<Vec<R>, StoreError> {
    let mut fetch = FIRST_FETCH.max(needed * 4);
    loop {
        let rows: Vec<R> = transaction
            .executor()
            .fetch_all(bind(Statement::new(sql)).integer(to_sql_integer(fetch)))
            .await?;
        let exhausted = rows.len() < fetch;
        let mut found: Vec<R> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut boundary_reached = false;
        let mut settled = false;
        for row in rows {
            if boundary_reached && found.last().is_some_and(|last| last.key() != row.key()) {
                settled = true;
                break;
            }
            if known.contains(row.id()) || !seen.insert(row.id().to_owned()) {
                continue;
            }
            found.push(row);
            boundary_reached |= found.len() == needed;
        }
        if settled || exhausted {
            return Ok(found);
        }
        fetch = fetch.saturating_mul(4);
    }
}

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
    (String, T): FromEitherRow,
{
    let rows: Vec<(String, T)> = read_shortest(transaction, sql, bind, needed, known).await?;
    Ok(rows.into_iter().map(|(id, _)| id).collect())
}

/// `rows` (as [`read_shortest`] returns them) cut to the first `needed` in core's order, and
/// those sharing the last one's key and tie rank: among the rows tied at the last key, the
/// lower tie ranks come first.
fn cut_at_tie_rank<R: ShortestRow>(mut rows: Vec<R>, needed: usize) -> Vec<String>
where
    R::Key: Clone,
{
    cut_among_last_ties(
        &mut rows,
        needed,
        |row| row.key().clone(),
        ShortestRow::tie_rank,
    );
    rows.iter().map(|row| row.id().to_owned()).collect()
}

/// `rows` (in order of `key`, the first `needed` and every later one sharing the last one's
/// key) cut to the first `needed` in core's order, and those sharing the last one's `tie`:
/// among the rows with the last key, a lower `tie` comes first. Read from the tables or from
/// a held kind, candidates are cut by this one rule.
pub(crate) fn cut_among_last_ties<T, K: PartialEq, R: Ord>(
    rows: &mut Vec<T>,
    needed: usize,
    key: impl Fn(&T) -> K,
    tie: impl Fn(&T) -> R,
) {
    if rows.len() <= needed || needed == 0 {
        return;
    }
    let last_key = key(&rows[needed - 1]);
    let ties_from = rows
        .iter()
        .position(|row| key(row) == last_key)
        .unwrap_or(0);
    let ties_to = rows[ties_from..]
        .iter()
        .position(|row| key(row) != last_key)
        .map_or(rows.len(), |after| ties_from + after);
    rows[ties_from..ties_to].sort_by_key(&tie);
    let last_tie = tie(&rows[needed - 1]);
    let kept = rows[needed..ties_to]
        .iter()
        .position(|row| tie(row) != last_tie)
        .map_or(ties_to, |extra| needed + extra);
    rows.truncate(kept);
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

/// `(record_id, label_length, name_rank)` of the names of kind `$1` with a key of `start` at
/// least `$2` and below `$3`, shortest whole name first, at most `$5`: each length from `$4`
/// (the typed text's) to the longest is sought in turn in the index, so a common start is read
/// only as far as needed and a rare one costs one seek per length, not a sort of every match.
fn starting_with_sql(database: DatabaseKind, start: KeyStart) -> String {
    let (rows, index) = start.rows_and_index();
    match database {
        // The index is named because SQLite would rather range over `names_by_word_key` and
        // sort every match; the lengths are a list it seeks one by one, in order. A text no key
        // starts (a typing mistake) gets no lengths at all, so it costs one seek, not one per
        // length: a condition on the outer query does not stop SQLite seeking them.
        DatabaseKind::Sqlite => format!(
            "SELECT record_id, label_length, name_rank FROM names INDEXED BY {index} \
             WHERE kind = $1 AND {rows} AND folded_key >= $2 AND folded_key < $3 \
             AND label_length IN (WITH RECURSIVE lengths (length) AS (SELECT $4 \
             WHERE EXISTS (SELECT 1 FROM names WHERE kind = $1 AND {rows} \
             AND folded_key >= $2 AND folded_key < $3) UNION ALL \
             SELECT length + 1 FROM lengths WHERE length < (SELECT max(label_length) \
             FROM names INDEXED BY {index} WHERE kind = $1 AND {rows})) \
             SELECT length FROM lengths) \
             ORDER BY label_length LIMIT $5"
        ),
        // Each length's rows are read only up to the limit, so a common start costs at most
        // that many rows per length before the sort. Each length is a probe of the index,
        // about 0.1 ms here, so a text no key starts (a typing mistake) is first looked up
        // once in the range of keys and costs no probe at all.
        DatabaseKind::Postgres => format!(
            "SELECT found.record_id, found.label_length, found.name_rank \
             FROM generate_series(CAST($4 AS BIGINT), (SELECT CAST(max(label_length) AS BIGINT) \
             FROM names WHERE kind = $1 AND {rows})) AS wanted (length) \
             CROSS JOIN LATERAL (SELECT record_id, CAST(label_length AS BIGINT) AS label_length, \
             CAST(name_rank AS BIGINT) AS name_rank FROM names WHERE kind = $1 AND {rows} \
             AND label_length = wanted.length AND folded_key >= $2 AND folded_key < $3 \
             LIMIT $5) AS found \
             WHERE EXISTS (SELECT 1 FROM names WHERE kind = $1 AND {rows} \
             AND folded_key >= $2 AND folded_key < $3) \
             ORDER BY found.label_length LIMIT $5"
        ),
    }
}

/// The records of `kind`, not in `known`, with a name whose key of `start` starts with
/// `folded` (not empty), in core's order for one kind of match (shortest whole name first, then
/// by folded display name): the first `needed` and every one tied with the last of them.
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
    let typed_length = to_sql_integer(folded.chars().count());
    let rows: Vec<(String, i64, i64)> = read_shortest(
        transaction,
        &sql,
        |statement| {
            statement
                .text(kind.as_str())
                .text(folded)
                .text(upper.as_str())
                .integer(typed_length)
        },
        needed,
        known,
    )
    .await?;
    // Names as long as the text are the text itself: core puts a record's own name before
    // another's alias whatever their names' order, so those ties are left to core.
    if rows.get(needed.saturating_sub(1)).map(|row| row.1) == Some(typed_length) {
        return Ok(rows.into_iter().map(|(id, _, _)| id).collect());
    }
    Ok(cut_at_tie_rank(rows, needed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, length: i64, rank: i64) -> (String, i64, i64) {
        (id.to_owned(), length, rank)
    }

    #[test]
    fn ties_at_the_last_length_are_cut_by_name_rank() {
        let rows = vec![
            row("a", 3, 9),
            row("b", 4, 7),
            row("c", 4, 2),
            row("d", 4, 5),
            row("e", 4, 2),
        ];
        assert_eq!(cut_at_tie_rank(rows.clone(), 2), vec!["a", "c", "e"]);
        assert_eq!(cut_at_tie_rank(rows.clone(), 4), vec!["a", "c", "e", "d"]);
        assert_eq!(cut_at_tie_rank(rows.clone(), 1), vec!["a"]);
        assert_eq!(cut_at_tie_rank(rows, 5).len(), 5);
    }
}
