//! Both engines give the same answers on the shipped dossier: the same records for every
//! question, and the same search hits with the same best hit.

use dossier_core::{HitKind, TimelineQuery};
use dossier_store::Store;

use crate::fixtures::{loaded_store, postgres_configured, shipped, Backend};

/// Searches a user might type, including ones that fall back to any word.
const SEARCHES: [&str; 30] = [
    "kursk",
    "KCNA",
    "casualties",
    "north korean troops",
    "Kursk Region",
    "UN Charter",
    "11000",
    "counteroff",
    "troops",
    "korea",
    "russia",
    "treaty",
    "deployment",
    "putin",
    "kim jong un",
    "soldiers killed",
    "NIS",
    "first acknowledgment",
    "pyongyang",
    "ukraine",
    "intelligence",
    "estimate",
    "south korea",
    "front line",
    "recapture",
    "k",
    "the",
    "counteroffensive xyzzyplugh",
    "xyzzyplugh",
    "Kürsk",
];

async fn hit_ids(store: &Store, query: &str) -> Vec<(HitKind, String)> {
    store
        .search(query, 50)
        .await
        .expect("search")
        .into_iter()
        .map(|hit| (hit.kind, hit.id))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_the_same_records_and_the_same_best_hit_on_both() {
    if !postgres_configured() {
        return;
    }
    let (_sqlite_database, sqlite) = loaded_store(Backend::Sqlite).await;
    let (_postgres_database, postgres) = loaded_store(Backend::Postgres).await;
    for query in SEARCHES {
        let on_sqlite = hit_ids(&sqlite, query).await;
        let on_postgres = hit_ids(&postgres, query).await;
        assert_eq!(
            on_sqlite.first(),
            on_postgres.first(),
            "best hit for {query:?}"
        );
        let mut sqlite_set = on_sqlite.clone();
        let mut postgres_set = on_postgres.clone();
        sqlite_set.sort();
        postgres_set.sort();
        assert_eq!(sqlite_set, postgres_set, "hits for {query:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_other_question_has_the_same_answer_on_both() {
    if !postgres_configured() {
        return;
    }
    let (_sqlite_database, sqlite) = loaded_store(Backend::Sqlite).await;
    let (_postgres_database, postgres) = loaded_store(Backend::Postgres).await;
    assert_eq!(
        sqlite.dossier().await.expect("dossier"),
        postgres.dossier().await.expect("dossier")
    );
    let everything = TimelineQuery::default();
    assert_eq!(
        sqlite.timeline(&everything, 3, 7).await.expect("timeline"),
        postgres
            .timeline(&everything, 3, 7)
            .await
            .expect("timeline")
    );
    for typed in ["", "k", "kurs", "un", "korea", "kcan", "regoin", "🙂"] {
        assert_eq!(
            sqlite.complete_terms(typed).await.expect("complete"),
            postgres.complete_terms(typed).await.expect("complete"),
            "{typed:?}"
        );
        assert_eq!(
            sqlite.complete_events(typed).await.expect("complete"),
            postgres.complete_events(typed).await.expect("complete"),
            "{typed:?}"
        );
        assert_eq!(
            sqlite.complete_actors(typed).await.expect("complete"),
            postgres.complete_actors(typed).await.expect("complete"),
            "{typed:?}"
        );
        assert_eq!(
            sqlite.define(typed).await.expect("define"),
            postgres.define(typed).await.expect("define"),
            "{typed:?}"
        );
    }
    assert_eq!(
        sqlite.estimates(None).await.expect("estimates"),
        postgres.estimates(None).await.expect("estimates")
    );
    for claim in &shipped().claims {
        assert_eq!(
            sqlite.counter_claims(&claim.id).await.expect("counters"),
            postgres.counter_claims(&claim.id).await.expect("counters")
        );
    }
    for actor in &shipped().actors {
        let family = sqlite.actor_family(&actor.id).await.expect("family");
        assert_eq!(
            family,
            postgres.actor_family(&actor.id).await.expect("family")
        );
        assert_eq!(
            sqlite.claims(&family).await.expect("claims"),
            postgres.claims(&family).await.expect("claims")
        );
    }
}
