//! Autocomplete's substring stage: the records with a name containing what was typed, shortest
//! name first, found through the vocabulary of the kind's words rather than by testing every
//! name. Typed text of one word is in a name exactly when it is in one of the name's words;
//! text of several words is in a name only if the name holds a word ending with the first, the
//! middle ones as they are, and a word starting with the last.

use std::collections::HashSet;

use crate::backend::Transaction;
use crate::error::StoreError;
use crate::held::HeldKind;
use crate::names::NameKind;
use crate::shortest::shortest_records;
use crate::vocabulary::{word_in_vocabulary, words_holding_text, words_with_text, VocabularyWord};

/// Holders of one word of the typed text read, at most, before testing every name instead.
const MAX_HOLDERS_TESTED: i64 = 5_000;

/// Words holding a one-word text beyond which names are tested shortest first instead of
/// reading the holders of every word: with this many words held by at least as many records,
/// a few thousand names at the start of the index by length hold enough of them.
const MAX_WORDS_LOOKED_UP: usize = 1_000;

/// The records, not `known`, with a name containing `folded`: the first `needed` by the
/// length of their shortest such name, and every one tied with the last. Text of one word is
/// looked for in the `held` kind's words when it is held, and so are the names to test for
/// text of several words.
pub(crate) async fn records_containing(
    transaction: &mut Transaction,
    kind: NameKind,
    held: Option<&HeldKind>,
    folded: &str,
    needed: usize,
    known: &HashSet<String>,
) -> Result<Vec<String>, StoreError> {
    let kind_name = kind.as_str();
    if let Some(held) = held {
        if !folded.contains(' ') {
            let words = held.words.words_with_text(folded);
            return Ok(held.words.shortest_holders(&words, needed, known));
        }
        let most_tested = usize::try_from(MAX_HOLDERS_TESTED).unwrap_or(usize::MAX);
        if let Some(found) = held.records_containing_phrase(folded, needed, known, most_tested) {
            return Ok(found);
        }
    }
    if !folded.contains(' ') {
        let Some(words) =
            words_with_text(transaction, kind_name, folded, MAX_WORDS_LOOKED_UP).await?
        else {
            return names_containing(transaction, kind, folded, &[], needed, known).await;
        };
        if words.is_empty() {
            return Ok(Vec::new());
        }
        // The holders of the words containing it, each by its shortest name holding one.
        let sql = format!(
            "SELECT record_id, label_length FROM name_words WHERE kind = $1 AND {} \
             ORDER BY label_length LIMIT $3",
            transaction.kind().one_of("word", "$2")
        );
        return shortest_records::<i64>(
            transaction,
            &sql,
            |statement| statement.text(kind_name).text_list(&words),
            needed,
            known,
        )
        .await;
    }
    let Some(holding) = rarest_word_group(transaction, kind_name, folded).await? else {
        return Ok(Vec::new());
    };
    let words: Vec<String> = holding.into_iter().map(|word| word.word).collect();
    names_containing(transaction, kind, folded, &words, needed, known).await
}

/// The records, not `known`, with a name containing `folded`, read shortest name first from
/// the index of whole names by length (each tested), or only among the holders of one of
/// `words` when there are any.
async fn names_containing(
    transaction: &mut Transaction,
    kind: NameKind,
    folded: &str,
    words: &[String],
    needed: usize,
    known: &HashSet<String>,
) -> Result<Vec<String>, StoreError> {
    let kind_of_database = transaction.kind();
    // The row limit is bound last. Ordered by the indexed column, SQLite walks the index of
    // whole names by length and stops at the limit; ordered by the selected copy, it starts
    // from the few holders of the words and sorts them (a walk of every name is what it would
    // otherwise choose: 40 ms at 100k terms against 0.1 ms).
    let (holding_a_word, order, limit) = if words.is_empty() {
        (String::new(), "label_length", "$3")
    } else {
        (
            format!(
                "AND record_id IN (SELECT record_id FROM name_words WHERE kind = $1 AND {})",
                kind_of_database.one_of("word", "$3")
            ),
            "key_length",
            "$4",
        )
    };
    let sql = format!(
        "SELECT record_id, CAST(label_length AS BIGINT) AS key_length FROM names \
         WHERE kind = $1 AND word = 0 AND {} {holding_a_word} \
         ORDER BY {order} LIMIT {limit}",
        kind_of_database.contains("folded_key", "$2"),
    );
    shortest_records::<i64>(
        transaction,
        &sql,
        |statement| {
            let statement = statement.text(kind.as_str()).text(folded);
            if words.is_empty() {
                statement
            } else {
                statement.text_list(words)
            }
        },
        needed,
        known,
    )
    .await
}

/// For text of several words, the vocabulary words standing for the one of its words held by
/// fewest records: `None` when one of its words stands for no word at all (no name can
/// contain the text), and no words when each stands for too many to be worth reading.
async fn rarest_word_group(
    transaction: &mut Transaction,
    kind: &str,
    folded: &str,
) -> Result<Option<Vec<VocabularyWord>>, StoreError> {
    let words: Vec<&str> = folded.split(' ').collect();
    let last = words.len() - 1;
    let mut rarest: Option<(i64, Vec<VocabularyWord>)> = None;
    for (index, word) in words.iter().enumerate() {
        let group: Vec<VocabularyWord> = if index > 0 && index < last {
            word_in_vocabulary(transaction, kind, word)
                .await?
                .into_iter()
                .collect()
        } else if word.chars().count() < 3 {
            // Too short to look up cheaply; the other words narrow enough.
            continue;
        } else {
            words_holding_text(transaction, kind, word)
                .await?
                .into_iter()
                .filter(|found| {
                    if index == 0 {
                        found.word.ends_with(word)
                    } else {
                        found.word.starts_with(word)
                    }
                })
                .collect()
        };
        if group.is_empty() {
            return Ok(None);
        }
        let holders: i64 = group.iter().map(|found| found.holders).sum();
        if rarest.as_ref().is_none_or(|(fewest, _)| holders < *fewest) {
            rarest = Some((holders, group));
        }
    }
    Ok(Some(match rarest {
        Some((holders, group)) if holders <= MAX_HOLDERS_TESTED => group,
        _ => Vec::new(),
    }))
}
