//! Importing a dossier: every record replaced in one transaction, keyed by the content hash.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::backend::{Batch, DatabaseKind, Statement, Transaction};
use crate::connection::Store;
use crate::error::StoreError;
use crate::names::{write_names, NameKind};
use crate::payload::encode;
use crate::search::write_search_documents;
use dossier_core::matching::NameEntry;
use dossier_core::{Dossier, Edtf};

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

fn bounds(date: &Edtf) -> (i64, i64) {
    (date.earliest().day_number(), date.latest().day_number())
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
        let hash = dossier.content_hash();
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
            // The names indexes take keys in no particular order; with SQLite's default 2 MiB
            // page cache nearly every insert then reads and writes pages. The cache is
            // allocated as pages are used, and given back below.
            set_sqlite_cache(&mut transaction, IMPORT_CACHE_KIB).await?;
        }
        let mut written = clear_dossier(&mut transaction).await;
        if written.is_ok() {
            written = write_dossier(&mut transaction, dossier).await;
        }
        if written.is_ok() {
            written = refresh_statistics(&mut transaction).await;
        }
        if sqlite {
            set_sqlite_cache(&mut transaction, DEFAULT_CACHE_KIB).await?;
        }
        written?;
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
        transaction.commit().await?;
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

/// SQLite's page cache while importing, in KiB.
const IMPORT_CACHE_KIB: i64 = 256 * 1024;
/// SQLite's default page cache, in KiB.
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

/// Deletes every dossier row, children before parents.
async fn clear_dossier(transaction: &mut Transaction) -> Result<(), StoreError> {
    for table in [
        "search_index",
        "names",
        "claim_counters",
        "claims",
        "terms",
        "estimates",
        "measures",
        "event_actors",
        "events",
        "actors",
        "sources",
    ] {
        transaction
            .executor()
            .execute(Statement::new(format!("DELETE FROM {table}")))
            .await?;
    }
    Ok(())
}

/// Writes every record of `dossier`, parents before children, a table at a time in
/// multi-row INSERTs.
async fn write_dossier(transaction: &mut Transaction, dossier: &Dossier) -> Result<(), StoreError> {
    let mut sources = Batch::new("INSERT INTO sources (id, position, payload) VALUES");
    for (position, source) in dossier.sources.iter().enumerate() {
        sources.push(
            Statement::new("($1, $2, $3)")
                .text(source.id.as_str())
                .integer(to_sql_integer(position))
                .text(encode("source", source.id.as_str(), source)?),
        );
    }
    sources.execute(transaction).await?;

    let mut actors = Batch::new("INSERT INTO actors (id, position, part_of, payload) VALUES");
    for (position, actor) in dossier.actors.iter().enumerate() {
        actors.push(
            Statement::new("($1, $2, $3, $4)")
                .text(actor.id.as_str())
                .integer(to_sql_integer(position))
                .optional_text(actor.part_of.as_ref().map(|parent| parent.as_str()))
                .text(encode("actor", actor.id.as_str(), actor)?),
        );
    }
    actors.execute(transaction).await?;

    let mut events =
        Batch::new("INSERT INTO events (id, position, earliest, latest, payload) VALUES");
    let mut event_actors = Batch::new("INSERT INTO event_actors (event_id, actor_id) VALUES")
        .ending_with("ON CONFLICT DO NOTHING");
    for (position, event) in dossier.events.iter().enumerate() {
        let (earliest, latest) = bounds(&event.date);
        events.push(
            Statement::new("($1, $2, $3, $4, $5)")
                .text(event.id.as_str())
                .integer(to_sql_integer(position))
                .integer(earliest)
                .integer(latest)
                .text(encode("event", event.id.as_str(), event)?),
        );
        for actor in &event.actors {
            event_actors.push(
                Statement::new("($1, $2)")
                    .text(event.id.as_str())
                    .text(actor.as_str()),
            );
        }
    }
    events.execute(transaction).await?;
    event_actors.execute(transaction).await?;

    let mut measures = Batch::new("INSERT INTO measures (id, position, payload) VALUES");
    for (position, measure) in dossier.measures.iter().enumerate() {
        measures.push(
            Statement::new("($1, $2, $3)")
                .text(measure.id.as_str())
                .integer(to_sql_integer(position))
                .text(encode("measure", measure.id.as_str(), measure)?),
        );
    }
    measures.execute(transaction).await?;

    let mut estimates =
        Batch::new("INSERT INTO estimates (id, position, measure_id, assessed_by, payload) VALUES");
    for (position, estimate) in dossier.estimates.iter().enumerate() {
        estimates.push(
            Statement::new("($1, $2, $3, $4, $5)")
                .text(estimate.id.as_str())
                .integer(to_sql_integer(position))
                .text(estimate.measure.as_str())
                .optional_text(estimate.assessed_by.as_ref().map(|actor| actor.as_str()))
                .text(encode("estimate", estimate.id.as_str(), estimate)?),
        );
    }
    estimates.execute(transaction).await?;

    let mut terms = Batch::new("INSERT INTO terms (id, position, payload) VALUES");
    for (position, term) in dossier.terms.iter().enumerate() {
        terms.push(
            Statement::new("($1, $2, $3)")
                .text(term.id.as_str())
                .integer(to_sql_integer(position))
                .text(encode("term", term.id.as_str(), term)?),
        );
    }
    terms.execute(transaction).await?;

    let mut claims =
        Batch::new("INSERT INTO claims (id, position, actor_id, earliest, latest, payload) VALUES");
    let mut counters = Batch::new("INSERT INTO claim_counters (claim_id, counter_id) VALUES")
        .ending_with("ON CONFLICT DO NOTHING");
    for (position, claim) in dossier.claims.iter().enumerate() {
        let (earliest, latest) = claim.date.as_ref().map(bounds).unzip();
        claims.push(
            Statement::new("($1, $2, $3, $4, $5, $6)")
                .text(claim.id.as_str())
                .integer(to_sql_integer(position))
                .text(claim.actor.as_str())
                .optional_integer(earliest)
                .optional_integer(latest)
                .text(encode("claim", claim.id.as_str(), claim)?),
        );
        for counter in &claim.counter_claims {
            counters.push(
                Statement::new("($1, $2)")
                    .text(claim.id.as_str())
                    .text(counter.as_str()),
            );
        }
    }
    claims.execute(transaction).await?;
    counters.execute(transaction).await?;

    write_all_names(transaction, dossier).await?;
    write_search_documents(transaction, dossier).await
}

/// The names of every record, as core lists them ([`Dossier::term_entries`] and friends).
async fn write_all_names(
    transaction: &mut Transaction,
    dossier: &Dossier,
) -> Result<(), StoreError> {
    let terms: Vec<NameEntry<'_, &str>> = dossier
        .term_entries()
        .into_iter()
        .map(|entry| rekey(entry, |term| term.id.as_str()))
        .collect();
    write_names(transaction, NameKind::Term, &terms).await?;
    let actors: Vec<NameEntry<'_, &str>> = dossier
        .actor_entries()
        .into_iter()
        .map(|entry| rekey(entry, |actor| actor.id.as_str()))
        .collect();
    write_names(transaction, NameKind::Actor, &actors).await?;
    let events: Vec<NameEntry<'_, &str>> = dossier
        .event_entries()
        .into_iter()
        .map(|entry| rekey(entry, |event| event.id.as_str()))
        .collect();
    write_names(transaction, NameKind::Event, &events).await?;
    let measures: Vec<NameEntry<'_, &str>> = dossier
        .measure_entries()
        .into_iter()
        .map(|entry| rekey(entry, |measure| measure.id.as_str()))
        .collect();
    write_names(transaction, NameKind::Measure, &measures).await
}

/// The same names keyed by the record's id.
fn rekey<'a, T>(
    entry: NameEntry<'a, &'a T>,
    id_of: impl Fn(&'a T) -> &'a str,
) -> NameEntry<'a, &'a str> {
    NameEntry {
        key: id_of(entry.key),
        name: entry.name,
        aliases: entry.aliases,
    }
}
