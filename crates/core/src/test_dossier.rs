//! A small builder of in-memory dossiers for unit tests, independent of the shipped data.

use crate::edtf::Edtf;
use crate::id::{ActorId, ClaimId, EstimateId, EventId, MeasureId, SourceId, TermId};
use crate::model::{
    Actor, ActorKind, Citation, Claim, ClaimKind, Dossier, Estimate, Event, Figure, Measure,
    Source, Term,
};

/// The source every built record cites.
pub(crate) const SOURCE: &str = "report";
/// Its sections.
pub(crate) const SECTIONS: [&str; 2] = ["Introduction", "Casualties"];

pub(crate) fn date(text: &str) -> Edtf {
    text.parse().unwrap_or_else(|error| panic!("{error}"))
}

pub(crate) fn citation() -> Citation {
    Citation {
        source: SourceId::new(SOURCE).unwrap(),
        section: SECTIONS[0].to_owned(),
        excerpt: None,
    }
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

/// Builds a [`Dossier`] record by record, with one source already in it.
pub(crate) struct DossierBuilder {
    dossier: Dossier,
}

impl DossierBuilder {
    pub(crate) fn new() -> Self {
        let source = Source {
            id: SourceId::new(SOURCE).unwrap(),
            title: "A report".to_owned(),
            publisher: "goover".to_owned(),
            kind: "General Report".to_owned(),
            date: date("2025-04-28"),
            sections: strings(&SECTIONS),
            url: None,
        };
        Self {
            dossier: Dossier {
                sources: vec![source],
                ..Dossier::default()
            },
        }
    }

    pub(crate) fn term(
        mut self,
        id: &str,
        name: &str,
        expansion: Option<&str>,
        aliases: &[&str],
    ) -> Self {
        self.dossier.terms.push(Term {
            id: TermId::new(id).unwrap(),
            name: name.to_owned(),
            expansion: expansion.map(str::to_owned),
            aliases: strings(aliases),
            definition: format!("What {name} means."),
            see_also: Vec::new(),
            citations: vec![citation()],
        });
        self
    }

    pub(crate) fn actor(
        mut self,
        id: &str,
        name: &str,
        kind: ActorKind,
        aliases: &[&str],
        part_of: Option<&str>,
    ) -> Self {
        self.dossier.actors.push(Actor {
            id: ActorId::new(id).unwrap(),
            name: name.to_owned(),
            kind,
            aliases: strings(aliases),
            part_of: part_of.map(|parent| ActorId::new(parent).unwrap()),
            description: None,
        });
        self
    }

    pub(crate) fn event(mut self, id: &str, when: &str, headline: &str, actors: &[&str]) -> Self {
        self.dossier.events.push(Event {
            id: EventId::new(id).unwrap(),
            date: date(when),
            date_readings: Vec::new(),
            headline: headline.to_owned(),
            summary: format!("Summary of {headline}."),
            actors: actors
                .iter()
                .map(|actor| ActorId::new(*actor).unwrap())
                .collect(),
            tags: Vec::new(),
            citations: vec![citation()],
        });
        self
    }

    pub(crate) fn measure(mut self, id: &str, name: &str) -> Self {
        self.dossier.measures.push(Measure {
            id: MeasureId::new(id).unwrap(),
            name: name.to_owned(),
            unit: "troops".to_owned(),
            description: format!("How many: {name}."),
            aliases: Vec::new(),
        });
        self
    }

    pub(crate) fn estimate(
        mut self,
        id: &str,
        measure: &str,
        figure: Figure,
        assessed_by: Option<&str>,
        reported: Option<&str>,
    ) -> Self {
        self.dossier.estimates.push(Estimate {
            id: EstimateId::new(id).unwrap(),
            measure: MeasureId::new(measure).unwrap(),
            figure,
            approximate: false,
            as_of: None,
            assessed_by: assessed_by.map(|actor| ActorId::new(actor).unwrap()),
            reported: reported.map(date),
            citations: vec![citation()],
            note: None,
        });
        self
    }

    pub(crate) fn claim(
        mut self,
        id: &str,
        actor: &str,
        when: Option<&str>,
        statement: &str,
    ) -> Self {
        self.dossier.claims.push(Claim {
            id: ClaimId::new(id).unwrap(),
            actor: ActorId::new(actor).unwrap(),
            kind: ClaimKind::Claim,
            statement: statement.to_owned(),
            date: when.map(date),
            excerpts: Vec::new(),
            counter_claims: Vec::new(),
            citations: vec![citation()],
        });
        self
    }

    /// Applies any change the named builders do not cover.
    pub(crate) fn edit(mut self, change: impl FnOnce(&mut Dossier)) -> Self {
        change(&mut self.dossier);
        self
    }

    pub(crate) fn build(self) -> Dossier {
        self.dossier
    }
}
