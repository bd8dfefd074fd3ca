//! Close spellings: the records among which core's fuzzy rule ([`dossier_core::matching`])
//! finds the best matches for a query nothing else matched well enough, read through a
//! bounded number of index ranges instead of every name of the kind.
//!
//! Core scores a name by the closer of the whole name and its best run of as many words as the
//! query has (that run's score weighs 0.95). So the candidates are:
//! - for a one-word query, records holding a word spelt like it: the vocabulary's trigrams
//!   give the words sharing most of their trigrams with it, core scores those words, and for
//!   each close word, best first, the records holding it come in core's order for equal
//!   scores (folded display name) — as many as may still make the list; and records with a
//!   name that is exactly one of those words;
//! - for a longer query, the records holding the most words spelt like its words;
//! - records with a name or a run of words sharing the query's first four letters or more,
//!   those sharing the longest start with it first, then the shortest: Jaro–Winkler rewards a
//!   shared start, so such names score high even when the rest differs.
//!
//! The words, their trigrams, their holders and the names' keys come from memory when the kind
//! is held ([`HeldKind`]), and from the tables otherwise: the same candidates either way.

use std::collections::HashSet;

use dossier_core::matching::{rank, MatchKind, NameEntry};

use crate::backend::{Statement, Transaction};
use crate::error::StoreError;
use crate::held::HeldKind;
use crate::names::NameKind;
use crate::shortest::shortest_records;
use crate::vocabulary::{words_spelt_like, VocabularyWord};

mod order;
mod shared_starts;

use order::records_holding_most;
use shared_starts::add_shared_starts;

/// Words of the vocabulary that core scores against a one-word query.
const WORDS_SCORED: usize = 300;

/// Words of the vocabulary looked up for each word of a longer query.
const WORDS_PER_QUERY_WORD: usize = 12;

/// Rows of `name_words` read, at most, to find the records holding most of those words: very
/// common words are left out first.
const MAX_HOLDINGS_READ: i64 = 10_000;

/// Records read, at most, from the holders of words spelt like the query or its words.
const MAX_HOLDERS_OF_WORDS: usize = 150;

/// Records read for a longer query from those holding most words spelt like its words.
const MOST_WORDS_CANDIDATES: usize = 50;

/// Adds to `ids` (skipping `known`) the records among which core finds the best `needed`
/// close spellings of `folded` (a folded query of three characters or more). `held` is the
/// kind, when it is held in memory.
pub(crate) async fn add_close_spellings(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    folded: &str,
    needed: usize,
    known: &mut HashSet<String>,
    ids: &mut Vec<String>,
) -> Result<(), StoreError> {
    let query_words: Vec<&str> = folded.split(' ').filter(|word| !word.is_empty()).collect();
    if query_words.len() == 1 {
        let words = spelt_like(transaction, kind, held, &[folded], WORDS_SCORED)
            .await?
            .concat();
        let entries = words
            .iter()
            .map(|word| NameEntry::new(word.word.as_str(), word.word.as_str(), []));
        // A word the query starts or occurs in gives prefix, word-prefix or substring
        // matches, which the earlier stages found: only close spellings are left.
        let close_words: Vec<(String, f64)> = rank(folded, entries, usize::MAX)
            .into_iter()
            .filter(|ranked| ranked.kind == MatchKind::Fuzzy)
            .map(|ranked| (ranked.key.to_owned(), ranked.score))
            .collect();
        add_names_that_are_words(transaction, kind, held, &close_words, known, ids).await?;
        add_holders_of_words(transaction, kind, held, &close_words, needed, known, ids).await?;
    } else {
        let mut words: Vec<VocabularyWord> = Vec::new();
        let mut close_words: Vec<VocabularyWord> = Vec::new();
        let spelt_like =
            spelt_like(transaction, kind, held, &query_words, WORDS_PER_QUERY_WORD).await?;
        for (query_word, like) in query_words.iter().zip(spelt_like) {
            let entries = like
                .iter()
                .map(|word| NameEntry::new(word, word.word.as_str(), []));
            close_words.extend(
                rank(query_word, entries, usize::MAX)
                    .into_iter()
                    .map(|ranked| ranked.key.clone()),
            );
            words.extend(like);
        }
        // The rarest words first: they tell records apart best.
        close_words.sort_by(|a, b| a.holders.cmp(&b.holders).then_with(|| a.word.cmp(&b.word)));
        close_words.dedup_by(|a, b| a.word == b.word);
        let close_words: Vec<(String, f64)> = close_words
            .into_iter()
            .map(|word| (word.word, 1.0))
            .collect();
        add_holders_of_words(transaction, kind, held, &close_words, needed, known, ids).await?;
        add_holders_of_most_words(transaction, kind, held, words, known, ids).await?;
    }
    if folded.chars().count() > 4 {
        add_shared_starts(transaction, kind, held, folded, known, ids).await?;
    }
    Ok(())
}

/// For each of `words`, at most `limit` words of `kind` spelt like it, closest first: from the
/// `held` words, or else from the vocabulary tables.
async fn spelt_like(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    words: &[&str],
    limit: usize,
) -> Result<Vec<Vec<VocabularyWord>>, StoreError> {
    match held {
        Some(held) => Ok(held.words.spelt_like(words, limit)),
        None => words_spelt_like(transaction, kind.as_str(), words, limit).await,
    }
}

/// For a query of several words: the records holding the most of `words` (spelt like the
/// query's words), then in core's order for equal scores. The words held by fewest records
/// are read first, until [`MAX_HOLDINGS_READ`] holdings.
async fn add_holders_of_most_words(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    mut words: Vec<VocabularyWord>,
    known: &mut HashSet<String>,
    ids: &mut Vec<String>,
) -> Result<(), StoreError> {
    words.sort_by(|a, b| a.holders.cmp(&b.holders).then_with(|| a.word.cmp(&b.word)));
    words.dedup_by(|a, b| a.word == b.word);
    let mut read = 0;
    let mut chosen: Vec<&str> = Vec::new();
    for word in &words {
        if read + word.holders > MAX_HOLDINGS_READ {
            break;
        }
        read += word.holders;
        chosen.push(word.word.as_str());
    }
    if chosen.is_empty() {
        return Ok(());
    }
    let wanted = MOST_WORDS_CANDIDATES + known.len();
    if let Some(held) = held {
        let holdings = held.words.holdings(&chosen);
        let most = records_holding_most(&holdings, wanted)
            .into_iter()
            .map(|record| held.words.record(record));
        add_new_records(most, MOST_WORDS_CANDIDATES, known, ids);
        return Ok(());
    }
    // Every holding of the chosen words, as two texts of one row (record ids and their name
    // ranks) and counted here: grouping them in SQL sorted thousands of rows in a temporary
    // B-tree, and packing each row as JSON took SQLite a third longer to build.
    let sql = format!(
        "SELECT {}, {} FROM name_words WHERE kind = $1 AND {}",
        transaction.kind().space_joined("record_id"),
        transaction.kind().space_joined("name_rank"),
        transaction.kind().one_of("word", "$2")
    );
    let joined: Vec<(Option<String>, Option<String>)> = transaction
        .executor()
        .fetch_all(Statement::new(sql).text(kind.as_str()).text_list(&chosen))
        .await?;
    let Some((Some(record_ids), Some(name_ranks))) = joined.into_iter().next() else {
        return Ok(());
    };
    let holdings = split_holdings(&record_ids, &name_ranks)?;
    add_new_records(
        records_holding_most(&holdings, wanted),
        MOST_WORDS_CANDIDATES,
        known,
        ids,
    );
    Ok(())
}

/// The holdings joined as `ids` and `ranks` (record ids and their name ranks, separated by
/// spaces, in the same order), as pairs.
fn split_holdings<'a>(ids: &'a str, ranks: &str) -> Result<Vec<(&'a str, i64)>, StoreError> {
    let unjoined = |reason: String| StoreError::Unjoined {
        what: "holdings",
        reason,
    };
    let mut ids = ids.split(' ');
    let mut holdings = Vec::new();
    for rank in ranks.split(' ') {
        let rank: i64 = rank
            .parse()
            .map_err(|_| unjoined(format!("name rank {rank:?}")))?;
        let id = ids
            .next()
            .ok_or_else(|| unjoined(format!("{} ranks for fewer ids", holdings.len() + 1)))?;
        holdings.push((id, rank));
    }
    if ids.next().is_some() {
        return Err(unjoined(format!("more ids than {} ranks", holdings.len())));
    }
    Ok(holdings)
}

/// Records with a name or other name that is exactly one of `words`: scored as a whole, such
/// a name outranks the runs of words of longer names.
async fn add_names_that_are_words(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    words: &[(String, f64)],
    known: &mut HashSet<String>,
    ids: &mut Vec<String>,
) -> Result<(), StoreError> {
    if words.is_empty() {
        return Ok(());
    }
    let words: Vec<&str> = words.iter().map(|(word, _)| word.as_str()).collect();
    if let Some(held) = held {
        let mut named: Vec<&str> = words
            .iter()
            .flat_map(|word| held.keys.entries_named(word))
            .map(|entry| held.names.id(entry))
            .collect();
        named.sort_unstable();
        named.dedup();
        add_new_records(named, usize::MAX, known, ids);
        return Ok(());
    }
    let sql = format!(
        "SELECT DISTINCT record_id FROM names WHERE kind = $1 AND word = 0 AND {} \
         ORDER BY record_id",
        transaction.kind().one_of("folded_key", "$2")
    );
    let rows: Vec<(String,)> = transaction
        .executor()
        .fetch_all(Statement::new(sql).text(kind.as_str()).text_list(&words))
        .await?;
    for (id,) in rows {
        if known.insert(id.clone()) {
            ids.push(id);
        }
    }
    Ok(())
}

/// For each of `words`, in order, the records holding it in core's order for equal scores, at
/// most `needed` each and [`MAX_HOLDERS_OF_WORDS`] in all. For a one-word query the words are
/// its close spellings, best first: every record holding a word scores at least that word's
/// run score, so once `needed` records are in and the next word scores less, no later record
/// can make the list through its words.
async fn add_holders_of_words(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    words: &[(String, f64)],
    needed: usize,
    known: &mut HashSet<String>,
    ids: &mut Vec<String>,
) -> Result<(), StoreError> {
    let mut brought = 0;
    let mut last_score: Option<f64> = None;
    for (word, score) in words {
        if brought >= needed && last_score.is_some_and(|last| *score < last)
            || brought >= MAX_HOLDERS_OF_WORDS
        {
            break;
        }
        let found =
            match held {
                Some(held) => held.words.first_holders(word, needed, known),
                None => shortest_records::<i64>(
                    transaction,
                    "SELECT record_id, name_rank FROM name_words WHERE kind = $1 AND word = $2 \
                     ORDER BY name_rank LIMIT $3",
                    |statement| statement.text(kind.as_str()).text(word.as_str()),
                    needed,
                    known,
                )
                .await?,
            };
        for id in found {
            if known.insert(id.clone()) {
                ids.push(id);
                brought += 1;
            }
        }
        last_score = Some(*score);
    }
    Ok(())
}

/// Appends to `ids` the first `most` records of `ranked` not yet `known`, in order.
fn add_new_records(
    ranked: impl IntoIterator<Item = impl Into<String>>,
    most: usize,
    known: &mut HashSet<String>,
    ids: &mut Vec<String>,
) {
    let mut added = 0;
    for id in ranked {
        if added == most {
            break;
        }
        let id: String = id.into();
        if known.insert(id.clone()) {
            ids.push(id);
            added += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_holdings_split_into_pairs_in_order() {
        let holdings = split_holdings("term-a term-b term-a", "4 0 4").expect("holdings split");
        assert_eq!(holdings, [("term-a", 4), ("term-b", 0), ("term-a", 4)]);
    }

    #[test]
    fn joined_holdings_that_do_not_pair_up_are_an_error() {
        for (ids, ranks) in [
            ("term-a term-b", "4"),
            ("term-a", "4 0"),
            ("term-a", "four"),
        ] {
            let error = split_holdings(ids, ranks).expect_err("holdings should not split");
            assert!(
                matches!(
                    error,
                    StoreError::Unjoined {
                        what: "holdings",
                        ..
                    }
                ),
                "{error}"
            );
        }
    }
}
