//! Building the bot apart from `main`, so tests can start it in-process against a fake
//! Discord, then running it until it is stopped, a signal arrives, or it fails.

use std::sync::{Arc, Mutex};

use dossier_store::{ImportReport, RecordCounts, Store};
use poise::serenity_prelude as serenity;
use tokio::sync::{mpsc, watch};

use crate::config::Config;
use crate::cooldowns::Cooldowns;
use crate::error::BotError;
use crate::render::discord::no_mentions;
use crate::sessions::Sessions;
use crate::shards::ShardRange;
use crate::types::{Data, Error};
use crate::usage_recorder::UsageRecorder;
use crate::{commands, failure, gateway, interactions, registration};

/// A bot ready to connect: built by [`build`], started by [`Bot::run`].
pub struct Bot {
    client: serenity::Client,
    fatal: mpsc::UnboundedReceiver<BotError>,
    shards: Option<ShardRange>,
    usage: UsageRecorder,
}

/// Stops a running bot or endpoint from elsewhere (a test, a signal handler). Cheap to clone.
#[derive(Clone)]
pub struct ShutdownHandle {
    stopper: Stopper,
}

/// What a [`ShutdownHandle`] stops.
#[derive(Clone)]
enum Stopper {
    /// The gateway connections of a [`Bot`].
    Gateway(Arc<serenity::ShardManager>),
    /// An HTTP [`crate::Endpoint`].
    Endpoint(watch::Sender<bool>),
}

impl ShutdownHandle {
    fn for_gateway(shard_manager: Arc<serenity::ShardManager>) -> Self {
        Self {
            stopper: Stopper::Gateway(shard_manager),
        }
    }

    pub(crate) fn for_endpoint(stop: watch::Sender<bool>) -> Self {
        Self {
            stopper: Stopper::Endpoint(stop),
        }
    }

    /// Closes every gateway connection, or stops an endpoint accepting requests; [`Bot::run`]
    /// or [`crate::Endpoint::run`] then returns `Ok(())`.
    pub async fn shutdown(&self) {
        match &self.stopper {
            Stopper::Gateway(shard_manager) => shard_manager.shutdown_all().await,
            Stopper::Endpoint(stop) => {
                stop.send_replace(true);
            }
        }
    }
}

impl std::fmt::Debug for ShutdownHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShutdownHandle")
    }
}

/// Opens the database at `config.database_url` (migrating it) and imports the dossier: the
/// folder `config.dossier_data` when set, else the built-in one. Importing an unchanged dossier
/// writes nothing. For a large dossier, it then starts answering the common first keystrokes in
/// the background.
pub async fn prepare_store(config: &Config) -> Result<(Store, ImportReport), BotError> {
    let store = Store::open(&config.database_url)
        .await?
        .with_held_kinds(config.held_holdings);
    let report = match &config.dossier_data {
        Some(folder) => {
            let dossier = dossier_store::read_dossier_dir(folder)?;
            store.import(&dossier).await?
        }
        None => {
            let dossier = dossier_core::try_embedded()
                .map_err(|errors| BotError::BuiltInDossier(errors.to_string()))?;
            store.import(dossier).await?
        }
    };
    if named_records(&report.counts) >= ANSWER_AHEAD_FROM_NAMED_RECORDS {
        answer_first_keystrokes_ahead(store.clone());
    }
    Ok((store, report))
}

/// Named records (events, terms, actors, measures) from which the first keystrokes are answered
/// ahead at launch. Below it each is read in about a millisecond when first typed, and
/// answering ahead would only hold memory: with the shipped dossier it added 3–4 MiB to the
/// idle bot (BENCHMARKS.md).
const ANSWER_AHEAD_FROM_NAMED_RECORDS: usize = 10_000;

/// The records of `counts` that autocomplete offers by name.
fn named_records(counts: &RecordCounts) -> usize {
    counts.events + counts.terms + counts.actors + counts.measures
}

/// Builds the bot: checks the token, asks the API base for the gateway URL when
/// `DISCORD_API_BASE` is set (failing rather than reaching any other host), and wires poise with
/// every command, the error handler and the page-button handler. Commands are registered once
/// the gateway is ready, with retries; if that keeps failing, [`Bot::run`] returns the error.
/// With a shard range (`config.shards`) nothing is registered: several processes would race,
/// so `dossier-bot register` does it once for all of them.
pub async fn build(config: &Config, store: Store) -> Result<Bot, BotError> {
    let http = gateway::http_client(config)?;
    let gateway_url = gateway::gateway_url(config, &http).await?;
    gateway::check_token(&http).await?;

    let data = data(config, store);
    let usage = data.usage.clone();
    let (fatal_sender, fatal) = mpsc::unbounded_channel();
    let guild = config.guild_id;
    let retry = config.registration_retry;
    let shards = config.shards;
    let options = framework_options();
    let framework = poise::Framework::builder()
        .options(options)
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "gateway ready");
                if let Some(range) = shards {
                    tracing::info!(
                        shards = %range,
                        "not registering commands from a process that runs a shard range; \
                         `dossier-bot register` registers them once for every process"
                    );
                    return Ok(data);
                }
                let commands = &framework.options().commands;
                match registration::register(&ctx.http, commands, guild, retry).await {
                    Ok(()) => Ok(data),
                    Err(error) => {
                        let message = error.to_string();
                        // The receiver stops the bot; if it is gone, the bot is stopping anyway.
                        let _ = fatal_sender.send(error);
                        Err(Error::Setup(message))
                    }
                }
            })
        })
        .build();
    let intents = serenity::GatewayIntents::GUILDS;
    let client = serenity::ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .await?;
    if let Some(url) = gateway_url {
        // serenity asked for the gateway again and would have fallen back to Discord's own
        // host on failure; use the URL checked above instead. Every shard of a range connects
        // to this same shared URL.
        *client.ws_url.lock().await = url;
    }
    Ok(Bot {
        client,
        fatal,
        shards,
        usage,
    })
}

/// The state every command reaches, in either mode.
pub(crate) fn data(config: &Config, store: Store) -> Data {
    Data {
        sessions: Sessions::default(),
        cooldowns: Cooldowns::new(config.heavy_command_cooldown),
        usage: UsageRecorder::start(store.clone(), config.usage_flush_interval),
        store,
    }
}

/// Answers users' likely first keystrokes in the background, so that autocomplete's first
/// answers after a launch come from memory (see [`Store::warm_first_keystrokes`]), then holds
/// whatever kinds of names those did not ([`Store::warm_held_kinds`]).
fn answer_first_keystrokes_ahead(store: Store) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        let started = std::time::Instant::now();
        match store.warm_first_keystrokes().await {
            Ok(answers) => tracing::debug!(
                answers,
                elapsed = ?started.elapsed(),
                "first keystrokes answered ahead"
            ),
            // Only a head start is lost: each keystroke is answered when asked.
            Err(error) => tracing::debug!(%error, "first keystrokes not answered ahead"),
        }
        let started = std::time::Instant::now();
        match store.warm_held_kinds().await {
            Ok(kinds) => tracing::debug!(kinds, elapsed = ?started.elapsed(), "kinds held"),
            // The first question about each kind reads them instead.
            Err(error) => tracing::debug!(%error, "kinds not held ahead"),
        }
    });
}

/// poise's options, the same in gateway and HTTP mode: every command, the error handler, the
/// page-button handler, and mentions that parse nothing.
pub(crate) fn framework_options() -> poise::FrameworkOptions<Data, Error> {
    poise::FrameworkOptions {
        commands: commands::all(),
        on_error: |error| Box::pin(failure::on_error(error)),
        pre_command: |ctx| Box::pin(commands::count_usage(ctx)),
        event_handler: |framework, event| {
            Box::pin(interactions::on_event(
                framework.serenity_context,
                event,
                framework.user_data,
            ))
        },
        allowed_mentions: Some(no_mentions()),
        initialize_owners: false,
        ..Default::default()
    }
}

/// Sets the application id on `http` (webhook routes need it): `DISCORD_APPLICATION_ID` when
/// given, else asked from `GET /oauth2/applications/@me`.
pub(crate) async fn learn_application_id(
    config: &Config,
    http: &serenity::Http,
) -> Result<serenity::ApplicationId, BotError> {
    let id = match config.application_id {
        Some(id) => id,
        None => http.get_current_application_info().await?.id,
    };
    http.set_application_id(id);
    Ok(id)
}

/// `dossier-bot register`: registers every command through REST (in `DISCORD_GUILD_ID`, or
/// globally), with the usual retries, and returns how many. Replicas in HTTP mode and
/// processes sharing the gateway then need not each register.
pub async fn register_commands(config: &Config) -> Result<usize, BotError> {
    let http = gateway::http_client(config)?;
    gateway::check_token(&http).await?;
    learn_application_id(config, &http).await?;
    let commands = framework_options().commands;
    registration::register(&http, &commands, config.guild_id, config.registration_retry).await?;
    Ok(commands.len())
}

impl Bot {
    /// The gateway URL the bot will connect to (with `DISCORD_API_BASE`, the one that base
    /// gave), so a test can check it stays on loopback.
    pub async fn gateway_url(&self) -> String {
        self.client.ws_url.lock().await.clone()
    }

    /// A handle that stops this bot.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        ShutdownHandle::for_gateway(Arc::clone(&self.client.shard_manager))
    }

    /// The shards this bot connects, or `None` for the whole gateway on one connection.
    pub fn shards(&self) -> Option<ShardRange> {
        self.shards
    }

    /// Connects (every shard of its range, if it has one) and serves until stopped
    /// ([`ShutdownHandle::shutdown`] closes every shard), or until it fails: a rejected token
    /// ([`BotError::TokenRejected`]), registration that kept failing
    /// ([`BotError::Registration`]), or a gateway error. Either way, the usage counts still in
    /// memory are written before it returns.
    pub async fn run(self) -> Result<(), BotError> {
        let Bot {
            mut client,
            mut fatal,
            shards,
            usage,
        } = self;
        let handle = ShutdownHandle::for_gateway(Arc::clone(&client.shard_manager));
        let failure: Arc<Mutex<Option<BotError>>> = Arc::default();
        let watcher = {
            let failure = Arc::clone(&failure);
            tokio::spawn(async move {
                if let Some(error) = fatal.recv().await {
                    tracing::error!(%error, "stopping");
                    *failure
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(error);
                    handle.shutdown().await;
                }
            })
        };
        let result = match shards {
            Some(range) => {
                tracing::info!(
                    first = range.first(),
                    last = range.last(),
                    total = range.total(),
                    "connecting a range of gateway shards"
                );
                client
                    .start_shard_range(range.for_serenity(), range.total())
                    .await
            }
            None => client.start().await,
        };
        watcher.abort();
        usage.close().await;
        let fatal_error = failure
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        match (fatal_error, result) {
            (Some(error), _) => Err(error),
            (None, Err(error)) => Err(BotError::from(error)),
            (None, Ok(())) => Ok(()),
        }
    }

    /// [`Bot::run`], also stopping cleanly on SIGINT (Ctrl-C) or SIGTERM.
    pub async fn run_until_signal(self) -> Result<(), BotError> {
        let handle = self.shutdown_handle();
        let signals = tokio::spawn(async move {
            wait_for_signal().await;
            tracing::info!("signal received; shutting down");
            handle.shutdown().await;
        });
        let result = self.run().await;
        signals.abort();
        result
    }
}

/// Resolves on SIGINT or, on Unix, SIGTERM.
pub(crate) async fn wait_for_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    () = interrupt => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}
