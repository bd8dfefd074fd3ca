//! Each process answers the servers of its own shards, and a server glossary entry added
//! through one process is defined through another.

use crate::{
    add_term_in, define_in, first_half, logs, reply_text, second_half, server_on, shard,
    Deployment, SERVERS_PER_SHARD, TOTAL_SHARDS,
};

const TERM: &str = "Kursk rotation";
const DEFINITION: &str = "Units sent to the Kursk front in turns, as the server's analysts use it.";

/// A and B split the four shards; `/define KCNA` is answered in servers on every shard, each
/// by the process holding that server's shard.
///
/// Then the hand-over. Server glossaries belong to one server, and a server lives on exactly
/// one shard, so another process can only ever show a server's entry by taking over that
/// server's shard. So: the entry is added through A in a server on shard 0; A is stopped;
/// process C starts with the same `--shards 0-1`; and `/define` in that same server, now
/// answered by C, shows the entry A stored in the shared database. In a server on B's shards
/// the entry does not exist, because it belongs to the other server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_process_answers_its_own_servers_and_another_process_defines_an_entry_added_through_the_first(
) {
    let deployment = Deployment::start().await;
    let fake = &deployment.fake;
    let a = deployment.start_process("A", first_half(), &[]).await;
    let b = deployment
        .start_process("B", second_half(), &first_half())
        .await;

    for id in 0..TOTAL_SHARDS {
        for index in 0..SERVERS_PER_SHARD {
            let server = server_on(shard(id), index);
            let handle = fake.send_interaction(define_in(server, "KCNA"));
            let answer = deployment.answer(&handle, &[&a, &b]).await;
            assert!(
                reply_text(&answer).contains("Korean Central News Agency"),
                "shard {id}: {answer}"
            );
            let by = deployment.delivered_by(&handle, &[&a, &b]);
            assert!(
                by.owns(server),
                "server {server} of shard {id} was answered by the other process"
            );
        }
    }
    assert_eq!(
        deployment.registrations(),
        1,
        "serving processes with a shard range never register commands"
    );

    let home = server_on(shard(0), 1);
    let added = fake.send_interaction(add_term_in(home, TERM, DEFINITION));
    let added = deployment.answer(&added, &[&a, &b]).await;
    let title = added["embeds"][0]["title"].as_str().unwrap_or_default();
    assert!(title.starts_with("Added “Kursk rotation”"), "{added}");
    let through_a = fake.send_interaction(define_in(home, TERM));
    let shown = deployment.answer(&through_a, &[&a, &b]).await;
    assert!(reply_text(&shown).contains(DEFINITION), "{shown}");
    let elsewhere = fake.send_interaction(define_in(server_on(shard(2), 1), TERM));
    let elsewhere = deployment.answer(&elsewhere, &[&a, &b]).await;
    assert!(
        !reply_text(&elsewhere).contains(DEFINITION),
        "another server's glossary leaked: {elsewhere}"
    );

    let stopped = a.process.terminate().await;
    assert_eq!(stopped.code(), Some(0), "A stops cleanly on SIGTERM");
    fake.wait_for_shards(&second_half(), crate::PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("A let go of its shards: {error}"));
    let c = deployment
        .start_process("C", first_half(), &second_half())
        .await;
    let through_c = fake.send_interaction(define_in(home, TERM));
    let shown = deployment.answer(&through_c, &[&b, &c]).await;
    assert!(
        reply_text(&shown).contains(DEFINITION),
        "C does not show the entry added through A: {shown}\n{}",
        logs(&[&b, &c])
    );
    let by = deployment.delivered_by(&through_c, &[&b, &c]);
    assert!(std::ptr::eq(by, &c), "C holds the server's shard now");
    assert_eq!(deployment.registrations(), 1);

    for (name, process) in [("B", b), ("C", c)] {
        let stopped = process.process.terminate().await;
        assert_eq!(stopped.code(), Some(0), "{name} stops cleanly on SIGTERM");
    }
}
