//! Shared set-up: temporary database files, the shipped dossier and variants of it.

use dossier_core::{ActorId, Claim, ClaimId, ClaimKind, Dossier};
use dossier_store::Store;
use tempfile::TempDir;

/// A store on a fresh database file that lives as long as the returned folder.
pub(crate) async fn temp_store() -> (TempDir, Store) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let store = Store::open_path(&folder.path().join("dossier.db"))
        .await
        .expect("open store");
    (folder, store)
}

/// A store on a fresh database file with the shipped dossier imported.
pub(crate) async fn loaded_store() -> (TempDir, Store) {
    let (folder, store) = temp_store().await;
    store
        .import(shipped())
        .await
        .expect("import shipped dossier");
    (folder, store)
}

/// The shipped dossier.
pub(crate) fn shipped() -> &'static Dossier {
    dossier_core::embedded()
}

/// The shipped dossier with every event headline and term definition marked, so a reader can
/// tell which dossier it sees.
pub(crate) fn marked(mark: &str) -> Dossier {
    let mut dossier = shipped().clone();
    for event in &mut dossier.events {
        event.headline = format!("{mark} {}", event.headline);
    }
    for term in &mut dossier.terms {
        term.definition = format!("{mark} {}", term.definition);
    }
    dossier
}

/// A claim by an actor the dossier does not have: the database refuses it mid-import.
pub(crate) fn claim_by_unknown_actor() -> Claim {
    let mut claim = shipped().claims[0].clone();
    claim.id = ClaimId::new("claim-by-nobody").expect("valid id");
    claim.actor = ActorId::new("nobody-at-all").expect("valid id");
    claim.kind = ClaimKind::Claim;
    claim.counter_claims.clear();
    claim
}
