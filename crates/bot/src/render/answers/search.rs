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
    /// The markers around matched words in `snippet` (start, end), shown in bold.
    pub highlight: Option<(&'static str, &'static str)>,
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
            let snippet = limits::trim(&hit.snippet, 500);
            let mut value = match hit.highlight {
                Some((start, end)) => highlighted(&snippet, start, end),
                None => escape(&snippet),
            };
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

/// `snippet` escaped, with the words between `start` and `end` markers in bold. An unclosed
/// marker is shown as plain text.
fn highlighted(snippet: &str, start: &str, end: &str) -> String {
    let mut shown = String::with_capacity(snippet.len() + 16);
    let mut rest = snippet;
    while let Some(at) = rest.find(start) {
        let inside = &rest[at + start.len()..];
        match inside.find(end) {
            Some(close) if close > 0 => {
                shown.push_str(&escape(&rest[..at]));
                shown.push_str("**");
                shown.push_str(&escape(&inside[..close]));
                shown.push_str("**");
                rest = &inside[close + end.len()..];
            }
            _ => break,
        }
    }
    shown.push_str(&escape(rest));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_bold_and_the_rest_escaped() {
        assert_eq!(
            highlighted("troops in <<Kursk>> *region*", "<<", ">>"),
            "troops in **Kursk** \\*region\\*"
        );
        assert_eq!(
            highlighted("**KCNA** said **", "**", "**"),
            "**KCNA** said \\*\\*"
        );
        assert_eq!(highlighted("@everyone", "**", "**"), escape("@everyone"));
    }
}
