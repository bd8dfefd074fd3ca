//! Dispatches go to the shard that owns their guild; READY lists that shard's guilds; what is
//! sent before any IDENTIFY waits for the shard that owns it.

use serde_json::{json, Value};

use super::{fake, fake_with, gateway_bot, ping_in, wait_for, RawShard};
use crate::{Delivery, FakeConfig, InteractionBuilder, ShardId};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interactions_reach_only_the_shard_that_owns_their_guild() {
    let fake = fake().await;
    let (zero, one) = (ShardId::new(0, 2), ShardId::new(1, 2));
    let mut shard_zero = RawShard::as_shard(&fake, zero).await;
    let mut shard_one = RawShard::as_shard(&fake, one).await;
    wait_for(&fake, &[zero, one]).await;

    let for_one = ping_in(&fake, one.guild(0));
    let for_zero = ping_in(&fake, zero.guild(0));
    let direct = fake.send_interaction(InteractionBuilder::command("ping").in_dm());
    // Each connection's next interactions are its own, in order: the other shard's never
    // came in between.
    assert_eq!(shard_one.interaction_id().await, for_one.id);
    assert_eq!(shard_zero.interaction_id().await, for_zero.id);
    assert_eq!(
        shard_zero.interaction_id().await,
        direct.id,
        "direct messages go to shard 0"
    );
    let second_for_one = ping_in(&fake, one.guild(7));
    assert_eq!(shard_one.interaction_id().await, second_for_one.id);

    let connection_of = |handle| match fake.delivery(handle) {
        Some(Delivery::Delivered { shard, connection }) => (shard, connection),
        other => panic!("not delivered: {other:?}"),
    };
    let (shard, connection) = connection_of(&for_one);
    assert_eq!(shard, one);
    assert_eq!(fake.connection_of_shard(one), Some(connection));
    assert_eq!(fake.shard_of_connection(connection), Some(one));
    assert_eq!(connection_of(&for_zero).0, zero);
    assert_eq!(connection_of(&direct).0, zero);
    assert_ne!(connection_of(&for_zero).1, connection);
    assert!(fake.undeliverable_interactions().is_empty());
}

/// The guild ids a READY lists.
fn listed_guilds(ready: &Value) -> Vec<u64> {
    let mut guilds: Vec<u64> = ready["guilds"]
        .as_array()
        .map(|guilds| {
            guilds
                .iter()
                .inspect(|guild| assert_eq!(guild["unavailable"], true, "{guild}"))
                .filter_map(|guild| guild["id"].as_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    guilds.sort_unstable();
    guilds
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_ready_echoes_its_shard_and_lists_only_the_guilds_it_owns() {
    let total = 3;
    let shards: Vec<ShardId> = (0..total).map(|id| ShardId::new(id, total)).collect();
    let mut guilds_by_shard: Vec<Vec<u64>> = shards
        .iter()
        .map(|shard| {
            (0..=u64::from(shard.id))
                .map(|index| shard.guild(index))
                .collect()
        })
        .collect();
    let config = FakeConfig {
        guilds: guilds_by_shard.iter().flatten().copied().collect(),
        shards: total,
        ..FakeConfig::default()
    };
    let fake = fake_with(config).await;
    assert_eq!(gateway_bot(&fake).await["shards"], total, "/gateway/bot");
    for (shard, guilds) in shards.iter().zip(&mut guilds_by_shard) {
        let (_connection, ready) = RawShard::identify(&fake, json!([shard.id, shard.total])).await;
        assert_eq!(ready["shard"], json!([shard.id, shard.total]));
        guilds.sort_unstable();
        assert_eq!(&listed_guilds(&ready), guilds, "READY of {shard}");
    }
    // Unsharded, the one shard has them all.
    let (_connection, ready) = RawShard::identify(&fake, Value::Null).await;
    assert_eq!(ready["shard"], json!([0, 1]));
    assert_eq!(listed_guilds(&ready).len(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_fake_is_one_shard_with_no_guilds() {
    let fake = fake().await;
    assert_eq!(gateway_bot(&fake).await["shards"], 1);
    let (_connection, ready) = RawShard::identify(&fake, json!([0, 1])).await;
    assert_eq!(ready["guilds"], json!([]));
    assert_eq!(fake.connected_shards(), vec![ShardId::UNSHARDED]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_sent_before_any_identify_waits_for_the_shard_that_owns_it() {
    let fake = fake().await;
    let (zero, one) = (ShardId::new(0, 2), ShardId::new(1, 2));
    let early_for_zero = ping_in(&fake, zero.guild(0));
    let early_for_one = ping_in(&fake, one.guild(0));
    assert_eq!(fake.delivery(&early_for_zero), Some(Delivery::Held));
    assert_eq!(fake.delivery(&early_for_one), Some(Delivery::Held));

    let mut shard_one = RawShard::as_shard(&fake, one).await;
    assert_eq!(shard_one.interaction_id().await, early_for_one.id);
    assert_eq!(fake.delivery(&early_for_zero), Some(Delivery::Held));
    let mut shard_zero = RawShard::as_shard(&fake, zero).await;
    assert_eq!(shard_zero.interaction_id().await, early_for_zero.id);
    assert_eq!(
        fake.delivery(&early_for_zero)
            .and_then(Delivery::delivered_shard),
        Some(zero)
    );
}
