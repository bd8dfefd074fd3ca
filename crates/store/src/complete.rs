//! Autocomplete choices for terms, events, actors and measures, ranked by core.

use dossier_core::matching::MAX_CHOICES;
use dossier_core::text::{fold, truncate_words};
use dossier_core::Event;

use crate::backend::Transaction;
use crate::connection::Store;
use crate::error::StoreError;
use crate::first_keystroke::FirstKeystrokes;
use crate::names::{ranked, NameKind, NameMatch};
use crate::records::{records_by_ids, Table};
use crate::references::content_hash;
use crate::remembered::Remembered;

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
    /// The choices for `typed` among names of `kind`, from `choose` (which reads them in the
    /// transaction it is given, with what is remembered of the kind), or, for one typed
    /// character, as kept for this dossier.
    async fn complete(
        &self,
        kind: NameKind,
        typed: &str,
        choose: impl AsyncFnOnce(&mut Transaction, &Remembered) -> Result<Vec<Choice>, StoreError>,
    ) -> Result<Vec<Choice>, StoreError> {
        // One snapshot: the content hash, the candidates and their records are one dossier's.
        let mut transaction = self.backend.read().await?;
        let hash = content_hash(transaction.executor()).await?;
        let first_keystroke = FirstKeystrokes::applies_to(typed);
        if let Some(kept) = hash
            .as_deref()
            .filter(|_| first_keystroke)
            .and_then(|hash| self.first_keystrokes.get(hash, kind, typed))
        {
            transaction.commit().await?;
            return Ok(kept);
        }
        let remembered = self
            .remembered(&mut transaction, hash.as_deref(), kind)
            .await?;
        let choices = choose(&mut transaction, &remembered).await?;
        transaction.commit().await?;
        if let Some(hash) = hash.filter(|_| first_keystroke) {
            self.first_keystrokes.keep(&hash, kind, typed, &choices);
        }
        Ok(choices)
    }

    async fn complete_names(&self, kind: NameKind, typed: &str) -> Result<Vec<Choice>, StoreError> {
        self.complete(
            kind,
            typed,
            async |transaction: &mut Transaction, remembered: &Remembered| {
                let matches = ranked(transaction, kind, typed, MAX_CHOICES, remembered).await?;
                Ok(matches
                    .iter()
                    .map(|name_match| Choice {
                        value: name_match.id.clone(),
                        label: name_label(name_match),
                    })
                    .collect())
            },
        )
        .await
    }

    /// Answers, and keeps in memory, the choices of every kind of name for the common first
    /// keystrokes (`a`–`z`, `0`–`9`) about the dossier now loaded, so that the first user to
    /// type each of them after a launch is answered from memory too. Returns how many answers
    /// it keeps. Meant for the background: it read for about half a second at 100,000 events
    /// and 10,000 terms, and for 3–4 s at a million events (BENCHMARKS.md).
    pub async fn warm_first_keystrokes(&self) -> Result<usize, StoreError> {
        let mut answers = 0;
        for character in ('a'..='z').chain('0'..='9') {
            let typed = character.to_string();
            self.complete_terms(&typed).await?;
            self.complete_actors(&typed).await?;
            self.complete_measures(&typed).await?;
            self.complete_events(&typed).await?;
            answers += 4;
        }
        Ok(answers)
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
        self.complete(
            NameKind::Event,
            typed,
            async |transaction: &mut Transaction, remembered: &Remembered| {
                let matches =
                    ranked(transaction, NameKind::Event, typed, MAX_CHOICES, remembered).await?;
                let ids: Vec<String> = matches
                    .iter()
                    .map(|name_match| name_match.id.clone())
                    .collect();
                let events: Vec<Event> =
                    records_by_ids(transaction.executor(), Table::Events, &ids).await?;
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
            },
        )
        .await
    }
}
