//! How a text filter finds its events: through the words it holds (and which index words
//! stand for each), or by testing every event's text.

use crate::backend::{DatabaseKind, Transaction};
use crate::error::StoreError;
use crate::search::WordGroup;
use crate::vocabulary::{
    word_in_vocabulary, words_containing, VocabularyWord, EVENT_TEXT_VOCABULARY,
};

use super::event_texts::event_count;

/// Most vocabulary words one word of the text may stand for in a narrowed query.
const MAX_WORDS_PER_GROUP: usize = 500;

/// Events below which narrowing is always worth it, whatever the dossier's size.
const ALWAYS_NARROWED: i64 = 2_000;

/// Testing one event reached through the search index costs about this many times testing one
/// event while scanning them all: narrowing pays when it reads fewer events than that share.
const NARROWED_COST: i64 = 5;

/// How SQL finds the events whose text contains the needle.
#[derive(Debug)]
pub(super) enum Narrowing {
    /// No event's text can contain it: a word of it is in no event.
    NoEvent,
    /// Only events holding a word of each group can contain it (found on SQLite through
    /// `event_text_words`, on PostgreSQL through their search documents). When
    /// `aligned`, the groups are the needle's words in order: the first group is every word
    /// ending with its first word (containing it, when it is the only one), and each later
    /// group stands for one later word.
    Groups {
        groups: Vec<WordGroup>,
        aligned: bool,
    },
    /// Every event's text is tested. `phrase` holds the needle's words as aligned groups (see
    /// above) when the index could match them, though they are common.
    Scan { phrase: Option<CommonPhrase> },
}

/// A needle's words as aligned groups (see [`Narrowing::Groups`]), too common to read the
/// timeline through.
#[derive(Debug)]
pub(super) struct CommonPhrase {
    pub(super) groups: Vec<WordGroup>,
    /// Events holding the rarest of its words.
    pub(super) holders: i64,
}

/// Whether every word is one the engine's index of events' words holds as it is: on SQLite
/// any (`event_text_words` splits the folded text only at its spaces); on PostgreSQL,
/// whose vectors the store writes from core's folded words, any word short enough to be
/// indexed.
fn indexed_as_is(kind: DatabaseKind, words: &[String]) -> bool {
    match kind {
        DatabaseKind::Sqlite => true,
        DatabaseKind::Postgres => words
            .iter()
            .all(|word| word.len() <= crate::search::MAX_INDEXED_WORD_BYTES),
    }
}

/// The vocabulary words standing for one word of the needle: those containing it (the
/// needle's only word), ending with it (its first word), or starting with it (its last).
/// `None` when the word is too short to look up.
async fn vocabulary_words(
    transaction: &mut Transaction,
    word: &str,
    keep: impl Fn(&str) -> bool,
) -> Result<Option<Vec<VocabularyWord>>, StoreError> {
    Ok(words_containing(transaction, EVENT_TEXT_VOCABULARY, word)
        .await?
        .map(|words| {
            words
                .into_iter()
                .filter(|found| keep(&found.word))
                .collect()
        }))
}

/// Decides how to find the events whose text contains `needle` (folded, not empty), for a
/// timeline that also has a date or actor filter when `filtered`.
pub(super) async fn narrowing(
    transaction: &mut Transaction,
    needle: &str,
    filtered: bool,
) -> Result<Narrowing, StoreError> {
    let kind = transaction.kind();
    let words: Vec<&str> = needle.split(' ').collect();
    let last = words.len() - 1;
    let mut groups: Vec<WordGroup> = Vec::new();
    let mut fewest_holders: Option<i64> = None;
    for (index, word) in words.iter().enumerate() {
        let found = if words.len() == 1 {
            vocabulary_words(transaction, word, |found| found.contains(word)).await?
        } else if index == 0 {
            vocabulary_words(transaction, word, |found| found.ends_with(word)).await?
        } else if index == last {
            vocabulary_words(transaction, word, |found| found.starts_with(word)).await?
        } else {
            Some(
                word_in_vocabulary(transaction, EVENT_TEXT_VOCABULARY, word)
                    .await?
                    .into_iter()
                    .collect(),
            )
        };
        match found {
            Some(found) if found.is_empty() => return Ok(Narrowing::NoEvent),
            Some(found) if found.len() <= MAX_WORDS_PER_GROUP => {
                let words: Vec<String> = found.iter().map(|found| found.word.clone()).collect();
                if !indexed_as_is(kind, &words) {
                    continue;
                }
                let holders: i64 = found.iter().map(|found| found.holders).sum();
                fewest_holders = Some(fewest_holders.map_or(holders, |fewest| fewest.min(holders)));
                groups.push(WordGroup {
                    words,
                    prefix: false,
                });
            }
            // The last word's start, too short to look up or standing for too many words:
            // SQLite's index matches any word starting with it.
            _ if index == last && words.len() > 1 && kind == DatabaseKind::Sqlite => {
                groups.push(WordGroup {
                    words: vec![(*word).to_owned()],
                    prefix: true,
                });
            }
            _ => {}
        }
    }
    let Some(fewest_holders) = fewest_holders else {
        return Ok(Narrowing::Scan { phrase: None });
    };
    // On SQLite an unfiltered timeline reads its matches in order from the index: a page stops
    // once it is full and a count at its cap, however common the words.
    let read_in_order = kind == DatabaseKind::Sqlite && !filtered;
    if fewest_holders > ALWAYS_NARROWED && !read_in_order {
        // Narrowing pays unless the dossier has fewer events than it would read (counting
        // 40,000 rows to learn it took 7 ms at a million events).
        let events = event_count(transaction).await?;
        if events < fewest_holders.saturating_mul(NARROWED_COST) {
            let phrase = (groups.len() == words.len()).then_some(CommonPhrase {
                groups,
                holders: fewest_holders,
            });
            return Ok(Narrowing::Scan { phrase });
        }
    }
    let aligned = groups.len() == words.len();
    Ok(Narrowing::Groups { groups, aligned })
}
