//! The synthetic dossier generator: valid output, the sizes asked for, the same bytes for the
//! same seed, and the variety benchmarks rely on (aliases, acronyms, every date shape,
//! disagreeing estimates).

use std::collections::HashSet;
use std::fs;

use dossier_bench::{generate_dossier, write_dossier, DossierSpec};
use dossier_core::{parse_dossier, Agreement, DataFile, Dossier, Precision, FILE_NAMES};

const SPEC: DossierSpec = DossierSpec {
    events: 3_000,
    terms: 1_500,
    estimates: 120,
    claims: 400,
    seed: 2025,
};

fn read_back(dir: &std::path::Path) -> Dossier {
    let texts: Vec<String> = FILE_NAMES
        .iter()
        .map(|name| {
            fs::read_to_string(dir.join(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
        })
        .collect();
    let files: Vec<DataFile<'_>> = FILE_NAMES
        .iter()
        .zip(&texts)
        .map(|(name, contents)| DataFile { name, contents })
        .collect();
    parse_dossier(&files, &[]).unwrap_or_else(|errors| panic!("{errors}"))
}

#[test]
fn a_written_dossier_passes_validation_with_the_counts_asked_for() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    write_dossier(&SPEC, dir.path()).unwrap_or_else(|error| panic!("{error}"));
    let dossier = read_back(dir.path());
    assert_eq!(dossier.events.len(), SPEC.events);
    assert_eq!(dossier.terms.len(), SPEC.terms);
    assert_eq!(dossier.estimates.len(), SPEC.estimates);
    assert_eq!(dossier.claims.len(), SPEC.claims);
    assert_eq!(dossier.measures.len(), SPEC.measures());
    assert!(!dossier.sources.is_empty());
    assert!(!dossier.actors.is_empty());
}

#[test]
fn the_folder_and_the_in_memory_dossier_are_the_same_dossier() {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    write_dossier(&SPEC, dir.path()).unwrap_or_else(|error| panic!("{error}"));
    let in_memory = generate_dossier(&SPEC).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(read_back(dir.path()), in_memory);
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_another_dossier() {
    let first = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let second = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    write_dossier(&SPEC, first.path()).unwrap_or_else(|error| panic!("{error}"));
    write_dossier(&SPEC, second.path()).unwrap_or_else(|error| panic!("{error}"));
    for name in FILE_NAMES {
        let a = fs::read(first.path().join(name)).unwrap_or_default();
        let b = fs::read(second.path().join(name)).unwrap_or_default();
        assert!(!a.is_empty(), "{name} is empty");
        assert!(a == b, "{name} differs between two runs with one seed");
    }
    let other = generate_dossier(&DossierSpec { seed: 2026, ..SPEC })
        .unwrap_or_else(|error| panic!("{error}"));
    let same = generate_dossier(&SPEC).unwrap_or_else(|error| panic!("{error}"));
    assert_ne!(other.events, same.events);
    assert_ne!(other.content_hash(), same.content_hash());
}

#[test]
fn a_larger_dossier_keeps_the_records_of_a_smaller_one() {
    let small = generate_dossier(&SPEC).unwrap_or_else(|error| panic!("{error}"));
    let large = generate_dossier(&DossierSpec {
        events: SPEC.events * 2,
        ..SPEC
    })
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(small.events[..], large.events[..SPEC.events]);
    assert_eq!(small.terms, large.terms);
}

#[test]
fn text_and_dates_vary_as_in_a_real_report() {
    let dossier = generate_dossier(&SPEC).unwrap_or_else(|error| panic!("{error}"));
    let headlines: HashSet<&str> = dossier
        .events
        .iter()
        .map(|event| event.headline.as_str())
        .collect();
    assert!(
        headlines.len() > SPEC.events * 9 / 10,
        "{} distinct headlines",
        headlines.len()
    );
    let words: HashSet<&str> = dossier
        .events
        .iter()
        .flat_map(|event| event.summary.split_whitespace())
        .collect();
    assert!(
        words.len() > 1_000,
        "{} distinct summary words",
        words.len()
    );

    for precision in [
        Precision::Day,
        Precision::Month,
        Precision::Season,
        Precision::Year,
        Precision::Interval,
    ] {
        assert!(
            dossier
                .events
                .iter()
                .any(|event| event.date.precision() == precision),
            "no event dated to a {precision:?}"
        );
    }
    assert!(dossier
        .events
        .iter()
        .any(|event| event.date.is_approximate() && event.date.is_interval()));
    assert!(dossier.events.iter().any(|event| event.date.is_uncertain()));
    assert!(dossier.events.iter().any(|event| event.date_disputed()));

    let acronyms = dossier
        .terms
        .iter()
        .filter(|term| term.expansion.is_some())
        .count();
    assert!(acronyms > 10, "{acronyms} acronyms");
    assert!(dossier
        .terms
        .iter()
        .any(|term| !term.aliases.is_empty() && term.expansion.is_none()));
    assert!(dossier.terms.iter().any(|term| !term.see_also.is_empty()));
    assert!(dossier
        .claims
        .iter()
        .any(|claim| !claim.counter_claims.is_empty()));

    let comparisons = dossier.estimates(None);
    assert_eq!(comparisons.len(), SPEC.measures());
    assert!(comparisons
        .iter()
        .any(|comparison| comparison.agreement == Agreement::Conflict));
    assert!(comparisons
        .iter()
        .any(|comparison| comparison.agreement.is_disagreement()));
}

#[test]
fn generated_names_answer_lookups() {
    let dossier = generate_dossier(&SPEC).unwrap_or_else(|error| panic!("{error}"));
    let acronym = dossier
        .terms
        .iter()
        .find(|term| term.expansion.is_some())
        .unwrap_or_else(|| panic!("no acronym"));
    let expansion = acronym.expansion.clone().unwrap_or_default();
    match dossier.define(&expansion) {
        dossier_core::Definition::Found { term, .. } => assert_eq!(term.id, acronym.id),
        other => panic!("{expansion} not found: {other:?}"),
    }
    match dossier.define(&acronym.name.to_lowercase()) {
        dossier_core::Definition::Found { term, .. } => assert_eq!(term.id, acronym.id),
        other => panic!("{} not found: {other:?}", acronym.name),
    }
}

#[test]
fn scaled_specs_keep_proportions_and_floors() {
    let big = DossierSpec::scaled(1_000_000, 1);
    assert_eq!(big.terms, 100_000);
    assert_eq!(big.estimates, 20_000);
    assert_eq!(big.claims, 50_000);
    let tiny = DossierSpec::scaled(10, 1);
    assert_eq!((tiny.terms, tiny.estimates, tiny.claims), (11, 6, 24));
    assert_eq!(
        DossierSpec {
            estimates: 0,
            ..tiny
        }
        .measures(),
        0
    );
}
