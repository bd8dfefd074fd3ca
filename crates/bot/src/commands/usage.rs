//! Counting what each server asks, for `/stats`: every command run in a server, and the term
//! `/define` was asked about. Counts only; who asked is never kept. Counting never waits on the
//! database: counts gather in memory and are written in batches (see `usage_recorder`).

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
    count(ctx, command, None);
}

/// Counts one use of `command` about `subject` in the invoking server.
pub(crate) fn count(ctx: Context<'_>, command: &str, subject: Option<&str>) {
    if let Some(guild) = ctx.guild_id() {
        ctx.data()
            .usage
            .count(GuildId(guild.get()), command, subject);
    }
}
