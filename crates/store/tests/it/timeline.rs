//! The timeline's pages and counts from the database give what core's `timeline` gives on the
//! same dossier, however they are filtered, paged or tied.

use dossier_core::{Edtf, EventId, TimelineQuery};
use dossier_store::TimelineCount;

use crate::fixtures::{actor, loaded_store, shipped, temp_store, Backend};

fn date(text: &str) -> Edtf {
    text.parse().expect("valid EDTF")
}

fn timeline_queries() -> Vec<TimelineQuery> {
    let mut queries = vec![TimelineQuery::default()];
    for (from, to) in [
        (Some("2025-02-15"), None),
        (None, Some("2024")),
        (Some("2025-04-26"), Some("2025-04-27")),
        (Some("2025-03"), Some("2025-03")),
        (Some("1951"), Some("1951")),
        (Some("2030"), None),
    ] {
        queries.push(TimelineQuery {
            from: from.map(date),
            to: to.map(date),
            ..TimelineQuery::default()
        });
    }
    let family = shipped().actor_family(&actor("south-korea"));
    queries.push(TimelineQuery {
        actors: family,
        ..TimelineQuery::default()
    });
    queries.push(TimelineQuery {
        actors: vec![actor("russia"), actor("ukraine")],
        from: Some(date("2025")),
        ..TimelineQuery::default()
    });
    for text in ["kursk", "KCNA", "treaty", "nothing like this", "context"] {
        queries.push(TimelineQuery {
            text: Some(text.to_owned()),
            ..TimelineQuery::default()
        });
    }
    queries
}

async fn the_timeline_keeps_and_orders_events_as_core_does(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for query in timeline_queries() {
        let expected: Vec<_> = shipped().timeline(&query).into_iter().cloned().collect();
        let page = store.timeline(&query, 0, 1_000).await.expect("timeline");
        assert_eq!(page.events, expected, "{query:?}");
        assert_eq!(page.total, expected.len(), "{query:?}");
    }
}

async fn an_event_spanning_the_start_of_a_range_is_kept(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let query = TimelineQuery {
        from: Some(date("2025-02-15")),
        ..TimelineQuery::default()
    };
    let page = store.timeline(&query, 0, 100).await.expect("timeline");
    let ids: Vec<&str> = page.events.iter().map(|event| event.id.as_str()).collect();
    assert!(
        ids.contains(&"additional-deployments-early-2025"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"deployments-begin"), "{ids:?}");
}

async fn timeline_pages_cover_every_event_once(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let query = TimelineQuery::default();
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.timeline(&query, offset, 5).await.expect("timeline");
        assert_eq!(page.total, shipped().events.len());
        if page.events.is_empty() {
            break;
        }
        offset += page.events.len();
        seen.extend(page.events);
    }
    let expected: Vec<_> = shipped().timeline(&query).into_iter().cloned().collect();
    assert_eq!(seen, expected);
}

/// Counting only so far: a filter that keeps more events than the limit says "at least the
/// limit", a count that fits is exact, and the page itself never changes.
async fn a_count_limit_reports_a_lower_bound_and_the_same_page(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for query in timeline_queries() {
        let expected: Vec<_> = shipped().timeline(&query).into_iter().cloned().collect();
        let unfiltered = query == TimelineQuery::default();
        for limit in [1, 3, expected.len(), expected.len() + 5] {
            let page = store
                .timeline_counting(&query, 0, 4, TimelineCount::UpTo(limit))
                .await
                .expect("timeline");
            let first_four: Vec<_> = expected.iter().take(4).cloned().collect();
            assert_eq!(page.events, first_four, "{query:?} up to {limit}");
            if page.total_is_lower_bound {
                assert_eq!(page.total, limit, "{query:?}");
                assert!(expected.len() > limit, "{query:?}: stopped early");
            } else {
                assert_eq!(page.total, expected.len(), "{query:?} up to {limit}");
            }
            // Dates and actors are counted in SQL, so the limit binds them; the whole
            // dossier is always counted exactly.
            let date_or_actor_only = query.text.is_none() && !unfiltered;
            if date_or_actor_only && expected.len() > limit {
                assert!(page.total_is_lower_bound, "{query:?} up to {limit}");
            }
            if unfiltered {
                assert!(!page.total_is_lower_bound);
            }
        }
        let later = store
            .timeline_counting(&query, 2, 3, TimelineCount::Skip)
            .await
            .expect("timeline");
        let middle: Vec<_> = expected.iter().skip(2).take(3).cloned().collect();
        assert_eq!(later.events, middle, "{query:?} skipping the count");
    }
}

/// The shipped dossier with three copies of each event, sharing its dates, listed before it and
/// with ids that sort both before and after it: ties on both date bounds only the id breaks.
fn dossier_with_date_ties() -> dossier_core::Dossier {
    let mut dossier = shipped().clone();
    let originals = dossier.events.clone();
    for (index, original) in originals.iter().enumerate() {
        for prefix in ["zz", "aa", "mm"] {
            let mut copy = original.clone();
            copy.id = EventId::new(format!("{prefix}-copy-{index}")).expect("valid id");
            dossier.events.insert(0, copy);
        }
    }
    dossier
}

async fn timeline_pages_break_date_ties_by_id_as_core_does(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
    let dossier = dossier_with_date_ties();
    store.import(&dossier).await.expect("import");
    let queries = [
        TimelineQuery::default(),
        TimelineQuery {
            from: Some(date("2024")),
            to: Some(date("2025-03")),
            ..TimelineQuery::default()
        },
        TimelineQuery {
            actors: vec![actor("russia")],
            ..TimelineQuery::default()
        },
        TimelineQuery {
            text: Some("Kursk".to_owned()),
            ..TimelineQuery::default()
        },
    ];
    for query in queries {
        let expected: Vec<_> = dossier.timeline(&query).into_iter().cloned().collect();
        assert!(expected.len() > 3, "{query:?} keeps too few events to page");
        for page_size in [1, 2, 5] {
            let mut seen = Vec::new();
            let mut offset = 0;
            loop {
                let page = store
                    .timeline(&query, offset, page_size)
                    .await
                    .expect("timeline");
                assert_eq!(page.total, expected.len(), "{query:?}");
                if page.events.is_empty() {
                    break;
                }
                assert!(page.events.len() <= page_size);
                offset += page.events.len();
                seen.extend(page.events);
            }
            assert_eq!(seen, expected, "{query:?}, pages of {page_size}");
        }
    }
}

on_both_backends!(
    the_timeline_keeps_and_orders_events_as_core_does,
    an_event_spanning_the_start_of_a_range_is_kept,
    timeline_pages_cover_every_event_once,
    a_count_limit_reports_a_lower_bound_and_the_same_page,
    timeline_pages_break_date_ties_by_id_as_core_does,
);
