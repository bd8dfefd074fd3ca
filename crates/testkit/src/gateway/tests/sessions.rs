//! One session per shard: a shard that drops resumes its own session and gets what it missed
//! while the others carry on; a session nobody resumes, or that a new IDENTIFY replaces, leaves
//! its interactions undeliverable, and so is everything for a shard nobody holds.

use super::{fake, ping_in, wait_for, RawShard, Received};
use crate::{Delivery, ShardId, UndeliverableReason};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_that_drops_resumes_its_own_session_while_the_other_carries_on() {
    let fake = fake().await;
    let (zero, one) = (ShardId::new(0, 2), ShardId::new(1, 2));
    let shard_zero = RawShard::as_shard(&fake, zero).await;
    let mut shard_one = RawShard::as_shard(&fake, one).await;
    wait_for(&fake, &[zero, one]).await;
    let (session_zero, seen_by_zero) = (shard_zero.session_id.clone(), shard_zero.seq);
    shard_zero.drop_connection().await;
    wait_for(&fake, &[one]).await;

    let missed = ping_in(&fake, zero.guild(3));
    assert_eq!(
        fake.delivery(&missed),
        Some(Delivery::Queued { shard: zero })
    );
    let meanwhile = ping_in(&fake, one.guild(3));
    assert_eq!(shard_one.interaction_id().await, meanwhile.id);

    let mut resumed = RawShard::resume(&fake, &session_zero, seen_by_zero).await;
    assert_eq!(resumed.interaction_id().await, missed.id, "replayed first");
    resumed.dispatch("RESUMED").await;
    wait_for(&fake, &[zero, one]).await;
    match fake.delivery(&missed) {
        Some(Delivery::Delivered { shard, connection }) => {
            assert_eq!(shard, zero);
            assert_eq!(fake.shard_of_connection(connection), Some(zero));
        }
        other => panic!("the missed interaction was not delivered: {other:?}"),
    }
    // Shard 1 kept its session: its next interaction follows on the same connection.
    let after = ping_in(&fake, one.guild(4));
    assert_eq!(shard_one.interaction_id().await, after.id);
    let after_zero = ping_in(&fake, zero.guild(4));
    assert_eq!(resumed.interaction_id().await, after_zero.id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_one_shard_invites_a_resume_of_that_shard_alone() {
    let fake = fake().await;
    let (zero, one) = (ShardId::new(0, 2), ShardId::new(1, 2));
    let mut shard_zero = RawShard::as_shard(&fake, zero).await;
    let shard_one = RawShard::as_shard(&fake, one).await;
    wait_for(&fake, &[zero, one]).await;
    let mark = fake.close_shard(one, 4000);
    assert!(mark.is_some(), "shard 1 had a live connection");
    let mut shard_one = shard_one;
    assert!(matches!(
        shard_one.receive().await,
        Received::Closed(Some(4000))
    ));
    wait_for(&fake, &[zero]).await;
    assert_eq!(fake.close_shard(one, 4000), None, "nothing left to close");

    let resumed_session = shard_one.session_id.clone();
    let mut shard_one = RawShard::resume(&fake, &resumed_session, shard_one.seq).await;
    shard_one.dispatch("RESUMED").await;
    wait_for(&fake, &[zero, one]).await;
    let for_zero = ping_in(&fake, zero.guild(0));
    assert_eq!(shard_zero.interaction_id().await, for_zero.id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interactions_for_a_shard_nobody_holds_are_undeliverable() {
    let fake = fake().await;
    let (zero, one) = (ShardId::new(0, 2), ShardId::new(1, 2));
    let mut shard_zero = RawShard::as_shard(&fake, zero).await;
    let shard_one = RawShard::as_shard(&fake, one).await;
    wait_for(&fake, &[zero, one]).await;
    shard_one.drop_connection().await;
    wait_for(&fake, &[zero]).await;

    let waiting = ping_in(&fake, one.guild(0));
    assert_eq!(
        fake.delivery(&waiting),
        Some(Delivery::Queued { shard: one })
    );
    assert_eq!(fake.expire_disconnected_sessions(), vec![one]);
    let expired = UndeliverableReason::SessionExpired { shard: one };
    assert_eq!(
        fake.delivery(&waiting),
        Some(Delivery::Undeliverable { reason: expired })
    );
    let later = ping_in(&fake, one.guild(1));
    let no_session = UndeliverableReason::NoSession;
    assert_eq!(
        fake.delivery(&later),
        Some(Delivery::Undeliverable { reason: no_session })
    );
    // Shard 0 is untouched by all this.
    let for_zero = ping_in(&fake, zero.guild(0));
    assert_eq!(shard_zero.interaction_id().await, for_zero.id);
    assert_eq!(
        fake.undeliverable_interactions(),
        vec![waiting.id, later.id]
    );

    // Shard 1 identifies again: new interactions reach it, the lost ones never do.
    let mut shard_one = RawShard::as_shard(&fake, one).await;
    let fresh = ping_in(&fake, one.guild(2));
    assert_eq!(shard_one.interaction_id().await, fresh.id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_identify_replaces_the_shards_old_session_and_what_waited_in_it() {
    let fake = fake().await;
    let one = ShardId::new(1, 2);
    let first = RawShard::as_shard(&fake, one).await;
    let old_session = first.session_id.clone();
    first.drop_connection().await;
    wait_for(&fake, &[]).await;
    let waiting = ping_in(&fake, one.guild(0));
    assert_eq!(
        fake.delivery(&waiting),
        Some(Delivery::Queued { shard: one })
    );

    let mut second = RawShard::as_shard(&fake, one).await;
    assert_ne!(second.session_id, old_session);
    let replaced = UndeliverableReason::SessionReplaced { shard: one };
    assert_eq!(
        fake.delivery(&waiting),
        Some(Delivery::Undeliverable { reason: replaced })
    );
    let fresh = ping_in(&fake, one.guild(1));
    assert_eq!(
        second.interaction_id().await,
        fresh.id,
        "the old one is not sent"
    );

    // The old session is gone: resuming it is refused with a non-resumable op 9.
    let mut stale = RawShard::resume(&fake, &old_session, 1).await;
    let refusal = stale.payload().await;
    assert_eq!(
        (refusal["op"].as_u64(), refusal["d"].as_bool()),
        (Some(9), Some(false))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_never_identified_is_unreachable_while_its_siblings_run() {
    let fake = fake().await;
    let (two, three) = (ShardId::new(2, 4), ShardId::new(3, 4));
    let mut shard_two = RawShard::as_shard(&fake, two).await;
    let _shard_three = RawShard::as_shard(&fake, three).await;
    wait_for(&fake, &[two, three]).await;
    let for_zero = ping_in(&fake, ShardId::new(0, 4).guild(0));
    let reason = UndeliverableReason::NoSession;
    assert_eq!(
        fake.delivery(&for_zero),
        Some(Delivery::Undeliverable { reason })
    );
    let for_two = ping_in(&fake, two.guild(0));
    assert_eq!(shard_two.interaction_id().await, for_two.id);
    assert_eq!(fake.undeliverable_interactions(), vec![for_zero.id]);
}
