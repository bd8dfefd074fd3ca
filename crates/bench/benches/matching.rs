//! Core's name ranking (what autocomplete and "did you mean" rank their candidates with): two
//! and three typed letters, a misspelt term and a misspelt event headline, against the shipped
//! glossary and synthetic ones of 100 and 1,000 names.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dossier_bench::{generate_dossier, DossierSpec};
use dossier_core::matching::{rank, NameEntry, MAX_CHOICES};
use dossier_core::Dossier;

/// `name` with its `at`-th and next characters swapped, as a hurried typist would.
fn swapped(name: &str, at: usize) -> String {
    let mut characters: Vec<char> = name.chars().collect();
    if characters.len() > at + 1 {
        characters.swap(at, at + 1);
    }
    characters.into_iter().collect()
}

fn bench_names(criterion: &mut Criterion, tier: &str, dossier: &Dossier) {
    let terms: Vec<NameEntry<'_, &str>> = dossier
        .term_entries()
        .into_iter()
        .map(|entry| NameEntry::new(entry.key.id.as_str(), entry.name, entry.aliases))
        .collect();
    let events: Vec<NameEntry<'_, &str>> = dossier
        .event_entries()
        .into_iter()
        .map(|entry| NameEntry::new(entry.key.id.as_str(), entry.name, entry.aliases))
        .collect();
    let (Some(term), Some(event)) = (terms.get(terms.len() / 2), events.get(events.len() / 2))
    else {
        return;
    };
    let start = |letters: usize| term.name.chars().take(letters).collect::<String>();
    let questions = [
        ("terms_2_letters", start(2), &terms),
        ("terms_3_letters", start(3), &terms),
        ("terms_misspelt", swapped(term.name, 1), &terms),
        ("events_misspelt", swapped(event.name, 4), &events),
    ];
    let mut group = criterion.benchmark_group(format!("matching/{tier}"));
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for (label, query, entries) in questions {
        group.bench_function(BenchmarkId::new(label, entries.len()), |b| {
            b.iter(|| rank(&query, entries.iter().cloned(), MAX_CHOICES));
        });
    }
    group.finish();
}

fn ranking(criterion: &mut Criterion) {
    bench_names(criterion, "shipped", dossier_core::embedded());
    for names in [100, 1_000] {
        let spec = DossierSpec {
            events: names,
            terms: names,
            estimates: 6,
            claims: 24,
            seed: 1,
        };
        let dossier =
            generate_dossier(&spec).unwrap_or_else(|error| panic!("cannot generate: {error}"));
        bench_names(criterion, &names.to_string(), &dossier);
    }
}

criterion_group!(benches, ranking);
criterion_main!(benches);
