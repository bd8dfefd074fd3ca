//! What the store keeps in memory about one kind of names of the dossier being read: every
//! entry of a small kind, or the words and names of a mid-sized one.

use std::sync::Arc;

use crate::backend::Transaction;
use crate::connection::Store;
use crate::error::StoreError;
use crate::held::{HeldKind, HeldKinds};
use crate::names::{NameKind, StoredEntry};
use crate::references::content_hash;

/// A kind's names as kept in memory for the dossier being read, if at all.
#[derive(Debug, Default, Clone)]
pub(crate) struct Remembered {
    /// Every entry of a small kind, which core ranks whole: nothing else is read.
    pub(crate) every_entry: Option<Arc<[StoredEntry]>>,
    /// The words and names of a mid-sized kind: close spellings and the names of candidates
    /// come from them.
    pub(crate) held: Option<Arc<HeldKind>>,
}

impl Store {
    /// This store (and its clones made from now on) holding in memory the words and names of
    /// every kind of names with at most `most_holdings` holdings (a word of a record's names):
    /// by default [`crate::DEFAULT_HELD_HOLDINGS`], which holds the terms of a 100,000-term
    /// glossary. Close spellings of a held kind are found, and the names core ranks read,
    /// without reading its vocabulary or its names; 0 holds none. The answers are the same
    /// either way.
    #[must_use]
    pub fn with_held_kinds(mut self, most_holdings: usize) -> Store {
        self.held_kinds = Arc::new(HeldKinds::up_to(most_holdings));
        self
    }

    /// Reads into memory, ahead of the first question, the words and names of every kind of
    /// names the store holds (see [`Store::with_held_kinds`]) about the dossier now loaded, as
    /// the first question about each kind would. Returns how many kinds are held. Meant for
    /// the background after a launch (BENCHMARKS.md gives its time at 100,000 terms).
    pub async fn warm_held_kinds(&self) -> Result<usize, StoreError> {
        let mut transaction = self.backend.read().await?;
        let hash = content_hash(transaction.executor()).await?;
        let mut held = 0;
        for kind in [
            NameKind::Term,
            NameKind::Actor,
            NameKind::Event,
            NameKind::Measure,
        ] {
            let remembered = self
                .remembered(&mut transaction, hash.as_deref(), kind)
                .await?;
            held += usize::from(remembered.held.is_some());
        }
        transaction.commit().await?;
        Ok(held)
    }

    /// What is kept of `kind` in the dossier with content hash `hash`, read in `transaction`
    /// (which must be reading that dossier) the first time.
    pub(crate) async fn remembered(
        &self,
        transaction: &mut Transaction,
        hash: Option<&str>,
        kind: NameKind,
    ) -> Result<Remembered, StoreError> {
        let every_entry = self.small_kinds.entries(transaction, hash, kind).await?;
        let held = match every_entry {
            Some(_) => None,
            None => self.held_kinds.kind(transaction, hash, kind).await?,
        };
        Ok(Remembered { every_entry, held })
    }
}
