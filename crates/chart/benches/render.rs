//! How long each chart takes to draw and encode: the shipped dossier, and the large inputs the
//! charts must keep legible (200 estimates of one measure, 1,000 events).

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_chart::{estimates_png, timeline_png, ChartOptions};
use dossier_core::{compare, embedded, ActorId};

#[path = "../tests/synthetic/mod.rs"]
mod synthetic;

fn render(criterion: &mut Criterion) {
    let options = ChartOptions::default();
    let dossier = embedded();
    let names = |actor: &ActorId| dossier.actor_name(actor).to_owned();
    let comparisons = dossier.estimates(None);
    let timeline = dossier.timeline(&Default::default());

    let crowded = synthetic::measure("crowded");
    let many_estimates = synthetic::estimates(&crowded, 200);
    let crowded_comparison = [compare(&crowded, many_estimates.iter().collect())];
    let many_events = synthetic::events(1_000);

    let mut group = criterion.benchmark_group("chart");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_secs(1));
    group.measurement_time(std::time::Duration::from_secs(3));
    group.bench_function("estimates/shipped", |bencher| {
        bencher.iter(|| estimates_png(&comparisons, &names, &options))
    });
    group.bench_function("timeline/shipped", |bencher| {
        bencher.iter(|| timeline_png(&timeline, &options))
    });
    group.bench_function("estimates/200-of-one-measure", |bencher| {
        bencher.iter(|| estimates_png(&crowded_comparison, &synthetic::actor_name, &options))
    });
    group.bench_function("timeline/1000-events", |bencher| {
        bencher.iter(|| timeline_png(&many_events, &options))
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
