//! The rows of one dossier: every record table cleared, then written parent before child.

use dossier_core::matching::NameEntry;
use dossier_core::{Dossier, Edtf};

use crate::backend::{Batch, Statement, Transaction};
use crate::error::StoreError;
use crate::import::to_sql_integer;
use crate::names::{write_names, NameKind};
use crate::payload::encode;

fn bounds(date: &Edtf) -> (i64, i64) {
    (date.earliest().day_number(), date.latest().day_number())
}

/// Every table holding dossier rows, children before parents: the order they are cleared in.
pub(super) const DOSSIER_TABLES: [&str; 11] = [
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
];

/// Deletes every dossier row, children before parents.
pub(super) async fn clear_dossier(transaction: &mut Transaction) -> Result<(), StoreError> {
    for table in DOSSIER_TABLES {
        transaction
            .executor()
            .execute(Statement::new(format!("DELETE FROM {table}")))
            .await?;
    }
    Ok(())
}

/// Writes records kept whole as JSON beside their id and dossier position, for tables whose
/// columns are `(id, position, payload)`.
async fn write_whole_records<'a, T: serde::Serialize + Sync + 'a>(
    transaction: &mut Transaction,
    head: &'static str,
    kind: &'static str,
    records: impl Iterator<Item = (&'a str, &'a T)> + Send + 'a,
) -> Result<(), StoreError> {
    Batch::new(head)
        .execute_rows(
            transaction,
            Box::new(records.enumerate().map(move |(position, (id, record))| {
                Ok(Statement::new("($1, $2, $3)")
                    .text(id)
                    .integer(to_sql_integer(position))
                    .text(encode(kind, id, record)?))
            })),
        )
        .await
}

/// Writes every record of `dossier`, parents before children, a table at a time in
/// multi-row INSERTs made as they are sent. Names and search documents are written apart.
pub(super) async fn write_records(
    transaction: &mut Transaction,
    dossier: &Dossier,
) -> Result<(), StoreError> {
    write_whole_records(
        transaction,
        "INSERT INTO sources (id, position, payload) VALUES",
        "source",
        dossier
            .sources
            .iter()
            .map(|source| (source.id.as_str(), source)),
    )
    .await?;

    Batch::new("INSERT INTO actors (id, position, part_of, payload) VALUES")
        .execute_rows(
            transaction,
            Box::new(dossier.actors.iter().enumerate().map(|(position, actor)| {
                Ok(Statement::new("($1, $2, $3, $4)")
                    .text(actor.id.as_str())
                    .integer(to_sql_integer(position))
                    .optional_text(actor.part_of.as_ref().map(|parent| parent.as_str()))
                    .text(encode("actor", actor.id.as_str(), actor)?))
            })),
        )
        .await?;

    Batch::new("INSERT INTO events (id, position, earliest, latest, payload) VALUES")
        .execute_rows(
            transaction,
            Box::new(dossier.events.iter().enumerate().map(|(position, event)| {
                let (earliest, latest) = bounds(&event.date);
                Ok(Statement::new("($1, $2, $3, $4, $5)")
                    .text(event.id.as_str())
                    .integer(to_sql_integer(position))
                    .integer(earliest)
                    .integer(latest)
                    .text(encode("event", event.id.as_str(), event)?))
            })),
        )
        .await?;
    // Each link carries its event's date bounds: an actor's timeline reads them in order.
    Batch::new("INSERT INTO event_actors (event_id, actor_id, earliest, latest) VALUES")
        .ending_with("ON CONFLICT DO NOTHING")
        .execute_rows(
            transaction,
            Box::new(dossier.events.iter().flat_map(|event| {
                let earliest = event.date.earliest().day_number();
                let latest = event.date.latest().day_number();
                event.actors.iter().map(move |actor| {
                    Ok(Statement::new("($1, $2, $3, $4)")
                        .text(event.id.as_str())
                        .text(actor.as_str())
                        .integer(earliest)
                        .integer(latest))
                })
            })),
        )
        .await?;

    write_whole_records(
        transaction,
        "INSERT INTO measures (id, position, payload) VALUES",
        "measure",
        dossier
            .measures
            .iter()
            .map(|measure| (measure.id.as_str(), measure)),
    )
    .await?;

    Batch::new("INSERT INTO estimates (id, position, measure_id, assessed_by, payload) VALUES")
        .execute_rows(
            transaction,
            Box::new(
                dossier
                    .estimates
                    .iter()
                    .enumerate()
                    .map(|(position, estimate)| {
                        Ok(Statement::new("($1, $2, $3, $4, $5)")
                            .text(estimate.id.as_str())
                            .integer(to_sql_integer(position))
                            .text(estimate.measure.as_str())
                            .optional_text(
                                estimate.assessed_by.as_ref().map(|actor| actor.as_str()),
                            )
                            .text(encode("estimate", estimate.id.as_str(), estimate)?))
                    }),
            ),
        )
        .await?;

    write_whole_records(
        transaction,
        "INSERT INTO terms (id, position, payload) VALUES",
        "term",
        dossier.terms.iter().map(|term| (term.id.as_str(), term)),
    )
    .await?;

    Batch::new("INSERT INTO claims (id, position, actor_id, earliest, latest, payload) VALUES")
        .execute_rows(
            transaction,
            Box::new(dossier.claims.iter().enumerate().map(|(position, claim)| {
                let (earliest, latest) = claim.date.as_ref().map(bounds).unzip();
                Ok(Statement::new("($1, $2, $3, $4, $5, $6)")
                    .text(claim.id.as_str())
                    .integer(to_sql_integer(position))
                    .text(claim.actor.as_str())
                    .optional_integer(earliest)
                    .optional_integer(latest)
                    .text(encode("claim", claim.id.as_str(), claim)?))
            })),
        )
        .await?;
    Batch::new("INSERT INTO claim_counters (claim_id, counter_id) VALUES")
        .ending_with("ON CONFLICT DO NOTHING")
        .execute_rows(
            transaction,
            Box::new(dossier.claims.iter().flat_map(|claim| {
                claim.counter_claims.iter().map(|counter| {
                    Ok(Statement::new("($1, $2)")
                        .text(claim.id.as_str())
                        .text(counter.as_str()))
                })
            })),
        )
        .await
}

/// The names of every record, as core lists them ([`Dossier::term_entries`] and friends).
pub(super) async fn write_all_names(
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
        folded: entry.folded,
    }
}
