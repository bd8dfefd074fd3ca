//! Ranking a kind's names for autocomplete and "did you mean": the candidates the indexes (or a
//! held kind) give, in the order core's rules put them.

use std::borrow::Cow;
use std::collections::HashSet;

use dossier_core::matching::{rank, NameEntry, Ranked};
use dossier_core::text::fold;

use super::{group_entries, NameKind, StoredEntry, ENTRY_COLUMNS, WHOLE_NAMES};
use crate::backend::{Executor, Statement, Transaction};
use crate::contains::records_containing;
use crate::error::StoreError;
use crate::fuzzy::add_close_spellings;
use crate::held::HeldKind;
use crate::payload::fetch_packed;
use crate::remembered::Remembered;
use crate::shortest::{records_starting_with, shortest_records, KeyStart};

/// A match keyed by its record's id and display name, owned and keyed by the id.
fn owned(ranked: Ranked<(&str, &str)>) -> Ranked<String> {
    Ranked {
        key: ranked.key.0.to_owned(),
        label: ranked.label,
        kind: ranked.kind,
        score: ranked.score,
    }
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
/// Core ranks by kind (exact, alias, prefix, word prefix, contains, fuzzy), then by coverage
/// (the query's share of the matched name: shorter names first), then by name. So the
/// candidates come from the indexes kind by kind, each kind's shortest names first, only until
/// `limit` entries are certain to be the best; core then ranks those candidates.
///
/// With every entry of a small kind `remembered`, core ranks those and nothing is read.
pub(crate) async fn ranked(
    transaction: &mut Transaction,
    kind: NameKind,
    typed: &str,
    limit: usize,
    remembered: &Remembered,
) -> Result<Vec<NameMatch>, StoreError> {
    let candidates = entries_to_rank(transaction, kind, typed, limit, remembered).await?;
    Ok(rank(typed, candidates.name_entries(), limit)
        .into_iter()
        .map(|ranked| {
            let (id, name) = ranked.key;
            NameMatch {
                id: id.to_owned(),
                name: name.to_owned(),
                matched: owned(ranked),
            }
        })
        .collect())
}

/// "Did you mean" for a `query` that matched nothing exactly, by core's suggestion rule (the
/// best `max` of core's ranking), from the same candidates as autocomplete (or every entry of
/// a small kind `remembered`).
pub(crate) async fn suggestions(
    transaction: &mut Transaction,
    kind: NameKind,
    query: &str,
    max: usize,
    remembered: &Remembered,
) -> Result<Vec<String>, StoreError> {
    let candidates = entries_to_rank(transaction, kind, query, max, remembered).await?;
    Ok(
        dossier_core::matching::suggest(query, candidates.name_entries(), max)
            .into_iter()
            .map(|ranked| ranked.key.0.to_owned())
            .collect(),
    )
}

/// The entries core ranks.
enum Candidates<'a> {
    /// Read from the tables, or every entry of a small kind remembered.
    Stored(Cow<'a, [StoredEntry]>),
    /// Entries of a held kind, left in its text: their indices, in dossier order.
    Held {
        held: &'a HeldKind,
        entries: Vec<usize>,
    },
}

impl Candidates<'_> {
    /// Each entry as core ranks it, keyed by its id and display name.
    fn name_entries(&self) -> Vec<NameEntry<'_, (&str, &str)>> {
        match self {
            Candidates::Stored(entries) => entries.iter().map(StoredEntry::as_name_entry).collect(),
            Candidates::Held { held, entries } => entries
                .iter()
                .map(|&entry| held.name_entry(entry))
                .collect(),
        }
    }
}

/// What core ranks for `text`: every entry of a small kind `remembered`, or else the
/// candidates the indexes (and the kind, when it is held) give for the best `limit`.
async fn entries_to_rank<'a>(
    transaction: &mut Transaction,
    kind: NameKind,
    text: &str,
    limit: usize,
    remembered: &'a Remembered,
) -> Result<Candidates<'a>, StoreError> {
    if let Some(entries) = &remembered.every_entry {
        return Ok(Candidates::Stored(Cow::Borrowed(entries)));
    }
    let held = remembered.held.as_deref();
    let ids = candidate_ids(transaction, kind, &fold(text), limit, held).await?;
    Ok(match held {
        Some(held) => Candidates::Held {
            held,
            entries: held.names.entries_of(&ids),
        },
        None => Candidates::Stored(Cow::Owned(
            entries_of_records(transaction.executor(), kind, &ids).await?,
        )),
    })
}

/// The entries with the given record ids, in dossier order.
async fn entries_of_records(
    executor: Executor<'_>,
    kind: NameKind,
    ids: &[String],
) -> Result<Vec<StoredEntry>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // A few hundred candidates' names: packed in one row, which sqlx's SQLite driver hands
    // over far faster than as many rows.
    let sql = format!(
        "SELECT {} {WHOLE_NAMES} AND {}",
        executor.kind().packed_rows(ENTRY_COLUMNS),
        executor.kind().one_of("record_id", "$2")
    );
    let rows = fetch_packed(
        executor,
        Statement::new(sql).text(kind.as_str()).text_list(ids),
    )
    .await?;
    Ok(group_entries(rows))
}

/// The ids of the entries among which core's ranking finds the best `limit` for `folded`;
/// close spellings come from the `held` kind when it is held.
async fn candidate_ids(
    transaction: &mut Transaction,
    kind: NameKind,
    folded: &str,
    limit: usize,
    held: Option<&HeldKind>,
) -> Result<Vec<String>, StoreError> {
    let mut known: HashSet<String> = HashSet::new();
    let mut ids: Vec<String> = Vec::new();
    if limit == 0 {
        return Ok(ids);
    }
    let kind_name = kind.as_str();
    if folded.is_empty() {
        // Core lists every entry in name order.
        let found = shortest_records::<String>(
            transaction,
            "SELECT record_id, folded_key FROM names \
             WHERE kind = $1 AND word = 0 AND ordinal = 0 ORDER BY folded_key LIMIT $2",
            |statement| statement.text(kind_name),
            limit,
            &known,
        )
        .await?;
        add(found, &mut known, &mut ids);
        return Ok(ids);
    }
    // Exact, alias and prefix matches: names starting with the query, shortest first (the
    // exact name is the shortest of all).
    let found = starting_with(
        transaction,
        kind,
        held,
        KeyStart::WholeName,
        folded,
        limit,
        &known,
    )
    .await?;
    add(found, &mut known, &mut ids);
    if ids.len() >= limit {
        return Ok(ids);
    }
    // Word-prefix matches: a later word starts with the query; coverage is over the whole
    // name, so shortest whole names first.
    let found = starting_with(
        transaction,
        kind,
        held,
        KeyStart::LaterWord,
        folded,
        limit - ids.len(),
        &known,
    )
    .await?;
    add(found, &mut known, &mut ids);
    if ids.len() >= limit {
        return Ok(ids);
    }
    // Names containing the query elsewhere, shortest first.
    let found =
        records_containing(transaction, kind, held, folded, limit - ids.len(), &known).await?;
    add(found, &mut known, &mut ids);
    if ids.len() >= limit || folded.chars().count() < 3 {
        return Ok(ids);
    }
    // Close spellings: core accepts a name, or a run of its words, close to the query.
    add_close_spellings(
        transaction,
        kind,
        held,
        folded,
        limit - ids.len(),
        &mut known,
        &mut ids,
    )
    .await?;
    Ok(ids)
}

/// The records, not `known`, with a key of `start` starting with `folded`, shortest first: from
/// the `held` kind when it is held and the start is not too common, else from the tables.
async fn starting_with(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    start: KeyStart,
    folded: &str,
    needed: usize,
    known: &HashSet<String>,
) -> Result<Vec<String>, StoreError> {
    if let Some(found) =
        held.and_then(|held| held.records_starting_with(start, folded, needed, known))
    {
        return Ok(found);
    }
    records_starting_with(transaction, kind, start, folded, needed, known).await
}

/// Appends the ids of `found` not yet `known`.
fn add(found: Vec<String>, known: &mut HashSet<String>, ids: &mut Vec<String>) {
    for id in found {
        if known.insert(id.clone()) {
            ids.push(id);
        }
    }
}
