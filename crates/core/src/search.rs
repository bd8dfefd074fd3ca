//! In-memory ranked search across every kind of record (the store keeps an FTS5 index for the
//! bot; this one serves the CLI and tests).

use std::cmp::Ordering;

use crate::model::Dossier;
use crate::text::{fold, folded_words, truncate_words};

/// Longest snippet a hit carries, in characters.
const SNIPPET_CHARS: usize = 160;

/// What kind of record a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HitKind {
    /// An [`crate::Event`].
    Event,
    /// An [`crate::Estimate`].
    Estimate,
    /// A glossary [`crate::Term`].
    Term,
    /// A [`crate::Claim`].
    Claim,
    /// An [`crate::Actor`].
    Actor,
}

impl HitKind {
    /// Lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Estimate => "estimate",
            Self::Term => "term",
            Self::Claim => "claim",
            Self::Actor => "actor",
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// What kind of record.
    pub kind: HitKind,
    /// The record's id.
    pub id: String,
    /// A one-line title.
    pub title: String,
    /// The start of the record's text.
    pub snippet: String,
    /// Relevance; higher is better.
    pub score: f64,
}

/// One record as search sees it: what it is, a title, the text shown in snippets, and more text
/// that only helps it be found. Both the in-memory search and the store's full-text index are
/// built from these, so the two read alike.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDocument<'a> {
    /// What kind of record.
    pub kind: HitKind,
    /// The record's id.
    pub id: &'a str,
    /// A one-line title.
    pub title: String,
    /// The main text, shown in snippets.
    pub body: &'a str,
    /// Names, tags and ids that help the record be found.
    pub extra: Vec<&'a str>,
}

/// A [`SearchDocument`] folded once for scoring.
struct Folded<'a> {
    document: SearchDocument<'a>,
    folded_title: String,
    folded_body: String,
}

impl<'a> Folded<'a> {
    fn new(document: SearchDocument<'a>) -> Self {
        let folded_body = std::iter::once(document.body)
            .chain(document.extra.iter().copied())
            .map(fold)
            .collect::<Vec<_>>()
            .join(" | ");
        Self {
            folded_title: fold(&document.title),
            folded_body,
            document,
        }
    }
}

/// How well one query word matches folded text: a whole word, the start of a word, or inside one.
fn word_quality(word: &str, folded: &str) -> f64 {
    let mut best: f64 = 0.0;
    for text_word in folded.split([' ', '|']) {
        if text_word == word {
            return 1.0;
        }
        if text_word.starts_with(word) {
            best = best.max(0.7);
        } else if text_word.contains(word) {
            best = best.max(0.3);
        }
    }
    best
}

fn score(document: &Folded<'_>, words: &[String], phrase: &str) -> Option<f64> {
    let mut total = 0.0;
    for word in words {
        let in_title = 3.0 * word_quality(word, &document.folded_title);
        let in_body = word_quality(word, &document.folded_body);
        let best = in_title.max(in_body);
        if best == 0.0 {
            return None;
        }
        total += best;
    }
    let mut score = total / words.len() as f64;
    if words.len() > 1 && document.folded_title.contains(phrase) {
        score += 2.0;
    } else if words.len() > 1 && document.folded_body.contains(phrase) {
        score += 0.5;
    }
    if document.folded_title == phrase {
        score += 3.0;
    }
    Some(score)
}

impl Dossier {
    /// Every record as a search document, in dossier order: events, estimates, terms, claims,
    /// actors.
    pub fn search_documents(&self) -> Vec<SearchDocument<'_>> {
        let mut documents = Vec::new();
        for event in &self.events {
            let mut extra: Vec<&str> = event.tags.iter().map(String::as_str).collect();
            extra.extend(event.actors.iter().map(|actor| self.actor_name(actor)));
            extra.push(event.id.as_str());
            documents.push(SearchDocument {
                kind: HitKind::Event,
                id: event.id.as_str(),
                title: event.headline.clone(),
                body: &event.summary,
                extra,
            });
        }
        for estimate in &self.estimates {
            let measure = self
                .measure(&estimate.measure)
                .map_or(estimate.measure.as_str(), |measure| measure.name.as_str());
            let who = estimate
                .assessed_by
                .as_ref()
                .map_or("unattributed", |actor| self.actor_name(actor));
            documents.push(SearchDocument {
                kind: HitKind::Estimate,
                id: estimate.id.as_str(),
                title: format!("{measure}: {} ({who})", estimate.figure_text()),
                body: estimate.note.as_deref().unwrap_or_default(),
                extra: vec![estimate.id.as_str()],
            });
        }
        for term in &self.terms {
            let mut extra: Vec<&str> = term.expansion.as_deref().into_iter().collect();
            extra.extend(term.aliases.iter().map(String::as_str));
            extra.push(term.id.as_str());
            documents.push(SearchDocument {
                kind: HitKind::Term,
                id: term.id.as_str(),
                title: term.name.clone(),
                body: &term.definition,
                extra,
            });
        }
        for claim in &self.claims {
            let mut extra: Vec<&str> = claim.excerpts.iter().map(String::as_str).collect();
            extra.push(claim.id.as_str());
            documents.push(SearchDocument {
                kind: HitKind::Claim,
                id: claim.id.as_str(),
                title: format!("{} ({})", self.actor_name(&claim.actor), claim.kind.label()),
                body: &claim.statement,
                extra,
            });
        }
        for actor in &self.actors {
            let mut extra: Vec<&str> = actor.aliases.iter().map(String::as_str).collect();
            extra.push(actor.id.as_str());
            documents.push(SearchDocument {
                kind: HitKind::Actor,
                id: actor.id.as_str(),
                title: actor.name.clone(),
                body: actor.description.as_deref().unwrap_or_default(),
                extra,
            });
        }
        documents
    }

    /// Records of every kind matching all words of `query` (folded; a word may be the start of
    /// a longer one), best first: title matches above body matches, whole phrases above
    /// scattered words. Ties by kind, then id. At most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let words = folded_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let phrase = words.join(" ");
        let mut hits: Vec<Hit> = self
            .search_documents()
            .into_iter()
            .map(Folded::new)
            .filter_map(|folded| {
                let score = score(&folded, &words, &phrase)?;
                let document = folded.document;
                Some(Hit {
                    kind: document.kind,
                    id: document.id.to_owned(),
                    snippet: truncate_words(document.body, SNIPPET_CHARS),
                    title: document.title,
                    score,
                })
            })
            .collect();
        hits.sort_by(by_relevance);
        hits.truncate(limit);
        hits
    }
}

/// Orders hits best first (for callers merging results).
pub fn by_relevance(a: &Hit, b: &Hit) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use crate::model::{ActorKind, Figure};
    use crate::test_dossier::DossierBuilder;

    use super::*;

    fn dossier() -> Dossier {
        DossierBuilder::new()
            .actor(
                "north-korea",
                "North Korea",
                ActorKind::State,
                &["DPRK"],
                None,
            )
            .actor(
                "kcna-agency",
                "Korean Central News Agency",
                ActorKind::Media,
                &["KCNA"],
                None,
            )
            .term("kcna", "KCNA", Some("Korean Central News Agency"), &[])
            .term("drone-warfare", "Drone Warfare", None, &[])
            .event(
                "kcna-confirms",
                "2025-04-28",
                "KCNA confirms troops in Kursk",
                &["north-korea"],
            )
            .event(
                "drone-losses",
                "2025-01",
                "Heavy losses to drones",
                &["north-korea"],
            )
            .measure("casualties", "Casualties")
            .estimate(
                "casualties-nis",
                "casualties",
                Figure::Point(4_000),
                None,
                None,
            )
            .claim(
                "kursk-liberated",
                "north-korea",
                Some("2025-04-28"),
                "The troops helped liberate Kursk.",
            )
            .build()
    }

    fn found(hits: &[Hit]) -> Vec<(HitKind, &str)> {
        hits.iter().map(|hit| (hit.kind, hit.id.as_str())).collect()
    }

    #[test]
    fn search_finds_every_kind_and_ranks_titles_first() {
        let dossier = dossier();
        let hits = dossier.search("KCNA", 10);
        assert_eq!(hits[0].kind, HitKind::Term);
        assert_eq!(hits[0].id, "kcna");
        let kinds: Vec<HitKind> = hits.iter().map(|hit| hit.kind).collect();
        assert!(kinds.contains(&HitKind::Event) && kinds.contains(&HitKind::Actor));
        assert!(hits.windows(2).all(|pair| pair[0].score >= pair[1].score));

        assert_eq!(
            found(&dossier.search("casualties", 10)),
            [(HitKind::Estimate, "casualties-nis")]
        );
        assert_eq!(
            found(&dossier.search("liberate", 10)),
            [(HitKind::Claim, "kursk-liberated")]
        );
    }

    #[test]
    fn every_word_must_match_and_prefixes_count() {
        let dossier = dossier();
        assert_eq!(
            found(&dossier.search("drone loss", 10)),
            [(HitKind::Event, "drone-losses")]
        );
        assert!(dossier.search("drone submarine", 10).is_empty());
        assert!(dossier.search("  ", 10).is_empty());
        assert_eq!(dossier.search("korea", 2).len(), 2);
    }

    #[test]
    fn snippets_are_short() {
        let dossier = DossierBuilder::new()
            .event("long", "2025", "Long", &[])
            .edit(|dossier| dossier.events[0].summary = "word ".repeat(200))
            .build();
        let hits = dossier.search("long", 5);
        assert!(hits[0].snippet.chars().count() <= SNIPPET_CHARS);
        assert!(hits[0].snippet.ends_with('…'));
    }
}
