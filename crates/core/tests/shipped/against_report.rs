//! Checks against the report's text: verbatim excerpts, exact headings, cited sections, stated figures.

use dossier_core::{embedded, embedded_files, parse_dossier, Citation, Dossier, SourceId};

use crate::{normalized, report_text, SOURCE_ID};

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
