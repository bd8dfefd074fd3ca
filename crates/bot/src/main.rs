//! The `dossier-bot` binary: configuration from the environment (and `.env`), the database
//! migrated and the dossier imported, then the bot until SIGINT or SIGTERM.

use std::process::ExitCode;

use dossier_bot::{build, prepare_store, BotError, Config, ConfigError, EXIT_BAD_TOKEN};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    // A missing .env is normal; variables may come from the environment.
    let _ = dotenvy::dotenv();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("dossier-bot: {error}");
            return match error {
                ConfigError::MissingToken => ExitCode::from(EXIT_BAD_TOKEN),
                ConfigError::Invalid { .. } => ExitCode::from(dossier_bot::EXIT_FAILURE),
            };
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_new(&config.log_filter).unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
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

/// Migrate, import, build, serve until a signal.
async fn run(config: &Config) -> Result<(), BotError> {
    let (store, report) = prepare_store(config).await?;
    tracing::info!(
        changed = report.changed,
        events = report.counts.events,
        terms = report.counts.terms,
        "dossier ready"
    );
    let bot = build(config, store.clone()).await?;
    let result = bot.run_until_signal().await;
    store.close().await;
    result?;
    tracing::info!("stopped cleanly");
    Ok(())
}
