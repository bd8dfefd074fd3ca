//! Every answer as plain data (`Page`, `EmbedSpec`), inside every Discord limit.
//!
//! This is the one place that knows Discord's sizes: embeds are built here from core records,
//! user and dossier text is escaped here, long answers are split into pages here, and
//! [`discord`] turns the plain data into serenity builders at the edge.

mod answers;
pub mod buttons;
pub mod discord;
pub mod escape;
pub mod limits;
mod notices;
pub mod paging;
pub mod spec;

#[cfg(test)]
mod adversarial_tests;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod server_adversarial_tests;
#[cfg(test)]
mod snapshot_tests;

use std::collections::BTreeSet;

use dossier_core::{Actor, ActorId, Citation, Source};

pub use answers::*;
pub use notices::*;
pub use spec::{EmbedSpec, FieldSpec, Page};

/// Side colours, one per kind of answer.
pub(crate) mod colour {
    /// Events and the timeline.
    pub(crate) const EVENT: u32 = 0x3B82F6;
    /// Glossary terms.
    pub(crate) const TERM: u32 = 0x10B981;
    /// Estimates that agree, or a single figure.
    pub(crate) const ESTIMATE: u32 = 0xF59E0B;
    /// Estimates whose sources disagree.
    pub(crate) const DISAGREEMENT: u32 = 0xEF4444;
    /// Claims.
    pub(crate) const CLAIM: u32 = 0x8B5CF6;
    /// Search results.
    pub(crate) const SEARCH: u32 = 0x06B6D4;
    /// About, help, sources, ping.
    pub(crate) const INFO: u32 = 0x64748B;
    /// A server's own glossary entries.
    pub(crate) const SERVER: u32 = 0x14B8A6;
    /// Nothing found, or a polite refusal.
    pub(crate) const NOTICE: u32 = 0x9CA3AF;
    /// Something failed on our side.
    pub(crate) const FAILURE: u32 = 0xDC2626;
}

/// What an answer needs besides its own records: who actors are and which reports exist, to
/// name people and cite sections.
#[derive(Debug, Clone, Copy)]
pub struct References<'a> {
    /// Every report in the dossier.
    pub sources: &'a [Source],
    /// Every actor in the dossier.
    pub actors: &'a [Actor],
}

impl<'a> References<'a> {
    /// References over these records.
    pub fn new(sources: &'a [Source], actors: &'a [Actor]) -> Self {
        Self { sources, actors }
    }

    /// The actor's display name, or its id when unknown.
    pub fn actor_name(&self, id: &ActorId) -> String {
        self.actors
            .iter()
            .find(|actor| &actor.id == id)
            .map_or_else(|| id.to_string(), |actor| actor.name.clone())
    }

    /// The footer citing where the answer comes from: the report, its date and the sections,
    /// e.g. "goover General Report, 28 Apr 2025 · “North Korea’s First…” · § Summary; § Glossary".
    pub fn cite(&self, citations: &[Citation]) -> String {
        let mut lines = Vec::new();
        let mut seen_sources = BTreeSet::new();
        for citation in citations {
            if !seen_sources.insert(citation.source.as_str()) {
                continue;
            }
            let sections: Vec<String> = unique_sections(citations, citation.source.as_str())
                .into_iter()
                .map(|section| format!("§ {section}"))
                .collect();
            let report = match self.sources.iter().find(|s| s.id == citation.source) {
                Some(source) => format!(
                    "{} {}, {} · “{}”",
                    source.publisher,
                    source.kind,
                    source.date.human(),
                    limits::trim(&source.title, 90)
                ),
                None => citation.source.to_string(),
            };
            lines.push(format!("{report} · {}", sections.join("; ")));
        }
        if lines.is_empty() {
            return "Source: the report".to_owned();
        }
        escape::neutralise(&lines.join(" | "))
    }

    /// The footer for answers drawn from the whole dossier rather than one section.
    pub fn cite_dossier(&self) -> String {
        match self.sources {
            [] => "Dossier".to_owned(),
            [source] => escape::neutralise(&format!(
                "{} {}, {} · “{}”",
                source.publisher,
                source.kind,
                source.date.human(),
                limits::trim(&source.title, 90)
            )),
            many => format!("Drawn from {} reports", many.len()),
        }
    }
}

/// The distinct sections cited from one source, in citation order.
fn unique_sections<'c>(citations: &'c [Citation], source: &str) -> Vec<&'c str> {
    let mut sections: Vec<&str> = Vec::new();
    for citation in citations.iter().filter(|c| c.source.as_str() == source) {
        if !sections.contains(&citation.section.as_str()) {
            sections.push(&citation.section);
        }
    }
    sections
}
