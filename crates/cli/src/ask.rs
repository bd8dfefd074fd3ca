//! Turns a parsed command into an [`Answer`] from the store: parsing and asking, no rendering.

use std::collections::HashMap;

use anyhow::{bail, Context as _};
use dossier_core::{
    Actor, ActorId, Claim, Edtf, Event, EventId, MatchKind, Source, SourceId, Term,
};
use dossier_store::{
    Choice, Hit, ImportReport, MeasureEstimates, RecordCounts, Store, TimelineQuery,
};

use crate::args::Command;

/// What a question found.
pub(crate) enum Answer {
    Timeline {
        events: Vec<Event>,
        total: usize,
    },
    Event(Box<Event>),
    Definition {
        term: Box<Term>,
        kind: MatchKind,
        see_also: Vec<Term>,
    },
    Glossary(Vec<Term>),
    Estimates(Vec<MeasureEstimates>),
    Claims(Vec<Claim>),
    Search {
        query: String,
        hits: Vec<Hit>,
    },
    Sources(Vec<Source>),
    About(RecordCounts),
}

/// A name that matched nothing, with the closest names.
pub(crate) struct NotFound {
    pub(crate) what: &'static str,
    pub(crate) query: String,
    pub(crate) suggestions: Vec<String>,
}

/// What the text renderer needs besides the answer: names of actors and sources.
pub(crate) struct Names {
    actors: HashMap<ActorId, String>,
    pub(crate) sources: HashMap<SourceId, Source>,
}

impl Names {
    pub(crate) async fn load(store: &Store) -> anyhow::Result<Names> {
        let actors = store.actors().await?;
        let sources = store.sources().await?;
        Ok(Names {
            actors: actors
                .into_iter()
                .map(|actor: Actor| (actor.id, actor.name))
                .collect(),
            sources: sources
                .into_iter()
                .map(|source| (source.id.clone(), source))
                .collect(),
        })
    }

    pub(crate) fn actor(&self, id: &ActorId) -> String {
        self.actors
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

fn labels(choices: Vec<Choice>) -> Vec<String> {
    choices
        .into_iter()
        .take(5)
        .map(|choice| choice.label)
        .collect()
}

fn parse_date(flag: &str, text: Option<&str>) -> anyhow::Result<Option<Edtf>> {
    text.map(|text| {
        text.parse::<Edtf>().with_context(|| {
            format!("--{flag} takes an EDTF date such as 2025, 2025-01 or 2025-04-27")
        })
    })
    .transpose()
}

/// The actor named `query` with every actor that is part of it, or the closest names.
async fn actor_family(
    store: &Store,
    query: &str,
) -> anyhow::Result<Result<Vec<ActorId>, NotFound>> {
    match store.resolve_actor(query).await? {
        Some(actor) => Ok(Ok(store.actor_family(&actor.id).await?)),
        None => Ok(Err(NotFound {
            what: "actor",
            query: query.to_owned(),
            suggestions: labels(store.complete_actors(query).await?),
        })),
    }
}

/// Answers `command` from `store`; `Err(NotFound)` inside when a name matched nothing.
pub(crate) async fn ask(
    store: &Store,
    command: Command,
) -> anyhow::Result<Result<Answer, NotFound>> {
    let answer = match command {
        Command::Timeline {
            from,
            to,
            actor,
            query,
            ..
        } => {
            let actors = match actor {
                Some(actor) => match actor_family(store, &actor).await? {
                    Ok(family) => family,
                    Err(not_found) => return Ok(Err(not_found)),
                },
                None => Vec::new(),
            };
            let query = TimelineQuery {
                from: parse_date("from", from.as_deref())?,
                to: parse_date("to", to.as_deref())?,
                actors,
                text: query.filter(|text| !text.trim().is_empty()),
            };
            let page = store.timeline(&query, 0, usize::MAX).await?;
            Answer::Timeline {
                events: page.events,
                total: page.total,
            }
        }
        Command::Event { id } => {
            let by_id = match id.parse::<EventId>() {
                Ok(event_id) => store.event(&event_id).await?,
                Err(_) => None,
            };
            let found = match by_id {
                Some(event) => Some(event),
                None => store.resolve_event(&id).await?,
            };
            match found {
                Some(event) => Answer::Event(Box::new(event)),
                None => {
                    return Ok(Err(NotFound {
                        what: "event",
                        suggestions: store
                            .complete_events(&id)
                            .await?
                            .into_iter()
                            .take(5)
                            .map(|choice| format!("{} ({})", choice.value, choice.label))
                            .collect(),
                        query: id,
                    }))
                }
            }
        }
        Command::Define { term } => {
            let query = term.join(" ");
            if query.trim().is_empty() {
                bail!("define needs a term, e.g. `dossier define KCNA`");
            }
            match store.define(&query).await? {
                dossier_store::Definition::Found { term, kind } => {
                    let mut see_also = Vec::new();
                    for id in &term.see_also {
                        see_also.extend(store.term(id).await?);
                    }
                    Answer::Definition {
                        term: Box::new(term),
                        kind,
                        see_also,
                    }
                }
                dossier_store::Definition::NotFound { suggestions } => {
                    return Ok(Err(NotFound {
                        what: "term",
                        query,
                        suggestions: suggestions.into_iter().map(|term| term.name).collect(),
                    }))
                }
            }
        }
        Command::Glossary => Answer::Glossary(store.glossary().await?),
        Command::Estimates { measure, .. } => {
            let query = measure.join(" ");
            if query.trim().is_empty() {
                Answer::Estimates(store.estimates(None).await?)
            } else {
                match store.resolve_measure(&query).await? {
                    Some(measure) => Answer::Estimates(store.estimates(Some(&measure.id)).await?),
                    None => {
                        return Ok(Err(NotFound {
                            what: "measure",
                            suggestions: labels(store.complete_measures(&query).await?),
                            query,
                        }))
                    }
                }
            }
        }
        Command::Claims { actor } => {
            let actors = match actor {
                Some(actor) => match actor_family(store, &actor).await? {
                    Ok(family) => family,
                    Err(not_found) => return Ok(Err(not_found)),
                },
                None => Vec::new(),
            };
            Answer::Claims(store.claims(&actors).await?)
        }
        Command::Search { query } => {
            let query = query.join(" ");
            if query.trim().is_empty() {
                bail!("search needs words to look for, e.g. `dossier search casualties`");
            }
            let hits = store.search(&query, 20).await?;
            Answer::Search { query, hits }
        }
        Command::Sources => Answer::Sources(store.sources().await?),
        Command::About => Answer::About(RecordCounts::of(&store.dossier().await?)),
        Command::Validate { .. } | Command::Import { .. } => {
            bail!("validate and import are not questions")
        }
    };
    Ok(Ok(answer))
}

/// One line on what an import did.
pub(crate) fn describe_import(report: &ImportReport) -> String {
    let counts = &report.counts;
    let what = format!(
        "{} events, {} estimates, {} terms, {} claims, {} actors",
        counts.events, counts.estimates, counts.terms, counts.claims, counts.actors
    );
    let short = |hash: &str| hash.chars().take(12).collect::<String>();
    match (&report.previous_hash, report.changed) {
        (_, false) => format!(
            "unchanged: the database already holds this dossier ({what}, {})",
            short(&report.hash)
        ),
        (None, true) => format!("imported {what} ({})", short(&report.hash)),
        (Some(previous), true) => format!(
            "replaced dossier {} with {} ({what})",
            short(previous),
            short(&report.hash)
        ),
    }
}
