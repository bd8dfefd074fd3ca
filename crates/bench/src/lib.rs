//! Dossier's performance tooling: synthetic dossiers of any size, databases to measure
//! against, and memory readings; the Criterion benches under `benches/` and the
//! `dossier-bench` binary build on it.
//!
//! # Brief overview
//! - [`DossierSpec`] sizes a synthetic dossier (events, terms, estimates, claims, seed);
//!   [`generate_dossier`] builds it in memory and [`write_dossier`] streams it to a dossier
//!   folder. Both are deterministic from the seed and always pass
//!   [`dossier_core::parse_dossier`].
//! - [`PreparedStore`] imports a dossier into a database file in a temporary folder;
//!   [`samples_of`] draws realistic questions ([`Samples`]) from a dossier.
//! - [`LatencySummary`] gives nearest-rank percentiles of measured durations.
//! - [`memory_usage`] reads the resident and peak memory of this process; [`reset_peak`]
//!   starts a new peak.
//!
//! # Example
//! ```
//! use dossier_bench::{generate_dossier, DossierSpec};
//!
//! let spec = DossierSpec { events: 200, terms: 50, estimates: 12, claims: 30, seed: 7 };
//! let dossier = generate_dossier(&spec).unwrap();
//! assert_eq!(dossier.events.len(), 200);
//! let files = dossier_core::to_files(&dossier).unwrap();
//! let files = files.each_ref().map(|(name, text)| dossier_core::DataFile { name, contents: text });
//! assert!(dossier_core::parse_dossier(&files, &[]).is_ok());
//! ```
#![deny(missing_docs)]

pub mod fixtures;
pub mod generate;
pub mod latency;
pub mod memory;

pub use fixtures::{samples_of, FixtureError, PreparedStore, Samples};
pub use generate::{generate_dossier, write_dossier, DossierSpec, GenerateError};
pub use latency::{per_second, LatencySummary};
pub use memory::{memory_usage, memory_usage_of, reset_peak, MemoryUsage};
