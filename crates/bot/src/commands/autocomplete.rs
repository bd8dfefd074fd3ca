//! Autocomplete for every option that names something: ranked by the store, at most 25.

use std::collections::HashMap;

use dossier_store::{Choice, GuildId, StoreError};
use poise::serenity_prelude as serenity;

use crate::render::{self, discord, limits};
use crate::types::Context;

/// Most places the server's own entries take among `/define` suggestions, after the report's.
const SERVER_CHOICES: usize = 10;

/// `choices`, or none (logged) when the store failed: autocomplete cannot show an error, and
/// an empty list is better than none.
fn logged(kind: &str, choices: Result<Vec<Choice>, StoreError>) -> Vec<Choice> {
    choices.unwrap_or_else(|error| {
        tracing::error!(kind, %error, "autocomplete failed");
        Vec::new()
    })
}

/// The response for `choices`.
fn respond(
    kind: &str,
    choices: Result<Vec<Choice>, StoreError>,
) -> serenity::CreateAutocompleteResponse {
    discord::autocomplete(&render::choices(
        logged(kind, choices)
            .into_iter()
            .map(|choice| (choice.label, choice.value)),
    ))
}

/// The server asked from, if any.
fn guild(ctx: Context<'_>) -> Option<GuildId> {
    ctx.guild_id().map(|guild| GuildId(guild.get()))
}

/// Glossary terms: the report's first, then (in a server) that server's own entries, labelled
/// as the server's.
pub(crate) async fn terms(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let store = &ctx.data().store;
    let report = store.complete_terms(partial).await;
    let Some(guild) = guild(ctx) else {
        return respond("term", report);
    };
    let server = logged(
        "server term",
        store.complete_guild_terms(guild, partial).await,
    );
    let report = logged("term", report);
    let server_places = server.len().min(SERVER_CHOICES);
    let candidates = report
        .into_iter()
        .take(limits::CHOICES - server_places)
        .map(|choice| (choice.label, choice.value))
        .chain(
            server
                .into_iter()
                .take(server_places)
                .map(|choice| (render::server_choice_label(&choice.label), choice.value)),
        );
    discord::autocomplete(&render::choices(candidates))
}

/// This server's own entries, with their current version, for the moderators' subcommands.
pub(crate) async fn server_terms(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let Some(guild) = guild(ctx) else {
        return discord::autocomplete(&[]);
    };
    let store = &ctx.data().store;
    let choices = logged(
        "server term",
        store.complete_guild_terms(guild, partial).await,
    );
    let versions: HashMap<String, u32> = match store.guild_terms(guild).await {
        Ok(entries) => entries
            .into_iter()
            .map(|entry| (entry.name, entry.version))
            .collect(),
        Err(error) => {
            tracing::error!(%error, "autocomplete failed");
            HashMap::new()
        }
    };
    discord::autocomplete(&render::choices(choices.into_iter().map(|choice| {
        let label = match versions.get(&choice.value) {
            Some(version) => format!("{} — version {version}", choice.label),
            None => choice.label,
        };
        (label, choice.value)
    })))
}

/// Events, "date — headline".
pub(crate) async fn events(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    respond("event", ctx.data().store.complete_events(partial).await)
}

/// Actors, with the alias that matched.
pub(crate) async fn actors(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    respond("actor", ctx.data().store.complete_actors(partial).await)
}

/// Measures.
pub(crate) async fn measures(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    respond("measure", ctx.data().store.complete_measures(partial).await)
}
