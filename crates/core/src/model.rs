//! The records a dossier holds, exactly as they appear in the JSON files under `data/`.

use serde::{Deserialize, Serialize};

use crate::edtf::Edtf;
use crate::id::{ActorId, ClaimId, EstimateId, EventId, MeasureId, SourceId, TermId};

/// A report the dossier is drawn from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id, cited by every [`Citation`].
    pub id: SourceId,
    /// Full title of the report.
    pub title: String,
    /// Who published it, e.g. "goover".
    pub publisher: String,
    /// What kind of document it is, e.g. "General Report".
    pub kind: String,
    /// Publication date.
    pub date: Edtf,
    /// Section headings, in the report's order; citations must name one of them.
    pub sections: Vec<String>,
    /// Where the report can be read, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where in a source a fact is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The report.
    pub source: SourceId,
    /// The section heading, exactly as listed in [`Source::sections`].
    pub section: String,
    /// A short verbatim excerpt (at most one sentence), when one helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// What sort of party an [`Actor`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A country or its government.
    State,
    /// A government body: an intelligence service, a military staff, a ministry.
    Agency,
    /// A named individual.
    Person,
    /// A news outlet.
    Media,
    /// Any other group, e.g. analysts.
    Group,
}

impl ActorKind {
    /// Lowercase label for display.
    pub fn label(self) -> &'static str {
        match self {
            Self::State => "state",
            Self::Agency => "agency",
            Self::Person => "person",
            Self::Media => "media",
            Self::Group => "group",
        }
    }
}

/// A party that acts, speaks or estimates in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Stable id.
    pub id: ActorId,
    /// Display name, e.g. "North Korea".
    pub name: String,
    /// What sort of party this is.
    pub kind: ActorKind,
    /// Other names users may type, e.g. "DPRK", "Pyongyang".
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The actor this one belongs to (the NIS belongs to South Korea), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<ActorId>,
    /// One line on who this is, in Dossier's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One reading of a date when sources give more than one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateReading {
    /// The date this passage gives.
    pub date: Edtf,
    /// Where it is given.
    pub citations: Vec<Citation>,
}

/// Something that happened, with the date as precisely as the report knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable slug, e.g. `kcna-first-confirmation`.
    pub id: EventId,
    /// When, as EDTF; when sources disagree this spans every reading.
    pub date: Edtf,
    /// Set when passages of the report give different dates: each with its citations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_readings: Vec<DateReading>,
    /// One line.
    pub headline: String,
    /// A few sentences in Dossier's words.
    pub summary: String,
    /// Who took part.
    #[serde(default)]
    pub actors: Vec<ActorId>,
    /// Free-form labels, e.g. "context", "deployment".
    #[serde(default)]
    pub tags: Vec<String>,
    /// Where the report says so (at least one).
    pub citations: Vec<Citation>,
}

impl Event {
    /// True when passages of the report give this event different dates.
    pub fn date_disputed(&self) -> bool {
        self.date_readings.len() > 1
    }
}

/// A quantity that estimates are about, e.g. North Korean personnel deployed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable slug.
    pub id: MeasureId,
    /// Display name.
    pub name: String,
    /// Unit of every estimate of this measure, e.g. "troops".
    pub unit: String,
    /// What exactly is counted.
    pub description: String,
    /// Other names users may type.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The figure an estimate gives: one number or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// A single value, e.g. 11,000.
    Point(u64),
    /// An inclusive range, e.g. 10,000 to 14,000.
    Range(u64, u64),
}

impl Figure {
    /// Lower end (the value itself for a point).
    pub fn low(self) -> u64 {
        match self {
            Self::Point(value) | Self::Range(value, _) => value,
        }
    }

    /// Upper end (the value itself for a point).
    pub fn high(self) -> u64 {
        match self {
            Self::Point(value) | Self::Range(_, value) => value,
        }
    }
}

/// A number someone gave, with who, when and for what.
///
/// In JSON the figure is written either as `"value": 11000` or as `"low": 10000, "high": 14000`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "EstimateRecord", into = "EstimateRecord")]
pub struct Estimate {
    /// Stable id.
    pub id: EstimateId,
    /// What is counted.
    pub measure: MeasureId,
    /// The number or range.
    pub figure: Figure,
    /// "approximately", "around", "roughly" in the report.
    pub approximate: bool,
    /// The period or date the figure describes, if the report gives one.
    pub as_of: Option<Edtf>,
    /// Who made the estimate; `None` when the report does not say.
    pub assessed_by: Option<ActorId>,
    /// When the estimate was made public, if the report says.
    pub reported: Option<Edtf>,
    /// Where the report gives it.
    pub citations: Vec<Citation>,
    /// Caveats in Dossier's words, e.g. how the report attributes the figure.
    pub note: Option<String>,
}

/// The JSON shape of an [`Estimate`]: the figure as `value` or `low`/`high`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EstimateRecord {
    id: EstimateId,
    measure: MeasureId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    low: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    high: Option<u64>,
    #[serde(default)]
    approximate: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of: Option<Edtf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assessed_by: Option<ActorId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reported: Option<Edtf>,
    citations: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// Why an estimate's figure was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FigureError {
    /// Neither `value` nor `low`/`high`, or both forms at once.
    #[error("an estimate gives either \"value\" or both \"low\" and \"high\"")]
    Shape,
    /// `low` is greater than `high`.
    #[error("low ({low}) is greater than high ({high})")]
    LowAboveHigh {
        /// The lower end given.
        low: u64,
        /// The upper end given.
        high: u64,
    },
}

impl TryFrom<EstimateRecord> for Estimate {
    type Error = FigureError;

    fn try_from(record: EstimateRecord) -> Result<Self, FigureError> {
        let figure = match (record.value, record.low, record.high) {
            (Some(value), None, None) => Figure::Point(value),
            (None, Some(low), Some(high)) if low > high => {
                return Err(FigureError::LowAboveHigh { low, high })
            }
            (None, Some(low), Some(high)) => Figure::Range(low, high),
            _ => return Err(FigureError::Shape),
        };
        Ok(Self {
            id: record.id,
            measure: record.measure,
            figure,
            approximate: record.approximate,
            as_of: record.as_of,
            assessed_by: record.assessed_by,
            reported: record.reported,
            citations: record.citations,
            note: record.note,
        })
    }
}

impl From<Estimate> for EstimateRecord {
    fn from(estimate: Estimate) -> Self {
        let (value, low, high) = match estimate.figure {
            Figure::Point(value) => (Some(value), None, None),
            Figure::Range(low, high) => (None, Some(low), Some(high)),
        };
        Self {
            id: estimate.id,
            measure: estimate.measure,
            value,
            low,
            high,
            approximate: estimate.approximate,
            as_of: estimate.as_of,
            assessed_by: estimate.assessed_by,
            reported: estimate.reported,
            citations: estimate.citations,
            note: estimate.note,
        }
    }
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable slug, e.g. `kcna`.
    pub id: TermId,
    /// The name as the report's glossary gives it, e.g. "KCNA".
    pub name: String,
    /// The spelled-out form of an acronym, e.g. "Korean Central News Agency".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expansion: Option<String>,
    /// Other ways to write it, e.g. "UN Charter", "United Nations Charter".
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The definition in Dossier's words.
    pub definition: String,
    /// Related terms.
    #[serde(default)]
    pub see_also: Vec<TermId>,
    /// Where the report defines or uses it.
    pub citations: Vec<Citation>,
}

/// What sort of statement a [`Claim`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// An assertion of fact by a party to events.
    Claim,
    /// An official confirmation or acknowledgment.
    Confirmation,
    /// A judgement by an intelligence service or analyst.
    Assessment,
    /// A justification offered for an action.
    Justification,
    /// A rejection of another party's claim.
    Denial,
    /// A condemnation of another party's action.
    Denunciation,
    /// A warning about what may follow.
    Warning,
}

impl ClaimKind {
    /// Lowercase label for display.
    pub fn label(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Confirmation => "confirmation",
            Self::Assessment => "assessment",
            Self::Justification => "justification",
            Self::Denial => "denial",
            Self::Denunciation => "denunciation",
            Self::Warning => "warning",
        }
    }
}

/// An attributed statement or position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id.
    pub id: ClaimId,
    /// Who said it.
    pub actor: ActorId,
    /// What sort of statement.
    pub kind: ClaimKind,
    /// What was said, in Dossier's words.
    pub statement: String,
    /// When, if the report says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Edtf>,
    /// The report's own words, verbatim, when it quotes or closely reports them.
    #[serde(default)]
    pub excerpts: Vec<String>,
    /// Claims that contradict or answer this one.
    #[serde(default)]
    pub counter_claims: Vec<ClaimId>,
    /// Where the report gives it.
    pub citations: Vec<Citation>,
}

/// Everything known from one or more reports, validated as a whole.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dossier {
    /// The reports.
    pub sources: Vec<Source>,
    /// The parties.
    pub actors: Vec<Actor>,
    /// Dated events.
    pub events: Vec<Event>,
    /// Quantities estimated.
    pub measures: Vec<Measure>,
    /// Numbers with their provenance.
    pub estimates: Vec<Estimate>,
    /// The glossary.
    pub terms: Vec<Term>,
    /// Attributed statements.
    pub claims: Vec<Claim>,
}
