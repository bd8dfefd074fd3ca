//! The words of a vocabulary containing a piece of text, found in its trigrams' lists rather
//! than by testing every word.

use std::collections::BTreeSet;

use super::{listed_words, trigram_lists, with_holders, VocabularyWord, WORD_SEPARATOR};
use crate::backend::{Statement, Transaction};
use crate::error::StoreError;
use crate::names::prefix_upper_bound;

/// The distinct trigrams inside `needle`, unpadded: every word containing `needle` has them
/// all. Empty when `needle` is shorter than three characters.
fn inner_trigrams(needle: &str) -> BTreeSet<String> {
    let characters: Vec<char> = needle.chars().collect();
    characters
        .windows(3)
        .map(|window| window.iter().collect())
        .collect()
}

/// The words of vocabulary `kind` that contain `needle` (which holds no space), or `None`
/// when `needle` is too short for trigrams to narrow the vocabulary.
pub(crate) async fn words_containing(
    transaction: &mut Transaction,
    kind: &str,
    needle: &str,
) -> Result<Option<Vec<VocabularyWord>>, StoreError> {
    let Some(words) = words_with_inner_trigrams(transaction, kind, needle).await? else {
        return Ok(None);
    };
    Ok(Some(with_holders(transaction, kind, words).await?))
}

/// The words of vocabulary `kind` that contain `needle` (which holds no space), in code-point
/// order, or `None` when `needle` is shorter than three characters.
async fn words_with_inner_trigrams(
    transaction: &mut Transaction,
    kind: &str,
    needle: &str,
) -> Result<Option<Vec<String>>, StoreError> {
    let trigrams: Vec<String> = inner_trigrams(needle).into_iter().collect();
    if trigrams.is_empty() {
        return Ok(None);
    }
    let trigrams: Vec<&str> = trigrams.iter().map(String::as_str).collect();
    let mut lists: Vec<String> = trigram_lists(transaction, kind, &trigrams)
        .await?
        .into_values()
        .collect();
    if lists.len() < trigrams.len() {
        // A trigram of the needle is in no word.
        return Ok(Some(Vec::new()));
    }
    lists.sort_by_key(String::len);
    let mut found: Vec<&str> = listed_words(&lists[0])
        .filter(|word| word.contains(needle))
        .collect();
    found.sort_unstable();
    Ok(Some(found.into_iter().map(str::to_owned).collect()))
}

/// The words of vocabulary `kind` holding `pair`, two characters (neither a space), in
/// code-point order, or `None` when more than `most` do.
///
/// Wherever a word holds the pair, its padded form has a trigram starting with it: the pair
/// and the next letter, or the padding after the word's end. And every word listed under such
/// a trigram holds the pair. So the lists of the trigrams starting with it are the answer,
/// with each word listed under several of them kept once.
async fn words_with_pair(
    transaction: &mut Transaction,
    kind: &str,
    pair: &str,
    most: usize,
) -> Result<Option<Vec<String>>, StoreError> {
    let lists: Vec<(String,)> = transaction
        .executor()
        .fetch_all(
            Statement::new(
                "SELECT words FROM vocabulary_trigrams \
                 WHERE kind = $1 AND trigram >= $2 AND trigram < $3",
            )
            .text(kind)
            .text(pair)
            .text(prefix_upper_bound(pair)),
        )
        .await?;
    let lists: Vec<&str> = lists.iter().map(|(list,)| list.as_str()).collect();
    Ok(distinct_listed_words(&lists, most)
        .map(|words| words.into_iter().map(str::to_owned).collect()))
}

/// The distinct words of `lists` in code-point order, or `None` when there are more than
/// `most`. One list longer than that settles it without sorting them all: for a common pair
/// such as "ae", sorting and copying 20,000 words took 5 ms at 100k terms only to learn that
/// there were too many.
fn distinct_listed_words<'a>(lists: &[&'a str], most: usize) -> Option<Vec<&'a str>> {
    let separator = WORD_SEPARATOR as u8;
    let longest = lists
        .iter()
        .map(|list| list.bytes().filter(|&byte| byte == separator).count() + 1)
        .max()
        .unwrap_or(0);
    if longest > most {
        return None;
    }
    let mut words: Vec<&str> = lists.iter().flat_map(|list| listed_words(list)).collect();
    words.sort_unstable();
    words.dedup();
    (words.len() <= most).then_some(words)
}

/// The words of vocabulary `kind` that contain `needle` (which holds no space), however short,
/// in code-point order, without how many records hold them; `None` when more than `most` do.
pub(crate) async fn words_with_text(
    transaction: &mut Transaction,
    kind: &str,
    needle: &str,
    most: usize,
) -> Result<Option<Vec<String>>, StoreError> {
    let words = if let Some(words) = words_with_inner_trigrams(transaction, kind, needle).await? {
        words
    } else if needle.chars().count() == 2 {
        return words_with_pair(transaction, kind, needle, most).await;
    } else {
        let words = every_word_with_text(transaction, kind, needle).await?;
        words.into_iter().map(|found| found.word).collect()
    };
    Ok((words.len() <= most).then_some(words))
}

/// The words of vocabulary `kind` that contain `needle` (which holds no space), however short,
/// in code-point order, with how many records hold each.
pub(crate) async fn words_holding_text(
    transaction: &mut Transaction,
    kind: &str,
    needle: &str,
) -> Result<Vec<VocabularyWord>, StoreError> {
    if needle.chars().count() < 2 {
        return every_word_with_text(transaction, kind, needle).await;
    }
    let words = words_with_text(transaction, kind, needle, usize::MAX)
        .await?
        .unwrap_or_default();
    with_holders(transaction, kind, words).await
}

/// The words of vocabulary `kind` that contain `needle`, each word tested: for a needle too
/// short to have trigrams of its own.
async fn every_word_with_text(
    transaction: &mut Transaction,
    kind: &str,
    needle: &str,
) -> Result<Vec<VocabularyWord>, StoreError> {
    let sql = format!(
        "SELECT word, holders FROM vocabulary_words WHERE kind = $1 AND {} ORDER BY word",
        transaction.kind().contains("word", "$2")
    );
    let rows: Vec<(String, i64)> = transaction
        .executor()
        .fetch_all(Statement::new(sql).text(kind).text(needle))
        .await?;
    Ok(rows
        .into_iter()
        .map(|(word, holders)| VocabularyWord { word, holders })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_trigrams_need_three_characters() {
        assert!(inner_trigrams("ku").is_empty());
        let trigrams: Vec<String> = inner_trigrams("kursk").into_iter().collect();
        assert_eq!(trigrams, ["kur", "rsk", "urs"]);
    }

    #[test]
    fn listed_words_are_kept_once_unless_there_are_too_many() {
        let lists = ["aer\nkaes", "kaes\nsae"];
        assert_eq!(
            distinct_listed_words(&lists, 3),
            Some(vec!["aer", "kaes", "sae"])
        );
        // Three distinct words, though no list holds more than two.
        assert_eq!(distinct_listed_words(&lists, 2), None);
        // One list alone holds more than one.
        assert_eq!(distinct_listed_words(&lists, 1), None);
        assert_eq!(distinct_listed_words(&[], 0), Some(Vec::new()));
    }
}
