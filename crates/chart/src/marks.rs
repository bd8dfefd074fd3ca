//! The marks both charts draw: solid and hatched bars, dots and rings, edge arrows, and the
//! legend that explains them.

use plotters::style::RGBAColor;

use crate::canvas::{Align, Canvas, Font};
use crate::palette::{translucent, MUTED};
use crate::ChartError;

/// One mark, drawn centred on a row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mark {
    /// A certain range: a filled bar.
    Bar { color: RGBAColor },
    /// A range known for certain but coarser than a day: a translucent bar with an outline.
    Span { color: RGBAColor },
    /// An approximate range: a pale bar with diagonal stripes and a solid outline.
    HatchedBar { color: RGBAColor },
    /// A certain single value or day.
    Dot { color: RGBAColor },
    /// An approximate single value.
    Ring { color: RGBAColor },
}

/// Half the height of a bar, and the radius of a dot.
pub(crate) const HALF_HEIGHT: i32 = 8;
/// Bars are never drawn narrower than this, so a short range stays visible.
const MIN_BAR_WIDTH: i32 = 6;

impl Mark {
    /// Draws the mark from `x0` to `x1` (the same for dots) around `y`.
    pub(crate) fn draw(
        self,
        canvas: &Canvas<'_>,
        x0: i32,
        x1: i32,
        y: i32,
    ) -> Result<(), ChartError> {
        let (mut left, mut right) = (x0.min(x1), x0.max(x1));
        if right - left < MIN_BAR_WIDTH {
            let middle = (left + right) / 2;
            left = middle - MIN_BAR_WIDTH / 2;
            right = left + MIN_BAR_WIDTH;
        }
        let (top, bottom) = (y - HALF_HEIGHT, y + HALF_HEIGHT);
        match self {
            Mark::Bar { color } => {
                canvas.fill_rect((left, top), (right, bottom), translucent(color, 0.85))?;
                canvas.outline_rect((left, top), (right, bottom), color)
            }
            Mark::Span { color } => {
                canvas.fill_rect((left, top), (right, bottom), translucent(color, 0.4))?;
                canvas.outline_rect((left, top), (right, bottom), color)
            }
            Mark::HatchedBar { color } => {
                canvas.fill_rect((left, top), (right, bottom), translucent(color, 0.16))?;
                canvas.hatch_rect((left, top), (right, bottom), 6, translucent(color, 0.9))?;
                canvas.outline_rect((left, top), (right, bottom), color)?;
                canvas.outline_rect((left + 1, top + 1), (right - 1, bottom - 1), color)
            }
            Mark::Dot { color } => canvas.disc(((x0 + x1) / 2, y), HALF_HEIGHT - 1, color),
            Mark::Ring { color } => {
                let center = ((x0 + x1) / 2, y);
                canvas.disc(center, HALF_HEIGHT - 1, translucent(color, 0.15))?;
                canvas.ring(center, HALF_HEIGHT - 1, 3, color)
            }
        }
    }
}

/// A triangle at `x` pointing left (`pointing_left`) or right: the mark goes on past the axis.
pub(crate) fn edge_arrow(
    canvas: &Canvas<'_>,
    x: i32,
    y: i32,
    pointing_left: bool,
    color: RGBAColor,
) -> Result<(), ChartError> {
    let (tip, base) = if pointing_left {
        (x, x + 11)
    } else {
        (x, x - 11)
    };
    canvas.polygon(
        &[(tip, y), (base, y - HALF_HEIGHT), (base, y + HALF_HEIGHT)],
        color,
    )
}

/// What the legend shows for one entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Swatch {
    /// A short sample of a mark.
    Mark(Mark),
    /// An arrow pointing left.
    Arrow(RGBAColor),
}

/// Draws the legend entries left to right from `x` on the line `y`; returns where it ended.
pub(crate) fn legend(
    canvas: &Canvas<'_>,
    entries: &[(Swatch, &str)],
    (x, y): (i32, i32),
    max_x: i32,
) -> Result<i32, ChartError> {
    let font = Font::regular(14, MUTED);
    let mut cursor = x;
    for (swatch, label) in entries {
        let label_width = canvas.text_width(label, font)?;
        if cursor + 34 + label_width > max_x {
            break;
        }
        match swatch {
            Swatch::Mark(
                mark @ (Mark::Bar { .. } | Mark::Span { .. } | Mark::HatchedBar { .. }),
            ) => {
                mark.draw(canvas, cursor, cursor + 26, y)?;
            }
            Swatch::Mark(mark) => mark.draw(canvas, cursor + 13, cursor + 13, y)?,
            Swatch::Arrow(color) => edge_arrow(canvas, cursor + 8, y, true, *color)?,
        }
        canvas.text(label, (cursor + 32, y), Align::Left, font)?;
        cursor += 32 + label_width + 24;
    }
    Ok(cursor)
}
