//! The timeline's text filter. Core keeps an event when its folded headline, summary and tags,
//! joined by `" | "`, contain the folded text; each event's joined text is stored as written
//! by core's rule (`event_texts`), so SQL's substring test is core's, and SQL counts and pages.
//!
//! When the text's words are not too common, SQL reads only the events holding them: on
//! SQLite through `event_text_words`, which lists them by their place in the timeline so a
//! page stops once it is full; on PostgreSQL through the search index. Candidates are found
//! through the trigrams of the events' words (`word_trigrams`, which also count the events
//! holding each word). Otherwise SQL tests every event's text, in date order for the page. With
//! dates and no actors, SQLite counts through the index of words and one of the events' ends
//! (`text_in_range.rs`).

use dossier_core::timeline::TimelineQuery;

use crate::backend::{DatabaseKind, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::search::{
    postgres_events_holding, sqlite_event_phrases_expression, sqlite_event_words_expression,
    WordGroup,
};

use super::narrowing::{narrowing, CommonPhrase, Narrowing};
use super::text_in_range::{count_through_index, read_in_range};
use super::{
    bind_filters, count_matches, date_and_actor_condition, day_range, events_in_order,
    TimelineCount, TimelinePage,
};

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

/// A text-filtered timeline's filters as SQL: `dates_and_actors` holds the date and actor
/// filters at `$1`–`$3`, and `condition` those and core's text test, with the needle at
/// `$needle_parameter`.
struct Filters<'q> {
    query: &'q TimelineQuery,
    actors: &'q [&'q str],
    needle: &'q str,
    dates_and_actors: String,
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
        let dates_and_actors = date_and_actor_condition(kind, "event_id", !actors.is_empty());
        let needle_parameter = if actors.is_empty() { 3 } else { 4 };
        let condition = format!(
            "{dates_and_actors} AND {}",
            kind.contains("folded_text", &format!("${needle_parameter}"))
        );
        Filters {
            query,
            actors,
            needle,
            dates_and_actors,
            condition,
            needle_parameter,
        }
    }

    /// Whether a date narrows the timeline besides the text.
    fn dated(&self) -> bool {
        self.query.from.is_some() || self.query.to.is_some()
    }

    /// Whether a date or an actor narrows the timeline besides the text.
    fn dated_or_by_actor(&self) -> bool {
        self.dated() || !self.actors.is_empty()
    }

    /// On SQLite, the match of `event_text_words` for the needle's words as a phrase, when
    /// `groups` are those words in order (see [`Narrowing::Groups`]): exactly core's test.
    fn phrase_expression(&self, groups: &[WordGroup]) -> Option<String> {
        let needle_words: Vec<&str> = self.needle.split(' ').collect();
        // The words the last one starts, when the vocabulary listed them.
        let last = match groups {
            [_, .., last] if !last.prefix => Some(last.words.as_slice()),
            _ => None,
        };
        let first = groups.first()?;
        Some(sqlite_event_phrases_expression(
            &first.words,
            &needle_words[1..],
            last,
        ))
    }

    /// The range's first and last day numbers, when dates and no actors narrow the timeline
    /// besides the text and the range is not reversed.
    fn range_without_actors(&self) -> Option<(i64, i64)> {
        let (from_day, to_day) = day_range(self.query);
        (self.dated() && self.actors.is_empty() && from_day <= to_day).then_some((from_day, to_day))
    }

    /// `statement` with the date and actor filters bound; its next parameter is
    /// `needle_parameter`.
    fn bind_dates_and_actors<'a>(&self, statement: Statement<'a>) -> Statement<'a>
    where
        'q: 'a,
    {
        bind_filters(statement, self.query, self.actors)
    }

    /// `statement` with the filters and the needle bound; its next parameter is
    /// `needle_parameter + 1`.
    fn bind<'a>(&self, statement: Statement<'a>) -> Statement<'a>
    where
        'q: 'a,
    {
        self.bind_dates_and_actors(statement).text(self.needle)
    }

    /// [`Filters::bind`] when SQL tests the text, else [`Filters::bind_dates_and_actors`].
    fn bind_tested<'a>(&self, statement: Statement<'a>, text_in_sql: bool) -> Statement<'a>
    where
        'q: 'a,
    {
        if text_in_sql {
            self.bind(statement)
        } else {
            self.bind_dates_and_actors(statement)
        }
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
            Narrowing::Scan { phrase } => {
                scan(transaction, &filters, phrase.as_ref(), page).await?
            }
        };
    let events = events_in_order(transaction, &ids).await?;
    Ok(TimelinePage {
        events,
        total,
        total_is_lower_bound,
    })
}

/// A page of event ids and the count of kept events, as [`TimelineCount::total`] gives it.
pub(super) type IdsAndTotal = (Vec<String>, (usize, bool));

/// On SQLite: the events holding a word of every group, read from `event_text_words` in the
/// timeline's order and each tested as core tests it, so the page stops once it is full and
/// the count at its cap. With `aligned` groups the index matches the needle's words as a
/// phrase, which is exactly core's test: events' words are indexed with their places, and the
/// `|` between two parts of an event's text is a word of its own, so no phrase runs across it.
/// A phrase within a date range and without actors is read by [`read_in_range`], which counts
/// without reading events' rows.
async fn read_in_order(
    transaction: &mut Transaction,
    filters: &Filters<'_>,
    groups: &[WordGroup],
    aligned: bool,
    page: Page,
) -> Result<IdsAndTotal, StoreError> {
    let phrases = aligned.then(|| filters.phrase_expression(groups)).flatten();
    // A phrase match is core's text test, so SQL tests only the dates and actors, if any, and
    // with neither the index alone counts.
    let exact = phrases.is_some();
    let index_decides = exact && !filters.dated_or_by_actor();
    let expression = phrases.unwrap_or_else(|| sqlite_event_words_expression(groups));
    if exact {
        if let Some(range) = filters.range_without_actors() {
            return read_in_range(transaction, &expression, range, page).await;
        }
    }
    let Page {
        offset,
        limit,
        count,
    } = page;
    let (condition, match_parameter) = if exact {
        (&filters.dates_and_actors, filters.needle_parameter)
    } else {
        (&filters.condition, filters.needle_parameter + 1)
    };
    let rows = format!(
        "FROM event_text_words JOIN event_texts ON event_texts.position = event_text_words.rowid \
         WHERE event_text_words MATCH ${match_parameter} AND {condition}"
    );
    let ids = page_ids(
        transaction,
        &format!("SELECT event_id {rows} ORDER BY event_text_words.rowid"),
        match_parameter + 1,
        |statement| {
            filters
                .bind_tested(statement, !exact)
                .text(expression.as_str())
        },
        (offset, limit),
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
            |statement| {
                filters
                    .bind_tested(statement, !exact)
                    .text(expression.as_str())
            },
        )
        .await?
    };
    Ok((ids, total))
}

/// The event ids `ordered` (a query in the timeline's order, its parameters bound by `bind`)
/// selects from `offset`, at most `limit` of them; the limit and offset are bound at
/// `next_parameter`.
pub(super) async fn page_ids<'a>(
    transaction: &mut Transaction,
    ordered: &str,
    next_parameter: usize,
    bind: impl FnOnce(Statement<'a>) -> Statement<'a>,
    (offset, limit): (usize, usize),
) -> Result<Vec<String>, StoreError> {
    let sql = format!(
        "{ordered} LIMIT ${next_parameter} OFFSET ${}",
        next_parameter + 1
    );
    let ids: Vec<(String,)> = transaction
        .executor()
        .fetch_all(
            bind(Statement::new(sql))
                .integer(to_sql_integer(limit))
                .integer(to_sql_integer(offset)),
        )
        .await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
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

/// Every event's text tested, in the timeline's order. On SQLite, with dates and no actors, a
/// count with a cap may come from the index instead, when `phrase` lets it match the needle
/// (see [`count_through_index`]).
async fn scan(
    transaction: &mut Transaction,
    filters: &Filters<'_>,
    phrase: Option<&CommonPhrase>,
    Page {
        offset,
        limit,
        count,
    }: Page,
) -> Result<IdsAndTotal, StoreError> {
    let ids = page_ids(
        transaction,
        &format!(
            "SELECT event_id FROM event_texts WHERE {} ORDER BY earliest, latest, event_id",
            filters.condition
        ),
        filters.needle_parameter + 1,
        |statement| filters.bind(statement),
        (offset, limit),
    )
    .await?;
    if let (DatabaseKind::Sqlite, TimelineCount::UpTo(cap), Some(range), Some(phrase)) = (
        transaction.kind(),
        count,
        filters.range_without_actors(),
        phrase,
    ) {
        if let Some(expression) = filters.phrase_expression(&phrase.groups) {
            let counted =
                count_through_index(transaction, &expression, range, cap, phrase.holders).await?;
            if let Some(total) = counted {
                return Ok((ids, total));
            }
        }
    }
    let total = count_matches(
        transaction,
        count,
        &format!("SELECT 1 FROM event_texts WHERE {}", filters.condition),
        filters.needle_parameter + 1,
        |statement| filters.bind(statement),
    )
    .await?;
    Ok((ids, total))
}
