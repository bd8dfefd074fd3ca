//! Starting a fake Discord and the real bot against it (in-memory store, no cooldowns), and
//! stopping both.

use std::time::Duration;

use dossier_bot::{
    build, prepare_store, ApiBase, Bot, BotError, Config, RetryPolicy, ShutdownHandle, Token,
};
use dossier_testkit::{loopback, FakeConfig, FakeDiscord, InteractionBuilder};
use tokio::task::JoinHandle;

use crate::answers::Answer;

/// An upper bound for what takes milliseconds; only a broken bot reaches it. Generous because
/// the machine is small and shared; no test measures time.
pub(crate) const PATIENCE: Duration = Duration::from_secs(30);

/// An upper bound for bursts of hundreds of interactions, or a re-IDENTIFY (about 5 s).
pub(crate) const LONG_PATIENCE: Duration = Duration::from_secs(120);

/// A fresh fake Discord on loopback, with the process kept away from proxies.
pub(crate) async fn start_fake(config: FakeConfig) -> FakeDiscord {
    loopback::isolate_from_proxies();
    FakeDiscord::start(config)
        .await
        .unwrap_or_else(|error| panic!("the fake Discord did not start: {error}"))
}

/// The bot's configuration against `fake` with `token`: REST and gateway from the fake's base,
/// an in-memory database, no cooldowns, and quick registration retries.
pub(crate) fn config_for(fake: &FakeDiscord, token: &str) -> Config {
    let token = Token::new(token).unwrap_or_else(|error| panic!("a usable token: {error}"));
    let mut config = Config::new(token);
    let base = ApiBase::new(&fake.api_base())
        .unwrap_or_else(|error| panic!("the fake's base is accepted: {error}"));
    config.api_base = Some(base);
    config.database_url = "sqlite::memory:".to_owned();
    config.heavy_command_cooldown = Duration::ZERO;
    config.registration_retry = RetryPolicy {
        attempts: 2,
        first_delay: Duration::from_millis(50),
    };
    config
}

/// Imports the dossier into the configured store and builds the bot, as `main` does.
pub(crate) async fn build_bot(config: &Config) -> Result<Bot, BotError> {
    let (store, _report) = prepare_store(config).await?;
    build(config, store).await
}

/// The fake and the real bot running against it, past READY and command registration.
pub(crate) struct Running {
    /// The fake Discord the bot talks to.
    pub(crate) fake: FakeDiscord,
    config: Config,
    stop: ShutdownHandle,
    task: JoinHandle<Result<(), BotError>>,
}

impl Running {
    /// A default fake and a bot with the default test configuration.
    pub(crate) async fn start() -> Self {
        Self::start_with(FakeConfig::default(), |_| {}).await
    }

    /// A fake with `fake_config` and a bot whose configuration `adjust` may change.
    pub(crate) async fn start_with(
        fake_config: FakeConfig,
        adjust: impl FnOnce(&mut Config),
    ) -> Self {
        let fake = start_fake(fake_config).await;
        let mut config = config_for(&fake, fake.token());
        adjust(&mut config);
        let bot = build_bot(&config)
            .await
            .unwrap_or_else(|error| panic!("the bot builds against the fake: {error}"));
        let gateway_url = bot.gateway_url().await;
        assert_eq!(
            gateway_url,
            fake.gateway_url(),
            "the gateway URL must come from the fake's base"
        );
        if let Err(refusal) = loopback::ensure_loopback(&gateway_url) {
            panic!("the bot would leave the machine: {refusal}");
        }
        let stop = bot.shutdown_handle();
        let task = tokio::spawn(bot.run());
        fake.wait_ready(PATIENCE)
            .await
            .unwrap_or_else(|error| panic!("READY: {error}"));
        fake.wait_commands_registered(PATIENCE)
            .await
            .unwrap_or_else(|error| panic!("commands registered: {error}"));
        Self {
            fake,
            config,
            stop,
            task,
        }
    }

    /// Stops the bot and starts a new one (a fresh process, as after a deploy) against the
    /// same fake Discord, past its own READY and registration.
    pub(crate) async fn restart_bot(self) -> Self {
        let Self {
            fake,
            config,
            stop,
            task,
        } = self;
        stop.shutdown().await;
        let outcome = tokio::time::timeout(PATIENCE, task)
            .await
            .unwrap_or_else(|_| panic!("the bot did not stop when asked"));
        assert!(matches!(outcome, Ok(Ok(()))), "{outcome:?}");
        let mark = fake.mark();
        let bot = build_bot(&config)
            .await
            .unwrap_or_else(|error| panic!("the bot builds again: {error}"));
        let stop = bot.shutdown_handle();
        let task = tokio::spawn(bot.run());
        fake.wait_gateway(mark, PATIENCE, "READY for the new bot", |record| {
            record.event_to_bot() == Some("READY")
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
        fake.wait_request(mark, PATIENCE, "the new bot's registration", |recorded| {
            recorded.method == "PUT" && recorded.status == 200
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
        Self {
            fake,
            config,
            stop,
            task,
        }
    }

    /// Dispatches `interaction` and waits for the bot's callback, which Discord must accept.
    pub(crate) async fn answer(&self, interaction: InteractionBuilder) -> Answer {
        let handle = self.fake.send_interaction(interaction);
        let callback = self
            .fake
            .wait_callback(&handle, PATIENCE)
            .await
            .unwrap_or_else(|error| panic!("no callback: {error}"));
        assert_eq!(
            callback.status, 204,
            "Discord would refuse this callback: {:?}",
            callback.body
        );
        Answer { handle, callback }
    }

    /// Stops the bot, which must end cleanly, and checks it only used routes Discord has.
    pub(crate) async fn stop(self) {
        self.stop.shutdown().await;
        let outcome = tokio::time::timeout(PATIENCE, self.task)
            .await
            .unwrap_or_else(|_| panic!("the bot did not stop when asked"));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(error)) => panic!("the bot stopped with an error: {error}"),
            Err(panic) => panic!("the bot task panicked: {panic}"),
        }
        let unknown = self.fake.unknown_requests();
        assert!(
            unknown.is_empty(),
            "the bot called routes Discord does not have: {:?}",
            unknown
                .iter()
                .map(|recorded| format!("{} {}", recorded.method, recorded.path))
                .collect::<Vec<_>>()
        );
    }
}
