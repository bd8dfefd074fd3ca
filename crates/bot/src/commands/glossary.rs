//! `/define` and `/glossary`: the report's terms.

use dossier_store::Definition;

use crate::commands::autocomplete;
use crate::commands::respond::{reference_records, send_pages};
use crate::render::{self, References};
use crate::types::{Context, Error, UserError};

/// What a term means, with where the report defines it
#[poise::command(slash_command)]
pub(crate) async fn define(
    ctx: Context<'_>,
    #[description = "The term, e.g. KCNA or UN Charter"]
    #[autocomplete = "autocomplete::terms"]
    #[max_length = 100]
    term: String,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let store = &ctx.data().store;
    match store.define(&term).await? {
        Definition::Found { term: found, kind } => {
            let mut see_also = Vec::new();
            for id in &found.see_also {
                if let Some(related) = store.term(id).await? {
                    see_also.push(related);
                }
            }
            let (sources, actors) = reference_records(ctx).await?;
            let pages = render::definition(
                &found,
                kind,
                &term,
                &see_also,
                References::new(&sources, &actors),
            );
            send_pages(ctx, pages, private).await
        }
        Definition::NotFound { suggestions } => Err(UserError::NotFound {
            what: "term",
            query: term,
            suggestions: suggestions.into_iter().map(|term| term.name).collect(),
            browse: "`/glossary`",
        }
        .into()),
    }
}

/// Every term in the report's glossary
#[poise::command(slash_command)]
pub(crate) async fn glossary(
    ctx: Context<'_>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let terms = ctx.data().store.glossary().await?;
    let (sources, actors) = reference_records(ctx).await?;
    let pages = render::glossary(&terms, References::new(&sources, &actors));
    send_pages(ctx, pages, private).await
}
