//! Lookups by name: definitions with suggestions, actors, measures and events, and an actor's
//! family. Candidates come from the `names` index; core's matching rules decide.

use std::sync::Arc;

use dossier_core::matching::MatchKind;
use dossier_core::{Actor, ActorId, Dossier, Event, Measure, Term};

use crate::backend::Transaction;
use crate::connection::Store;
use crate::error::StoreError;
use crate::names::{find_exact, suggestions, NameKind, StoredEntry};
use crate::records::{all_records, record_by_id, records_by_ids, Table};
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
        let mut transaction = self.backend.read().await?;
        let definition = match find_exact(transaction.executor(), NameKind::Term, query).await? {
            Some(found) => {
                match record_by_id(transaction.executor(), Table::Terms, &found.key).await? {
                    Some(term) => Definition::Found {
                        term,
                        kind: found.kind,
                    },
                    None => Definition::NotFound {
                        suggestions: Vec::new(),
                    },
                }
            }
            None => {
                let every_entry = self.small_kind(&mut transaction, NameKind::Term).await?;
                let ids = suggestions(
                    &mut transaction,
                    NameKind::Term,
                    query,
                    dossier_core::lookup::MAX_SUGGESTIONS,
                    every_entry.as_deref(),
                )
                .await?;
                let mut terms: Vec<Term> =
                    records_by_ids(transaction.executor(), Table::Terms, &ids).await?;
                // Keep core's ranking order rather than dossier order.
                terms.sort_by_key(|term| ids.iter().position(|id| id == term.id.as_str()));
                Definition::NotFound { suggestions: terms }
            }
        };
        transaction.commit().await?;
        Ok(definition)
    }

    /// Every entry of `kind` when it is a small kind of the dossier `transaction` reads.
    async fn small_kind(
        &self,
        transaction: &mut Transaction,
        kind: NameKind,
    ) -> Result<Option<Arc<[StoredEntry]>>, StoreError> {
        let hash = content_hash(transaction.executor()).await?;
        self.small_kinds
            .entries(transaction, hash.as_deref(), kind)
            .await
    }

    /// The actor whose id, name or alias is `query` (folded).
    pub async fn resolve_actor(&self, query: &str) -> Result<Option<Actor>, StoreError> {
        self.resolve(NameKind::Actor, Table::Actors, query).await
    }

    /// The measure whose id, name or alias is `query` (folded).
    pub async fn resolve_measure(&self, query: &str) -> Result<Option<Measure>, StoreError> {
        self.resolve(NameKind::Measure, Table::Measures, query)
            .await
    }

    /// The event whose id or headline is `query` (folded).
    pub async fn resolve_event(&self, query: &str) -> Result<Option<Event>, StoreError> {
        self.resolve(NameKind::Event, Table::Events, query).await
    }

    async fn resolve<T: serde::de::DeserializeOwned>(
        &self,
        kind: NameKind,
        table: Table,
        query: &str,
    ) -> Result<Option<T>, StoreError> {
        let mut transaction = self.backend.read().await?;
        let found = match find_exact(transaction.executor(), kind, query).await? {
            Some(found) => record_by_id(transaction.executor(), table, &found.key).await?,
            None => None,
        };
        transaction.commit().await?;
        Ok(found)
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
