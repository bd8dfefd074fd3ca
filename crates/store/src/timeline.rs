//! The timeline: candidate events by date bounds and actors from the indexes, then core's
//! filter and chronological order, then one page.

use dossier_core::timeline::{chronological, event_matches, TimelineQuery};
use dossier_core::{Day, Event};

use crate::backend::Statement;
use crate::connection::Store;
use crate::error::StoreError;
use crate::payload::decode_rows;
use crate::records::Table;

/// One page of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePage {
    /// The events on this page, in chronological order.
    pub events: Vec<Event>,
    /// How many events match the query in all.
    pub total: usize,
}

impl Store {
    /// The events `query` keeps (core's [`event_matches`]: date bounds overlapping the range,
    /// any of the actors, folded text), in core's [`chronological`] order, skipping `offset`
    /// and returning at most `limit`, with the total count.
    pub async fn timeline(
        &self,
        query: &TimelineQuery,
        offset: usize,
        limit: usize,
    ) -> Result<TimelinePage, StoreError> {
        // Narrow with the indexes; core has the last word on what matches.
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
        let actors: Vec<&str> = query.actors.iter().map(|actor| actor.as_str()).collect();
        let executor = self.backend.executor();
        let sql = format!(
            "SELECT id, payload FROM events \
             WHERE latest >= $1 AND earliest <= $2 \
             AND ($3 = 0 OR EXISTS (SELECT 1 FROM event_actors \
                 WHERE event_actors.event_id = events.id AND {})) \
             ORDER BY earliest, latest, id",
            executor.kind().one_of("event_actors.actor_id", "$4")
        );
        let rows = executor
            .fetch_all(
                Statement::new(sql)
                    .integer(from_day)
                    .integer(to_day)
                    .integer(i64::from(!actors.is_empty()))
                    .text_list(&actors),
            )
            .await?;
        let mut events: Vec<Event> = decode_rows(Table::Events.kind(), rows)?;
        events.retain(|event| event_matches(event, query));
        events.sort_by(chronological);
        let total = events.len();
        let events = events.into_iter().skip(offset).take(limit).collect();
        Ok(TimelinePage { events, total })
    }
}
