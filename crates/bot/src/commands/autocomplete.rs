//! Autocomplete for every option that names something: ranked by the store, at most 25.

use dossier_store::{Choice, StoreError};
use poise::serenity_prelude as serenity;

use crate::render::{self, discord};
use crate::types::Context;

/// The response for `choices`, or an empty one (logged) when the store failed: autocomplete
/// cannot show an error, and an empty list is better than none.
fn respond(
    kind: &str,
    choices: Result<Vec<Choice>, StoreError>,
) -> serenity::CreateAutocompleteResponse {
    let choices = choices.unwrap_or_else(|error| {
        tracing::error!(kind, %error, "autocomplete failed");
        Vec::new()
    });
    discord::autocomplete(&render::choices(
        choices
            .into_iter()
            .map(|choice| (choice.label, choice.value)),
    ))
}

/// Glossary terms.
pub(crate) async fn terms(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    respond("term", ctx.data().store.complete_terms(partial).await)
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
