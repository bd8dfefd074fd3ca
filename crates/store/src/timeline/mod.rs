//! The timeline: events kept by date bounds, actors and text, in core's chronological order,
//! one page at a time. SQL's `WHERE` and `ORDER BY` are exactly core's rules, so SQL filters,
//! pages and counts (as far as the caller asks); an actor filter reads each actor's links in
//! date order and merges them; a text filter reads each event's folded text (`text.rs`).

mod event_texts;
mod narrowing;
mod text;
mod text_in_range;

pub(crate) use event_texts::write_event_texts;

use event_texts::event_count;

use std::collections::HashMap;

use dossier_core::text::fold;
use dossier_core::timeline::TimelineQuery;
use dossier_core::{Day, Event};

use crate::backend::{DatabaseKind, Statement, Transaction};
use crate::connection::Store;
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::payload::decode_rows;
use crate::records::{records_by_ids, Table};

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
    /// `SELECT count(*)` of the rows `rows` selects (one a match), stopping at the limit (its
    /// one more row tells "more than the limit" apart) and binding that at `$parameter`.
    /// `None` when nothing is counted.
    fn sql(self, rows: &str, parameter: usize) -> Option<(String, Option<i64>)> {
        match self {
            Self::Exact => Some((format!("SELECT count(*) FROM ({rows}) AS counted"), None)),
            Self::UpTo(limit) => Some((
                format!("SELECT count(*) FROM ({rows} LIMIT ${parameter}) AS counted"),
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

/// Runs the count `count` asks for (see [`TimelineCount::sql`]) of the rows `rows` selects,
/// with its parameters bound by `bind` and the limit, if any, at `next_parameter`.
async fn count_matches<'a>(
    transaction: &mut Transaction,
    count: TimelineCount,
    rows: &str,
    next_parameter: usize,
    bind: impl FnOnce(Statement<'a>) -> Statement<'a>,
) -> Result<(usize, bool), StoreError> {
    let counted = count_rows(transaction, count, rows, next_parameter, bind).await?;
    Ok(count.total(counted.unwrap_or(0)))
}

/// The rows [`count_matches`] counts, as counted (up to one past a limit); `None` when `count`
/// asks for no count.
async fn count_rows<'a>(
    transaction: &mut Transaction,
    count: TimelineCount,
    rows: &str,
    next_parameter: usize,
    bind: impl FnOnce(Statement<'a>) -> Statement<'a>,
) -> Result<Option<i64>, StoreError> {
    let Some((sql, limit)) = count.sql(rows, next_parameter) else {
        return Ok(None);
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
    Ok(Some(counted))
}

/// The events with `ids`, in the order of `ids`.
async fn events_in_order(
    transaction: &mut Transaction,
    ids: &[String],
) -> Result<Vec<Event>, StoreError> {
    let mut events: Vec<Event> = records_by_ids(transaction.executor(), Table::Events, ids).await?;
    let order: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(position, id)| (id.as_str(), position))
        .collect();
    events.sort_by_key(|event| order.get(event.id.as_str()).copied());
    Ok(events)
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

/// The first and last day numbers of `query`'s range, as [`date_and_actor_condition`] reads
/// them (the earliest and latest days there are when a side is open).
fn day_range(query: &TimelineQuery) -> (i64, i64) {
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
    (from_day, to_day)
}

/// `statement` with the arguments of [`date_and_actor_condition`].
fn bind_filters<'a>(
    statement: Statement<'a>,
    query: &TimelineQuery,
    actors: &[&str],
) -> Statement<'a> {
    let (from_day, to_day) = day_range(query);
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
            None if !actors.is_empty() => {
                page_of_actors(&mut transaction, query, &actors, offset, limit, count).await?
            }
            None => page_in_sql(&mut transaction, query, offset, limit, count).await?,
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

/// Without a text filter or actors: SQL's filter and `ORDER BY earliest, latest, id` are
/// core's, so only the page is read and decoded.
async fn page_in_sql(
    transaction: &mut Transaction,
    query: &TimelineQuery,
    offset: usize,
    limit: usize,
    count: TimelineCount,
) -> Result<TimelinePage, StoreError> {
    let kind = transaction.kind();
    let condition = date_and_actor_condition(kind, "id", false);
    let sql = format!(
        "SELECT id, payload FROM events WHERE {condition} \
         ORDER BY earliest, latest, id LIMIT $3 OFFSET $4"
    );
    let rows = transaction
        .executor()
        .fetch_all(
            bind_filters(Statement::new(sql), query, &[])
                .integer(to_sql_integer(limit))
                .integer(to_sql_integer(offset)),
        )
        .await?;
    let events: Vec<Event> = decode_rows(Table::Events.kind(), rows)?;
    let (total, total_is_lower_bound) = if query.from.is_none() && query.to.is_none() {
        // Every event: their number is cheap to read, so it is exact at any size.
        match count {
            TimelineCount::Skip => count.total(0),
            TimelineCount::Exact | TimelineCount::UpTo(_) => {
                TimelineCount::Exact.total(event_count(transaction).await?)
            }
        }
    } else {
        count_matches(
            transaction,
            count,
            &format!("SELECT 1 FROM events WHERE {condition}"),
            3,
            |statement| bind_filters(statement, query, &[]),
        )
        .await?
    };
    Ok(TimelinePage {
        events,
        total,
        total_is_lower_bound,
    })
}

/// With actors and no text: `event_actors_by_actor_and_date` lists each actor's events in the
/// timeline's order, so for each actor SQL reads only as far as the page reaches, and the
/// actors' lists are merged here (one event may involve several actors of a family).
async fn page_of_actors(
    transaction: &mut Transaction,
    query: &TimelineQuery,
    actors: &[&str],
    offset: usize,
    limit: usize,
    count: TimelineCount,
) -> Result<TimelinePage, StoreError> {
    let reach = offset.saturating_add(limit);
    let mut rows: Vec<(i64, i64, String)> = Vec::new();
    for actor in actors {
        let found: Vec<(String, i64, i64)> = transaction
            .executor()
            .fetch_all(
                bind_filters(
                    Statement::new(
                        "SELECT event_id, earliest, latest FROM event_actors \
                         WHERE actor_id = $3 AND latest >= $1 AND earliest <= $2 \
                         ORDER BY earliest, latest, event_id LIMIT $4",
                    ),
                    query,
                    &[],
                )
                .text(*actor)
                .integer(to_sql_integer(reach)),
            )
            .await?;
        rows.extend(
            found
                .into_iter()
                .map(|(id, earliest, latest)| (earliest, latest, id)),
        );
    }
    // Core's order: date bounds, then id.
    rows.sort();
    rows.dedup();
    let ids: Vec<String> = rows
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(_, _, id)| id)
        .collect();
    let events = events_in_order(transaction, &ids).await?;
    // One actor links to an event once; a family may share events, counted once.
    let distinct = if actors.len() > 1 { "DISTINCT " } else { "" };
    let (total, total_is_lower_bound) = count_matches(
        transaction,
        count,
        &format!(
            "SELECT {distinct}event_id FROM event_actors \
             WHERE latest >= $1 AND earliest <= $2 AND {}",
            transaction.kind().one_of("actor_id", "$3")
        ),
        4,
        |statement| bind_filters(statement, query, actors),
    )
    .await?;
    Ok(TimelinePage {
        events,
        total,
        total_is_lower_bound,
    })
}
