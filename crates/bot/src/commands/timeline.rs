//! `/timeline` and `/event`: dated events, filtered and in order, or one in full.

use dossier_core::TimelineQuery;

use crate::commands::options::{check_range, parse_date, text_option};
use dossier_chart::{timeline_png, ChartOptions};

use crate::commands::respond::{
    draw_chart, enter_cooldown, reference_records, send_page, send_pages_with_chart,
};
use crate::commands::{autocomplete, names};
use crate::render::{self, References, TimelineFilters};
use crate::types::{Context, Error};

/// Most events one timeline answer holds (in pages).
const MAX_EVENTS: usize = 1000;

/// Events in order, dates as precise as the report gives them
#[poise::command(slash_command)]
pub(crate) async fn timeline(
    ctx: Context<'_>,
    #[description = "From this date: 2024, 2025-01, Jan 2025 or 2025-01-15"]
    #[max_length = 40]
    from: Option<String>,
    #[description = "Up to this date: 2025, 2025-04, Apr 2025 or 2025-04-28"]
    #[max_length = 40]
    to: Option<String>,
    #[description = "Only events involving this actor (its agencies included)"]
    #[autocomplete = "autocomplete::actors"]
    #[max_length = 100]
    actor: Option<String>,
    #[description = "Only events mentioning these words"]
    #[max_length = 100]
    query: Option<String>,
    #[description = "Also draw the events on a time axis"] chart: Option<bool>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let from = text_option(from)
        .map(|text| parse_date("from", &text))
        .transpose()?;
    let to = text_option(to)
        .map(|text| parse_date("to", &text))
        .transpose()?;
    check_range(from.as_ref(), to.as_ref())?;
    let (actors, actor_name) = match text_option(actor) {
        Some(typed) => {
            let actor = names::actor(ctx, &typed).await?;
            let family = ctx.data().store.actor_family(&actor.id).await?;
            (family, Some(actor.name))
        }
        None => (Vec::new(), None),
    };
    let text = text_option(query);
    let filters = TimelineFilters {
        from: from.clone(),
        to: to.clone(),
        actor: actor_name,
        text: text.clone(),
    };
    let query = TimelineQuery {
        from,
        to,
        actors,
        text,
    };
    // Only a well-formed question starts the cooldown, so a typo can be fixed at once.
    enter_cooldown(ctx)?;
    let page = ctx.data().store.timeline(&query, 0, MAX_EVENTS).await?;
    let (sources, actors) = reference_records(ctx).await?;
    let pages = render::timeline(
        &page.events,
        page.total as u64,
        &filters,
        References::new(&sources, &actors),
    );
    let chart = if chart.unwrap_or(false) {
        let events = page.events;
        draw_chart(ctx, private, "timeline.png", move || {
            timeline_png(&events, &ChartOptions::default())
        })
        .await?
    } else {
        None
    };
    send_pages_with_chart(ctx, pages, private, chart).await
}

/// One event in full: when, who, and the report's words
#[poise::command(slash_command)]
pub(crate) async fn event(
    ctx: Context<'_>,
    #[description = "The event: start typing its headline"]
    #[autocomplete = "autocomplete::events"]
    #[max_length = 100]
    id: String,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let event = names::event(ctx, &id).await?;
    let (sources, actors) = reference_records(ctx).await?;
    let page = render::event(&event, References::new(&sources, &actors));
    send_page(ctx, page, private).await
}
