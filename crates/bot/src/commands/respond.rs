//! Sending an answer: one page, or the first of several with ◀ ▶ buttons and a session.

use std::sync::Arc;

use dossier_core::{Actor, Source};
use poise::serenity_prelude as serenity;

use crate::render::buttons::page_buttons;
use crate::render::{discord, Page};
use crate::sessions::HeldQuestion;
use crate::types::{Context, Error};

/// A picture sent along with an answer, e.g. `estimates.png`.
pub(crate) struct Chart {
    /// The attachment's file name.
    pub(crate) file_name: &'static str,
    /// PNG bytes.
    pub(crate) png: Vec<u8>,
}

/// Sends `pages` as the reply: the first page, with page buttons when there are more, held in
/// a session so only the asker can turn them. `private` makes the reply ephemeral.
pub(crate) async fn send_pages(
    ctx: Context<'_>,
    pages: Vec<Page>,
    private: Option<bool>,
) -> Result<(), Error> {
    send_pages_with_chart(ctx, pages, private, None).await
}

/// [`send_pages`] with a chart attached to the message; turning pages keeps the chart.
pub(crate) async fn send_pages_with_chart(
    ctx: Context<'_>,
    pages: Vec<Page>,
    private: Option<bool>,
    chart: Option<Chart>,
) -> Result<(), Error> {
    let Some(first) = pages.first() else {
        return Ok(());
    };
    if pages.len() > 1 {
        ctx.data()
            .sessions
            .insert(ctx.id(), ctx.author().id, &ctx.command().name, &pages);
    }
    send_first_page(ctx, first, pages.len(), private, chart).await
}

/// Sends the first page of an answer held as its question, `pages` pages in all, so a button
/// press can read any other page.
pub(crate) async fn send_question(
    ctx: Context<'_>,
    first: Page,
    pages: usize,
    asked: HeldQuestion,
    private: Option<bool>,
    chart: Option<Chart>,
) -> Result<(), Error> {
    if pages > 1 {
        ctx.data()
            .sessions
            .insert_question(ctx.id(), ctx.author().id, &ctx.command().name, asked);
    }
    send_first_page(ctx, &first, pages, private, chart).await
}

/// Sends `first`, of `pages` pages, with page buttons when there are more.
async fn send_first_page(
    ctx: Context<'_>,
    first: &Page,
    pages: usize,
    private: Option<bool>,
    chart: Option<Chart>,
) -> Result<(), Error> {
    let buttons = page_buttons(ctx.id(), 0, pages);
    let mut reply = discord::reply(first, &buttons, private.unwrap_or(false));
    if let Some(chart) = chart {
        reply = reply.attachment(serenity::CreateAttachment::bytes(
            chart.png,
            chart.file_name,
        ));
    }
    ctx.send(reply).await?;
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

/// The reports and actors, for citing sections and naming people (decoded once per imported
/// dossier by the store).
pub(crate) async fn reference_records(
    ctx: Context<'_>,
) -> Result<(Arc<[Source]>, Arc<[Actor]>), Error> {
    let records = ctx.data().store.reference_records().await?;
    Ok((records.sources, records.actors))
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

/// Draws a chart off the async runtime (pixel work takes milliseconds), deferring the reply
/// first so Discord's three seconds cannot run out. `None` when there is nothing to draw.
pub(crate) async fn draw_chart(
    ctx: Context<'_>,
    private: Option<bool>,
    file_name: &'static str,
    draw: impl FnOnce() -> Result<Vec<u8>, dossier_chart::ChartError> + Send + 'static,
) -> Result<Option<Chart>, Error> {
    if private.unwrap_or(false) {
        ctx.defer_ephemeral().await?;
    } else {
        ctx.defer().await?;
    }
    match tokio::task::spawn_blocking(draw).await {
        Ok(Ok(png)) => Ok(Some(Chart { file_name, png })),
        Ok(Err(dossier_chart::ChartError::Empty(_))) => Ok(None),
        Ok(Err(error)) => {
            tracing::error!(%error, file_name, "drawing a chart failed");
            Ok(None)
        }
        Err(error) => {
            tracing::error!(%error, file_name, "the chart task failed");
            Ok(None)
        }
    }
}
