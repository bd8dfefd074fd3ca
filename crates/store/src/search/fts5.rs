//! Search on SQLite: an FTS5 table ranked by BM25, with `snippet()` highlights.

use std::collections::HashMap;
use std::ops::Range;

use dossier_core::search::SearchDocument;

use crate::backend::{Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::search::{
    kind_name, may_be_shown, Combine, FoldedDocument, HitRow, WordGroup, HIGHLIGHT_END,
    HIGHLIGHT_START, SNIPPET_WORDS,
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
    let quoted: Vec<String> = words.iter().map(|word| quoted(word)).collect();
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

/// `text` as an FTS5 string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Most phrases spelt out one by one in a [`phrases_expression`]; past it, the last word is
/// matched as a word's start instead.
const MOST_PHRASES: usize = 256;

/// An FTS5 query for rows holding one of `first` followed by the words of `rest`, the last of
/// them as the start of a word: every phrase a text of several words can be. When `last` lists
/// every word the last one starts, and there are few enough phrases, each is spelt out: FTS5
/// reads a spelt-out phrase as far as it is asked to, but merges every word with a start before
/// reading the first. With no `rest`, rows holding one of `first`.
pub(super) fn phrases_expression(
    first: &[String],
    rest: &[&str],
    last: Option<&[String]>,
) -> String {
    let Some((last_start, middle)) = rest.split_last() else {
        return first
            .iter()
            .map(|word| quoted(word))
            .collect::<Vec<_>>()
            .join(" OR ");
    };
    let lead = |word: &str| {
        std::iter::once(word)
            .chain(middle.iter().copied())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let phrases: Vec<String> = match last {
        Some(last) if first.len().saturating_mul(last.len()) <= MOST_PHRASES => first
            .iter()
            .flat_map(|word| {
                let lead = lead(word);
                last.iter().map(move |end| quoted(&format!("{lead} {end}")))
            })
            .collect(),
        _ => first
            .iter()
            .map(|word| format!("{}*", quoted(&format!("{} {last_start}", lead(word)))))
            .collect(),
    };
    phrases.join(" OR ")
}

/// An FTS5 query for rows holding a word of every group, each word quoted (the words of
/// `event_text_words` are core's folded words, which hold no quote).
pub(super) fn all_groups_expression(groups: &[WordGroup]) -> String {
    let groups: Vec<String> = groups
        .iter()
        .map(|group| {
            let words: Vec<String> = group.words.iter().map(|word| quoted(word)).collect();
            if group.prefix {
                format!("{}*", words.join(" "))
            } else {
                format!("({})", words.join(" OR "))
            }
        })
        .collect();
    groups.join(" AND ")
}

/// BM25 with the title weighing 4, the body and the folded keys 1 each (and the unindexed
/// kind and id nothing), negated: higher is better.
const SCORE: &str = "-bm25(search_index, 0.0, 0.0, 4.0, 1.0, 1.0)";

/// Hits for an expression of [`match_expression`], best first (by score, then kind and id),
/// with snippets for the hits at the places `shown`.
///
/// Ranking is the costly part when a common word matches thousands of documents, so it reads
/// nothing but each match's score: the best `limit` rowids, and every rowid tied with the
/// last of them. Kinds, ids and titles are then read for those rowids only, in one statement,
/// and the ties broken here. That statement makes snippets (FTS5 runs the query again for each,
/// and reads and splits the whole text) only for the hits that may be at the places shown.
pub(super) async fn search(
    transaction: &mut Transaction,
    expression: &str,
    limit: usize,
    shown: &Range<usize>,
) -> Result<Vec<HitRow>, StoreError> {
    let ranked = best_rowids(transaction, expression, limit).await?;
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    let scores: Vec<f64> = ranked.iter().map(|(_, score)| *score).collect();
    let shown = may_be_shown(&scores, shown);
    let (with_snippets, without): (Vec<_>, Vec<_>) = ranked
        .iter()
        .enumerate()
        .partition(|(place, _)| shown.contains(place));
    let rowids =
        |rows: Vec<(usize, &(i64, f64))>| json_integers(rows.into_iter().map(|(_, row)| row.0));
    // A row is read by its rowid alone unless it needs a snippet: with a MATCH, FTS5 runs the
    // whole query again for each rowid listed.
    let described: Vec<(i64, String, String, String, Option<String>)> = transaction
        .executor()
        .fetch_all(
            Statement::new(
                "SELECT rowid, kind, record_id, title, NULL FROM search_index \
                 WHERE rowid IN (SELECT value FROM json_each($1)) \
                 UNION ALL \
                 SELECT rowid, kind, record_id, title, \
                     snippet(search_index, 3, $2, $3, '…', $4) \
                 FROM search_index \
                 WHERE search_index MATCH $5 AND rowid IN (SELECT value FROM json_each($6))",
            )
            .text(rowids(without))
            .text(HIGHLIGHT_START)
            .text(HIGHLIGHT_END)
            .integer(SNIPPET_WORDS)
            .text(expression)
            .text(rowids(with_snippets)),
        )
        .await?;
    let scores: HashMap<i64, f64> = ranked.into_iter().collect();
    let mut hits: Vec<HitRow> = described
        .into_iter()
        .filter_map(|(rowid, kind, id, title, snippet)| {
            Some((
                kind,
                id,
                title,
                snippet.unwrap_or_default(),
                *scores.get(&rowid)?,
            ))
        })
        .collect();
    hits.sort_by(|a, b| {
        b.4.total_cmp(&a.4)
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    hits.truncate(limit);
    Ok(hits)
}

/// `numbers` as a JSON array, read back as integers by `json_each`.
fn json_integers(numbers: impl Iterator<Item = i64>) -> String {
    let numbers: Vec<String> = numbers.map(|number| number.to_string()).collect();
    format!("[{}]", numbers.join(","))
}

/// The rowids and scores of the best `limit` matches of `expression`, and of every match tied
/// with the last of them, best first.
async fn best_rowids(
    transaction: &mut Transaction,
    expression: &str,
    limit: usize,
) -> Result<Vec<(i64, f64)>, StoreError> {
    let mut fetch = limit + 8;
    loop {
        let rows: Vec<(i64, f64)> = transaction
            .executor()
            .fetch_all(
                Statement::new(format!(
                    "SELECT rowid, {SCORE} AS score FROM search_index \
                     WHERE search_index MATCH $1 ORDER BY score DESC LIMIT $2"
                ))
                .text(expression)
                .integer(to_sql_integer(fetch)),
            )
            .await?;
        let exhausted = rows.len() < fetch;
        let settled = match (rows.get(limit.saturating_sub(1)), rows.last()) {
            (Some((_, boundary)), Some((_, last))) => last < boundary,
            _ => true,
        };
        if exhausted || settled {
            let boundary = rows.get(limit.saturating_sub(1)).map(|(_, score)| *score);
            return Ok(rows
                .into_iter()
                .enumerate()
                .take_while(|(index, (_, score))| {
                    *index < limit || boundary.is_some_and(|boundary| *score >= boundary)
                })
                .map(|(_, row)| row)
                .collect());
        }
        fetch = fetch.saturating_mul(4);
    }
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

    #[test]
    fn phrases_are_spelt_out_while_few_and_end_with_a_prefix_past_that() {
        assert_eq!(
            phrases_expression(&words("kursk kursks"), &[], None),
            "\"kursk\" OR \"kursks\""
        );
        let spelt = phrases_expression(
            &words("korean northkorean"),
            &["units", "hol"],
            Some(&words("hold holds")),
        );
        assert_eq!(
            spelt,
            "\"korean units hold\" OR \"korean units holds\" OR \
             \"northkorean units hold\" OR \"northkorean units holds\""
        );
        let many: Vec<String> = (0..MOST_PHRASES).map(|n| format!("w{n}")).collect();
        let started = phrases_expression(&words("korean northkorean"), &["uni"], Some(&many));
        assert_eq!(started, "\"korean uni\"* OR \"northkorean uni\"*");
    }
}
