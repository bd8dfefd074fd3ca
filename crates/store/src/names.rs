//! The `names` table: every name and alias of terms, actors, events and measures, folded, with
//! one key per word start so that prefix and word-prefix candidates are one index range scan.
//! Which names a record answers to, and how matches rank, are core's rules
//! ([`dossier_core::matching`]); this module only stores and fetches them.

use crate::backend::{Batch, Executor, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use dossier_core::matching::{match_exact, rank, NameEntry, Ranked};
use dossier_core::text::fold;

/// The kinds of record looked up by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    Term,
    Actor,
    Event,
    Measure,
}

impl NameKind {
    fn as_str(self) -> &'static str {
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
    pub(crate) fn as_name_entry(&self) -> NameEntry<'_, &str> {
        NameEntry::new(
            self.id.as_str(),
            self.name.as_str(),
            self.aliases.iter().map(String::as_str),
        )
    }
}

/// The keys of one name: its folded form, then the folded form from each later word on.
fn word_keys(label: &str) -> Vec<String> {
    let folded = fold(label);
    let words: Vec<&str> = folded.split(' ').collect();
    (0..words.len())
        .map(|start| words[start..].join(" "))
        .collect()
}

/// The smallest string greater than every string starting with `prefix`.
fn prefix_upper_bound(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// Stores the names of `entries` (keyed by record id), in the order given.
pub(crate) async fn write_names(
    transaction: &mut Transaction,
    kind: NameKind,
    entries: &[NameEntry<'_, &str>],
) -> Result<(), StoreError> {
    let mut names = Batch::new(
        "INSERT INTO names (kind, record_id, record_position, ordinal, label, word, folded_key) \
         VALUES",
    );
    for (position, entry) in entries.iter().enumerate() {
        let labels = std::iter::once(entry.name).chain(entry.aliases.iter().copied());
        for (ordinal, label) in labels.enumerate() {
            for (word, key) in word_keys(label).into_iter().enumerate() {
                names.push(
                    Statement::new("($1, $2, $3, $4, $5, $6, $7)")
                        .text(kind.as_str())
                        .text(entry.key)
                        .integer(to_sql_integer(position))
                        .integer(to_sql_integer(ordinal))
                        .text(label)
                        .integer(to_sql_integer(word))
                        .text(key),
                );
            }
        }
    }
    names.execute(transaction).await
}

/// Groups `(record_id, ordinal, label)` rows, ordered by record then ordinal, into entries.
fn group_entries(rows: Vec<(String, i64, String)>) -> Vec<StoredEntry> {
    let mut entries: Vec<StoredEntry> = Vec::new();
    for (id, ordinal, label) in rows {
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

const ENTRY_COLUMNS: &str =
    "SELECT record_id, ordinal, label FROM names WHERE kind = $1 AND word = 0";
const ENTRY_ORDER: &str = "ORDER BY record_position, ordinal";

/// Every entry of `kind`, in dossier order.
pub(crate) async fn all_entries(
    executor: Executor<'_>,
    kind: NameKind,
) -> Result<Vec<StoredEntry>, StoreError> {
    let rows = executor
        .fetch_all(Statement::new(format!("{ENTRY_COLUMNS} {ENTRY_ORDER}")).text(kind.as_str()))
        .await?;
    Ok(group_entries(rows))
}

/// The entries with a name or alias of which some word-suffix starts with `folded_prefix`.
async fn entries_with_key_prefix(
    executor: Executor<'_>,
    kind: NameKind,
    folded_prefix: &str,
) -> Result<Vec<StoredEntry>, StoreError> {
    let sql = format!(
        "{ENTRY_COLUMNS} AND record_id IN (SELECT record_id FROM names \
         WHERE kind = $1 AND folded_key >= $2 AND folded_key < $3) {ENTRY_ORDER}"
    );
    let rows = executor
        .fetch_all(
            Statement::new(sql)
                .text(kind.as_str())
                .text(folded_prefix)
                .text(prefix_upper_bound(folded_prefix)),
        )
        .await?;
    Ok(group_entries(rows))
}

/// The entries with a name or alias whose folded form is exactly `folded`.
async fn entries_with_key(
    executor: Executor<'_>,
    kind: NameKind,
    folded: &str,
) -> Result<Vec<StoredEntry>, StoreError> {
    let sql = format!(
        "{ENTRY_COLUMNS} AND record_id IN (SELECT record_id FROM names \
         WHERE kind = $1 AND folded_key = $2 AND word = 0) {ENTRY_ORDER}"
    );
    let rows = executor
        .fetch_all(Statement::new(sql).text(kind.as_str()).text(folded))
        .await?;
    Ok(group_entries(rows))
}

/// Owned copy of a match on borrowed ids.
fn owned(ranked: Ranked<&str>) -> Ranked<String> {
    Ranked {
        key: ranked.key.to_owned(),
        label: ranked.label,
        kind: ranked.kind,
        score: ranked.score,
    }
}

/// The record whose name or alias is `query` once folded, by core's [`match_exact`].
pub(crate) async fn find_exact(
    executor: Executor<'_>,
    kind: NameKind,
    query: &str,
) -> Result<Option<Ranked<String>>, StoreError> {
    let folded = fold(query);
    if folded.is_empty() {
        return Ok(None);
    }
    let candidates = entries_with_key(executor, kind, &folded).await?;
    Ok(match_exact(query, candidates.iter().map(StoredEntry::as_name_entry)).map(owned))
}

/// One autocomplete match: the record, its display name and the name that matched.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NameMatch {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) matched: Ranked<String>,
}

/// Autocomplete for `typed`, ranked by core's [`rank`], at most `limit`.
///
/// Candidates come from the index first: every exact, alias, prefix and word-prefix match is a
/// key-prefix hit, and core ranks those kinds above all others, so when there are at least
/// `limit` of them they are the answer. Otherwise every entry of the kind is ranked, so that
/// "contains" and misspelled matches can fill the list.
pub(crate) async fn ranked(
    transaction: &mut Transaction,
    kind: NameKind,
    typed: &str,
    limit: usize,
) -> Result<Vec<NameMatch>, StoreError> {
    let folded = fold(typed);
    let mut entries = entries_with_key_prefix(transaction.executor(), kind, &folded).await?;
    if entries.len() < limit {
        entries = all_entries(transaction.executor(), kind).await?;
    }
    Ok(
        rank(typed, entries.iter().map(StoredEntry::as_name_entry), limit)
            .into_iter()
            .map(|ranked| {
                let name = entries
                    .iter()
                    .find(|entry| entry.id == ranked.key)
                    .map_or_else(String::new, |entry| entry.name.clone());
                NameMatch {
                    id: ranked.key.to_owned(),
                    name,
                    matched: owned(ranked),
                }
            })
            .collect(),
    )
}

/// "Did you mean" for a `query` that matched nothing exactly, by core's suggestion rule.
pub(crate) async fn suggestions(
    executor: Executor<'_>,
    kind: NameKind,
    query: &str,
    max: usize,
) -> Result<Vec<String>, StoreError> {
    let entries = all_entries(executor, kind).await?;
    Ok(
        dossier_core::matching::suggest(query, entries.iter().map(StoredEntry::as_name_entry), max)
            .into_iter()
            .map(|ranked| ranked.key.to_owned())
            .collect(),
    )
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
            ("a".to_owned(), 0, "Alpha".to_owned()),
            ("a".to_owned(), 1, "A".to_owned()),
            ("b".to_owned(), 0, "Beta".to_owned()),
        ];
        let entries = group_entries(rows);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].aliases, vec!["A".to_owned()]);
        assert_eq!(entries[1].name, "Beta");
    }
}
