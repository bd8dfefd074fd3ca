//! Every name of a small kind (the shipped glossary has eleven terms), kept in memory per
//! imported dossier, so autocomplete and "did you mean" rank them with core at once instead of
//! gathering candidates through a dozen index reads. A dossier never changes under its
//! content hash, so the names are read once per imported dossier and per kind.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::backend::Transaction;
use crate::error::StoreError;
use crate::names::{first_entries, NameKind, StoredEntry};

/// Most entries a kind may have to be kept: core ranks this many in 0.1–0.2 ms for typed
/// starts and misspelt terms, 0.75 ms for a misspelt headline (`cargo bench --bench
/// matching`), about what the index reads it replaces cost.
pub(crate) const MOST_KEPT_ENTRIES: usize = 100;

/// Every entry of a small kind, or `None` for a kind with more than [`MOST_KEPT_ENTRIES`].
type Kept = Option<Arc<[StoredEntry]>>;

/// The kinds read about one dossier, under its content hash.
type Kinds = (String, HashMap<NameKind, Kept>);

/// The entries of the small kinds of the dossier with one content hash.
#[derive(Debug, Default)]
pub(crate) struct SmallKinds {
    kept: Mutex<Option<Kinds>>,
}

impl SmallKinds {
    /// Every entry of `kind` in the dossier with content hash `hash`, in dossier order, when it
    /// has at most [`MOST_KEPT_ENTRIES`]; read in `transaction` (which must be reading that
    /// dossier) the first time. `None` with no dossier imported (no hash).
    pub(crate) async fn entries(
        &self,
        transaction: &mut Transaction,
        hash: Option<&str>,
        kind: NameKind,
    ) -> Result<Kept, StoreError> {
        let Some(hash) = hash else {
            return Ok(None);
        };
        if let Some(kept) = self.get(hash, kind) {
            return Ok(kept);
        }
        let mut entries =
            first_entries(transaction.executor(), kind, MOST_KEPT_ENTRIES + 1).await?;
        let kept: Kept = (entries.len() <= MOST_KEPT_ENTRIES).then(|| {
            entries.shrink_to_fit();
            Arc::from(entries)
        });
        self.keep(hash, kind, kept.clone());
        Ok(kept)
    }

    fn get(&self, hash: &str, kind: NameKind) -> Option<Kept> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let (kept_hash, kinds) = kept.as_ref()?;
        if kept_hash != hash {
            return None;
        }
        kinds.get(&kind).cloned()
    }

    /// Keeps `entries` for `kind`, letting go of every kind kept about another dossier.
    fn keep(&self, hash: &str, kind: NameKind, entries: Kept) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let kinds = match kept.as_mut() {
            Some((kept_hash, kinds)) if kept_hash == hash => kinds,
            _ => &mut kept.insert((hash.to_owned(), HashMap::new())).1,
        };
        kinds.insert(kind, entries);
    }
}
