//! Dossier's domain: the facts of a report, their dates and provenance, and the rules for asking
//! about them. This crate does no IO, runs no async code and knows nothing of SQL or Discord.
//!
//! # Brief overview
//! - [`Dossier`] holds every record of one or more reports: [`Source`], [`Actor`], [`Event`],
//!   [`Measure`], [`Estimate`], [`Term`] and [`Claim`], each with a typed id ([`EventId`], …).
//! - [`Edtf`] keeps a date at its real precision ("Jan–Feb 2025", "late 2024") with derived
//!   earliest and latest days.
//!
//! # Example
//! ```
//! use dossier_core::Edtf;
//!
//! let late_2024: Edtf = "2024-10~/2024-12~".parse().unwrap();
//! assert_eq!(late_2024.human(), "late 2024 (approx.)");
//! ```
#![deny(missing_docs)]

pub mod edtf;
pub mod id;
pub mod model;

pub use edtf::{Day, Edtf, EdtfError, Precision};
pub use id::{ActorId, ClaimId, EstimateId, EventId, InvalidId, MeasureId, SourceId, TermId};
pub use model::{
    Actor, ActorKind, Citation, Claim, ClaimKind, DateReading, Dossier, Estimate, Event, Figure,
    FigureError, Measure, Source, Term,
};
