//! `/sources`, `/about`, `/help` and `/ping`.

use std::time::Duration;

use dossier_core::Source;

use crate::render::escape::escape;
use crate::render::paging::number;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// How many records of each kind the dossier holds, for `/about`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DossierCounts {
    /// Dated events.
    pub events: usize,
    /// Glossary terms.
    pub terms: usize,
    /// Measures with estimates.
    pub measures: usize,
    /// Estimates.
    pub estimates: usize,
    /// Claims.
    pub claims: usize,
    /// Actors.
    pub actors: usize,
}

/// One line of `/help`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandHelp {
    /// "/timeline [from] [to] [actor] [query]".
    pub usage: String,
    /// What it answers.
    pub description: String,
}

/// Every report in the dossier, one page each: publisher, kind, date, link and sections.
pub fn sources(sources: &[Source]) -> Vec<Page> {
    if sources.is_empty() {
        return vec![Page::embed(EmbedSpec {
            title: "Sources".to_owned(),
            description: "The dossier cites no reports.".to_owned(),
            colour: colour::INFO,
            ..EmbedSpec::default()
        })];
    }
    let embeds = sources
        .iter()
        .map(|source| {
            let sections: Vec<String> = source
                .sections
                .iter()
                .enumerate()
                .map(|(index, section)| format!("{}. {}", index + 1, escape(section)))
                .collect();
            EmbedSpec {
                title: escape(&source.title),
                url: source.url.clone(),
                description: "Every answer cites this report and the section it comes from."
                    .to_owned(),
                fields: vec![
                    FieldSpec::inline("Publisher", escape(&source.publisher)),
                    FieldSpec::inline("Kind", escape(&source.kind)),
                    FieldSpec::inline("Date", escape(&source.date.human())),
                    FieldSpec::new("Sections", sections.join("\n")),
                    FieldSpec::inline("Id", format!("`{}`", source.id)),
                ],
                colour: colour::INFO,
                ..EmbedSpec::default()
            }
        })
        .collect();
    number(embeds)
}

/// What Dossier is, what it holds and where it comes from.
pub fn about(counts: DossierCounts, version: &str, references: References<'_>) -> Page {
    let report = match references.sources {
        [source] => format!("the report “{}”", escape(&source.title)),
        many => format!("{} reports", many.len()),
    };
    let held = format!(
        "{} events · {} glossary terms · {} estimates of {} quantities · {} claims · {} actors",
        counts.events,
        counts.terms,
        counts.estimates,
        counts.measures,
        counts.claims,
        counts.actors
    );
    Page::embed(EmbedSpec {
        title: "About Dossier".to_owned(),
        description: format!(
            "Dossier answers questions about {report}: its dated events, its estimates with who \
             made them and when, its glossary and the claims its actors make. Every answer cites \
             the section it comes from; dates keep the precision the report gives, and where \
             sources disagree every figure is shown side by side."
        ),
        fields: vec![
            FieldSpec::new("In the dossier", held),
            FieldSpec::new("Start with", "`/help`, `/timeline`, `/define term:KCNA`"),
        ],
        footer: Some(format!("Dossier {version} · {}", references.cite_dossier())),
        colour: colour::INFO,
        ..EmbedSpec::default()
    })
    .fit()
}

/// Every command with what it answers.
pub fn help(commands: &[CommandHelp]) -> Page {
    let fields = commands
        .iter()
        .map(|command| FieldSpec::new(&command.usage, &command.description))
        .collect();
    Page::embed(EmbedSpec {
        title: "Dossier commands".to_owned(),
        description: "Options in [brackets] are optional; most offer suggestions as you type. \
                      Add `private:True` to any command to get an answer only you can see."
            .to_owned(),
        fields,
        colour: colour::INFO,
        ..EmbedSpec::default()
    })
    .fit()
}

/// The answer to `/ping`: the gateway heartbeat latency when known.
pub fn ping(gateway_latency: Option<Duration>) -> Page {
    let description = match gateway_latency {
        Some(latency) => format!("Pong! Gateway heartbeat: {} ms.", latency.as_millis()),
        None => "Pong! The gateway heartbeat has not been measured yet.".to_owned(),
    };
    Page::embed(EmbedSpec {
        title: "Pong".to_owned(),
        description: limits::trim(&description, limits::DESCRIPTION),
        colour: colour::INFO,
        ..EmbedSpec::default()
    })
}
