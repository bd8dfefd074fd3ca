//! The large tables, one record at a time: events, glossary terms, estimates and claims, each
//! built from a random generator seeded per kind so a record depends only on the seed and its
//! index (and, for terms, on the names already handed out).

use std::collections::HashSet;

use dossier_core::{
    Actor, Claim, ClaimId, ClaimKind, DateReading, Edtf, Estimate, EstimateId, Event, EventId,
    Figure, Measure, Source, Term, TermId,
};
use fastrand::Rng;

use crate::generate::dates;
use crate::generate::names::{acronym, slug, NameRegistry};
use crate::generate::reference::citations;
use crate::generate::words::{self, capitalise, pick, pick_skewed};
use crate::generate::GenerateError;

fn sentence(text: &str) -> String {
    capitalise(text.trim_end_matches('.')) + "."
}

/// Builds events in order: headline, summary, actors, tags, citations and a date of any shape.
pub(crate) struct EventMaker<'a> {
    rng: Rng,
    sources: &'a [Source],
    actors: &'a [Actor],
}

impl<'a> EventMaker<'a> {
    pub(crate) fn new(seed: u64, sources: &'a [Source], actors: &'a [Actor]) -> Self {
        Self {
            rng: Rng::with_seed(seed ^ 0xE7E7_0000),
            sources,
            actors,
        }
    }

    /// The event at `index`.
    pub(crate) fn make(&mut self, index: usize) -> Result<Event, GenerateError> {
        let rng = &mut self.rng;
        let place = words::place(rng);
        let (headline, verb) = if rng.u8(0..3) == 0 {
            let actor = &self.actors[rng.usize(0..self.actors.len())];
            let verb = pick(rng, words::DIPLOMATIC);
            let what = pick_skewed(rng, words::DOCUMENTS);
            (format!("{} {verb} {what} on {place}", actor.name), verb)
        } else {
            let unit = pick_skewed(rng, words::UNITS);
            let verb = pick_skewed(rng, words::ACTIONS);
            let object = pick_skewed(rng, words::OBJECTS);
            (
                capitalise(&format!("{unit} {verb} {object} near {place}")),
                verb,
            )
        };
        let summary = format!(
            "{} {} {}",
            sentence(&format!(
                "{} reported that {} {} {} in the {place} area",
                pick(
                    rng,
                    &["The report", "Officials", "Local sources", "Observers"]
                ),
                pick_skewed(rng, words::UNITS),
                pick_skewed(rng, words::ACTIONS),
                pick_skewed(rng, words::OBJECTS),
            )),
            pick_skewed(rng, words::DETAILS),
            if rng.bool() {
                pick(rng, words::DETAILS)
            } else {
                ""
            },
        )
        .trim_end()
        .to_owned();
        let mut actors = Vec::new();
        for _ in 0..rng.usize(1..=3) {
            let actor = &self.actors[pick_index_skewed(rng, self.actors.len())].id;
            if !actors.contains(actor) {
                actors.push(actor.clone());
            }
        }
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.usize(0..=2) {
            let tag = pick_skewed(rng, words::TAGS);
            if !tags.iter().any(|existing| existing == tag) {
                tags.push(tag.to_owned());
            }
        }
        let (date, date_readings) = if rng.u8(0..40) == 0 {
            let (span, readings) = dates::disputed(rng);
            let readings = readings
                .into_iter()
                .map(|reading| {
                    Ok(DateReading {
                        date: reading.parse()?,
                        citations: citations(rng, self.sources, 1),
                    })
                })
                .collect::<Result<Vec<_>, GenerateError>>()?;
            (span.parse::<Edtf>()?, readings)
        } else {
            (dates::edtf_text(rng).parse::<Edtf>()?, Vec::new())
        };
        Ok(Event {
            id: EventId::new(format!("{}-{}-{index}", slug(verb, 20), slug(&place, 24)))?,
            date,
            date_readings,
            headline,
            summary,
            actors,
            tags,
            citations: citations(rng, self.sources, 2),
        })
    }
}

/// An index in `0..len`, favouring small ones: the report's main parties act most often.
fn pick_index_skewed(rng: &mut Rng, len: usize) -> usize {
    rng.usize(0..len).min(rng.usize(0..len))
}

/// Builds glossary terms with unique names: "Brayonsk Corridor", acronyms with their
/// expansion ("JBC" for "Joint Brayonsk Command"), spelling variants as aliases.
pub(crate) struct TermMaker<'a> {
    rng: Rng,
    sources: &'a [Source],
    registry: NameRegistry,
    ids: Vec<TermId>,
    id_set: HashSet<String>,
}

impl<'a> TermMaker<'a> {
    pub(crate) fn new(seed: u64, sources: &'a [Source]) -> Self {
        Self {
            rng: Rng::with_seed(seed ^ 0x7E53_0000),
            sources,
            registry: NameRegistry::default(),
            ids: Vec::new(),
            id_set: HashSet::new(),
        }
    }

    fn full_name(&mut self) -> String {
        let rng = &mut self.rng;
        let concept = pick(rng, words::CONCEPTS);
        match rng.u8(0..10) {
            0..=3 => format!("{} {concept}", words::place(rng)),
            4..=6 => format!(
                "{} {} {concept}",
                pick(rng, words::ADJECTIVES),
                words::place(rng)
            ),
            7 => format!("{} {concept}", pick(rng, words::ADJECTIVES)),
            _ => format!("{}–{} {concept}", words::place(rng), words::place(rng)),
        }
    }

    /// The next term; names never collide with earlier terms.
    pub(crate) fn make(&mut self) -> Result<Term, GenerateError> {
        let index = self.ids.len();
        let mut full = self.full_name();
        if !self.registry.claim_all(&[&full]) {
            full = format!("{full} {}", index + 1);
            if !self.registry.claim_all(&[&full]) {
                return Err(GenerateError::Exhausted("term names"));
            }
        }
        let initials = acronym(&full);
        let (name, expansion) = if initials.len() >= 3
            && self.rng.u8(0..3) == 0
            && self.registry.claim_extra(&initials)
        {
            (initials, Some(full.clone()))
        } else {
            (full.clone(), None)
        };
        let mut aliases = Vec::new();
        if expansion.is_some() {
            aliases.push(full.clone());
        }
        let variant = full
            .replacen("k", "c", 1)
            .replacen("sh", "sch", 1)
            .replacen('y', "i", 1);
        if variant != full && self.rng.bool() && self.registry.claim_extra(&variant) {
            aliases.push(variant);
        }
        if self.rng.u8(0..4) == 0 {
            let former = format!("former {full}");
            if self.registry.claim_extra(&former) {
                aliases.push(former);
            }
        }
        let mut id = slug(&full, 56);
        if !self.id_set.insert(id.clone()) {
            id = format!("{id}-{index}");
            self.id_set.insert(id.clone());
        }
        let rng = &mut self.rng;
        let definition = format!(
            "{} {} in the {} area. {}",
            pick(rng, words::DEFINITION_OPENINGS),
            pick_skewed(rng, words::DEFINITION_TOPICS),
            words::place(rng),
            pick(rng, words::DETAILS)
        );
        let mut see_also = Vec::new();
        if !self.ids.is_empty() {
            for _ in 0..rng.usize(0..=2) {
                let related = &self.ids[rng.usize(0..self.ids.len())];
                if !see_also.contains(related) {
                    see_also.push(related.clone());
                }
            }
        }
        let id = TermId::new(id)?;
        self.ids.push(id.clone());
        Ok(Term {
            id,
            name,
            expansion,
            aliases,
            definition,
            see_also,
            citations: citations(rng, self.sources, 2),
        })
    }
}

/// Builds estimates spread over the measures, scattered around a base figure per measure so
/// that sources disagree: some overlap, some conflict, some agree.
pub(crate) struct EstimateMaker<'a> {
    rng: Rng,
    sources: &'a [Source],
    actors: &'a [Actor],
    measures: &'a [Measure],
}

impl<'a> EstimateMaker<'a> {
    pub(crate) fn new(
        seed: u64,
        sources: &'a [Source],
        actors: &'a [Actor],
        measures: &'a [Measure],
    ) -> Self {
        Self {
            rng: Rng::with_seed(seed ^ 0xE571_0000),
            sources,
            actors,
            measures,
        }
    }

    /// The estimate at `index`, of measure `index % measures`.
    pub(crate) fn make(&mut self, index: usize) -> Result<Estimate, GenerateError> {
        let measure_index = index % self.measures.len();
        let measure = &self.measures[measure_index];
        let rng = &mut self.rng;
        // Every measure has its own order of magnitude, stable across its estimates.
        let base = 500 + (measure_index as u64 * 7_919) % 20_000;
        let value = |rng: &mut Rng| (base * rng.u64(60..=150) / 100).div_ceil(100) * 100;
        let figure = match rng.u8(0..10) {
            0..=5 => Figure::Point(value(rng)),
            _ => {
                let (a, b) = (value(rng), value(rng));
                if a == b {
                    Figure::Range(a, a + 1_000)
                } else {
                    Figure::Range(a.min(b), a.max(b))
                }
            }
        };
        let dated = |rng: &mut Rng, percent: u8| -> Result<Option<Edtf>, GenerateError> {
            (rng.u8(0..100) < percent)
                .then(|| dates::edtf_text(rng).parse())
                .transpose()
                .map_err(GenerateError::from)
        };
        let as_of = dated(rng, 70)?;
        let reported = dated(rng, 60)?;
        let assessed_by = (rng.u8(0..5) != 0).then(|| {
            self.actors[pick_index_skewed(rng, self.actors.len())]
                .id
                .clone()
        });
        Ok(Estimate {
            id: EstimateId::new(format!(
                "{}-estimate-{index}",
                slug(measure.id.as_str(), 40)
            ))?,
            measure: measure.id.clone(),
            figure,
            approximate: rng.bool(),
            as_of,
            assessed_by,
            reported,
            citations: citations(rng, self.sources, 2),
            note: rng
                .bool()
                .then(|| pick(rng, words::ESTIMATE_NOTES).to_owned()),
        })
    }
}

const CLAIM_KINDS: [ClaimKind; 7] = [
    ClaimKind::Claim,
    ClaimKind::Confirmation,
    ClaimKind::Assessment,
    ClaimKind::Justification,
    ClaimKind::Denial,
    ClaimKind::Denunciation,
    ClaimKind::Warning,
];

/// Builds claims; about one in five answers an earlier one.
pub(crate) struct ClaimMaker<'a> {
    rng: Rng,
    sources: &'a [Source],
    actors: &'a [Actor],
    ids: Vec<ClaimId>,
}

impl<'a> ClaimMaker<'a> {
    pub(crate) fn new(seed: u64, sources: &'a [Source], actors: &'a [Actor]) -> Self {
        Self {
            rng: Rng::with_seed(seed ^ 0xC1A1_0000),
            sources,
            actors,
            ids: Vec::new(),
        }
    }

    /// The next claim.
    pub(crate) fn make(&mut self) -> Result<Claim, GenerateError> {
        let index = self.ids.len();
        let rng = &mut self.rng;
        let actor = &self.actors[pick_index_skewed(rng, self.actors.len())];
        let kind = CLAIM_KINDS[rng.usize(0..CLAIM_KINDS.len())];
        let claim = pick_skewed(rng, words::STATEMENT_CLAIMS);
        let statement = format!(
            "{} {} {claim} in {}.",
            actor.name,
            pick(rng, words::STATEMENT_OPENINGS),
            words::place(rng)
        );
        let excerpts = if rng.u8(0..10) < 3 {
            vec![claim.to_owned()]
        } else {
            Vec::new()
        };
        let counter_claims = if index > 0 && rng.u8(0..5) == 0 {
            vec![self.ids[rng.usize(0..index)].clone()]
        } else {
            Vec::new()
        };
        let date = (rng.u8(0..10) < 8)
            .then(|| dates::edtf_text(rng).parse::<Edtf>())
            .transpose()?;
        let id = ClaimId::new(format!(
            "{}-{}-{index}",
            slug(actor.id.as_str(), 30),
            kind.label()
        ))?;
        self.ids.push(id.clone());
        Ok(Claim {
            id,
            actor: actor.id.clone(),
            kind,
            statement,
            date,
            excerpts,
            counter_claims,
            citations: citations(rng, self.sources, 2),
        })
    }
}
