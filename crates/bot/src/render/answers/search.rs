//! `/search`: ranked hits across events, terms, estimates, claims and actors.

use crate::render::escape::{escape, neutralise};
use crate::render::paging::FixedPages;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// Hits a search page shows, when the heading leaves room for them.
pub const MOST_HITS_PER_PAGE: usize = 8;

/// Longest snippet a page shows for one hit, once escaped and highlighted.
const SNIPPET_ON_PAGE: usize = 320;

/// Longest line naming the command that opens a hit (a newline and the command in backticks).
const OPEN_WITH_ON_PAGE: usize = 100;

/// Most characters one hit's field can take: its name (kind and title, cut to the field-name
/// limit), its snippet and the command that opens it.
const HIT_FIELD_MAX: usize = limits::FIELD_NAME + SNIPPET_ON_PAGE + OPEN_WITH_ON_PAGE;

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

/// How one search answer is cut into pages. Every page has the same heading and the same
/// number of hits, so any page can be drawn on its own from just the hits it shows, when its
/// button is pressed.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchLayout {
    pages: FixedPages,
}

impl SearchLayout {
    /// The layout of the answer to `query`, which found `matched` hits: [`MOST_HITS_PER_PAGE`]
    /// a page, fewer when a long heading leaves too little room for them.
    pub fn new(query: &str, matched: usize, references: References<'_>) -> Self {
        let asked = escape(&limits::trim(query, 200));
        let description = match matched {
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
        Self {
            pages: FixedPages::new(header, HIT_FIELD_MAX, MOST_HITS_PER_PAGE, matched),
        }
    }

    /// Hits on each page (the last may have fewer).
    pub fn hits_per_page(&self) -> usize {
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

    /// Page `index` (zero-based) showing `hits`, the ones at that page's place in the answer.
    pub fn page(&self, index: usize, hits: &[SearchResult]) -> Page {
        self.pages.page(index, hits.iter().map(hit_field))
    }
}

/// One hit's field: kind and title, then the snippet and the command that opens it, each cut
/// to its share of [`HIT_FIELD_MAX`].
fn hit_field(hit: &SearchResult) -> FieldSpec {
    let mut value = match hit.highlight {
        Some((start, end)) => highlighted(&hit.snippet, start, end, SNIPPET_ON_PAGE),
        None => limits::trim(&escape(&hit.snippet), SNIPPET_ON_PAGE),
    };
    if let Some(command) = &hit.open_with {
        let command = neutralise(command).replace('`', "'");
        value.push_str(&format!(
            "\n`{}`",
            limits::trim(&command, OPEN_WITH_ON_PAGE - 3)
        ));
    }
    FieldSpec::new(
        limits::trim_owned(
            format!("{} · {}", escape(&hit.kind), escape(&hit.title)),
            limits::FIELD_NAME,
        ),
        value,
    )
}

/// Every page of the answer to `query` that found `hits` (all of them shown), best first; a
/// hint when there are none.
pub fn search(query: &str, hits: &[SearchResult], references: References<'_>) -> Vec<Page> {
    let layout = SearchLayout::new(query, hits.len(), references);
    if hits.is_empty() {
        return vec![layout.page(0, &[])];
    }
    hits.chunks(layout.hits_per_page())
        .enumerate()
        .map(|(index, hits)| layout.page(index, hits))
        .collect()
}

/// `snippet` escaped, with the words between `start` and `end` markers in bold, in at most
/// `most` characters: past that, it stops at a word's end (or before a bold word) with "…".
/// An unclosed marker is shown as plain text.
fn highlighted(snippet: &str, start: &str, end: &str, most: usize) -> String {
    let mut shown = Fitted::new(snippet.len() + 16, most);
    let mut rest = snippet;
    while let Some(at) = rest.find(start) {
        let inside = &rest[at + start.len()..];
        match inside.find(end) {
            Some(close) if close > 0 => {
                shown.plain(&rest[..at]);
                shown.bold(&inside[..close]);
                rest = &inside[close + end.len()..];
            }
            _ => break,
        }
    }
    shown.plain(rest);
    shown.text
}

/// Text built piece by piece within a length, cut with "…" where the next piece does not fit.
struct Fitted {
    text: String,
    room: usize,
    full: bool,
}

impl Fitted {
    fn new(capacity: usize, most: usize) -> Self {
        Self {
            text: String::with_capacity(capacity.min(most * 4)),
            room: most,
            full: false,
        }
    }

    /// `raw`, escaped; cut short when it does not fit.
    fn plain(&mut self, raw: &str) {
        if self.full || raw.is_empty() {
            return;
        }
        let piece = escape(raw);
        let length = limits::length(&piece);
        if length <= self.room {
            self.text.push_str(&piece);
            self.room -= length;
        } else {
            self.text.push_str(&limits::trim(&piece, self.room));
            self.full = true;
        }
    }

    /// `raw`, escaped and in bold; left out (for "…") when it does not fit whole.
    fn bold(&mut self, raw: &str) {
        if self.full {
            return;
        }
        let piece = format!("**{}**", escape(raw));
        let length = limits::length(&piece);
        if length <= self.room {
            self.text.push_str(&piece);
            self.room -= length;
        } else {
            if limits::length(limits::ELLIPSIS) <= self.room {
                self.text.push_str(limits::ELLIPSIS);
            }
            self.full = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_bold_and_the_rest_escaped() {
        assert_eq!(
            highlighted("troops in <<Kursk>> *region*", "<<", ">>", 320),
            "troops in **Kursk** \\*region\\*"
        );
        assert_eq!(
            highlighted("**KCNA** said **", "**", "**", 320),
            "**KCNA** said \\*\\*"
        );
        assert_eq!(
            highlighted("@everyone", "**", "**", 320),
            escape("@everyone")
        );
    }

    #[test]
    fn a_long_snippet_stops_short_and_never_cuts_a_bold_word() {
        let snippet = "troops **Kursk** troops **Kursk** troops";
        for most in 0..60 {
            let shown = highlighted(snippet, "**", "**", most);
            assert!(limits::length(&shown) <= most, "{most}: {shown}");
            assert_eq!(shown.matches("**").count() % 2, 0, "{most}: {shown}");
        }
        assert_eq!(highlighted(snippet, "**", "**", 20), "troops **Kursk** tr…");
        assert_eq!(highlighted(snippet, "**", "**", 40), snippet);
    }
}
