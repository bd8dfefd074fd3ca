//! Full-text search over events, estimates, terms, claims and actors: the indexed documents,
//! a safe query from any user text, ranking and highlighted snippets. Words are folded by core
//! ([`dossier_core::text::fold`]) on the way in and out, so both engines split and match words the same way; each
//! engine's index and query syntax lives in its own file (`fts5.rs`, `tsvector.rs`).

mod fts5;
mod tsvector;

use std::ops::Range;

use dossier_core::search::{Hit, HitKind, SearchDocument};
use dossier_core::text::folded_words;
use dossier_core::Dossier;

use crate::backend::{Batch, DatabaseKind, Transaction};
use crate::connection::Store;
use crate::error::StoreError;

/// Marks the start of a matched word in [`Hit::snippet`] (Discord bold).
pub const HIGHLIGHT_START: &str = "**";
/// Marks the end of a matched word in [`Hit::snippet`].
pub const HIGHLIGHT_END: &str = "**";
/// Most hits one search returns.
pub const MAX_SEARCH_HITS: usize = 50;
/// Words of a query beyond this many are ignored.
const MAX_QUERY_WORDS: usize = 12;
/// Words of context in a snippet.
const SNIPPET_WORDS: i64 = 24;

fn kind_name(kind: HitKind) -> &'static str {
    kind.label()
}

fn kind_from_name(name: &str) -> Option<HitKind> {
    [
        HitKind::Event,
        HitKind::Estimate,
        HitKind::Term,
        HitKind::Claim,
        HitKind::Actor,
    ]
    .into_iter()
    .find(|kind| kind.label() == name)
}

/// A document's searchable words, folded: the title's, the body's and the other names'.
struct FoldedDocument {
    title: Vec<String>,
    body: Vec<String>,
    extra: Vec<String>,
}

impl FoldedDocument {
    fn of(document: &SearchDocument<'_>) -> FoldedDocument {
        FoldedDocument {
            title: folded_words(&document.title),
            body: folded_words(document.body),
            extra: document
                .extra
                .iter()
                .flat_map(|text| folded_words(text))
                .collect(),
        }
    }
}

/// Fills the search index for `dossier` (inside the import transaction).
pub(crate) async fn write_search_documents(
    transaction: &mut Transaction,
    dossier: &Dossier,
) -> Result<(), StoreError> {
    let kind = transaction.kind();
    let documents = dossier.search_documents();
    // Folded and made one at a time while earlier ones are written.
    let rows = documents.iter().map(move |document| {
        let folded = FoldedDocument::of(document);
        Ok(match kind {
            DatabaseKind::Sqlite => fts5::document_row(document, &folded),
            DatabaseKind::Postgres => tsvector::document_row(document, &folded),
        })
    });
    Batch::new(match kind {
        DatabaseKind::Sqlite => fts5::INSERT_DOCUMENTS,
        DatabaseKind::Postgres => tsvector::INSERT_DOCUMENTS,
    })
    .execute_rows(transaction, Box::new(rows))
    .await?;
    // The timeline's text filter reads the events' folded text and its vocabulary.
    crate::timeline::write_event_texts(transaction, dossier).await
}

/// One word of a timeline's text filter as the search index sees it: a document holding any of
/// `words` (with `prefix`, any word starting with the only one) may contain the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordGroup {
    pub(crate) words: Vec<String>,
    pub(crate) prefix: bool,
}

/// The longest word the PostgreSQL index holds; longer words are left out of it.
pub(crate) const MAX_INDEXED_WORD_BYTES: usize = tsvector::MAX_LEXEME_BYTES;

/// On PostgreSQL, the condition "`id_column` is an event whose search document holds a word of
/// each group" with its `tsquery` bound at `$parameter`, and that `tsquery`. Words must be at
/// most [`MAX_INDEXED_WORD_BYTES`] long, as indexed.
pub(crate) fn postgres_events_holding(
    id_column: &str,
    groups: &[WordGroup],
    parameter: usize,
) -> (String, String) {
    (
        format!(
            "{id_column} IN (SELECT record_id FROM search_index \
             WHERE document @@ CAST(${parameter} AS tsquery) AND kind = 'event')"
        ),
        tsvector::all_groups_expression(groups),
    )
}

/// On SQLite, the match expression of `event_text_words` (migration 0010) for the events whose
/// folded text holds a word of each group.
pub(crate) fn sqlite_event_words_expression(groups: &[WordGroup]) -> String {
    fts5::all_groups_expression(groups)
}

/// On SQLite, the match expression of `event_text_words` for the events whose folded text holds
/// one of `first` followed by the words of `rest`, the last of them as a word's start (one of
/// `last`, when they are known).
pub(crate) fn sqlite_event_phrases_expression(
    first: &[String],
    rest: &[&str],
    last: Option<&[String]>,
) -> String {
    fts5::phrases_expression(first, rest, last)
}

/// How the words of a query combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combine {
    AllWords,
    AnyWord,
}

/// The words searched for in `user_text`: folded, so only letters and digits remain, and at
/// most [`MAX_QUERY_WORDS`] of them.
fn query_words(user_text: &str) -> Vec<String> {
    folded_words(user_text)
        .into_iter()
        .take(MAX_QUERY_WORDS)
        .collect()
}

/// The engine's match expression for `words`, the last of which may be the start of a longer
/// word; `None` when it can match nothing.
fn match_expression(kind: DatabaseKind, words: &[String], combine: Combine) -> Option<String> {
    match kind {
        DatabaseKind::Sqlite => fts5::match_expression(words, combine),
        DatabaseKind::Postgres => tsvector::match_expression(words, combine),
    }
}

/// One hit as both engines return it: kind, id, title, snippet, score (higher is better).
type HitRow = (String, String, String, String, f64);

/// The hits of one search, best first, as both engines return them: every hit's row, with a
/// snippet only for the hits at the asked places (the others' are empty).
type RankedRows = Vec<HitRow>;

/// The places of the hits to make snippets for: the ranked hits whose scores lie between the
/// scores at the first and last place of `shown` (inclusive). Ties are broken by kind and id
/// after reading them, so any hit scoring like one in `shown` may end up there.
fn may_be_shown(scores: &[f64], shown: &Range<usize>) -> Range<usize> {
    let end = shown.end.min(scores.len());
    if shown.start >= end {
        return 0..0;
    }
    let (highest, lowest) = (scores[shown.start], scores[end - 1]);
    let first = scores.partition_point(|score| *score > highest);
    let past = scores.partition_point(|score| *score >= lowest);
    first..past
}

/// The hits of the first of `expressions` that matches anything (all words, then any word),
/// read in one snapshot on SQLite: the rows ranked are the rows read back.
async fn run_search(
    store: &Store,
    expressions: &[String],
    limit: usize,
    shown: &Range<usize>,
) -> Result<RankedRows, StoreError> {
    match store.database_kind() {
        DatabaseKind::Sqlite => {
            let mut transaction = store.backend.read().await?;
            let mut rows = Vec::new();
            for expression in expressions {
                rows = fts5::search(&mut transaction, expression, limit, shown).await?;
                if !rows.is_empty() {
                    break;
                }
            }
            transaction.commit().await?;
            Ok(rows)
        }
        DatabaseKind::Postgres => {
            for expression in expressions {
                let rows: RankedRows = store
                    .backend
                    .executor()
                    .fetch_all(tsvector::search(expression, limit, shown))
                    .await?;
                if !rows.is_empty() {
                    return Ok(rows);
                }
            }
            Ok(Vec::new())
        }
    }
}

/// One page of a search's answer: how many hits it has in all, and the hits at the places
/// asked for, with their snippets.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// Hits the search found (at most its limit).
    pub matched: usize,
    /// The hits at the asked places, best first.
    pub hits: Vec<Hit>,
}

impl Store {
    /// Records of every kind matching `query`, best first (title words weigh more: BM25 on
    /// SQLite, `ts_rank` on PostgreSQL).
    ///
    /// Every word must appear (the last may be the start of a word); when that finds nothing,
    /// records with any of the words are returned instead. Words are compared folded, so "UN"
    /// finds "U.N.". Snippets come from the record's main text with matched words between
    /// [`HIGHLIGHT_START`] and [`HIGHLIGHT_END`]; `score` is higher for better hits. Any text is
    /// accepted: quotes, operators, brackets and emoji are never interpreted. At most
    /// `limit` (capped at [`MAX_SEARCH_HITS`]) hits.
    pub async fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        Ok(self.search_page(query, limit, 0..limit).await?.hits)
    }

    /// The hits of [`Store::search`] at the places `shown` (zero-based, best first), and how
    /// many hits there are in all. Only the hits shown have their snippets made, which is most
    /// of a search's work: a paged answer asks for one page at a time.
    pub async fn search_page(
        &self,
        query: &str,
        limit: usize,
        shown: Range<usize>,
    ) -> Result<SearchPage, StoreError> {
        let limit = limit.min(MAX_SEARCH_HITS);
        let words = query_words(query);
        if limit == 0 || words.is_empty() {
            return Ok(SearchPage {
                matched: 0,
                hits: Vec::new(),
            });
        }
        let kind = self.database_kind();
        let all_words = match_expression(kind, &words, Combine::AllWords);
        let any_word = match_expression(kind, &words, Combine::AnyWord)
            .filter(|any_word| Some(any_word) != all_words.as_ref());
        let expressions: Vec<String> = all_words.into_iter().chain(any_word).collect();
        let rows = run_search(self, &expressions, limit, &shown).await?;
        let matched = rows.len();
        let hits = rows
            .into_iter()
            .take(shown.end)
            .skip(shown.start)
            .filter_map(|(kind, id, title, snippet, score)| {
                Some(Hit {
                    kind: kind_from_name(&kind)?,
                    id,
                    title,
                    snippet,
                    score,
                })
            })
            .collect();
        Ok(SearchPage { matched, hits })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_are_folded_and_few() {
        assert_eq!(
            query_words("Kursk NEAR \"troops\" -AND ( U.N."),
            vec!["kursk", "near", "troops", "and", "un"]
        );
        assert!(query_words("🙂 *** ((").is_empty());
        assert_eq!(query_words(&"word ".repeat(2_000)).len(), MAX_QUERY_WORDS);
    }

    #[test]
    fn snippets_are_made_for_the_shown_places_and_whatever_ties_with_them() {
        let scores = [9.0, 8.0, 7.0, 7.0, 7.0, 5.0, 4.0, 4.0];
        assert_eq!(may_be_shown(&scores, &(0..2)), 0..2);
        assert_eq!(
            may_be_shown(&scores, &(1..3)),
            1..5,
            "7.0 ties across the end"
        );
        assert_eq!(may_be_shown(&scores, &(3..6)), 2..6, "and across the start");
        assert_eq!(may_be_shown(&scores, &(6..40)), 6..8, "cut at the last hit");
        assert_eq!(may_be_shown(&scores, &(8..16)), 0..0, "past the last hit");
        assert_eq!(may_be_shown(&scores, &(2..2)), 0..0, "nothing asked");
    }

    #[test]
    fn every_kind_name_reads_back() {
        for kind in [
            HitKind::Event,
            HitKind::Estimate,
            HitKind::Term,
            HitKind::Claim,
            HitKind::Actor,
        ] {
            assert_eq!(kind_from_name(kind_name(kind)), Some(kind));
        }
    }
}
