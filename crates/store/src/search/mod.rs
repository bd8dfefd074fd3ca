//! Full-text search on SQLite FTS5: the indexed documents, a safe query from any user text,
//! BM25 ranking and highlighted snippets.

use dossier_core::search::{Hit, HitKind};
use dossier_core::text::{fold, folded_words};
use dossier_core::Dossier;
use sqlx::SqliteConnection;

use crate::connection::Store;
use crate::error::StoreError;
use crate::import::to_sql_integer;

/// Marks the start of a matched word in [`Hit::snippet`] (Discord bold).
pub const HIGHLIGHT_START: &str = "**";
/// Marks the end of a matched word in [`Hit::snippet`].
pub const HIGHLIGHT_END: &str = "**";
/// Most hits one search returns.
pub const MAX_SEARCH_HITS: usize = 50;
/// Words of a query beyond this many are ignored.
const MAX_QUERY_WORDS: usize = 12;
/// Tokens of context in a snippet.
const SNIPPET_TOKENS: i64 = 24;

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

/// Fills the FTS index for `dossier` (inside the import transaction).
pub(crate) async fn write_search_documents(
    connection: &mut SqliteConnection,
    dossier: &Dossier,
) -> Result<(), StoreError> {
    for document in dossier.search_documents() {
        let keys = std::iter::once(document.title.as_str())
            .chain([document.body])
            .chain(document.extra.iter().copied())
            .map(fold)
            .collect::<Vec<_>>()
            .join(" ");
        sqlx::query(
            "INSERT INTO search_index (kind, record_id, title, body, keys) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(kind_name(document.kind))
        .bind(document.id)
        .bind(&document.title)
        .bind(document.body)
        .bind(keys)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// How the words of a query combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combine {
    AllWords,
    AnyWord,
}

/// An FTS5 query that cannot fail to parse, whatever the user typed: the text is folded into
/// words (so only letters and digits remain), each word becomes a quoted string, and the last
/// one may be the start of a longer word. `None` when no word remains.
fn safe_fts_query(user_text: &str, combine: Combine) -> Option<String> {
    let words: Vec<String> = folded_words(user_text)
        .into_iter()
        .take(MAX_QUERY_WORDS)
        .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
        .collect();
    let (last, rest) = words.split_last()?;
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

type HitRow = (String, String, String, String, f64);

async fn run_search(
    store: &Store,
    fts_query: &str,
    limit: usize,
) -> Result<Vec<HitRow>, StoreError> {
    Ok(sqlx::query_as(
        "SELECT kind, record_id, title, snippet(search_index, 3, ?, ?, '…', ?), \
         bm25(search_index, 0.0, 0.0, 4.0, 1.0, 1.0) AS rank \
         FROM search_index WHERE search_index MATCH ? ORDER BY rank, kind, record_id LIMIT ?",
    )
    .bind(HIGHLIGHT_START)
    .bind(HIGHLIGHT_END)
    .bind(SNIPPET_TOKENS)
    .bind(fts_query)
    .bind(to_sql_integer(limit))
    .fetch_all(&store.pool)
    .await?)
}

impl Store {
    /// Records of every kind matching `query`, best first by BM25 (title words weigh more).
    ///
    /// Every word must appear (the last may be the start of a word); when that finds nothing,
    /// records with any of the words are returned instead. Words are compared folded, so "UN"
    /// finds "U.N.". Snippets come from the record's main text with matched words between
    /// [`HIGHLIGHT_START`] and [`HIGHLIGHT_END`]; `score` is higher for better hits. Any text is
    /// accepted: quotes, operators, brackets and emoji are never interpreted. At most
    /// `limit` (capped at [`MAX_SEARCH_HITS`]) hits.
    pub async fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        let limit = limit.min(MAX_SEARCH_HITS);
        if limit == 0 {
            return Ok(Vec::new());
        }
        let Some(all_words) = safe_fts_query(query, Combine::AllWords) else {
            return Ok(Vec::new());
        };
        let mut rows = run_search(self, &all_words, limit).await?;
        if rows.is_empty() {
            if let Some(any_word) = safe_fts_query(query, Combine::AnyWord) {
                if any_word != all_words {
                    rows = run_search(self, &any_word, limit).await?;
                }
            }
        }
        Ok(rows
            .into_iter()
            .filter_map(|(kind, id, title, snippet, rank)| {
                Some(Hit {
                    kind: kind_from_name(&kind)?,
                    id,
                    title,
                    snippet,
                    score: -rank,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_quotes_become_plain_quoted_words() {
        assert_eq!(
            safe_fts_query("kursk NEAR \"troops\" -AND (", Combine::AllWords).as_deref(),
            Some("\"kursk\" \"near\" \"troops\" \"and\"*")
        );
        assert_eq!(
            safe_fts_query("U.N. charter", Combine::AnyWord).as_deref(),
            Some("\"un\" OR \"charter\"*")
        );
    }

    #[test]
    fn text_without_words_gives_no_query() {
        assert_eq!(safe_fts_query("🙂 *** ((", Combine::AllWords), None);
        assert_eq!(safe_fts_query("", Combine::AllWords), None);
    }

    #[test]
    fn long_text_is_cut_to_a_few_words() {
        let long = "word ".repeat(2_000);
        let query = safe_fts_query(&long, Combine::AllWords).unwrap_or_default();
        assert_eq!(query.matches("\"word\"").count(), MAX_QUERY_WORDS);
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
