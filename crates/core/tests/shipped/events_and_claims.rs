//! Events, actors and claims: lookup by id, disputed dates, timeline order, families, counter-claims.

use dossier_core::{embedded, ActorId, ClaimId, EventId, TimelineQuery};

fn event_id(text: &str) -> EventId {
    EventId::new(text).expect("test ids are valid slugs")
}

fn claim_id(text: &str) -> ClaimId {
    ClaimId::new(text).expect("test ids are valid slugs")
}

fn actor_id(text: &str) -> ActorId {
    ActorId::new(text).expect("test ids are valid slugs")
}

#[test]
fn every_event_can_be_asked_for_by_id() {
    let dossier = embedded();
    assert!(dossier.events.len() >= 12);
    for event in &dossier.events {
        let found = dossier.event(&event.id).expect("found by id");
        assert_eq!(found.headline, event.headline);
    }
    assert!(dossier.event(&event_id("no-such-event")).is_none());
}

#[test]
fn the_first_confirmation_date_is_disputed_between_27_and_28_april() {
    let dossier = embedded();
    let event = dossier
        .event(&event_id("kcna-first-confirmation"))
        .expect("the confirmation event");
    assert!(event.date_disputed());
    assert_eq!(event.date.as_str(), "2025-04-27/2025-04-28");
    let readings: Vec<&str> = event
        .date_readings
        .iter()
        .map(|reading| reading.date.as_str())
        .collect();
    assert_eq!(readings, ["2025-04-27", "2025-04-28"]);
    for reading in &event.date_readings {
        assert!(!reading.citations.is_empty());
    }
}

#[test]
fn russias_acknowledgment_keeps_the_stated_and_the_derived_date() {
    let dossier = embedded();
    let event = dossier
        .event(&event_id("russia-claims-kursk-recapture"))
        .expect("Russia's claim");
    assert!(event.date_disputed());
    let mut readings: Vec<&str> = event
        .date_readings
        .iter()
        .map(|reading| reading.date.as_str())
        .collect();
    readings.sort_unstable();
    assert_eq!(readings, ["2025-04-25", "2025-04-26"]);
    assert!(
        event.summary.contains("derived"),
        "the summary says which date is derived"
    );
}

#[test]
fn the_timeline_runs_from_the_korean_war_to_the_reactions() {
    let dossier = embedded();
    let all = dossier.timeline(&TimelineQuery {
        from: None,
        to: None,
        actors: Vec::new(),
        text: None,
    });
    assert_eq!(all.len(), dossier.events.len());
    let order: Vec<&str> = all.iter().map(|event| event.id.as_str()).collect();
    let at = |id: &str| order.iter().position(|listed| *listed == id).expect(id);
    assert_eq!(order[0], "korean-war");
    assert!(at("partnership-treaty-signed") < at("ukrainian-kursk-incursion"));
    assert!(at("ukrainian-kursk-incursion") < at("deployments-begin"));
    assert!(at("deployments-begin") < at("additional-deployments-early-2025"));
    assert!(at("nis-assessment") < at("russia-claims-kursk-recapture"));
    assert!(at("russia-claims-kursk-recapture") < at("kcna-first-confirmation"));
}

#[test]
fn south_korea_includes_its_military_and_intelligence() {
    let dossier = embedded();
    let family = dossier.actor_family(&actor_id("south-korea"));
    for member in ["south-korea", "jcs", "nis", "south-korean-intelligence"] {
        assert!(
            family.contains(&actor_id(member)),
            "{member} belongs to South Korea"
        );
    }
    assert!(!family.contains(&actor_id("north-korea")));
    let north = dossier.actor_family(&actor_id("north-korea"));
    assert!(north.contains(&actor_id("kcna")) && north.contains(&actor_id("kim-jong-un")));
    for (alias, id) in [
        ("DPRK", "north-korea"),
        ("Pyongyang", "north-korea"),
        ("JCS", "jcs"),
        ("NIS", "nis"),
        ("Kremlin", "russia"),
    ] {
        let resolved = dossier.resolve_actor(alias).map(|actor| actor.id.as_str());
        assert_eq!(resolved, Some(id), "actor {alias:?}");
    }
}

#[test]
fn contradicting_claims_are_linked_both_ways() {
    let dossier = embedded();
    for (claim, counter) in [
        ("russia-kursk-recaptured", "ukraine-denies-full-recapture"),
        (
            "north-korea-un-charter-compliance",
            "south-korea-denounces-justification",
        ),
        ("kim-just-response", "south-korea-denounces-justification"),
    ] {
        for (from, to) in [(claim, counter), (counter, claim)] {
            let record = dossier.claim(&claim_id(from)).expect(from);
            assert!(
                record.counter_claims.contains(&claim_id(to)),
                "{from} should answer {to}"
            );
        }
    }
    for claim in &dossier.claims {
        for counter in &claim.counter_claims {
            let other = dossier.claim(counter).expect("counter-claims resolve");
            assert!(
                other.counter_claims.contains(&claim.id),
                "{} -> {} is one-way",
                claim.id,
                counter
            );
        }
    }
}

#[test]
fn kim_jong_un_is_quoted_in_his_own_words() {
    let dossier = embedded();
    let claims = dossier.claims_by(&[actor_id("kim-jong-un")]);
    let quoted: Vec<&str> = claims
        .iter()
        .flat_map(|claim| claim.excerpts.iter().map(String::as_str))
        .collect();
    assert!(quoted.contains(
        &"annihilate and wipe out the Ukrainian neo-Nazi occupiers and liberate the Kursk area"
    ));
    assert!(quoted.contains(&"securing peace and stability in the region"));
}

#[test]
fn south_koreas_timeline_from_late_april_holds_only_its_reaction() {
    let dossier = embedded();
    let ids = |query: &TimelineQuery| -> Vec<String> {
        dossier
            .timeline(query)
            .iter()
            .map(|event| event.id.to_string())
            .collect()
    };
    let south_korea = TimelineQuery {
        actors: dossier.actor_family(&actor_id("south-korea")),
        ..TimelineQuery::default()
    };
    let all_of_it = ids(&south_korea);
    for expected in [
        "jcs-assessment",
        "nis-assessment",
        "south-korea-denounces-justification",
    ] {
        assert!(
            all_of_it.iter().any(|id| id == expected),
            "{expected} in {all_of_it:?}"
        );
    }
    let late_april = TimelineQuery {
        from: Some("2025-04-27".parse().expect("valid EDTF")),
        ..south_korea
    };
    let recent = ids(&late_april);
    assert!(recent.contains(&"south-korea-denounces-justification".to_owned()));
    assert!(!recent.contains(&"jcs-assessment".to_owned()), "{recent:?}");
}
