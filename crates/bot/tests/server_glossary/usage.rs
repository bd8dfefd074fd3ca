//! `/stats`: what each server asks, counted per server and never in direct messages.

use dossier_testkit::InteractionBuilder;

use crate::{add, define, Running, SERVER_A, SERVER_B};

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
