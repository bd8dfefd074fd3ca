//! The page both charts share: margins, the frame, the title line and the columns of a row.

use crate::canvas::{Align, Canvas, Font};
use crate::palette::{FRAME, INK, MUTED, ZEBRA};
use crate::ChartError;

/// Space between the frame and anything drawn.
pub(crate) const MARGIN: i32 = 20;
/// Height of the title line, including the space below it.
pub(crate) const TITLE_HEIGHT: i32 = 48;
/// Height of the legend line at the bottom, including the space above it.
pub(crate) const LEGEND_HEIGHT: i32 = 40;
/// Height of a one-line note ("+N more").
pub(crate) const NOTE_HEIGHT: i32 = 28;

/// The horizontal columns of a row: labels on the left, marks in the middle, and a column on
/// the right for figures (estimates) or nothing (timeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    /// Left edge of the labels.
    pub(crate) label_left: i32,
    /// Widest a label may be.
    pub(crate) label_width: i32,
    /// Left edge of the marks (zero, or the first day shown).
    pub(crate) plot_left: i32,
    /// Right edge of the marks (the end of the axis).
    pub(crate) plot_right: i32,
    /// Left edge of the right-hand column.
    pub(crate) value_left: i32,
    /// Right edge of everything.
    pub(crate) right: i32,
}

impl Columns {
    /// Columns for a picture `width` pixels wide, with labels and right column as wide as given.
    pub(crate) fn new(width: i32, label_width: i32, value_width: i32) -> Self {
        let right = width - MARGIN;
        let value_left = right - value_width;
        let plot_left = MARGIN + label_width + 16;
        let plot_right = if value_width > 0 {
            value_left - 18
        } else {
            right - 12
        };
        Self {
            label_left: MARGIN,
            label_width,
            plot_left,
            plot_right,
            value_left,
            right,
        }
    }

    /// Width of the marks area.
    pub(crate) fn plot_width(&self) -> i32 {
        self.plot_right - self.plot_left
    }
}

/// Draws the one-pixel frame around the whole picture.
pub(crate) fn frame(canvas: &Canvas<'_>, width: i32, height: i32) -> Result<(), ChartError> {
    canvas.outline_rect((0, 0), (width, height), FRAME)
}

/// Draws the title on the left of the top line and `summary` (muted) on its right.
pub(crate) fn title(
    canvas: &Canvas<'_>,
    width: i32,
    title: &str,
    summary: &str,
) -> Result<(), ChartError> {
    let summary_font = Font::regular(15, MUTED);
    let title_font = Font::bold(22, INK);
    let y = MARGIN + 14;
    let summary_width = canvas.text_width(summary, summary_font)?;
    canvas.text(summary, (width - MARGIN, y), Align::Right, summary_font)?;
    let room = width - 2 * MARGIN - summary_width - 24;
    let title = canvas.fit(title, title_font, room)?;
    canvas.text(&title, (MARGIN, y), Align::Left, title_font)
}

/// Shades a row band from `top`, `height` pixels tall, across the whole width, when `index` is
/// odd (every other row), so a label and its mark read as one line.
pub(crate) fn zebra(
    canvas: &Canvas<'_>,
    columns: &Columns,
    index: usize,
    top: i32,
    height: i32,
) -> Result<(), ChartError> {
    if index % 2 == 1 {
        canvas.fill_rect(
            (columns.label_left - 8, top),
            (columns.right + 8, top + height),
            ZEBRA,
        )?;
    }
    Ok(())
}

/// "1 event", "2 events".
pub(crate) fn counted(count: usize, singular: &str, plural: &str) -> String {
    let noun = if count == 1 { singular } else { plural };
    format!("{} {noun}", dossier_core::format_count(count as u64))
}
