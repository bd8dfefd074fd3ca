//! The `dossier-bench` binary: generate synthetic dossiers, prepare databases, measure memory
//! and drive load against the bot.

mod agreement;
mod load;
mod memory_report;
mod prepare;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use dossier_bench::{write_dossier, DossierSpec};

#[derive(Debug, Parser)]
#[command(name = "dossier-bench", about = "Dossier's performance tooling")]
struct Arguments {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a synthetic dossier folder (valid for the bot and the CLI).
    Generate {
        /// Events on the timeline.
        #[arg(long, default_value_t = 10_000)]
        events: usize,
        /// Glossary terms.
        #[arg(long, default_value_t = 1_000)]
        terms: usize,
        /// Estimates (spread over measures, six per measure).
        #[arg(long, default_value_t = 200)]
        estimates: usize,
        /// Claims.
        #[arg(long, default_value_t = 500)]
        claims: usize,
        /// Same seed, same dossier.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write the seven JSON files into (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
    /// Import a dossier into a database file or URL: the shipped one, or a synthetic one of
    /// `--events` events with proportionate other tables.
    Prepare(prepare::PrepareArguments),
    /// Report the peak memory of store queries against a database file.
    Memory(memory_report::MemoryArguments),
    /// Compare the store's answers for misspelt names with core's over the whole dossier.
    Agreement(agreement::AgreementArguments),
    /// Fire interactions at the real bot through the fake Discord and report latency,
    /// throughput, memory and time to register commands.
    Load(load::LoadArguments),
}

fn main() -> anyhow::Result<()> {
    match Arguments::parse().command {
        Command::Generate {
            events,
            terms,
            estimates,
            claims,
            seed,
            out,
        } => {
            let spec = DossierSpec {
                events,
                terms,
                estimates,
                claims,
                seed,
            };
            let started = Instant::now();
            write_dossier(&spec, &out)
                .with_context(|| format!("cannot generate a dossier into {}", out.display()))?;
            writeln!(
                std::io::stdout().lock(),
                "wrote {events} events, {terms} terms, {estimates} estimates ({} measures) and \
                 {claims} claims to {} in {:.2?}",
                spec.measures(),
                out.display(),
                started.elapsed()
            )?;
            Ok(())
        }
        Command::Prepare(arguments) => prepare::run(&arguments),
        Command::Memory(arguments) => memory_report::run(&arguments),
        Command::Agreement(arguments) => agreement::run(&arguments),
        Command::Load(arguments) => load::run(&arguments),
    }
}
