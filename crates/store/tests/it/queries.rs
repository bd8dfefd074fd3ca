//! Questions answered from SQLite give what core's rules give on the same dossier, and what a
//! user expects from the shipped report.

use dossier_core::{
    rank, ActorId, Definition as CoreDefinition, Edtf, EventId, MatchKind, MeasureId, TermId,
    TimelineQuery, MAX_CHOICES,
};
use dossier_store::{Definition, Store, TimelineCount};

use crate::fixtures::{loaded_store, shipped, temp_store, Backend};

fn date(text: &str) -> Edtf {
    text.parse().expect("valid EDTF")
}

fn actor(id: &str) -> ActorId {
    ActorId::new(id).expect("valid id")
}

fn timeline_queries() -> Vec<TimelineQuery> {
    let mut queries = vec![TimelineQuery::default()];
    for (from, to) in [
        (Some("2025-02-15"), None),
        (None, Some("2024")),
        (Some("2025-04-26"), Some("2025-04-27")),
        (Some("2025-03"), Some("2025-03")),
        (Some("1951"), Some("1951")),
        (Some("2030"), None),
    ] {
        queries.push(TimelineQuery {
            from: from.map(date),
            to: to.map(date),
            ..TimelineQuery::default()
        });
    }
    let family = shipped().actor_family(&actor("south-korea"));
    queries.push(TimelineQuery {
        actors: family,
        ..TimelineQuery::default()
    });
    queries.push(TimelineQuery {
        actors: vec![actor("russia"), actor("ukraine")],
        from: Some(date("2025")),
        ..TimelineQuery::default()
    });
    for text in ["kursk", "KCNA", "treaty", "nothing like this", "context"] {
        queries.push(TimelineQuery {
            text: Some(text.to_owned()),
            ..TimelineQuery::default()
        });
    }
    queries
}

async fn the_timeline_keeps_and_orders_events_as_core_does(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for query in timeline_queries() {
        let expected: Vec<_> = shipped().timeline(&query).into_iter().cloned().collect();
        let page = store.timeline(&query, 0, 1_000).await.expect("timeline");
        assert_eq!(page.events, expected, "{query:?}");
        assert_eq!(page.total, expected.len(), "{query:?}");
    }
}

async fn an_event_spanning_the_start_of_a_range_is_kept(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let query = TimelineQuery {
        from: Some(date("2025-02-15")),
        ..TimelineQuery::default()
    };
    let page = store.timeline(&query, 0, 100).await.expect("timeline");
    let ids: Vec<&str> = page.events.iter().map(|event| event.id.as_str()).collect();
    assert!(
        ids.contains(&"additional-deployments-early-2025"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"deployments-begin"), "{ids:?}");
}

async fn timeline_pages_cover_every_event_once(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let query = TimelineQuery::default();
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = store.timeline(&query, offset, 5).await.expect("timeline");
        assert_eq!(page.total, shipped().events.len());
        if page.events.is_empty() {
            break;
        }
        offset += page.events.len();
        seen.extend(page.events);
    }
    let expected: Vec<_> = shipped().timeline(&query).into_iter().cloned().collect();
    assert_eq!(seen, expected);
}

/// Counting only so far: a filter that keeps more events than the limit says "at least the
/// limit", a count that fits is exact, and the page itself never changes.
async fn a_count_limit_reports_a_lower_bound_and_the_same_page(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for query in timeline_queries() {
        let expected: Vec<_> = shipped().timeline(&query).into_iter().cloned().collect();
        let unfiltered = query == TimelineQuery::default();
        for limit in [1, 3, expected.len(), expected.len() + 5] {
            let page = store
                .timeline_counting(&query, 0, 4, TimelineCount::UpTo(limit))
                .await
                .expect("timeline");
            let first_four: Vec<_> = expected.iter().take(4).cloned().collect();
            assert_eq!(page.events, first_four, "{query:?} up to {limit}");
            if page.total_is_lower_bound {
                assert_eq!(page.total, limit, "{query:?}");
                assert!(expected.len() > limit, "{query:?}: stopped early");
            } else {
                assert_eq!(page.total, expected.len(), "{query:?} up to {limit}");
            }
            // Dates and actors are counted in SQL, so the limit binds them; the whole
            // dossier is always counted exactly.
            let date_or_actor_only = query.text.is_none() && !unfiltered;
            if date_or_actor_only && expected.len() > limit {
                assert!(page.total_is_lower_bound, "{query:?} up to {limit}");
            }
            if unfiltered {
                assert!(!page.total_is_lower_bound);
            }
        }
        let later = store
            .timeline_counting(&query, 2, 3, TimelineCount::Skip)
            .await
            .expect("timeline");
        let middle: Vec<_> = expected.iter().skip(2).take(3).cloned().collect();
        assert_eq!(later.events, middle, "{query:?} skipping the count");
    }
}

/// The shipped dossier with three copies of each event, sharing its dates, listed before it and
/// with ids that sort both before and after it: ties on both date bounds only the id breaks.
fn dossier_with_date_ties() -> dossier_core::Dossier {
    let mut dossier = shipped().clone();
    let originals = dossier.events.clone();
    for (index, original) in originals.iter().enumerate() {
        for prefix in ["zz", "aa", "mm"] {
            let mut copy = original.clone();
            copy.id = EventId::new(format!("{prefix}-copy-{index}")).expect("valid id");
            dossier.events.insert(0, copy);
        }
    }
    dossier
}

async fn timeline_pages_break_date_ties_by_id_as_core_does(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
    let dossier = dossier_with_date_ties();
    store.import(&dossier).await.expect("import");
    let queries = [
        TimelineQuery::default(),
        TimelineQuery {
            from: Some(date("2024")),
            to: Some(date("2025-03")),
            ..TimelineQuery::default()
        },
        TimelineQuery {
            actors: vec![actor("russia")],
            ..TimelineQuery::default()
        },
        TimelineQuery {
            text: Some("Kursk".to_owned()),
            ..TimelineQuery::default()
        },
    ];
    for query in queries {
        let expected: Vec<_> = dossier.timeline(&query).into_iter().cloned().collect();
        assert!(expected.len() > 3, "{query:?} keeps too few events to page");
        for page_size in [1, 2, 5] {
            let mut seen = Vec::new();
            let mut offset = 0;
            loop {
                let page = store
                    .timeline(&query, offset, page_size)
                    .await
                    .expect("timeline");
                assert_eq!(page.total, expected.len(), "{query:?}");
                if page.events.is_empty() {
                    break;
                }
                assert!(page.events.len() <= page_size);
                offset += page.events.len();
                seen.extend(page.events);
            }
            assert_eq!(seen, expected, "{query:?}, pages of {page_size}");
        }
    }
}

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

async fn assert_completion_matches_core(store: &Store, typed: &str) {
    let terms = store.complete_terms(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().term_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = terms.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "terms for {typed:?}");

    let actors = store.complete_actors(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().actor_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = actors.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "actors for {typed:?}");

    let events = store.complete_events(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().event_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = events.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "events for {typed:?}");

    let measures = store.complete_measures(typed).await.expect("complete");
    let expected: Vec<String> = rank(typed, shipped().measure_entries(), MAX_CHOICES)
        .into_iter()
        .map(|ranked| ranked.key.id.as_str().to_owned())
        .collect();
    let got: Vec<String> = measures.into_iter().map(|choice| choice.value).collect();
    assert_eq!(got, expected, "measures for {typed:?}");
}

async fn autocomplete_ranks_as_core_does(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for typed in [
        "", "k", "K", "kc", "kurs", "reg", "un", "U.N.", "charter", "korea", "south", "nort",
        "troop", "kcan", "regoin", "ffens", "2025", "🙂", "\"", "a",
    ] {
        assert_completion_matches_core(&store, typed).await;
    }
}

async fn autocomplete_labels_fit_discord_and_explain_alias_matches(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let choices = store.complete_terms("UN Charter").await.expect("complete");
    assert_eq!(choices[0].value, "un-charter");
    assert_eq!(choices[0].label, "U.N. Charter");
    let choices = store
        .complete_terms("United Nations Ch")
        .await
        .expect("complete");
    assert_eq!(choices[0].value, "un-charter");
    assert_eq!(choices[0].label, "U.N. Charter (United Nations Charter)");

    let events = store.complete_events("").await.expect("complete");
    assert_eq!(events.len(), shipped().events.len().min(MAX_CHOICES));
    let kcna = events
        .iter()
        .find(|choice| choice.value == "kcna-first-confirmation")
        .expect("listed");
    assert!(
        kcna.label.starts_with("27–28 Apr 2025") || kcna.label.contains("Apr 2025"),
        "{}",
        kcna.label
    );
    for choice in events {
        assert!(choice.label.chars().count() <= 100, "{}", choice.label);
    }
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
    the_timeline_keeps_and_orders_events_as_core_does,
    an_event_spanning_the_start_of_a_range_is_kept,
    timeline_pages_cover_every_event_once,
    a_count_limit_reports_a_lower_bound_and_the_same_page,
    timeline_pages_break_date_ties_by_id_as_core_does,
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
    autocomplete_ranks_as_core_does,
    autocomplete_labels_fit_discord_and_explain_alias_matches,
);
