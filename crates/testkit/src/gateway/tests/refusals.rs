//! IDENTIFY with a shard Discord would refuse: close code 4010 for an impossible shard, 4011 for
//! one that would carry more guilds than a shard may.

use serde_json::{json, Value};

use super::{fake, fake_with, RawShard, Received};
use crate::{FakeConfig, FakeDiscord, ShardId, MAX_GUILDS_PER_SHARD};

/// Sends IDENTIFY with this `shard` field and returns how the fake answered.
async fn identify_as(fake: &FakeDiscord, shard: Value) -> Received {
    let mut connection = RawShard::connect(fake).await;
    let identify = json!({ "op": 2, "d": { "token": fake.token(), "intents": 0, "shard": shard,
        "properties": { "os": "linux", "browser": "raw", "device": "raw" } } });
    connection.send(identify).await;
    connection.receive().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn impossible_shards_are_closed_with_4010_and_never_connect() {
    let fake = fake().await;
    for shard in [
        json!([4, 4]),
        json!([5, 2]),
        json!([0, 0]),
        json!([1]),
        json!("0,1"),
    ] {
        let answer = identify_as(&fake, shard.clone()).await;
        assert!(
            matches!(answer, Received::Closed(Some(4010))),
            "{shard}: {answer:?}"
        );
    }
    assert!(fake.connected_shards().is_empty());
    let (_connection, ready) = RawShard::identify(&fake, json!([3, 4])).await;
    assert_eq!(
        ready["shard"],
        json!([3, 4]),
        "the last shard of four is fine"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_that_would_carry_too_many_guilds_is_closed_with_4011() {
    let crowded = ShardId::new(0, 2);
    let guilds: Vec<u64> = (0..=MAX_GUILDS_PER_SHARD as u64)
        .map(|index| crowded.guild(index))
        .collect();
    let fake = fake_with(FakeConfig {
        guilds,
        ..FakeConfig::default()
    })
    .await;
    let answer = identify_as(&fake, json!([0, 1])).await;
    assert!(matches!(answer, Received::Closed(Some(4011))), "{answer:?}");
    let answer = identify_as(&fake, json!([0, 2])).await;
    assert!(matches!(answer, Received::Closed(Some(4011))), "{answer:?}");
    // Split over four shards, the same guilds fit.
    let (_connection, ready) = RawShard::identify(&fake, json!([0, 4])).await;
    let listed = ready["guilds"].as_array().map_or(0, Vec::len);
    assert!(listed > 0 && listed <= MAX_GUILDS_PER_SHARD, "{listed}");
}
