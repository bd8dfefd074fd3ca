//! Lookups answered from the database (events, definitions, lists, estimates, claims and
//! actors) give what core's rules give on the same dossier, and what a user expects from the
//! shipped report.

use dossier_core::{
    Definition as CoreDefinition, EventId, MatchKind, MeasureId, TermId, TimelineQuery,
};
use dossier_store::{Definition, Store};

use crate::fixtures::{actor, loaded_store, shipped, Backend};

async fn an_event_is_found_by_id(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let id = EventId::new("kcna-first-confirmation").expect("valid id");
    let event = store.event(&id).await.expect("event").expect("exists");
    assert_eq!(Some(&event), shipped().event(&id));
    let missing = EventId::new("no-such-event").expect("valid id");
    assert_eq!(store.event(&missing).await.expect("event"), None);
}

/// A definition's "see also" terms come in the order the term lists them, whatever the
/// glossary's order; an id of no term is left out.
async fn see_also_terms_keep_the_order_they_are_listed_in(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for term in &shipped().terms {
        let mut listed = term.see_also.clone();
        listed.reverse();
        let got = store.terms(&listed).await.expect("terms");
        let expected: Vec<&TermId> = listed
            .iter()
            .filter(|id| shipped().terms.iter().any(|known| &known.id == *id))
            .collect();
        let got_ids: Vec<&TermId> = got.iter().map(|found| &found.id).collect();
        assert_eq!(got_ids, expected, "see also of {}", term.id);
    }
    let missing = TermId::new("no-such-term").expect("valid id");
    let first = shipped().terms[0].id.clone();
    let got = store.terms(&[missing, first.clone()]).await.expect("terms");
    assert_eq!(
        got.iter().map(|term| &term.id).collect::<Vec<_>>(),
        [&first]
    );
}

async fn define_answers_as_core_does(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for query in [
        "KCNA",
        "kcna",
        "Korean Central News Agency",
        "U.N. Charter",
        "UN Charter",
        "un-charter",
        "kursk",
        "KCAN",
        "kursk regoin",
        "counter offensive",
        "",
        "zzzz",
        "🙂",
    ] {
        let stored = store.define(query).await.expect("define");
        match (shipped().define(query), stored) {
            (
                CoreDefinition::Found { term, kind },
                Definition::Found {
                    term: stored_term,
                    kind: stored_kind,
                },
            ) => {
                assert_eq!(&stored_term, term, "{query}");
                assert_eq!(stored_kind, kind, "{query}");
            }
            (
                CoreDefinition::NotFound { suggestions },
                Definition::NotFound {
                    suggestions: stored_suggestions,
                },
            ) => {
                let expected: Vec<_> = suggestions.into_iter().cloned().collect();
                assert_eq!(stored_suggestions, expected, "{query}");
            }
            (expected, got) => panic!("{query}: core says {expected:?}, store says {got:?}"),
        }
    }
}

async fn define_finds_aliases_and_suggests_close_spellings(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let Definition::Found { term, kind } = store.define("UN Charter").await.expect("define") else {
        panic!("UN Charter is U.N. Charter without its dots");
    };
    assert_eq!(
        (term.name.as_str(), kind),
        ("U.N. Charter", MatchKind::Exact)
    );
    let Definition::Found { term, kind } = store
        .define("united nations charter")
        .await
        .expect("define")
    else {
        panic!("United Nations Charter is an alias of U.N. Charter");
    };
    assert_eq!(
        (term.name.as_str(), kind),
        ("U.N. Charter", MatchKind::Alias)
    );

    let Definition::NotFound { suggestions } = store.define("KCAN").await.expect("define") else {
        panic!("KCAN is a misspelling");
    };
    assert_eq!(
        suggestions.first().map(|term| term.name.as_str()),
        Some("KCNA")
    );
}

async fn the_glossary_and_other_lists_are_the_dossiers(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    assert_eq!(store.glossary().await.expect("glossary"), shipped().terms);
    assert_eq!(store.actors().await.expect("actors"), shipped().actors);
    assert_eq!(
        store.measures().await.expect("measures"),
        shipped().measures
    );
    assert_eq!(store.sources().await.expect("sources"), shipped().sources);
    let term = &shipped().terms[1];
    assert_eq!(
        store.term(&term.id).await.expect("term").as_ref(),
        Some(term)
    );
}

async fn estimates_are_compared_as_core_compares_them(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let all = store.estimates(None).await.expect("estimates");
    let expected = shipped().estimates(None);
    assert_eq!(all.len(), expected.len());
    for (stored, core) in all.iter().zip(&expected) {
        assert_eq!(&stored.measure, core.measure);
        let core_estimates: Vec<_> = core.estimates.iter().copied().cloned().collect();
        assert_eq!(stored.estimates, core_estimates);
        assert_eq!(stored.agreement, core.agreement);
        assert_eq!(
            stored.comparison().summary(shipped()),
            core.summary(shipped())
        );
    }

    let deployed = MeasureId::new("personnel-deployed").expect("valid id");
    let one = store.estimates(Some(&deployed)).await.expect("estimates");
    assert_eq!(one.len(), 1);
    assert!(one[0].agreement.is_disagreement(), "{:?}", one[0].agreement);
    assert!(one[0].comparison().summary(shipped()).contains("11,000"));

    let unknown = MeasureId::new("no-such-measure").expect("valid id");
    assert!(store
        .estimates(Some(&unknown))
        .await
        .expect("estimates")
        .is_empty());
}

async fn claims_by_an_actor_include_its_agencies(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let family = store
        .actor_family(&actor("south-korea"))
        .await
        .expect("family");
    assert_eq!(family, shipped().actor_family(&actor("south-korea")));
    assert!(family.contains(&actor("nis")) && family.contains(&actor("jcs")));

    let claims = store.claims(&family).await.expect("claims");
    let expected: Vec<_> = shipped().claims_by(&family).into_iter().cloned().collect();
    assert_eq!(claims, expected);
    assert!(claims.iter().any(|claim| claim.actor == actor("nis")));
    assert_eq!(
        store.claims(&[]).await.expect("claims"),
        shipped()
            .claims_by(&[])
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    );
}

async fn actor_families_match_core_for_every_actor(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for each in &shipped().actors {
        assert_eq!(
            store.actor_family(&each.id).await.expect("family"),
            shipped().actor_family(&each.id),
            "{}",
            each.id
        );
    }
}

async fn counter_claims_are_found_from_either_side(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for claim in &shipped().claims {
        let expected: Vec<_> = shipped()
            .counter_claims_of(claim)
            .into_iter()
            .cloned()
            .collect();
        assert_eq!(
            store.counter_claims(&claim.id).await.expect("counters"),
            expected,
            "{}",
            claim.id
        );
    }
}

async fn actors_resolve_by_name_alias_or_id(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for (query, id) in [
        ("DPRK", "north-korea"),
        ("pyongyang", "north-korea"),
        ("U.S.", "united-states"),
        ("nis", "nis"),
        ("South Korea", "south-korea"),
    ] {
        let found = store.resolve_actor(query).await.expect("resolve");
        assert_eq!(found.map(|actor| actor.id), Some(actor(id)), "{query}");
    }
    assert_eq!(
        store.resolve_actor("Atlantis").await.expect("resolve"),
        None
    );
    let measure = store
        .resolve_measure("troops deployed")
        .await
        .expect("resolve");
    assert_eq!(
        measure
            .map(|measure| measure.id.as_str().to_owned())
            .as_deref(),
        Some("personnel-deployed")
    );
}

/// The bot runs store calls inside Send futures (poise commands, spawned tasks).
#[test]
fn store_futures_can_move_between_threads() {
    fn assert_send<T: Send>(_future: T) {}
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let store = runtime.block_on(Store::open_in_memory()).expect("open");
    let dossier = shipped();
    let guild = dossier_store::GuildId(1);
    let user = dossier_store::UserId(2);
    let entry = dossier_store::NewGuildTerm::default();
    let edit = dossier_store::GuildTermEdit::default();
    let query = TimelineQuery::default();
    let actors = [actor("russia")];
    assert_send(store.import(dossier));
    assert_send(store.timeline(&query, 0, 10));
    assert_send(store.define("kcna"));
    assert_send(store.search("kursk", 5));
    assert_send(store.complete_terms("k"));
    assert_send(store.complete_events("k"));
    assert_send(store.estimates(None));
    assert_send(store.claims(&actors));
    assert_send(store.counter_claims(&dossier.claims[0].id));
    assert_send(store.actor_family(&actors[0]));
    assert_send(store.dossier());
    assert_send(store.add_guild_term(guild, &entry, user));
    assert_send(store.edit_guild_term(guild, "x", 1, &edit, user));
    assert_send(store.remove_guild_term(guild, "x", None, user));
    assert_send(store.guild_term_history(guild, "x"));
    assert_send(store.complete_guild_terms(guild, "x"));
    assert_send(store.usage_stats(guild, dossier_store::today_utc(), 5));
    assert_send(store.record_usage(guild, "define", None));
}

on_both_backends!(
    an_event_is_found_by_id,
    see_also_terms_keep_the_order_they_are_listed_in,
    define_answers_as_core_does,
    define_finds_aliases_and_suggests_close_spellings,
    the_glossary_and_other_lists_are_the_dossiers,
    estimates_are_compared_as_core_compares_them,
    claims_by_an_actor_include_its_agencies,
    actor_families_match_core_for_every_actor,
    counter_claims_are_found_from_either_side,
    actors_resolve_by_name_alias_or_id,
);
