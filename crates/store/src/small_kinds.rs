//! Every name of a small kind (the shipped glossary has eleven terms), kept in memory per
//! imported dossier, so autocomplete and "did you mean" rank them with core at once instead of
//! gathering candidates through a dozen index reads. A dossier never changes under its
//! content hash, so the names are read once per imported dossier and per kind.

use std::sync::Arc;

use crate::backend::Transaction;
use crate::error::StoreError;
use crate::names::{first_entries, NameKind, StoredEntry};
use crate::per_kind::PerKind;

/// Most entries a kind may have to be kept: core ranks this many in 0.1–0.2 ms for typed
/// starts and misspelt terms, 0.75 ms for a misspelt headline (`cargo bench --bench
/// matching`), about what the index reads it replaces cost.
pub(crate) const MOST_KEPT_ENTRIES: usize = 100;

/// Every entry of a small kind, or `None` for a kind with more than [`MOST_KEPT_ENTRIES`].
type Kept = Option<Arc<[StoredEntry]>>;

/// The entries of the small kinds of the dossier with one content hash.
#[derive(Debug, Default)]
pub(crate) struct SmallKinds {
    kept: PerKind<Kept>,
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
        if let Some(kept) = self.kept.get(hash, kind) {
            return Ok(kept);
        }
        let mut entries =
            first_entries(transaction.executor(), kind, MOST_KEPT_ENTRIES + 1).await?;
        let kept: Kept = (entries.len() <= MOST_KEPT_ENTRIES).then(|| {
            entries.shrink_to_fit();
            Arc::from(entries)
        });
        self.kept.keep(hash, kind, kept.clone());
        Ok(kept)
    }
}
