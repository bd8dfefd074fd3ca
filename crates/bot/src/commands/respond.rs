//! Sending an answer: one page, or the first of several with ◀ ▶ buttons and a session.

use dossier_core::{Actor, Source};

use crate::render::buttons::page_buttons;
use crate::render::{discord, Page};
use crate::types::{Context, Error};

/// Sends `pages` as the reply: the first page, with page buttons when there are more, held in
/// a session so only the asker can turn them. `private` makes the reply ephemeral.
pub(crate) async fn send_pages(
    ctx: Context<'_>,
    pages: Vec<Page>,
    private: Option<bool>,
) -> Result<(), Error> {
    let ephemeral = private.unwrap_or(false);
    let Some(first) = pages.first().cloned() else {
        return Ok(());
    };
    let session = ctx.id();
    let buttons = page_buttons(session, 0, pages.len());
    if pages.len() > 1 {
        ctx.data()
            .sessions
            .insert(session, ctx.author().id, &ctx.command().name, pages);
    }
    ctx.send(discord::reply(&first, &buttons, ephemeral))
        .await?;
    Ok(())
}

/// Sends one page as the reply.
pub(crate) async fn send_page(
    ctx: Context<'_>,
    page: Page,
    private: Option<bool>,
) -> Result<(), Error> {
    send_pages(ctx, vec![page], private).await
}

/// The reports and actors, for citing sections and naming people.
pub(crate) async fn reference_records(
    ctx: Context<'_>,
) -> Result<(Vec<Source>, Vec<Actor>), Error> {
    let store = &ctx.data().store;
    Ok((store.sources().await?, store.actors().await?))
}

/// Starts the per-user cooldown of a heavy command, or refuses when it has not run out.
pub(crate) fn enter_cooldown(ctx: Context<'_>) -> Result<(), Error> {
    let command = &ctx.command().name;
    ctx.data()
        .cooldowns
        .enter(ctx.author().id, command, std::time::Instant::now())
        .map_err(|remaining| {
            crate::types::UserError::Cooldown {
                command: command.to_string(),
                remaining,
            }
            .into()
        })
}
