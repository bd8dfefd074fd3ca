//! Who may change a server glossary: decided by the bot from the interaction, whatever the
//! client showed.

use dossier_testkit::InteractionBuilder;

use crate::{
    add, as_manager, as_member, define, set_moderator_role, term, text, Running, MEMBER,
    SECOND_MANAGER,
};

const KEEPERS_ROLE: u64 = 1_300_000_000_000_000_101;
const OTHER_ROLE: u64 = 1_300_000_000_000_000_102;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_without_manage_server_is_refused_even_when_the_client_shows_the_command() {
    let running = Running::start().await;
    let registered = running.fake.registered_commands();
    let registered_term = registered
        .iter()
        .find(|command| command["name"] == "term")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        registered_term["default_member_permissions"], "32",
        "Manage Server is asked of the client, as a hint"
    );

    // A modified client (or a server that allowed /term to everyone) sends it anyway.
    let refused = running
        .ask(as_member(term(
            "add",
            vec![
                text("name", "Storm"),
                text("definition", "Nickname of the 11th Corps."),
            ],
        )))
        .await;
    refused.assert_silent();
    assert!(refused.is_private(), "refusals are private");
    assert_eq!(refused.titles(), ["That is for moderators"]);
    assert!(
        refused.text().contains("Manage Server"),
        "{}",
        refused.text()
    );
    let nothing = running.ask(define("Storm")).await;
    assert!(nothing.is_private() && nothing.text().contains("No such term"));

    // A manager adds it; the member can read it but not change, remove or see its history.
    let added = running
        .ask(add("Storm", "Nickname of the 11th Corps."))
        .await;
    assert!(added.is_private());
    assert!(
        added.titles()[0].starts_with("Added “Storm”"),
        "{:?}",
        added.titles()
    );
    for interaction in [
        term(
            "edit",
            vec![text("name", "Storm"), text("definition", "Vandalised.")],
        ),
        term("remove", vec![text("name", "Storm")]),
        term("history", vec![text("name", "Storm")]),
    ] {
        let refused = running.ask(as_member(interaction)).await;
        assert!(refused.is_private());
        assert_eq!(refused.titles(), ["That is for moderators"]);
    }
    let config = running
        .ask(as_member(
            set_moderator_role(Some(OTHER_ROLE)).roles([OTHER_ROLE]),
        ))
        .await;
    assert!(config.is_private());
    assert!(config
        .text()
        .contains("Only members with the **Manage Server** permission"));
    let listed = running.ask(as_member(term("list", Vec::new()))).await;
    assert!(
        !listed.is_private(),
        "everyone may list the server glossary"
    );
    assert!(listed.text().contains("Nickname of the 11th Corps."));
    let defined = running.ask(as_member(define("storm"))).await;
    assert!(defined.text().contains("Nickname of the 11th Corps."));
    assert!(!defined.text().contains("Vandalised"));
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_moderator_role_may_edit_but_only_manage_server_may_choose_it() {
    let running = Running::start().await;
    let chosen = running
        .ask(as_manager(set_moderator_role(Some(KEEPERS_ROLE))))
        .await;
    chosen.assert_silent();
    assert!(chosen.is_private());
    assert!(chosen.text().contains(&format!("<@&{KEEPERS_ROLE}>")));

    let keeper = |interaction: InteractionBuilder| {
        interaction
            .user(MEMBER.0, MEMBER.1)
            .roles([OTHER_ROLE, KEEPERS_ROLE])
    };
    let added = running
        .ask(keeper(term(
            "add",
            vec![text("name", "Storm"), text("definition", "Nickname.")],
        )))
        .await;
    assert!(
        added.titles()[0].starts_with("Added"),
        "{:?}",
        added.titles()
    );
    let history = running
        .ask(keeper(term("history", vec![text("name", "Storm")])))
        .await;
    assert!(history.is_private());
    assert!(history.text().contains("Version 1 · Added"));
    let promoted_self = running
        .ask(keeper(set_moderator_role(Some(OTHER_ROLE))))
        .await;
    assert!(promoted_self
        .text()
        .contains("Only members with the **Manage Server**"));

    let other = running
        .ask(
            term("remove", vec![text("name", "Storm")])
                .user(SECOND_MANAGER.0, "not.a.keeper")
                .roles([OTHER_ROLE]),
        )
        .await;
    assert_eq!(other.titles(), ["That is for moderators"]);

    // Clearing the role takes the right away again.
    let cleared = running.ask(as_manager(set_moderator_role(None))).await;
    assert!(cleared.text().contains("No moderator role"));
    let late = running
        .ask(keeper(term("remove", vec![text("name", "Storm")])))
        .await;
    assert_eq!(late.titles(), ["That is for moderators"]);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn direct_messages_have_no_server_glossary() {
    let running = Running::start().await;
    for interaction in [
        term("list", Vec::new()),
        as_manager(term(
            "add",
            vec![text("name", "Storm"), text("definition", "Nickname.")],
        )),
        InteractionBuilder::command("stats"),
    ] {
        let reply = running.ask(interaction.in_dm()).await;
        reply.assert_silent();
        assert!(reply.is_private());
        assert!(
            reply.text().contains("Direct messages have no server"),
            "{}",
            reply.text()
        );
    }
    // The report's glossary still answers there.
    let defined = running.ask(define("KCNA").in_dm()).await;
    assert!(defined.text().contains("Korean Central News Agency"));
    running.stop().await;
}
