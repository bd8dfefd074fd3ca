//! Estimates: each under its measure, disagreements flagged, unattributed figures explained.

use dossier_core::{embedded, Agreement, MeasureId};

#[test]
fn every_estimate_appears_under_its_measure() {
    let dossier = embedded();
    for estimate in &dossier.estimates {
        let comparisons = dossier.estimates(Some(&estimate.measure));
        assert_eq!(
            comparisons.len(),
            1,
            "one comparison for measure {}",
            estimate.measure
        );
        let listed = comparisons[0]
            .estimates
            .iter()
            .any(|listed| listed.id == estimate.id);
        assert!(
            listed,
            "estimate {} missing under {}",
            estimate.id, estimate.measure
        );
        let everywhere = dossier.estimates(None);
        let under_all = everywhere
            .iter()
            .filter(|comparison| {
                comparison
                    .estimates
                    .iter()
                    .any(|listed| listed.id == estimate.id)
            })
            .count();
        assert_eq!(
            under_all, 1,
            "estimate {} is listed exactly once overall",
            estimate.id
        );
    }
}

#[test]
fn deployment_totals_are_flagged_as_a_disagreement() {
    let dossier = embedded();
    let measure = MeasureId::new("personnel-deployed").expect("valid slug");
    let comparison = &dossier.estimates(Some(&measure))[0];
    assert!(
        comparison.agreement.is_disagreement(),
        "{:?}",
        comparison.agreement
    );
    let summary = comparison.summary(dossier);
    for figure in [
        "11,000",
        "10,000–14,000",
        "10,000–12,000",
        "U.S. intelligence",
        "unattributed",
    ] {
        assert!(
            summary.contains(figure),
            "{figure:?} missing from {summary:?}"
        );
    }
}

#[test]
fn casualty_figures_agree_and_reinforcements_have_one_source() {
    let dossier = embedded();
    let agreement = |measure: &str| {
        let id = MeasureId::new(measure).expect("valid slug");
        dossier.estimates(Some(&id))[0].agreement
    };
    assert_eq!(agreement("casualties"), Agreement::Agree);
    assert_eq!(agreement("additional-personnel"), Agreement::Single);
    let jcs = dossier
        .estimates
        .iter()
        .find(|estimate| {
            estimate
                .assessed_by
                .as_ref()
                .is_some_and(|actor| actor.as_str() == "jcs")
        })
        .expect("the JCS gave the reinforcement figure");
    assert_eq!(jcs.figure.low(), 3000);
    assert_eq!(
        jcs.reported.as_ref().map(|date| date.as_str()),
        Some("2025-03-27")
    );
    assert_eq!(
        jcs.as_of.as_ref().map(|date| date.as_str()),
        Some("2025-01/2025-02")
    );
}

#[test]
fn unattributed_estimates_say_why() {
    for estimate in embedded()
        .estimates
        .iter()
        .filter(|estimate| estimate.assessed_by.is_none())
    {
        let note = estimate.note.as_deref().unwrap_or_default();
        assert!(
            !note.is_empty(),
            "estimate {} names no one and explains nothing",
            estimate.id
        );
    }
}
