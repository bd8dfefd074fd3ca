//! Hostile and oversized data: every answer must still fit Discord and lose nothing silently.

use dossier_core::{compare, Figure, MatchKind};

use crate::render::escape::contains_mention;
use crate::render::fixtures;
use crate::render::{self, limits, Page, References};

const HOSTILE: &str = "@everyone @here <@123456> <@!42> <@&987> **bold** `tick` ||spoiler||";

fn all_within_limits(pages: &[Page]) -> bool {
    pages.iter().all(Page::within_limits)
}

fn all_text(pages: &[Page]) -> String {
    serde_json::to_string(pages).unwrap_or_default()
}

#[test]
fn a_ten_kilobyte_definition_is_paged_with_nothing_lost() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    let mut term = fixtures::kcna();
    term.definition = (0..1000)
        .map(|i| format!("w{i:04}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(term.definition.len() >= 5000);
    term.definition = format!("{0} {0}", term.definition);
    assert!(term.definition.len() >= 10_000);
    let pages = render::definition(
        &term,
        MatchKind::Exact,
        "KCNA",
        &[],
        References::new(&sources, &actors),
    );
    assert!(pages.len() >= 4, "{} pages", pages.len());
    assert!(all_within_limits(&pages));
    let shown: Vec<&str> = pages
        .iter()
        .flat_map(|page| page.embeds[0].description.split_whitespace())
        .filter(|word| *word != "…")
        .collect();
    assert_eq!(
        shown.join(" "),
        term.definition,
        "every word appears once, in order"
    );
    assert_eq!(
        pages[3].embeds[0]
            .footer
            .as_deref()
            .map(|f| f.starts_with("Page 4/")),
        Some(true)
    );
}

#[test]
fn a_thousand_events_page_without_loss() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    let events: Vec<_> = (0..1000)
        .map(|i| {
            fixtures::event(
                &format!("event-{i}"),
                "2025-01/2025-02",
                &format!("Headline {i} {}", "long ".repeat(80)),
                &"summary text ".repeat(200),
            )
        })
        .collect();
    let pages = render::timeline(
        &events,
        1000,
        &Default::default(),
        References::new(&sources, &actors),
    );
    assert!(all_within_limits(&pages));
    let shown: usize = pages.iter().map(|page| page.embeds[0].fields.len()).sum();
    assert_eq!(shown, 1000);
    let last = pages.len();
    assert_eq!(
        pages[last - 1].embeds[0]
            .footer
            .as_deref()
            .map(|f| f.starts_with(&format!("Page {last}/{last}"))),
        Some(true)
    );
}

#[test]
fn a_long_heading_leaves_room_for_fewer_events_and_drops_none() {
    let (mut sources, actors) = (fixtures::sources(), fixtures::actors());
    sources.truncate(1);
    sources[0].publisher = "Publisher ".repeat(300);
    let heading = render::TimelineHeading {
        filters: render::TimelineFilters {
            actor: Some("*".repeat(100)),
            text: Some("_".repeat(100)),
            ..Default::default()
        },
        matched: 10_000,
        matched_at_least: true,
        shown: 1000,
    };
    let layout = render::TimelineLayout::new(&heading, References::new(&sources, &actors));
    let per_page = layout.events_per_page();
    assert!(
        (1..render::MOST_EVENTS_PER_PAGE).contains(&per_page),
        "{per_page} events a page under a long heading"
    );
    assert_eq!(layout.pages(), 1000_usize.div_ceil(per_page));
    // The widest events there can be: every character escaped, the longest id.
    let events: Vec<_> = (0..per_page)
        .map(|i| {
            fixtures::event(
                &format!("{i}{}", "e".repeat(63)),
                "2025-01/2025-02",
                &"*".repeat(400),
                &"_".repeat(2000),
            )
        })
        .collect();
    for index in [0, 1, layout.pages() - 1] {
        let page = layout.page(index, &events);
        assert!(page.within_limits(), "page {index}");
        assert_eq!(page.embeds[0].fields.len(), per_page, "no event dropped");
        let footer = page.embeds[0].footer.clone().unwrap_or_default();
        assert!(
            footer.starts_with(&format!("Page {}/{} · ", index + 1, layout.pages())),
            "{footer}"
        );
    }
}

#[test]
fn two_hundred_estimates_for_one_measure_all_appear() {
    let (sources, actors, measure) = (fixtures::sources(), fixtures::actors(), fixtures::measure());
    let estimates: Vec<_> = (0..200)
        .map(|i| {
            let mut estimate = fixtures::estimate(
                &format!("estimate-{i}"),
                Figure::Range(1000 + i, 2000 + i * 10),
                Some(if i % 2 == 0 { "nis" } else { "us-intelligence" }),
                Some("2025-03"),
            );
            estimate.note = Some("caveat ".repeat(100));
            estimate
        })
        .collect();
    let comparison = compare(&measure, estimates.iter().collect());
    let pages = render::estimates_for_measure(&comparison, References::new(&sources, &actors));
    assert!(all_within_limits(&pages));
    let shown: usize = pages.iter().map(|page| page.embeds[0].fields.len()).sum();
    assert_eq!(shown, 200);
    assert!(pages[0].embeds[0].description.contains("Sources disagree"));
}

#[test]
fn mentions_in_data_and_queries_never_survive() {
    let (sources, mut actors) = (fixtures::sources(), fixtures::actors());
    actors[0].name = HOSTILE.to_owned();
    let references = References::new(&sources, &actors);
    let mut events = fixtures::events();
    for event in &mut events {
        event.headline = HOSTILE.to_owned();
        event.summary = HOSTILE.to_owned();
        event.tags = vec![HOSTILE.to_owned()];
    }
    let mut term = fixtures::kcna();
    term.name = HOSTILE.to_owned();
    term.definition = HOSTILE.to_owned();
    let mut claims = fixtures::claims();
    claims[0].statement = HOSTILE.to_owned();
    let filters = render::TimelineFilters {
        text: Some(HOSTILE.to_owned()),
        actor: Some(HOSTILE.to_owned()),
        ..Default::default()
    };
    let hit = render::SearchResult {
        kind: "Event".to_owned(),
        title: HOSTILE.to_owned(),
        snippet: HOSTILE.to_owned(),
        highlight: None,
        open_with: Some("/event id:first-deployment @everyone".to_owned()),
    };
    let mut pages = vec![render::event(&events[0], references)];
    pages.extend(render::timeline(&events, 3, &filters, references));
    pages.extend(render::definition(
        &term,
        MatchKind::Exact,
        HOSTILE,
        &[term.clone()],
        references,
    ));
    pages.extend(render::glossary(&[term.clone()], references));
    pages.extend(render::claims(&claims, &claims, Some(HOSTILE), references));
    pages.extend(render::search(HOSTILE, &[hit], references));
    pages.push(render::not_found(
        "term",
        HOSTILE,
        &[HOSTILE.to_owned()],
        "`/glossary`",
    ));
    let text = all_text(&pages);
    assert!(!contains_mention(&text), "a mention survived: {text}");
    assert!(
        !text.contains("**bold**"),
        "markdown from data was not escaped"
    );
    let choices = render::choices([(HOSTILE.to_owned(), "kcna".to_owned())]);
    assert!(!contains_mention(&choices[0].name));
}

#[test]
fn an_oversized_search_query_is_trimmed_in_the_reply() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    let query = "kursk ".repeat(2000);
    let pages = render::search(&query, &[], References::new(&sources, &actors));
    assert!(all_within_limits(&pages));
    assert!(limits::length(&pages[0].embeds[0].description) < 600);
}

#[test]
fn forty_oversized_search_hits_fill_their_pages_with_none_dropped() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    // Every character of the data needs escaping, so escaped text is twice as long; bold
    // markers mark every other word of the snippet.
    let marked = |n: usize| {
        (0..400)
            .map(|i| {
                if i % 2 == 0 {
                    format!("<b>*{n}_{i}*</b>")
                } else {
                    "~|_".repeat(3)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let hits: Vec<render::SearchResult> = (0..40)
        .map(|n| render::SearchResult {
            kind: "Event".to_owned(),
            title: format!("{n:02} {}", "*_`".repeat(200)),
            snippet: marked(n),
            highlight: Some(("<b>", "</b>")),
            open_with: Some(format!("/event id:{}", "x".repeat(300))),
        })
        .collect();
    let query = "*@".repeat(100);
    let pages = render::search(&query, &hits, References::new(&sources, &actors));
    assert!(all_within_limits(&pages));
    let names: Vec<String> = pages
        .iter()
        .flat_map(|page| page.embeds[0].fields.iter())
        .map(|field| {
            let title = field.name.trim_start_matches("Event · ");
            title.chars().take(2).collect()
        })
        .collect();
    let expected: Vec<String> = (0..40).map(|n| format!("{n:02}")).collect();
    assert_eq!(names, expected, "every hit once, in order");
    assert!(
        pages.len() <= 40 / 5,
        "at least five hits a page: {}",
        pages.len()
    );
    for field in pages.iter().flat_map(|page| page.embeds[0].fields.iter()) {
        assert_eq!(
            field.value.matches("**").count() % 2,
            0,
            "no bold is left open: {}",
            field.value
        );
    }
}
