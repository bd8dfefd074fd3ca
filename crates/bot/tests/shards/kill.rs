//! Killing one process loses no answer for the other's servers, and what is sent to the dead
//! process's servers while nobody holds their shards is reported undeliverable, not lost.

use std::os::unix::process::ExitStatusExt as _;

use dossier_testkit::{Delivery, InteractionHandle, UndeliverableReason};

use crate::{
    define_in, first_half, logs, second_half, server_on, Deployment, ShardProcess,
    SERVERS_PER_SHARD,
};

/// Sends `count` `/define` questions spread over the servers of `shards`.
fn ask_servers_of(
    deployment: &Deployment,
    shards: &[dossier_testkit::ShardId],
    count: usize,
) -> Vec<InteractionHandle> {
    let terms = [
        "KCNA",
        "Kursk Region",
        "Counteroffensive",
        "Troop Deployment",
    ];
    (0..count)
        .map(|number| {
            let shard = shards[number % shards.len()];
            let server = server_on(shard, number as u64 % SERVERS_PER_SHARD);
            let term = terms[number % terms.len()];
            deployment.fake.send_interaction(define_in(server, term))
        })
        .collect()
}

/// A and B split the four shards. A is killed with SIGKILL while questions keep arriving for
/// B's servers: every one of them, sent before, during and after A's death, is answered by B.
/// Questions for A's servers sent once A is gone wait in A's sessions for a RESUME that never
/// comes; when Discord gives up on those sessions they are reported undeliverable (the user
/// sees "The application did not respond"), as is every later one until a process holds shards
/// 0-1 again. Process C then takes A's shards and answers A's servers anew, while the
/// undeliverable questions stay unanswered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_one_process_loses_no_answer_for_the_other_processes_servers() {
    let deployment = Deployment::start().await;
    let fake = &deployment.fake;
    let mut a = deployment.start_process("A", first_half(), &[]).await;
    let b = deployment
        .start_process("B", second_half(), &first_half())
        .await;
    for handle in ask_servers_of(&deployment, &first_half(), 4) {
        deployment.answer(&handle, &[&a, &b]).await;
        let by = deployment.delivered_by(&handle, &[&a, &b]);
        assert!(std::ptr::eq(by, &a), "A answers its servers before it dies");
    }

    let mut for_b = ask_servers_of(&deployment, &second_half(), 20);
    let killed = a.process.kill();
    assert_eq!(killed.signal(), Some(9), "A died of SIGKILL");
    // A is gone, but the fake has not yet seen its connections end.
    for_b.extend(ask_servers_of(&deployment, &second_half(), 20));
    fake.wait_for_shards(&second_half(), crate::PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("A's connections ended: {error}"));
    for_b.extend(ask_servers_of(&deployment, &second_half(), 20));

    let answers = match fake.wait_callbacks(&for_b, crate::PATIENCE).await {
        Ok(answers) => answers,
        Err(error) => panic!("B left questions unanswered: {error}\n{}", logs(&[&b])),
    };
    for (handle, answer) in for_b.iter().zip(&answers) {
        assert_eq!(answer.status, 204, "refused: {:?}", answer.body);
        assert_eq!(fake.callbacks_for(handle).len(), 1, "answered once");
        let by = deployment.delivered_by(handle, &[&a, &b]);
        assert!(std::ptr::eq(by, &b), "B answers its own servers");
    }

    let orphaned = ask_servers_of(&deployment, &first_half(), 6);
    for handle in &orphaned {
        assert!(
            matches!(fake.delivery(handle), Some(Delivery::Queued { shard }) if first_half().contains(&shard)),
            "waits in A's session: {:?}",
            fake.delivery(handle)
        );
    }
    let mut expired = fake.expire_disconnected_sessions();
    expired.sort_unstable();
    assert_eq!(
        expired,
        first_half(),
        "only A's sessions were left without a connection"
    );
    for handle in &orphaned {
        let Some(Delivery::Undeliverable { reason }) = fake.delivery(handle) else {
            panic!("not reported undeliverable: {:?}", fake.delivery(handle));
        };
        assert!(
            matches!(reason, UndeliverableReason::SessionExpired { shard } if first_half().contains(&shard)),
            "{reason:?}"
        );
    }
    let later = ask_servers_of(&deployment, &first_half(), 4);
    for handle in &later {
        let reason = UndeliverableReason::NoSession;
        assert_eq!(
            fake.delivery(handle),
            Some(Delivery::Undeliverable { reason })
        );
    }
    let mut lost: Vec<u64> = orphaned
        .iter()
        .chain(&later)
        .map(|handle| handle.id)
        .collect();
    lost.sort_unstable();
    assert_eq!(
        fake.undeliverable_interactions(),
        lost,
        "exactly those, none of B's"
    );

    let c = deployment
        .start_process("C", first_half(), &second_half())
        .await;
    for handle in ask_servers_of(&deployment, &first_half(), 4) {
        deployment.answer(&handle, &[&b, &c]).await;
        let by = deployment.delivered_by(&handle, &[&b, &c]);
        assert!(std::ptr::eq(by, &c), "C answers A's servers now");
    }
    for handle in orphaned.iter().chain(&later) {
        assert!(
            fake.callbacks_for(handle).is_empty(),
            "an undeliverable question was answered"
        );
        assert!(fake
            .delivery(handle)
            .is_some_and(Delivery::is_undeliverable));
    }

    for (name, process) in [("B", b), ("C", c)] {
        let ShardProcess { process, .. } = process;
        let stopped = process.terminate().await;
        assert_eq!(stopped.code(), Some(0), "{name} stops cleanly on SIGTERM");
    }
}
