//! `/define` and `/glossary`: the report's terms, and in a server that server's own entries
//! beside them.

use dossier_store::{Definition, GuildId};

use crate::commands::respond::{reference_records, send_pages};
use crate::commands::{autocomplete, usage};
use crate::render::{self, References};
use crate::types::{Context, Error, UserError};

/// Most of this server's entries offered as "Did you mean …", after the report's.
const SERVER_SUGGESTIONS: usize = 3;

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
    let guild = ctx.guild_id().map(|guild| GuildId(guild.get()));
    // This server's own entry, if any: shown beside the report's, never instead of it.
    let server_entry = match guild {
        Some(guild) => store.guild_term(guild, &term).await?,
        None => None,
    };
    match store.define(&term).await? {
        Definition::Found { term: found, kind } => {
            usage::count(ctx, "define", Some(&found.name));
            let see_also = store.terms(&found.see_also).await?;
            let (sources, actors) = reference_records(ctx).await?;
            let references = References::new(&sources, &actors);
            let pages = match &server_entry {
                Some(entry) => render::definition_with_server_entry(
                    &found, kind, &term, &see_also, references, entry,
                ),
                None => render::definition(&found, kind, &term, &see_also, references),
            };
            send_pages(ctx, pages, private).await
        }
        Definition::NotFound { suggestions } => {
            if let Some(entry) = server_entry {
                usage::count(ctx, "define", Some(&entry.name));
                return send_pages(ctx, render::server_definition(&entry, &term), private).await;
            }
            usage::count(ctx, "define", None);
            let mut names: Vec<String> = suggestions.into_iter().map(|term| term.name).collect();
            if let Some(guild) = guild {
                let server_names = store.complete_guild_terms(guild, &term).await?;
                names.extend(
                    server_names
                        .into_iter()
                        .map(|choice| choice.value)
                        .take(SERVER_SUGGESTIONS),
                );
            }
            Err(UserError::NotFound {
                what: "term",
                query: term,
                suggestions: names,
                browse: if guild.is_some() {
                    "`/glossary` (and `/term list` for this server's own)"
                } else {
                    "`/glossary`"
                },
            }
            .into())
        }
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
