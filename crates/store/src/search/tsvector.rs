//! Search on PostgreSQL: a `tsvector` column with a GIN index finds the matches, BM25 with
//! SQLite's weights ranks them, `ts_headline` highlights them. The store writes the vectors
//! and queries itself from core's folded words (never PostgreSQL's parser), so words split
//! and match as on SQLite, and the same records come first.

use std::fmt::Write as _;
use std::ops::Range;

use dossier_core::search::SearchDocument;

use crate::backend::Statement;
use crate::import::to_sql_integer;
use crate::search::{
    kind_name, Combine, FoldedDocument, WordGroup, HIGHLIGHT_END, HIGHLIGHT_START, SNIPPET_WORDS,
};

/// PostgreSQL refuses longer lexemes; such a word is not indexed, and so cannot be found.
pub(super) const MAX_LEXEME_BYTES: usize = 2_046;

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
    "INSERT INTO search_index (kind, record_id, title, body, document, length) VALUES";

/// The row of `document`: its title and body as shown, its weighted folded words, and its
/// length as SQLite's FTS5 counts it (title, body, then all of them folded in `keys`).
pub(super) fn document_row<'a>(
    document: &'a SearchDocument<'a>,
    folded: &FoldedDocument,
) -> Statement<'a> {
    let length = 2 * (folded.title.len() + folded.body.len()) + folded.extra.len();
    Statement::new("($1, $2, $3, $4, CAST($5 AS tsvector), $6)")
        .text(kind_name(document.kind))
        .text(document.id)
        .text(document.title.as_str())
        .text(document.body)
        .text(vector(folded))
        .integer(to_sql_integer(length))
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

/// A `tsquery` input for documents holding a word of every group (each word at most
/// [`MAX_LEXEME_BYTES`] long, as indexed).
pub(super) fn all_groups_expression(groups: &[WordGroup]) -> String {
    groups
        .iter()
        .map(|group| {
            let words: Vec<String> = group.words.iter().map(|word| quoted(word)).collect();
            if group.prefix {
                format!("{}:*", words.join(" | "))
            } else {
                format!("({})", words.join(" | "))
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// `ts_headline` options: the same markers and about the same length as SQLite's snippets.
fn headline_options() -> String {
    format!(
        "StartSel=\"{HIGHLIGHT_START}\", StopSel=\"{HIGHLIGHT_END}\", MaxWords={SNIPPET_WORDS}, \
         MinWords={}, MaxFragments=1, FragmentDelimiter=\" … \"",
        SNIPPET_WORDS / 2
    )
}

/// SQLite's FTS5 `bm25()` on the `tsvector` columns, best first, headlines made only for the
/// hits at the places asked for (zero-based, from `$5` up to `$6`). For each word of the query, a record scores
/// `idf × f × (k1 + 1) / (f + k1 × (1 − b + b × length / average length))`, with k1 = 1.2,
/// b = 0.75, `idf = ln((records − n + 0.5) / (n + 0.5))` (at least 10⁻⁶) for the `n` records
/// holding the word, and `f` its weighted count: 5 in the title, 2 in the body, 1 in the other
/// names — SQLite's weights of 4 for the title and 1 for the body, plus 1 for each in the
/// folded `keys`.
const SEARCH: &str = "\
WITH asked AS (SELECT CAST($1 AS tsquery) AS query), \
words AS ( \
    SELECT number, CAST(word AS tsquery) AS word_query \
    FROM unnest(CAST($2 AS TEXT[])) WITH ORDINALITY AS listed (word, number)), \
totals AS ( \
    SELECT COUNT(*) AS records, GREATEST(AVG(length), 1) AS average_length FROM search_index), \
rarity AS ( \
    SELECT words.number, GREATEST(LN( \
        (totals.records - COUNT(holding.record_id) + 0.5) / (COUNT(holding.record_id) + 0.5)), \
        0.000001) AS idf \
    FROM words CROSS JOIN totals \
    LEFT JOIN search_index AS holding ON holding.document @@ words.word_query \
    GROUP BY words.number, totals.records), \
matched AS ( \
    SELECT kind, record_id, title, body, document, length \
    FROM search_index, asked WHERE document @@ asked.query), \
frequency AS ( \
    SELECT matched.kind, matched.record_id, words.number, \
        SUM(CASE weight WHEN 'A' THEN 5 WHEN 'B' THEN 2 ELSE 1 END) AS hits \
    FROM matched \
    CROSS JOIN LATERAL unnest(matched.document) AS lexemes \
    CROSS JOIN LATERAL unnest(lexemes.weights) AS weight \
    JOIN words ON array_to_tsvector(ARRAY[lexemes.lexeme]) @@ words.word_query \
    GROUP BY matched.kind, matched.record_id, words.number), \
best AS ( \
    SELECT matched.kind, matched.record_id, matched.title, matched.body, \
        CAST(SUM(rarity.idf * frequency.hits * 2.2 / (frequency.hits \
            + 1.2 * (0.25 + 0.75 * matched.length / totals.average_length))) \
            AS DOUBLE PRECISION) AS score \
    FROM matched \
    JOIN frequency USING (kind, record_id) \
    JOIN rarity USING (number) \
    CROSS JOIN totals \
    GROUP BY matched.kind, matched.record_id, matched.title, matched.body \
    ORDER BY score DESC, matched.kind, matched.record_id \
    LIMIT $3), \
numbered AS ( \
    SELECT best.*, row_number() OVER (ORDER BY score DESC, kind, record_id) - 1 AS place \
    FROM best) \
SELECT kind, record_id, title, \
    CASE WHEN place >= $5 AND place < $6 \
        THEN ts_headline('simple', body, (SELECT query FROM asked), $4) ELSE '' END, \
    score \
FROM numbered ORDER BY place";

/// Hits for an expression of [`match_expression`], best first, scored as [`SEARCH`] says, with
/// headlines for the hits at the places `shown`.
pub(super) fn search<'a>(expression: &'a str, limit: usize, shown: &Range<usize>) -> Statement<'a> {
    // The expression's words, each as a query of its own (quoted words hold no spaces).
    let words: Vec<&str> = expression
        .split(" & ")
        .flat_map(|part| part.split(" | "))
        .collect();
    Statement::new(SEARCH)
        .text(expression)
        .text_list(&words)
        .integer(to_sql_integer(limit))
        .text(headline_options())
        .integer(to_sql_integer(shown.start))
        .integer(to_sql_integer(shown.end))
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
