//! Close-spelling candidates sharing a start with the query: names, or runs of their words,
//! sharing its first four letters or more, read from the held keys or the `names` index.

use std::collections::HashSet;

use super::add_new_records;
use super::order::records_sharing_longest_starts;
use crate::backend::{Statement, Transaction};
use crate::error::StoreError;
use crate::held::HeldKind;
use crate::import::to_sql_integer;
use crate::names::{prefix_upper_bound, NameKind};
use crate::payload::fetch_packed;

/// Records read from the names sharing a start with the query.
const SHARED_START_CANDIDATES: usize = 100;

/// Names sharing a start with the query ranked, at most: a start shared by more is lengthened.
const SHARED_START_ROWS: usize = 2_000;

/// Letters beyond the shared start a name's shared start is measured on, at most.
const LONGER_STARTS: usize = 12;

/// Records with a name, or a run of words, sharing a start of four letters or more with
/// `folded`: those sharing the longest start first, then the shortest. The start is the
/// shortest one (from four letters) shared by at most [`SHARED_START_ROWS`] names, so a common
/// start such as "former" costs no more than a rare one.
pub(super) async fn add_shared_starts(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    folded: &str,
    known: &mut HashSet<String>,
    ids: &mut Vec<String>,
) -> Result<(), StoreError> {
    let characters: Vec<char> = folded.chars().collect();
    if let Some(held) = held {
        let mut length = 4;
        let start = loop {
            let start: String = characters[..length].iter().collect();
            let keys = held.keys.count_starting_with(&start);
            if keys == 0 {
                return Ok(());
            }
            if keys <= SHARED_START_ROWS || length == characters.len() {
                break start;
            }
            length += 1;
        };
        let longest = characters.len().min(length + LONGER_STARTS);
        let ranked = records_sharing_longest_starts(
            &characters[..longest],
            length,
            held.keys
                .entries_starting_with(&start)
                .map(|(entry, key)| (held.names.id(entry), key)),
        );
        add_new_records(ranked, SHARED_START_CANDIDATES, known, ids);
        return Ok(());
    }
    let mut length = 4;
    loop {
        let start: String = characters[..length].iter().collect();
        let rows: i64 = transaction
            .executor()
            .fetch_optional_value(
                Statement::new(
                    "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT 1 FROM names \
                     WHERE kind = $1 AND folded_key >= $2 AND folded_key < $3 LIMIT $4) AS range",
                )
                .text(kind.as_str())
                .text(start.as_str())
                .text(prefix_upper_bound(&start))
                .integer(to_sql_integer(SHARED_START_ROWS + 1)),
            )
            .await?
            .unwrap_or(0);
        if rows == 0 {
            return Ok(());
        }
        if usize::try_from(rows).unwrap_or(usize::MAX) <= SHARED_START_ROWS
            || length == characters.len()
        {
            break;
        }
        length += 1;
    }
    // Every key of the range (at most SHARED_START_ROWS, unless the range is the whole query),
    // handed over packed in one row and ranked here: comparing every key's start in SQL took
    // longer than reading the range, and so did handing its keys over one row each.
    let start: String = characters[..length].iter().collect();
    let sql = format!(
        "SELECT {} FROM names WHERE kind = $1 AND folded_key >= $2 AND folded_key < $3",
        transaction.kind().packed_rows("record_id, folded_key")
    );
    let keys: Vec<(String, String)> = fetch_packed(
        transaction.executor(),
        Statement::new(sql)
            .text(kind.as_str())
            .text(start.as_str())
            .text(prefix_upper_bound(&start)),
    )
    .await?;
    let longest = characters.len().min(length + LONGER_STARTS);
    let ranked = records_sharing_longest_starts(
        &characters[..longest],
        length,
        keys.iter().map(|(id, key)| (id.as_str(), key.as_str())),
    );
    add_new_records(ranked, SHARED_START_CANDIDATES, known, ids);
    Ok(())
}
