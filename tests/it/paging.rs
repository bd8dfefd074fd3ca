//! Paged answers: ◀ x/y ▶ buttons, presses that replace the message, and polite private
//! answers for presses by someone else or on answers the bot no longer holds.

use dossier_testkit::InteractionBuilder;
use serde_json::Value;

use crate::answers::{
    assert_message_answer, assert_pings_no_one, assert_within_limits, buttons, message_text,
    Answer, Button, UPDATE_MESSAGE,
};
use crate::harness::Running;

const OWNER_ID: u64 = 406_112_773_560_418_305;
const OTHER_USER_ID: u64 = 406_112_773_560_418_306;

/// The page buttons of a message: ◀, the greyed "x/y", ▶.
fn page_buttons(payload: &Value) -> [Button; 3] {
    let found = buttons(payload);
    match <[Button; 3]>::try_from(found) {
        Ok(three) => three,
        Err(found) => panic!("expected ◀ x/y ▶, found {found:?}"),
    }
}

/// "x/y" read from the middle button.
fn position(payload: &Value) -> (usize, usize) {
    let [_, here, _] = page_buttons(payload);
    let parsed = here
        .label
        .split_once('/')
        .and_then(|(at, of)| Some((at.parse().ok()?, of.parse().ok()?)));
    parsed.unwrap_or_else(|| panic!("the middle button reads {:?}", here.label))
}

/// Presses `button` on the message the bot posted for `command`, as `user_id`.
async fn press(running: &Running, command: &Answer, button: &Button, user_id: u64) -> Answer {
    let message = running
        .fake
        .original_message(&command.handle)
        .unwrap_or_else(|| panic!("the fake keeps the bot's message"));
    running
        .answer(InteractionBuilder::button(&button.custom_id, message).user(user_id, "presser"))
        .await
}

/// Turns `command`'s answer forward to its last page and returns every page's payload, checking
/// each turn updates the message in place, inside the limits and pinging no one.
async fn walk_forward(running: &Running, command: &Answer) -> Vec<Value> {
    let first = command.data();
    let (at, total) = position(&first);
    assert_eq!(at, 1, "an answer opens on its first page");
    let [back, _, forward] = page_buttons(&first);
    assert!(back.disabled, "◀ is greyed on the first page");
    assert!(!forward.disabled, "▶ can be pressed");
    let mut pages = vec![first];
    while pages.len() < total {
        let [_, _, forward] = page_buttons(&pages[pages.len() - 1]);
        assert!(
            !forward.disabled,
            "▶ greyed on page {} of {total}",
            pages.len()
        );
        let turned = press(running, command, &forward, OWNER_ID).await;
        assert_eq!(
            turned.callback_type(),
            Some(UPDATE_MESSAGE),
            "a press updates"
        );
        let page = turned.data();
        let what = format!("page {} of {total}", pages.len() + 1);
        assert_within_limits(&what, &page);
        assert_pings_no_one(&what, &page);
        assert_eq!(position(&page), (pages.len() + 1, total), "{what}");
        let shown = running
            .fake
            .original_message(&command.handle)
            .unwrap_or_else(|| panic!("the message is still there"));
        assert_eq!(
            shown["embeds"], page["embeds"],
            "{what} replaced the message"
        );
        assert_eq!(shown["components"], page["components"], "{what}");
        pages.push(page);
    }
    let [back, _, forward] = page_buttons(&pages[pages.len() - 1]);
    assert!(forward.disabled, "▶ is greyed on the last page");
    assert!(!back.disabled, "◀ can go back from the last page");
    pages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeline_pages_with_buttons_and_a_press_updates_the_message() {
    let running = Running::start().await;
    let timeline = running
        .answer(InteractionBuilder::command("timeline").user(OWNER_ID, "owner"))
        .await;
    assert_message_answer("/timeline", &timeline);
    let pages = walk_forward(&running, &timeline).await;
    assert!(pages.len() >= 2, "the shipped timeline spans pages");
    // Each page is read when its button is pressed; together they show every event once,
    // earliest first.
    let shown: Vec<String> = pages
        .iter()
        .flat_map(|page| {
            page["embeds"][0]["fields"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|field| {
            let value = field["value"].as_str()?;
            let id = value.rsplit('\n').next()?.trim_matches('`');
            Some(id.to_owned())
        })
        .collect();
    let expected: Vec<String> = dossier_core::embedded()
        .timeline(&dossier_core::TimelineQuery::default())
        .iter()
        .map(|event| event.id.to_string())
        .collect();
    assert_eq!(shown, expected, "every event, in order, once");
    for (index, page) in pages.iter().enumerate() {
        for earlier in &pages[..index] {
            assert_ne!(
                earlier["embeds"],
                page["embeds"],
                "page {} repeats",
                index + 1
            );
        }
    }
    // ◀ from the last page shows the one before it again, exactly as it was.
    let [back, _, _] = page_buttons(&pages[pages.len() - 1]);
    let returned = press(&running, &timeline, &back, OWNER_ID).await;
    assert_eq!(returned.callback_type(), Some(UPDATE_MESSAGE));
    assert_eq!(returned.data()["embeds"], pages[pages.len() - 2]["embeds"]);
    running.stop().await;
}

/// The count in a search answer's heading: "23 matches for …".
fn matches_counted(page: &Value) -> usize {
    let description = page["embeds"][0]["description"].as_str().unwrap_or("");
    description
        .split_once(" matches")
        .and_then(|(count, _)| count.parse().ok())
        .unwrap_or_else(|| panic!("no count in {description:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_pages_read_on_each_press_show_every_hit_once_with_its_passage() {
    let running = Running::start().await;
    let search = running
        .answer(
            InteractionBuilder::command("search")
                .string("query", "troops")
                .user(OWNER_ID, "owner"),
        )
        .await;
    assert_message_answer("/search", &search);
    let pages = walk_forward(&running, &search).await;
    assert!(pages.len() >= 2, "a common word's hits span pages");
    let fields: Vec<(String, String)> = pages
        .iter()
        .flat_map(|page| {
            page["embeds"][0]["fields"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|field| {
            let text = |key: &str| field[key].as_str().unwrap_or("").to_owned();
            (text("name"), text("value"))
        })
        .collect();
    assert_eq!(fields.len(), matches_counted(&pages[0]), "{fields:#?}");
    for (index, (name, value)) in fields.iter().enumerate() {
        assert!(
            !fields[..index].iter().any(|(earlier, _)| earlier == name),
            "{name} shown twice"
        );
        let passage = value.split("\n`/").next().unwrap_or("");
        assert!(
            passage.trim().len() > 20,
            "hit {} ({name}) shows a passage: {value:?}",
            index + 1
        );
    }
    // A hit found by its title may show a passage without the word; most show it in bold.
    for (number, page) in pages.iter().enumerate() {
        let page_fields = page["embeds"][0]["fields"].to_string().to_lowercase();
        assert!(
            page_fields.contains("**troops**"),
            "page {} shows the word in bold: {page_fields}",
            number + 1
        );
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_every_paged_answer_is_inside_discords_limits() {
    let running = Running::start().await;
    let mut paged = Vec::new();
    for question in [
        InteractionBuilder::command("timeline"),
        InteractionBuilder::command("glossary"),
        InteractionBuilder::command("claims"),
        InteractionBuilder::command("estimates"),
        InteractionBuilder::command("sources"),
        InteractionBuilder::command("search").string("query", "troops"),
        InteractionBuilder::command("search").string("query", "north korea russia kursk"),
    ] {
        let answer = running.answer(question.user(OWNER_ID, "owner")).await;
        assert_message_answer("a first page", &answer);
        if buttons(&answer.data()).is_empty() {
            continue;
        }
        let name = answer.handle.json["data"]["name"]
            .as_str()
            .unwrap_or("?")
            .to_owned();
        let pages = walk_forward(&running, &answer).await;
        paged.push((name, pages.len()));
    }
    assert!(
        paged.iter().any(|(name, _)| name == "timeline"),
        "at least the timeline pages: {paged:?}"
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_by_someone_else_gets_a_polite_private_answer_and_the_page_stays() {
    let running = Running::start().await;
    let timeline = running
        .answer(InteractionBuilder::command("timeline").user(OWNER_ID, "owner"))
        .await;
    let before = running.fake.original_message(&timeline.handle);
    let [_, _, forward] = page_buttons(&timeline.data());
    let refused = press(&running, &timeline, &forward, OTHER_USER_ID).await;
    assert_message_answer("a press by someone else", &refused);
    assert!(refused.is_ephemeral(), "only the presser sees the refusal");
    assert!(
        refused.text().contains("/timeline"),
        "it says how to get pages of one's own: {}",
        refused.text()
    );
    assert_eq!(
        running.fake.original_message(&timeline.handle),
        before,
        "the owner's page did not move"
    );
    // The owner can still turn it.
    let turned = press(&running, &timeline, &forward, OWNER_ID).await;
    assert_eq!(turned.callback_type(), Some(UPDATE_MESSAGE));
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_on_an_answer_from_before_a_restart_says_it_expired() {
    let running = Running::start().await;
    let timeline = running
        .answer(InteractionBuilder::command("timeline").user(OWNER_ID, "owner"))
        .await;
    let [_, _, forward] = page_buttons(&timeline.data());
    let running = running.restart_bot().await;
    let expired = press(&running, &timeline, &forward, OWNER_ID).await;
    assert_message_answer("a press after a restart", &expired);
    assert!(expired.is_ephemeral());
    assert!(
        message_text(&expired.data()).contains("expired"),
        "{}",
        expired.text()
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_paged_answer_turns_too() {
    let running = Running::start().await;
    let timeline = running
        .answer(
            InteractionBuilder::command("timeline")
                .boolean("private", true)
                .user(OWNER_ID, "owner"),
        )
        .await;
    assert!(timeline.is_ephemeral());
    let [_, _, forward] = page_buttons(&timeline.data());
    let turned = press(&running, &timeline, &forward, OWNER_ID).await;
    assert_eq!(turned.callback_type(), Some(UPDATE_MESSAGE));
    assert_eq!(position(&turned.data()).0, 2);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_the_bot_does_not_know_gets_a_private_answer_instead_of_silence() {
    let running = Running::start().await;
    let timeline = running
        .answer(InteractionBuilder::command("timeline").user(OWNER_ID, "owner"))
        .await;
    let stale = Button {
        custom_id: "a-button-from-an-older-version".to_owned(),
        label: "▶".to_owned(),
        disabled: false,
    };
    let answer = press(&running, &timeline, &stale, OWNER_ID).await;
    assert_message_answer("an unknown button", &answer);
    assert!(answer.is_ephemeral(), "{}", answer.text());
    running.stop().await;
}
