//! The colours of every chart: dark ink on an opaque off-white card, which reads the same on
//! Discord's dark and light themes, and series colours from the Okabe–Ito colour-blind-safe set.

use plotters::style::RGBAColor;

const fn opaque(red: u8, green: u8, blue: u8) -> RGBAColor {
    RGBAColor(red, green, blue, 1.0)
}

/// The card the chart is drawn on.
pub(crate) const BACKGROUND: RGBAColor = opaque(0xFB, 0xFB, 0xF8);
/// The one-pixel frame around the card, so it stands apart from a light page too.
pub(crate) const FRAME: RGBAColor = opaque(0x9A, 0xA0, 0xA6);
/// Every other row, behind the labels and marks.
pub(crate) const ZEBRA: RGBAColor = opaque(0xF0, 0xF1, 0xEE);
/// Grid lines behind the marks.
pub(crate) const GRID: RGBAColor = opaque(0xD9, 0xDC, 0xDF);
/// Axis lines.
pub(crate) const AXIS: RGBAColor = opaque(0x6B, 0x71, 0x78);
/// Main text.
pub(crate) const INK: RGBAColor = opaque(0x1F, 0x23, 0x28);
/// Secondary text: dates, units, notes.
pub(crate) const MUTED: RGBAColor = opaque(0x5A, 0x61, 0x6B);

/// Sources with no known author.
pub(crate) const UNATTRIBUTED: RGBAColor = opaque(0x70, 0x76, 0x80);
/// One colour per source, in order of first appearance; repeats after the last.
pub(crate) const SERIES: [RGBAColor; 6] = [
    opaque(0x00, 0x72, 0xB2), // blue
    opaque(0xD5, 0x5E, 0x00), // vermillion
    opaque(0x00, 0x9E, 0x73), // bluish green
    opaque(0xCC, 0x79, 0xA7), // reddish purple
    opaque(0xB0, 0x7A, 0x00), // dark orange
    opaque(0x3D, 0x8F, 0xC6), // sky blue, darkened to read on the card
];

/// Timeline marks whose dates are certain (a day, a month, a range of days).
pub(crate) const CERTAIN: RGBAColor = opaque(0x00, 0x72, 0xB2);
/// Timeline marks whose dates are approximate or uncertain.
pub(crate) const APPROXIMATE: RGBAColor = opaque(0xC2, 0x5E, 0x00);

/// Sources disagree and at least two figures share no value.
pub(crate) const CONFLICT: RGBAColor = opaque(0xB3, 0x26, 0x1E);
/// Sources disagree but every two figures overlap.
pub(crate) const OVERLAP: RGBAColor = opaque(0x9A, 0x5B, 0x00);
/// Sources give the same figure.
pub(crate) const AGREE: RGBAColor = opaque(0x2E, 0x7D, 0x32);

/// `color` with the given opacity.
pub(crate) const fn translucent(color: RGBAColor, alpha: f64) -> RGBAColor {
    RGBAColor(color.0, color.1, color.2, alpha)
}
