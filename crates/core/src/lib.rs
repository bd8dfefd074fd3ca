//! Dossier's domain: the facts of a report, their dates and provenance, and the rules for asking
//! about them. This crate does no IO, runs no async code and knows nothing of SQL or Discord.
//!
//! # Brief overview
//! - [`Dossier`] holds every record of one or more reports: [`Source`], [`Actor`], [`Event`],
//!   [`Measure`], [`Estimate`], [`Term`] and [`Claim`], each with a typed id ([`EventId`], …).
//! - [`Edtf`] keeps a date at its real precision ("Jan–Feb 2025", "late 2024") with derived
//!   earliest and latest days.
//! - [`parse_dossier`] reads and validates the seven JSON files as a whole, naming the file, JSON
//!   path and line of every problem; [`embedded`] is the shipped dossier compiled in.
//! - The rules: [`Dossier::define`] and [`rank`] match names ignoring case, punctuation and
//!   diacritics ([`fold`]); [`Dossier::timeline`] filters by overlap of date bounds;
//!   [`Dossier::estimates`] sets figures side by side and flags [`Agreement`] without averaging;
//!   [`Dossier::claims_by`] and [`Dossier::search`].
//!
//! # Example
//! ```
//! use dossier_core::{parse_dossier, DataFile, Edtf, FILE_NAMES};
//!
//! let late_2024: Edtf = "2024-10~/2024-12~".parse().unwrap();
//! assert_eq!(late_2024.human(), "late 2024 (approx.)");
//!
//! let files = FILE_NAMES.map(|name| DataFile { name, contents: "[]" });
//! let dossier = parse_dossier(&files, &[]).unwrap();
//! assert!(dossier.timeline(&Default::default()).is_empty());
//!
//! let broken = FILE_NAMES.map(|name| DataFile {
//!     name,
//!     contents: if name == "terms.json" { "[{}]" } else { "[]" },
//! });
//! let errors = parse_dossier(&broken, &[]).unwrap_err();
//! assert!(errors.to_string().contains("terms.json: $[0] (line 1): missing field"));
//! ```
#![deny(missing_docs)]

pub mod claims;
pub mod edtf;
pub mod embedded;
pub mod estimates;
pub mod id;
mod json_path;
pub mod load;
pub mod lookup;
pub mod matching;
pub mod model;
pub mod search;
pub mod text;
pub mod timeline;
mod validate;

#[cfg(test)]
mod test_dossier;

pub use claims::claims_chronological;
pub use edtf::{Day, Edtf, EdtfError, Precision};
pub use embedded::{embedded, embedded_files, try_embedded};
pub use estimates::{agreement_of, compare, format_count, Agreement, Comparison};
pub use id::{ActorId, ClaimId, EstimateId, EventId, InvalidId, MeasureId, SourceId, TermId};
pub use load::{parse_dossier, to_files, DataFile, LoadError, LoadErrors, FILE_NAMES};
pub use lookup::{Definition, MAX_SUGGESTIONS};
pub use matching::{match_exact, rank, suggest, MatchKind, NameEntry, Ranked, MAX_CHOICES};
pub use model::{
    Actor, ActorKind, Citation, Claim, ClaimKind, DateReading, Dossier, Estimate, Event, Figure,
    FigureError, Measure, Source, Term,
};
pub use search::{Hit, HitKind, SearchDocument};
pub use text::fold;
pub use timeline::{chronological, event_matches, TimelineQuery};
