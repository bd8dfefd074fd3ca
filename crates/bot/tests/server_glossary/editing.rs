//! Edits build on a version, so a concurrent edit is refused instead of overwritten; history
//! keeps every change; and everything survives a restart on a database file.

use dossier_testkit::CommandOption;

use crate::{
    add, as_manager, as_member, define, set_moderator_role, term, term_suggestions, text,
    DatabaseFile, Running, MEMBER, SECOND_MANAGER,
};

const KEEPERS_ROLE: u64 = 1_300_000_000_000_000_201;

fn edit(name: &str, definition: &str, version: Option<i64>) -> Vec<CommandOption> {
    let mut options = vec![text("name", name), text("definition", definition)];
    options.extend(version.map(|version| CommandOption::integer("version", version)));
    options
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_based_on_an_old_version_gets_a_conflict_instead_of_overwriting() {
    let running = Running::start().await;
    running.ask(add("Storm", "First text.")).await;

    // The first moderator reads the entry: version 1, as history and suggestions say.
    let history = running
        .ask(as_manager(term("history", vec![text("name", "Storm")])))
        .await;
    assert!(
        history.text().contains("Now at version 1"),
        "{}",
        history.text()
    );
    let suggested = running
        .ask(as_manager(term_suggestions("edit", "sto")))
        .await;
    assert_eq!(
        suggested.choices(),
        [("Storm — version 1".to_owned(), "Storm".to_owned())]
    );

    // Meanwhile a second moderator edits it.
    let second = running
        .ask(
            term("edit", edit("Storm", "Second moderator's text.", None))
                .user(SECOND_MANAGER.0, SECOND_MANAGER.1)
                .permissions(crate::manager_permissions()),
        )
        .await;
    assert_eq!(second.titles(), ["Updated “Storm” (now version 2)"]);

    // The first moderator's edit, based on version 1, is refused and changes nothing.
    let conflict = running
        .ask(as_manager(term(
            "edit",
            edit("Storm", "First moderator's text.", Some(1)),
        )))
        .await;
    conflict.assert_silent();
    assert!(conflict.is_private());
    assert_eq!(conflict.titles(), ["Changed by someone else"]);
    assert!(
        conflict.text().contains("now at version 2"),
        "{}",
        conflict.text()
    );
    let shown = running.ask(define("Storm")).await;
    assert!(shown.text().contains("Second moderator's text."));
    assert!(!shown.text().contains("First moderator's text."));

    // Building on the current version works, and history keeps every change with its author.
    let rebased = running
        .ask(as_manager(term(
            "edit",
            edit("Storm", "First moderator's text.", Some(2)),
        )))
        .await;
    assert_eq!(rebased.titles(), ["Updated “Storm” (now version 3)"]);
    let history = running
        .ask(as_manager(term("history", vec![text("name", "Storm")])))
        .await;
    let history_text = history.text();
    assert!(
        history_text.contains("3 changes, newest first"),
        "{history_text}"
    );
    assert!(history_text.contains(&format!("By <@{}>", SECOND_MANAGER.0)));
    assert!(history_text.contains("Definition was: First text.\nNow: Second moderator's text."));
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_entries_history_settings_and_counts() {
    let database = DatabaseFile::new("restart");
    let running = Running::start_on(&database.url()).await;
    running
        .ask(as_manager(term(
            "add",
            vec![
                text("name", "Storm"),
                text("definition", "Before the restart."),
                text("aliases", "SC"),
            ],
        )))
        .await;
    running
        .ask(as_manager(term(
            "edit",
            edit("Storm", "Kept across restarts.", None),
        )))
        .await;
    running
        .ask(add("Gone", "Removed before the restart."))
        .await;
    running
        .ask(as_manager(term("remove", vec![text("name", "Gone")])))
        .await;
    running
        .ask(as_manager(set_moderator_role(Some(KEEPERS_ROLE))))
        .await;
    running.ask(define("SC")).await;

    let running = running.restart().await;
    let defined = running.ask(define("sc")).await;
    assert!(
        defined.text().contains("Kept across restarts."),
        "{}",
        defined.text()
    );
    let gone = running.ask(define("Gone")).await;
    assert!(gone.is_private(), "a removed entry stays removed");
    let keeper = |interaction: dossier_testkit::InteractionBuilder| {
        interaction.user(MEMBER.0, MEMBER.1).roles([KEEPERS_ROLE])
    };
    let history = running
        .ask(keeper(term("history", vec![text("name", "Storm")])))
        .await;
    assert!(history.text().contains("2 changes"), "{}", history.text());
    let removed_history = running
        .ask(keeper(term("history", vec![text("name", "Gone")])))
        .await;
    assert!(removed_history.text().contains("Version 1 · Removed"));
    let stats = running
        .ask(as_member(dossier_testkit::InteractionBuilder::command(
            "stats",
        )))
        .await;
    let stats_text = stats.text();
    assert!(stats_text.contains("1. **Storm** — 2"), "{stats_text}");
    assert!(stats_text.contains("1. `/define` — 3"), "{stats_text}");
    running.stop().await;
}
