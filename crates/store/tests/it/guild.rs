//! Per-server tables: one server never sees another's rows; settings and usage counts are
//! kept per server and day; everything survives restarts and dossier imports; a change made
//! through one store is seen at once through another on the same database.

use dossier_core::Day;
use dossier_store::{
    GuildId, GuildTermEdit, GuildTermError, NewGuildTerm, Store, UsageTally, UserId,
};

use crate::fixtures::{temp_store, Backend, TestDatabase};

pub(crate) const SERVER_A: GuildId = GuildId(111_111_111_111_111_111);
pub(crate) const SERVER_B: GuildId = GuildId(222_222_222_222_222_222);
pub(crate) const MODERATOR: UserId = UserId(900_000_000_000_000_001);
pub(crate) const OTHER_MODERATOR: UserId = UserId(900_000_000_000_000_002);

pub(crate) fn entry(name: &str, definition: &str, aliases: &[&str]) -> NewGuildTerm {
    NewGuildTerm {
        name: name.to_owned(),
        definition: definition.to_owned(),
        aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
    }
}

pub(crate) async fn add(store: &Store, guild: GuildId, name: &str, aliases: &[&str]) {
    store
        .add_guild_term(
            guild,
            &entry(name, &format!("{name} as used here."), aliases),
            MODERATOR,
        )
        .await
        .expect("add");
}

async fn one_server_never_sees_or_changes_anothers_entries(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

async fn settings_and_usage_are_per_server(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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
    // A NUL in a subject (which PostgreSQL text cannot hold) is dropped, not an error.
    store
        .record_usage_on(SERVER_A, day, "define", Some("kc\u{0}na"))
        .await
        .expect("record");
    let stats_a = store.usage_stats(SERVER_A, day, 10).await.expect("stats");
    assert_eq!(stats_a.subjects.len(), 1);
    assert_eq!(
        (stats_a.subjects[0].name.as_str(), stats_a.subjects[0].uses),
        ("kcna", 2)
    );
}

async fn usage_counts_the_most_asked_commands_and_terms_in_a_period(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
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

fn tally(guild: GuildId, day: Day, command: &str, subject: Option<&str>, uses: u64) -> UsageTally {
    UsageTally {
        guild,
        day,
        command: command.to_owned(),
        subject: subject.map(str::to_owned),
        uses,
    }
}

/// (name, uses) of each command or subject, most used first.
fn named(counts: &[dossier_store::UsageCount]) -> Vec<(&str, u64)> {
    counts
        .iter()
        .map(|count| (count.name.as_str(), count.uses))
        .collect()
}

async fn a_batch_of_tallies_adds_to_the_counts_per_server_and_day(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
    let today = Day::new(2025, 4, 28).expect("valid day");
    let yesterday = Day::from_day_number(today.day_number() - 1);
    store
        .record_usage_on(SERVER_A, today, "define", Some("kcna"))
        .await
        .expect("record one");
    store
        .record_usage_batch(&[
            tally(SERVER_A, today, "define", Some("kcna"), 3),
            // The same key again, once the NUL PostgreSQL cannot hold is dropped: it adds up.
            tally(SERVER_A, today, "define", Some("kc\u{0}na"), 2),
            tally(SERVER_A, yesterday, "define", Some("kursk-region"), 4),
            tally(SERVER_A, today, "timeline", None, 1),
            tally(SERVER_A, today, "search", None, 0),
            tally(SERVER_B, today, "ping", None, 7),
        ])
        .await
        .expect("record the batch");
    store.record_usage_batch(&[]).await.expect("an empty batch");

    let both_days = store
        .usage_stats(SERVER_A, yesterday, 10)
        .await
        .expect("stats");
    assert_eq!(
        named(&both_days.commands),
        [("define", 10), ("timeline", 1)]
    );
    assert_eq!(
        named(&both_days.subjects),
        [("kcna", 6), ("kursk-region", 4)]
    );
    let today_only = store.usage_stats(SERVER_A, today, 10).await.expect("stats");
    assert_eq!(
        named(&today_only.commands),
        [("define", 6), ("timeline", 1)]
    );
    let in_b = store
        .usage_stats(SERVER_B, yesterday, 10)
        .await
        .expect("stats");
    assert_eq!(named(&in_b.commands), [("ping", 7)]);
    assert!(in_b.subjects.is_empty());
}

async fn batches_written_at_once_through_several_stores_lose_no_count(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let stores = [database.open().await, database.open().await];
    let today = Day::new(2025, 4, 28).expect("valid day");
    // Both write the same keys, in opposite orders, many times over.
    let forward: Vec<UsageTally> = ["kcna", "kursk-region", "storm"]
        .iter()
        .map(|subject| tally(SERVER_A, today, "define", Some(subject), 1))
        .collect();
    let backward: Vec<UsageTally> = forward.iter().rev().cloned().collect();
    let mut writers = Vec::new();
    for (store, tallies) in stores.iter().zip([forward, backward]) {
        let store = store.clone();
        writers.push(tokio::spawn(async move {
            for _ in 0..20 {
                store.record_usage_batch(&tallies).await.expect("batch");
            }
        }));
    }
    for writer in writers {
        writer.await.expect("the writer finished");
    }
    let stats = stores[1]
        .usage_stats(SERVER_A, today, 10)
        .await
        .expect("stats");
    assert_eq!(named(&stats.commands), [("define", 120)]);
    assert_eq!(
        named(&stats.subjects),
        [("kcna", 40), ("kursk-region", 40), ("storm", 40)]
    );
}

async fn server_entries_survive_a_restart_and_a_dossier_import(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let store = database.open().await;
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

    let reopened = database.open().await;
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

async fn a_glossary_change_through_one_store_is_seen_at_once_through_another(backend: Backend) {
    // Two pools on one database, as two bot processes have.
    let database = TestDatabase::create(backend).await;
    let one = database.open().await;
    let other = database.open().await;
    add(&one, SERVER_A, "Storm", &["SS"]).await;
    let seen = other
        .guild_term(SERVER_A, "ss")
        .await
        .expect("get")
        .expect("added through the first store");
    assert_eq!(seen.version, 1);

    let edit = GuildTermEdit {
        definition: Some("Edited through the other store.".to_owned()),
        aliases: None,
    };
    other
        .edit_guild_term(SERVER_A, "Storm", 1, &edit, OTHER_MODERATOR)
        .await
        .expect("edit");
    let edited = one
        .guild_term(SERVER_A, "Storm")
        .await
        .expect("get")
        .expect("still there");
    assert_eq!(edited.definition, "Edited through the other store.");
    assert!(matches!(
        one.edit_guild_term(SERVER_A, "Storm", 1, &edit, MODERATOR)
            .await,
        Err(GuildTermError::Conflict {
            expected: 1,
            current: 2
        })
    ));

    other
        .remove_guild_term(SERVER_A, "Storm", Some(2), OTHER_MODERATOR)
        .await
        .expect("remove");
    assert_eq!(one.guild_term(SERVER_A, "Storm").await.expect("get"), None);
    assert!(one
        .complete_guild_terms(SERVER_A, "sto")
        .await
        .expect("complete")
        .is_empty());
    assert_eq!(
        one.guild_term_history(SERVER_A, "Storm")
            .await
            .expect("history")
            .len(),
        3
    );
}

async fn simultaneous_adds_of_one_name_through_several_stores_keep_exactly_one(backend: Backend) {
    const STORES: usize = 4;
    let database = TestDatabase::create(backend).await;
    let mut stores = Vec::new();
    for _ in 0..STORES {
        stores.push(database.open().await);
    }
    for round in 0..3 {
        let name = format!("Storm {round}");
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(STORES));
        let tasks: Vec<_> = stores
            .iter()
            .enumerate()
            .map(|(index, store)| {
                let store = store.clone();
                let start = std::sync::Arc::clone(&start);
                let proposed = entry(&name, &format!("Wording {index}."), &[]);
                tokio::spawn(async move {
                    start.wait().await;
                    store.add_guild_term(SERVER_A, &proposed, MODERATOR).await
                })
            })
            .collect();
        let mut added = 0;
        for task in tasks {
            match task.await.expect("task") {
                Ok(term) => {
                    added += 1;
                    assert_eq!(term.version, 1);
                }
                Err(GuildTermError::NameTaken { taken_by, .. }) => assert_eq!(taken_by, name),
                Err(other) => panic!("{name}: {other:?}"),
            }
        }
        assert_eq!(added, 1, "{name}");
        assert_eq!(
            stores[0]
                .guild_term_history(SERVER_A, &name)
                .await
                .expect("history")
                .len(),
            1
        );
    }
    assert_eq!(
        stores[1].guild_terms(SERVER_A).await.expect("list").len(),
        3
    );
}

on_both_backends!(
    one_server_never_sees_or_changes_anothers_entries,
    settings_and_usage_are_per_server,
    usage_counts_the_most_asked_commands_and_terms_in_a_period,
    a_batch_of_tallies_adds_to_the_counts_per_server_and_day,
    batches_written_at_once_through_several_stores_lose_no_count,
    server_entries_survive_a_restart_and_a_dossier_import,
    a_glossary_change_through_one_store_is_seen_at_once_through_another,
    simultaneous_adds_of_one_name_through_several_stores_keep_exactly_one,
);
