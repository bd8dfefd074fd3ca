//! A real poise 0.7.1 + serenity 0.12.5 bot against the fake Discord, in-process, on loopback.

mod authentication;
mod interaction_kinds;
mod payload_shapes;
mod reconnect;
mod replies;
mod startup;
mod test_bot;

use std::time::Duration;

use dossier_testkit::{FakeConfig, FakeDiscord, InteractionBuilder, InteractionHandle, Recorded};

use crate::test_bot::{launch, RunningBot};

/// An upper bound for things that take milliseconds; only a broken bot ever reaches it.
pub(crate) const PATIENCE: Duration = Duration::from_secs(20);

/// A fake with this configuration and the test bot running against it, past READY and
/// command registration.
pub(crate) async fn fake_and_bot(config: FakeConfig) -> (FakeDiscord, RunningBot) {
    let fake = FakeDiscord::start(config)
        .await
        .expect("the fake starts on loopback");
    let token = fake.token().to_owned();
    let bot = launch(&fake, &token)
        .await
        .expect("the bot starts against the fake");
    fake.wait_ready(PATIENCE)
        .await
        .expect("READY reaches the bot");
    fake.wait_commands_registered(PATIENCE)
        .await
        .expect("the bot registers its commands");
    (fake, bot)
}

/// Sends `/ping` and returns the handle with the bot's callback, which must be accepted.
pub(crate) async fn ping(fake: &FakeDiscord) -> (InteractionHandle, Recorded) {
    let handle = fake.send_interaction(InteractionBuilder::command("ping"));
    let callback = fake
        .wait_callback(&handle, PATIENCE)
        .await
        .expect("/ping is answered");
    assert_eq!(
        callback.status, 204,
        "the fake refused the callback: {:?}",
        callback.body
    );
    assert_eq!(callback.callback_type(), Some(4));
    assert_eq!(
        callback.callback_data().map(|data| &data["content"]),
        Some(&"Pong!".into())
    );
    (handle, callback)
}
