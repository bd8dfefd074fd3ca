//! The words and names of mid-sized kinds held in memory per imported dossier, so that close
//! spellings are found, and their candidates' names read, without a statement per stage. Kinds
//! with more holdings (a word of a record's names) than the store's limit, by default
//! [`DEFAULT_HELD_HOLDINGS`] (the event headlines of a large dossier), are read from the tables;
//! small kinds are ranked whole from memory (`small_kinds`) and never need these.

use std::borrow::Cow;
use std::sync::Arc;

use dossier_core::matching::NameEntry;

use crate::backend::{Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::names::{packed_whole_names, NameKind};
use crate::per_kind::PerKind;

mod containing;
mod keys;
mod names;
mod phrases;
mod starting;
mod words;

pub(crate) use keys::HeldKeys;
pub(crate) use names::HeldNames;
pub(crate) use words::HeldWords;

/// Most holdings a kind may have to be held, unless the store is told otherwise
/// ([`crate::Store::with_held_kinds`]): the terms of a 100,000-term glossary have about
/// 350,000; the headlines of 100,000 events have a million.
pub const DEFAULT_HELD_HOLDINGS: usize = 500_000;

/// One kind's words, names and name keys, held.
#[derive(Debug)]
pub(crate) struct HeldKind {
    pub(crate) words: HeldWords,
    pub(crate) names: HeldNames,
    pub(crate) keys: HeldKeys,
}

impl HeldKind {
    /// The `index`th entry (in id order) as core ranks it, keyed by its id and display name,
    /// with the labels it keeps folded.
    pub(crate) fn name_entry(&self, index: usize) -> NameEntry<'_, (&str, &str)> {
        self.names
            .name_entry(index)
            .with_folded(self.keys.folded_labels(index))
    }
}

/// Whether a kind is held, and if so, it.
type Held = Option<Arc<HeldKind>>;

/// The held kinds of the dossier with one content hash.
#[derive(Debug)]
pub(crate) struct HeldKinds {
    /// Most holdings a kind may have to be held.
    most_holdings: usize,
    held: PerKind<Held>,
}

impl Default for HeldKinds {
    fn default() -> Self {
        HeldKinds::up_to(DEFAULT_HELD_HOLDINGS)
    }
}

impl HeldKinds {
    /// Holding kinds with at most `most_holdings` holdings.
    pub(crate) fn up_to(most_holdings: usize) -> Self {
        HeldKinds {
            most_holdings,
            held: PerKind::default(),
        }
    }

    /// `kind` in the dossier with content hash `hash`, when it has few enough holdings; read
    /// in `transaction` (which must be reading that dossier) the first time. `None` with no
    /// dossier imported (no hash).
    pub(crate) async fn kind(
        &self,
        transaction: &mut Transaction,
        hash: Option<&str>,
        kind: NameKind,
    ) -> Result<Held, StoreError> {
        let Some(hash) = hash else {
            return Ok(None);
        };
        if let Some(held) = self.held.get(hash, kind) {
            return Ok(held);
        }
        let held = read_held_kind(transaction, kind, self.most_holdings)
            .await?
            .map(Arc::new);
        self.held.keep(hash, kind, held.clone());
        Ok(held)
    }
}

/// `kind`'s words and names, or `None` when it has none or more than `most_holdings`
/// holdings.
async fn read_held_kind(
    transaction: &mut Transaction,
    kind: NameKind,
    most_holdings: usize,
) -> Result<Option<HeldKind>, StoreError> {
    if most_holdings == 0 {
        return Ok(None);
    }
    let holdings: i64 = transaction
        .executor()
        .fetch_optional_value(
            Statement::new(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT 1 FROM name_words \
                 WHERE kind = $1 LIMIT $2) AS held",
            )
            .text(kind.as_str())
            .integer(to_sql_integer(most_holdings.saturating_add(1))),
        )
        .await?
        .unwrap_or(0);
    if holdings == 0 || usize::try_from(holdings).unwrap_or(usize::MAX) > most_holdings {
        return Ok(None);
    }
    // Four texts of one row rather than a row (or a JSON array) per holding: split in place,
    // they leave no hundreds of thousands of small strings behind for the allocator to keep.
    let database = transaction.kind();
    let sql = format!(
        "SELECT {}, {}, {}, {} FROM name_words WHERE kind = $1",
        database.space_joined("word"),
        database.space_joined("name_rank"),
        database.space_joined("record_id"),
        database.space_joined("label_length"),
    );
    type Joined = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let joined: Option<Joined> = transaction
        .executor()
        .fetch_optional(Statement::new(sql).text(kind.as_str()))
        .await?;
    let Some((Some(words), Some(ranks), Some(ids), Some(lengths))) = joined else {
        return Ok(None);
    };
    let holdings = split_holdings(&words, &ranks, &ids, &lengths)?;
    let Some(words) = HeldWords::new(&holdings) else {
        return Ok(None);
    };
    let Some(packed) = packed_whole_names(transaction.executor(), kind).await? else {
        return Ok(None);
    };
    // Labels without escapes are borrowed from the packed text.
    let rows: Vec<NameRow<'_>> =
        serde_json::from_str(&packed).map_err(|source| StoreError::Corrupt {
            kind: "packed rows",
            id: String::new(),
            source,
        })?;
    let Some(names) = HeldNames::new(
        rows.iter()
            .map(|row| (row.0.as_ref(), row.1, row.2, row.3.as_ref())),
    ) else {
        return Ok(None);
    };
    let Some(keys) = HeldKeys::new(&names) else {
        return Ok(None);
    };
    Ok(Some(HeldKind { words, names, keys }))
}

/// One row of [`packed_whole_names`]: record id, record position, ordinal, label.
#[derive(serde::Deserialize)]
struct NameRow<'a>(
    #[serde(borrow)] Cow<'a, str>,
    i64,
    i64,
    #[serde(borrow)] Cow<'a, str>,
);

/// The holdings joined as four texts (words, name ranks, record ids and name lengths, each
/// separated by spaces, in the same order), as rows.
fn split_holdings<'a>(
    words: &'a str,
    ranks: &str,
    ids: &'a str,
    lengths: &str,
) -> Result<Vec<(&'a str, i64, &'a str, i64)>, StoreError> {
    let unjoined = |reason: String| StoreError::Unjoined {
        what: "held holdings",
        reason,
    };
    let number = |text: &str| -> Result<i64, StoreError> {
        text.parse()
            .map_err(|_| unjoined(format!("number {text:?}")))
    };
    let (mut ranks, mut ids, mut lengths) = (ranks.split(' '), ids.split(' '), lengths.split(' '));
    let mut holdings = Vec::new();
    for word in words.split(' ') {
        let (Some(rank), Some(id), Some(length)) = (ranks.next(), ids.next(), lengths.next())
        else {
            return Err(unjoined(format!(
                "fewer columns than {} words",
                holdings.len() + 1
            )));
        };
        holdings.push((word, number(rank)?, id, number(length)?));
    }
    if ranks.next().is_some() || ids.next().is_some() || lengths.next().is_some() {
        return Err(unjoined(format!(
            "more columns than {} words",
            holdings.len()
        )));
    }
    Ok(holdings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_holdings_split_into_rows_or_an_error() {
        assert_eq!(
            split_holdings("kursk oblast", "3 0", "e-1 e-2", "12 6").expect("rows"),
            [("kursk", 3, "e-1", 12), ("oblast", 0, "e-2", 6)]
        );
        for (words, ranks, ids, lengths) in [
            ("kursk oblast", "3", "e-1 e-2", "12 6"),
            ("kursk", "3", "e-1 e-2", "12"),
            ("kursk", "3", "e-1", "12 6"),
            ("kursk", "three", "e-1", "12"),
        ] {
            let error = split_holdings(words, ranks, ids, lengths).expect_err("no rows");
            assert!(matches!(error, StoreError::Unjoined { .. }), "{error}");
        }
    }
}
