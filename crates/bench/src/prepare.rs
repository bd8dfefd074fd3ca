//! `dossier-bench prepare`: import a dossier (the shipped one or a synthetic one) into an
//! SQLite file or a PostgreSQL database, timing generation, validation, hashing and the import,
//! and optionally each phase of the import.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use dossier_bench::{generate_dossier, DossierSpec};
use dossier_core::{parse_dossier, to_files, DataFile, Dossier};
use dossier_store::Store;
use tracing_subscriber::fmt::format::FmtSpan;

/// Options of `dossier-bench prepare`.
#[derive(Debug, clap::Args)]
pub(crate) struct PrepareArguments {
    /// Synthetic events; the shipped dossier when absent.
    #[arg(long)]
    events: Option<usize>,
    /// Seed of the synthetic dossier.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The SQLite database file to create (or import into again).
    #[arg(
        long,
        required_unless_present = "database_url",
        conflicts_with = "database_url"
    )]
    db: Option<PathBuf>,
    /// A database URL instead of a file, e.g. `postgres://user:password@host/database`
    /// (append `?options=-c%20search_path%3Dname` to use a schema of its own).
    #[arg(long)]
    database_url: Option<String>,
    /// Also write the dossier as its seven JSON files in memory and read them back through
    /// `parse_dossier`, timing what a bot pays to load and validate a folder.
    #[arg(long)]
    validate: bool,
    /// Print the time of each phase of the import (the store's `import.*` spans) on stderr.
    #[arg(long)]
    phases: bool,
}

fn say(line: &str) -> anyhow::Result<()> {
    writeln!(std::io::stdout().lock(), "{line}")?;
    Ok(())
}

/// Installs a subscriber printing the store's `import.*` spans as they close, with their
/// busy and idle times.
fn show_phases() {
    tracing_subscriber::fmt()
        .with_env_filter("dossier_store=debug")
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(std::io::stderr)
        .init();
}

/// The dossier to import and how long making it took.
fn dossier_of(arguments: &PrepareArguments) -> anyhow::Result<(Dossier, Duration)> {
    let started = Instant::now();
    let dossier = match arguments.events {
        Some(events) => generate_dossier(&DossierSpec::scaled(events, arguments.seed))?,
        None => dossier_core::embedded().clone(),
    };
    Ok((dossier, started.elapsed()))
}

/// Writes `dossier` as JSON files and parses them back, returning the time of each half.
fn round_trip(dossier: &Dossier) -> anyhow::Result<(Duration, Duration)> {
    let started = Instant::now();
    let files = to_files(dossier)?;
    let written = started.elapsed();
    let started = Instant::now();
    let data_files = files
        .each_ref()
        .map(|(name, contents)| DataFile { name, contents });
    let parsed = parse_dossier(&data_files, &[])
        .map_err(|errors| anyhow::anyhow!("the dossier does not read back: {errors}"))?;
    let read = started.elapsed();
    anyhow::ensure!(&parsed == dossier, "the dossier reads back different");
    Ok((written, read))
}

pub(crate) fn run(arguments: &PrepareArguments) -> anyhow::Result<()> {
    if arguments.phases {
        show_phases();
    }
    let (dossier, generated_in) = dossier_of(arguments)?;
    say(&format!(
        "dossier: {} events, {} terms, {} estimates, {} claims, made in {generated_in:.2?}",
        dossier.events.len(),
        dossier.terms.len(),
        dossier.estimates.len(),
        dossier.claims.len()
    ))?;
    if arguments.validate {
        let (written, read) = round_trip(&dossier)?;
        say(&format!(
            "core: written as JSON in {written:.2?}, parsed and validated in {read:.2?}"
        ))?;
    }
    let started = Instant::now();
    let hash = dossier.content_hash();
    say(&format!(
        "core: content hash {} in {:.2?}",
        &hash[..12],
        started.elapsed()
    ))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let store = match (&arguments.db, &arguments.database_url) {
            (_, Some(url)) => Store::open(url).await,
            (Some(db), None) => Store::open_path(db).await,
            (None, None) => anyhow::bail!("give --db or --database-url"),
        }
        .context("cannot open the database")?;
        let started = Instant::now();
        let report = store.import(&dossier).await?;
        let import_time = started.elapsed();
        store.close().await;
        say(&format!(
            "import into {} ({}): {import_time:.2?}{}",
            arguments.db.as_ref().map_or_else(
                || "the database URL".to_owned(),
                |db| db.display().to_string()
            ),
            store.database_kind().label(),
            if report.changed {
                ""
            } else {
                " (unchanged: nothing written)"
            }
        ))
    })
}
