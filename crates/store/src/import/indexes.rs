//! Secondary indexes set aside while an SQLite import writes its rows, and built again from
//! their own definitions before it commits.
//!
//! Inserting a million rows into a table with four indexes updates each index at a random
//! place for every row; building an index over rows already written sorts them once, which is
//! many times cheaper. SQLite's DDL is transactional: the indexes are dropped and created
//! inside the import's transaction, so readers keep the old rows and their indexes until the
//! commit, and an import that fails rolls back to the old rows with every index in place.
//! Primary keys and unique constraints stay, as foreign keys and conflict clauses need them.

use tracing::Instrument;

use crate::backend::{Statement, Transaction};
use crate::error::StoreError;

/// The secondary indexes of some tables, as `(name, CREATE INDEX statement)`.
#[derive(Debug, Default)]
pub(super) struct SetAside {
    definitions: Vec<(String, String)>,
}

/// Drops every secondary index of `tables` (an SQLite transaction's), remembering each one's
/// definition as the schema stores it, so that the migrations stay the one place indexes are
/// defined.
pub(super) async fn set_aside(
    transaction: &mut Transaction,
    tables: &[&str],
) -> Result<SetAside, StoreError> {
    // Automatic indexes (primary keys, UNIQUE) have no SQL and cannot be dropped.
    let definitions: Vec<(String, String)> = transaction
        .executor()
        .fetch_all(
            Statement::new(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL \
                 AND tbl_name IN (SELECT value FROM json_each($1)) ORDER BY name",
            )
            .text_list(tables),
        )
        .await?;
    for (name, _) in &definitions {
        transaction
            .executor()
            .execute(Statement::new(format!("DROP INDEX \"{name}\"")))
            .await?;
    }
    Ok(SetAside { definitions })
}

/// Creates again every index [`set_aside`] dropped, over the rows now written.
pub(super) async fn rebuild(
    transaction: &mut Transaction,
    set_aside: SetAside,
) -> Result<(), StoreError> {
    for (name, definition) in set_aside.definitions {
        transaction
            .executor()
            .execute(Statement::new(definition))
            .instrument(tracing::debug_span!("import.index", %name))
            .await?;
    }
    Ok(())
}
