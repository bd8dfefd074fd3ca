//! Search on PostgreSQL: a `tsvector` column with a GIN index, ranked by `ts_rank`, with
//! `ts_headline` highlights. The store writes the vectors and queries itself from core's
//! folded words (never PostgreSQL's parser), so words split and match as on SQLite.

use std::fmt::Write as _;

use dossier_core::search::SearchDocument;

use crate::backend::Statement;
use crate::import::to_sql_integer;
use crate::search::{
    kind_name, Combine, FoldedDocument, HIGHLIGHT_END, HIGHLIGHT_START, SNIPPET_WORDS,
};

/// PostgreSQL refuses longer lexemes; such a word is not indexed, and so cannot be found.
const MAX_LEXEME_BYTES: usize = 2_046;

/// `word` as a quoted lexeme of `tsvector` or `tsquery` input.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\\', "\\\\").replace('\'', "''"))
}

/// The `tsvector` input of a document: title words weigh A, body words B, other names C, at
/// their positions.
fn vector(folded: &FoldedDocument) -> String {
    let mut vector = String::new();
    let weighted = [
        (&folded.title, 'A'),
        (&folded.body, 'B'),
        (&folded.extra, 'C'),
    ];
    let words = weighted
        .into_iter()
        .flat_map(|(words, weight)| words.iter().map(move |word| (word, weight)))
        .filter(|(word, _)| word.len() <= MAX_LEXEME_BYTES);
    // Positions past PostgreSQL's 16,383 are stored as 16,383.
    for (position, (word, weight)) in (1..).zip(words) {
        if !vector.is_empty() {
            vector.push(' ');
        }
        let _ = write!(vector, "{}:{position}{weight}", quoted(word));
    }
    vector
}

/// The start of a [`crate::backend::Batch`] of [`document_row`]s.
pub(super) const INSERT_DOCUMENTS: &str =
    "INSERT INTO search_index (kind, record_id, title, body, document) VALUES";

/// The row of `document`: its title and body as shown, and its weighted folded words.
pub(super) fn document_row<'a>(
    document: &'a SearchDocument<'a>,
    folded: &FoldedDocument,
) -> Statement<'a> {
    Statement::new("($1, $2, $3, $4, CAST($5 AS tsvector))")
        .text(kind_name(document.kind))
        .text(document.id)
        .text(document.title.as_str())
        .text(document.body)
        .text(vector(folded))
}

/// A `tsquery` input that cannot fail to parse: each (folded) word becomes a quoted lexeme,
/// and the last one may be the start of a longer word. A word too long to be indexed matches
/// nothing: all words can then not match, and any word goes on without it.
pub(super) fn match_expression(words: &[String], combine: Combine) -> Option<String> {
    let last = words.len().checked_sub(1)?;
    let mut lexemes = Vec::new();
    for (index, word) in words.iter().enumerate() {
        if word.len() > MAX_LEXEME_BYTES {
            match combine {
                Combine::AllWords => return None,
                Combine::AnyWord => continue,
            }
        }
        let prefix = if index == last { ":*" } else { "" };
        lexemes.push(format!("{}{prefix}", quoted(word)));
    }
    if lexemes.is_empty() {
        return None;
    }
    let separator = match combine {
        Combine::AllWords => " & ",
        Combine::AnyWord => " | ",
    };
    Some(lexemes.join(separator))
}

/// `ts_headline` options: the same markers and about the same length as SQLite's snippets.
fn headline_options() -> String {
    format!(
        "StartSel=\"{HIGHLIGHT_START}\", StopSel=\"{HIGHLIGHT_END}\", MaxWords={SNIPPET_WORDS}, \
         MinWords={}, MaxFragments=1, FragmentDelimiter=\" … \"",
        SNIPPET_WORDS / 2
    )
}

/// Hits for an expression of [`match_expression`], best first. `ts_rank` weighs a title word
/// 1.0, a body word 0.4 and another name 0.2 — the 5 : 2 : 1 of SQLite, where a title word
/// counts in the title (4) and the keys (1), a body word in the body and the keys — divided
/// by the logarithm of the document's length, as BM25 favours short documents. Headlines are
/// made only for the hits returned.
pub(super) fn search(expression: &str, limit: usize) -> Statement<'_> {
    Statement::new(
        "SELECT kind, record_id, title, ts_headline('simple', body, query, $2), score FROM ( \
             SELECT kind, record_id, title, body, query, CAST(ts_rank( \
                 CAST('{0.1, 0.2, 0.4, 1.0}' AS REAL[]), document, query, 1) \
                 AS DOUBLE PRECISION) AS score \
             FROM search_index, (SELECT CAST($1 AS tsquery) AS query) AS asked \
             WHERE document @@ query \
             ORDER BY score DESC, kind, record_id LIMIT $3 \
         ) AS best ORDER BY score DESC, kind, record_id",
    )
    .text(expression)
    .text(headline_options())
    .integer(to_sql_integer(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn every_word_is_a_quoted_lexeme_and_the_last_a_prefix() {
        assert_eq!(
            match_expression(&words("kursk near troops"), Combine::AllWords).as_deref(),
            Some("'kursk' & 'near' & 'troops':*")
        );
        assert_eq!(
            match_expression(&words("un charter"), Combine::AnyWord).as_deref(),
            Some("'un' | 'charter':*")
        );
        assert_eq!(
            match_expression(&["it's\\".to_owned()], Combine::AllWords).as_deref(),
            Some("'it''s\\\\':*")
        );
        assert_eq!(match_expression(&[], Combine::AnyWord), None);
    }

    #[test]
    fn a_word_too_long_to_index_matches_nothing() {
        let long = "a".repeat(MAX_LEXEME_BYTES + 1);
        let query = vec!["kursk".to_owned(), long];
        assert_eq!(match_expression(&query, Combine::AllWords), None);
        assert_eq!(
            match_expression(&query, Combine::AnyWord).as_deref(),
            Some("'kursk'")
        );
    }

    #[test]
    fn vectors_weigh_title_body_and_names() {
        let folded = FoldedDocument {
            title: words("kursk region"),
            body: words("the kursk"),
            extra: vec!["a".repeat(MAX_LEXEME_BYTES + 1), "kcna".to_owned()],
        };
        assert_eq!(
            vector(&folded),
            "'kursk':1A 'region':2A 'the':3B 'kursk':4B 'kcna':5C"
        );
    }
}
