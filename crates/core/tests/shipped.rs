//! The shipped dossier (`data/`, compiled in): it validates against the report's own text, and
//! every term, estimate, event and disagreement in it can be asked for.

use std::path::PathBuf;

use dossier_core::{
    embedded, embedded_files, parse_dossier, ActorId, Agreement, Citation, ClaimId, Definition,
    Dossier, EventId, SourceId, TermId,
};

const SOURCE_ID: &str = "nk-troops-kursk-2025";
const REPORT_FILE: &str = "nk-troops-kursk-report-2025-04-28.txt";

/// The report's full text: `DOSSIER_SOURCE_TEXT`, else the shared copy beside the checkout.
/// Under CI the text must be found; elsewhere the checks that need it are skipped without it.
fn report_text() -> Option<String> {
    let path = std::env::var_os("DOSSIER_SOURCE_TEXT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/sources")
                .join(REPORT_FILE)
        });
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) if std::env::var("CI").is_ok_and(|value| value == "true") => panic!(
            "CI=true but the report text is not readable at {}: {error}",
            path.display()
        ),
        Err(_) => None,
    }
}

/// Whitespace collapsed and curly quotes straightened, as excerpts are compared.
fn normalized(text: &str) -> String {
    let straight: String = text
        .chars()
        .map(|character| match character {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            other => other,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn excerpts_of<'a>(citations: impl IntoIterator<Item = &'a Citation>) -> Vec<&'a str> {
    citations
        .into_iter()
        .filter_map(|citation| citation.excerpt.as_deref())
        .collect()
}

/// Every verbatim excerpt in the dossier, each with the record it belongs to.
fn all_excerpts(dossier: &Dossier) -> Vec<(String, &str)> {
    let mut found = Vec::new();
    for event in &dossier.events {
        let readings = event
            .date_readings
            .iter()
            .flat_map(|reading| &reading.citations);
        for excerpt in excerpts_of(event.citations.iter().chain(readings)) {
            found.push((format!("event {}", event.id), excerpt));
        }
    }
    for estimate in &dossier.estimates {
        for excerpt in excerpts_of(&estimate.citations) {
            found.push((format!("estimate {}", estimate.id), excerpt));
        }
    }
    for term in &dossier.terms {
        for excerpt in excerpts_of(&term.citations) {
            found.push((format!("term {}", term.id), excerpt));
        }
    }
    for claim in &dossier.claims {
        let quoted = claim.excerpts.iter().map(String::as_str);
        for excerpt in excerpts_of(&claim.citations).into_iter().chain(quoted) {
            found.push((format!("claim {}", claim.id), excerpt));
        }
    }
    found
}

fn every_citation(dossier: &Dossier) -> Vec<&Citation> {
    let events = dossier.events.iter().flat_map(|event| {
        let readings = event
            .date_readings
            .iter()
            .flat_map(|reading| &reading.citations);
        event.citations.iter().chain(readings)
    });
    let estimates = dossier
        .estimates
        .iter()
        .flat_map(|estimate| &estimate.citations);
    let terms = dossier.terms.iter().flat_map(|term| &term.citations);
    let claims = dossier.claims.iter().flat_map(|claim| &claim.citations);
    events.chain(estimates).chain(terms).chain(claims).collect()
}

fn event_id(text: &str) -> EventId {
    EventId::new(text).expect("test ids are valid slugs")
}

fn claim_id(text: &str) -> ClaimId {
    ClaimId::new(text).expect("test ids are valid slugs")
}

fn actor_id(text: &str) -> ActorId {
    ActorId::new(text).expect("test ids are valid slugs")
}

fn defined_as(dossier: &Dossier, query: &str) -> Option<String> {
    match dossier.define(query) {
        Definition::Found { term, .. } => Some(term.id.to_string()),
        Definition::NotFound { .. } => None,
    }
}

#[test]
fn shipped_dossier_validates_with_the_report_text() {
    let text = report_text();
    let source = SourceId::new(SOURCE_ID).expect("valid slug");
    let texts: Vec<(SourceId, &str)> = text
        .iter()
        .map(|text| (source.clone(), text.as_str()))
        .collect();
    let parsed =
        parse_dossier(&embedded_files(), &texts).unwrap_or_else(|errors| panic!("{errors}"));
    assert_eq!(
        &parsed,
        embedded(),
        "the embedded dossier is the parsed data/ folder"
    );
}

#[test]
fn every_excerpt_is_verbatim_in_the_report() {
    let Some(text) = report_text() else { return };
    let report = normalized(&text);
    let excerpts = all_excerpts(embedded());
    assert!(
        excerpts.len() > 50,
        "the dossier quotes the report throughout"
    );
    let missing: Vec<String> = excerpts
        .iter()
        .filter(|(_, excerpt)| !report.contains(&normalized(excerpt)))
        .map(|(owner, excerpt)| format!("{owner}: {excerpt:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the report:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_source_lists_the_report_headings_exactly() {
    let dossier = embedded();
    let source = &dossier.sources[0];
    assert_eq!(source.id.as_str(), SOURCE_ID);
    assert_eq!(source.publisher, "goover");
    assert_eq!(source.kind, "General Report");
    assert_eq!(source.date.as_str(), "2025-04-28");
    let Some(text) = report_text() else { return };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    assert!(
        lines.contains(&source.title.as_str()),
        "title spelled as in the report"
    );
    let headings = source
        .sections
        .iter()
        .filter(|section| section.as_str() != "Summary");
    for heading in headings {
        let as_line = lines
            .iter()
            .any(|line| line == heading || line.strip_prefix("• ") == Some(heading));
        assert!(as_line, "{heading:?} is not a heading line of the report");
    }
}

#[test]
fn every_section_with_text_is_cited() {
    let dossier = embedded();
    let cited: Vec<&str> = every_citation(dossier)
        .iter()
        .map(|citation| citation.section.as_str())
        .collect();
    let Some(text) = report_text() else { return };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    for section in &dossier.sources[0].sections {
        // A heading is followed by body text unless the next line is another heading or the end.
        let position = lines
            .iter()
            .position(|line| *line == section || line.strip_prefix("• ") == Some(section.as_str()));
        let has_body = match position {
            None => true, // the untitled opening summary
            Some(index) => lines.get(index + 1).is_some_and(|next| {
                !dossier.sources[0]
                    .sections
                    .iter()
                    .any(|heading| next.ends_with(heading.as_str()))
            }),
        };
        if has_body {
            assert!(
                cited.contains(&section.as_str()),
                "section {section:?} is never cited"
            );
        }
    }
}

#[test]
fn every_figure_is_written_in_the_report() {
    let Some(text) = report_text() else { return };
    // The report writes thousands as "11, 000".
    let as_written = |value: u64| format!("{}, {:03}", value / 1000, value % 1000);
    for estimate in &embedded().estimates {
        for value in [estimate.figure.low(), estimate.figure.high()] {
            assert!(
                text.contains(&as_written(value)),
                "estimate {} gives {value}, which the report never states",
                estimate.id
            );
        }
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

#[test]
fn every_estimate_appears_under_its_measure() {
    let dossier = embedded();
    for estimate in &dossier.estimates {
        let comparisons = dossier.estimates(Some(&estimate.measure));
        assert_eq!(
            comparisons.len(),
            1,
            "one comparison for measure {}",
            estimate.measure
        );
        let listed = comparisons[0]
            .estimates
            .iter()
            .any(|listed| listed.id == estimate.id);
        assert!(
            listed,
            "estimate {} missing under {}",
            estimate.id, estimate.measure
        );
        let everywhere = dossier.estimates(None);
        let under_all = everywhere
            .iter()
            .filter(|comparison| {
                comparison
                    .estimates
                    .iter()
                    .any(|listed| listed.id == estimate.id)
            })
            .count();
        assert_eq!(
            under_all, 1,
            "estimate {} is listed exactly once overall",
            estimate.id
        );
    }
}

#[test]
fn deployment_totals_are_flagged_as_a_disagreement() {
    let dossier = embedded();
    let measure = dossier_core::MeasureId::new("personnel-deployed").expect("valid slug");
    let comparison = &dossier.estimates(Some(&measure))[0];
    assert!(
        comparison.agreement.is_disagreement(),
        "{:?}",
        comparison.agreement
    );
    let summary = comparison.summary(dossier);
    for figure in [
        "11,000",
        "10,000–14,000",
        "10,000–12,000",
        "U.S. intelligence",
        "unattributed",
    ] {
        assert!(
            summary.contains(figure),
            "{figure:?} missing from {summary:?}"
        );
    }
}

#[test]
fn casualty_figures_agree_and_reinforcements_have_one_source() {
    let dossier = embedded();
    let agreement = |measure: &str| {
        let id = dossier_core::MeasureId::new(measure).expect("valid slug");
        dossier.estimates(Some(&id))[0].agreement
    };
    assert_eq!(agreement("casualties"), Agreement::Agree);
    assert_eq!(agreement("additional-personnel"), Agreement::Single);
    let jcs = dossier
        .estimates
        .iter()
        .find(|estimate| {
            estimate
                .assessed_by
                .as_ref()
                .is_some_and(|actor| actor.as_str() == "jcs")
        })
        .expect("the JCS gave the reinforcement figure");
    assert_eq!(jcs.figure.low(), 3000);
    assert_eq!(
        jcs.reported.as_ref().map(|date| date.as_str()),
        Some("2025-03-27")
    );
    assert_eq!(
        jcs.as_of.as_ref().map(|date| date.as_str()),
        Some("2025-01/2025-02")
    );
}

#[test]
fn unattributed_estimates_say_why() {
    for estimate in embedded()
        .estimates
        .iter()
        .filter(|estimate| estimate.assessed_by.is_none())
    {
        let note = estimate.note.as_deref().unwrap_or_default();
        assert!(
            !note.is_empty(),
            "estimate {} names no one and explains nothing",
            estimate.id
        );
    }
}

#[test]
fn every_event_can_be_asked_for_by_id() {
    let dossier = embedded();
    assert!(dossier.events.len() >= 12);
    for event in &dossier.events {
        let found = dossier.event(&event.id).expect("found by id");
        assert_eq!(found.headline, event.headline);
    }
    assert!(dossier.event(&event_id("no-such-event")).is_none());
}

#[test]
fn the_first_confirmation_date_is_disputed_between_27_and_28_april() {
    let dossier = embedded();
    let event = dossier
        .event(&event_id("kcna-first-confirmation"))
        .expect("the confirmation event");
    assert!(event.date_disputed());
    assert_eq!(event.date.as_str(), "2025-04-27/2025-04-28");
    let readings: Vec<&str> = event
        .date_readings
        .iter()
        .map(|reading| reading.date.as_str())
        .collect();
    assert_eq!(readings, ["2025-04-27", "2025-04-28"]);
    for reading in &event.date_readings {
        assert!(!reading.citations.is_empty());
    }
}

#[test]
fn russias_acknowledgment_keeps_the_stated_and_the_derived_date() {
    let dossier = embedded();
    let event = dossier
        .event(&event_id("russia-claims-kursk-recapture"))
        .expect("Russia's claim");
    assert!(event.date_disputed());
    let mut readings: Vec<&str> = event
        .date_readings
        .iter()
        .map(|reading| reading.date.as_str())
        .collect();
    readings.sort_unstable();
    assert_eq!(readings, ["2025-04-25", "2025-04-26"]);
    assert!(
        event.summary.contains("derived"),
        "the summary says which date is derived"
    );
}

#[test]
fn the_timeline_runs_from_the_korean_war_to_the_reactions() {
    let dossier = embedded();
    let all = dossier.timeline(&dossier_core::TimelineQuery {
        from: None,
        to: None,
        actors: Vec::new(),
        text: None,
    });
    assert_eq!(all.len(), dossier.events.len());
    let order: Vec<&str> = all.iter().map(|event| event.id.as_str()).collect();
    let at = |id: &str| order.iter().position(|listed| *listed == id).expect(id);
    assert_eq!(order[0], "korean-war");
    assert!(at("partnership-treaty-signed") < at("ukrainian-kursk-incursion"));
    assert!(at("ukrainian-kursk-incursion") < at("deployments-begin"));
    assert!(at("deployments-begin") < at("additional-deployments-early-2025"));
    assert!(at("nis-assessment") < at("russia-claims-kursk-recapture"));
    assert!(at("russia-claims-kursk-recapture") < at("kcna-first-confirmation"));
}

#[test]
fn south_korea_includes_its_military_and_intelligence() {
    let dossier = embedded();
    let family = dossier.actor_family(&actor_id("south-korea"));
    for member in ["south-korea", "jcs", "nis", "south-korean-intelligence"] {
        assert!(
            family.contains(&actor_id(member)),
            "{member} belongs to South Korea"
        );
    }
    assert!(!family.contains(&actor_id("north-korea")));
    let north = dossier.actor_family(&actor_id("north-korea"));
    assert!(north.contains(&actor_id("kcna")) && north.contains(&actor_id("kim-jong-un")));
    for (alias, id) in [
        ("DPRK", "north-korea"),
        ("Pyongyang", "north-korea"),
        ("JCS", "jcs"),
        ("NIS", "nis"),
        ("Kremlin", "russia"),
    ] {
        let resolved = dossier.resolve_actor(alias).map(|actor| actor.id.as_str());
        assert_eq!(resolved, Some(id), "actor {alias:?}");
    }
}

#[test]
fn contradicting_claims_are_linked_both_ways() {
    let dossier = embedded();
    for (claim, counter) in [
        ("russia-kursk-recaptured", "ukraine-denies-full-recapture"),
        (
            "north-korea-un-charter-compliance",
            "south-korea-denounces-justification",
        ),
        ("kim-just-response", "south-korea-denounces-justification"),
    ] {
        for (from, to) in [(claim, counter), (counter, claim)] {
            let record = dossier.claim(&claim_id(from)).expect(from);
            assert!(
                record.counter_claims.contains(&claim_id(to)),
                "{from} should answer {to}"
            );
        }
    }
    for claim in &dossier.claims {
        for counter in &claim.counter_claims {
            let other = dossier.claim(counter).expect("counter-claims resolve");
            assert!(
                other.counter_claims.contains(&claim.id),
                "{} -> {} is one-way",
                claim.id,
                counter
            );
        }
    }
}

#[test]
fn kim_jong_un_is_quoted_in_his_own_words() {
    let dossier = embedded();
    let claims = dossier.claims_by(&[actor_id("kim-jong-un")]);
    let quoted: Vec<&str> = claims
        .iter()
        .flat_map(|claim| claim.excerpts.iter().map(String::as_str))
        .collect();
    assert!(quoted.contains(
        &"annihilate and wipe out the Ukrainian neo-Nazi occupiers and liberate the Kursk area"
    ));
    assert!(quoted.contains(&"securing peace and stability in the region"));
}
