//! Vocabularies of folded words and their trigrams: which records hold each word of their
//! names (`name_words`), every word of a vocabulary with how many records hold it
//! (`vocabulary_words`), and for each trigram the words holding it (`vocabulary_trigrams`), so
//! that words spelt like a query, or containing a piece of text, are found without reading
//! every word. Only candidates come from here; core's rules decide.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use dossier_core::matching::NameEntry;
use dossier_core::text::fold;

use crate::backend::{Batch, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::payload::fetch_packed;

mod closest;
mod containing;
#[cfg(test)]
pub(crate) mod test_words;

pub(crate) use closest::{closest_by_counts, closest_by_trigrams};
pub(crate) use containing::{words_containing, words_holding_text, words_with_text};

/// The vocabulary of the events' folded text, searched by the timeline's text filter.
pub(crate) const EVENT_TEXT_VOCABULARY: &str = "text";

/// The distinct trigrams of `word` padded as `"  word "`: its first letter and first two
/// letters are trigrams of their own, and so is its end.
pub(crate) fn padded_trigrams(word: &str) -> BTreeSet<String> {
    let padded: Vec<char> = format!("  {word} ").chars().collect();
    padded
        .windows(3)
        .map(|window| window.iter().collect())
        .collect()
}

/// Each entry's position in core's order for equal scores: by folded display name. Entries
/// with the same folded name share a rank, so a page of them is cut only between ranks.
pub(crate) fn name_ranks(entries: &[NameEntry<'_, &str>]) -> Vec<i64> {
    let folded: Vec<String> = entries.iter().map(|entry| fold(entry.name)).collect();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|a, b| folded[*a].cmp(&folded[*b]));
    let mut ranks = vec![0; entries.len()];
    let mut rank = 0;
    for (position, &index) in order.iter().enumerate() {
        if position > 0 && folded[order[position - 1]] != folded[index] {
            rank += 1;
        }
        ranks[index] = rank;
    }
    ranks
}

/// Replaces the `name_words` of one kind, and the trigrams of their vocabulary, with those of
/// `entries` (keyed by record id).
/// `ranks` are the entries' [`name_ranks`].
pub(crate) async fn write_name_words(
    transaction: &mut Transaction,
    kind: &str,
    entries: &[NameEntry<'_, &str>],
    ranks: &[i64],
) -> Result<(), StoreError> {
    transaction
        .executor()
        .execute(Statement::new("DELETE FROM name_words WHERE kind = $1").text(kind))
        .await?;
    // Sorted as the primary key, so every row is appended to the table's B-tree.
    let mut rows: Vec<(String, i64, &str, i64)> = Vec::new();
    for (entry, &rank) in entries.iter().zip(ranks) {
        // Each word with the length of the shortest name holding it.
        let mut words: BTreeMap<String, i64> = BTreeMap::new();
        for label in std::iter::once(entry.name).chain(entry.aliases.iter().copied()) {
            let folded = fold(label);
            let length = to_sql_integer(folded.chars().count());
            for word in folded.split(' ').filter(|word| !word.is_empty()) {
                let shortest = words.entry(word.to_owned()).or_insert(length);
                *shortest = (*shortest).min(length);
            }
        }
        rows.extend(
            words
                .into_iter()
                .map(|(word, length)| (word, rank, entry.key, length)),
        );
    }
    rows.sort();
    let mut vocabulary: Vec<(&str, i64)> = Vec::new();
    for (word, _, _, _) in &rows {
        match vocabulary.last_mut() {
            Some((last, holders)) if *last == word.as_str() => *holders += 1,
            _ => vocabulary.push((word.as_str(), 1)),
        }
    }
    write_word_trigrams(transaction, kind, &vocabulary).await?;
    let mut batch = Batch::new(
        "INSERT INTO name_words (kind, word, name_rank, record_id, label_length) VALUES",
    );
    for (word, rank, record_id, length) in &rows {
        batch.push(
            Statement::new("($1, $2, $3, $4, $5)")
                .text(kind)
                .text(word.as_str())
                .integer(*rank)
                .text(*record_id)
                .integer(*length),
        );
    }
    batch.execute(transaction).await
}

/// Replaces the vocabulary `kind` with `words` (distinct, in code-point order, each with how
/// many records hold it), and its trigrams' lists of words.
pub(crate) async fn write_word_trigrams(
    transaction: &mut Transaction,
    kind: &str,
    words: &[(&str, i64)],
) -> Result<(), StoreError> {
    for table in ["vocabulary_words", "vocabulary_trigrams"] {
        transaction
            .executor()
            .execute(Statement::new(format!("DELETE FROM {table} WHERE kind = $1")).text(kind))
            .await?;
    }
    let mut vocabulary = Batch::new("INSERT INTO vocabulary_words (kind, word, holders) VALUES");
    // Each trigram's words stay in the order given: code-point order.
    let mut postings: BTreeMap<String, String> = BTreeMap::new();
    for (word, holders) in words {
        vocabulary.push(
            Statement::new("($1, $2, $3)")
                .text(kind)
                .text(*word)
                .integer(*holders),
        );
        for trigram in padded_trigrams(word) {
            let listed = postings.entry(trigram).or_default();
            if !listed.is_empty() {
                listed.push(WORD_SEPARATOR);
            }
            listed.push_str(word);
        }
    }
    vocabulary.execute(transaction).await?;
    let mut trigrams = Batch::new("INSERT INTO vocabulary_trigrams (kind, trigram, words) VALUES");
    for (trigram, listed) in postings {
        trigrams.push(
            Statement::new("($1, $2, $3)")
                .text(kind)
                .text(trigram)
                .text(listed),
        );
    }
    trigrams.execute(transaction).await
}

/// Separates the words of a trigram's list; folded words hold only letters and digits.
pub(crate) const WORD_SEPARATOR: char = '\n';

/// The words of a trigram's list, in their order. For words this short, looking for the
/// separator byte by byte took two thirds of the time `str::split` took (20 against 30 ns a
/// word at 100k terms).
pub(crate) fn listed_words(list: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(list);
    std::iter::from_fn(move || {
        let text = rest?;
        let separator = WORD_SEPARATOR as u8;
        match text.bytes().position(|byte| byte == separator) {
            Some(at) => {
                rest = Some(&text[at + 1..]);
                Some(&text[..at])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// A word of a vocabulary, with how many records hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VocabularyWord {
    pub(crate) word: String,
    pub(crate) holders: i64,
}

/// The lists of words of `trigrams` in vocabulary `kind`, by trigram (absent trigrams have
/// none).
async fn trigram_lists(
    transaction: &mut Transaction,
    kind: &str,
    trigrams: &[&str],
) -> Result<HashMap<String, String>, StoreError> {
    let sql = format!(
        "SELECT trigram, words FROM vocabulary_trigrams WHERE kind = $1 AND {}",
        transaction.kind().one_of("trigram", "$2")
    );
    let rows: Vec<(String, String)> = transaction
        .executor()
        .fetch_all(Statement::new(sql).text(kind).text_list(trigrams))
        .await?;
    Ok(rows.into_iter().collect())
}

/// How many records hold each of `words` in vocabulary `kind` (words no record holds are
/// left out).
async fn holders_of(
    transaction: &mut Transaction,
    kind: &str,
    words: Vec<&str>,
) -> Result<HashMap<String, i64>, StoreError> {
    if words.is_empty() {
        return Ok(HashMap::new());
    }
    // Up to 300 words for a misspelt word: packed in one row (see `packed_rows`).
    let sql = format!(
        "SELECT {} FROM vocabulary_words WHERE kind = $1 AND {}",
        transaction.kind().packed_rows("word, holders"),
        transaction.kind().one_of("word", "$2")
    );
    let rows: Vec<(String, i64)> = fetch_packed(
        transaction.executor(),
        Statement::new(sql).text(kind).text_list(&words),
    )
    .await?;
    Ok(rows.into_iter().collect())
}

/// `words` of vocabulary `kind` with how many records hold each, in the order given.
async fn with_holders(
    transaction: &mut Transaction,
    kind: &str,
    words: Vec<String>,
) -> Result<Vec<VocabularyWord>, StoreError> {
    let holders = holders_of(
        transaction,
        kind,
        words.iter().map(String::as_str).collect(),
    )
    .await?;
    Ok(words
        .into_iter()
        .map(|word| VocabularyWord {
            holders: holders.get(&word).copied().unwrap_or(0),
            word,
        })
        .collect())
}

/// For each of `words`, at most `limit` words of vocabulary `kind` sharing a padded trigram
/// with it, those sharing the largest part of both words' trigrams first (Jaccard similarity
/// of the sets), then in code-point order. Two statements, however many words are asked about.
pub(crate) async fn words_spelt_like(
    transaction: &mut Transaction,
    kind: &str,
    words: &[&str],
    limit: usize,
) -> Result<Vec<Vec<VocabularyWord>>, StoreError> {
    let trigrams: Vec<BTreeSet<String>> = words.iter().map(|word| padded_trigrams(word)).collect();
    let every_trigram: BTreeSet<&str> = trigrams.iter().flatten().map(String::as_str).collect();
    if every_trigram.is_empty() || limit == 0 {
        return Ok(vec![Vec::new(); words.len()]);
    }
    let every_trigram: Vec<&str> = every_trigram.into_iter().collect();
    let lists = trigram_lists(transaction, kind, &every_trigram).await?;
    let like: Vec<Vec<&str>> = trigrams
        .iter()
        .map(|own| {
            let own_lists: Vec<&str> = own
                .iter()
                .filter_map(|trigram| lists.get(trigram).map(String::as_str))
                .collect();
            closest_by_trigrams(own, own_lists, limit)
        })
        .collect();
    let distinct: BTreeSet<&str> = like.iter().flatten().copied().collect();
    let holders = holders_of(transaction, kind, distinct.into_iter().collect()).await?;
    Ok(like
        .into_iter()
        .map(|found| {
            found
                .into_iter()
                .map(|word| VocabularyWord {
                    word: word.to_owned(),
                    holders: holders.get(word).copied().unwrap_or(0),
                })
                .collect()
        })
        .collect())
}

/// `word` as a word of vocabulary `kind`, with how many records hold it; `None` when no record
/// does.
pub(crate) async fn word_in_vocabulary(
    transaction: &mut Transaction,
    kind: &str,
    word: &str,
) -> Result<Option<VocabularyWord>, StoreError> {
    let holders: Option<i64> = transaction
        .executor()
        .fetch_optional_value(
            Statement::new("SELECT holders FROM vocabulary_words WHERE kind = $1 AND word = $2")
                .text(kind)
                .text(word),
        )
        .await?;
    Ok(holders.map(|holders| VocabularyWord {
        word: word.to_owned(),
        holders,
    }))
}

/// The distinct words of `texts` (folded already), in order.
pub(crate) fn distinct_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let words: HashSet<&str> = texts
        .into_iter()
        .flat_map(|text| text.split(' '))
        .filter(|word| !word.is_empty() && *word != "|")
        .collect();
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_unstable();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_trigrams_mark_the_start_and_the_end() {
        let trigrams: Vec<String> = padded_trigrams("kcna").into_iter().collect();
        assert_eq!(trigrams, ["  k", " kc", "cna", "kcn", "na "]);
        assert_eq!(padded_trigrams("a").len(), 2);
    }

    #[test]
    fn a_list_splits_into_its_words() {
        assert_eq!(
            listed_words("kursk\nkyiv\n\nzeya").collect::<Vec<_>>(),
            ["kursk", "kyiv", "", "zeya"]
        );
        assert_eq!(listed_words("").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn equal_folded_names_share_a_rank_in_name_order() {
        let entries = [
            NameEntry::new("b", "Beta", []),
            NameEntry::new("a", "Alpha", []),
            NameEntry::new("c", "ALPHA", []),
            NameEntry::new("d", "Gamma", []),
        ];
        assert_eq!(name_ranks(&entries), vec![1, 0, 0, 2]);
    }

    #[test]
    fn distinct_words_skip_the_part_separator() {
        assert_eq!(
            distinct_words(["kursk region | kursk", "region"]),
            vec!["kursk", "region"]
        );
    }
}
