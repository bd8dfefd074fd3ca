//! Which measures and how many rows of each fit on the estimates chart.

use dossier_core::{Comparison, Estimate};

use crate::layout::{LEGEND_HEIGHT, MARGIN, NOTE_HEIGHT, TITLE_HEIGHT};

pub(crate) const HEADER_HEIGHT: i32 = 40;
pub(crate) const ROW_HEIGHT: i32 = 48;
const AXIS_HEIGHT: i32 = 38;
const PANEL_GAP: i32 = 18;
/// Height of a panel besides its rows.
const PANEL_OVERHEAD: i32 = HEADER_HEIGHT + AXIS_HEIGHT + PANEL_GAP;

/// One measure's panel: its estimates, how many get a row of their own, and whether the rest
/// share one aggregate row.
pub(crate) struct Panel<'chart, 'dossier> {
    pub(crate) comparison: &'chart Comparison<'dossier>,
    pub(crate) listed: usize,
}

impl<'dossier> Panel<'_, 'dossier> {
    pub(crate) fn listed(&self) -> &[&'dossier Estimate] {
        &self.comparison.estimates[..self.listed]
    }

    pub(crate) fn rest(&self) -> &[&'dossier Estimate] {
        &self.comparison.estimates[self.listed..]
    }

    pub(crate) fn rows(&self) -> usize {
        self.listed + usize::from(!self.rest().is_empty())
    }

    pub(crate) fn height(&self) -> i32 {
        PANEL_OVERHEAD + ROW_HEIGHT * self.rows() as i32
    }
}

/// The panels of an estimates chart and how many measures were left out.
pub(crate) struct Plan<'chart, 'dossier> {
    pub(crate) panels: Vec<Panel<'chart, 'dossier>>,
    pub(crate) omitted: usize,
}

/// Height of the title, legend and margins, plus the note when measures are left out.
fn fixed_height(omitted: usize) -> i32 {
    let note = if omitted > 0 { NOTE_HEIGHT } else { 0 };
    MARGIN + TITLE_HEIGHT + note + LEGEND_HEIGHT + MARGIN
}

impl Plan<'_, '_> {
    /// Height of the whole picture.
    pub(crate) fn height(&self) -> i32 {
        fixed_height(self.omitted) + self.panels.iter().map(Panel::height).sum::<i32>()
    }
}

/// Chooses the panels that fit in `max_height` (each needs at least one row) and shares the
/// remaining rows among them one at a time, so no measure crowds out another. A measure given
/// fewer rows than estimates lists the first (by date) and aggregates the rest in its last row.
pub(crate) fn plan<'chart, 'dossier>(
    comparisons: &[&'chart Comparison<'dossier>],
    max_height: i32,
) -> Plan<'chart, 'dossier> {
    let least_height = |shown: usize| {
        fixed_height(comparisons.len() - shown) + shown as i32 * (PANEL_OVERHEAD + ROW_HEIGHT)
    };
    let shown = (0..=comparisons.len())
        .rev()
        .find(|&shown| least_height(shown) <= max_height)
        .unwrap_or(0);
    let used = least_height(shown);
    let mut spare = usize::try_from((max_height - used) / ROW_HEIGHT).unwrap_or(0);
    let wanted: Vec<usize> = comparisons[..shown]
        .iter()
        .map(|comparison| comparison.estimates.len())
        .collect();
    let mut rows = vec![1_usize; shown];
    while spare > 0 {
        let before = spare;
        for (index, row_count) in rows.iter_mut().enumerate() {
            if spare > 0 && *row_count < wanted[index] {
                *row_count += 1;
                spare -= 1;
            }
        }
        if spare == before {
            break;
        }
    }
    let panels = comparisons[..shown]
        .iter()
        .zip(rows)
        .map(|(comparison, row_count)| {
            let total = comparison.estimates.len();
            let listed = if row_count >= total {
                total
            } else {
                row_count - 1
            };
            Panel { comparison, listed }
        })
        .collect();
    Plan {
        panels,
        omitted: comparisons.len() - shown,
    }
}

#[cfg(test)]
mod tests {
    use dossier_core::{
        compare, Citation, Estimate, EstimateId, Figure, Measure, MeasureId, SourceId,
    };

    use super::*;

    fn measure(id: &str) -> Measure {
        Measure {
            id: MeasureId::new(id).unwrap_or_else(|error| panic!("{error}")),
            name: id.to_owned(),
            unit: "troops".to_owned(),
            description: String::new(),
            aliases: Vec::new(),
        }
    }

    fn estimates(measure: &Measure, count: usize) -> Vec<Estimate> {
        (0..count)
            .map(|index| Estimate {
                id: EstimateId::new(format!("{}-{index}", measure.id))
                    .unwrap_or_else(|error| panic!("{error}")),
                measure: measure.id.clone(),
                figure: Figure::Point(1000 + index as u64),
                approximate: false,
                as_of: None,
                assessed_by: None,
                reported: None,
                citations: vec![Citation {
                    source: SourceId::new("report").unwrap_or_else(|error| panic!("{error}")),
                    section: "Introduction".to_owned(),
                    excerpt: None,
                }],
                note: None,
            })
            .collect()
    }

    fn rows_of(plan: &Plan<'_, '_>) -> Vec<(usize, usize)> {
        plan.panels
            .iter()
            .map(|panel| (panel.listed, panel.rest().len()))
            .collect()
    }

    #[test]
    fn everything_fits_when_there_is_room() {
        let (big, small) = (measure("big"), measure("small"));
        let (many, few) = (estimates(&big, 3), estimates(&small, 2));
        let comparisons = [
            compare(&big, many.iter().collect()),
            compare(&small, few.iter().collect()),
        ];
        let refs: Vec<&Comparison<'_>> = comparisons.iter().collect();
        let plan = plan(&refs, 1400);
        assert_eq!(rows_of(&plan), [(3, 0), (2, 0)]);
        assert_eq!(plan.omitted, 0);
        assert!(plan.height() < 1400);
    }

    #[test]
    fn a_crowded_measure_lists_what_fits_and_aggregates_the_rest() {
        let (big, small) = (measure("big"), measure("small"));
        let (many, few) = (estimates(&big, 200), estimates(&small, 2));
        let comparisons = [
            compare(&big, many.iter().collect()),
            compare(&small, few.iter().collect()),
        ];
        let refs: Vec<&Comparison<'_>> = comparisons.iter().collect();
        let plan = plan(&refs, 1400);
        let rows = rows_of(&plan);
        // The small measure keeps both its rows; the big one lists some and sums up the rest.
        assert_eq!(rows[1], (2, 0));
        assert!(rows[0].0 >= 10, "{rows:?}");
        assert_eq!(rows[0].0 + rows[0].1, 200);
        assert!(plan.height() <= 1400);
        assert!(plan.height() > 1400 - ROW_HEIGHT, "{}", plan.height());
    }

    #[test]
    fn measures_beyond_the_height_are_counted_not_drawn() {
        let measures: Vec<Measure> = (0..40).map(|index| measure(&format!("m{index}"))).collect();
        let figures: Vec<Vec<Estimate>> = measures.iter().map(|m| estimates(m, 3)).collect();
        let comparisons: Vec<Comparison<'_>> = measures
            .iter()
            .zip(&figures)
            .map(|(measure, figures)| compare(measure, figures.iter().collect()))
            .collect();
        let refs: Vec<&Comparison<'_>> = comparisons.iter().collect();
        let plan = plan(&refs, 1400);
        assert!(plan.omitted > 0);
        assert_eq!(plan.panels.len() + plan.omitted, 40);
        assert!(plan.panels.iter().all(|panel| panel.rows() >= 1));
        assert!(plan.height() <= 1400);
    }
}
