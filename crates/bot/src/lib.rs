//! Dossier's Discord bot: slash commands on serenity + poise that answer questions about the
//! report from the store, in embeds that respect every Discord limit.
//!
//! # Brief overview
//! - [`Config`] reads the environment once (`DISCORD_TOKEN`, `DISCORD_GUILD_ID`,
//!   `DATABASE_URL`, `DOSSIER_DATA`, `RUST_LOG`, `DISCORD_API_BASE`, and for the other
//!   [`Mode`]s `DOSSIER_MODE`, `DOSSIER_HTTP_ADDR`, `DISCORD_PUBLIC_KEY`,
//!   `DISCORD_APPLICATION_ID`), with the command line's [`Overrides`] winning. A
//!   [`ShardRange`] (`--shards 0-1 --total-shards 4`) makes a gateway process connect only
//!   those shards, so several processes can split Discord's gateway.
//! - [`prepare_store`] opens and migrates the database and imports the dossier (a no-op when
//!   unchanged); [`build`] checks the token and the gateway and wires the commands into a
//!   [`Bot`]; [`Bot::run`] serves until [`ShutdownHandle::shutdown`] or a failure
//!   ([`BotError`], whose [`BotError::exit_code`] is 2 for a bad token).
//! - [`build_endpoint`] serves the same commands as signed HTTP interactions instead
//!   ([`Endpoint`], one code path through poise); [`register_commands`] registers them once
//!   for replicas that do not.
//! - [`render`] is the one place that knows Discord's sizes: every answer becomes plain
//!   [`render::Page`]s, escaped and paged, before it is turned into serenity builders.
//!
//! # Example
//! Start the bot in-process against a fake Discord on loopback, then stop it:
//! ```no_run
//! # async fn example() -> Result<(), dossier_bot::BotError> {
//! use dossier_bot::{build, prepare_store, ApiBase, Config, Token};
//!
//! let mut config = Config::new(Token::new("test-token")?);
//! config.api_base = Some(ApiBase::new("http://127.0.0.1:8080")?);
//! config.database_url = "sqlite::memory:".to_owned();
//! let (store, _report) = prepare_store(&config).await?;
//! let bot = build(&config, store).await?;
//! let stop = bot.shutdown_handle();
//! let running = tokio::spawn(bot.run());
//! // … drive it …
//! stop.shutdown().await;
//! running.await.expect("the bot task panicked")?;
//! # Ok(())
//! # }
//! ```

mod app;
mod commands;
mod config;
mod cooldowns;
mod error;
mod failure;
mod gateway;
mod http;
mod interactions;
mod registration;
pub mod render;
mod sessions;
mod shards;
mod types;
mod usage_recorder;

pub use app::{build, prepare_store, register_commands, Bot, ShutdownHandle};
pub use config::{
    ApiBase, Config, ConfigError, Mode, Overrides, RetryPolicy, Token, DEFAULT_DATABASE_URL,
    DEFAULT_HTTP_ADDR, DEFAULT_LOG_FILTER,
};
pub use error::{BotError, EXIT_BAD_TOKEN, EXIT_FAILURE};
pub use http::{build_endpoint, Endpoint, EndpointError, PublicKey};
pub use shards::{
    ShardRange, ShardRangeError, SHARDS_FLAG, SHARDS_VARIABLE, TOTAL_SHARDS_FLAG,
    TOTAL_SHARDS_VARIABLE,
};
