//! What users see when something goes wrong: their own mistakes explained ephemerally, our
//! failures logged in full and answered with a short generic message.

use poise::serenity_prelude as serenity;
use poise::FrameworkError;

use crate::render::{self, discord, Page};
use crate::types::{Context, Data, Error, UserError};

/// The page explaining a user error.
pub(crate) fn user_error_page(error: &UserError) -> Page {
    match error {
        UserError::NotFound {
            what,
            query,
            suggestions,
            browse,
        } => render::not_found(what, query, suggestions, browse),
        UserError::InvalidOption { option, reason } => render::invalid_option(option, reason),
        UserError::Cooldown { command, remaining } => render::cooldown(command, *remaining),
        UserError::NotInServer { feature } => render::not_in_server(feature),
        UserError::NotPermitted { manage_server_only } => {
            render::not_permitted(*manage_server_only)
        }
        UserError::GlossaryRefused(refusal) => render::glossary_refused(refusal),
    }
}

/// Replies ephemerally with `page`, logging (not raising) a failure to send.
async fn tell(ctx: Context<'_>, page: &Page) {
    if let Err(error) = ctx.send(discord::reply(page, &[], true)).await {
        tracing::warn!(command = %ctx.command().name, %error, "could not send an error reply");
    }
}

/// Logs an internal failure and tells the user, without any detail, that it happened.
async fn fail(ctx: Context<'_>, error: &(dyn std::fmt::Display + Sync)) {
    tracing::error!(command = %ctx.command().name, user = %ctx.author().id, %error, "command failed");
    tell(ctx, &render::internal_failure()).await;
}

/// poise's `on_error`: user errors answered ephemerally with their own text, everything else
/// logged with tracing and answered with a generic message. No store or Discord error text
/// ever reaches the user.
pub(crate) async fn on_error(error: FrameworkError<'_, Data, Error>) {
    match error {
        FrameworkError::Command { error, ctx, .. } => match error {
            Error::User(user_error) => tell(ctx, &user_error_page(&user_error)).await,
            internal => fail(ctx, &internal).await,
        },
        FrameworkError::CommandCheckFailed { error, ctx, .. } => match error {
            Some(Error::User(user_error)) => tell(ctx, &user_error_page(&user_error)).await,
            Some(internal) => fail(ctx, &internal).await,
            None => fail(ctx, &"a command check refused without a reason").await,
        },
        FrameworkError::ArgumentParse { error, ctx, .. } => {
            tracing::info!(command = %ctx.command().name, %error, "an option could not be parsed");
            tell(
                ctx,
                &render::invalid_option("option", "that value could not be read; please check it"),
            )
            .await;
        }
        FrameworkError::CommandStructureMismatch {
            description, ctx, ..
        } => {
            fail(
                ctx.into(),
                &format!("command structure mismatch: {description}"),
            )
            .await;
        }
        FrameworkError::CommandPanic { payload, ctx, .. } => {
            fail(ctx, &format!("panic: {}", payload.unwrap_or_default())).await;
        }
        FrameworkError::Setup { error, .. } => {
            tracing::error!(%error, "setup failed");
        }
        FrameworkError::UnknownInteraction {
            framework,
            interaction,
            ..
        } => answer_unknown_interaction(framework.serenity_context, interaction).await,
        FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(%error, event = event.snake_case_name(), "event handler failed");
        }
        other => {
            tracing::warn!(error = %other, "framework error");
            if let Some(ctx) = other.ctx() {
                tell(ctx, &render::internal_failure()).await;
            }
        }
    }
}

/// Answers a command (or its autocomplete) that this version does not have, instead of leaving
/// the user with "The application did not respond".
async fn answer_unknown_interaction(
    ctx: &serenity::Context,
    interaction: &serenity::CommandInteraction,
) {
    tracing::info!(command = %interaction.data.name, "a command this version does not have");
    let response = if interaction.data.autocomplete().is_some() {
        serenity::CreateInteractionResponse::Autocomplete(
            serenity::CreateAutocompleteResponse::new(),
        )
    } else {
        discord::ephemeral_message(&render::unknown_interaction())
    };
    if let Err(error) = interaction.create_response(&ctx.http, response).await {
        tracing::warn!(%error, "could not answer an unknown command");
    }
}
