//! One builder per kind of answer: each takes core records and returns pages.

mod choices;
mod claims;
mod estimates;
mod events;
mod glossary;
mod info;
mod search;
mod server_glossary;
mod stats;
mod term_history;

pub use choices::{choices, ChoiceSpec};
pub use claims::claims;
pub use estimates::{estimate_overview, estimates_for_measure};
pub use events::{
    event, timeline, TimelineFilters, TimelineHeading, TimelineLayout, MOST_EVENTS_PER_PAGE,
};
pub use glossary::{definition, definition_with_server_entry, glossary};
pub use info::{about, help, ping, sources, CommandHelp, DossierCounts};
pub use search::{search, SearchLayout, SearchResult, MOST_HITS_PER_PAGE};
pub use server_glossary::{
    moderator_role_set, server_choice_label, server_definition, server_entry, server_glossary,
    term_changed, TermChange, SERVER_GLOSSARY,
};
pub use stats::{usage_stats, STATS_ROWS};
pub use term_history::term_history;

use dossier_core::Citation;

use crate::render::escape::escape;

/// The report's verbatim excerpts among `citations`, as quoted lines with their section.
fn excerpt_lines(citations: &[Citation], max: usize) -> Vec<String> {
    citations
        .iter()
        .filter_map(|citation| {
            citation
                .excerpt
                .as_deref()
                .map(|excerpt| format!("“{}” — § {}", escape(excerpt), escape(&citation.section)))
        })
        .take(max)
        .collect()
}

/// `items` joined as "a, b and c".
fn join_names(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
