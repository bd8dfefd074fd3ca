//! The sources and actors nearly every answer cites, kept in memory per imported dossier: a
//! dossier never changes under its content hash, so each read asks only for the hash and
//! decodes the records again only after an import (by this process or any other).

use std::sync::{Arc, Mutex, PoisonError};

use dossier_core::{Actor, Source};

use crate::backend::{Executor, Statement};
use crate::connection::Store;
use crate::error::StoreError;
use crate::records::{all_records, Table};

/// The imported dossier's content hash: what every per-dossier memory is kept under.
const CONTENT_HASH_SQL: &str = "SELECT content_hash FROM dossier_meta WHERE singleton = 1";

/// The content hash of the dossier `executor` reads; `None` before any import.
pub(crate) async fn content_hash(executor: Executor<'_>) -> Result<Option<String>, StoreError> {
    Ok(executor
        .fetch_optional_value(Statement::new(CONTENT_HASH_SQL))
        .await?)
}

/// Every source and every actor of one dossier, in dossier order. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReferenceRecords {
    /// The reports cited, for naming sections.
    pub sources: Arc<[Source]>,
    /// The actors, for naming people and bodies.
    pub actors: Arc<[Actor]>,
}

/// The records of the dossier with one content hash.
#[derive(Debug, Default)]
pub(crate) struct ReferenceCache {
    cached: Mutex<Option<(String, ReferenceRecords)>>,
}

impl ReferenceCache {
    fn get(&self, hash: &str) -> Option<ReferenceRecords> {
        let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|(cached_hash, _)| cached_hash == hash)
            .map(|(_, records)| records.clone())
    }

    fn keep(&self, hash: String, records: ReferenceRecords) {
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some((hash, records));
    }
}

impl Store {
    /// Every source and actor, for citing sections and naming people: the same as
    /// [`Store::sources`] and [`Store::actors`] read in one snapshot, but decoded once per
    /// imported dossier. Each call asks the database for the dossier's content hash (one
    /// small query), so a dossier imported meanwhile, by any process, is read at once.
    pub async fn reference_records(&self) -> Result<ReferenceRecords, StoreError> {
        let hash = content_hash(self.backend.executor()).await?;
        if let Some(records) = hash.as_deref().and_then(|hash| self.references.get(hash)) {
            return Ok(records);
        }
        // Read the hash again beside the records, in one snapshot, so what is kept under a
        // hash is that dossier's.
        let mut transaction = self.backend.read().await?;
        let hash = content_hash(transaction.executor()).await?;
        let sources: Vec<Source> = all_records(transaction.executor(), Table::Sources).await?;
        let actors: Vec<Actor> = all_records(transaction.executor(), Table::Actors).await?;
        transaction.commit().await?;
        let records = ReferenceRecords {
            sources: sources.into(),
            actors: actors.into(),
        };
        if let Some(hash) = hash {
            self.references.keep(hash, records.clone());
        }
        Ok(records)
    }
}
