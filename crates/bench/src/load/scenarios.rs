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

use crate::load::bot_process::GUILD_ID;

/// How long one interaction may wait for its callback before it counts as failed.
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(15);

/// One kind of interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scenario {
    Ping,
    Define,
    Timeline,
    Search,
    Autocomplete,
}

impl Scenario {
    pub(crate) const ALL: [Scenario; 5] = [
        Scenario::Ping,
        Scenario::Define,
        Scenario::Timeline,
        Scenario::Search,
        Scenario::Autocomplete,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Ping => "/ping",
            Self::Define => "/define",
            Self::Timeline => "/timeline",
            Self::Search => "/search",
            Self::Autocomplete => "autocomplete",
        }
    }

    fn interaction(self, questions: &Questions, index: usize) -> InteractionBuilder {
        let pick = |items: &[String]| items[index % items.len()].clone();
        match self {
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
    pub(crate) label: &'static str,
    pub(crate) sent: usize,
    pub(crate) failed: usize,
    pub(crate) elapsed: Duration,
    pub(crate) latency: Option<LatencySummary>,
}

impl ScenarioResult {
    pub(crate) fn line(&self) -> String {
        let latency = self
            .latency
            .map_or_else(|| "no answers".to_owned(), |summary| summary.to_string());
        format!(
            "{:<14} {:>7.0}/s  sent {} failed {}  {latency}",
            self.label,
            per_second(self.sent - self.failed, self.elapsed),
            self.sent,
            self.failed
        )
    }
}

/// Each interaction comes from a new user.
static NEXT_USER: AtomicU64 = AtomicU64::new(500_000_000_000_000_000);

async fn run(
    fake: &Arc<FakeDiscord>,
    limits: Limits,
    label: &'static str,
    scenario: Scenario,
    mut next: impl FnMut(usize) -> InteractionBuilder,
) -> anyhow::Result<ScenarioResult> {
    let permits = Arc::new(Semaphore::new(limits.concurrency));
    let mut tasks = JoinSet::new();
    let started = Instant::now();
    let mut sent = 0;
    while sent < limits.count && started.elapsed() < limits.max_time {
        let permit = Arc::clone(&permits).acquire_owned().await?;
        let user = NEXT_USER.fetch_add(1, Ordering::Relaxed);
        let builder = next(sent).guild(GUILD_ID).user(user, "load.tester");
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
    Ok(ScenarioResult {
        scenario,
        label,
        sent,
        failed: sent - latencies.len(),
        elapsed: started.elapsed(),
        latency: LatencySummary::of(&latencies),
    })
}

/// Fires `limits.count` interactions of one scenario.
pub(crate) async fn fire(
    fake: &Arc<FakeDiscord>,
    scenario: Scenario,
    questions: &Questions,
    limits: Limits,
) -> anyhow::Result<ScenarioResult> {
    run(fake, limits, scenario.label(), scenario, |index| {
        scenario.interaction(questions, index)
    })
    .await
}

/// Fires every scenario in turn, interleaved, as a real burst would.
pub(crate) async fn fire_mixed(
    fake: &Arc<FakeDiscord>,
    questions: &Questions,
    limits: Limits,
) -> anyhow::Result<ScenarioResult> {
    run(fake, limits, "mixed", Scenario::Ping, |index| {
        Scenario::ALL[index % Scenario::ALL.len()]
            .interaction(questions, index / Scenario::ALL.len())
    })
    .await
}
