//! `dossier-bench load`: the real bot (a release `dossier-bot` process) against the fake
//! Discord on loopback, fired at concurrently, with latency from dispatch to callback, the
//! throughput, the ratio to `/ping`, the bot's memory and its time to register commands.

mod bot_process;
mod scenarios;
mod summary;

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use dossier_bench::{generate_dossier, write_dossier, DossierSpec, LatencySummary};
use dossier_testkit::{FakeConfig, FakeDiscord};

use crate::load::bot_process::{BotLaunch, BotProcess};
use crate::load::scenarios::{fire, Questions, Scenario, ScenarioResult};
use crate::load::summary::report_runs;

/// Options of `dossier-bench load`.
#[derive(Debug, clap::Args)]
pub(crate) struct LoadArguments {
    /// The `dossier-bot` binary (build it with `cargo build --release -p dossier-bot`);
    /// defaults to the one beside this binary.
    #[arg(long)]
    bot: Option<PathBuf>,
    /// Load a synthetic dossier of this many events (with proportionate other tables) instead
    /// of the shipped one.
    #[arg(long)]
    events: Option<usize>,
    /// Interactions per scenario.
    #[arg(long, default_value_t = 2_000)]
    count: usize,
    /// Interactions in flight at once.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Longest a scenario may run, in seconds; it stops sending after that.
    #[arg(long, default_value_t = 60)]
    max_seconds: u64,
    /// Seed of the synthetic dossier.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The bot's database. By default a fresh SQLite file in a temporary folder; give a
    /// `postgres://` URL (of an existing, empty database) to measure PostgreSQL.
    #[arg(long)]
    database_url: Option<String>,
    /// Scenarios to run, comma-separated (all six by default).
    #[arg(long, value_enum, value_delimiter = ',')]
    only: Vec<Scenario>,
    /// How many times to run the scenarios against the same bot; with more than one, each
    /// scenario's median and spread over the runs follow.
    #[arg(long, default_value_t = 1)]
    runs: usize,
}

fn say(line: &str) -> anyhow::Result<()> {
    writeln!(std::io::stdout().lock(), "{line}")?;
    Ok(())
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn default_bot_binary() -> anyhow::Result<PathBuf> {
    let me = std::env::current_exe()?;
    let folder = me.parent().context("this binary has no folder")?;
    Ok(folder.join("dossier-bot"))
}

/// Runs every scenario and prints the report.
pub(crate) fn run(arguments: &LoadArguments) -> anyhow::Result<()> {
    dossier_testkit::loopback::isolate_from_proxies();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(drive(arguments))
}

async fn drive(arguments: &LoadArguments) -> anyhow::Result<()> {
    let folder = tempfile::TempDir::with_prefix("dossier-load-")?;
    let (dossier_folder, questions) = match arguments.events {
        Some(events) => {
            let spec = DossierSpec::scaled(events, arguments.seed);
            let data = folder.path().join("data");
            write_dossier(&spec, &data)?;
            // The questions come from the same dossier; only a sample is kept.
            let questions = Questions::of(&generate_dossier(&spec)?);
            (Some(data), questions)
        }
        None => (None, Questions::of(dossier_core::embedded())),
    };
    let database_url = arguments
        .database_url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", folder.path().join("dossier.db").display()));
    let launch = BotLaunch {
        binary: arguments.bot.clone().map_or_else(default_bot_binary, Ok)?,
        database_url,
        dossier: dossier_folder,
        log: folder.path().join("bot.log"),
    };
    let fake = Arc::new(FakeDiscord::start(FakeConfig::default()).await?);
    let startup_timeout = Duration::from_secs(600);

    // First launch imports the dossier; the second finds it unchanged.
    let mut first = BotProcess::start(&launch, &fake, startup_timeout).await?;
    say(&format!(
        "first launch (creates the database and imports) to commands registered: {:.2?}",
        first.launch_to_registered
    ))?;
    first.stop();
    let bot = BotProcess::start(&launch, &fake, startup_timeout).await?;
    say(&format!(
        "launch to commands registered, dossier unchanged: {:.2?}",
        bot.launch_to_registered
    ))?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    if let Some(idle) = bot.memory() {
        say(&format!(
            "bot idle: RSS {:.1} MiB (peak so far {:.1} MiB)",
            mib(idle.resident_kib),
            mib(idle.peak_kib)
        ))?;
    }

    let limits = scenarios::Limits {
        count: arguments.count,
        concurrency: arguments.concurrency.max(1),
        max_time: Duration::from_secs(arguments.max_seconds),
    };
    let bot_cpu = || bot.cpu_time();
    // A short warm-up so first-use costs (statement caches, pages) are not in the figures.
    let warm_up = scenarios::Limits {
        count: 50,
        ..limits
    };
    fire(&fake, Scenario::Ping, &questions, warm_up, bot_cpu).await?;
    let chosen: &[Scenario] = if arguments.only.is_empty() {
        &Scenario::ALL
    } else {
        &arguments.only
    };
    let mut runs: Vec<Vec<ScenarioResult>> = Vec::new();
    for run in 1..=arguments.runs.max(1) {
        if arguments.runs > 1 {
            say(&format!("run {run}:"))?;
        }
        let mut results: Vec<ScenarioResult> = Vec::new();
        for &scenario in chosen {
            let started = Instant::now();
            let result = fire(&fake, scenario, &questions, limits, bot_cpu).await?;
            say(&format!(
                "{} (wall {:.2?})",
                result.line(),
                started.elapsed()
            ))?;
            results.push(result);
        }
        report_ratios(&results)?;
        runs.push(results);
    }
    if runs.len() > 1 {
        report_runs(&runs, say)?;
    }
    if let Some(loaded) = bot.memory() {
        say(&format!(
            "bot after load: RSS {:.1} MiB, peak {:.1} MiB",
            mib(loaded.resident_kib),
            mib(loaded.peak_kib)
        ))?;
    }
    drop(bot);
    Ok(())
}

fn report_ratios(results: &[ScenarioResult]) -> anyhow::Result<()> {
    let Some(ping) = results
        .iter()
        .find(|result| result.scenario == Scenario::Ping)
        .and_then(|result| result.latency)
    else {
        return Ok(());
    };
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
    for result in results {
        if let Some(LatencySummary { p50, p99, .. }) = result.latency {
            say(&format!(
                "{:<14} vs /ping: p50 x{:.2}, p99 x{:.2}",
                result.scenario.label(),
                ratio(p50, ping.p50),
                ratio(p99, ping.p99)
            ))?;
        }
    }
    Ok(())
}
