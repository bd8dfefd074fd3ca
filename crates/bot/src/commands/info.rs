//! `/sources`, `/about`, `/help` and `/ping`.

use dossier_store::RecordCounts;

use crate::commands::respond::{reference_records, send_page, send_pages};
use crate::render::{self, CommandHelp, DossierCounts, References};
use crate::types::{Context, Error};

/// The reports behind every answer, with their sections
#[poise::command(slash_command)]
pub(crate) async fn sources(
    ctx: Context<'_>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let sources = ctx.data().store.sources().await?;
    send_pages(ctx, render::sources(&sources), private).await
}

/// What Dossier is and what it holds
#[poise::command(slash_command)]
pub(crate) async fn about(
    ctx: Context<'_>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let dossier = ctx.data().store.dossier().await?;
    let counts = RecordCounts::of(&dossier);
    let (sources, actors) = reference_records(ctx).await?;
    let page = render::about(
        DossierCounts {
            events: counts.events,
            terms: counts.terms,
            measures: counts.measures,
            estimates: counts.estimates,
            claims: counts.claims,
            actors: counts.actors,
        },
        env!("CARGO_PKG_VERSION"),
        References::new(&sources, &actors),
    );
    send_page(ctx, page, private).await
}

/// Every command and what it answers
#[poise::command(slash_command)]
pub(crate) async fn help(
    ctx: Context<'_>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let commands: Vec<CommandHelp> = ctx
        .framework()
        .options()
        .commands
        .iter()
        .map(|command| {
            let options: Vec<String> = command
                .parameters
                .iter()
                .filter(|parameter| parameter.name != "private")
                .map(|parameter| {
                    if parameter.required {
                        parameter.name.to_string()
                    } else {
                        format!("[{}]", parameter.name)
                    }
                })
                .collect();
            CommandHelp {
                usage: format!("/{} {}", command.name, options.join(" "))
                    .trim_end()
                    .to_owned(),
                description: command
                    .description
                    .as_deref()
                    .unwrap_or_default()
                    .to_owned(),
            }
        })
        .collect();
    send_page(ctx, render::help(&commands), private).await
}

/// Check that the bot is answering, with the gateway latency
#[poise::command(slash_command)]
pub(crate) async fn ping(
    ctx: Context<'_>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let latency = ctx.ping().await;
    let measured = (!latency.is_zero()).then_some(latency);
    send_page(ctx, render::ping(measured), private).await
}
