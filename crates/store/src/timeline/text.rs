//! The timeline's text filter. Core keeps an event when its folded headline, summary and tags,
//! joined by `" | "`, contain the folded text; each event's joined text is stored as written
//! by core's rule (`event_texts`), so SQL's substring test is core's, and SQL counts and pages.
//!
//! When the text's words are not too common, SQL reads only the events whose search document
//! holds them (found through the trigrams of the events' words, `word_trigrams`, which also
//! count the events holding each word), and tests those; otherwise it tests every event's
//! text, in date order for the page.

use std::collections::BTreeMap;

use dossier_core::text::fold;
use dossier_core::timeline::TimelineQuery;
use dossier_core::{Dossier, Event};

use crate::backend::{Batch, DatabaseKind, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::search::{events_holding, WordGroup};
use crate::vocabulary::{
    distinct_words, word_in_vocabulary, words_containing, write_word_trigrams, VocabularyWord,
    EVENT_TEXT_VOCABULARY,
};

use super::{
    bind_filters, count_matches, date_and_actor_condition, events_in_order, TimelineCount,
    TimelinePage,
};

/// Most vocabulary words one word of the text may stand for in a narrowed query.
const MAX_WORDS_PER_GROUP: usize = 500;

/// Events below which narrowing is always worth it, whatever the dossier's size.
const ALWAYS_NARROWED: i64 = 2_000;

/// Testing one event reached through the search index costs about this many times testing one
/// event while scanning them all: narrowing pays when it reads fewer events than that share.
const NARROWED_COST: i64 = 5;

/// The text core's filter looks in: the folded headline, summary and tags, joined by
/// `" | "` (core's `event_matches`). The folded text a user types holds no `|`, so it is
/// found here exactly when one of the parts contains it.
fn searchable_text(event: &Event) -> String {
    std::iter::once(event.headline.as_str())
        .chain([event.summary.as_str()])
        .chain(event.tags.iter().map(String::as_str))
        .map(fold)
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Replaces every event's searchable text, and the vocabulary of their words, with those of
/// `dossier` (inside the import transaction).
pub(crate) async fn write_event_texts(
    transaction: &mut Transaction,
    dossier: &Dossier,
) -> Result<(), StoreError> {
    transaction
        .executor()
        .execute(Statement::new("DELETE FROM event_texts"))
        .await?;
    let mut texts: Vec<(&str, i64, i64, String)> = dossier
        .events
        .iter()
        .map(|event| {
            (
                event.id.as_str(),
                event.date.earliest().day_number(),
                event.date.latest().day_number(),
                searchable_text(event),
            )
        })
        .collect();
    texts.sort_by(|a, b| a.0.cmp(b.0));
    let mut holders: BTreeMap<&str, i64> = BTreeMap::new();
    for (_, _, _, text) in &texts {
        for word in distinct_words([text.as_str()]) {
            *holders.entry(word).or_default() += 1;
        }
    }
    let vocabulary: Vec<(&str, i64)> = holders.into_iter().collect();
    write_word_trigrams(transaction, EVENT_TEXT_VOCABULARY, &vocabulary).await?;
    let mut rows =
        Batch::new("INSERT INTO event_texts (event_id, earliest, latest, folded_text) VALUES");
    for (id, earliest, latest, text) in &texts {
        rows.push(
            Statement::new("($1, $2, $3, $4)")
                .text(*id)
                .integer(*earliest)
                .integer(*latest)
                .text(text.as_str()),
        );
    }
    rows.execute(transaction).await
}

/// How SQL finds the events whose text contains the needle.
#[derive(Debug)]
enum Narrowing {
    /// No event's text can contain it: a word of it is in no event.
    NoEvent,
    /// Only events whose search document holds a word of each group can contain it.
    Groups(Vec<WordGroup>),
    /// Every event's text is tested.
    Scan,
}

/// Whether every word is one the engine's search index holds as it is: on SQLite, whose
/// tokenizer splits text itself, plain ASCII letters and digits; on PostgreSQL, whose vectors
/// the store writes from core's folded words, any word short enough to be indexed.
fn indexed_as_is(kind: DatabaseKind, words: &[String]) -> bool {
    words.iter().all(|word| match kind {
        DatabaseKind::Sqlite => word.bytes().all(|byte| byte.is_ascii_alphanumeric()),
        DatabaseKind::Postgres => word.len() <= crate::search::MAX_INDEXED_WORD_BYTES,
    })
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

/// Decides how to find the events whose text contains `needle` (folded, not empty).
async fn narrowing(transaction: &mut Transaction, needle: &str) -> Result<Narrowing, StoreError> {
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
            // SQLite's index matches any word starting with plain letters and digits.
            _ if index == last
                && words.len() > 1
                && kind == DatabaseKind::Sqlite
                && indexed_as_is(kind, &[(*word).to_owned()]) =>
            {
                groups.push(WordGroup {
                    words: vec![(*word).to_owned()],
                    prefix: true,
                });
            }
            _ => {}
        }
    }
    let Some(fewest_holders) = fewest_holders else {
        return Ok(Narrowing::Scan);
    };
    if fewest_holders > ALWAYS_NARROWED {
        // Narrowing pays unless the dossier has fewer events than it would read: count the
        // events only that far (a million take 16 ms to count in full).
        let narrowed_cost =
            usize::try_from(fewest_holders.saturating_mul(NARROWED_COST)).unwrap_or(usize::MAX);
        let (events, more) = count_matches(
            transaction,
            TimelineCount::UpTo(narrowed_cost),
            "SELECT 1 FROM event_texts",
            1,
            |statement| statement,
        )
        .await?;
        if !more && events < narrowed_cost {
            return Ok(Narrowing::Scan);
        }
    }
    Ok(Narrowing::Groups(groups))
}

/// Which page of the kept events to read, and how far to count them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Page {
    /// Kept events to skip.
    pub(super) offset: usize,
    /// Most events to return.
    pub(super) limit: usize,
    /// How far to count the kept events.
    pub(super) count: TimelineCount,
}

/// The page of events `query` keeps when it has the text filter `needle` (folded, not empty).
pub(super) async fn page_with_text(
    transaction: &mut Transaction,
    query: &TimelineQuery,
    actors: &[&str],
    needle: &str,
    Page {
        offset,
        limit,
        count,
    }: Page,
) -> Result<TimelinePage, StoreError> {
    let kind = transaction.kind();
    let mut condition = date_and_actor_condition(kind, "event_id", !actors.is_empty());
    let needle_parameter = if actors.is_empty() { 3 } else { 4 };
    condition.push_str(" AND ");
    condition.push_str(&kind.contains("folded_text", &format!("${needle_parameter}")));
    let (ids, (total, total_is_lower_bound)) = match narrowing(transaction, needle).await? {
        Narrowing::NoEvent => (Vec::new(), (0, false)),
        Narrowing::Groups(groups) => {
            let (holding, expression) =
                events_holding(kind, "event_id", &groups, needle_parameter + 1);
            // Every kept event, sorted here: asking SQL for date order would tempt it to walk
            // the date index through every event instead of reading only the few candidates.
            let sql =
                format!("SELECT event_id, earliest, latest FROM event_texts WHERE {condition} AND {holding}");
            let mut rows: Vec<(String, i64, i64)> = transaction
                .executor()
                .fetch_all(
                    bind_filters(Statement::new(sql), query, actors)
                        .text(needle)
                        .text(expression),
                )
                .await?;
            rows.sort_by(|a, b| (a.1, a.2, &a.0).cmp(&(b.1, b.2, &b.0)));
            // Every candidate is in hand, so the count costs nothing more.
            let total = match count {
                TimelineCount::Skip => count.of_rows(0),
                TimelineCount::Exact | TimelineCount::UpTo(_) => {
                    TimelineCount::Exact.of_rows(rows.len())
                }
            };
            let ids = rows
                .into_iter()
                .skip(offset)
                .take(limit)
                .map(|(id, _, _)| id)
                .collect();
            (ids, total)
        }
        Narrowing::Scan => {
            let page_sql = format!(
                "SELECT event_id FROM event_texts WHERE {condition} \
                 ORDER BY earliest, latest, event_id LIMIT ${} OFFSET ${}",
                needle_parameter + 1,
                needle_parameter + 2
            );
            let ids: Vec<(String,)> = transaction
                .executor()
                .fetch_all(
                    bind_filters(Statement::new(page_sql), query, actors)
                        .text(needle)
                        .integer(to_sql_integer(limit))
                        .integer(to_sql_integer(offset)),
                )
                .await?;
            let total = count_matches(
                transaction,
                count,
                &format!("SELECT 1 FROM event_texts WHERE {condition}"),
                needle_parameter + 1,
                |statement| bind_filters(statement, query, actors).text(needle),
            )
            .await?;
            (ids.into_iter().map(|(id,)| id).collect(), total)
        }
    };
    let events = events_in_order(transaction, &ids).await?;
    Ok(TimelinePage {
        events,
        total,
        total_is_lower_bound,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_searchable_text_joins_the_folded_parts() {
        let mut event = dossier_core::embedded().events[0].clone();
        event.headline = "KCNA: Troops in Kúrsk".to_owned();
        event.summary = String::new();
        event.tags = vec!["U.N.".to_owned(), "front-line".to_owned()];
        assert_eq!(
            searchable_text(&event),
            "kcna troops in kursk |  | un | front line"
        );
    }
}
