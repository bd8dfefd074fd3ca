//! Autocomplete choices for terms, events, actors and measures, ranked by core.

use dossier_core::matching::MAX_CHOICES;
use dossier_core::text::{fold, truncate_words};
use dossier_core::Event;

use crate::connection::Store;
use crate::error::StoreError;
use crate::names::{ranked, NameKind, NameMatch};
use crate::records::{records_by_ids, Table};

/// Discord's limit on the length of a choice's name.
pub const MAX_CHOICE_LABEL_CHARS: usize = 100;

/// One autocomplete choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What the command receives: the record's id.
    pub value: String,
    /// What the user sees (at most [`MAX_CHOICE_LABEL_CHARS`] characters): the name, with the
    /// other name that matched in brackets when it was not the name; for events, the date
    /// and headline.
    pub label: String,
}

/// The label of a name match: "Name", or "Name (Alias)" when an alias matched.
fn name_label(name_match: &NameMatch) -> String {
    let matched = &name_match.matched.label;
    let label = if fold(matched) == fold(&name_match.name) || *matched == name_match.id {
        name_match.name.clone()
    } else {
        format!("{} ({matched})", name_match.name)
    };
    truncate_words(&label, MAX_CHOICE_LABEL_CHARS)
}

impl Store {
    async fn complete_names(&self, kind: NameKind, typed: &str) -> Result<Vec<Choice>, StoreError> {
        // One snapshot: the indexed candidates and the fallback come from the same dossier.
        let mut transaction = self.backend.read().await?;
        let matches = ranked(&mut transaction, kind, typed, MAX_CHOICES).await?;
        transaction.commit().await?;
        Ok(matches
            .iter()
            .map(|name_match| Choice {
                value: name_match.id.clone(),
                label: name_label(name_match),
            })
            .collect())
    }

    /// Glossary terms for what the user has typed so far, best first, at most
    /// [`MAX_CHOICES`].
    pub async fn complete_terms(&self, typed: &str) -> Result<Vec<Choice>, StoreError> {
        self.complete_names(NameKind::Term, typed).await
    }

    /// Actors for what the user has typed so far, best first, at most [`MAX_CHOICES`].
    pub async fn complete_actors(&self, typed: &str) -> Result<Vec<Choice>, StoreError> {
        self.complete_names(NameKind::Actor, typed).await
    }

    /// Measures for what the user has typed so far, best first, at most [`MAX_CHOICES`].
    pub async fn complete_measures(&self, typed: &str) -> Result<Vec<Choice>, StoreError> {
        self.complete_names(NameKind::Measure, typed).await
    }

    /// Events (by headline or id) for what the user has typed so far, best first, at most
    /// [`MAX_CHOICES`], labelled "date — headline".
    pub async fn complete_events(&self, typed: &str) -> Result<Vec<Choice>, StoreError> {
        let mut transaction = self.backend.read().await?;
        let matches = ranked(&mut transaction, NameKind::Event, typed, MAX_CHOICES).await?;
        let ids: Vec<String> = matches
            .iter()
            .map(|name_match| name_match.id.clone())
            .collect();
        let events: Vec<Event> =
            records_by_ids(transaction.executor(), Table::Events, &ids).await?;
        transaction.commit().await?;
        Ok(matches
            .iter()
            .map(|name_match| {
                let label = events
                    .iter()
                    .find(|event| event.id.as_str() == name_match.id)
                    .map_or_else(
                        || name_match.name.clone(),
                        |event| format!("{} — {}", event.date.human(), event.headline),
                    );
                Choice {
                    value: name_match.id.clone(),
                    label: truncate_words(&label, MAX_CHOICE_LABEL_CHARS),
                }
            })
            .collect())
    }
}
