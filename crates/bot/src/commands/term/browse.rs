//! `/term list` (everyone) and `/term history` (moderators): reading the server glossary.

use crate::commands::autocomplete;
use crate::commands::respond::send_pages;
use crate::commands::term::access::Needed;
use crate::commands::term::{moderated_server, server, FEATURE};
use crate::render::{self, GlossaryRefusal};
use crate::types::{Context, Error, UserError};

/// Every entry of this server's glossary
#[poise::command(slash_command)]
pub(crate) async fn list(
    ctx: Context<'_>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let guild = server(ctx, FEATURE)?;
    let entries = ctx.data().store.guild_terms(guild).await?;
    send_pages(ctx, render::server_glossary(&entries), private).await
}

/// Every change to an entry, with who and when, and its current version (moderators)
#[poise::command(slash_command)]
pub(crate) async fn history(
    ctx: Context<'_>,
    #[description = "The entry's name (removed entries too)"]
    #[autocomplete = "autocomplete::server_terms"]
    #[max_length = 100]
    name: String,
) -> Result<(), Error> {
    let guild = moderated_server(ctx, Needed::Moderator).await?;
    let store = &ctx.data().store;
    let changes = store.guild_term_history(guild, &name).await?;
    if changes.is_empty() {
        return Err(UserError::GlossaryRefused(GlossaryRefusal::NotFound { name }).into());
    }
    let current = store.guild_term(guild, &name).await?;
    let pages = render::term_history(&name, &changes, current.map(|entry| entry.version));
    send_pages(ctx, pages, Some(true)).await
}
