//! `dossier-bench memory`: build a database in another process (`dossier-bench prepare`),
//! then measure the resident memory of each kind of store query against it, one at a time.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};
use dossier_bench::{memory_usage, reset_peak, LatencySummary, MemoryUsage};
use dossier_core::TimelineQuery;
use dossier_store::{Store, TimelineCount};

/// Options of `dossier-bench memory`.
#[derive(Debug, clap::Args)]
pub(crate) struct MemoryArguments {
    /// An existing database file to query; when absent one is prepared in a temporary folder.
    #[arg(long, conflicts_with = "database_url")]
    db: Option<PathBuf>,
    /// An existing database to query by URL (`postgres://…` or `sqlite://…`), prepared with
    /// `dossier-bench prepare --database-url`.
    #[arg(long)]
    database_url: Option<String>,
    /// Synthetic events for the prepared database; the shipped dossier when absent.
    #[arg(long)]
    events: Option<usize>,
    /// Seed of the synthetic dossier.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Times each query runs.
    #[arg(long, default_value_t = 50)]
    repeat: usize,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

fn say(line: &str) -> anyhow::Result<()> {
    writeln!(std::io::stdout().lock(), "{line}")?;
    Ok(())
}

fn mib(usage: Option<MemoryUsage>) -> String {
    usage.map_or_else(
        || "n/a".to_owned(),
        |usage| {
            format!(
                "peak {:.1} MiB, now {:.1} MiB",
                usage.peak_mib(),
                usage.resident_mib()
            )
        },
    )
}

/// Prepares a database in a child process (so this process never holds the dossier), then
/// measures each query kind's peak resident memory.
pub(crate) fn run(arguments: &MemoryArguments) -> anyhow::Result<()> {
    let temporary = tempfile::TempDir::with_prefix("dossier-memory-")?;
    if let Some(url) = &arguments.database_url {
        say(&format!(
            "before opening the store: {}",
            mib(memory_usage())
        ))?;
        return runtime()?.block_on(measure(Database::Url(url), arguments.repeat));
    }
    let db = match &arguments.db {
        Some(db) => db.clone(),
        None => {
            let db = temporary.path().join("dossier.db");
            let mut command = Command::new(std::env::current_exe()?);
            command.arg("prepare").arg("--db").arg(&db);
            command.arg("--seed").arg(arguments.seed.to_string());
            if let Some(events) = arguments.events {
                command.arg("--events").arg(events.to_string());
            }
            let status = command
                .status()
                .context("cannot run `dossier-bench prepare`")?;
            if !status.success() {
                bail!("`dossier-bench prepare` failed: {status}");
            }
            db
        }
    };
    say(&format!(
        "before opening the store: {}",
        mib(memory_usage())
    ))?;
    runtime()?.block_on(measure(Database::File(&db), arguments.repeat))
}

/// The database measured, which the measurements open twice.
#[derive(Clone, Copy)]
enum Database<'a> {
    Url(&'a str),
    File(&'a Path),
}

impl Database<'_> {
    async fn open(self) -> anyhow::Result<Store> {
        Ok(match self {
            Database::Url(url) => Store::open(url).await?,
            Database::File(path) => Store::open_path(path).await?,
        })
    }
}

/// `text` with its two letters at the middle swapped, as a fast typist does.
fn with_swapped_letters(text: &str) -> String {
    let mut characters: Vec<char> = text.chars().collect();
    if characters.len() >= 4 {
        let middle = characters.len() / 2;
        characters.swap(middle - 1, middle);
    }
    characters.into_iter().collect()
}

async fn measure(database: Database<'_>, repeat: usize) -> anyhow::Result<()> {
    let store = database.open().await?;
    say(&format!("store open (idle): {}", mib(memory_usage())))?;
    // Questions drawn from the store itself, so nothing else sits in memory.
    let first_page = store.timeline(&TimelineQuery::default(), 0, 10).await?;
    let terms = store.complete_terms("").await?;
    let term = terms
        .first()
        .map(|choice| choice.label.clone())
        .unwrap_or_default();
    let misspelt: String = term.chars().rev().collect();
    // A typing mistake: the name with two letters swapped, and its longest word so.
    let typo = with_swapped_letters(&term);
    let word_typo = with_swapped_letters(
        term.split(' ')
            .max_by_key(|word| word.chars().count())
            .unwrap_or_default(),
    );
    let measure = store
        .measures()
        .await?
        .into_iter()
        .next()
        .map(|measure| measure.id);
    let event = first_page.events.first().map(|event| event.id.clone());
    say(&format!(
        "after sampling ({} events in all): {}",
        first_page.total,
        mib(memory_usage())
    ))?;
    macro_rules! phase {
        ($label:expr, $body:expr) => {
            phase!($label, repeat, $body)
        };
        ($label:expr, $times:expr, $body:expr) => {{
            let resetted = reset_peak().is_ok();
            let mut times = Vec::with_capacity($times);
            for _ in 0..$times {
                let started = Instant::now();
                $body;
                times.push(started.elapsed());
            }
            let summary = LatencySummary::of(&times);
            say(&format!(
                "{:<28} p50 {:>10.2?}  p99 {:>10.2?}  {}{}",
                $label,
                summary.map(|summary| summary.p50).unwrap_or_default(),
                summary.map(|summary| summary.p99).unwrap_or_default(),
                mib(memory_usage()),
                if resetted { "" } else { " (peak not reset)" }
            ))?;
        }};
    }
    // As the bot does in the background after a launch: the later rows' close spellings of
    // held kinds come from memory, as they would a moment after the bot started.
    phase!("held kinds (all)", 1, store.warm_held_kinds().await?);
    // What `/timeline` reads: one page, its matches counted up to 10,000.
    let first_timeline_page =
        |query| store.timeline_counting(query, 0, 8, TimelineCount::UpTo(10_000));
    let everything = TimelineQuery::default();
    phase!(
        "timeline first page",
        first_timeline_page(&everything).await?
    );
    phase!(
        "timeline page 100",
        store
            .timeline_counting(&everything, 792, 8, TimelineCount::Skip)
            .await?
    );
    let year_2024 = TimelineQuery {
        from: "2024".parse().ok(),
        to: "2024".parse().ok(),
        ..TimelineQuery::default()
    };
    phase!("timeline 2024", first_timeline_page(&year_2024).await?);
    let text = TimelineQuery {
        text: Some("kursk".to_owned()),
        ..TimelineQuery::default()
    };
    phase!("timeline text \"kursk\"", first_timeline_page(&text).await?);
    let two_words = TimelineQuery {
        text: Some("korean units".to_owned()),
        ..TimelineQuery::default()
    };
    phase!(
        "timeline text, two words",
        first_timeline_page(&two_words).await?
    );
    let text_in_2024 = TimelineQuery {
        text: Some("kursk".to_owned()),
        ..year_2024.clone()
    };
    phase!(
        "timeline 2024 + \"kursk\"",
        first_timeline_page(&text_in_2024).await?
    );
    // A phrase in a fifth of the events, from a month on: open-ended, so every earlier event
    // still running may be kept.
    let phrase_since = TimelineQuery {
        from: "2025-03".parse().ok(),
        ..two_words.clone()
    };
    phase!(
        "timeline 2025-03.. + 2 words",
        first_timeline_page(&phrase_since).await?
    );
    if let Some(actor) = first_page
        .events
        .first()
        .and_then(|event| event.actors.first())
    {
        let of_actor = TimelineQuery {
            actors: vec![actor.clone()],
            ..TimelineQuery::default()
        };
        phase!("timeline actor", first_timeline_page(&of_actor).await?);
    }
    if let Some(event) = &event {
        phase!("event by id", store.event(event).await?);
    }
    phase!("define exact", store.define(&term).await?);
    phase!("define miss", store.define(&misspelt).await?);
    // One letter is answered from the database the first time for each dossier, then from
    // memory: each letter once shows the first time, the same letter again the rest.
    let mut letters = ('a'..='z').map(String::from);
    phase!(
        "autocomplete 1 letter, first",
        26,
        store
            .complete_terms(&letters.next().unwrap_or_default())
            .await?
    );
    phase!(
        "autocomplete 1 letter, again",
        store.complete_terms("k").await?
    );
    phase!("autocomplete 3 letters", store.complete_terms("kor").await?);
    phase!("define typo (name)", store.define(&typo).await?);
    phase!(
        "autocomplete typo (word)",
        store.complete_terms(&word_typo).await?
    );
    // Events are typed by their headlines' words (synthetic dossiers): two letters that start
    // a twelfth of all headlines, and two that start none but begin a later word in two of five.
    phase!(
        "autocomplete event 're'",
        store.complete_events("re").await?
    );
    phase!(
        "autocomplete event 'on'",
        store.complete_events("on").await?
    );
    phase!(
        "autocomplete typo (event)",
        store.complete_events("Ukrainain forces").await?
    );
    if let Some(measure) = &measure {
        phase!(
            "estimates by measure",
            store.estimates(Some(measure)).await?
        );
    }
    phase!("search", store.search("north korean units", 10).await?);
    // What /search did before it held its answers as their words (40 hits' snippets), and
    // what it does now (the first page's).
    phase!(
        "search, 40 hits",
        store.search("north korean units", 40).await?
    );
    phase!(
        "search, first page of 40",
        store
            .search_page("north korean units", 40, 0..8)
            .await?
            .hits
    );
    // What the bot does in the background after a launch, on a store that has answered
    // nothing yet.
    let fresh = database.open().await?;
    phase!(
        "first keystrokes ahead (all)",
        1,
        fresh.warm_first_keystrokes().await?
    );
    fresh.close().await;
    store.close().await;
    Ok(())
}
