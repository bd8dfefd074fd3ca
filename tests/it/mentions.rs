//! User text holding `@everyone`, a role and a user mention, echoed back: the reply, every page
//! turn and every edit ping no one, and the echoed text carries no live mention.

use dossier_testkit::{mentions, InteractionBuilder, InteractionHandle, RouteKind};

use crate::answers::{
    assert_message_answer, assert_pings_no_one, assert_stored_message_pings_no_one, buttons,
    message_text, shown_strings, Answer, UPDATE_MESSAGE,
};
use crate::harness::{Running, PATIENCE};

/// Everyone, role 123 and user 456.
const HOSTILE: &str = "@everyone <@&123> <@456>";

/// Fails unless nothing in what `answer` shows would ping, and the message Discord stored for
/// it, and every later request for the interaction (edits, follow-ups), pings nobody.
fn assert_silent_everywhere(running: &Running, what: &str, answer: &Answer) {
    let data = answer.data();
    assert_pings_no_one(what, &data);
    for text in shown_strings(&data) {
        let live = mentions::mentions_in(&text);
        assert!(
            live.is_silent(),
            "{what} shows a live mention {live:?} in {text:?}"
        );
    }
    if let Some(stored) = running.fake.original_message(&answer.handle) {
        assert_stored_message_pings_no_one(what, &stored);
    }
    assert_later_requests_silent(running, what, &answer.handle);
}

/// Every edit and follow-up the bot sent for `handle` pings nobody.
fn assert_later_requests_silent(running: &Running, what: &str, handle: &InteractionHandle) {
    for recorded in running.fake.requests_for(handle) {
        if matches!(recorded.method.as_str(), "PATCH" | "POST")
            && recorded.callback_type().is_none()
        {
            let body = recorded.body.clone().unwrap_or_default();
            assert_pings_no_one(
                &format!("{what}: {} {}", recorded.method, recorded.path),
                &body,
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_search_pings_no_one_on_the_reply_or_on_any_page_turn() {
    let running = Running::start().await;
    let query = format!("troops {HOSTILE}");
    let owner = 517_228_904_118_006_273;
    let search = running
        .answer(
            InteractionBuilder::command("search")
                .string("query", &query)
                .user(owner, "owner"),
        )
        .await;
    assert_message_answer("/search with mentions", &search);
    assert_silent_everywhere(&running, "/search with mentions", &search);
    assert!(
        search.text().contains(HOSTILE),
        "the query is shown back as typed: {}",
        search.text()
    );
    let mut page = search.data();
    assert_eq!(
        buttons(&page).len(),
        3,
        "the answer spans pages (◀ x/y ▶), so there are page turns to check"
    );
    let mut turns = 0;
    while let Some(forward) = buttons(&page).pop().filter(|button| !button.disabled) {
        let message = running
            .fake
            .original_message(&search.handle)
            .unwrap_or_else(|| panic!("the fake keeps the message"));
        let turned = running
            .answer(InteractionBuilder::button(&forward.custom_id, message).user(owner, "owner"))
            .await;
        turns += 1;
        let what = format!("page turn {turns}");
        assert_eq!(turned.callback_type(), Some(UPDATE_MESSAGE), "{what}");
        assert_silent_everywhere(&running, &what, &turned);
        let stored = running
            .fake
            .original_message(&search.handle)
            .unwrap_or_else(|| panic!("the fake keeps the message"));
        assert_stored_message_pings_no_one(&what, &stored);
        assert!(
            message_text(&turned.data()).contains(HOSTILE),
            "{what} still shows the query"
        );
        page = turned.data();
    }
    assert!(turns >= 1, "at least one page turn was checked");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_typed_into_any_option_ping_no_one() {
    let running = Running::start().await;
    let questions = [
        ("define", "term"),
        ("event", "id"),
        ("claims", "actor"),
        ("timeline", "actor"),
        ("timeline", "query"),
        ("timeline", "from"),
        ("estimates", "measure"),
        ("search", "query"),
    ];
    for (command, option) in questions {
        let what = format!("/{command} {option}:{HOSTILE:?}");
        let answer = running
            .answer(InteractionBuilder::command(command).string(option, HOSTILE))
            .await;
        assert_message_answer(&what, &answer);
        assert_silent_everywhere(&running, &what, &answer);
        let private = running
            .answer(
                InteractionBuilder::command(command)
                    .string(option, HOSTILE)
                    .boolean("private", true),
            )
            .await;
        assert_silent_everywhere(&running, &format!("{what} private"), &private);
    }
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_press_by_someone_else_on_a_hostile_answer_pings_no_one() {
    let running = Running::start().await;
    let search = running
        .answer(
            InteractionBuilder::command("search")
                .string("query", format!("kursk {HOSTILE}"))
                .user(517_228_904_118_006_274, "owner"),
        )
        .await;
    let Some(forward) = buttons(&search.data()).pop() else {
        panic!("the answer has page buttons");
    };
    let message = running
        .fake
        .original_message(&search.handle)
        .unwrap_or_else(|| panic!("the fake keeps the message"));
    let refused = running
        .answer(InteractionBuilder::button(&forward.custom_id, message).user(9, "someone.else"))
        .await;
    assert!(refused.is_ephemeral());
    assert_silent_everywhere(&running, "a refused press", &refused);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deferred_answer_pings_no_one_when_it_arrives() {
    let running = Running::start().await;
    let mark = running.fake.mark();
    // A chart defers the reply; the answer then comes as a follow-up or an edit.
    let deferred = running
        .answer(
            InteractionBuilder::command("timeline")
                .boolean("chart", true)
                .string("query", HOSTILE),
        )
        .await;
    let token = deferred.handle.token.clone();
    let delivered = running
        .fake
        .wait_request(mark, PATIENCE, "the deferred answer", |recorded| {
            matches!(
                &recorded.route,
                RouteKind::Followup { token: sent } | RouteKind::OriginalResponse { token: sent }
                    if *sent == token && recorded.method != "GET"
            )
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(delivered.status < 300, "{:?}", delivered.body);
    let body = delivered.body.clone().unwrap_or_default();
    assert_pings_no_one("the deferred answer", &body);
    assert!(message_text(&body).contains(HOSTILE), "{body}");
    for text in shown_strings(&body) {
        assert!(mentions::mentions_in(&text).is_silent(), "{text:?}");
    }
    let stored = running
        .fake
        .original_message(&deferred.handle)
        .unwrap_or_else(|| panic!("the fake keeps the message"));
    assert_stored_message_pings_no_one("the deferred answer", &stored);
    running.stop().await;
}
