//! Snapshots of a few answers as JSON, so any change to what users see is reviewed.

use dossier_core::{compare, MatchKind};

use crate::render::fixtures;
use crate::render::{self, References};

#[test]
fn event_embed() {
    let (sources, actors, events) = (fixtures::sources(), fixtures::actors(), fixtures::events());
    let page = render::event(&events[1], References::new(&sources, &actors));
    assert!(page.within_limits());
    insta::assert_json_snapshot!(page);
}

#[test]
fn definition_embed() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    let pages = render::definition(
        &fixtures::kcna(),
        MatchKind::Alias,
        "north korean state media",
        &[],
        References::new(&sources, &actors),
    );
    insta::assert_json_snapshot!(pages);
}

#[test]
fn disagreeing_estimates_embed() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    let (measure, estimates) = (fixtures::measure(), fixtures::estimates());
    let comparison = compare(&measure, estimates.iter().collect());
    let pages = render::estimates_for_measure(&comparison, References::new(&sources, &actors));
    let description = &pages[0].embeds[0].description;
    assert!(
        description.contains("**Sources disagree:**"),
        "{description}"
    );
    assert!(description.contains("U.S. intelligence"), "{description}");
    insta::assert_json_snapshot!(pages);
}

#[test]
fn timeline_embed() {
    let (sources, actors, events) = (fixtures::sources(), fixtures::actors(), fixtures::events());
    let filters = render::TimelineFilters {
        actor: Some("North Korea".to_owned()),
        ..render::TimelineFilters::default()
    };
    let pages = render::timeline(&events, 3, &filters, References::new(&sources, &actors));
    insta::assert_json_snapshot!(pages);
}

#[test]
fn claims_embed() {
    let (sources, actors, claims) = (fixtures::sources(), fixtures::actors(), fixtures::claims());
    let pages = render::claims(&claims, &claims, None, References::new(&sources, &actors));
    insta::assert_json_snapshot!(pages);
}

#[test]
fn not_found_embed() {
    let page = render::not_found("term", "KCAN", &["KCNA".to_owned()], "`/glossary`");
    insta::assert_json_snapshot!(page);
}
