//! The estimates chart: one panel per measure, one row per source with its range or figure on an
//! axis from zero, so disagreement shows as bars that do not line up.

use std::collections::BTreeMap;

use dossier_core::{format_count, ActorId, Agreement, Comparison, Estimate, Figure};
use plotters::style::RGBAColor;

use crate::axis::count_axis;
use crate::canvas::{render, Align, Canvas, Font};
use crate::layout::{counted, frame, title, zebra, Columns, MARGIN, NOTE_HEIGHT, TITLE_HEIGHT};
use crate::marks::{legend, Mark, Swatch};
use crate::palette::{
    translucent, AGREE, AXIS, CONFLICT, GRID, INK, MUTED, OVERLAP, SERIES, UNATTRIBUTED,
};
use crate::panels::{plan, Panel, HEADER_HEIGHT, ROW_HEIGHT};
use crate::{ChartError, ChartOptions};

const LABEL_WIDTH: i32 = 300;
const VALUE_WIDTH: i32 = 190;

/// Draws every comparison that has at least one estimate: one panel per measure, each with its
/// own axis from zero; `names` gives the display name of whoever made an estimate.
///
/// The picture is [`ChartOptions::width`] wide and as tall as its rows, up to
/// [`ChartOptions::max_height`]; estimates that do not fit are drawn together as thin strokes
/// in one "+N more" row, and measures that do not fit are counted in a note.
pub fn estimates_png(
    comparisons: &[Comparison<'_>],
    names: &dyn Fn(&ActorId) -> String,
    options: &ChartOptions,
) -> Result<Vec<u8>, ChartError> {
    options.check()?;
    let charted: Vec<&Comparison<'_>> = comparisons
        .iter()
        .filter(|comparison| !comparison.estimates.is_empty())
        .collect();
    if charted.is_empty() {
        return Err(ChartError::Empty("no estimates"));
    }
    let plan = plan(&charted, options.max_height as i32);
    if plan.panels.is_empty() {
        return Err(ChartError::Height(options.max_height));
    }
    let height = plan.height();
    let width = options.width as i32;
    let colors = source_colors(&plan.panels);
    let estimate_count: usize = charted
        .iter()
        .map(|comparison| comparison.estimates.len())
        .sum();
    render(options.width, height as u32, |canvas| {
        frame(canvas, width, height)?;
        let heading = options.title.as_deref().unwrap_or("Estimates by source");
        let summary = format!(
            "{} · {}",
            counted(estimate_count, "estimate", "estimates"),
            counted(charted.len(), "measure", "measures")
        );
        title(canvas, width, heading, &summary)?;
        let columns = Columns::new(width, LABEL_WIDTH, VALUE_WIDTH);
        let mut top = MARGIN + TITLE_HEIGHT;
        for panel in &plan.panels {
            draw_panel(canvas, &columns, panel, top, names, &colors)?;
            top += panel.height();
        }
        if plan.omitted > 0 {
            let text = format!(
                "+{} not shown: chart fewer measures at a time",
                counted(plan.omitted, "more measure", "more measures")
            );
            canvas.text(
                &text,
                (MARGIN, top + 10),
                Align::Left,
                Font::regular(15, INK),
            )?;
            top += NOTE_HEIGHT;
        }
        let entries = [
            (Swatch::Mark(Mark::Bar { color: AXIS }), "range"),
            (
                Swatch::Mark(Mark::HatchedBar { color: AXIS }),
                "approximate range",
            ),
            (Swatch::Mark(Mark::Dot { color: AXIS }), "single figure"),
            (
                Swatch::Mark(Mark::Ring { color: AXIS }),
                "approximate figure",
            ),
        ];
        legend(canvas, &entries, (MARGIN, top + 18), columns.right)?;
        Ok(())
    })
}

/// A colour per source, in order of first appearance on the chart, so one source keeps its
/// colour across measures.
fn source_colors(panels: &[Panel<'_, '_>]) -> BTreeMap<ActorId, RGBAColor> {
    let mut colors = BTreeMap::new();
    for estimate in panels.iter().flat_map(Panel::listed) {
        if let Some(actor) = &estimate.assessed_by {
            let next = SERIES[colors.len() % SERIES.len()];
            colors.entry(actor.clone()).or_insert(next);
        }
    }
    colors
}

fn agreement_color(agreement: Agreement) -> RGBAColor {
    match agreement {
        Agreement::Single => MUTED,
        Agreement::Agree => AGREE,
        Agreement::Overlap => OVERLAP,
        Agreement::Conflict => CONFLICT,
    }
}

/// "reported 28 Apr 2025 · as of Apr 2025", or that no date is given.
fn dates_of(estimate: &Estimate) -> String {
    let reported = estimate
        .reported
        .as_ref()
        .map(|date| format!("reported {}", date.human()));
    let as_of = estimate
        .as_of
        .as_ref()
        .map(|date| format!("as of {}", date.human()));
    let parts: Vec<String> = reported.into_iter().chain(as_of).collect();
    if parts.is_empty() {
        "date not given".to_owned()
    } else {
        parts.join(" · ")
    }
}

fn draw_panel(
    canvas: &Canvas<'_>,
    columns: &Columns,
    panel: &Panel<'_, '_>,
    top: i32,
    names: &dyn Fn(&ActorId) -> String,
    colors: &BTreeMap<ActorId, RGBAColor>,
) -> Result<(), ChartError> {
    let comparison = panel.comparison;
    let agreement_font = Font::regular(16, agreement_color(comparison.agreement));
    let agreement = comparison.agreement.label();
    let agreement_width = canvas.text_width(agreement, agreement_font)?;
    canvas.text(
        agreement,
        (columns.right, top + 16),
        Align::Right,
        agreement_font,
    )?;
    let name_font = Font::bold(18, INK);
    let room = columns.right - columns.label_left - agreement_width - 24;
    let name = canvas.fit(&comparison.measure.name, name_font, room)?;
    canvas.text(
        &name,
        (columns.label_left, top + 16),
        Align::Left,
        name_font,
    )?;

    let largest = comparison
        .estimates
        .iter()
        .map(|estimate| estimate.figure.high())
        .max();
    let max_ticks = (columns.plot_width() / 80).max(2) as u64;
    // A little headroom, so a figure at the top does not sit on the end of the axis.
    let largest = largest.unwrap_or(1);
    let (axis_end, ticks) = count_axis(largest.saturating_add(largest / 20), max_ticks);
    let x_of = |value: u64| {
        let share = value as f64 / axis_end as f64;
        columns.plot_left + (share * f64::from(columns.plot_width())).round() as i32
    };
    let rows_top = top + HEADER_HEIGHT;
    let rows_bottom = rows_top + ROW_HEIGHT * panel.rows() as i32;
    for index in 0..panel.rows() {
        zebra(
            canvas,
            columns,
            index,
            rows_top + ROW_HEIGHT * index as i32,
            ROW_HEIGHT,
        )?;
    }
    for tick in &ticks {
        let x = x_of(u64::try_from(tick.at).unwrap_or(0));
        canvas.line(&[(x, rows_top), (x, rows_bottom)], 1, GRID)?;
    }
    for (index, estimate) in panel.listed().iter().enumerate() {
        let row_top = rows_top + ROW_HEIGHT * index as i32;
        draw_estimate(canvas, columns, estimate, row_top, names, colors, &x_of)?;
    }
    if !panel.rest().is_empty() {
        let row_top = rows_top + ROW_HEIGHT * panel.listed as i32;
        draw_rest(canvas, columns, panel.rest(), row_top, &x_of)?;
    }

    canvas.line(
        &[
            (columns.plot_left, rows_bottom),
            (columns.plot_right, rows_bottom),
        ],
        1,
        AXIS,
    )?;
    let tick_font = Font::regular(14, MUTED);
    for tick in &ticks {
        let x = x_of(u64::try_from(tick.at).unwrap_or(0));
        canvas.line(&[(x, rows_bottom), (x, rows_bottom + 5)], 1, AXIS)?;
        canvas.text(&tick.label, (x, rows_bottom + 16), Align::Center, tick_font)?;
    }
    let unit = canvas.fit(
        &comparison.measure.unit,
        Font::regular(14, MUTED),
        VALUE_WIDTH - 20,
    )?;
    canvas.text(
        &unit,
        (columns.value_left + 16, rows_bottom + 16),
        Align::Left,
        Font::regular(14, MUTED),
    )
}

fn draw_estimate(
    canvas: &Canvas<'_>,
    columns: &Columns,
    estimate: &Estimate,
    row_top: i32,
    names: &dyn Fn(&ActorId) -> String,
    colors: &BTreeMap<ActorId, RGBAColor>,
    x_of: &dyn Fn(u64) -> i32,
) -> Result<(), ChartError> {
    let (who, color) = match &estimate.assessed_by {
        Some(actor) => (
            names(actor),
            colors.get(actor).copied().unwrap_or(UNATTRIBUTED),
        ),
        None => ("Unattributed".to_owned(), UNATTRIBUTED),
    };
    let who_font = Font::regular(17, INK);
    let who = canvas.fit(&who, who_font, columns.label_width)?;
    canvas.text(
        &who,
        (columns.label_left, row_top + 16),
        Align::Left,
        who_font,
    )?;
    let dates_font = Font::regular(14, MUTED);
    let dates = canvas.fit(&dates_of(estimate), dates_font, columns.label_width)?;
    canvas.text(
        &dates,
        (columns.label_left, row_top + 35),
        Align::Left,
        dates_font,
    )?;

    let middle = row_top + ROW_HEIGHT / 2;
    let mark = match (estimate.figure, estimate.approximate) {
        (Figure::Range(..), false) => Mark::Bar { color },
        (Figure::Range(..), true) => Mark::HatchedBar { color },
        (Figure::Point(_), false) => Mark::Dot { color },
        (Figure::Point(_), true) => Mark::Ring { color },
    };
    mark.draw(
        canvas,
        x_of(estimate.figure.low()),
        x_of(estimate.figure.high()),
        middle,
    )?;
    let value_font = Font::regular(16, INK);
    let value = canvas.fit(&estimate.figure_text(), value_font, VALUE_WIDTH)?;
    canvas.text(
        &value,
        (columns.value_left, middle),
        Align::Left,
        value_font,
    )
}

/// The aggregate row: every estimate without a row of its own, each as a faint stroke, so their
/// spread and clusters show without a label each.
fn draw_rest(
    canvas: &Canvas<'_>,
    columns: &Columns,
    rest: &[&Estimate],
    row_top: i32,
    x_of: &dyn Fn(u64) -> i32,
) -> Result<(), ChartError> {
    let heading = format!(
        "+{}",
        counted(rest.len(), "more estimate", "more estimates")
    );
    canvas.text(
        &heading,
        (columns.label_left, row_top + 16),
        Align::Left,
        Font::bold(17, INK),
    )?;
    let note_font = Font::regular(14, MUTED);
    canvas.text(
        "one faint stroke each",
        (columns.label_left, row_top + 35),
        Align::Left,
        note_font,
    )?;
    let middle = row_top + ROW_HEIGHT / 2;
    for estimate in rest {
        let (left, right) = (x_of(estimate.figure.low()), x_of(estimate.figure.high()));
        match estimate.figure {
            Figure::Range(..) => canvas.fill_rect(
                (left, middle - 8),
                (right + 1, middle + 8),
                translucent(UNATTRIBUTED, 0.12),
            )?,
            Figure::Point(_) => canvas.line(
                &[(left, middle - 10), (left, middle + 10)],
                1,
                translucent(INK, 0.45),
            )?,
        }
    }
    let low = rest
        .iter()
        .map(|estimate| estimate.figure.low())
        .min()
        .unwrap_or(0);
    let high = rest
        .iter()
        .map(|estimate| estimate.figure.high())
        .max()
        .unwrap_or(0);
    let spread = if low == high {
        format_count(low)
    } else {
        format!("{}–{}", format_count(low), format_count(high))
    };
    canvas.text(
        &spread,
        (columns.value_left, middle),
        Align::Left,
        Font::regular(16, MUTED),
    )
}
