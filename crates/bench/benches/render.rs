//! Rendering answers into embeds (the bot's pure `render` module): a timeline of the bot's
//! 1,000 events, one event, a definition, estimates of a measure, and search hits, on the
//! shipped dossier and on a synthetic one of 100k events.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dossier_bench::{generate_dossier, DossierSpec};
use dossier_bot::render::{self, References, SearchResult, TimelineFilters};
use dossier_core::{Dossier, MatchKind};

/// What `/timeline` fetches and renders at most.
const BOT_TIMELINE_LIMIT: usize = 1000;

fn search_results(dossier: &Dossier) -> Vec<SearchResult> {
    dossier
        .events
        .iter()
        .take(40)
        .map(|event| SearchResult {
            kind: "Event".to_owned(),
            title: event.headline.clone(),
            snippet: event
                .summary
                .replacen(' ', " **", 1)
                .replacen(' ', "** ", 2),
            highlight: Some(("**", "**")),
            open_with: Some(format!("/event id:{}", event.id)),
        })
        .collect()
}

fn bench_dossier(criterion: &mut Criterion, name: &str, dossier: &Dossier) {
    let references = References::new(&dossier.sources, &dossier.actors);
    let mut group = criterion.benchmark_group(format!("render/{name}"));
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    let timeline = dossier.timeline(&Default::default());
    let events: Vec<_> = timeline
        .iter()
        .take(BOT_TIMELINE_LIMIT)
        .map(|&event| event.clone())
        .collect();
    group.bench_function(BenchmarkId::new("timeline", events.len()), |b| {
        b.iter(|| {
            render::timeline(
                &events,
                timeline.len() as u64,
                &TimelineFilters::default(),
                references,
            )
        });
    });
    if let Some(event) = dossier.events.first() {
        group.bench_function("event", |b| b.iter(|| render::event(event, references)));
    }
    if let Some(term) = dossier.terms.first() {
        let see_also: Vec<_> = dossier.terms.iter().skip(1).take(2).cloned().collect();
        group.bench_function("definition", |b| {
            b.iter(|| {
                render::definition(term, MatchKind::Exact, &term.name, &see_also, references)
            });
        });
    }
    if let Some(comparison) = dossier.estimates(None).first() {
        group.bench_function("estimates_for_measure", |b| {
            b.iter(|| render::estimates_for_measure(comparison, references));
        });
    }
    let hits = search_results(dossier);
    group.bench_function(BenchmarkId::new("search", hits.len()), |b| {
        b.iter(|| render::search("north korean units", &hits, references));
    });
    group.finish();
}

fn renders(criterion: &mut Criterion) {
    bench_dossier(criterion, "shipped", dossier_core::embedded());
    let synthetic = generate_dossier(&DossierSpec::scaled(100_000, 1))
        .unwrap_or_else(|error| panic!("cannot generate: {error}"));
    bench_dossier(criterion, "100k", &synthetic);
}

criterion_group!(benches, renders);
criterion_main!(benches);
