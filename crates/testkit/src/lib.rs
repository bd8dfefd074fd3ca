//! A fake Discord on 127.0.0.1 for Dossier's end-to-end tests and load benchmarks.
//!
//! [`FakeDiscord`] serves Discord's REST API under `/api/v10` and a WebSocket gateway on
//! `/gateway`, both on one random loopback port, well enough for a real serenity 0.12.5 +
//! poise 0.7.1 bot to start, register its commands, receive interactions and answer them.
//! Everything the bot sends — REST calls with method, path, body and answer, gateway opcodes —
//! is journalled with [`std::time::Instant`] stamps, so tests assert on it and benchmarks
//! measure dispatch-to-callback latency ([`InteractionHandle::dispatched_at`] to
//! [`Recorded::at`]).
//!
//! Main types:
//! - [`FakeDiscord`], started from a [`FakeConfig`]: addresses, waits, gateway controls
//!   (close with a code, drop TCP, INVALID SESSION, RECONNECT) and injected REST failures.
//! - Shards: a bot's gateway connections each IDENTIFY as a [`ShardId`] (`[id, total]`), with a
//!   session (sequence, replay, resume) per shard; READY lists the shard's share of
//!   [`FakeConfig::guilds`], and interactions go to the shard that owns their guild
//!   (`(guild_id >> 22) % total`). [`FakeDiscord::connected_shards`],
//!   [`FakeDiscord::wait_for_shards`] and [`FakeDiscord::delivery`] (which shard an interaction
//!   reached, or [`Delivery::Undeliverable`] when no session holds its shard) observe it;
//!   [`ShardId::guild`] makes guild ids that land on a chosen shard.
//! - [`InteractionBuilder`]: slash commands with typed options, autocomplete with a focused
//!   option, button presses and select choices, shaped exactly as serenity deserializes them.
//! - [`Recorded`] and [`GatewayRecord`]: the journal; [`Mark`] lets a wait look only at what
//!   came after an action.
//! - [`limits`] (Discord's hard limits, which the fake enforces with 400 like Discord),
//!   [`mentions`] (who a reply would ping) and [`loopback`] (guards keeping tests on
//!   127.0.0.1).
//!
//! Pointing a bot at it: give serenity the fake's token and API base, with the rate limiter off
//! (serenity ignores the proxy otherwise), and clear proxy variables first:
//! `HttpBuilder::new(fake.token()).proxy(fake.api_base()).ratelimiter_disabled(true)`, then
//! `ClientBuilder::new_with_http(http, intents)`. After building the client, check
//! `loopback::ensure_loopback(&client.ws_url.lock().await)`: if `GET /gateway` failed, serenity
//! quietly chose `wss://gateway.discord.gg`, and the bot must refuse to start rather than fall
//! back to the real Discord.
//!
//! ```no_run
//! use std::time::Duration;
//!
//! use dossier_testkit::{FakeConfig, FakeDiscord, InteractionBuilder};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! dossier_testkit::loopback::isolate_from_proxies();
//! let fake = FakeDiscord::start(FakeConfig::default()).await?;
//! // ... start the bot with fake.token() and fake.api_base() ...
//! fake.wait_ready(Duration::from_secs(10)).await?;
//! let commands = fake.wait_commands_registered(Duration::from_secs(10)).await?;
//! assert!(commands.iter().any(|command| command["name"] == "define"));
//!
//! let define = fake.send_interaction(InteractionBuilder::command("define").string("term", "KCNA"));
//! let callback = fake.wait_callback(&define, Duration::from_secs(5)).await?;
//! assert_eq!(callback.status, 204);
//! assert_eq!(callback.callback_type(), Some(4));
//! let latency = callback.at - define.dispatched_at;
//! # let _ = latency;
//!
//! let mark = fake.close_gateway(4000);
//! fake.wait_resumed(mark, Duration::from_secs(10)).await?;
//! assert!(fake.unknown_requests().is_empty());
//! # Ok(())
//! # }
//! ```

mod discord_objects;
mod fake;
mod gateway;
pub mod interactions;
pub mod limits;
pub mod loopback;
pub mod mentions;
mod multipart;
mod options;
mod record;
mod rest;
mod sharding;
mod snowflake;
mod state;
mod store;
mod waits;

pub use fake::{FakeDiscord, Mark, StartError};
pub use gateway::{Delivery, ShardId, UndeliverableReason, MAX_GUILDS_PER_SHARD};
pub use interactions::{
    CommandOption, InteractionBuilder, InteractionHandle, InteractionKind, OptionValue,
};
pub use multipart::Upload;
pub use record::{Direction, GatewayRecord, GatewayRecordKind, Recorded, RouteKind, WaitError};
pub use snowflake::snowflake_unix_millis;
pub use state::FakeConfig;
