//! Lookups by name: definitions with suggestions, actors, measures and events, and an actor's
//! family. Candidates come from the `names` index (an exact match's with their records, in one
//! statement); core's matching rules decide.

use dossier_core::matching::MatchKind;
use dossier_core::text::fold;
use dossier_core::{Actor, ActorId, Dossier, Event, Measure, Term};

use crate::connection::Store;
use crate::error::StoreError;
use crate::names::{suggestions, NameKind};
use crate::records::{all_records, records_by_ids, records_named, Table};
use crate::references::content_hash;

/// The answer to `/define`: the term, or the closest terms when none matches.
#[derive(Debug, Clone, PartialEq)]
pub enum Definition {
    /// The query is the term's name, expansion, alias or id.
    Found {
        /// The term.
        term: Term,
        /// Whether it matched the name ([`MatchKind::Exact`]) or another name
        /// ([`MatchKind::Alias`]).
        kind: MatchKind,
    },
    /// Nothing matched exactly.
    NotFound {
        /// Close spellings, best first (at most [`dossier_core::lookup::MAX_SUGGESTIONS`]).
        suggestions: Vec<Term>,
    },
}

impl Store {
    /// Looks a term up by name, expansion, alias or id, ignoring case, punctuation and
    /// diacritics, with "did you mean" suggestions when nothing matches (core's
    /// [`Dossier::define`] rules).
    pub async fn define(&self, query: &str) -> Result<Definition, StoreError> {
        let terms = self.named(Table::Terms, NameKind::Term, query).await?;
        let candidates = Dossier {
            terms,
            ..Dossier::default()
        };
        if let dossier_core::lookup::Definition::Found { term, kind } = candidates.define(query) {
            return Ok(Definition::Found {
                term: term.clone(),
                kind,
            });
        }
        let mut transaction = self.backend.read().await?;
        let hash = content_hash(transaction.executor()).await?;
        let remembered = self
            .remembered(&mut transaction, hash.as_deref(), NameKind::Term)
            .await?;
        let ids = suggestions(
            &mut transaction,
            NameKind::Term,
            query,
            dossier_core::lookup::MAX_SUGGESTIONS,
            &remembered,
        )
        .await?;
        let mut terms: Vec<Term> =
            records_by_ids(transaction.executor(), Table::Terms, &ids).await?;
        transaction.commit().await?;
        // Keep core's ranking order rather than dossier order.
        terms.sort_by_key(|term| ids.iter().position(|id| id == term.id.as_str()));
        Ok(Definition::NotFound { suggestions: terms })
    }

    /// The records of `table` with a name of `kind` that is `query` once folded: the few an
    /// exact match chooses from, read in one statement. Core's rules then choose.
    async fn named<T: serde::de::DeserializeOwned>(
        &self,
        table: Table,
        kind: NameKind,
        query: &str,
    ) -> Result<Vec<T>, StoreError> {
        let folded = fold(query);
        if folded.is_empty() {
            return Ok(Vec::new());
        }
        records_named(self.backend.executor(), table, kind, &folded).await
    }

    /// The actor whose id, name or alias is `query` (folded).
    pub async fn resolve_actor(&self, query: &str) -> Result<Option<Actor>, StoreError> {
        let actors = self.named(Table::Actors, NameKind::Actor, query).await?;
        let candidates = Dossier {
            actors,
            ..Dossier::default()
        };
        Ok(candidates.resolve_actor(query).cloned())
    }

    /// The measure whose id, name or alias is `query` (folded).
    pub async fn resolve_measure(&self, query: &str) -> Result<Option<Measure>, StoreError> {
        let measures = self
            .named(Table::Measures, NameKind::Measure, query)
            .await?;
        let candidates = Dossier {
            measures,
            ..Dossier::default()
        };
        Ok(candidates.resolve_measure(query).cloned())
    }

    /// The event whose id or headline is `query` (folded).
    pub async fn resolve_event(&self, query: &str) -> Result<Option<Event>, StoreError> {
        let events = self.named(Table::Events, NameKind::Event, query).await?;
        let candidates = Dossier {
            events,
            ..Dossier::default()
        };
        Ok(candidates.resolve_event(query).cloned())
    }

    /// The actor and every actor that is part of it, directly or through others, with `id`
    /// first (core's [`Dossier::actor_family`]).
    pub async fn actor_family(&self, id: &ActorId) -> Result<Vec<ActorId>, StoreError> {
        let actors: Vec<Actor> = all_records(self.backend.executor(), Table::Actors).await?;
        let dossier = Dossier {
            actors,
            ..Dossier::default()
        };
        Ok(dossier.actor_family(id))
    }
}
