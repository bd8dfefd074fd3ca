//! The timeline's text filter. Core keeps an event when its folded headline, summary and tags,
//! joined by `" | "`, contain the folded text; each event's joined text is stored as written
//! by core's rule (`event_texts`), so SQL's substring test is core's, and SQL counts and pages.
//!
//! When the text's words are not too common, SQL reads only the events holding them: on
//! SQLite through `event_text_words`, which lists them by their place in the timeline so a
//! page stops once it is full; on PostgreSQL through the search index. Candidates are found
//! through the trigrams of the events' words (`word_trigrams`, which also count the events
//! holding each word). Otherwise SQL tests every event's text, in date order for the page.

use dossier_core::timeline::TimelineQuery;

use crate::backend::{DatabaseKind, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::search::{
    postgres_events_holding, sqlite_event_phrases_expression, sqlite_event_words_expression,
    WordGroup,
};
use crate::vocabulary::{
    word_in_vocabulary, words_containing, VocabularyWord, EVENT_TEXT_VOCABULARY,
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

/// How SQL finds the events whose text contains the needle.
#[derive(Debug)]
enum Narrowing {
    /// No event's text can contain it: a word of it is in no event.
    NoEvent,
    /// Only events whose search document holds a word of each group can contain it. When
    /// `aligned`, the groups are the needle's words in order: the first group is every word
    /// ending with its first word (containing it, when it is the only one), and each later
    /// group stands for one later word.
    Groups {
        groups: Vec<WordGroup>,
        aligned: bool,
    },
    /// Every event's text is tested.
    Scan,
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
async fn narrowing(
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
        return Ok(Narrowing::Scan);
    };
    // On SQLite an unfiltered timeline reads its matches in order from the index: a page stops
    // once it is full and a count at its cap, however common the words.
    let read_in_order = kind == DatabaseKind::Sqlite && !filtered;
    if fewest_holders > ALWAYS_NARROWED && !read_in_order {
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
    let aligned = groups.len() == words.len();
    Ok(Narrowing::Groups { groups, aligned })
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

/// A text-filtered timeline's filters as SQL: `condition` holds the date and actor filters
/// at `$1`–`$3` and the needle at `$needle_parameter`.
struct Filters<'q> {
    query: &'q TimelineQuery,
    actors: &'q [&'q str],
    needle: &'q str,
    condition: String,
    needle_parameter: usize,
}

impl<'q> Filters<'q> {
    fn new(
        kind: DatabaseKind,
        query: &'q TimelineQuery,
        actors: &'q [&'q str],
        needle: &'q str,
    ) -> Self {
        let mut condition = date_and_actor_condition(kind, "event_id", !actors.is_empty());
        let needle_parameter = if actors.is_empty() { 3 } else { 4 };
        condition.push_str(" AND ");
        condition.push_str(&kind.contains("folded_text", &format!("${needle_parameter}")));
        Filters {
            query,
            actors,
            needle,
            condition,
            needle_parameter,
        }
    }

    /// Whether a date or an actor narrows the timeline besides the text.
    fn dated_or_by_actor(&self) -> bool {
        self.query.from.is_some() || self.query.to.is_some() || !self.actors.is_empty()
    }

    /// `statement` with the filters and the needle bound; its next parameter is
    /// `needle_parameter + 1`.
    fn bind<'a>(&self, statement: Statement<'a>) -> Statement<'a>
    where
        'q: 'a,
    {
        bind_filters(statement, self.query, self.actors).text(self.needle)
    }
}

/// The page of events `query` keeps when it has the text filter `needle` (folded, not empty).
pub(super) async fn page_with_text(
    transaction: &mut Transaction,
    query: &TimelineQuery,
    actors: &[&str],
    needle: &str,
    page: Page,
) -> Result<TimelinePage, StoreError> {
    let kind = transaction.kind();
    let filters = Filters::new(kind, query, actors, needle);
    let (ids, (total, total_is_lower_bound)) =
        match narrowing(transaction, needle, filters.dated_or_by_actor()).await? {
            Narrowing::NoEvent => (Vec::new(), (0, false)),
            Narrowing::Groups { groups, aligned } => match kind {
                DatabaseKind::Sqlite => {
                    read_in_order(transaction, &filters, &groups, aligned, page).await?
                }
                DatabaseKind::Postgres => {
                    read_candidates(transaction, &filters, &groups, page).await?
                }
            },
            Narrowing::Scan => scan(transaction, &filters, page).await?,
        };
    let events = events_in_order(transaction, &ids).await?;
    Ok(TimelinePage {
        events,
        total,
        total_is_lower_bound,
    })
}

/// A page of event ids and the count of kept events, as [`TimelineCount::total`] gives it.
type IdsAndTotal = (Vec<String>, (usize, bool));

/// On SQLite: the events holding a word of every group, read from `event_text_words` in the
/// timeline's order and each tested as core tests it, so the page stops once it is full and
/// the count at its cap. With `aligned` groups the index matches the needle's words as a
/// phrase, which is exactly core's test: events' words are indexed with their places, and the
/// `|` between two parts of an event's text is a word of its own, so no phrase runs across it.
async fn read_in_order(
    transaction: &mut Transaction,
    filters: &Filters<'_>,
    groups: &[WordGroup],
    aligned: bool,
    Page {
        offset,
        limit,
        count,
    }: Page,
) -> Result<IdsAndTotal, StoreError> {
    let needle_words: Vec<&str> = filters.needle.split(' ').collect();
    // The words the last one starts, when the vocabulary listed them.
    let last = match groups {
        [_, .., last] if !last.prefix => Some(last.words.as_slice()),
        _ => None,
    };
    let phrases = match groups.first() {
        Some(first) if aligned => Some(sqlite_event_phrases_expression(
            &first.words,
            &needle_words[1..],
            last,
        )),
        _ => None,
    };
    // The index alone decides, and counts, when it matches the phrase and nothing else filters.
    let index_decides = phrases.is_some() && !filters.dated_or_by_actor();
    let expression = phrases.unwrap_or_else(|| sqlite_event_words_expression(groups));
    let match_parameter = filters.needle_parameter + 1;
    let rows = format!(
        "FROM event_text_words JOIN event_texts ON event_texts.position = event_text_words.rowid \
         WHERE event_text_words MATCH ${match_parameter} AND {}",
        filters.condition
    );
    let page_sql = format!(
        "SELECT event_id {rows} ORDER BY event_text_words.rowid LIMIT ${} OFFSET ${}",
        match_parameter + 1,
        match_parameter + 2
    );
    let ids: Vec<(String,)> = transaction
        .executor()
        .fetch_all(
            filters
                .bind(Statement::new(page_sql))
                .text(expression.as_str())
                .integer(to_sql_integer(limit))
                .integer(to_sql_integer(offset)),
        )
        .await?;
    let total = if index_decides {
        count_matches(
            transaction,
            count,
            "SELECT 1 FROM event_text_words WHERE event_text_words MATCH $1",
            2,
            |statement| statement.text(expression.as_str()),
        )
        .await?
    } else {
        count_matches(
            transaction,
            count,
            &format!("SELECT 1 {rows}"),
            match_parameter + 1,
            |statement| filters.bind(statement).text(expression.as_str()),
        )
        .await?
    };
    Ok((ids.into_iter().map(|(id,)| id).collect(), total))
}

/// On PostgreSQL: every event whose search document holds a word of every group and whose
/// text passes, sorted here (asking SQL for date order would tempt it to walk the date index
/// through every event instead of reading only the few candidates).
async fn read_candidates(
    transaction: &mut Transaction,
    filters: &Filters<'_>,
    groups: &[WordGroup],
    Page {
        offset,
        limit,
        count,
    }: Page,
) -> Result<IdsAndTotal, StoreError> {
    let (holding, expression) =
        postgres_events_holding("event_id", groups, filters.needle_parameter + 1);
    let sql = format!(
        "SELECT event_id, position FROM event_texts WHERE {} AND {holding}",
        filters.condition
    );
    let mut rows: Vec<(String, i64)> = transaction
        .executor()
        .fetch_all(filters.bind(Statement::new(sql)).text(expression))
        .await?;
    rows.sort_by_key(|(_, position)| *position);
    // Every candidate is in hand, so the count costs nothing more.
    let total = match count {
        TimelineCount::Skip => count.of_rows(0),
        TimelineCount::Exact | TimelineCount::UpTo(_) => TimelineCount::Exact.of_rows(rows.len()),
    };
    let ids = rows
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(id, _)| id)
        .collect();
    Ok((ids, total))
}

/// Every event's text tested, in the timeline's order.
async fn scan(
    transaction: &mut Transaction,
    filters: &Filters<'_>,
    Page {
        offset,
        limit,
        count,
    }: Page,
) -> Result<IdsAndTotal, StoreError> {
    let page_sql = format!(
        "SELECT event_id FROM event_texts WHERE {} \
         ORDER BY earliest, latest, event_id LIMIT ${} OFFSET ${}",
        filters.condition,
        filters.needle_parameter + 1,
        filters.needle_parameter + 2
    );
    let ids: Vec<(String,)> = transaction
        .executor()
        .fetch_all(
            filters
                .bind(Statement::new(page_sql))
                .integer(to_sql_integer(limit))
                .integer(to_sql_integer(offset)),
        )
        .await?;
    let total = count_matches(
        transaction,
        count,
        &format!("SELECT 1 FROM event_texts WHERE {}", filters.condition),
        filters.needle_parameter + 1,
        |statement| filters.bind(statement),
    )
    .await?;
    Ok((ids.into_iter().map(|(id,)| id).collect(), total))
}
