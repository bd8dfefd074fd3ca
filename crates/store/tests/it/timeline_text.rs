//! The timeline's text filter keeps exactly the events core keeps — the folded text anywhere
//! in the headline, the summary or a tag, never across two of them — in core's order, counted
//! and paged in SQL, whether SQL narrows by the text's words or tests every event.

use dossier_core::{Dossier, TimelineQuery};
use dossier_store::{Store, TimelineCount};

use crate::fixtures::{shipped, temp_store, Backend};
use crate::generated::{generated_dossier, with_long_and_open_dates};

/// Every event `query` keeps, read page by page, and the total the store reported.
async fn read_every_page(store: &Store, query: &TimelineQuery, page_size: usize) -> Vec<String> {
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = store
            .timeline(query, offset, page_size)
            .await
            .expect("timeline");
        if page.events.is_empty() {
            assert_eq!(page.total, seen.len(), "{query:?}: total");
            return seen;
        }
        offset += page.events.len();
        seen.extend(page.events.into_iter().map(|event| event.id.to_string()));
    }
}

/// Asserts that each needle, added to the filters of `within`, keeps core's events, page by
/// page and in the total; returns how many events they kept in all.
async fn assert_text_filters_as_core(
    store: &Store,
    dossier: &Dossier,
    within: &TimelineQuery,
    needles: &[&str],
) -> usize {
    let mut kept = 0;
    for needle in needles {
        let query = TimelineQuery {
            text: Some((*needle).to_owned()),
            ..within.clone()
        };
        let expected: Vec<String> = dossier
            .timeline(&query)
            .into_iter()
            .map(|event| event.id.to_string())
            .collect();
        assert_eq!(
            read_every_page(store, &query, 7).await,
            expected,
            "{needle:?}"
        );
        let first = store.timeline(&query, 0, 3).await.expect("timeline");
        assert_eq!(first.total, expected.len(), "{needle:?}");
        kept += expected.len();
    }
    kept
}

/// The shipped dossier with one event whose parts are known word by word: a text may be found
/// in the headline, the summary or a tag, but not across two of them.
fn dossier_with_known_parts() -> Dossier {
    let mut dossier = shipped().clone();
    let mut event = dossier.events[0].clone();
    event.id = dossier_core::EventId::new("known-parts").expect("valid id");
    event.headline = "Alpha Bravo".to_owned();
    event.summary = "Charlie Straße delta-echo".to_owned();
    event.tags = vec![
        "foxtrot".to_owned(),
        "golf hotel".to_owned(),
        "Курская область".to_owned(),
        "조선중앙통신".to_owned(),
    ];
    dossier.events.push(event);
    dossier
}

async fn the_text_is_found_within_one_part_only(backend: Backend) {
    let dossier = dossier_with_known_parts();
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let kept = |needle: &str| {
        let query = TimelineQuery {
            text: Some(needle.to_owned()),
            ..TimelineQuery::default()
        };
        let store = &store;
        async move {
            read_every_page(store, &query, 5)
                .await
                .contains(&"known-parts".to_owned())
        }
    };
    for inside in [
        "bravo",
        "ravo",
        "alpha bra",
        "pha bravo",
        "Straße",
        "delta echo",
        "lf ho",
    ] {
        assert!(kept(inside).await, "{inside:?}");
    }
    for across in ["bravo charlie", "echo foxtrot", "foxtrot golf"] {
        assert!(!kept(across).await, "{across:?}");
    }
    assert_text_filters_as_core(
        &store,
        &dossier,
        &TimelineQuery::default(),
        &[
            "a",
            "ch",
            "aße",
            "o c",
            "hotel",
            "Kúrsk",
            "golf h",
            "курск",
            "КУРСКАЯ",
            "ская обл",
            "중앙",
            "조선중앙통신",
            "alpha bravo",
            "bravo charlie",
            "delta echo",
            "echo foxtrot",
            "foxtrot golf",
            "golf hotel",
            "hotel курская",
            "straße delta ec",
        ],
    )
    .await;
}

async fn text_filters_on_the_shipped_dossier_keep_what_core_keeps(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
    store.import(shipped()).await.expect("import");
    assert_text_filters_as_core(
        &store,
        shipped(),
        &TimelineQuery::default(),
        &[
            "kursk",
            "ursk",
            "Kursk Region",
            "kursk reg",
            "rsk regi",
            "k",
            "un",
            "north korean troops",
            "orth korean troop",
            "korean troops were",
            "zzzz",
            "kursk zzzz",
            "🙂",
            "11,000",
        ],
    )
    .await;
}

async fn text_filters_on_a_large_timeline_keep_what_core_keeps(backend: Backend) {
    let dossier = generated_dossier(0, 400, 17);
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    // Words in every event, in some, in a few and in none; pieces of words; several words.
    assert_text_filters_as_core(
        &store,
        &dossier,
        &TimelineQuery::default(),
        &[
            "observers",
            "north korean units",
            "units hold",
            "kur",
            "yang",
            "pyongyang",
            "supply lines near",
            "ines near kh",
            "airfield",
            "a",
            "ne",
            "media",
            "nowhere at all",
        ],
    )
    .await;
    let query = TimelineQuery {
        text: Some("airfield".to_owned()),
        from: "2025".parse().ok(),
        actors: vec![dossier_core::ActorId::new("russia").expect("valid id")],
        ..TimelineQuery::default()
    };
    let expected: Vec<String> = dossier
        .timeline(&query)
        .into_iter()
        .map(|event| event.id.to_string())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(read_every_page(&store, &query, 4).await, expected);
    // Within dates, the index's phrase match stands in for the text test: words held apart,
    // or in two parts of an event's text, must not pass.
    let within = TimelineQuery {
        from: "2024-09".parse().ok(),
        to: "2025-02".parse().ok(),
        ..TimelineQuery::default()
    };
    let needles = [
        "units hold",
        "ines near kh",
        "supply lines near",
        "kur",
        "media",
    ];
    let kept = assert_text_filters_as_core(&store, &dossier, &within, &needles).await;
    assert!(kept > 20, "{kept}");
}

async fn dated_text_filters_keep_events_running_into_the_range(backend: Backend) {
    let dossier = with_long_and_open_dates(generated_dossier(0, 400, 23));
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let needles = [
        "units hold",
        "supply lines near",
        "kur",
        "airfield",
        "media",
    ];
    let date = |text: &str| text.parse().ok();
    let ranges = [
        (date("2024-11"), date("2025-01")),
        (date("2024-12-15"), None),
        (None, date("2024-10")),
        (date("2025-02-01"), date("2025-02-01")),
        // Events ending on the range's first day, having begun before it.
        (date("2025-04-28"), date("2025-04-30")),
        (date("2024-12-31"), None),
        // Reversed: core keeps the events spanning the gap between the two.
        (date("2025-03"), date("2024-11")),
        (date("1990"), date("1991")),
    ];
    let mut began_before = 0;
    for (from, to) in ranges {
        let within = TimelineQuery {
            from: from.clone(),
            to,
            ..TimelineQuery::default()
        };
        assert_text_filters_as_core(&store, &dossier, &within, &needles).await;
        let Some(from) = from else { continue };
        for needle in needles {
            let query = TimelineQuery {
                text: Some(needle.to_owned()),
                ..within.clone()
            };
            began_before += dossier
                .timeline(&query)
                .iter()
                .filter(|event| event.date.earliest() < from.earliest())
                .count();
        }
    }
    // The ranges cut through events: some kept ones began before the range.
    assert!(began_before > 10, "{began_before}");

    // A count stopped at its cap says so, and counts the events running into the range.
    let query = TimelineQuery {
        text: Some("units hold".to_owned()),
        from: date("2024-11"),
        to: date("2025-01"),
        ..TimelineQuery::default()
    };
    let expected = dossier.timeline(&query).len();
    assert!(expected > 4, "{expected}");
    for cap in [1, 3, expected - 1, expected, expected + 5] {
        assert_counted_to_cap(&store, &dossier, &query, cap).await;
    }
}

/// Checks the first page of `query` against core, and its total counted up to `cap`: a total
/// reported as a lower bound is the cap, with more events kept than that.
async fn assert_counted_to_cap(
    store: &Store,
    dossier: &Dossier,
    query: &TimelineQuery,
    cap: usize,
) {
    let expected: Vec<String> = dossier
        .timeline(query)
        .into_iter()
        .map(|event| event.id.to_string())
        .collect();
    let page = store
        .timeline_counting(query, 0, 5, TimelineCount::UpTo(cap))
        .await
        .expect("timeline");
    let shown: Vec<String> = page
        .events
        .iter()
        .map(|event| event.id.to_string())
        .collect();
    assert_eq!(shown, expected[..expected.len().min(5)], "{query:?}");
    // The count may also be exact (PostgreSQL has every candidate in hand).
    if page.total_is_lower_bound {
        assert_eq!(page.total, cap, "{query:?}, cap {cap}");
        assert!(expected.len() > cap, "{query:?}, cap {cap}");
    } else {
        assert_eq!(page.total, expected.len(), "{query:?}, cap {cap}");
    }
}

/// A text in most events is found by testing every event's text (reading its index would cost
/// more); within dates its count still stops at the cap, and only past it.
async fn a_common_text_within_dates_is_counted_to_the_cap(backend: Backend) {
    let dossier = with_long_and_open_dates(generated_dossier(0, 2_500, 29));
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    let date = |text: &str| text.parse().ok();
    for (from, to) in [
        (date("2024-11"), date("2025-01")),
        (date("2025-03"), None),
        (date("2024-12-31"), date("2025-04-28")),
        // Nothing runs into a range open at its start: every kept event begins within it.
        (None, date("2024-10")),
    ] {
        let query = TimelineQuery {
            text: Some("observers reported".to_owned()),
            from,
            to,
            ..TimelineQuery::default()
        };
        let kept = dossier.timeline(&query).len();
        assert!(kept > 100, "{kept}");
        for cap in [1, kept / 3, kept - 1, kept, kept + 1] {
            assert_counted_to_cap(&store, &dossier, &query, cap).await;
        }
    }
}

on_both_backends!(
    the_text_is_found_within_one_part_only,
    a_common_text_within_dates_is_counted_to_the_cap,
    dated_text_filters_keep_events_running_into_the_range,
    text_filters_on_the_shipped_dossier_keep_what_core_keeps,
    text_filters_on_a_large_timeline_keep_what_core_keeps,
);
