//! Per-server tables: one server never sees another's rows; edits carry versions; history
//! outlives removal; names are validated; usage is counted per server and day.

use dossier_core::Day;
use dossier_store::{
    GuildId, GuildTermAction, GuildTermEdit, GuildTermError, GuildTermProblem, NewGuildTerm, Store,
    UserId,
};

use crate::fixtures::temp_store;

const SERVER_A: GuildId = GuildId(111_111_111_111_111_111);
const SERVER_B: GuildId = GuildId(222_222_222_222_222_222);
const MODERATOR: UserId = UserId(900_000_000_000_000_001);
const OTHER_MODERATOR: UserId = UserId(900_000_000_000_000_002);

fn entry(name: &str, definition: &str, aliases: &[&str]) -> NewGuildTerm {
    NewGuildTerm {
        name: name.to_owned(),
        definition: definition.to_owned(),
        aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
    }
}

async fn add(store: &Store, guild: GuildId, name: &str, aliases: &[&str]) {
    store
        .add_guild_term(
            guild,
            &entry(name, &format!("{name} as used here."), aliases),
            MODERATOR,
        )
        .await
        .expect("add");
}

#[tokio::test]
async fn one_server_never_sees_or_changes_anothers_entries() {
    let (_folder, store) = temp_store().await;
    add(&store, SERVER_A, "Storm", &["SS"]).await;

    assert!(store.guild_terms(SERVER_B).await.expect("list").is_empty());
    assert_eq!(
        store.guild_term(SERVER_B, "Storm").await.expect("get"),
        None
    );
    assert_eq!(store.guild_term(SERVER_B, "SS").await.expect("get"), None);
    assert!(store
        .complete_guild_terms(SERVER_B, "st")
        .await
        .expect("complete")
        .is_empty());
    assert!(store
        .guild_term_history(SERVER_B, "Storm")
        .await
        .expect("history")
        .is_empty());
    assert!(matches!(
        store
            .edit_guild_term(SERVER_B, "Storm", 1, &GuildTermEdit::default(), MODERATOR)
            .await,
        Err(GuildTermError::NotFound { .. })
    ));
    assert!(matches!(
        store
            .remove_guild_term(SERVER_B, "Storm", None, MODERATOR)
            .await,
        Err(GuildTermError::NotFound { .. })
    ));

    // Server B may use the same name for its own, different entry.
    store
        .add_guild_term(
            SERVER_B,
            &entry("Storm", "Something else in B.", &[]),
            OTHER_MODERATOR,
        )
        .await
        .expect("same name in another server");
    let in_a = store
        .guild_term(SERVER_A, "storm")
        .await
        .expect("get")
        .expect("A's entry");
    let in_b = store
        .guild_term(SERVER_B, "storm")
        .await
        .expect("get")
        .expect("B's entry");
    assert_eq!(in_a.definition, "Storm as used here.");
    assert_eq!(in_b.definition, "Something else in B.");
    assert_eq!((in_a.guild, in_b.guild), (SERVER_A, SERVER_B));

    store
        .remove_guild_term(SERVER_B, "Storm", None, OTHER_MODERATOR)
        .await
        .expect("remove B's");
    assert!(store
        .guild_term(SERVER_A, "Storm")
        .await
        .expect("get")
        .is_some());
    assert_eq!(
        store
            .guild_term_history(SERVER_A, "Storm")
            .await
            .expect("history")
            .len(),
        1
    );
}

#[tokio::test]
async fn settings_and_usage_are_per_server() {
    let (_folder, store) = temp_store().await;
    store
        .set_moderator_role(SERVER_A, Some(555))
        .await
        .expect("set");
    assert_eq!(
        store.moderator_role(SERVER_A).await.expect("get"),
        Some(555)
    );
    assert_eq!(store.moderator_role(SERVER_B).await.expect("get"), None);
    store
        .set_moderator_role(SERVER_A, None)
        .await
        .expect("clear");
    assert_eq!(store.moderator_role(SERVER_A).await.expect("get"), None);

    let day = Day::new(2025, 4, 28).expect("valid day");
    store
        .record_usage_on(SERVER_A, day, "define", Some("kcna"))
        .await
        .expect("record");
    let stats_b = store.usage_stats(SERVER_B, day, 10).await.expect("stats");
    assert!(stats_b.commands.is_empty() && stats_b.subjects.is_empty());
}

#[tokio::test]
async fn usage_counts_the_most_asked_commands_and_terms_in_a_period() {
    let (_folder, store) = temp_store().await;
    let today = Day::new(2025, 4, 28).expect("valid day");
    let long_ago = Day::from_day_number(today.day_number() - 40);
    let last_week = Day::from_day_number(today.day_number() - 3);
    for _ in 0..3 {
        store
            .record_usage_on(SERVER_A, today, "define", Some("kcna"))
            .await
            .expect("record");
    }
    store
        .record_usage_on(SERVER_A, last_week, "define", Some("kursk-region"))
        .await
        .expect("record");
    store
        .record_usage_on(SERVER_A, last_week, "timeline", None)
        .await
        .expect("record");
    store
        .record_usage_on(SERVER_A, long_ago, "search", Some("kcna"))
        .await
        .expect("record");
    store
        .record_usage(SERVER_A, "search", None)
        .await
        .expect("record today");

    let week = store
        .usage_stats(SERVER_A, Day::from_day_number(today.day_number() - 6), 10)
        .await
        .expect("stats");
    let commands: Vec<(&str, u64)> = week
        .commands
        .iter()
        .map(|count| (count.name.as_str(), count.uses))
        .collect();
    // "search" was used today by the real clock, which is after the fixed dates.
    assert_eq!(
        commands,
        vec![("define", 4), ("search", 1), ("timeline", 1)]
    );
    let subjects: Vec<(&str, u64)> = week
        .subjects
        .iter()
        .map(|count| (count.name.as_str(), count.uses))
        .collect();
    assert_eq!(subjects, vec![("kcna", 3), ("kursk-region", 1)]);

    let top_one = store
        .usage_stats(SERVER_A, long_ago, 1)
        .await
        .expect("stats");
    assert_eq!(top_one.commands.len(), 1);
    assert_eq!(top_one.subjects[0].name, "kcna");
    assert_eq!(top_one.subjects[0].uses, 4);
}

#[tokio::test]
async fn an_edit_based_on_an_old_version_is_refused_as_a_conflict() {
    let (_folder, store) = temp_store().await;
    add(&store, SERVER_A, "Storm", &[]).await;
    let first = GuildTermEdit {
        definition: Some("First moderator's wording.".to_owned()),
        aliases: None,
    };
    let edited = store
        .edit_guild_term(SERVER_A, "Storm", 1, &first, MODERATOR)
        .await
        .expect("edit from version 1");
    assert_eq!(edited.version, 2);

    let second = GuildTermEdit {
        definition: Some("Second moderator's wording.".to_owned()),
        aliases: None,
    };
    let conflict = store
        .edit_guild_term(SERVER_A, "Storm", 1, &second, OTHER_MODERATOR)
        .await;
    assert!(
        matches!(
            conflict,
            Err(GuildTermError::Conflict {
                expected: 1,
                current: 2
            })
        ),
        "{conflict:?}"
    );
    let stored = store
        .guild_term(SERVER_A, "Storm")
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(stored.definition, "First moderator's wording.");
    assert!(matches!(
        store
            .remove_guild_term(SERVER_A, "Storm", Some(1), MODERATOR)
            .await,
        Err(GuildTermError::Conflict { .. })
    ));
}

#[tokio::test]
async fn of_two_simultaneous_edits_exactly_one_wins() {
    let (_folder, store) = temp_store().await;
    add(&store, SERVER_A, "Storm", &[]).await;
    let tasks: Vec<_> = (0..2)
        .map(|index| {
            let store = store.clone();
            tokio::spawn(async move {
                let edit = GuildTermEdit {
                    definition: Some(format!("Wording {index}.")),
                    aliases: None,
                };
                store
                    .edit_guild_term(SERVER_A, "Storm", 1, &edit, MODERATOR)
                    .await
            })
        })
        .collect();
    let mut wins = 0;
    let mut conflicts = 0;
    for task in tasks {
        match task.await.expect("task") {
            Ok(term) => {
                wins += 1;
                assert_eq!(term.version, 2);
            }
            Err(GuildTermError::Conflict { .. }) => conflicts += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((wins, conflicts), (1, 1));
}

#[tokio::test]
async fn history_keeps_every_change_even_after_removal() {
    let (_folder, store) = temp_store().await;
    add(&store, SERVER_A, "Storm", &["SS"]).await;
    let edit = GuildTermEdit {
        definition: None,
        aliases: Some(vec!["S.S.".to_owned(), "Stormers".to_owned()]),
    };
    store
        .edit_guild_term(SERVER_A, "ss", 1, &edit, OTHER_MODERATOR)
        .await
        .expect("edit by alias");
    store
        .remove_guild_term(SERVER_A, "Storm", Some(2), MODERATOR)
        .await
        .expect("remove");
    assert_eq!(
        store.guild_term(SERVER_A, "Storm").await.expect("get"),
        None
    );
    assert!(store.guild_terms(SERVER_A).await.expect("list").is_empty());

    let history = store
        .guild_term_history(SERVER_A, "Storm")
        .await
        .expect("history");
    let actions: Vec<(GuildTermAction, u32, UserId)> = history
        .iter()
        .map(|change| (change.action, change.version, change.user))
        .collect();
    assert_eq!(
        actions,
        vec![
            (GuildTermAction::Add, 1, MODERATOR),
            (GuildTermAction::Edit, 2, OTHER_MODERATOR),
            (GuildTermAction::Remove, 2, MODERATOR),
        ]
    );
    assert_eq!(history[0].before, None);
    assert_eq!(
        history[1]
            .before
            .as_ref()
            .map(|before| before.aliases.clone()),
        Some(vec!["SS".to_owned()])
    );
    assert_eq!(
        history[1].after.as_ref().map(|after| after.aliases.clone()),
        Some(vec!["S.S.".to_owned(), "Stormers".to_owned()])
    );
    assert_eq!(history[2].after, None);

    // Re-adding continues the numbering, so versions never repeat.
    add(&store, SERVER_A, "Storm", &[]).await;
    let readded = store
        .guild_term(SERVER_A, "Storm")
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(readded.version, 3);
    assert_eq!(
        store
            .guild_term_history(SERVER_A, "storm")
            .await
            .expect("history")
            .len(),
        4
    );
}

#[tokio::test]
async fn names_colliding_with_another_entry_are_refused() {
    let (_folder, store) = temp_store().await;
    add(&store, SERVER_A, "Storm", &["SS"]).await;
    for (name, aliases) in [
        ("storm", vec![]),
        ("S.S.", vec![]),
        ("Thunder", vec!["STORM"]),
        ("Thunder", vec!["ss"]),
    ] {
        let result = store
            .add_guild_term(SERVER_A, &entry(name, "Clash.", &aliases), MODERATOR)
            .await;
        match result {
            Err(GuildTermError::NameTaken { taken_by, .. }) => assert_eq!(taken_by, "Storm"),
            other => panic!("{name} {aliases:?}: {other:?}"),
        }
    }
    add(&store, SERVER_A, "Thunder", &[]).await;
    let clash = GuildTermEdit {
        definition: None,
        aliases: Some(vec!["Storm".to_owned()]),
    };
    assert!(matches!(
        store
            .edit_guild_term(SERVER_A, "Thunder", 1, &clash, MODERATOR)
            .await,
        Err(GuildTermError::NameTaken { .. })
    ));
    assert_eq!(store.guild_terms(SERVER_A).await.expect("list").len(), 2);
}

#[tokio::test]
async fn hostile_entries_are_refused_and_nothing_is_stored() {
    let (_folder, store) = temp_store().await;
    let ten_kilobytes = "x".repeat(10_240);
    let cases = [
        (entry("", "Empty name.", &[]), GuildTermProblem::Name),
        (
            entry(&ten_kilobytes, "Long name.", &[]),
            GuildTermProblem::Name,
        ),
        (
            entry("Storm", &ten_kilobytes, &[]),
            GuildTermProblem::Definition,
        ),
        (entry("Storm", "", &[]), GuildTermProblem::Definition),
        (
            entry("Sto\u{200B}rm", "Zero-width space.", &[]),
            GuildTermProblem::HiddenCharacters { field: "name" },
        ),
        (
            entry("\u{202E}mrotS", "Right-to-left override.", &[]),
            GuildTermProblem::HiddenCharacters { field: "name" },
        ),
        (
            entry("Storm", "Looks fine \u{2067}until it is not", &[]),
            GuildTermProblem::HiddenCharacters {
                field: "definition",
            },
        ),
        (
            entry(
                "Storm",
                "Too many aliases.",
                &[
                    "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11",
                ],
            ),
            GuildTermProblem::TooManyAliases,
        ),
        (
            entry("Storm", "Empty alias.", &[" "]),
            GuildTermProblem::Alias,
        ),
    ];
    for (proposed, problem) in cases {
        match store.add_guild_term(SERVER_A, &proposed, MODERATOR).await {
            Err(GuildTermError::Invalid(found)) => assert_eq!(found, problem),
            other => panic!(
                "{:?}: {other:?}",
                proposed.name.chars().take(20).collect::<String>()
            ),
        }
    }
    assert!(store.guild_terms(SERVER_A).await.expect("list").is_empty());
    assert!(store
        .guild_term_history(SERVER_A, "Storm")
        .await
        .expect("history")
        .is_empty());
}

#[tokio::test]
async fn markup_and_mentions_are_stored_verbatim_for_the_renderer_to_escape() {
    let (_folder, store) = temp_store().await;
    let proposed = entry(
        "@everyone **boom**",
        "<@123> and <@&456> say `hi` ||spoiler|| — مرحبا",
        &["@here"],
    );
    store
        .add_guild_term(SERVER_A, &proposed, MODERATOR)
        .await
        .expect("add");
    let stored = store
        .guild_term(SERVER_A, "everyone boom")
        .await
        .expect("get")
        .expect("found by folded name");
    assert_eq!(stored.name, proposed.name);
    assert_eq!(stored.definition, proposed.definition);
    assert_eq!(stored.aliases, proposed.aliases);
}

#[tokio::test]
async fn server_entries_survive_a_restart_and_a_dossier_import() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("dossier.db");
    let store = Store::open_path(&path).await.expect("open");
    add(&store, SERVER_A, "Storm", &["SS"]).await;
    store
        .record_usage_on(
            SERVER_A,
            Day::new(2025, 4, 28).expect("day"),
            "define",
            None,
        )
        .await
        .expect("record");
    store.close().await;

    let reopened = Store::open_path(&path).await.expect("reopen");
    reopened
        .import(crate::fixtures::shipped())
        .await
        .expect("import");
    reopened
        .import(&crate::fixtures::marked("[v2]"))
        .await
        .expect("import changed");
    let term = reopened
        .guild_term(SERVER_A, "ss")
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(term.name, "Storm");
    let stats = reopened
        .usage_stats(SERVER_A, Day::new(2025, 1, 1).expect("day"), 10)
        .await
        .expect("stats");
    assert_eq!(stats.commands.len(), 1);
}

#[tokio::test]
async fn server_autocomplete_ranks_names_and_aliases() {
    let (_folder, store) = temp_store().await;
    add(&store, SERVER_A, "Storm", &["Shock squad"]).await;
    add(&store, SERVER_A, "Stormtrooper", &[]).await;
    add(&store, SERVER_A, "Brigade", &[]).await;
    let choices = store
        .complete_guild_terms(SERVER_A, "sto")
        .await
        .expect("complete");
    let values: Vec<&str> = choices.iter().map(|choice| choice.value.as_str()).collect();
    assert_eq!(values, vec!["Storm", "Stormtrooper"]);
    let by_alias = store
        .complete_guild_terms(SERVER_A, "shock")
        .await
        .expect("complete");
    assert_eq!(by_alias[0].label, "Storm (Shock squad)");
}
