//! `/estimates`: figures side by side, with who gave them and when.

use crate::commands::options::text_option;
use std::collections::HashMap;

use dossier_chart::{estimates_png, ChartOptions};
use dossier_core::ActorId;

use crate::commands::respond::{draw_chart, reference_records, send_pages_with_chart};
use crate::commands::{autocomplete, names};
use crate::render::{self, References};
use crate::types::{Context, Error};

/// Estimates side by side, with who made them and when
#[poise::command(slash_command)]
pub(crate) async fn estimates(
    ctx: Context<'_>,
    #[description = "What is counted, e.g. troops deployed; all when left out"]
    #[autocomplete = "autocomplete::measures"]
    #[max_length = 100]
    measure: Option<String>,
    #[description = "Also draw each source's figure or range as a chart"] chart: Option<bool>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let measure = match text_option(measure) {
        Some(typed) => Some(names::measure(ctx, &typed).await?),
        None => None,
    };
    let groups = ctx
        .data()
        .store
        .estimates(measure.as_ref().map(|measure| &measure.id))
        .await?;
    let comparisons: Vec<_> = groups.iter().map(|group| group.comparison()).collect();
    let (sources, actors) = reference_records(ctx).await?;
    let references = References::new(&sources, &actors);
    let pages = match (&measure, comparisons.as_slice()) {
        (Some(_), [comparison]) => render::estimates_for_measure(comparison, references),
        _ => render::estimate_overview(&comparisons, references),
    };
    let chart = if chart.unwrap_or(false) {
        let names: HashMap<ActorId, String> = actors
            .iter()
            .map(|actor| (actor.id.clone(), actor.name.clone()))
            .collect();
        draw_chart(ctx, private, "estimates.png", move || {
            let comparisons: Vec<_> = groups.iter().map(|group| group.comparison()).collect();
            let name_of = |id: &ActorId| names.get(id).cloned().unwrap_or_else(|| id.to_string());
            estimates_png(&comparisons, &name_of, &ChartOptions::default())
        })
        .await?
    } else {
        None
    };
    send_pages_with_chart(ctx, pages, private, chart).await
}
