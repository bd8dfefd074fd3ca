//! `/search`: full-text search over the whole dossier.

use dossier_core::HitKind;
use dossier_store::{Hit, HIGHLIGHT_END, HIGHLIGHT_START};

use crate::commands::respond::{enter_cooldown, reference_records, send_question};
use crate::render::{Page, References, SearchLayout, SearchResult, MOST_HITS_PER_PAGE};
use crate::sessions::{HeldQuestion, HeldSearch};
use crate::types::{Context, Data, Error, UserError};

/// Most hits one search answer holds.
const MAX_HITS: usize = 40;

/// Search events, terms, estimates, claims and actors
#[poise::command(slash_command)]
pub(crate) async fn search(
    ctx: Context<'_>,
    #[description = "Words to look for, e.g. troops kursk"]
    #[max_length = 200]
    query: String,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    if query.trim().is_empty() {
        return Err(UserError::InvalidOption {
            option: "query",
            reason: "give at least one word to look for".to_owned(),
        }
        .into());
    }
    enter_cooldown(ctx)?;
    // The first page holds at most this many; how many exactly depends on its heading, which
    // says how many hits there are.
    let first = ctx
        .data()
        .store
        .search_page(&query, MAX_HITS, 0..MOST_HITS_PER_PAGE)
        .await?;
    let (sources, actors) = reference_records(ctx).await?;
    let layout = SearchLayout::new(&query, first.matched, References::new(&sources, &actors));
    let results: Vec<SearchResult> = first.hits.into_iter().map(search_result).collect();
    let page = layout.page(0, &results);
    let pages = layout.pages();
    let asked = HeldQuestion::Search(HeldSearch { query, layout });
    send_question(ctx, page, pages, asked, private, None).await
}

/// Page `index` of a held search: its hits ranked again, and snippets made for that page's.
pub(crate) async fn turn_page(
    data: &Data,
    search: &HeldSearch,
    index: usize,
) -> Result<Page, Error> {
    let per_page = search.layout.hits_per_page();
    let start = index.saturating_mul(per_page);
    let page = data
        .store
        .search_page(
            &search.query,
            MAX_HITS,
            start..start.saturating_add(per_page),
        )
        .await?;
    let results: Vec<SearchResult> = page.hits.into_iter().map(search_result).collect();
    Ok(search.layout.page(index, &results))
}

/// A store hit as render takes it, with the command that opens it.
fn search_result(hit: Hit) -> SearchResult {
    let (kind, open_with) = match hit.kind {
        HitKind::Event => ("Event", Some(format!("/event id:{}", hit.id))),
        HitKind::Term => ("Term", Some(format!("/define term:{}", hit.id))),
        HitKind::Estimate => ("Estimate", None),
        HitKind::Claim => ("Claim", None),
        HitKind::Actor => ("Actor", Some(format!("/claims actor:{}", hit.id))),
    };
    SearchResult {
        kind: kind.to_owned(),
        title: hit.title,
        snippet: hit.snippet,
        highlight: Some((HIGHLIGHT_START, HIGHLIGHT_END)),
        open_with,
    }
}
