//! Estimates side by side: comparing the figures given for one measure, flagging disagreement
//! without ever averaging, and formatting counts for people.

use std::cmp::Ordering;
use std::fmt;

use crate::edtf::Edtf;
use crate::id::{ActorId, MeasureId};
use crate::model::{Dossier, Estimate, Figure, Measure};
use crate::timeline::compare_dates;

/// How the figures for one measure relate to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Agreement {
    /// Only one figure (or none) is given.
    Single,
    /// Every figure is the same.
    Agree,
    /// The figures differ, but every two of them share some values.
    Overlap,
    /// At least two figures have no value in common.
    Conflict,
}

impl Agreement {
    /// True when sources give different figures ([`Agreement::Overlap`] or
    /// [`Agreement::Conflict`]).
    pub fn is_disagreement(self) -> bool {
        matches!(self, Self::Overlap | Self::Conflict)
    }

    /// Lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Single => "single figure",
            Self::Agree => "sources agree",
            Self::Overlap => "sources disagree (ranges overlap)",
            Self::Conflict => "sources disagree (figures conflict)",
        }
    }
}

/// Every estimate of one measure, ordered, with how they relate.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'a> {
    /// What is counted.
    pub measure: &'a Measure,
    /// The estimates, by date reported (or as of), then id; undated last.
    pub estimates: Vec<&'a Estimate>,
    /// How their figures relate.
    pub agreement: Agreement,
}

/// `n` with thousands separators: `11000` → "11,000".
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut formatted = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            formatted.push(',');
        }
        formatted.push(digit);
    }
    formatted
}

impl fmt::Display for Figure {
    /// "11,000" or "10,000–14,000".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Point(value) => f.write_str(&format_count(value)),
            Self::Range(low, high) => write!(f, "{}–{}", format_count(low), format_count(high)),
        }
    }
}

impl Figure {
    /// True when the two figures share at least one value.
    pub fn overlaps(self, other: Figure) -> bool {
        self.low() <= other.high() && other.low() <= self.high()
    }
}

impl Estimate {
    /// The date the estimate is placed at: when it was reported, else what it is as of.
    pub fn date(&self) -> Option<&Edtf> {
        self.reported.as_ref().or(self.as_of.as_ref())
    }

    /// The figure for people: "about 11,000" when approximate, else "10,000–14,000".
    pub fn figure_text(&self) -> String {
        if self.approximate {
            format!("about {}", self.figure)
        } else {
            self.figure.to_string()
        }
    }
}

/// Orders estimates by [`Estimate::date`] (undated last), then id.
pub fn by_date(a: &Estimate, b: &Estimate) -> Ordering {
    match (a.date(), b.date()) {
        (Some(a_date), Some(b_date)) => compare_dates(a_date, b_date),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// How a set of figures relate.
pub fn agreement_of(figures: &[Figure]) -> Agreement {
    let Some(first) = figures.first() else {
        return Agreement::Single;
    };
    if figures.len() == 1 {
        return Agreement::Single;
    }
    if figures.iter().all(|figure| figure == first) {
        return Agreement::Agree;
    }
    let disjoint = figures.iter().enumerate().any(|(index, figure)| {
        figures[index + 1..]
            .iter()
            .any(|other| !figure.overlaps(*other))
    });
    if disjoint {
        Agreement::Conflict
    } else {
        Agreement::Overlap
    }
}

/// Puts the estimates of `measure` side by side; nothing is averaged or dropped.
pub fn compare<'a>(measure: &'a Measure, mut estimates: Vec<&'a Estimate>) -> Comparison<'a> {
    estimates.sort_by(|a, b| by_date(a, b));
    let figures: Vec<Figure> = estimates.iter().map(|estimate| estimate.figure).collect();
    Comparison {
        measure,
        agreement: agreement_of(&figures),
        estimates,
    }
}

impl Comparison<'_> {
    /// One line naming every figure with who gave it, e.g. "Sources disagree: about 11,000
    /// (unattributed), 10,000–14,000 (NIS, Jan 2025)". Actor names come from `dossier`.
    pub fn summary(&self, dossier: &Dossier) -> String {
        self.summary_with(&|id| dossier.actor_name(id).to_owned())
    }

    /// [`Comparison::summary`] with actor names from `name_of`.
    pub fn summary_with(&self, name_of: &dyn Fn(&ActorId) -> String) -> String {
        let parts: Vec<String> = self
            .estimates
            .iter()
            .map(|estimate| {
                let who = estimate
                    .assessed_by
                    .as_ref()
                    .map_or_else(|| "unattributed".to_owned(), name_of);
                match estimate.date() {
                    Some(date) => format!("{} ({who}, {})", estimate.figure_text(), date.human()),
                    None => format!("{} ({who})", estimate.figure_text()),
                }
            })
            .collect();
        let listed = parts.join(", ");
        match self.agreement {
            Agreement::Single if parts.is_empty() => "No figure given".to_owned(),
            Agreement::Single => format!("One figure: {listed}"),
            Agreement::Agree => format!("Sources agree: {listed}"),
            Agreement::Overlap => {
                format!("Sources disagree: {listed}; the figures differ but their ranges overlap")
            }
            Agreement::Conflict => {
                format!("Sources disagree: {listed}; at least two figures do not overlap")
            }
        }
    }
}

impl Dossier {
    /// Estimates grouped by measure, in measure order: only `measure` when given (even with no
    /// estimates), else every measure that has at least one estimate.
    pub fn estimates(&self, measure: Option<&MeasureId>) -> Vec<Comparison<'_>> {
        self.measures
            .iter()
            .filter(|candidate| measure.is_none_or(|wanted| &candidate.id == wanted))
            .map(|candidate| {
                let estimates = self
                    .estimates
                    .iter()
                    .filter(|estimate| estimate.measure == candidate.id)
                    .collect();
                compare(candidate, estimates)
            })
            .filter(|comparison| measure.is_some() || !comparison.estimates.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ActorKind;
    use crate::test_dossier::DossierBuilder;

    use super::*;

    fn dossier() -> Dossier {
        DossierBuilder::new()
            .actor(
                "us-intelligence",
                "U.S. intelligence",
                ActorKind::Agency,
                &[],
                None,
            )
            .actor("nis", "NIS", ActorKind::Agency, &[], None)
            .measure("personnel-deployed", "Personnel deployed")
            .measure("casualties", "Casualties")
            .measure("killed", "Killed")
            .measure("empty", "Nothing given")
            .estimate(
                "deployed-reports",
                "personnel-deployed",
                Figure::Range(10_000, 14_000),
                None,
                Some("2025-04"),
            )
            .estimate(
                "deployed-us",
                "personnel-deployed",
                Figure::Range(10_000, 12_000),
                Some("us-intelligence"),
                Some("2024-11"),
            )
            .estimate(
                "deployed-around",
                "personnel-deployed",
                Figure::Point(11_000),
                None,
                None,
            )
            .edit(|dossier| dossier.estimates[2].approximate = true)
            .estimate(
                "casualties-nis",
                "casualties",
                Figure::Point(4_000),
                Some("nis"),
                Some("2025-02"),
            )
            .estimate(
                "casualties-other",
                "casualties",
                Figure::Point(4_000),
                None,
                Some("2025-03"),
            )
            .estimate(
                "killed-low",
                "killed",
                Figure::Range(300, 400),
                Some("nis"),
                None,
            )
            .estimate("killed-high", "killed", Figure::Point(600), None, None)
            .build()
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(4_000), "4,000");
        assert_eq!(format_count(11_000), "11,000");
        assert_eq!(format_count(1_234_567), "1,234,567");
        assert_eq!(Figure::Range(10_000, 14_000).to_string(), "10,000–14,000");
        assert_eq!(Figure::Point(11_000).to_string(), "11,000");
    }

    #[test]
    fn agreement_is_classified() {
        use Figure::{Point, Range};
        assert_eq!(agreement_of(&[Point(5)]), Agreement::Single);
        assert_eq!(agreement_of(&[Point(5), Point(5)]), Agreement::Agree);
        assert_eq!(agreement_of(&[Range(1, 9), Range(1, 9)]), Agreement::Agree);
        assert_eq!(
            agreement_of(&[Point(5), Range(1, 9), Range(4, 6)]),
            Agreement::Overlap
        );
        assert_eq!(
            agreement_of(&[Range(1, 3), Range(3, 5)]),
            Agreement::Overlap
        );
        assert_eq!(
            agreement_of(&[Range(1, 9), Range(1, 2), Range(8, 9)]),
            Agreement::Conflict
        );
        assert_eq!(agreement_of(&[Point(5), Point(6)]), Agreement::Conflict);
        assert!(!Agreement::Single.is_disagreement() && !Agreement::Agree.is_disagreement());
        assert!(Agreement::Overlap.is_disagreement() && Agreement::Conflict.is_disagreement());
    }

    #[test]
    fn comparisons_list_every_figure_in_date_order_without_averaging() {
        let dossier = dossier();
        let comparisons = dossier.estimates(None);
        let measures: Vec<&str> = comparisons.iter().map(|c| c.measure.id.as_str()).collect();
        assert_eq!(measures, ["personnel-deployed", "casualties", "killed"]);

        let deployed = &comparisons[0];
        let ids: Vec<&str> = deployed.estimates.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["deployed-us", "deployed-reports", "deployed-around"]);
        assert_eq!(deployed.agreement, Agreement::Overlap);
        assert_eq!(
            deployed.summary(&dossier),
            "Sources disagree: 10,000–12,000 (U.S. intelligence, Nov 2024), 10,000–14,000 \
             (unattributed, Apr 2025), about 11,000 (unattributed); the figures differ but their \
             ranges overlap"
        );
        // Nothing like a mean (11,333) or a midpoint (12,000 of the widest range) appears.
        assert!(!deployed.summary(&dossier).contains("11,333"));

        assert_eq!(comparisons[1].agreement, Agreement::Agree);
        assert!(comparisons[1]
            .summary(&dossier)
            .starts_with("Sources agree: 4,000 (NIS, Feb 2025)"));
        assert_eq!(comparisons[2].agreement, Agreement::Conflict);
        // Undated estimates keep a stable order by id.
        assert_eq!(
            comparisons[2].summary(&dossier),
            "Sources disagree: 600 (unattributed), 300–400 (NIS); at least two figures do not \
             overlap"
        );
    }

    #[test]
    fn one_measure_can_be_asked_for() {
        let dossier = dossier();
        let killed = MeasureId::new("killed").unwrap();
        let only = dossier.estimates(Some(&killed));
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].estimates.len(), 2);
        let empty = MeasureId::new("empty").unwrap();
        let none = dossier.estimates(Some(&empty));
        assert_eq!(none[0].agreement, Agreement::Single);
        assert_eq!(none[0].summary(&dossier), "No figure given");
        assert!(dossier
            .estimates(Some(&MeasureId::new("unknown").unwrap()))
            .is_empty());
    }
}
