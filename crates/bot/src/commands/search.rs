//! `/search`: full-text search over the whole dossier.

use dossier_core::HitKind;
use dossier_store::{Hit, HIGHLIGHT_END, HIGHLIGHT_START};

use crate::commands::respond::{enter_cooldown, reference_records, send_pages};
use crate::render::{self, References, SearchResult};
use crate::types::{Context, Error, UserError};

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
    let hits = ctx.data().store.search(&query, MAX_HITS).await?;
    let results: Vec<SearchResult> = hits.into_iter().map(search_result).collect();
    let (sources, actors) = reference_records(ctx).await?;
    let pages = render::search(&query, &results, References::new(&sources, &actors));
    send_pages(ctx, pages, private).await
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
