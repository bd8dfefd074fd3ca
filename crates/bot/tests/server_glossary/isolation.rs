//! One server never sees, edits or removes another's entries, and the report's entry is never
//! hidden by a server's.

use crate::{
    add, as_manager, define, define_suggestions, term, term_suggestions, text, Running, SERVER_A,
    SERVER_B,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_a_entries_are_invisible_in_server_b() {
    let running = Running::start().await;
    let added = running
        .ask(
            as_manager(term(
                "add",
                vec![
                    text("name", "Storm Corps"),
                    text("definition", "What server A calls the 11th Corps."),
                    text("aliases", "SC, Stormers"),
                ],
            ))
            .guild(SERVER_A),
        )
        .await;
    assert!(
        added.titles()[0].starts_with("Added"),
        "{:?}",
        added.titles()
    );

    // Server A sees its entry in /define (by name and by alias) and in autocomplete.
    let in_a = running.ask(define("stormers").guild(SERVER_A)).await;
    in_a.assert_silent();
    assert!(!in_a.is_private());
    assert!(in_a.text().contains("What server A calls the 11th Corps."));
    assert!(
        in_a.text().contains("Server glossary"),
        "labelled as the server's"
    );
    let suggested_in_a = running
        .ask(define_suggestions("storm").guild(SERVER_A))
        .await;
    assert!(
        suggested_in_a.choices().iter().any(|(shown, value)| {
            shown.starts_with("Storm Corps")
                && shown.ends_with(" · Server glossary")
                && value == "Storm Corps"
        }),
        "{:?}",
        suggested_in_a.choices()
    );

    // Server B sees nothing of it, anywhere.
    let in_b = running.ask(define("Storm Corps").guild(SERVER_B)).await;
    assert!(in_b.is_private());
    assert!(!in_b.text().contains("11th Corps"), "{}", in_b.text());
    let suggested_in_b = running
        .ask(define_suggestions("storm").guild(SERVER_B))
        .await;
    assert!(
        suggested_in_b
            .choices()
            .iter()
            .all(|(shown, value)| !shown.contains("Storm Corps") && !value.contains("Storm Corps")),
        "{:?}",
        suggested_in_b.choices()
    );
    let names_in_b = running
        .ask(term_suggestions("edit", "st").guild(SERVER_B))
        .await;
    assert!(
        names_in_b.choices().is_empty(),
        "{:?}",
        names_in_b.choices()
    );
    let list_in_b = running.ask(term("list", Vec::new()).guild(SERVER_B)).await;
    assert!(list_in_b.text().contains("no glossary entries yet"));

    // Server B's managers cannot edit, remove or read the history of A's entry.
    for interaction in [
        term(
            "edit",
            vec![
                text("name", "Storm Corps"),
                text("definition", "Overwritten by B."),
            ],
        ),
        term("remove", vec![text("name", "SC")]),
        term("history", vec![text("name", "Storm Corps")]),
    ] {
        let refused = running.ask(as_manager(interaction).guild(SERVER_B)).await;
        assert!(refused.is_private());
        assert_eq!(
            refused.titles(),
            ["No such server entry"],
            "{}",
            refused.text()
        );
    }
    // B may have its own entry of the same name; each server sees its own.
    running
        .ask(add("Storm Corps", "What server B means by it.").guild(SERVER_B))
        .await;
    let again_in_a = running.ask(define("Storm Corps").guild(SERVER_A)).await;
    assert!(again_in_a
        .text()
        .contains("What server A calls the 11th Corps."));
    assert!(!again_in_a.text().contains("server B"));
    let again_in_b = running.ask(define("Storm Corps").guild(SERVER_B)).await;
    assert!(again_in_b.text().contains("What server B means by it."));
    assert!(!again_in_b.text().contains("server A"));
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reports_entry_comes_first_and_the_servers_beside_it() {
    let running = Running::start().await;
    running
        .ask(add(
            "KCNA",
            "Our shorthand for the state wire; see the pinned post.",
        ))
        .await;
    let both = running.ask(define("KCNA")).await;
    both.assert_silent();
    let embeds = both.embeds();
    assert_eq!(embeds.len(), 2, "{}", both.data);
    assert!(
        embeds[0]["title"]
            .as_str()
            .is_some_and(|title| title.starts_with("KCNA — Korean Central News Agency")),
        "the report's entry comes first: {}",
        embeds[0]
    );
    assert_eq!(embeds[1]["author"]["name"], "Server glossary");
    assert!(embeds[1]["description"]
        .as_str()
        .is_some_and(|text| text.contains("Our shorthand for the state wire")));
    let suggested = running.ask(define_suggestions("kcn")).await;
    let choices = suggested.choices();
    let report_place = choices
        .iter()
        .position(|(shown, _)| !shown.contains("Server glossary"));
    let server_place = choices
        .iter()
        .position(|(shown, _)| shown.contains("Server glossary"));
    assert!(
        matches!((report_place, server_place), (Some(report), Some(server)) if report < server),
        "{choices:?}"
    );
    running.stop().await;
}
