//! Claims by actor, in date order, and the claims that answer one another.

use std::cmp::Ordering;

use crate::id::ActorId;
use crate::model::{Claim, Dossier};
use crate::timeline::compare_dates;

/// Orders claims by date (undated last), then id.
pub fn claims_chronological(a: &Claim, b: &Claim) -> Ordering {
    match (&a.date, &b.date) {
        (Some(a_date), Some(b_date)) => compare_dates(a_date, b_date),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id))
}

impl Dossier {
    /// Claims made by any of `actors` (pass an expanded [`Dossier::actor_family`] to include
    /// agencies); every claim when `actors` is empty. Chronological, undated last.
    pub fn claims_by(&self, actors: &[ActorId]) -> Vec<&Claim> {
        let mut claims: Vec<&Claim> = self
            .claims
            .iter()
            .filter(|claim| actors.is_empty() || actors.contains(&claim.actor))
            .collect();
        claims.sort_by(|a, b| claims_chronological(a, b));
        claims
    }

    /// The claims that answer `claim`: those it lists as counter-claims and those that list it,
    /// chronological.
    pub fn counter_claims_of(&self, claim: &Claim) -> Vec<&Claim> {
        let mut counters: Vec<&Claim> = self
            .claims
            .iter()
            .filter(|other| {
                other.id != claim.id
                    && (claim.counter_claims.contains(&other.id)
                        || other.counter_claims.contains(&claim.id))
            })
            .collect();
        counters.sort_by(|a, b| claims_chronological(a, b));
        counters
    }
}

#[cfg(test)]
mod tests {
    use crate::id::ClaimId;
    use crate::model::ActorKind;
    use crate::test_dossier::DossierBuilder;

    use super::*;

    fn dossier() -> Dossier {
        DossierBuilder::new()
            .actor("russia", "Russia", ActorKind::State, &[], None)
            .actor("ukraine", "Ukraine", ActorKind::State, &[], None)
            .actor(
                "ukraine-military",
                "Ukrainian military",
                ActorKind::Agency,
                &[],
                Some("ukraine"),
            )
            .claim(
                "kursk-retaken",
                "russia",
                Some("2025-04-26"),
                "Kursk is fully retaken.",
            )
            .claim(
                "fighting-continues",
                "ukraine-military",
                Some("2025-04-27"),
                "Fighting goes on.",
            )
            .claim("losses-heavy", "ukraine", None, "Losses are heavy.")
            .claim("troops-helped", "russia", Some("2025-04"), "Troops helped.")
            .edit(|dossier| {
                dossier.claims[1].counter_claims = vec![ClaimId::new("kursk-retaken").unwrap()];
            })
            .build()
    }

    fn ids(claims: &[&Claim]) -> Vec<String> {
        claims.iter().map(|claim| claim.id.to_string()).collect()
    }

    #[test]
    fn claims_by_actor_are_chronological_with_undated_last() {
        let dossier = dossier();
        let russia = [ActorId::new("russia").unwrap()];
        assert_eq!(
            ids(&dossier.claims_by(&russia)),
            ["troops-helped", "kursk-retaken"]
        );
        let ukraine = dossier.actor_family(&ActorId::new("ukraine").unwrap());
        assert_eq!(
            ids(&dossier.claims_by(&ukraine)),
            ["fighting-continues", "losses-heavy"]
        );
        assert_eq!(dossier.claims_by(&[]).len(), 4);
        assert_eq!(
            dossier.claims_by(&[]).last().map(|c| c.id.as_str()),
            Some("losses-heavy")
        );
    }

    #[test]
    fn counter_claims_are_found_from_either_side() {
        let dossier = dossier();
        let retaken = dossier
            .claim(&ClaimId::new("kursk-retaken").unwrap())
            .unwrap();
        assert_eq!(
            ids(&dossier.counter_claims_of(retaken)),
            ["fighting-continues"]
        );
        let continues = dossier
            .claim(&ClaimId::new("fighting-continues").unwrap())
            .unwrap();
        assert_eq!(
            ids(&dossier.counter_claims_of(continues)),
            ["kursk-retaken"]
        );
        let helped = dossier
            .claim(&ClaimId::new("troops-helped").unwrap())
            .unwrap();
        assert!(dossier.counter_claims_of(helped).is_empty());
    }
}
