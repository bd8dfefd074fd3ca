//! The timeline: events kept by date bounds, actors and text, in core's chronological order,
//! one page at a time. SQL's `WHERE` and `ORDER BY` are exactly core's rules, so SQL filters,
//! pages and counts; a text filter reads each event's folded text (`text.rs`).

mod text;

pub(crate) use text::write_event_texts;

use dossier_core::text::fold;
use dossier_core::timeline::TimelineQuery;
use dossier_core::{Day, Event};

use crate::backend::{DatabaseKind, Statement, Transaction};
use crate::connection::Store;
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::payload::decode_rows;
use crate::records::Table;

/// One page of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePage {
    /// The events on this page, in chronological order.
    pub events: Vec<Event>,
    /// How many events match the query in all, or, when `total_is_lower_bound`, how many were
    /// counted before the count limit asked for stopped the counting.
    pub total: usize,
    /// True when more than `total` events may match: counting stopped at the limit.
    pub total_is_lower_bound: bool,
}

/// How far to count the events a timeline query keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineCount {
    /// Every match, however many (linear in the matches).
    Exact,
    /// At most this many; beyond it the total is reported as a lower bound. A date filter on a
    /// million events keeps hundreds of thousands, and counting them all costs more than the
    /// page itself.
    UpTo(usize),
    /// Not at all: the caller already knows the total (a later page of the same answer).
    Skip,
}

impl TimelineCount {
    /// `SELECT count(*)` of the rows `from_where` selects (`"events WHERE …"`), stopping at the
    /// limit (its one more row tells "more than the limit" apart) and binding that at
    /// `$parameter`. `None` when nothing is counted.
    fn sql(self, from_where: &str, parameter: usize) -> Option<(String, Option<i64>)> {
        match self {
            Self::Exact => Some((
                format!("SELECT CAST(count(*) AS BIGINT) FROM {from_where}"),
                None,
            )),
            Self::UpTo(limit) => Some((
                format!(
                    "SELECT CAST(count(*) AS BIGINT) FROM \
                     (SELECT 1 FROM {from_where} LIMIT ${parameter}) AS counted"
                ),
                Some(to_sql_integer(limit).saturating_add(1)),
            )),
            Self::Skip => None,
        }
    }

    /// The page's total and whether it is a lower bound, from the rows counted.
    fn total(self, counted: i64) -> (usize, bool) {
        let counted = usize::try_from(counted).unwrap_or(0);
        match self {
            Self::Exact => (counted, false),
            Self::UpTo(limit) if counted > limit => (limit, true),
            Self::UpTo(_) => (counted, false),
            Self::Skip => (0, true),
        }
    }

    /// [`TimelineCount::total`] of rows already in hand.
    fn of_rows(self, rows: usize) -> (usize, bool) {
        self.total(i64::try_from(rows).unwrap_or(i64::MAX))
    }
}

/// Runs the count `count` asks for (see [`TimelineCount::sql`]) with the filters bound by `bind`.
async fn count_matches<'a>(
    transaction: &mut Transaction,
    count: TimelineCount,
    from_where: &str,
    next_parameter: usize,
    bind: impl FnOnce(Statement<'a>) -> Statement<'a>,
) -> Result<(usize, bool), StoreError> {
    let Some((sql, limit)) = count.sql(from_where, next_parameter) else {
        return Ok(count.total(0));
    };
    let mut statement = bind(Statement::new(sql));
    if let Some(limit) = limit {
        statement = statement.integer(limit);
    }
    let counted: i64 = transaction
        .executor()
        .fetch_optional_value(statement)
        .await?
        .unwrap_or(0);
    Ok(count.total(counted))
}

/// The `WHERE` of core's date and actor filters on a table of events whose id is `id_column`,
/// on `$1` (first day), `$2` (last day) and, when there are actors, `$3` (their ids). Day
/// numbers keep date order, so `latest >= first day` is core's "not over before the range
/// starts", and likewise for the end.
fn date_and_actor_condition(kind: DatabaseKind, id_column: &str, has_actors: bool) -> String {
    let mut condition = "latest >= $1 AND earliest <= $2".to_owned();
    if has_actors {
        condition.push_str(&format!(
            " AND {id_column} IN (SELECT event_id FROM event_actors WHERE {})",
            kind.one_of("actor_id", "$3")
        ));
    }
    condition
}

/// `statement` with the arguments of [`date_and_actor_condition`].
fn bind_filters<'a>(
    statement: Statement<'a>,
    query: &TimelineQuery,
    actors: &[&str],
) -> Statement<'a> {
    let from_day = query
        .from
        .as_ref()
        .map_or(Day::MIN, dossier_core::Edtf::earliest)
        .day_number();
    let to_day = query
        .to
        .as_ref()
        .map_or(Day::MAX, dossier_core::Edtf::latest)
        .day_number();
    let statement = statement.integer(from_day).integer(to_day);
    if actors.is_empty() {
        statement
    } else {
        statement.text_list(actors)
    }
}

/// The folded text filter of `query`, unless it keeps every event.
fn text_filter(query: &TimelineQuery) -> Option<String> {
    query
        .text
        .as_deref()
        .map(fold)
        .filter(|needle| !needle.is_empty())
}

impl Store {
    /// The events `query` keeps (core's [`dossier_core::timeline::event_matches`]: date bounds overlapping the range,
    /// any of the actors, folded text), in core's [`dossier_core::timeline::chronological`] order, skipping `offset`
    /// and returning at most `limit`, with the total count.
    pub async fn timeline(
        &self,
        query: &TimelineQuery,
        offset: usize,
        limit: usize,
    ) -> Result<TimelinePage, StoreError> {
        self.timeline_counting(query, offset, limit, TimelineCount::Exact)
            .await
    }

    /// [`Store::timeline`], counting the matches only as far as `count` says.
    pub async fn timeline_counting(
        &self,
        query: &TimelineQuery,
        offset: usize,
        limit: usize,
        count: TimelineCount,
    ) -> Result<TimelinePage, StoreError> {
        let actors: Vec<&str> = query.actors.iter().map(|actor| actor.as_str()).collect();
        // One snapshot: the page and the total describe the same dossier.
        let mut transaction = self.backend.read().await?;
        let page = match text_filter(query) {
            None => page_in_sql(&mut transaction, query, &actors, offset, limit, count).await?,
            Some(needle) => {
                let page = text::Page {
                    offset,
                    limit,
                    count,
                };
                text::page_with_text(&mut transaction, query, &actors, &needle, page).await?
            }
        };
        transaction.commit().await?;
        Ok(page)
    }
}

/// Without a text filter: SQL's filter and `ORDER BY earliest, latest, id` are core's, so only
/// the page is read and decoded.
async fn page_in_sql(
    transaction: &mut Transaction,
    query: &TimelineQuery,
    actors: &[&str],
    offset: usize,
    limit: usize,
    count: TimelineCount,
) -> Result<TimelinePage, StoreError> {
    let kind = transaction.kind();
    let condition = date_and_actor_condition(kind, "id", !actors.is_empty());
    let next = if actors.is_empty() { 3 } else { 4 };
    let sql = format!(
        "SELECT id, payload FROM events WHERE {condition} \
         ORDER BY earliest, latest, id LIMIT ${next} OFFSET ${}",
        next + 1
    );
    let rows = transaction
        .executor()
        .fetch_all(
            bind_filters(Statement::new(sql), query, actors)
                .integer(to_sql_integer(limit))
                .integer(to_sql_integer(offset)),
        )
        .await?;
    let events: Vec<Event> = decode_rows(Table::Events.kind(), rows)?;
    let unfiltered = query.from.is_none() && query.to.is_none() && actors.is_empty();
    let (total, total_is_lower_bound) = if unfiltered {
        // Every event: counting the table is cheap, so the count is exact at any size.
        let count = if count == TimelineCount::Skip {
            TimelineCount::Skip
        } else {
            TimelineCount::Exact
        };
        count_matches(transaction, count, "events", 1, |statement| statement).await?
    } else {
        count_matches(
            transaction,
            count,
            &format!("events WHERE {condition}"),
            next,
            |statement| bind_filters(statement, query, actors),
        )
        .await?
    };
    Ok(TimelinePage {
        events,
        total,
        total_is_lower_bound,
    })
}
