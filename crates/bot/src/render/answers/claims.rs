//! `/claims`: who said what, when, in what spirit, with the report's words and the answers to it.

use dossier_core::Claim;

use crate::render::escape::escape;
use crate::render::paging::paginate_fields;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// Claims per page.
const CLAIMS_PER_PAGE: usize = 6;

/// The claims, in order, paged. `actor` is the display name asked for, if any; `every_claim`
/// names the claims that counter these (they may be by someone else).
pub fn claims(
    claims: &[Claim],
    every_claim: &[Claim],
    actor: Option<&str>,
    references: References<'_>,
) -> Vec<Page> {
    let whose = actor.map(|name| format!(" by {}", escape(name)));
    let description = match (claims.len(), &whose) {
        (0, Some(whose)) => format!("The report records no claims{whose}."),
        (0, None) => "The dossier holds no claims.".to_owned(),
        (1, whose) => format!(
            "1 statement{}, earliest first.",
            whose.as_deref().unwrap_or("")
        ),
        (count, whose) => format!(
            "{count} statements{}, earliest first; undated ones last.",
            whose.as_deref().unwrap_or("")
        ),
    };
    let header = EmbedSpec {
        title: match actor {
            Some(name) => format!("Claims by {}", escape(name)),
            None => "Claims".to_owned(),
        },
        description,
        footer: Some(references.cite_dossier()),
        colour: colour::CLAIM,
        ..EmbedSpec::default()
    };
    let items = claims
        .iter()
        .map(|claim| claim_field(claim, every_claim, references))
        .collect();
    paginate_fields(&header, items, CLAIMS_PER_PAGE)
}

/// One claim: "North Korea — confirmation · 28 Apr 2025", then the statement, a quote, the
/// claims answering it and the sections.
fn claim_field(claim: &Claim, all: &[Claim], references: References<'_>) -> FieldSpec {
    let when = claim
        .date
        .as_ref()
        .map_or_else(|| "undated".to_owned(), |date| date.human());
    let name = format!(
        "{} — {} · {}",
        escape(&references.actor_name(&claim.actor)),
        claim.kind.label(),
        escape(&when)
    );
    let mut lines = vec![limits::trim(&escape(&claim.statement), 500)];
    if let Some(excerpt) = claim.excerpts.first() {
        lines.push(format!("> “{}”", limits::trim(&escape(excerpt), 250)));
    }
    let answers: Vec<String> = claim
        .counter_claims
        .iter()
        .map(|id| match all.iter().find(|other| &other.id == id) {
            Some(other) => format!(
                "{} ({})",
                escape(&references.actor_name(&other.actor)),
                other.kind.label()
            ),
            None => format!("`{id}`"),
        })
        .collect();
    if !answers.is_empty() {
        lines.push(format!("**Countered by:** {}", answers.join(", ")));
    }
    let sections: Vec<String> = claim
        .citations
        .iter()
        .map(|citation| format!("§ {}", escape(&citation.section)))
        .collect();
    if !sections.is_empty() {
        lines.push(limits::trim(&sections.join("; "), 200));
    }
    FieldSpec::new(name, lines.join("\n"))
}
