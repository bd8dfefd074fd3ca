//! Values kept in memory for each kind of names of one dossier, under its content hash: keeping
//! a value about a new dossier lets go of every value kept about the one before.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use crate::names::NameKind;

/// One value per kind of names, about the dossier with one content hash.
pub(crate) struct PerKind<V> {
    kept: Mutex<Option<(String, HashMap<NameKind, V>)>>,
}

impl<V> Default for PerKind<V> {
    fn default() -> Self {
        PerKind {
            kept: Mutex::new(None),
        }
    }
}

impl<V> fmt::Debug for PerKind<V> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("PerKind")
    }
}

impl<V: Clone> PerKind<V> {
    /// The value kept for `kind` of the dossier with content hash `hash`.
    pub(crate) fn get(&self, hash: &str, kind: NameKind) -> Option<V> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let (kept_hash, kinds) = kept.as_ref()?;
        if kept_hash != hash {
            return None;
        }
        kinds.get(&kind).cloned()
    }

    /// Keeps `value` for `kind`, letting go of every value kept about another dossier.
    pub(crate) fn keep(&self, hash: &str, kind: NameKind, value: V) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let kinds = match kept.as_mut() {
            Some((kept_hash, kinds)) if kept_hash == hash => kinds,
            _ => &mut kept.insert((hash.to_owned(), HashMap::new())).1,
        };
        kinds.insert(kind, value);
    }
}
