//! Importing a dossier: every record replaced in one transaction, keyed by the content hash.

mod indexes;
mod records;

use std::time::{SystemTime, UNIX_EPOCH};

use dossier_core::Dossier;
use tracing::Instrument;

use crate::backend::{DatabaseKind, Statement, Transaction};
use crate::connection::Store;
use crate::error::StoreError;
use crate::search::write_search_documents;

/// How many records of each kind a dossier holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecordCounts {
    /// Sources.
    pub sources: usize,
    /// Actors.
    pub actors: usize,
    /// Events.
    pub events: usize,
    /// Measures.
    pub measures: usize,
    /// Estimates.
    pub estimates: usize,
    /// Glossary terms.
    pub terms: usize,
    /// Claims.
    pub claims: usize,
}

impl RecordCounts {
    /// The counts of `dossier`.
    pub fn of(dossier: &Dossier) -> RecordCounts {
        RecordCounts {
            sources: dossier.sources.len(),
            actors: dossier.actors.len(),
            events: dossier.events.len(),
            measures: dossier.measures.len(),
            estimates: dossier.estimates.len(),
            terms: dossier.terms.len(),
            claims: dossier.claims.len(),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// False when the database already held this exact dossier and nothing was written.
    pub changed: bool,
    /// The content hash of the dossier that was loaded before, if any.
    pub previous_hash: Option<String>,
    /// The content hash of the dossier now loaded ([`Dossier::content_hash`]).
    pub hash: String,
    /// How many records the dossier now loaded holds.
    pub counts: RecordCounts,
}

/// Database integers for positions and counts.
pub(crate) fn to_sql_integer(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Seconds since 1970-01-01 UTC.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

const HASH_SQL: &str = "SELECT content_hash FROM dossier_meta WHERE singleton = 1";

impl Store {
    /// Loads `dossier` (already validated by [`dossier_core::load::parse_dossier`]) into the
    /// database, replacing whatever dossier was there, in one transaction.
    ///
    /// When the stored content hash equals `dossier.content_hash()` nothing is written and the
    /// report says `changed: false`. If anything fails, the transaction is rolled back and the
    /// previous dossier stays fully intact; readers see the old dossier until the commit and the
    /// new one after, never a mix. Per-server tables are not touched.
    pub async fn import(&self, dossier: &Dossier) -> Result<ImportReport, StoreError> {
        let hash = tracing::debug_span!("import.hash").in_scope(|| dossier.content_hash());
        let counts = RecordCounts::of(dossier);
        // Importers queue here one at a time, in every process sharing the database, and each
        // then sees the hash the previous one committed: of several importing the same
        // dossier, one writes and the others find it already there.
        let mut transaction = self.backend.write_dossier().await?;
        let previous_hash: Option<String> = transaction
            .executor()
            .fetch_optional_value(Statement::new(HASH_SQL))
            .await?;
        if previous_hash.as_deref() == Some(hash.as_str()) {
            transaction.rollback().await?;
            tracing::debug!(%hash, "dossier unchanged; nothing imported");
            return Ok(ImportReport {
                changed: false,
                previous_hash,
                hash,
                counts,
            });
        }
        let sqlite = transaction.kind() == DatabaseKind::Sqlite;
        if sqlite {
            set_sqlite_cache(&mut transaction, WRITING_CACHE_KIB).await?;
        }
        let written = replace_dossier(&mut transaction, dossier).await;
        if sqlite {
            set_sqlite_cache(&mut transaction, DEFAULT_CACHE_KIB).await?;
        }
        written?;
        transaction.forget_prepared_statements().await?;
        transaction
            .executor()
            .execute(
                Statement::new(
                    "INSERT INTO dossier_meta (singleton, content_hash, imported_at) \
                     VALUES (1, $1, $2) ON CONFLICT (singleton) DO UPDATE \
                     SET content_hash = excluded.content_hash, imported_at = excluded.imported_at",
                )
                .text(hash.as_str())
                .integer(unix_now()),
            )
            .await?;
        transaction
            .commit()
            .instrument(tracing::debug_span!("import.commit"))
            .await?;
        tracing::info!(%hash, previous = ?previous_hash, ?counts, "dossier imported");
        Ok(ImportReport {
            changed: true,
            previous_hash,
            hash,
            counts,
        })
    }

    /// The content hash of the dossier loaded, or `None` before the first import.
    pub async fn content_hash(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .backend
            .executor()
            .fetch_optional_value(Statement::new(HASH_SQL))
            .await?)
    }
}

/// Replaces every dossier row inside `transaction`, one phase after another; each phase is a
/// `debug` span named `import.<phase>`, so a subscriber showing span times breaks an import
/// down.
async fn replace_dossier(
    transaction: &mut Transaction,
    dossier: &Dossier,
) -> Result<(), StoreError> {
    let set_aside = if transaction.kind() == DatabaseKind::Sqlite {
        indexes::set_aside(transaction, &records::DOSSIER_TABLES)
            .instrument(tracing::debug_span!("import.drop_indexes"))
            .await?
    } else {
        indexes::SetAside::default()
    };
    records::clear_dossier(transaction)
        .instrument(tracing::debug_span!("import.clear"))
        .await?;
    records::write_records(transaction, dossier)
        .instrument(tracing::debug_span!("import.records"))
        .await?;
    records::write_all_names(transaction, dossier)
        .instrument(tracing::debug_span!("import.names"))
        .await?;
    write_search_documents(transaction, dossier)
        .instrument(tracing::debug_span!("import.search"))
        .await?;
    if transaction.kind() == DatabaseKind::Sqlite {
        set_sqlite_cache(transaction, DEFAULT_CACHE_KIB).await?;
    }
    indexes::rebuild(transaction, set_aside)
        .instrument(tracing::debug_span!("import.indexes"))
        .await?;
    refresh_statistics(transaction)
        .instrument(tracing::debug_span!("import.statistics"))
        .await
}

/// SQLite's page cache while rows are written, in KiB: the rows and the tables' pages stay in
/// memory until the commit instead of being written out and read back. The cache is allocated
/// as pages are used.
const WRITING_CACHE_KIB: i64 = 256 * 1024;

/// SQLite's default page cache (2 MB), set again before indexes are built and kept after the
/// import. SQLite sorts an index's keys in runs as large as the page cache before merging them:
/// many runs that fit the processor's caches sort faster than one of hundreds of megabytes
/// (43 s instead of 62 s for the 13.5 million keys of `names_by_key` at a million events).
const DEFAULT_CACHE_KIB: i64 = 2_000;

/// Sets the page cache of the transaction's SQLite connection (a negative `cache_size` is in
/// KiB).
async fn set_sqlite_cache(transaction: &mut Transaction, kib: i64) -> Result<(), StoreError> {
    transaction
        .executor()
        .execute(Statement::new(format!("PRAGMA cache_size = -{kib}")))
        .await?;
    Ok(())
}

/// Refreshes the planner's statistics for the new rows. Without them SQLite resolves a name
/// lookup through the wrong index of `names` and scans every name of the kind; with them it
/// seeks. `analysis_limit` samples each index instead of reading it whole, which is enough to
/// choose. PostgreSQL's autovacuum gathers its own statistics.
async fn refresh_statistics(transaction: &mut Transaction) -> Result<(), StoreError> {
    if transaction.kind() == DatabaseKind::Sqlite {
        transaction
            .executor()
            .execute(Statement::new("PRAGMA analysis_limit = 1000"))
            .await?;
        transaction
            .executor()
            .execute(Statement::new("ANALYZE"))
            .await?;
    }
    Ok(())
}
