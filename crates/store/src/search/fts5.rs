//! Search on SQLite: an FTS5 table ranked by BM25, with `snippet()` highlights.

use dossier_core::search::SearchDocument;

use crate::backend::Statement;
use crate::import::to_sql_integer;
use crate::search::{
    kind_name, Combine, FoldedDocument, HIGHLIGHT_END, HIGHLIGHT_START, SNIPPET_WORDS,
};

/// The start of a [`crate::backend::Batch`] of [`document_row`]s.
pub(super) const INSERT_DOCUMENTS: &str =
    "INSERT INTO search_index (kind, record_id, title, body, keys) VALUES";

/// The row of `document`: its title and body as shown, and its folded words as `keys`, so
/// that "UN" finds "U.N." and "Pyongyangs" finds "Pyongyang’s".
pub(super) fn document_row<'a>(
    document: &'a SearchDocument<'a>,
    folded: &FoldedDocument,
) -> Statement<'a> {
    let keys = [&folded.title, &folded.body, &folded.extra]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    Statement::new("($1, $2, $3, $4, $5)")
        .text(kind_name(document.kind))
        .text(document.id)
        .text(document.title.as_str())
        .text(document.body)
        .text(keys)
}

/// An FTS5 query that cannot fail to parse: each (folded) word becomes a quoted string, and
/// the last one may be the start of a longer word.
pub(super) fn match_expression(words: &[String], combine: Combine) -> Option<String> {
    let quoted: Vec<String> = words
        .iter()
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect();
    let (last, rest) = quoted.split_last()?;
    let separator = match combine {
        Combine::AllWords => " ",
        Combine::AnyWord => " OR ",
    };
    let mut query = rest.join(separator);
    if !query.is_empty() {
        query.push_str(separator);
    }
    query.push_str(last);
    query.push('*');
    Some(query)
}

/// Hits for an expression of [`match_expression`], best first. BM25 weighs the title 4, the
/// body and the folded keys 1 each; its scores are negative, lower is better. The inner query
/// ranks and keeps `limit` rows; only those get a snippet, which is the costly part when a
/// common word matches thousands of documents.
pub(super) fn search(expression: &str, limit: usize) -> Statement<'_> {
    Statement::new(
        "SELECT kind, record_id, title, snippet(search_index, 3, $1, $2, '…', $3), \
         -bm25(search_index, 0.0, 0.0, 4.0, 1.0, 1.0) AS score \
         FROM search_index WHERE search_index MATCH $4 AND rowid IN ( \
             SELECT rowid FROM search_index WHERE search_index MATCH $4 \
             ORDER BY -bm25(search_index, 0.0, 0.0, 4.0, 1.0, 1.0) DESC, kind, record_id \
             LIMIT $5) \
         ORDER BY score DESC, kind, record_id",
    )
    .text(HIGHLIGHT_START)
    .text(HIGHLIGHT_END)
    .integer(SNIPPET_WORDS)
    .text(expression)
    .integer(to_sql_integer(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn every_word_is_a_quoted_string_and_the_last_a_prefix() {
        assert_eq!(
            match_expression(&words("kursk near troops and"), Combine::AllWords).as_deref(),
            Some("\"kursk\" \"near\" \"troops\" \"and\"*")
        );
        assert_eq!(
            match_expression(&words("un charter"), Combine::AnyWord).as_deref(),
            Some("\"un\" OR \"charter\"*")
        );
        assert_eq!(
            match_expression(&["a\"b".to_owned()], Combine::AllWords).as_deref(),
            Some("\"a\"\"b\"*")
        );
        assert_eq!(match_expression(&[], Combine::AllWords), None);
    }
}
