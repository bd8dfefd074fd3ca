//! Finding records: by id, by name with aliases ([`Dossier::define`], [`Dossier::resolve_actor`])
//! and an actor's family of agencies and people.

use crate::id::{ActorId, ClaimId, EstimateId, EventId, MeasureId, SourceId, TermId};
use crate::matching::{match_exact, suggest, MatchKind, NameEntry};
use crate::model::{Actor, Claim, Dossier, Estimate, Event, Measure, Source, Term};

/// How many "did you mean" suggestions a failed lookup offers.
pub const MAX_SUGGESTIONS: usize = 5;

/// The answer to "define X".
#[derive(Debug, Clone, PartialEq)]
pub enum Definition<'a> {
    /// The term, and whether the query was its name or an alias.
    Found {
        /// The glossary entry.
        term: &'a Term,
        /// [`MatchKind::Exact`] or [`MatchKind::Alias`].
        kind: MatchKind,
    },
    /// No term has that name; the closest ones, best first (possibly none).
    NotFound {
        /// Up to [`MAX_SUGGESTIONS`] terms.
        suggestions: Vec<&'a Term>,
    },
}

impl Dossier {
    /// The source with this id.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|source| &source.id == id)
    }

    /// The actor with this id.
    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actors.iter().find(|actor| &actor.id == id)
    }

    /// The event with this id.
    pub fn event(&self, id: &EventId) -> Option<&Event> {
        self.events.iter().find(|event| &event.id == id)
    }

    /// The measure with this id.
    pub fn measure(&self, id: &MeasureId) -> Option<&Measure> {
        self.measures.iter().find(|measure| &measure.id == id)
    }

    /// The estimate with this id.
    pub fn estimate(&self, id: &EstimateId) -> Option<&Estimate> {
        self.estimates.iter().find(|estimate| &estimate.id == id)
    }

    /// The term with this id.
    pub fn term(&self, id: &TermId) -> Option<&Term> {
        self.terms.iter().find(|term| &term.id == id)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &ClaimId) -> Option<&Claim> {
        self.claims.iter().find(|claim| &claim.id == id)
    }

    /// The display name of an actor, or its id when it is unknown.
    pub fn actor_name<'a>(&'a self, id: &'a ActorId) -> &'a str {
        self.actor(id)
            .map_or(id.as_str(), |actor| actor.name.as_str())
    }

    /// Every term as a name entry: name, then expansion, aliases and id as other names.
    pub fn term_entries(&self) -> Vec<NameEntry<'_, &Term>> {
        self.terms
            .iter()
            .map(|term| {
                let others = term
                    .expansion
                    .as_deref()
                    .into_iter()
                    .chain(term.aliases.iter().map(String::as_str))
                    .chain([term.id.as_str()]);
                NameEntry::new(term, term.name.as_str(), others)
            })
            .collect()
    }

    /// Every actor as a name entry: name, then aliases and id.
    pub fn actor_entries(&self) -> Vec<NameEntry<'_, &Actor>> {
        self.actors
            .iter()
            .map(|actor| {
                let others = actor
                    .aliases
                    .iter()
                    .map(String::as_str)
                    .chain([actor.id.as_str()]);
                NameEntry::new(actor, actor.name.as_str(), others)
            })
            .collect()
    }

    /// Every event as a name entry: its headline, with its id as the other name.
    pub fn event_entries(&self) -> Vec<NameEntry<'_, &Event>> {
        self.events
            .iter()
            .map(|event| NameEntry::new(event, event.headline.as_str(), [event.id.as_str()]))
            .collect()
    }

    /// Every measure as a name entry: name, then aliases and id.
    pub fn measure_entries(&self) -> Vec<NameEntry<'_, &Measure>> {
        self.measures
            .iter()
            .map(|measure| {
                let others = measure
                    .aliases
                    .iter()
                    .map(String::as_str)
                    .chain([measure.id.as_str()]);
                NameEntry::new(measure, measure.name.as_str(), others)
            })
            .collect()
    }

    /// Looks a term up by name, expansion, alias or id, ignoring case, punctuation and
    /// diacritics ("U.N. Charter" = "UN Charter"); suggests close terms when none matches.
    pub fn define(&self, query: &str) -> Definition<'_> {
        match match_exact(query, self.term_entries()) {
            Some(found) => Definition::Found {
                term: found.key,
                kind: found.kind,
            },
            None => Definition::NotFound {
                suggestions: suggest(query, self.term_entries(), MAX_SUGGESTIONS)
                    .into_iter()
                    .map(|ranked| ranked.key)
                    .collect(),
            },
        }
    }

    /// The actor whose id, name or alias is `query` (folded).
    pub fn resolve_actor(&self, query: &str) -> Option<&Actor> {
        match_exact(query, self.actor_entries()).map(|found| found.key)
    }

    /// The measure whose id, name or alias is `query` (folded).
    pub fn resolve_measure(&self, query: &str) -> Option<&Measure> {
        match_exact(query, self.measure_entries()).map(|found| found.key)
    }

    /// The event whose id or headline is `query` (folded).
    pub fn resolve_event(&self, query: &str) -> Option<&Event> {
        match_exact(query, self.event_entries()).map(|found| found.key)
    }

    /// The actor and every actor that is part of it, directly or through others, in dossier
    /// order with `id` first (South Korea brings its JCS and NIS along).
    pub fn actor_family(&self, id: &ActorId) -> Vec<ActorId> {
        let mut family = vec![id.clone()];
        let mut index = 0;
        while index < family.len() {
            let parent = family[index].clone();
            for actor in &self.actors {
                if actor.part_of.as_ref() == Some(&parent) && !family.contains(&actor.id) {
                    family.push(actor.id.clone());
                }
            }
            index += 1;
        }
        family
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ActorKind;
    use crate::test_dossier::DossierBuilder;

    use super::*;

    fn dossier() -> Dossier {
        DossierBuilder::new()
            .term("kcna", "KCNA", Some("Korean Central News Agency"), &[])
            .term(
                "un-charter",
                "U.N. Charter",
                None,
                &["United Nations Charter"],
            )
            .term("kursk-region", "Kursk Region", None, &["Kursk Oblast"])
            .term(
                "csp-treaty",
                "Comprehensive Strategic Partnership Treaty",
                None,
                &[],
            )
            .actor(
                "north-korea",
                "North Korea",
                ActorKind::State,
                &["DPRK", "Pyongyang"],
                None,
            )
            .actor(
                "south-korea",
                "South Korea",
                ActorKind::State,
                &["ROK"],
                None,
            )
            .actor(
                "jcs",
                "Joint Chiefs of Staff",
                ActorKind::Agency,
                &["JCS"],
                Some("south-korea"),
            )
            .actor(
                "nis",
                "National Intelligence Service",
                ActorKind::Agency,
                &["NIS"],
                Some("south-korea"),
            )
            .actor(
                "nis-director",
                "NIS Director",
                ActorKind::Person,
                &[],
                Some("nis"),
            )
            .build()
    }

    fn found<'a>(definition: &Definition<'a>) -> Option<(&'a str, MatchKind)> {
        match definition {
            Definition::Found { term, kind } => Some((term.id.as_str(), *kind)),
            Definition::NotFound { .. } => None,
        }
    }

    fn suggested<'a>(definition: &Definition<'a>) -> Vec<&'a str> {
        match definition {
            Definition::Found { .. } => Vec::new(),
            Definition::NotFound { suggestions } => {
                suggestions.iter().map(|term| term.id.as_str()).collect()
            }
        }
    }

    #[test]
    fn define_accepts_names_aliases_and_spellings() {
        let dossier = dossier();
        assert_eq!(
            found(&dossier.define("KCNA")),
            Some(("kcna", MatchKind::Exact))
        );
        assert_eq!(
            found(&dossier.define("kcna")),
            Some(("kcna", MatchKind::Exact))
        );
        assert_eq!(
            found(&dossier.define("korean central news agency")),
            Some(("kcna", MatchKind::Alias))
        );
        assert_eq!(
            found(&dossier.define("UN Charter")),
            Some(("un-charter", MatchKind::Exact))
        );
        assert_eq!(
            found(&dossier.define("u.n. charter")),
            Some(("un-charter", MatchKind::Exact))
        );
        assert_eq!(
            found(&dossier.define("United Nations Charter")),
            Some(("un-charter", MatchKind::Alias))
        );
        assert_eq!(
            found(&dossier.define("Kúrsk Régiön")),
            Some(("kursk-region", MatchKind::Exact))
        );
    }

    #[test]
    fn define_suggests_when_nothing_matches() {
        let dossier = dossier();
        assert_eq!(suggested(&dossier.define("KCAN")).first(), Some(&"kcna"));
        assert_eq!(
            suggested(&dossier.define("kursk regoin")).first(),
            Some(&"kursk-region")
        );
        assert_eq!(suggested(&dossier.define("treaty")), ["csp-treaty"]);
        assert!(found(&dossier.define("treaty")).is_none());
        assert!(suggested(&dossier.define("qqqqxxxx")).is_empty());
        assert!(suggested(&dossier.define("a")).len() <= MAX_SUGGESTIONS);
    }

    #[test]
    fn actors_resolve_by_id_name_or_alias() {
        let dossier = dossier();
        for query in [
            "north-korea",
            "North Korea",
            "dprk",
            "D.P.R.K.",
            "Pyongyang",
        ] {
            assert_eq!(
                dossier.resolve_actor(query).map(|actor| actor.id.as_str()),
                Some("north-korea"),
                "{query}"
            );
        }
        assert!(dossier.resolve_actor("Korea").is_none());
    }

    #[test]
    fn family_includes_agencies_transitively() {
        let dossier = dossier();
        let family = dossier.actor_family(&ActorId::new("south-korea").unwrap());
        let family: Vec<&str> = family.iter().map(ActorId::as_str).collect();
        assert_eq!(family, ["south-korea", "jcs", "nis", "nis-director"]);
        let alone = dossier.actor_family(&ActorId::new("north-korea").unwrap());
        assert_eq!(alone.len(), 1);
    }
}
