//! `/stats`: what this server asked most over the last 7 and 30 days, counts only, including
//! the counts this process has not written yet.

use dossier_core::Day;
use dossier_store::today_utc;

use crate::commands::respond::send_page;
use crate::commands::term::server;
use crate::render::{self, STATS_ROWS};
use crate::types::{Context, Error};

/// The first day of the `days` days ending today (UTC), today included.
fn first_of_last(days: i64, today: Day) -> Day {
    Day::from_day_number(today.day_number() - (days - 1))
}

/// The terms and commands this server asks most, over 7 and 30 days (counts only)
#[poise::command(slash_command, interaction_context = "Guild")]
pub(crate) async fn stats(
    ctx: Context<'_>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let guild = server(ctx, "server statistics")?;
    // Counts gather in memory; write them first so the answer includes every use so far
    // (this one too). If that fails, the written counts are still worth showing.
    if let Err(error) = ctx.data().usage.flush().await {
        tracing::warn!(%error, "usage counts could not be written before /stats");
    }
    let store = &ctx.data().store;
    let today = today_utc();
    let last_7_days = store
        .usage_stats(guild, first_of_last(7, today), STATS_ROWS)
        .await?;
    let last_30_days = store
        .usage_stats(guild, first_of_last(30, today), STATS_ROWS)
        .await?;
    send_page(
        ctx,
        render::usage_stats(&last_7_days, &last_30_days),
        private,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_days_end_today_and_start_six_days_before() {
        let today = Day::from_day_number(20_000);
        assert_eq!(first_of_last(7, today).day_number(), 19_994);
        assert_eq!(first_of_last(1, today), today);
    }
}
