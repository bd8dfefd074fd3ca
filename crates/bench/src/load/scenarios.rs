//! What the load driver fires: one scenario per command (and a mix), each interaction from its
//! own user so per-user cooldowns never trigger, at most `concurrency` in flight, bounded in
//! count and time.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier_bench::{per_second, LatencySummary};
use dossier_core::Dossier;
use dossier_testkit::{FakeDiscord, InteractionBuilder};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::load::bot_process::{own_cpu_time, GUILD_ID};

/// How long one interaction may wait for its callback before it counts as failed.
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(15);

/// One kind of interaction, or the mix of all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Scenario {
    /// `/ping`: serenity's own work, the reference.
    Ping,
    /// `/define` with a term or alias of the dossier.
    Define,
    /// `/timeline` without options.
    Timeline,
    /// `/search` with words from the dossier.
    Search,
    /// Autocomplete of `/define`'s term after one to three typed letters.
    Autocomplete,
    /// The five above, interleaved, as a real burst would be.
    Mixed,
}

impl Scenario {
    /// Every single-command scenario.
    pub(crate) const SINGLE: [Scenario; 5] = [
        Scenario::Ping,
        Scenario::Define,
        Scenario::Timeline,
        Scenario::Search,
        Scenario::Autocomplete,
    ];

    /// Every scenario, in the order they run.
    pub(crate) const ALL: [Scenario; 6] = [
        Scenario::Ping,
        Scenario::Define,
        Scenario::Timeline,
        Scenario::Search,
        Scenario::Autocomplete,
        Scenario::Mixed,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Ping => "/ping",
            Self::Define => "/define",
            Self::Timeline => "/timeline",
            Self::Search => "/search",
            Self::Autocomplete => "autocomplete",
            Self::Mixed => "mixed",
        }
    }

    fn interaction(self, questions: &Questions, index: usize) -> InteractionBuilder {
        let pick = |items: &[String]| items[index % items.len()].clone();
        match self {
            Self::Mixed => Self::SINGLE[index % Self::SINGLE.len()]
                .interaction(questions, index / Self::SINGLE.len()),
            Self::Ping => InteractionBuilder::command("ping"),
            Self::Define => {
                InteractionBuilder::command("define").string("term", pick(&questions.terms))
            }
            Self::Timeline => InteractionBuilder::command("timeline"),
            Self::Search => {
                InteractionBuilder::command("search").string("query", pick(&questions.searches))
            }
            Self::Autocomplete => {
                InteractionBuilder::autocomplete("define").focused("term", pick(&questions.typed))
            }
        }
    }
}

/// Questions drawn from the dossier the bot serves.
#[derive(Debug, Clone)]
pub(crate) struct Questions {
    terms: Vec<String>,
    typed: Vec<String>,
    searches: Vec<String>,
}

impl Questions {
    pub(crate) fn of(dossier: &Dossier) -> Questions {
        let samples = dossier_bench::samples_of(dossier, 7);
        let mut typed: Vec<String> = samples.typed_prefixes.iter().flatten().cloned().collect();
        let mut terms = samples.term_names;
        terms.extend(samples.term_aliases);
        let mut searches = samples.searches;
        for list in [&mut terms, &mut typed, &mut searches] {
            if list.is_empty() {
                list.push("kursk".to_owned());
            }
        }
        Questions {
            terms,
            typed,
            searches,
        }
    }
}

/// Bounds of one run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) count: usize,
    pub(crate) concurrency: usize,
    pub(crate) max_time: Duration,
}

/// What one scenario measured.
#[derive(Debug, Clone)]
pub(crate) struct ScenarioResult {
    pub(crate) scenario: Scenario,
    pub(crate) sent: usize,
    pub(crate) failed: usize,
    pub(crate) elapsed: Duration,
    pub(crate) latency: Option<LatencySummary>,
    /// CPU time the bot process spent during the run (user + system, all threads), when
    /// `/proc` could tell.
    pub(crate) bot_cpu: Option<Duration>,
    /// CPU time this process (the fake Discord and the driver, on the same cores) spent
    /// during the run.
    pub(crate) driver_cpu: Option<Duration>,
}

impl ScenarioResult {
    /// Answered interactions per second.
    pub(crate) fn throughput(&self) -> f64 {
        per_second(self.sent - self.failed, self.elapsed)
    }

    /// The bot's CPU time per interaction sent.
    pub(crate) fn bot_cpu_per_interaction(&self) -> Option<Duration> {
        per_interaction(self.bot_cpu?, self.sent)
    }

    /// The fake's and the driver's CPU time per interaction sent.
    pub(crate) fn driver_cpu_per_interaction(&self) -> Option<Duration> {
        per_interaction(self.driver_cpu?, self.sent)
    }

    pub(crate) fn line(&self) -> String {
        let latency = self
            .latency
            .map_or_else(|| "no answers".to_owned(), |summary| summary.to_string());
        let cpu = self
            .bot_cpu_per_interaction()
            .map_or_else(String::new, |cpu| {
                format!("  bot CPU {cpu:.2?}/interaction")
            });
        let driver = self
            .driver_cpu_per_interaction()
            .map_or_else(String::new, |cpu| format!(" (fake + driver {cpu:.2?})"));
        format!(
            "{:<14} {:>7.0}/s  sent {} failed {}  {latency}{cpu}{driver}",
            self.scenario.label(),
            self.throughput(),
            self.sent,
            self.failed
        )
    }
}

fn per_interaction(total: Duration, sent: usize) -> Option<Duration> {
    let sent = u32::try_from(sent).ok().filter(|sent| *sent > 0)?;
    Some(total / sent)
}

/// Each interaction comes from a new user.
static NEXT_USER: AtomicU64 = AtomicU64::new(500_000_000_000_000_000);

/// Fires `limits.count` interactions of one scenario; `bot_cpu` reads the bot's CPU time so
/// far (before and after the run).
pub(crate) async fn fire(
    fake: &Arc<FakeDiscord>,
    scenario: Scenario,
    questions: &Questions,
    limits: Limits,
    bot_cpu: impl Fn() -> Option<Duration>,
) -> anyhow::Result<ScenarioResult> {
    let cpu_before = bot_cpu();
    let driver_before = own_cpu_time();
    let permits = Arc::new(Semaphore::new(limits.concurrency));
    let mut tasks = JoinSet::new();
    let started = Instant::now();
    let mut sent = 0;
    while sent < limits.count && started.elapsed() < limits.max_time {
        let permit = Arc::clone(&permits).acquire_owned().await?;
        let user = NEXT_USER.fetch_add(1, Ordering::Relaxed);
        let builder = scenario
            .interaction(questions, sent)
            .guild(GUILD_ID)
            .user(user, "load.tester");
        let fake = Arc::clone(fake);
        tasks.spawn(async move {
            let handle = fake.send_interaction(builder);
            let outcome = fake.wait_callback(&handle, CALLBACK_TIMEOUT).await;
            drop(permit);
            outcome.ok().and_then(|recorded| {
                (recorded.status < 300)
                    .then(|| recorded.at.saturating_duration_since(handle.dispatched_at))
            })
        });
        sent += 1;
    }
    let mut latencies = Vec::with_capacity(sent);
    while let Some(joined) = tasks.join_next().await {
        if let Some(latency) = joined? {
            latencies.push(latency);
        }
    }
    let elapsed = started.elapsed();
    let cpu_after = bot_cpu();
    let driver_after = own_cpu_time();
    Ok(ScenarioResult {
        scenario,
        sent,
        failed: sent - latencies.len(),
        elapsed,
        latency: LatencySummary::of(&latencies),
        bot_cpu: cpu_before
            .zip(cpu_after)
            .map(|(before, after)| after.saturating_sub(before)),
        driver_cpu: driver_before
            .zip(driver_after)
            .map(|(before, after)| after.saturating_sub(before)),
    })
}
