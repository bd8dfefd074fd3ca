//! Reconnects: forced closes, dropped TCP, RECONNECT, INVALID SESSION and missed events.

use std::time::Duration;

use dossier_testkit::{FakeConfig, GatewayRecordKind, InteractionBuilder};

use crate::{fake_and_bot, ping, PATIENCE};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forced_close_is_resumed_and_the_next_interaction_answered() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    ping(&fake).await;
    let mark = fake.close_gateway(4000);
    fake.wait_resumed(mark, PATIENCE)
        .await
        .expect("the bot resumes after close 4000");
    let after: Vec<u64> = fake.ops_from_bot().into_iter().collect();
    let identifies = after.iter().filter(|op| **op == 2).count();
    assert_eq!(identifies, 1, "a resume, not a second IDENTIFY: {after:?}");
    assert!(after.contains(&6), "RESUME was sent: {after:?}");
    ping(&fake).await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interactions_sent_while_disconnected_are_replayed_and_answered_once() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let mark = fake.drop_gateway_connections();
    let missed: Vec<_> = (0..5)
        .map(|_| fake.send_interaction(InteractionBuilder::command("ping")))
        .collect();
    fake.wait_resumed(mark, PATIENCE)
        .await
        .expect("the bot resumes after a dropped connection");
    for handle in &missed {
        let callback = fake
            .wait_callback(handle, PATIENCE)
            .await
            .expect("a missed /ping is answered");
        assert_eq!(callback.status, 204);
        assert_eq!(fake.callbacks_for(handle).len(), 1, "answered exactly once");
    }
    let closes: Vec<_> = fake
        .gateway_records()
        .into_iter()
        .filter(|record| record.kind == GatewayRecordKind::ClosedByFake { code: None })
        .collect();
    assert_eq!(closes.len(), 1, "the drop sent no close frame");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnect_requests_and_resumable_invalid_sessions_are_resumed() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let mark = fake.request_reconnect();
    fake.wait_resumed(mark, PATIENCE)
        .await
        .expect("op 7 leads to a resume");
    ping(&fake).await;
    let mark = fake.invalidate_session(true);
    fake.wait_resumed(mark, PATIENCE)
        .await
        .expect("a resumable op 9 leads to a resume");
    ping(&fake).await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_session_is_identified_afresh() {
    let (fake, bot) = fake_and_bot(FakeConfig::default()).await;
    let mark = fake.invalidate_session(false);
    fake.wait_identify(mark, PATIENCE)
        .await
        .expect("a new IDENTIFY follows a lost session");
    fake.wait_gateway(mark, PATIENCE, "a second READY", |record| {
        record.event_to_bot() == Some("READY")
    })
    .await
    .expect("the fake answers the new IDENTIFY with READY");
    ping(&fake).await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn heartbeats_are_acknowledged() {
    let config = FakeConfig {
        heartbeat_interval: Duration::from_millis(250),
        ..FakeConfig::default()
    };
    let (fake, bot) = fake_and_bot(config).await;
    let beat = dossier_testkit::Mark::beginning();
    fake.wait_gateway(beat, PATIENCE, "a heartbeat", |record| {
        record.op_from_bot() == Some(1)
    })
    .await
    .expect("the bot heartbeats at the announced interval");
    let ack = fake
        .wait_gateway(beat, PATIENCE, "a heartbeat ACK", |record| {
            matches!(&record.kind, GatewayRecordKind::Frame { op: 11, .. })
        })
        .await;
    assert!(ack.is_ok(), "{ack:?}");
    ping(&fake).await;
    bot.stop().await;
}
