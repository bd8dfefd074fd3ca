//! `/estimates`: every figure for a measure side by side, with who gave it and when, and
//! disagreement called out rather than averaged away.

use dossier_core::estimates::Comparison;
use dossier_core::{Estimate, Measure};

use crate::render::escape::escape;
use crate::render::paging::paginate_fields;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// Estimates per page for one measure.
const ESTIMATES_PER_PAGE: usize = 8;
/// Measures per page of the overview.
const MEASURES_PER_PAGE: usize = 6;
/// Most of the "Sources disagree: …" line shown above the estimates.
const SUMMARY_ROOM: usize = 1500;

/// "Personnel deployed (troops)".
fn measure_heading(measure: &Measure) -> String {
    format!("{} ({})", escape(&measure.name), escape(&measure.unit))
}

/// The agreement line: "**Sources disagree:** about 11,000 (unattributed), …", with names
/// from `references`.
fn summary(comparison: &Comparison<'_>, references: References<'_>) -> String {
    let line = escape(&comparison.summary_with(&|id| references.actor_name(id)));
    let line = match line.split_once(": ") {
        Some((verdict, rest)) => format!("**{verdict}:** {rest}"),
        None => line,
    };
    limits::trim(&line, SUMMARY_ROOM)
}

/// One estimate as a field: the figure, then who, when, what period, the caveat and where.
fn estimate_field(estimate: &Estimate, unit: &str, references: References<'_>) -> FieldSpec {
    let who = estimate.assessed_by.as_ref().map_or_else(
        || "not attributed in the report".to_owned(),
        |actor| escape(&references.actor_name(actor)),
    );
    let mut lines = vec![format!("**By:** {who}")];
    if let Some(reported) = &estimate.reported {
        lines.push(format!("**Reported:** {}", escape(&reported.human())));
    }
    if let Some(as_of) = &estimate.as_of {
        lines.push(format!("**Describes:** {}", escape(&as_of.human())));
    }
    if let Some(note) = &estimate.note {
        lines.push(limits::trim(&escape(note), 400));
    }
    let sections: Vec<String> = estimate
        .citations
        .iter()
        .map(|citation| format!("§ {}", escape(&citation.section)))
        .collect();
    if !sections.is_empty() {
        lines.push(sections.join("; "));
    }
    FieldSpec::new(
        format!("{} {}", estimate.figure_text(), escape(unit)),
        lines.join("\n"),
    )
}

/// Every estimate of one measure, in date order, paged, under the agreement line.
pub fn estimates_for_measure(comparison: &Comparison<'_>, references: References<'_>) -> Vec<Page> {
    let measure = comparison.measure;
    let disagreement = comparison.agreement.is_disagreement();
    let mut description = escape(&measure.description);
    description.push_str("\n\n");
    description.push_str(&summary(comparison, references));
    if disagreement {
        description.push_str("\n*Each figure is shown as given; none is averaged.*");
    }
    let citations: Vec<_> = comparison
        .estimates
        .iter()
        .flat_map(|estimate| estimate.citations.iter().cloned())
        .collect();
    let header = EmbedSpec {
        title: format!("Estimates: {}", measure_heading(measure)),
        description,
        footer: Some(references.cite(&citations)),
        colour: if disagreement {
            colour::DISAGREEMENT
        } else {
            colour::ESTIMATE
        },
        ..EmbedSpec::default()
    };
    let items = comparison
        .estimates
        .iter()
        .map(|estimate| estimate_field(estimate, &measure.unit, references))
        .collect();
    paginate_fields(&header, items, ESTIMATES_PER_PAGE)
}

/// Every measure with its agreement line, for `/estimates` with no measure.
pub fn estimate_overview(comparisons: &[Comparison<'_>], references: References<'_>) -> Vec<Page> {
    let disagreements = comparisons
        .iter()
        .filter(|comparison| comparison.agreement.is_disagreement())
        .count();
    let description = match (comparisons.len(), disagreements) {
        (0, _) => "The dossier holds no estimates.".to_owned(),
        (count, 0) => {
            format!("{count} quantities. `/estimates measure:<name>` lists every figure for one.")
        }
        (count, disputed) => format!(
            "{count} quantities; sources disagree on {disputed}. \
             `/estimates measure:<name>` lists every figure for one."
        ),
    };
    let header = EmbedSpec {
        title: "Estimates".to_owned(),
        description,
        footer: Some(references.cite_dossier()),
        colour: if disagreements > 0 {
            colour::DISAGREEMENT
        } else {
            colour::ESTIMATE
        },
        ..EmbedSpec::default()
    };
    let items = comparisons
        .iter()
        .map(|comparison| {
            FieldSpec::new(
                measure_heading(comparison.measure),
                format!(
                    "{}\n`{}`",
                    limits::trim(&summary(comparison, references), 900),
                    comparison.measure.id
                ),
            )
        })
        .collect();
    paginate_fields(&header, items, MEASURES_PER_PAGE)
}
