//! `/search`: ranked hits across events, terms, estimates, claims and actors.

use crate::render::escape::{escape, neutralise};
use crate::render::paging::paginate_fields;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// Hits per page.
const HITS_PER_PAGE: usize = 8;

/// One hit, as the search command hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResult {
    /// What kind of record: "Event", "Term", …
    pub kind: String,
    /// Its headline or name.
    pub title: String,
    /// The matching passage.
    pub snippet: String,
    /// The command that shows it in full, e.g. "/event id:kcna-first-confirmation".
    pub open_with: Option<String>,
}

/// The hits for `query`, best first, paged; a hint when there are none.
pub fn search(query: &str, hits: &[SearchResult], references: References<'_>) -> Vec<Page> {
    let asked = escape(&limits::trim(query, 200));
    let description = match hits.len() {
        0 => format!(
            "Nothing in the dossier matches “{asked}”. Try fewer or different words, \
             or browse with `/timeline` and `/glossary`."
        ),
        1 => format!("1 match for “{asked}”."),
        count => format!("{count} matches for “{asked}”, best first."),
    };
    let header = EmbedSpec {
        title: "Search".to_owned(),
        description,
        footer: Some(references.cite_dossier()),
        colour: colour::SEARCH,
        ..EmbedSpec::default()
    };
    let items = hits
        .iter()
        .map(|hit| {
            let mut value = limits::trim(&escape(&hit.snippet), 600);
            if let Some(command) = &hit.open_with {
                value.push_str(&format!("\n`{}`", neutralise(command).replace('`', "'")));
            }
            FieldSpec::new(
                format!("{} · {}", escape(&hit.kind), escape(&hit.title)),
                value,
            )
        })
        .collect();
    paginate_fields(&header, items, HITS_PER_PAGE)
}
