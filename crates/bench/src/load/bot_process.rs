//! The real bot as a child process pointed at the fake Discord: started with a clean
//! environment, timed to command registration, measured through `/proc`, and stopped.

use std::path::PathBuf;
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
    /// The bot's `DATABASE_URL`.
    pub(crate) database_url: String,
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
            .env("DATABASE_URL", &launch.database_url)
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

    /// The CPU time the bot has used so far, all threads.
    pub(crate) fn cpu_time(&self) -> Option<Duration> {
        cpu_time_of(self.child.id())
    }

    /// Asks the bot to stop (SIGTERM), then kills it if it has not after 30 seconds.
    pub(crate) fn stop(&mut self) {
        let pid = self.child.id().to_string();
        let asked = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .is_ok_and(|status| status.success());
        if asked {
            // Generous, so a bot under a profiler can still write its profile on the way out.
            let deadline = Instant::now() + Duration::from_secs(30);
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

/// Clock ticks per second in `/proc/<pid>/stat` (`USER_HZ`, 100 on every Linux build the
/// bench runs on).
const CLOCK_TICKS_PER_SECOND: u64 = 100;

/// This process's CPU time so far, all threads (the fake Discord and the driver).
pub(crate) fn own_cpu_time() -> Option<Duration> {
    cpu_time_of(std::process::id())
}

/// User plus system CPU time of every thread of process `pid` so far, from
/// `/proc/<pid>/stat` (in ticks of 10 ms).
fn cpu_time_of(pid: u32) -> Option<Duration> {
    parse_cpu_time(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

/// User plus system CPU time in a `/proc/<pid>/stat` line.
fn parse_cpu_time(stat: &str) -> Option<Duration> {
    // The command name (field 2) may hold spaces; the fields after its ')' are plain.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace();
    // Fields 3.. follow; utime and stime are fields 14 and 15.
    let user: u64 = fields.nth(11)?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        (user + system) * 1_000 / CLOCK_TICKS_PER_SECOND,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_adds_user_and_system_ticks_after_a_name_with_spaces() {
        let stat = "4242 (dossier bot) S 1 4242 4242 0 -1 4194560 1200 0 0 0 \
                    250 37 0 0 20 0 6 0 1000 100000000 4000 18446744073709551615";
        assert_eq!(parse_cpu_time(stat), Some(Duration::from_millis(2_870)));
        assert_eq!(parse_cpu_time("4242 (bot) S 1"), None);
    }

    #[test]
    fn this_process_has_used_some_cpu_time() {
        let used = own_cpu_time();
        if std::path::Path::new("/proc/self/stat").exists() {
            assert!(used.is_some());
        }
    }
}
