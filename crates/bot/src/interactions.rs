//! Gateway events poise does not handle itself: presses on the ◀ ▶ page buttons (and on
//! buttons this version no longer has).

use poise::serenity_prelude as serenity;

use crate::render::buttons::{page_buttons, PageTurn};
use crate::render::{self, discord};
use crate::sessions::Turn;
use crate::types::{Data, Error};

/// poise's `event_handler`: answers page-button presses; every other event is ignored.
pub(crate) async fn on_event(
    ctx: &serenity::Context,
    event: &serenity::FullEvent,
    data: &Data,
) -> Result<(), Error> {
    let serenity::FullEvent::InteractionCreate {
        interaction: serenity::Interaction::Component(press),
    } = event
    else {
        return Ok(());
    };
    let Some(turn) = PageTurn::parse(&press.data.custom_id) else {
        // A button from an older version: say so rather than let the press fail.
        tracing::debug!(custom_id = %press.data.custom_id, "a component this version does not know");
        let response = discord::ephemeral_message(&render::unknown_interaction());
        press.create_response(&ctx.http, response).await?;
        return Ok(());
    };
    let response = match data.sessions.turn(turn.session, turn.page, press.user.id) {
        Turn::Show { page, index, total } => {
            discord::update_message(&page, &page_buttons(turn.session, index, total))
        }
        Turn::Read {
            asked,
            index,
            total,
        } => match crate::commands::turn_page(data, &asked, index).await {
            Ok(page) => discord::update_message(&page, &page_buttons(turn.session, index, total)),
            Err(error) => {
                tracing::error!(%error, "reading a page of a held answer failed");
                discord::ephemeral_message(&render::internal_failure())
            }
        },
        Turn::NotOwner { command } => discord::ephemeral_message(&render::not_your_pages(&command)),
        Turn::Expired => discord::ephemeral_message(&render::pages_expired()),
    };
    press.create_response(&ctx.http, response).await?;
    Ok(())
}
