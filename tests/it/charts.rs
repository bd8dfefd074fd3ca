//! `chart:true` on /estimates and /timeline: the reply is deferred, then arrives with a PNG
//! attached beside the usual embeds, still pinging no one.

use dossier_testkit::InteractionBuilder;

use crate::answers::EPHEMERAL;
use crate::harness::{Running, PATIENCE};

/// Callback type 5: "thinking…", the answer follows.
const DEFERRED_MESSAGE: u64 = 5;

async fn assert_chart_attached(
    bot: &Running,
    interaction: InteractionBuilder,
    file_name: &str,
    private: bool,
) {
    let mark = bot.fake.mark();
    let answer = bot.answer(interaction).await;
    assert_eq!(
        answer.callback_type(),
        Some(DEFERRED_MESSAGE),
        "a chart defers first"
    );
    assert_eq!(answer.is_ephemeral(), private);
    let token = answer.handle.token.clone();
    let message = bot
        .fake
        .wait_request(mark, PATIENCE, "the answer with its chart", |recorded| {
            !recorded.uploads.is_empty() && recorded.path.contains(&token)
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        message.status < 300,
        "Discord would refuse the chart message: {:?}",
        message.body
    );
    let upload = &message.uploads[0];
    assert_eq!(upload.filename.as_deref(), Some(file_name));
    assert!(
        upload.data.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{file_name} is a PNG"
    );
    assert!(upload.data.len() > 10_000, "{file_name} is not blank");
    let body = message.body.clone().unwrap_or_default();
    assert!(
        body["embeds"]
            .as_array()
            .is_some_and(|embeds| !embeds.is_empty()),
        "{body}"
    );
    assert_eq!(
        body["allowed_mentions"]["parse"],
        serde_json::json!([]),
        "{body}"
    );
    if private {
        assert_ne!(body["flags"].as_u64().unwrap_or(0) & EPHEMERAL, 0, "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn estimates_and_timeline_attach_charts() {
    let bot = Running::start().await;
    assert_chart_attached(
        &bot,
        InteractionBuilder::command("estimates").boolean("chart", true),
        "estimates.png",
        false,
    )
    .await;
    assert_chart_attached(
        &bot,
        InteractionBuilder::command("timeline")
            .boolean("chart", true)
            .boolean("private", true),
        "timeline.png",
        true,
    )
    .await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_chart_the_answer_comes_at_once_with_no_file() {
    let bot = Running::start().await;
    let answer = bot.answer(InteractionBuilder::command("estimates")).await;
    assert_eq!(
        answer.callback_type(),
        Some(crate::answers::CHANNEL_MESSAGE)
    );
    assert!(answer.callback.uploads.is_empty());
    bot.stop().await;
}
