//! Server glossary entries: edits carry versions, history outlives removal, names are
//! validated and unique within a server.

use dossier_store::{GuildTermAction, GuildTermEdit, GuildTermError, GuildTermProblem, UserId};

use crate::fixtures::{temp_store, Backend};
use crate::guild::{add, entry, MODERATOR, OTHER_MODERATOR, SERVER_A};

async fn an_edit_based_on_an_old_version_is_refused_as_a_conflict(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

async fn of_two_simultaneous_edits_exactly_one_wins(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

async fn history_keeps_every_change_even_after_removal(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

async fn names_colliding_with_another_entry_are_refused(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

async fn hostile_entries_are_refused_and_nothing_is_stored(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

async fn markup_and_mentions_are_stored_verbatim_for_the_renderer_to_escape(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

async fn server_autocomplete_ranks_names_and_aliases(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

on_both_backends!(
    an_edit_based_on_an_old_version_is_refused_as_a_conflict,
    of_two_simultaneous_edits_exactly_one_wins,
    history_keeps_every_change_even_after_removal,
    names_colliding_with_another_entry_are_refused,
    hostile_entries_are_refused_and_nothing_is_stored,
    markup_and_mentions_are_stored_verbatim_for_the_renderer_to_escape,
    server_autocomplete_ranks_names_and_aliases,
);
