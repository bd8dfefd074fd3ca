//! Vocabularies of folded words and their trigrams: which records hold each word of their
//! names (`name_words`), and the trigrams of every word of a vocabulary (`word_trigrams`), so
//! that words spelt like a query, or containing a piece of text, are found without reading
//! every word. Only candidates come from here; core's rules decide.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use dossier_core::matching::NameEntry;
use dossier_core::text::fold;

use crate::backend::{Batch, Executor, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;

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

/// The distinct trigrams inside `needle`, unpadded: every word containing `needle` has them
/// all. Empty when `needle` is shorter than three characters.
fn inner_trigrams(needle: &str) -> BTreeSet<String> {
    let characters: Vec<char> = needle.chars().collect();
    characters
        .windows(3)
        .map(|window| window.iter().collect())
        .collect()
}

/// Each entry's position in core's order for equal scores: by folded display name. Entries
/// with the same folded name share a rank, so a page of them is cut only between ranks.
fn name_ranks(entries: &[NameEntry<'_, &str>]) -> Vec<i64> {
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
pub(crate) async fn write_name_words(
    transaction: &mut Transaction,
    kind: &str,
    entries: &[NameEntry<'_, &str>],
) -> Result<(), StoreError> {
    transaction
        .executor()
        .execute(Statement::new("DELETE FROM name_words WHERE kind = $1").text(kind))
        .await?;
    let ranks = name_ranks(entries);
    // Sorted as the primary key, so every row is appended to the table's B-tree.
    let mut rows: Vec<(String, i64, &str, i64)> = Vec::new();
    for (entry, rank) in entries.iter().zip(ranks) {
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

/// Replaces the trigrams of the vocabulary `kind` with those of `words` (distinct, each with
/// how many records hold it).
pub(crate) async fn write_word_trigrams(
    transaction: &mut Transaction,
    kind: &str,
    words: &[(&str, i64)],
) -> Result<(), StoreError> {
    transaction
        .executor()
        .execute(Statement::new("DELETE FROM word_trigrams WHERE kind = $1").text(kind))
        .await?;
    let mut rows: Vec<(String, &str, i64)> = Vec::new();
    for (word, holders) in words {
        for trigram in padded_trigrams(word) {
            rows.push((trigram, word, *holders));
        }
    }
    rows.sort_unstable();
    let mut batch = Batch::new("INSERT INTO word_trigrams (kind, trigram, word, holders) VALUES");
    for (trigram, word, holders) in rows {
        batch.push(
            Statement::new("($1, $2, $3, $4)")
                .text(kind)
                .text(trigram)
                .text(word)
                .integer(holders),
        );
    }
    batch.execute(transaction).await
}

/// A word of a vocabulary, with how many records hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VocabularyWord {
    pub(crate) word: String,
    pub(crate) holders: i64,
}

/// At most `limit` words of vocabulary `kind` sharing a padded trigram with `word`, those
/// sharing the largest part of both words' trigrams first (Jaccard similarity of the sets).
pub(crate) async fn words_spelt_like(
    executor: Executor<'_>,
    kind: &str,
    word: &str,
    limit: usize,
) -> Result<Vec<VocabularyWord>, StoreError> {
    let trigrams: Vec<String> = padded_trigrams(word).into_iter().collect();
    if trigrams.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let real = match executor.kind() {
        crate::backend::DatabaseKind::Sqlite => "REAL",
        crate::backend::DatabaseKind::Postgres => "DOUBLE PRECISION",
    };
    // A word of n characters has about n + 1 padded trigrams.
    let sql = format!(
        "SELECT word, MAX(holders) FROM word_trigrams WHERE kind = $1 AND {} GROUP BY word \
         ORDER BY CAST(COUNT(*) AS {real}) / ($3 + length(word) + 1 - COUNT(*)) DESC, word \
         LIMIT $4",
        executor.kind().one_of("trigram", "$2")
    );
    let rows: Vec<(String, i64)> = executor
        .fetch_all(
            Statement::new(sql)
                .text(kind)
                .text_list(&trigrams)
                .integer(to_sql_integer(trigrams.len()))
                .integer(to_sql_integer(limit)),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(word, holders)| VocabularyWord { word, holders })
        .collect())
}

/// The words of vocabulary `kind` that contain `needle` (which holds no space), or `None`
/// when `needle` is too short for trigrams to narrow the vocabulary.
pub(crate) async fn words_containing(
    executor: Executor<'_>,
    kind: &str,
    needle: &str,
) -> Result<Option<Vec<VocabularyWord>>, StoreError> {
    let trigrams: Vec<String> = inner_trigrams(needle).into_iter().collect();
    if trigrams.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT word, MAX(holders) FROM word_trigrams WHERE kind = $1 AND {} GROUP BY word \
         HAVING COUNT(*) = $3 ORDER BY word",
        executor.kind().one_of("trigram", "$2")
    );
    let rows: Vec<(String, i64)> = executor
        .fetch_all(
            Statement::new(sql)
                .text(kind)
                .text_list(&trigrams)
                .integer(to_sql_integer(trigrams.len())),
        )
        .await?;
    Ok(Some(
        rows.into_iter()
            .filter(|(word, _)| word.contains(needle))
            .map(|(word, holders)| VocabularyWord { word, holders })
            .collect(),
    ))
}

/// The words of vocabulary `kind` that contain `needle` (which holds no space), however short.
pub(crate) async fn words_holding_text(
    executor: Executor<'_>,
    kind: &str,
    needle: &str,
) -> Result<Vec<VocabularyWord>, StoreError> {
    if needle.chars().count() >= 3 {
        return Ok(words_containing(executor, kind, needle)
            .await?
            .unwrap_or_default());
    }
    // Each word is filed once under the trigram of its first letter after two spaces.
    let sql = format!(
        "SELECT word, holders FROM word_trigrams \
         WHERE kind = $1 AND trigram >= '  ' AND trigram < $2 AND {} ORDER BY word",
        executor.kind().contains("word", "$3")
    );
    let rows: Vec<(String, i64)> = executor
        .fetch_all(
            Statement::new(sql)
                .text(kind)
                .text("  \u{10FFFF}")
                .text(needle),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(word, holders)| VocabularyWord { word, holders })
        .collect())
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
    fn inner_trigrams_need_three_characters() {
        assert!(inner_trigrams("ku").is_empty());
        let trigrams: Vec<String> = inner_trigrams("kursk").into_iter().collect();
        assert_eq!(trigrams, ["kur", "rsk", "urs"]);
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
