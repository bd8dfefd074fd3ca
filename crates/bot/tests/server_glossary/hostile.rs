//! Hostile names and definitions: refused when they could disguise what is shown, rendered
//! inert otherwise.

use crate::{add, as_manager, define, define_suggestions, term, text, Running};

const PINGS: &str = "@everyone @here <@123456> <@&987>";

/// True when `text` holds something Discord would treat as a mention.
fn has_live_mention(text: &str) -> bool {
    text.contains("@everyone")
        || text.contains("@here")
        || text.contains("<@123456>")
        || text.contains("<@&987>")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_and_markdown_are_shown_but_never_fire() {
    let running = Running::start().await;
    let definition = format!("{PINGS} **bold** ||spoiler|| [link](https://example.org)");
    let added = running
        .ask(as_manager(term(
            "add",
            vec![
                text("name", "@everyone **Storm**"),
                text("definition", &definition),
                text("aliases", "<@&987>, # heading"),
            ],
        )))
        .await;
    added.assert_silent();
    assert!(!has_live_mention(&added.text()), "{}", added.text());
    for reply in [
        running.ask(define("@everyone **Storm**")).await,
        running.ask(define("<@&987>")).await,
        running.ask(term("list", Vec::new())).await,
        running
            .ask(as_manager(term("history", vec![text("name", "# heading")])))
            .await,
    ] {
        reply.assert_silent();
        let shown = reply.text();
        assert!(!has_live_mention(&shown), "a mention survived: {shown}");
        assert!(
            shown.contains("\\*\\*bold\\*\\*"),
            "Markdown escaped: {shown}"
        );
        assert!(!shown.contains("[link]"), "{shown}");
    }
    let suggested = running.ask(define_suggestions("@every")).await;
    let choices = suggested.choices();
    assert!(!choices.is_empty());
    assert!(
        choices.iter().all(|(shown, _)| !has_live_mention(shown)),
        "{choices:?}"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_invisible_and_direction_changing_input_is_refused_with_a_reason() {
    let running = Running::start().await;
    let ten_kilobytes = "word ".repeat(2_048);
    let refusals = [
        (
            add("Storm", &ten_kilobytes),
            "A definition needs 1 to 1500 characters",
        ),
        (
            add(&"N".repeat(65), "Too long a name."),
            "A name needs 1 to 64 characters",
        ),
        (
            add("Sto\u{200B}rm", "A zero-width space hides in the name."),
            "contains invisible or text-direction control characters",
        ),
        (
            add(
                "\u{202E}mrotS",
                "A right-to-left override reverses the name.",
            ),
            "contains invisible or text-direction control characters",
        ),
        (
            add("Storm", "Looks fine \u{2067}until it is not."),
            "The definition contains invisible or text-direction control characters",
        ),
        (
            as_manager(term(
                "add",
                vec![
                    text("name", "Storm"),
                    text("definition", "Eleven aliases."),
                    text("aliases", "a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11"),
                ],
            )),
            "An entry may have at most 10 aliases",
        ),
    ];
    for (interaction, reason) in refusals {
        let refused = running.ask(interaction).await;
        refused.assert_silent();
        assert!(refused.is_private());
        assert_eq!(
            refused.titles(),
            ["That entry was not saved"],
            "{}",
            refused.text()
        );
        assert!(
            refused.text().contains(reason),
            "{reason}: {}",
            refused.text()
        );
    }
    let list = running.ask(term("list", Vec::new())).await;
    assert!(
        list.text().contains("no glossary entries yet"),
        "nothing was saved"
    );

    // Right-to-left scripts themselves are welcome, and shown as written.
    let arabic = running
        .ask(add("مرحبا", "تحية — a greeting, written right to left."))
        .await;
    assert!(
        arabic.titles()[0].contains("مرحبا"),
        "{:?}",
        arabic.titles()
    );
    let shown = running.ask(define("مرحبا")).await;
    assert!(shown
        .text()
        .contains("تحية — a greeting, written right to left."));

    // A name already used as another entry's alias is refused, naming that entry.
    running
        .ask(as_manager(term(
            "add",
            vec![
                text("name", "Storm Corps"),
                text("definition", "The 11th Corps."),
                text("aliases", "SC"),
            ],
        )))
        .await;
    let taken = running.ask(add("sc", "Something else.")).await;
    assert_eq!(taken.titles(), ["That name is taken"]);
    assert!(taken.text().contains("**Storm Corps**"), "{}", taken.text());
    running.stop().await;
}
