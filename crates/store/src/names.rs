//! The `names` table: every name and alias of terms, actors, events and measures, folded, with
//! one key per word start so that prefix and word-prefix candidates are one index range scan.
//! Which names a record answers to, and how matches rank, are core's rules
//! ([`dossier_core::matching`]); this module only stores and fetches them.

use crate::backend::{Batch, Executor, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::vocabulary::{name_ranks, write_name_words};
use dossier_core::matching::NameEntry;
use dossier_core::text::fold;

mod ranking;

pub(crate) use ranking::{ranked, suggestions, NameMatch};

/// The kinds of record looked up by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NameKind {
    Term,
    Actor,
    Event,
    Measure,
}

impl NameKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Term => "term",
            Self::Actor => "actor",
            Self::Event => "event",
            Self::Measure => "measure",
        }
    }
}

/// One record's names as stored: the display name first, then the other names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredEntry {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) aliases: Vec<String>,
}

impl StoredEntry {
    /// The entry as core ranks it, keyed by its id and display name.
    pub(crate) fn as_name_entry(&self) -> NameEntry<'_, (&str, &str)> {
        NameEntry::new(
            (self.id.as_str(), self.name.as_str()),
            self.name.as_str(),
            self.aliases.iter().map(String::as_str),
        )
    }
}

/// The keys of one name: its folded form, then the folded form from each later word on.
pub(crate) fn word_keys(label: &str) -> Vec<String> {
    let folded = fold(label);
    let words: Vec<&str> = folded.split(' ').collect();
    (0..words.len())
        .map(|start| words[start..].join(" "))
        .collect()
}

/// The smallest string greater than every string starting with `prefix`.
pub(crate) fn prefix_upper_bound(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// Stores the names of `entries` (keyed by record id), in the order given.
pub(crate) async fn write_names(
    transaction: &mut Transaction,
    kind: NameKind,
    entries: &[NameEntry<'_, &str>],
) -> Result<(), StoreError> {
    let ranks = name_ranks(entries);
    // Made one at a time while earlier ones are written.
    let rows =
        entries
            .iter()
            .zip(&ranks)
            .enumerate()
            .flat_map(move |(position, (entry, &rank))| {
                let labels = std::iter::once(entry.name).chain(entry.aliases.iter().copied());
                labels.enumerate().flat_map(move |(ordinal, label)| {
                    let keys = word_keys(label);
                    // The whole name's key comes first.
                    let label_length = keys.first().map_or(0, |whole| whole.chars().count());
                    keys.into_iter().enumerate().map(move |(word, key)| {
                        Ok(Statement::new("($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                            .text(kind.as_str())
                            .text(entry.key)
                            .integer(to_sql_integer(position))
                            .integer(to_sql_integer(ordinal))
                            .text(label)
                            .integer(to_sql_integer(label_length))
                            .integer(rank)
                            .integer(to_sql_integer(word))
                            .text(key))
                    })
                })
            });
    Batch::new(
        "INSERT INTO names (kind, record_id, record_position, ordinal, label, label_length, \
         name_rank, word, folded_key) VALUES",
    )
    .execute_rows(transaction, Box::new(rows))
    .await?;
    write_name_words(transaction, kind.as_str(), entries, &ranks).await
}

/// Groups `(record_id, record_position, ordinal, label)` rows into entries in dossier order.
/// The rows come unordered: sorting a few candidates here leaves SQL free to seek each record
/// through its index instead of walking every name of the kind in dossier order.
fn group_entries(mut rows: Vec<(String, i64, i64, String)>) -> Vec<StoredEntry> {
    rows.sort_by_key(|(_, position, ordinal, _)| (*position, *ordinal));
    let mut entries: Vec<StoredEntry> = Vec::new();
    for (id, _, ordinal, label) in rows {
        match entries.last_mut() {
            Some(entry) if entry.id == id && ordinal > 0 => entry.aliases.push(label),
            _ => entries.push(StoredEntry {
                id,
                name: label,
                aliases: Vec::new(),
            }),
        }
    }
    entries
}

/// The columns [`group_entries`] takes, in its order.
const ENTRY_COLUMNS: &str = "record_id, record_position, ordinal, label";

/// The rows of whole names and other names (not later word starts) of the kind bound at `$1`.
const WHOLE_NAMES: &str = "FROM names WHERE kind = $1 AND word = 0";

/// The first `count` entries of `kind` in dossier order (fewer when the kind has fewer).
pub(crate) async fn first_entries(
    executor: Executor<'_>,
    kind: NameKind,
    count: usize,
) -> Result<Vec<StoredEntry>, StoreError> {
    let sql = format!("SELECT {ENTRY_COLUMNS} {WHOLE_NAMES} AND record_position < $2");
    let rows = executor
        .fetch_all(
            Statement::new(sql)
                .text(kind.as_str())
                .integer(to_sql_integer(count)),
        )
        .await?;
    Ok(group_entries(rows))
}

/// Every name and other name of `kind`, as one JSON array of `[record_id, record_position,
/// ordinal, label]` rows in no order (`None` when the kind has none), for the caller to read
/// without a string per row.
pub(crate) async fn packed_whole_names(
    executor: Executor<'_>,
    kind: NameKind,
) -> Result<Option<String>, StoreError> {
    let sql = format!(
        "SELECT {} {WHOLE_NAMES}",
        executor.kind().packed_rows(ENTRY_COLUMNS)
    );
    let packed: Option<Option<String>> = executor
        .fetch_optional_value(Statement::new(sql).text(kind.as_str()))
        .await?;
    Ok(packed.flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_start_is_a_key() {
        assert_eq!(
            word_keys("The Kursk Region"),
            vec!["the kursk region", "kursk region", "region"]
        );
        assert_eq!(word_keys("U.N."), vec!["un"]);
        assert_eq!(word_keys("…"), vec![""]);
    }

    #[test]
    fn the_upper_bound_is_above_every_extension_and_below_the_next_prefix() {
        let bound = prefix_upper_bound("kurs");
        assert!("kursk region" < bound.as_str());
        assert!("kurs" < bound.as_str());
        assert!("kurt" > bound.as_str());
    }

    #[test]
    fn rows_group_into_entries_in_order() {
        let rows = vec![
            ("b".to_owned(), 1, 0, "Beta".to_owned()),
            ("a".to_owned(), 0, 1, "A".to_owned()),
            ("a".to_owned(), 0, 0, "Alpha".to_owned()),
        ];
        let entries = group_entries(rows);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].aliases, vec!["A".to_owned()]);
        assert_eq!(entries[1].name, "Beta");
    }
}
