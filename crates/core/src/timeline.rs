//! The timeline: events filtered by date range (overlap of EDTF bounds), actors and text, in a
//! stable chronological order.

use std::cmp::Ordering;

use crate::edtf::Edtf;
use crate::id::ActorId;
use crate::model::{Dossier, Event};
use crate::text::fold;

/// What to keep on a timeline; the default keeps every event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineQuery {
    /// Keep events that may have happened on or after the start of this date.
    pub from: Option<Edtf>,
    /// Keep events that may have happened on or before the end of this date.
    pub to: Option<Edtf>,
    /// Keep events involving any of these actors (pass an already expanded
    /// [`Dossier::actor_family`]); empty keeps all.
    pub actors: Vec<ActorId>,
    /// Keep events whose headline, summary or tags contain this text (folded).
    pub text: Option<String>,
}

/// True when `event` passes every filter of `query`. A date filter keeps an event whose bounds
/// overlap the range, so "Jan–Feb 2025" is kept for `from = 2025-02-15`.
pub fn event_matches(event: &Event, query: &TimelineQuery) -> bool {
    if let Some(from) = &query.from {
        if event.date.latest() < from.earliest() {
            return false;
        }
    }
    if let Some(to) = &query.to {
        if event.date.earliest() > to.latest() {
            return false;
        }
    }
    if !query.actors.is_empty()
        && !event
            .actors
            .iter()
            .any(|actor| query.actors.contains(actor))
    {
        return false;
    }
    match query.text.as_deref().map(fold) {
        Some(needle) if !needle.is_empty() => {
            let haystack = std::iter::once(event.headline.as_str())
                .chain([event.summary.as_str()])
                .chain(event.tags.iter().map(String::as_str))
                .map(fold)
                .collect::<Vec<_>>()
                .join(" | ");
            haystack.contains(&needle)
        }
        _ => true,
    }
}

/// Chronological order: by earliest day, then latest day (the more precise first), then id.
pub fn chronological(a: &Event, b: &Event) -> Ordering {
    compare_dates(&a.date, &b.date).then_with(|| a.id.cmp(&b.id))
}

/// Orders dates by earliest day, then latest day.
pub fn compare_dates(a: &Edtf, b: &Edtf) -> Ordering {
    a.earliest()
        .cmp(&b.earliest())
        .then_with(|| a.latest().cmp(&b.latest()))
}

impl Dossier {
    /// The events `query` keeps, in [`chronological`] order.
    pub fn timeline(&self, query: &TimelineQuery) -> Vec<&Event> {
        let mut events: Vec<&Event> = self
            .events
            .iter()
            .filter(|event| event_matches(event, query))
            .collect();
        events.sort_by(|a, b| chronological(a, b));
        events
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ActorKind;
    use crate::test_dossier::{date, DossierBuilder};

    use super::*;

    fn dossier() -> Dossier {
        DossierBuilder::new()
            .actor("north-korea", "North Korea", ActorKind::State, &[], None)
            .actor("russia", "Russia", ActorKind::State, &[], None)
            .actor("ukraine", "Ukraine", ActorKind::State, &[], None)
            // Deliberately out of order.
            .event(
                "kcna-confirms",
                "2025-04-28",
                "KCNA confirms the deployment",
                &["north-korea"],
            )
            .event(
                "treaty",
                "2024-06",
                "Treaty signed in Pyongyang",
                &["north-korea", "russia"],
            )
            .event(
                "kursk-incursion",
                "2024-08",
                "Ukraine enters Kursk",
                &["ukraine"],
            )
            .event(
                "first-combat",
                "2024-10~/2024-12~",
                "First combat reported",
                &["north-korea"],
            )
            .event(
                "korean-war",
                "1950/1953",
                "The Korean War",
                &["north-korea"],
            )
            .event(
                "treaty-ratified",
                "2024-06-19",
                "Treaty ratified",
                &["russia"],
            )
            .event(
                "winter-fighting",
                "2025-01/2025-02",
                "Fighting in Kursk",
                &["north-korea", "ukraine"],
            )
            .event(
                "gerasimov",
                "2025-04-26",
                "Russia announces Kursk retaken",
                &["russia"],
            )
            .edit(|dossier| dossier.events[1].tags = vec!["context".to_owned()])
            .build()
    }

    fn ids(events: &[&Event]) -> Vec<String> {
        events.iter().map(|event| event.id.to_string()).collect()
    }

    fn query() -> TimelineQuery {
        TimelineQuery::default()
    }

    #[test]
    fn whole_timeline_is_chronological_and_stable() {
        let dossier = dossier();
        let all = dossier.timeline(&query());
        assert_eq!(
            ids(&all),
            [
                "korean-war",
                "treaty",
                "treaty-ratified",
                "kursk-incursion",
                "first-combat",
                "winter-fighting",
                "gerasimov",
                "kcna-confirms"
            ]
        );
        let mut reversed = dossier.clone();
        reversed.events.reverse();
        assert_eq!(ids(&reversed.timeline(&query())), ids(&all));
    }

    #[test]
    fn same_start_orders_precise_first_then_by_id() {
        let dossier = DossierBuilder::new()
            .event("b-month", "2024-06", "Month", &[])
            .event("a-month", "2024-06", "Month too", &[])
            .event("day", "2024-06-01", "Day", &[])
            .build();
        assert_eq!(
            ids(&dossier.timeline(&query())),
            ["day", "a-month", "b-month"]
        );
    }

    #[test]
    fn date_range_keeps_overlapping_events() {
        let dossier = dossier();
        let range = TimelineQuery {
            from: Some(date("2025-02-15")),
            to: Some(date("2025-04-27")),
            ..query()
        };
        assert_eq!(
            ids(&dossier.timeline(&range)),
            ["winter-fighting", "gerasimov"]
        );

        // A month-precise bound covers the whole month.
        let june = TimelineQuery {
            from: Some(date("2024-06")),
            to: Some(date("2024-06")),
            ..query()
        };
        assert_eq!(ids(&dossier.timeline(&june)), ["treaty", "treaty-ratified"]);

        // "Late 2024" overlaps November; the August incursion does not.
        let november = TimelineQuery {
            from: Some(date("2024-11-15")),
            to: Some(date("2024-11-30")),
            ..query()
        };
        assert_eq!(ids(&dossier.timeline(&november)), ["first-combat"]);

        let since = TimelineQuery {
            from: Some(date("2025-04")),
            ..query()
        };
        assert_eq!(
            ids(&dossier.timeline(&since)),
            ["gerasimov", "kcna-confirms"]
        );
        let until = TimelineQuery {
            to: Some(date("1999")),
            ..query()
        };
        assert_eq!(ids(&dossier.timeline(&until)), ["korean-war"]);
    }

    #[test]
    fn actor_and_text_filters_combine() {
        let dossier = dossier();
        let russia = TimelineQuery {
            actors: vec![ActorId::new("russia").unwrap()],
            ..query()
        };
        assert_eq!(
            ids(&dossier.timeline(&russia)),
            ["treaty", "treaty-ratified", "gerasimov"]
        );

        let kursk = TimelineQuery {
            text: Some("KURSK".to_owned()),
            ..query()
        };
        assert_eq!(
            ids(&dossier.timeline(&kursk)),
            ["kursk-incursion", "winter-fighting", "gerasimov"]
        );

        let both = TimelineQuery {
            text: Some("kursk".to_owned()),
            actors: vec![ActorId::new("north-korea").unwrap()],
            ..query()
        };
        assert_eq!(ids(&dossier.timeline(&both)), ["winter-fighting"]);

        let tagged = TimelineQuery {
            text: Some("Context".to_owned()),
            ..query()
        };
        assert_eq!(ids(&dossier.timeline(&tagged)), ["treaty"]);

        let nothing = TimelineQuery {
            text: Some("submarine".to_owned()),
            ..query()
        };
        assert!(dossier.timeline(&nothing).is_empty());
    }
}
