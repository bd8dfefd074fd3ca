//! `/event` (one event in full) and `/timeline` (events in order, paged).

use dossier_core::{Edtf, Event};

use crate::render::answers::{excerpt_lines, join_names};
use crate::render::escape::escape;
use crate::render::paging::paginate_fields;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// Events per timeline page.
const EVENTS_PER_PAGE: usize = 8;

/// One event in full: what happened, when (every reading when passages disagree), who, and the
/// report's own words.
pub fn event(event: &Event, references: References<'_>) -> Page {
    let mut fields = vec![FieldSpec::inline("When", escape(&event.date.human()))];
    if !event.actors.is_empty() {
        let names: Vec<String> = event
            .actors
            .iter()
            .map(|actor| escape(&references.actor_name(actor)))
            .collect();
        fields.push(FieldSpec::inline("Who", join_names(&names)));
    }
    if event.date_disputed() {
        let readings: Vec<String> = event
            .date_readings
            .iter()
            .map(|reading| {
                let sections: Vec<String> = reading
                    .citations
                    .iter()
                    .map(|citation| format!("§ {}", escape(&citation.section)))
                    .collect();
                format!(
                    "• {} — {}",
                    escape(&reading.date.human()),
                    sections.join("; ")
                )
            })
            .collect();
        fields.push(FieldSpec::new(
            "Dates differ between passages",
            readings.join("\n"),
        ));
    }
    let quotes = excerpt_lines(&event.citations, 3);
    if !quotes.is_empty() {
        fields.push(FieldSpec::new("In the report's words", quotes.join("\n")));
    }
    if !event.tags.is_empty() {
        let tags: Vec<String> = event.tags.iter().map(|tag| escape(tag)).collect();
        fields.push(FieldSpec::inline("Tags", tags.join(", ")));
    }
    fields.push(FieldSpec::inline("Id", format!("`{}`", event.id)));
    Page::embed(EmbedSpec {
        title: escape(&event.headline),
        description: escape(&event.summary),
        fields,
        footer: Some(references.cite(&event.citations)),
        colour: colour::EVENT,
        ..EmbedSpec::default()
    })
    .fit()
}

/// The filters a timeline was asked with, for its heading.
#[derive(Debug, Clone, Default)]
pub struct TimelineFilters {
    /// Start of the range.
    pub from: Option<Edtf>,
    /// End of the range.
    pub to: Option<Edtf>,
    /// The actor asked for, by display name.
    pub actor: Option<String>,
    /// The text asked for, as typed.
    pub text: Option<String>,
}

impl TimelineFilters {
    /// "from Jan 2025 to Apr 2025, involving North Korea, mentioning “kursk”", or "" for none.
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (&self.from, &self.to) {
            (Some(from), Some(to)) => {
                parts.push(format!("from {} to {}", from.human(), to.human()));
            }
            (Some(from), None) => parts.push(format!("from {} on", from.human())),
            (None, Some(to)) => parts.push(format!("up to {}", to.human())),
            (None, None) => {}
        }
        if let Some(actor) = &self.actor {
            parts.push(format!("involving {}", escape(actor)));
        }
        if let Some(text) = &self.text {
            parts.push(format!("mentioning “{}”", escape(text)));
        }
        parts.join(", ")
    }
}

/// The events in order, paged, each with its date at its real precision. `total` is how many
/// matched (it may exceed `events.len()` when the list was capped).
pub fn timeline(
    events: &[Event],
    total: u64,
    filters: &TimelineFilters,
    references: References<'_>,
) -> Vec<Page> {
    let filter_text = filters.describe();
    let count = match total {
        0 => "No events".to_owned(),
        1 => "1 event".to_owned(),
        many => format!("{many} events"),
    };
    let mut description = if filter_text.is_empty() {
        format!("{count}, earliest first.")
    } else {
        format!("{count} {filter_text}, earliest first.")
    };
    if total > events.len() as u64 {
        description.push_str(&format!(" Showing the first {}.", events.len()));
    }
    if events.is_empty() {
        description = if filter_text.is_empty() {
            "The dossier holds no events.".to_owned()
        } else {
            format!(
                "No events {filter_text}. Try a wider date range, another actor, or no filters."
            )
        };
    }
    let header = EmbedSpec {
        title: "Timeline".to_owned(),
        description,
        footer: Some(references.cite_dossier()),
        colour: colour::EVENT,
        ..EmbedSpec::default()
    };
    let items = events
        .iter()
        .map(|event| {
            let disputed = if event.date_disputed() {
                " (dates differ)"
            } else {
                ""
            };
            FieldSpec::new(
                format!(
                    "{}{disputed} — {}",
                    escape(&event.date.human()),
                    escape(&event.headline)
                ),
                format!(
                    "{}\n`{}`",
                    limits::trim(&escape(&event.summary), 280),
                    event.id
                ),
            )
        })
        .collect();
    paginate_fields(&header, items, EVENTS_PER_PAGE)
}
