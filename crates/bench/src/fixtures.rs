//! Databases to measure against: a dossier imported into a store file in a temporary folder,
//! with sample questions drawn from the dossier so every query asks about something real.

use std::path::Path;
use std::time::{Duration, Instant};

use dossier_core::{Dossier, EventId, MeasureId, TimelineQuery};
use dossier_store::{Store, StoreError};
use fastrand::Rng;
use tempfile::TempDir;

/// Questions to ask of a dossier: names that exist, names that do not, ids, filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    /// Ids of existing events.
    pub event_ids: Vec<EventId>,
    /// Terms' display names (an exact match).
    pub term_names: Vec<String>,
    /// Terms' other names: expansions and aliases (an alias match).
    pub term_aliases: Vec<String>,
    /// Terms' names with two letters swapped: no exact match, suggestions expected.
    pub misspellings: Vec<String>,
    /// What a user has typed so far: the first 1, 2 and 3 letters of term names.
    pub typed_prefixes: [Vec<String>; 3],
    /// Measures with estimates.
    pub measure_ids: Vec<MeasureId>,
    /// A timeline filter on one year (2024).
    pub date_filter: TimelineQuery,
    /// A timeline filter on the first actor, who takes part in most events.
    pub actor_filter: TimelineQuery,
    /// Search queries: one or two words that occur in the dossier.
    pub searches: Vec<String>,
    /// What a user types to find an event: the first two letters of its headline, or of a later
    /// word of it (a word they remember).
    pub event_prefixes: [Vec<String>; 2],
}

/// Swaps the second and third letters: "Corridor" → "Crorido" style misspellings that core's
/// fuzzy rule still recognises.
fn misspell(name: &str) -> String {
    let mut characters: Vec<char> = name.chars().collect();
    if characters.len() > 3 {
        characters.swap(1, 2);
    } else {
        characters.push('x');
    }
    characters.into_iter().collect()
}

const SAMPLE_COUNT: usize = 64;

/// Sample questions about `dossier`, the same for the same seed.
pub fn samples_of(dossier: &Dossier, seed: u64) -> Samples {
    let mut rng = Rng::with_seed(seed);
    let mut some = |len: usize| -> Vec<usize> {
        (0..SAMPLE_COUNT.min(len.max(1)))
            .filter(|_| len > 0)
            .map(|_| rng.usize(0..len))
            .collect()
    };
    let terms = &dossier.terms;
    let term_picks = some(terms.len());
    let term_names: Vec<String> = term_picks.iter().map(|&i| terms[i].name.clone()).collect();
    let term_aliases = term_picks
        .iter()
        .filter_map(|&i| {
            let term = &terms[i];
            term.expansion
                .clone()
                .or_else(|| term.aliases.first().cloned())
        })
        .collect();
    let misspellings = term_names.iter().map(|name| misspell(name)).collect();
    let typed_prefixes = [1, 2, 3].map(|length| {
        term_names
            .iter()
            .map(|name| name.chars().take(length).collect::<String>().to_lowercase())
            .collect()
    });
    let event_ids = some(dossier.events.len())
        .into_iter()
        .map(|i| dossier.events[i].id.clone())
        .collect();
    let measure_ids = some(dossier.measures.len())
        .into_iter()
        .map(|i| dossier.measures[i].id.clone())
        .filter(|id| {
            dossier
                .estimates
                .iter()
                .any(|estimate| &estimate.measure == id)
        })
        .collect();
    let date_filter = TimelineQuery {
        from: "2024".parse().ok(),
        to: "2024".parse().ok(),
        ..TimelineQuery::default()
    };
    let actor_filter = TimelineQuery {
        actors: dossier
            .actors
            .first()
            .map(|actor| actor.id.clone())
            .into_iter()
            .collect(),
        ..TimelineQuery::default()
    };
    let searches = some(dossier.events.len())
        .into_iter()
        .map(|i| {
            let words: Vec<&str> = dossier.events[i].headline.split(' ').collect();
            let at = rng.usize(0..words.len().saturating_sub(1).max(1));
            words[at..(at + 2).min(words.len())].join(" ")
        })
        .collect();
    // Drawn last, so the samples above stay those of earlier rounds.
    let events = dossier.events.len();
    let event_prefixes = [false, true].map(|later_word| {
        (0..SAMPLE_COUNT.min(events))
            .map(|_| {
                let words: Vec<&str> = dossier.events[rng.usize(0..events)]
                    .headline
                    .split(' ')
                    .collect();
                let at = if later_word && words.len() > 1 {
                    rng.usize(1..words.len())
                } else {
                    0
                };
                words[at].chars().take(2).collect::<String>().to_lowercase()
            })
            .collect()
    });
    Samples {
        event_ids,
        term_names,
        term_aliases,
        misspellings,
        typed_prefixes,
        measure_ids,
        date_filter,
        actor_filter,
        searches,
        event_prefixes,
    }
}

/// Why a database could not be prepared.
#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    /// The temporary folder could not be made.
    #[error("cannot create a temporary folder: {0}")]
    Io(#[from] std::io::Error),
    /// The store failed to open or import.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A store file holding one dossier, deleted with the value.
#[derive(Debug)]
pub struct PreparedStore {
    /// The open store.
    pub store: Store,
    /// How long [`Store::import`] took.
    pub import_time: Duration,
    /// The temporary folder holding the database file.
    dir: TempDir,
}

impl PreparedStore {
    /// Imports `dossier` into a new database file in a temporary folder.
    pub async fn new(dossier: &Dossier) -> Result<PreparedStore, FixtureError> {
        let dir = TempDir::with_prefix("dossier-bench-")?;
        let store = Store::open_path(&dir.path().join("dossier.db")).await?;
        let started = Instant::now();
        store.import(dossier).await?;
        let import_time = started.elapsed();
        Ok(PreparedStore {
            store,
            import_time,
            dir,
        })
    }

    /// The database file.
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("dossier.db")
    }
}

/// Imports `dossier` into the database file at `path` (created if missing) and returns how
/// long the import took.
pub async fn import_into(path: &Path, dossier: &Dossier) -> Result<Duration, StoreError> {
    let store = Store::open_path(path).await?;
    let started = Instant::now();
    store.import(dossier).await?;
    let elapsed = started.elapsed();
    store.close().await;
    Ok(elapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_prefixes_start_a_headline_or_a_later_word_of_one() {
        let dossier = dossier_core::embedded();
        let [starts, later] = samples_of(dossier, 3).event_prefixes;
        assert!(!starts.is_empty() && !later.is_empty());
        let words = |later_word: bool| -> Vec<String> {
            dossier
                .events
                .iter()
                .flat_map(|event| {
                    let words: Vec<String> =
                        event.headline.split(' ').map(str::to_lowercase).collect();
                    if later_word {
                        words[1..].to_vec()
                    } else {
                        words[..1].to_vec()
                    }
                })
                .collect()
        };
        for (typed, words) in [(starts, words(false)), (later, words(true))] {
            for typed in &typed {
                assert!(
                    words.iter().any(|word| word.starts_with(typed.as_str())),
                    "{typed}"
                );
            }
        }
    }
}
