//! Dossier's store: the runtime source of truth for the bot and the CLI, on SQLite (embedded,
//! the default) or PostgreSQL (shared by several processes or hosts). It is the only crate that
//! contains SQL; both engines answer every question the same way.
//!
//! # Brief overview
//! - [`Store`] opens a database ([`Store::open`], [`Store::open_path`],
//!   [`Store::open_in_memory`]; default [`DEFAULT_DATABASE_URL`]). The URL's scheme chooses
//!   the engine ([`DatabaseKind`]): `postgres://` or `postgresql://` for PostgreSQL, else
//!   SQLite with explicit options (create if missing, WAL, `synchronous = NORMAL`, foreign
//!   keys, a busy timeout). Opening applies the embedded migrations: [`MIGRATOR`] (top-level
//!   `migrations/`) or [`POSTGRES_MIGRATOR`] (`migrations/postgres/`).
//! - [`Store::import`] loads a validated [`Dossier`] in one transaction keyed by its content
//!   hash: unchanged → nothing written; changed → replaced atomically; a failure leaves the
//!   previous dossier intact. Importers queue one at a time (across processes on PostgreSQL)
//!   and readers see the old or the new dossier, never a mix. It reports an [`ImportReport`].
//! - Questions, answered with core types: [`Store::timeline`] ([`TimelinePage`]; or
//!   [`Store::timeline_counting`], counting the matches only as far as [`TimelineCount`] says),
//!   [`Store::event`], [`Store::define`] ([`Definition`]), [`Store::glossary`], [`Store::term`],
//!   [`Store::estimates`] ([`MeasureEstimates`]), [`Store::measures`], [`Store::claims`],
//!   [`Store::counter_claims`], [`Store::actors`], [`Store::resolve_actor`],
//!   [`Store::actor_family`], [`Store::sources`], [`Store::reference_records`] (sources and
//!   actors, decoded once per imported dossier), [`Store::dossier`], and autocomplete
//!   ([`Store::complete_terms`] and friends, at most 25 [`Choice`]s; one typed character is
//!   answered from memory after its first time per imported dossier). SQL narrows the
//!   candidates with indexes; core's rules (matching, timeline filter and order, estimate
//!   comparison, claim order) decide — they are called, not copied.
//! - Kinds of names of up to [`DEFAULT_HELD_HOLDINGS`] words (a 100,000-term glossary) have
//!   their words, names and name keys held in memory per imported dossier, so that misspelt
//!   names, and names starting with or containing typed text, are answered with few reads ([`Store::with_held_kinds`] sets the limit, 0 holds
//!   none; [`Store::warm_held_kinds`] holds them ahead). The answers are the same either way.
//! - [`Store::search`]: full-text search over events, estimates, terms, claims and actors (FTS5
//!   and BM25 on SQLite, `tsvector`, GIN and `ts_rank` on PostgreSQL), with snippets
//!   highlighted by [`HIGHLIGHT_START`]/[`HIGHLIGHT_END`]. Any user text is safe.
//!   [`Store::search_page`] reads one page of the answer ([`SearchPage`]), making snippets for
//!   its hits only.
//! - Per-server tables, every call taking a [`GuildId`]: server glossaries with versions and
//!   history ([`Store::add_guild_term`], [`Store::edit_guild_term`],
//!   [`Store::remove_guild_term`], [`Store::guild_terms`], [`Store::guild_term`],
//!   [`Store::guild_term_history`], [`Store::complete_guild_terms`]), the moderator role, and
//!   usage counts ([`Store::record_usage`], [`Store::record_usage_batch`],
//!   [`Store::usage_stats`]).
//! - [`read_dossier_dir`] reads a dossier folder from disk for [`Store::import`].
//! - [`ScratchSchema`]: a throw-away PostgreSQL schema for tests and benchmarks.
//!
//! Errors are [`StoreError`] (and [`GuildTermError`] for glossary edits, [`ReadError`] for
//! folders). Their `Display` text is for logs; show users a generic message, except for
//! [`GuildTermError`]'s user-facing variants.
//!
//! # Example
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use dossier_store::{Definition, Store};
//!
//! let store = Store::open("sqlite://dossier.db").await?;
//! let report = store.import(dossier_core::embedded()).await?;
//! println!("imported {} terms (changed: {})", report.counts.terms, report.changed);
//! if let Definition::Found { term, .. } = store.define("U.N. Charter").await? {
//!     println!("{}: {}", term.name, term.definition);
//! }
//! for hit in store.search("troops kursk", 5).await? {
//!     println!("{} — {}", hit.title, hit.snippet);
//! }
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod backend;
mod claims;
mod complete;
mod connection;
mod contains;
mod error;
mod estimates;
mod first_keystroke;
mod fuzzy;
mod guild;
mod held;
mod import;
mod lookup;
mod names;
mod payload;
mod per_kind;
mod read;
mod records;
mod references;
mod remembered;
mod scratch;
mod search;
mod shortest;
mod small_kinds;
mod timeline;
mod vocabulary;

pub use backend::DatabaseKind;
pub use complete::{Choice, MAX_CHOICE_LABEL_CHARS};
pub use connection::{Store, BUSY_TIMEOUT, DEFAULT_DATABASE_URL, MIGRATOR, POSTGRES_MIGRATOR};
pub use error::StoreError;
pub use estimates::MeasureEstimates;
pub use guild::{
    today_utc, GuildId, GuildTerm, GuildTermAction, GuildTermChange, GuildTermEdit, GuildTermError,
    GuildTermProblem, GuildTermSnapshot, NewGuildTerm, UsageCount, UsageStats, UsageTally, UserId,
    MAX_ALIASES, MAX_DEFINITION_CHARS, MAX_NAME_CHARS,
};
pub use held::DEFAULT_HELD_HOLDINGS;
pub use import::{ImportReport, RecordCounts};
pub use lookup::Definition;
pub use read::{read_dossier_dir, ReadError};
pub use references::ReferenceRecords;
pub use scratch::ScratchSchema;
pub use search::{SearchPage, HIGHLIGHT_END, HIGHLIGHT_START, MAX_SEARCH_HITS};
pub use timeline::{TimelineCount, TimelinePage};

pub use dossier_core::{Dossier, Hit, HitKind, TimelineQuery};
