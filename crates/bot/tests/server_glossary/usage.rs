//! `/stats`: what each server asks, counted per server and never in direct messages, shown
//! at once and kept through a graceful shutdown although counts are written in batches.

use std::time::Duration;

use dossier_bot::Config;
use dossier_testkit::InteractionBuilder;

use crate::{add, define, DatabaseFile, Running, SERVER_A, SERVER_B};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_count_each_servers_terms_and_commands_apart() {
    let running = Running::start().await;
    running.ask(add("Storm", "Nickname.").guild(SERVER_A)).await;
    for asked in ["KCNA", "kcna", "Storm", "no such thing"] {
        running.ask(define(asked).guild(SERVER_A)).await;
    }
    running
        .ask(InteractionBuilder::command("glossary").guild(SERVER_A))
        .await;
    running.ask(define("KCNA").guild(SERVER_B)).await;
    running.ask(define("KCNA").in_dm()).await;

    let in_a = running
        .ask(InteractionBuilder::command("stats").guild(SERVER_A))
        .await;
    in_a.assert_silent();
    let fields = in_a.embeds()[0]["fields"].clone();
    let field = |index: usize| {
        fields[index]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        field(0),
        "1. **KCNA** — 2\n2. **Storm** — 1",
        "terms, 7 days"
    );
    assert_eq!(field(1), field(0), "terms, 30 days");
    assert_eq!(
        field(3),
        "1. `/define` — 4\n2. `/glossary` — 1\n3. `/stats` — 1\n4. `/term add` — 1",
        "commands, 7 days"
    );

    let in_b = running
        .ask(InteractionBuilder::command("stats").guild(SERVER_B))
        .await;
    let fields = in_b.embeds()[0]["fields"].clone();
    assert_eq!(
        fields[0]["value"], "1. **KCNA** — 1",
        "only B's own, and no DMs"
    );
    assert_eq!(fields[3]["value"], "1. `/define` — 1\n2. `/stats` — 1");
    assert!(
        !in_b.text().contains(&crate::MEMBER.0.to_string()),
        "counts only, no user ids"
    );
    running.stop().await;
}

/// Long enough that within a test only `/stats` or a shutdown writes the counts.
const NEVER_ON_ITS_OWN: Duration = Duration::from_secs(3_600);

/// The "commands, 7 days" field of a `/stats` answer.
async fn commands_this_week(running: &Running, server: u64) -> String {
    let stats = running
        .ask(InteractionBuilder::command("stats").guild(server))
        .await;
    stats.embeds()[0]["fields"][3]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_include_uses_counted_a_moment_before() {
    let running = Running::start_configured("sqlite::memory:", |config| {
        config.usage_flush_interval = NEVER_ON_ITS_OWN;
    })
    .await;
    running.ask(define("KCNA").guild(SERVER_A)).await;
    running
        .ask(InteractionBuilder::command("ping").guild(SERVER_A))
        .await;
    assert_eq!(
        commands_this_week(&running, SERVER_A).await,
        "1. `/define` — 1\n2. `/ping` — 1\n3. `/stats` — 1"
    );
    running.ask(define("KCNA").guild(SERVER_A)).await;
    assert_eq!(
        commands_this_week(&running, SERVER_A).await,
        "1. `/define` — 2\n2. `/stats` — 2\n3. `/ping` — 1"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_not_yet_written_survive_a_graceful_shutdown() {
    let database = DatabaseFile::new("usage-shutdown");
    let configure = |config: &mut Config| config.usage_flush_interval = NEVER_ON_ITS_OWN;
    let running = Running::start_configured(&database.url(), configure).await;
    for _ in 0..3 {
        running.ask(define("KCNA").guild(SERVER_A)).await;
    }
    running
        .ask(InteractionBuilder::command("timeline").guild(SERVER_B))
        .await;
    // Nothing has written the counts yet; only the shutdown can.
    running.stop().await;

    let restarted = Running::start_configured(&database.url(), configure).await;
    assert_eq!(
        commands_this_week(&restarted, SERVER_A).await,
        "1. `/define` — 3\n2. `/stats` — 1"
    );
    assert_eq!(
        commands_this_week(&restarted, SERVER_B).await,
        "1. `/stats` — 1\n2. `/timeline` — 1"
    );
    restarted.stop().await;
}
