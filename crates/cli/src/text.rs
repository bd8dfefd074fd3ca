//! Renders answers as aligned, wrapped text for people at a terminal.

use std::fmt::Write as _;

use dossier_core::{Citation, Claim, Estimate, Event, MatchKind, Term};
use dossier_store::{MeasureEstimates, RecordCounts};

use crate::ask::{Answer, Names};
use crate::style::Style;

const WIDTH: usize = 88;

/// Wraps `text` to `WIDTH` columns, each line starting with `indent`.
fn wrap(text: &str, indent: &str) -> String {
    wrap_after(text, indent, indent)
}

/// Wraps `text` with `first` before the first line and `indent` before the others.
fn wrap_after(text: &str, first: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::from(first);
    for word in text.split_whitespace() {
        if line.chars().count() + word.chars().count() + 1 > WIDTH && line.len() > indent.len() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(indent);
        }
        if !line.ends_with(' ') && !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out
}

fn pad(text: &str, width: usize) -> String {
    let length = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(length)))
}

fn citation_line(names: &Names, citation: &Citation) -> String {
    let source = names.sources.get(&citation.source).map_or_else(
        || citation.source.to_string(),
        |source| format!("{}, {}", source.publisher, source.date.human()),
    );
    match &citation.excerpt {
        Some(excerpt) => format!("§ {} ({source}): “{excerpt}”", citation.section),
        None => format!("§ {} ({source})", citation.section),
    }
}

fn citations(out: &mut String, style: Style, names: &Names, citations: &[Citation]) {
    for citation in citations {
        let _ = writeln!(
            out,
            "{}",
            style.dim(&wrap(&citation_line(names, citation), "    "))
        );
    }
}

/// The text for `answer`.
pub(crate) fn render(answer: &Answer, names: &Names, style: Style) -> String {
    let mut out = String::new();
    match answer {
        Answer::Timeline { events, total } => timeline(&mut out, style, events, *total),
        Answer::Event(event) => event_in_full(&mut out, style, names, event),
        Answer::Definition {
            term,
            kind,
            see_also,
        } => definition(&mut out, style, names, term, *kind, see_also),
        Answer::Glossary(terms) => {
            for term in terms {
                let name = match &term.expansion {
                    Some(expansion) => format!("{} ({expansion})", term.name),
                    None => term.name.clone(),
                };
                let _ = writeln!(out, "{}", style.bold(&name));
                let _ = writeln!(out, "{}", wrap(&term.definition, "    "));
            }
            let _ = writeln!(
                out,
                "\n{} terms. `dossier define TERM` shows one with its sources.",
                terms.len()
            );
        }
        Answer::Estimates(groups) => {
            for group in groups {
                estimates(&mut out, style, names, group);
            }
            if groups.is_empty() {
                out.push_str("No estimates.\n");
            }
        }
        Answer::Claims(claims) => {
            for claim in claims {
                claim_text(&mut out, style, names, claim);
            }
            let _ = writeln!(out, "{}", plural(claims.len(), "claim"));
        }
        Answer::Search { query, hits } => {
            if hits.is_empty() {
                let _ = writeln!(out, "Nothing in the dossier matches “{query}”.");
            }
            for hit in hits {
                let _ = writeln!(
                    out,
                    "{} {} {}",
                    pad(hit.kind.label(), 9),
                    style.bold(&hit.title),
                    style.dim(&format!("[{}]", hit.id))
                );
                let _ = writeln!(
                    out,
                    "{}",
                    wrap(&style.highlights(&hit.snippet), "          ")
                );
            }
        }
        Answer::Sources(sources) => {
            for source in sources {
                let _ = writeln!(out, "{}", style.bold(&source.title));
                let _ = writeln!(
                    out,
                    "    {} · {} · {} [{}]",
                    source.kind,
                    source.publisher,
                    source.date.human(),
                    source.id
                );
                if let Some(url) = &source.url {
                    let _ = writeln!(out, "    {url}");
                }
                let _ = writeln!(out, "    Sections:");
                for section in &source.sections {
                    let _ = writeln!(out, "      § {section}");
                }
            }
        }
        Answer::About(counts) => about(&mut out, names, counts),
    }
    out
}

fn timeline(out: &mut String, style: Style, events: &[Event], total: usize) {
    let width = events
        .iter()
        .map(|event| event.date.human().chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "{}  {}",
        style.bold(&pad("DATE", width)),
        style.bold("EVENT")
    );
    for event in events {
        let flag = if event.date_disputed() {
            style.warn(" (sources disagree on the date)")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}  {}{flag} {}",
            pad(&event.date.human(), width),
            event.headline,
            style.dim(&format!("[{}]", event.id))
        );
    }
    let _ = writeln!(
        out,
        "\n{}. `dossier event ID` shows one in full.",
        plural(total, "event")
    );
}

fn event_in_full(out: &mut String, style: Style, names: &Names, event: &Event) {
    let _ = writeln!(out, "{}", style.bold(&event.headline));
    let _ = writeln!(out, "Date: {}", event.date.human());
    if event.date_disputed() {
        let _ = writeln!(out, "{}", style.warn("Sources disagree on the date:"));
        for reading in &event.date_readings {
            let _ = writeln!(out, "  {}", reading.date.human());
            citations(out, style, names, &reading.citations);
        }
    }
    if !event.actors.is_empty() {
        let actors: Vec<String> = event.actors.iter().map(|id| names.actor(id)).collect();
        let _ = writeln!(out, "Actors: {}", actors.join(", "));
    }
    if !event.tags.is_empty() {
        let _ = writeln!(out, "Tags: {}", event.tags.join(", "));
    }
    let _ = writeln!(out, "\n{}\n\nSources:", wrap(&event.summary, ""));
    citations(out, style, names, &event.citations);
}

fn definition(
    out: &mut String,
    style: Style,
    names: &Names,
    term: &Term,
    kind: MatchKind,
    see_also: &[Term],
) {
    let title = match &term.expansion {
        Some(expansion) => format!("{} ({expansion})", term.name),
        None => term.name.clone(),
    };
    let _ = writeln!(out, "{}", style.bold(&title));
    if kind != MatchKind::Exact {
        let _ = writeln!(
            out,
            "{}",
            style.dim(&format!(
                "(found by another name; the report calls it {})",
                term.name
            ))
        );
    }
    let aliases: Vec<&str> = term
        .aliases
        .iter()
        .map(String::as_str)
        .filter(|alias| Some(*alias) != term.expansion.as_deref())
        .collect();
    if !aliases.is_empty() {
        let _ = writeln!(out, "Also: {}", aliases.join(", "));
    }
    let _ = writeln!(out, "\n{}\n", wrap(&term.definition, ""));
    if !see_also.is_empty() {
        let related: Vec<&str> = see_also.iter().map(|term| term.name.as_str()).collect();
        let _ = writeln!(out, "See also: {}", related.join(", "));
    }
    let _ = writeln!(out, "Sources:");
    citations(out, style, names, &term.citations);
}

fn estimate_row(names: &Names, estimate: &Estimate) -> [String; 4] {
    [
        estimate.figure_text(),
        estimate
            .assessed_by
            .as_ref()
            .map_or_else(|| "unattributed".to_owned(), |id| names.actor(id)),
        estimate
            .as_of
            .as_ref()
            .map_or_else(String::new, |date| date.human()),
        estimate
            .reported
            .as_ref()
            .map_or_else(String::new, |date| date.human()),
    ]
}

fn estimates(out: &mut String, style: Style, names: &Names, group: &MeasureEstimates) {
    let _ = writeln!(
        out,
        "{} ({})",
        style.bold(&group.measure.name),
        group.measure.unit
    );
    let _ = writeln!(
        out,
        "{}",
        style.dim(&wrap(&group.measure.description, "  "))
    );
    let header = ["FIGURE", "ESTIMATED BY", "AS OF", "REPORTED"].map(str::to_owned);
    let rows: Vec<[String; 4]> = group
        .estimates
        .iter()
        .map(|estimate| estimate_row(names, estimate))
        .collect();
    let widths: Vec<usize> = (0..4)
        .map(|column| {
            rows.iter()
                .chain([&header])
                .map(|row| row[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: &[String; 4]| {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| pad(cell, *width))
            .collect();
        format!("  {}", cells.join("  ").trim_end())
    };
    let _ = writeln!(out, "{}", style.bold(&line(&header)));
    for (row, estimate) in rows.iter().zip(&group.estimates) {
        let _ = writeln!(out, "{}", line(row));
        if let Some(note) = &estimate.note {
            let _ = writeln!(
                out,
                "{}",
                style.dim(&wrap_after(note, "      note: ", "            "))
            );
        }
        citations(out, style, names, &estimate.citations);
    }
    let summary = group.comparison().summary_with(&|id| names.actor(id));
    let summary = if group.agreement.is_disagreement() {
        style.warn(&format!("⚠ {summary}"))
    } else {
        summary
    };
    let _ = writeln!(out, "{}\n", wrap(&summary, "  "));
}

fn claim_text(out: &mut String, style: Style, names: &Names, claim: &Claim) {
    let when = claim
        .date
        .as_ref()
        .map_or_else(|| "undated".to_owned(), |date| date.human());
    let _ = writeln!(
        out,
        "{} — {} ({when}) {}",
        style.bold(&names.actor(&claim.actor)),
        claim.kind.label(),
        style.dim(&format!("[{}]", claim.id))
    );
    let _ = writeln!(out, "{}", wrap(&claim.statement, "  "));
    for excerpt in &claim.excerpts {
        let _ = writeln!(out, "{}", wrap(&format!("“{excerpt}”"), "    "));
    }
    if !claim.counter_claims.is_empty() {
        let ids: Vec<&str> = claim.counter_claims.iter().map(|id| id.as_str()).collect();
        let _ = writeln!(
            out,
            "  {}",
            style.warn(&format!("Contradicted by: {}", ids.join(", ")))
        );
    }
    citations(out, style, names, &claim.citations);
    out.push('\n');
}

fn about(out: &mut String, names: &Names, counts: &RecordCounts) {
    let _ = writeln!(
        out,
        "Dossier {} — what a report actually says, with its sources.",
        env!("CARGO_PKG_VERSION")
    );
    for source in names.sources.values() {
        let _ = writeln!(
            out,
            "Report: {} ({}, {}, {})",
            source.title,
            source.kind,
            source.publisher,
            source.date.human()
        );
    }
    let _ =
        writeln!(
        out,
        "Holds {} events, {} estimates of {} measures, {} glossary terms, {} claims by {} actors.",
        counts.events, counts.estimates, counts.measures, counts.terms, counts.claims, counts.actors
    );
    let _ = writeln!(
        out,
        "Every figure keeps who gave it and when; where sources disagree, all are shown."
    );
}

/// "1 event", "12 events".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
