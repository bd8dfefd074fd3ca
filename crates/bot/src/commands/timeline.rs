//! `/timeline` and `/event`: dated events, filtered and in order, or one in full.

use dossier_core::TimelineQuery;
use dossier_store::TimelineCount;

use crate::commands::options::{check_range, parse_date, text_option};
use dossier_chart::{timeline_png, ChartOptions};

use crate::commands::respond::{
    draw_chart, enter_cooldown, reference_records, send_page, send_question,
};
use crate::commands::{autocomplete, names};
use crate::render::{
    self, Page, References, TimelineFilters, TimelineHeading, TimelineLayout, MOST_EVENTS_PER_PAGE,
};
use crate::sessions::{HeldQuestion, HeldTimeline};
use crate::types::{Context, Data, Error};

/// Most events one timeline answer pages through, and its chart draws.
const MAX_EVENTS: usize = 1000;

/// Matches counted before a timeline says "more than": counting a year of a million-event
/// dossier would cost more than reading its page.
const MAX_COUNTED: usize = 10_000;

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
    // The first page only: later pages are read when their button is pressed.
    let store = &ctx.data().store;
    let first = store
        .timeline_counting(
            &query,
            0,
            MOST_EVENTS_PER_PAGE,
            TimelineCount::UpTo(MAX_COUNTED),
        )
        .await?;
    let (sources, actors) = reference_records(ctx).await?;
    let matched = first.total as u64;
    let heading = TimelineHeading {
        filters,
        matched,
        matched_at_least: first.total_is_lower_bound,
        shown: matched.min(MAX_EVENTS as u64),
    };
    let layout = TimelineLayout::new(&heading, References::new(&sources, &actors));
    let page = layout.page(0, &first.events);
    let chart = if chart.unwrap_or(false) {
        let events = store
            .timeline_counting(&query, 0, MAX_EVENTS, TimelineCount::Skip)
            .await?
            .events;
        draw_chart(ctx, private, "timeline.png", move || {
            timeline_png(&events, &ChartOptions::default())
        })
        .await?
    } else {
        None
    };
    let pages = layout.pages();
    let asked = HeldQuestion::Timeline(HeldTimeline { query, layout });
    send_question(ctx, page, pages, asked, private, chart).await
}

/// Page `index` of a held timeline, its events read again from the store.
pub(crate) async fn turn_page(
    data: &Data,
    timeline: &HeldTimeline,
    index: usize,
) -> Result<Page, Error> {
    let per_page = timeline.layout.events_per_page();
    let page = data
        .store
        .timeline_counting(
            &timeline.query,
            index.saturating_mul(per_page),
            per_page,
            TimelineCount::Skip,
        )
        .await?;
    Ok(timeline.layout.page(index, &page.events))
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
