//! Import time: [`dossier_store::Store::import`] of an already validated dossier into a fresh
//! database file, at the shipped size and 2k events under Criterion, and (with
//! `DOSSIER_BENCH_LARGE=1`) at 100k and 1M events as single timed runs, since one such import
//! takes longer than a whole Criterion sample set should. Parsing and validation are timed
//! apart.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dossier_bench::{generate_dossier, DossierSpec, PreparedStore};
use dossier_core::Dossier;
use tokio::runtime::Runtime;

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("cannot build a runtime: {error}"))
}

/// Imports `dossier` into `iterations` fresh database files, timing the imports only.
fn timed_imports(runtime: &Runtime, dossier: &Dossier, iterations: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        let prepared = runtime
            .block_on(PreparedStore::new(dossier))
            .unwrap_or_else(|error| panic!("import failed: {error}"));
        total += prepared.import_time;
    }
    total
}

/// Parsing and validating the seven files, as the bot does before importing a folder.
fn parse_and_validate(dossier: &Dossier) -> Duration {
    let files = dossier_core::to_files(dossier).unwrap_or_else(|error| panic!("{error}"));
    let files = files.each_ref().map(|(name, text)| dossier_core::DataFile {
        name,
        contents: text,
    });
    let started = Instant::now();
    let parsed = dossier_core::parse_dossier(&files, &[]);
    let elapsed = started.elapsed();
    assert!(parsed.is_ok(), "the generated dossier is invalid");
    elapsed
}

fn one_shot(runtime: &Runtime, label: &str, spec: &DossierSpec) {
    let started = Instant::now();
    let dossier = generate_dossier(spec).unwrap_or_else(|error| panic!("{error}"));
    let generated = started.elapsed();
    let parsed = parse_and_validate(&dossier);
    let imported = timed_imports(runtime, &dossier, 1);
    eprintln!(
        "import/{label}: one run: generate {generated:.2?}, parse + validate {parsed:.2?}, \
         Store::import {imported:.2?} ({} events, {} terms, {} estimates, {} claims)",
        dossier.events.len(),
        dossier.terms.len(),
        dossier.estimates.len(),
        dossier.claims.len()
    );
}

fn imports(criterion: &mut Criterion) {
    let runtime = runtime();
    let mut group = criterion.benchmark_group("import");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("shipped", |b| {
        b.iter_custom(|iterations| timed_imports(&runtime, dossier_core::embedded(), iterations));
    });
    let ten_thousand =
        generate_dossier(&DossierSpec::scaled(10_000, 1)).unwrap_or_else(|error| panic!("{error}"));
    group.bench_function(BenchmarkId::new("synthetic", "10k"), |b| {
        b.iter_custom(|iterations| timed_imports(&runtime, &ten_thousand, iterations));
    });
    group.finish();

    one_shot(&runtime, "100k", &DossierSpec::scaled(100_000, 1));
    if std::env::var("DOSSIER_BENCH_LARGE").is_ok_and(|value| value == "1") {
        one_shot(&runtime, "1m", &DossierSpec::scaled(1_000_000, 1));
    }
}

criterion_group!(benches, imports);
criterion_main!(benches);
