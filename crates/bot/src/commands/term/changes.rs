//! `/term add`, `/term edit` and `/term remove`: moderators' changes to the server glossary,
//! each kept in its history. Confirmations and refusals are shown only to the moderator.

use dossier_store::{GuildTermEdit, GuildTermError, NewGuildTerm};

use crate::commands::autocomplete;
use crate::commands::respond::send_page;
use crate::commands::term::access::Needed;
use crate::commands::term::{author, moderated_server, parse_aliases, refusal};
use crate::render::{self, TermChange};
use crate::types::{Context, Error, UserError};

/// Add an entry to this server's glossary (moderators)
#[poise::command(slash_command)]
pub(crate) async fn add(
    ctx: Context<'_>,
    #[description = "The name, up to 64 characters"]
    #[max_length = 64]
    name: String,
    #[description = "What it means, up to 1,500 characters"]
    #[max_length = 1500]
    definition: String,
    #[description = "Other names, comma-separated (at most 10)"]
    #[max_length = 700]
    aliases: Option<String>,
) -> Result<(), Error> {
    let guild = moderated_server(ctx, Needed::Moderator).await?;
    let entry = NewGuildTerm {
        aliases: aliases.as_deref().map(parse_aliases).unwrap_or_default(),
        name,
        definition,
    };
    let added = ctx
        .data()
        .store
        .add_guild_term(guild, &entry, author(ctx))
        .await
        .map_err(|error| refusal(error, &entry.name))?;
    send_page(
        ctx,
        render::term_changed(TermChange::Added, &added),
        Some(true),
    )
    .await
}

/// Change an entry of this server's glossary (moderators); refused if someone changed it first
#[poise::command(slash_command)]
pub(crate) async fn edit(
    ctx: Context<'_>,
    #[description = "The entry's name or one of its aliases"]
    #[autocomplete = "autocomplete::server_terms"]
    #[max_length = 100]
    name: String,
    #[description = "The new definition, up to 1,500 characters"]
    #[max_length = 1500]
    definition: Option<String>,
    #[description = "New other names, comma-separated, replacing the old ones; - for none"]
    #[max_length = 700]
    aliases: Option<String>,
    #[description = "The version you are changing (from /term history); refused if it has changed"]
    #[min = 1]
    version: Option<u32>,
) -> Result<(), Error> {
    let guild = moderated_server(ctx, Needed::Moderator).await?;
    if definition.is_none() && aliases.is_none() {
        return Err(UserError::InvalidOption {
            option: "definition",
            reason: "give a new definition, new aliases, or both".to_owned(),
        }
        .into());
    }
    let store = &ctx.data().store;
    // The version the edit builds on: the one the moderator named, else the one read now, so
    // that an edit landing in between is refused instead of silently overwritten.
    let expected = match version {
        Some(version) => version,
        None => match store.guild_term(guild, &name).await? {
            Some(current) => current.version,
            None => {
                return Err(refusal(
                    GuildTermError::NotFound { name: name.clone() },
                    &name,
                ))
            }
        },
    };
    let edit = GuildTermEdit {
        definition,
        aliases: aliases.as_deref().map(parse_aliases),
    };
    let edited = store
        .edit_guild_term(guild, &name, expected, &edit, author(ctx))
        .await
        .map_err(|error| refusal(error, &name))?;
    send_page(
        ctx,
        render::term_changed(TermChange::Updated, &edited),
        Some(true),
    )
    .await
}

/// Remove an entry from this server's glossary (moderators); its history is kept
#[poise::command(slash_command)]
pub(crate) async fn remove(
    ctx: Context<'_>,
    #[description = "The entry's name or one of its aliases"]
    #[autocomplete = "autocomplete::server_terms"]
    #[max_length = 100]
    name: String,
) -> Result<(), Error> {
    let guild = moderated_server(ctx, Needed::Moderator).await?;
    let removed = ctx
        .data()
        .store
        .remove_guild_term(guild, &name, None, author(ctx))
        .await
        .map_err(|error| refusal(error, &name))?;
    send_page(
        ctx,
        render::term_changed(TermChange::Removed, &removed),
        Some(true),
    )
    .await
}
