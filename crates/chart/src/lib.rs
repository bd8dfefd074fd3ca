//! Dossier's charts: the estimates of each measure as ranges on a shared axis, and the timeline
//! as marks on a calendar axis, drawn as PNG bytes. Pure rendering: no files, no network, no
//! async; text is set in DejaVu Sans compiled into the crate, so no system font is needed and the
//! same input always gives the same bytes.
//!
//! # Brief overview
//! - [`estimates_png`] draws one panel per [`Comparison`]: each source's range as a bar or its
//!   single figure as a dot, labelled with who gave it and when, approximate figures hatched or
//!   hollow, on an axis from zero with thousands separators.
//! - [`timeline_png`] draws one row per [`Event`]: exact days as dots, months and ranges as
//!   spans, approximate or uncertain dates hatched in a second colour, dates far off the main
//!   period as arrows at the edge.
//! - [`ChartOptions`] sets the width, the height the picture may grow to and the title. When
//!   rows do not fit, the rest are aggregated (a strip of every remaining figure, a histogram of
//!   every event) and counted in a "+N more" note, so large inputs stay legible.
//! - [`ChartError`] says why nothing was drawn.
//!
//! # Example
//! ```
//! use dossier_chart::{estimates_png, timeline_png, ChartOptions};
//!
//! let dossier = dossier_core::embedded();
//! let options = ChartOptions::default();
//! let comparisons = dossier.estimates(None);
//! let names = |actor: &dossier_core::ActorId| dossier.actor_name(actor).to_owned();
//! let estimates = estimates_png(&comparisons, &names, &options).unwrap();
//! assert!(estimates.starts_with(b"\x89PNG"));
//!
//! let events = dossier.timeline(&Default::default());
//! let timeline = timeline_png(&events, &options).unwrap();
//! assert_eq!(timeline, timeline_png(&events, &options).unwrap());
//! ```
#![deny(missing_docs)]

mod axis;
mod canvas;
mod estimates;
mod layout;
mod marks;
mod palette;
mod panels;
mod timeline;
mod window;

pub use estimates::estimates_png;
pub use timeline::timeline_png;

#[cfg(doc)]
use dossier_core::{Comparison, Event};

/// Width of a chart unless told otherwise, in pixels.
pub const DEFAULT_WIDTH: u32 = 1000;
/// Height a chart may grow to unless told otherwise, in pixels.
pub const DEFAULT_MAX_HEIGHT: u32 = 1400;
/// Narrowest chart drawn: labels, marks and figures need this much room side by side.
pub const MIN_WIDTH: u32 = 800;
/// Widest chart drawn.
pub const MAX_WIDTH: u32 = 4000;
/// Lowest height limit accepted: room for a title, one panel of one row, and the legend.
pub const MIN_HEIGHT: u32 = 320;
/// Highest height limit accepted.
pub const MAX_HEIGHT: u32 = 4000;

/// How big a chart is and what it is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartOptions {
    /// Width of the picture in pixels, [`MIN_WIDTH`] to [`MAX_WIDTH`].
    pub width: u32,
    /// The picture is as tall as its rows need, up to this many pixels ([`MIN_HEIGHT`] to
    /// [`MAX_HEIGHT`]); rows that do not fit are aggregated and counted.
    pub max_height: u32,
    /// The heading; each chart has its own when `None`.
    pub title: Option<String>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Self {
            width: DEFAULT_WIDTH,
            max_height: DEFAULT_MAX_HEIGHT,
            title: None,
        }
    }
}

impl ChartOptions {
    fn check(&self) -> Result<(), ChartError> {
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&self.width) {
            return Err(ChartError::Width(self.width));
        }
        if !(MIN_HEIGHT..=MAX_HEIGHT).contains(&self.max_height) {
            return Err(ChartError::Height(self.max_height));
        }
        Ok(())
    }
}

/// Why a chart was not drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChartError {
    /// There was nothing to draw: no estimate, or no event.
    #[error("nothing to chart: {0}")]
    Empty(&'static str),
    /// [`ChartOptions::width`] is out of range.
    #[error("chart width must be {MIN_WIDTH}-{MAX_WIDTH} px, not {0}")]
    Width(u32),
    /// [`ChartOptions::max_height`] is out of range.
    #[error("chart height limit must be {MIN_HEIGHT}-{MAX_HEIGHT} px, not {0}")]
    Height(u32),
    /// The shipped font could not be read.
    #[error("the chart font could not be loaded")]
    Font,
    /// Plotters refused to draw.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// The picture could not be encoded.
    #[error("encoding the chart as PNG failed: {0}")]
    Encode(#[from] png::EncodingError),
}
