//! The `dossier-bot` binary: configuration from the environment (and `.env`) and the command
//! line, then one of three modes: the gateway bot (the default, all shards or only
//! `--shards a-b --total-shards n`), an HTTP interactions endpoint (`--mode http`), or
//! registering the commands once (`register`). Serving modes migrate the database and import
//! the dossier first, and run until SIGINT or SIGTERM.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use dossier_bot::{
    build, build_endpoint, prepare_store, register_commands, BotError, Config, ConfigError, Mode,
    Overrides, EXIT_BAD_TOKEN, EXIT_FAILURE,
};
use tracing_subscriber::EnvFilter;

/// Dossier's Discord bot. Settings come from the environment and `.env` (see `.env.example`).
#[derive(Debug, Parser)]
#[command(name = "dossier-bot", version)]
struct Args {
    /// How interactions arrive: `gateway` (default) or `http`; overrides DOSSIER_MODE.
    #[arg(long, value_parser = parse_mode)]
    mode: Option<Mode>,
    /// Connect only these gateway shards, e.g. `0-1` or `2` (inclusive), for one of several
    /// processes sharing the gateway; needs --total-shards. Overrides DOSSIER_SHARDS.
    #[arg(long, global = true, value_name = "FIRST[-LAST]")]
    shards: Option<String>,
    /// The number of shards across every process; overrides DOSSIER_TOTAL_SHARDS.
    #[arg(long, global = true, value_name = "COUNT")]
    total_shards: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Register the slash commands (in DISCORD_GUILD_ID, or globally) and exit.
    Register,
}

fn parse_mode(text: &str) -> Result<Mode, String> {
    text.parse()
        .map_err(|_: ConfigError| "it is gateway, http or register".to_owned())
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => {
            // Help and version go to stdout and succeed; usage errors fail.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(EXIT_FAILURE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // A missing .env is normal; variables may come from the environment.
    let _ = dotenvy::dotenv();
    // `register` wins over --mode, which wins over DOSSIER_MODE.
    let overrides = Overrides {
        mode: match args.command {
            Some(Command::Register) => Some(Mode::Register),
            None => args.mode,
        },
        shards: args.shards,
        total_shards: args.total_shards,
    };
    let config = match Config::from_env_with(&overrides) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("dossier-bot: {error}");
            return match error {
                ConfigError::MissingToken => ExitCode::from(EXIT_BAD_TOKEN),
                ConfigError::Missing { .. } | ConfigError::Invalid { .. } => {
                    ExitCode::from(EXIT_FAILURE)
                }
            };
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_new(&config.log_filter).unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        // Colour only on a terminal: no escape codes in log files or journald.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("dossier-bot: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(&config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dossier-bot: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// Register and exit; or migrate, import, build, and serve until a signal.
async fn run(config: &Config) -> Result<(), BotError> {
    match config.mode {
        Mode::Register => {
            let count = register_commands(config).await?;
            tracing::info!(count, "commands registered");
            return Ok(());
        }
        // Refuse before touching the database.
        Mode::Http => {
            config.require_public_key()?;
        }
        Mode::Gateway => {}
    }
    let (store, report) = prepare_store(config).await?;
    tracing::info!(
        changed = report.changed,
        events = report.counts.events,
        terms = report.counts.terms,
        "dossier ready"
    );
    let result = match config.mode {
        Mode::Http => match build_endpoint(config, store.clone()).await {
            Ok(endpoint) => endpoint.run_until_signal().await,
            Err(error) => Err(error),
        },
        Mode::Gateway | Mode::Register => match build(config, store.clone()).await {
            Ok(bot) => bot.run_until_signal().await,
            Err(error) => Err(error),
        },
    };
    store.close().await;
    result?;
    tracing::info!("stopped cleanly");
    Ok(())
}
