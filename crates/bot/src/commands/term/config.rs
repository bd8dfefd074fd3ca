//! `/term config moderator-role`: which role, besides Manage Server, may change the server
//! glossary. Manage Server only.

use poise::serenity_prelude as serenity;

use crate::commands::respond::send_page;
use crate::commands::term::access::Needed;
use crate::commands::term::moderated_server;
use crate::render;
use crate::types::{Context, Error};

/// Settings of this server's glossary (Manage Server only)
#[poise::command(slash_command, subcommands("moderator_role"), subcommand_required)]
pub(crate) async fn config(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Choose the role whose members may change the server glossary; leave empty to clear it
#[poise::command(slash_command, rename = "moderator-role")]
pub(crate) async fn moderator_role(
    ctx: Context<'_>,
    #[description = "The role; leave it out to let only Manage Server change the glossary"]
    role: Option<serenity::Role>,
) -> Result<(), Error> {
    let guild = moderated_server(ctx, Needed::Manager).await?;
    let store = &ctx.data().store;
    let previous = store.moderator_role(guild).await?;
    let chosen = role.as_ref().map(|role| role.id.get());
    store.set_moderator_role(guild, chosen).await?;
    let page = render::moderator_role_set(previous, chosen);
    send_page(ctx, page, Some(true)).await
}
