//! The real bot as a child process pointed at the fake Discord: started with a clean
//! environment, timed to command registration, measured through `/proc`, and stopped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use dossier_bench::{memory_usage_of, MemoryUsage};
use dossier_testkit::{FakeDiscord, RouteKind};

/// The guild the bot registers its commands in (instant, as in development).
pub(crate) const GUILD_ID: u64 = 1_100_000_000_000_000_001;

/// How the bot is started.
#[derive(Debug, Clone)]
pub(crate) struct BotLaunch {
    /// The `dossier-bot` binary.
    pub(crate) binary: PathBuf,
    /// The database file.
    pub(crate) database: PathBuf,
    /// A dossier folder, or the built-in dossier when `None`.
    pub(crate) dossier: Option<PathBuf>,
    /// Where the bot's output goes.
    pub(crate) log: PathBuf,
}

/// A running bot process.
pub(crate) struct BotProcess {
    child: Child,
    /// From spawning to the fake recording the commands' bulk overwrite.
    pub(crate) launch_to_registered: Duration,
}

const PROXY_VARIABLES: [&str; 6] = [
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
];

impl BotProcess {
    /// Spawns the bot and waits until its commands are registered with `fake`.
    pub(crate) async fn start(
        launch: &BotLaunch,
        fake: &FakeDiscord,
        timeout: Duration,
    ) -> anyhow::Result<BotProcess> {
        let log = std::fs::File::create(&launch.log)
            .with_context(|| format!("cannot create {}", launch.log.display()))?;
        let mut command = Command::new(&launch.binary);
        for variable in PROXY_VARIABLES {
            command.env_remove(variable);
        }
        command
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("DISCORD_TOKEN", fake.token())
            .env("DISCORD_API_BASE", fake.api_base())
            .env("DISCORD_GUILD_ID", GUILD_ID.to_string())
            .env("DATABASE_URL", database_url(&launch.database))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        match &launch.dossier {
            Some(folder) => command.env("DOSSIER_DATA", folder),
            None => command.env_remove("DOSSIER_DATA"),
        };
        let mark = fake.mark();
        let spawned_at = Instant::now();
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", launch.binary.display()))?;
        let mut process = BotProcess {
            child,
            launch_to_registered: Duration::ZERO,
        };
        let registered = fake
            .wait_request(mark, timeout, "commands registered", |recorded| {
                recorded.method == "PUT"
                    && recorded.status == 200
                    && matches!(
                        recorded.route,
                        RouteKind::GlobalCommands | RouteKind::GuildCommands { .. }
                    )
            })
            .await;
        match registered {
            Ok(recorded) => {
                process.launch_to_registered = recorded.at.saturating_duration_since(spawned_at);
                Ok(process)
            }
            Err(error) => {
                process.stop();
                bail!(
                    "the bot did not register its commands ({error}); see {}",
                    launch.log.display()
                )
            }
        }
    }

    /// The bot's resident and peak memory.
    pub(crate) fn memory(&self) -> Option<MemoryUsage> {
        memory_usage_of(self.child.id())
    }

    /// Asks the bot to stop (SIGTERM), then kills it if it has not after a few seconds.
    pub(crate) fn stop(&mut self) {
        let pid = self.child.id().to_string();
        let asked = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .is_ok_and(|status| status.success());
        if asked {
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if matches!(self.child.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.stop();
        }
    }
}

fn database_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}
