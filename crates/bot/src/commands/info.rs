//! `/sources`, `/about`, `/help` and `/ping`.

use dossier_store::RecordCounts;

use crate::commands::respond::{reference_records, send_page, send_pages};
use crate::render::{self, CommandHelp, DossierCounts, References};
use crate::types::{Context, Data, Error};

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
    let mut commands = Vec::new();
    for command in &ctx.framework().options().commands {
        command_help("/", command, &mut commands);
    }
    send_page(ctx, render::help(&commands), private).await
}

/// The usage and description of `command`, whose usage starts with `prefix` ("/" at the top,
/// "/term " under /term), or of each of its subcommands when it has them, appended to `into`.
fn command_help(prefix: &str, command: &poise::Command<Data, Error>, into: &mut Vec<CommandHelp>) {
    let path = format!("{prefix}{}", command.name);
    if !command.subcommands.is_empty() {
        for subcommand in &command.subcommands {
            command_help(&format!("{path} "), subcommand, into);
        }
        return;
    }
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
    into.push(CommandHelp {
        usage: format!("{path} {}", options.join(" "))
            .trim_end()
            .to_owned(),
        description: command
            .description
            .as_deref()
            .unwrap_or_default()
            .to_owned(),
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_each_subcommand_with_its_options() {
        let mut lines = Vec::new();
        for command in &crate::commands::all() {
            command_help("/", command, &mut lines);
        }
        let usages: Vec<&str> = lines.iter().map(|line| line.usage.as_str()).collect();
        for expected in [
            "/define term",
            "/term add name definition [aliases]",
            "/term edit name [definition] [aliases] [version]",
            "/term list",
            "/term config moderator-role [role]",
            "/stats",
        ] {
            assert!(usages.contains(&expected), "{expected} in {usages:?}");
        }
        assert!(!usages.contains(&"/term"), "a group is not a command");
        let page = render::help(&lines);
        assert!(page.within_limits());
        assert_eq!(page.embeds[0].fields.len(), lines.len(), "nothing cut");
    }
}
