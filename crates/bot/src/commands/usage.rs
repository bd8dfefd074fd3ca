//! Counting what each server asks, for `/stats`: every command run in a server, and the term
//! `/define` was asked about. Counts only; who asked is never kept.

use dossier_store::GuildId;

use crate::types::Context;

/// Commands that count their own use, so as to add what they were asked about.
const COUNTED_BY_THEMSELVES: [&str; 1] = ["define"];

/// poise's `pre_command`: counts this command in its server (direct messages are not
/// counted).
pub(crate) async fn count_command(ctx: Context<'_>) {
    let command: &str = &ctx.command().qualified_name;
    if COUNTED_BY_THEMSELVES.contains(&command) {
        return;
    }
    count(ctx, command, None).await;
}

/// Counts one use of `command` about `subject` in the invoking server. A failure is logged,
/// never shown, and never stops the answer.
pub(crate) async fn count(ctx: Context<'_>, command: &str, subject: Option<&str>) {
    let Some(guild) = ctx.guild_id() else {
        return;
    };
    let recorded = ctx
        .data()
        .store
        .record_usage(GuildId(guild.get()), command, subject)
        .await;
    if let Err(error) = recorded {
        tracing::warn!(%error, command, "could not count a use");
    }
}
