//! Store queries at the shipped size and at 100k events, and (with `DOSSIER_BENCH_LARGE=1`) at
//! 100k terms and 1M events. Each database is imported once per run into a temporary folder
//! and reused by every query of its tier.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dossier_bench::{generate_dossier, samples_of, DossierSpec, PreparedStore, Samples};
use dossier_core::{Dossier, TimelineQuery};
use dossier_store::TimelineCount;
use tokio::runtime::Runtime;

/// What `/timeline` reads to answer: one page of events, its matches counted up to 10,000.
const TIMELINE_PAGE: usize = 8;
/// How far `/timeline` counts the matches.
const TIMELINE_COUNTED: usize = 10_000;
/// What `/timeline chart:true` reads to draw: up to this many events, not counted.
const CHART_EVENTS: usize = 1000;
/// What `/search` asks for (its `MAX_HITS`).
const SEARCH_LIMIT: usize = 40;
/// The hits of `/search`'s first page (its `MOST_HITS_PER_PAGE`), the only ones whose
/// snippets it makes.
const SEARCH_FIRST_PAGE: usize = 8;

struct Tier {
    name: &'static str,
    prepared: PreparedStore,
    samples: Samples,
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("cannot build a runtime: {error}"))
}

fn tier(runtime: &Runtime, name: &'static str, dossier: &Dossier) -> Tier {
    let prepared = runtime
        .block_on(PreparedStore::new(dossier))
        .unwrap_or_else(|error| panic!("cannot prepare the {name} database: {error}"));
    eprintln!(
        "{name}: imported {} events, {} terms in {:.2?}",
        dossier.events.len(),
        dossier.terms.len(),
        prepared.import_time
    );
    Tier {
        name,
        prepared,
        samples: samples_of(dossier, 42),
    }
}

fn large_tiers_wanted() -> bool {
    std::env::var("DOSSIER_BENCH_LARGE").is_ok_and(|value| value == "1")
}

fn generated(spec: &DossierSpec) -> Dossier {
    generate_dossier(spec).unwrap_or_else(|error| panic!("cannot generate: {error}"))
}

/// The shipped dossier and 100k events (10k terms) always; with `DOSSIER_BENCH_LARGE=1` also
/// 100k terms (on 1k events) and 1M events (100k terms).
fn tier_names() -> Vec<&'static str> {
    let mut names = vec!["shipped", "100k"];
    if large_tiers_wanted() {
        names.extend(["100k-terms", "1m"]);
    }
    names
}

fn tier_by_name(runtime: &Runtime, name: &'static str) -> Tier {
    match name {
        "shipped" => tier(runtime, name, dossier_core::embedded()),
        "100k" => tier(runtime, name, &generated(&DossierSpec::scaled(100_000, 1))),
        "100k-terms" => tier(
            runtime,
            name,
            &generated(&DossierSpec {
                events: 1_000,
                terms: 100_000,
                estimates: 600,
                claims: 1_000,
                seed: 1,
            }),
        ),
        _ => tier(
            runtime,
            name,
            &generated(&DossierSpec::scaled(1_000_000, 1)),
        ),
    }
}

/// Cycles through `items`, one per call, so caches see varied questions.
fn cycle<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T + 'a {
    let mut next = 0usize;
    move || {
        next += 1;
        &items[(next - 1) % items.len()]
    }
}

fn bench_tier(criterion: &mut Criterion, runtime: &Runtime, tier: &Tier) {
    let store = &tier.prepared.store;
    let samples = &tier.samples;
    let mut group = criterion.benchmark_group(format!("store/{}", tier.name));
    // Large tiers have queries of seconds; ten samples keep the run within minutes.
    let small = tier.name == "shipped";
    group
        .sample_size(if small { 30 } else { 10 })
        .warm_up_time(Duration::from_millis(if small { 300 } else { 1 }))
        .measurement_time(Duration::from_secs(if small { 2 } else { 1 }));

    let everything = TimelineQuery::default();
    let answers = [
        ("all", &everything),
        ("year", &samples.date_filter),
        ("actor", &samples.actor_filter),
    ];
    for (label, query) in answers {
        group.bench_function(BenchmarkId::new("timeline_page", label), |b| {
            b.to_async(runtime).iter(|| async {
                store
                    .timeline_counting(
                        query,
                        0,
                        TIMELINE_PAGE,
                        TimelineCount::UpTo(TIMELINE_COUNTED),
                    )
                    .await
            });
        });
    }
    // A press on ▶ deep into a long answer: the page only, no count.
    group.bench_function(BenchmarkId::new("timeline_page", "all_page_100"), |b| {
        b.to_async(runtime).iter(|| async {
            store
                .timeline_counting(
                    &everything,
                    99 * TIMELINE_PAGE,
                    TIMELINE_PAGE,
                    TimelineCount::Skip,
                )
                .await
        });
    });
    for (label, query) in answers {
        group.bench_function(BenchmarkId::new("timeline_chart", label), |b| {
            b.to_async(runtime).iter(|| async {
                store
                    .timeline_counting(query, 0, CHART_EVENTS, TimelineCount::Skip)
                    .await
            });
        });
    }

    let mut event_id = cycle(&samples.event_ids);
    group.bench_function("event_by_id", |b| {
        b.to_async(runtime).iter(|| store.event(event_id()));
    });

    for (label, names) in [
        ("define_exact", &samples.term_names),
        ("define_alias", &samples.term_aliases),
        ("define_fuzzy_miss", &samples.misspellings),
    ] {
        if names.is_empty() {
            continue;
        }
        let mut name = cycle(names);
        group.bench_function(label, |b| {
            b.to_async(runtime).iter(|| store.define(name()));
        });
    }

    for (index, prefixes) in samples.typed_prefixes.iter().enumerate() {
        let mut typed = cycle(prefixes);
        group.bench_function(BenchmarkId::new("autocomplete_terms", index + 1), |b| {
            b.to_async(runtime).iter(|| store.complete_terms(typed()));
        });
    }

    for (label, prefixes) in ["headline_start", "later_word"]
        .into_iter()
        .zip(&samples.event_prefixes)
    {
        let mut typed = cycle(prefixes);
        group.bench_function(BenchmarkId::new("autocomplete_events", label), |b| {
            b.to_async(runtime).iter(|| store.complete_events(typed()));
        });
    }

    if !samples.measure_ids.is_empty() {
        let mut measure = cycle(&samples.measure_ids);
        group.bench_function("estimates_by_measure", |b| {
            b.to_async(runtime)
                .iter(|| store.estimates(Some(measure())));
        });
    }

    let mut search = cycle(&samples.searches);
    group.bench_function("search", |b| {
        b.to_async(runtime)
            .iter(|| store.search(search(), SEARCH_LIMIT));
    });
    let mut search = cycle(&samples.searches);
    group.bench_function("search_first_page", |b| {
        b.to_async(runtime)
            .iter(|| store.search_page(search(), SEARCH_LIMIT, 0..SEARCH_FIRST_PAGE));
    });
    group.finish();
}

fn store_queries(criterion: &mut Criterion) {
    let runtime = runtime();
    // One tier at a time: each database is imported once, measured, then deleted.
    for name in tier_names() {
        let tier = tier_by_name(&runtime, name);
        bench_tier(criterion, &runtime, &tier);
    }
}

criterion_group!(benches, store_queries);
criterion_main!(benches);
