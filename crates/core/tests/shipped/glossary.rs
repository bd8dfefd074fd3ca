//! The glossary: its eleven terms, each reachable by name, expansion and alias.

use dossier_core::{embedded, Definition, Dossier, TermId};

use crate::report_text;

fn defined_as(dossier: &Dossier, query: &str) -> Option<String> {
    match dossier.define(query) {
        Definition::Found { term, .. } => Some(term.id.to_string()),
        Definition::NotFound { .. } => None,
    }
}

#[test]
fn the_glossary_has_its_eleven_terms() {
    let names: Vec<&str> = embedded()
        .terms
        .iter()
        .map(|term| term.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "KCNA",
            "Kursk Region",
            "Comprehensive Strategic Partnership Treaty",
            "Counteroffensive",
            "U.N. Charter",
            "Troop Deployment",
            "Kim Jong Un",
            "Military Aid",
            "Geopolitical Implications",
            "Intelligence Assessment",
            "Modern Warfare",
        ]
    );
    if let Some(text) = report_text() {
        for name in names {
            assert!(
                text.contains(&format!("• {name}: ")),
                "{name:?} is not a glossary entry"
            );
        }
    }
}

#[test]
fn every_term_is_defined_by_name_expansion_and_alias() {
    let dossier = embedded();
    for term in &dossier.terms {
        let (shouted, quiet) = (term.name.to_uppercase(), term.name.to_lowercase());
        let names = std::iter::once(&term.name)
            .chain(&term.expansion)
            .chain(&term.aliases)
            .chain([&shouted, &quiet]);
        for name in names {
            assert_eq!(
                defined_as(dossier, name).as_deref(),
                Some(term.id.as_str()),
                "define {name:?}"
            );
        }
    }
}

#[test]
fn acronyms_and_spellings_reach_the_same_term() {
    let dossier = embedded();
    for (query, id) in [
        ("KCNA", "kcna"),
        ("Korean Central News Agency", "kcna"),
        ("kcna", "kcna"),
        ("U.N. Charter", "un-charter"),
        ("UN Charter", "un-charter"),
        ("United Nations Charter", "un-charter"),
        ("un charter", "un-charter"),
        ("Kursk", "kursk-region"),
        ("kursk region", "kursk-region"),
        ("counter-offensive", "counteroffensive"),
        (
            "Russia–North Korea Comprehensive Strategic Partnership Treaty",
            "comprehensive-strategic-partnership-treaty",
        ),
    ] {
        assert_eq!(
            defined_as(dossier, query).as_deref(),
            Some(id),
            "define {query:?}"
        );
    }
    match dossier.define("KCAN") {
        Definition::Found { term, .. } => {
            panic!("\"KCAN\" is not a name, yet it found {}", term.id)
        }
        Definition::NotFound { suggestions } => {
            let first = suggestions.first().map(|term| term.id.clone());
            assert_eq!(first, Some(TermId::new("kcna").expect("valid slug")));
        }
    }
}

#[test]
fn every_term_links_to_related_terms() {
    let dossier = embedded();
    for term in &dossier.terms {
        assert!(
            !term.see_also.is_empty(),
            "{} links to no other term",
            term.id
        );
        assert!(
            !term.see_also.contains(&term.id),
            "{} links to itself",
            term.id
        );
    }
    let treaty = dossier
        .term(&TermId::new("comprehensive-strategic-partnership-treaty").expect("valid slug"))
        .expect("the treaty is in the glossary");
    assert!(treaty.see_also.iter().any(|id| id.as_str() == "un-charter"));
}
