//! `/event` (one event in full) and `/timeline` (events in order, paged).

use dossier_core::{format_count, Edtf, Event};

use crate::render::answers::{excerpt_lines, join_names};
use crate::render::escape::escape;
use crate::render::paging::FixedPages;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// Events per timeline page, when the heading leaves room for them.
pub const MOST_EVENTS_PER_PAGE: usize = 8;

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

/// What a timeline answer says of its matches at the top of every page.
#[derive(Debug, Clone, Default)]
pub struct TimelineHeading {
    /// The filters asked with.
    pub filters: TimelineFilters,
    /// Events that matched, or at least this many when `matched_at_least`.
    pub matched: u64,
    /// Counting stopped at `matched`: more may match.
    pub matched_at_least: bool,
    /// Events the pages go through: the first this many of the matches.
    pub shown: u64,
}

impl TimelineHeading {
    /// "1,204 events from 2024 on, earliest first. Showing the first 1,000.", or what to try
    /// when nothing matched.
    fn describe(&self) -> String {
        let filter_text = self.filters.describe();
        if self.shown == 0 {
            return if filter_text.is_empty() {
                "The dossier holds no events.".to_owned()
            } else {
                format!(
                    "No events {filter_text}. Try a wider date range, another actor, or no filters."
                )
            };
        }
        let count = match (self.matched, self.matched_at_least) {
            (matched, true) => format!("More than {} events", format_count(matched)),
            (1, false) => "1 event".to_owned(),
            (matched, false) => format!("{} events", format_count(matched)),
        };
        let mut description = if filter_text.is_empty() {
            format!("{count}, earliest first.")
        } else {
            format!("{count} {filter_text}, earliest first.")
        };
        if self.matched_at_least || self.matched > self.shown {
            description.push_str(&format!(" Showing the first {}.", format_count(self.shown)));
        }
        description
    }
}

/// How one timeline answer is cut into pages. Every page has the same heading and the same
/// number of events, so any page can be drawn on its own from just the events it shows, when
/// its button is pressed.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineLayout {
    pages: FixedPages,
}

/// Most characters one event's field can take once trimmed: its name (date and headline, cut
/// to the field-name limit) and its value (the summary cut to [`SUMMARY_ON_PAGE`], then the id,
/// at most 64 characters, in backticks).
const EVENT_FIELD_MAX: usize = limits::FIELD_NAME + SUMMARY_ON_PAGE + 4 + 64;

/// Longest summary a timeline page shows for one event.
const SUMMARY_ON_PAGE: usize = 280;

impl TimelineLayout {
    /// The layout of a timeline with `heading`: [`MOST_EVENTS_PER_PAGE`] events a page, fewer when
    /// a long heading (a long filter, a long report title) leaves too little room for them.
    pub fn new(heading: &TimelineHeading, references: References<'_>) -> Self {
        let header = EmbedSpec {
            title: "Timeline".to_owned(),
            description: heading.describe(),
            footer: Some(references.cite_dossier()),
            colour: colour::EVENT,
            ..EmbedSpec::default()
        };
        let shown = usize::try_from(heading.shown).unwrap_or(usize::MAX);
        Self {
            pages: FixedPages::new(header, EVENT_FIELD_MAX, MOST_EVENTS_PER_PAGE, shown),
        }
    }

    /// Events on each page (the last may have fewer).
    pub fn events_per_page(&self) -> usize {
        self.pages.per_page()
    }

    /// Pages in all; at least one, which says when nothing matched.
    pub fn pages(&self) -> usize {
        self.pages.pages()
    }

    /// About what holding the layout takes in memory, beyond its own struct.
    pub fn held_bytes(&self) -> usize {
        self.pages.held_bytes()
    }

    /// Page `index` (zero-based) showing `events`, the ones at that page's place in the
    /// timeline, each with its date at its real precision.
    pub fn page(&self, index: usize, events: &[Event]) -> Page {
        let fields = events.iter().take(self.events_per_page()).map(|event| {
            let disputed = if event.date_disputed() {
                " (dates differ)"
            } else {
                ""
            };
            FieldSpec::new(
                limits::trim_owned(
                    format!(
                        "{}{disputed} — {}",
                        escape(&event.date.human()),
                        escape(&event.headline)
                    ),
                    limits::FIELD_NAME,
                ),
                format!(
                    "{}\n`{}`",
                    limits::trim(&escape(&event.summary), SUMMARY_ON_PAGE),
                    event.id
                ),
            )
        });
        self.pages.page(index, fields)
    }
}

/// Every page of a timeline of `events` (all of them shown), of `total` matches in all.
pub fn timeline(
    events: &[Event],
    total: u64,
    filters: &TimelineFilters,
    references: References<'_>,
) -> Vec<Page> {
    let heading = TimelineHeading {
        filters: filters.clone(),
        matched: total,
        matched_at_least: false,
        shown: events.len() as u64,
    };
    let layout = TimelineLayout::new(&heading, references);
    if events.is_empty() {
        return vec![layout.page(0, &[])];
    }
    events
        .chunks(layout.events_per_page())
        .enumerate()
        .map(|(index, events)| layout.page(index, events))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn description(matched: u64, matched_at_least: bool, shown: u64) -> String {
        let heading = TimelineHeading {
            filters: TimelineFilters::default(),
            matched,
            matched_at_least,
            shown,
        };
        let layout = TimelineLayout::new(&heading, References::new(&[], &[]));
        layout.page(0, &[]).embeds[0].description.clone()
    }

    #[test]
    fn the_heading_says_how_many_matched_and_how_many_the_pages_show() {
        assert_eq!(
            description(10_000, true, 1000),
            "More than 10,000 events, earliest first. Showing the first 1,000."
        );
        assert_eq!(
            description(1204, false, 1000),
            "1,204 events, earliest first. Showing the first 1,000."
        );
        assert_eq!(description(12, false, 12), "12 events, earliest first.");
        assert_eq!(description(1, false, 1), "1 event, earliest first.");
        assert_eq!(description(0, false, 0), "The dossier holds no events.");
    }

    #[test]
    fn pages_are_counted_from_the_events_shown() {
        let layout = |shown| {
            let heading = TimelineHeading {
                matched: 5000,
                shown,
                ..TimelineHeading::default()
            };
            TimelineLayout::new(&heading, References::new(&[], &[]))
        };
        assert_eq!(layout(1000).events_per_page(), MOST_EVENTS_PER_PAGE);
        assert_eq!(layout(1000).pages(), 125);
        assert_eq!(layout(9).pages(), 2);
        assert_eq!(layout(0).pages(), 1, "one page says nothing matched");
    }
}
