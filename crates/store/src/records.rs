//! Plain record reads: one record by id, every record of a kind in dossier order, and the
//! whole dossier back.

use dossier_core::{
    Actor, Claim, ClaimId, Dossier, Estimate, Event, EventId, Measure, MeasureId, Source, Term,
    TermId,
};
use serde::de::DeserializeOwned;

use crate::backend::{Executor, Statement};
use crate::connection::Store;
use crate::error::StoreError;
use crate::names::NameKind;
use crate::payload::{decode, decode_rows};

/// The tables holding whole records, with the record kind named in errors.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Table {
    Sources,
    Actors,
    Events,
    Measures,
    Estimates,
    Terms,
    Claims,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Self::Sources => "sources",
            Self::Actors => "actors",
            Self::Events => "events",
            Self::Measures => "measures",
            Self::Estimates => "estimates",
            Self::Terms => "terms",
            Self::Claims => "claims",
        }
    }

    pub(crate) fn kind(self) -> &'static str {
        match self {
            Self::Sources => "source",
            Self::Actors => "actor",
            Self::Events => "event",
            Self::Measures => "measure",
            Self::Estimates => "estimate",
            Self::Terms => "term",
            Self::Claims => "claim",
        }
    }
}

/// Every record of `table`, in dossier order.
pub(crate) async fn all_records<T: DeserializeOwned>(
    executor: Executor<'_>,
    table: Table,
) -> Result<Vec<T>, StoreError> {
    let rows = executor
        .fetch_all(Statement::new(format!(
            "SELECT id, payload FROM {} ORDER BY position",
            table.name()
        )))
        .await?;
    decode_rows(table.kind(), rows)
}

/// The record of `table` with `id`.
pub(crate) async fn record_by_id<T: DeserializeOwned>(
    executor: Executor<'_>,
    table: Table,
    id: &str,
) -> Result<Option<T>, StoreError> {
    let payload: Option<String> = executor
        .fetch_optional_value(
            Statement::new(format!(
                "SELECT payload FROM {} WHERE id = $1",
                table.name()
            ))
            .text(id),
        )
        .await?;
    payload
        .map(|payload| decode(table.kind(), id, &payload))
        .transpose()
}

/// The records of `table` whose ids are in `ids`, in dossier order.
pub(crate) async fn records_by_ids<T: DeserializeOwned>(
    executor: Executor<'_>,
    table: Table,
    ids: &[String],
) -> Result<Vec<T>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, payload FROM {} WHERE {} ORDER BY position",
        table.name(),
        executor.kind().one_of("id", "$1")
    );
    let rows = executor
        .fetch_all(Statement::new(sql).text_list(ids))
        .await?;
    decode_rows(table.kind(), rows)
}

/// The records of `table` that have a name of `kind` whose folded key is `folded` (a name,
/// alias or id once folded), in dossier order: the candidates of an exact match, read with
/// their names' index in one statement (so in one snapshot, with no transaction).
pub(crate) async fn records_named<T: DeserializeOwned>(
    executor: Executor<'_>,
    table: Table,
    kind: NameKind,
    folded: &str,
) -> Result<Vec<T>, StoreError> {
    let sql = format!(
        "SELECT id, payload FROM {} WHERE id IN (SELECT record_id FROM names \
         WHERE kind = $1 AND folded_key = $2 AND word = 0) ORDER BY position",
        table.name()
    );
    let rows = executor
        .fetch_all(Statement::new(sql).text(kind.as_str()).text(folded))
        .await?;
    decode_rows(table.kind(), rows)
}

impl Store {
    async fn one<T: DeserializeOwned>(
        &self,
        table: Table,
        id: &str,
    ) -> Result<Option<T>, StoreError> {
        record_by_id(self.backend.executor(), table, id).await
    }

    async fn every<T: DeserializeOwned>(&self, table: Table) -> Result<Vec<T>, StoreError> {
        all_records(self.backend.executor(), table).await
    }

    /// The event with `id`.
    pub async fn event(&self, id: &EventId) -> Result<Option<Event>, StoreError> {
        self.one(Table::Events, id.as_str()).await
    }

    /// The glossary term with `id`.
    pub async fn term(&self, id: &TermId) -> Result<Option<Term>, StoreError> {
        self.one(Table::Terms, id.as_str()).await
    }

    /// The glossary terms with `ids`, in that order (ids of no term are left out), read at
    /// once: a definition's "see also" list.
    pub async fn terms(&self, ids: &[TermId]) -> Result<Vec<Term>, StoreError> {
        let ids: Vec<String> = ids.iter().map(|id| id.as_str().to_owned()).collect();
        let mut terms: Vec<Term> =
            records_by_ids(self.backend.executor(), Table::Terms, &ids).await?;
        terms.sort_by_key(|term| ids.iter().position(|id| id == term.id.as_str()));
        Ok(terms)
    }

    /// The measure with `id`.
    pub async fn measure(&self, id: &MeasureId) -> Result<Option<Measure>, StoreError> {
        self.one(Table::Measures, id.as_str()).await
    }

    /// The claim with `id`.
    pub async fn claim(&self, id: &ClaimId) -> Result<Option<Claim>, StoreError> {
        self.one(Table::Claims, id.as_str()).await
    }

    /// The actor with `id`.
    pub async fn actor(&self, id: &dossier_core::ActorId) -> Result<Option<Actor>, StoreError> {
        self.one(Table::Actors, id.as_str()).await
    }

    /// Every source, in dossier order.
    pub async fn sources(&self) -> Result<Vec<Source>, StoreError> {
        self.every(Table::Sources).await
    }

    /// Every actor, in dossier order.
    pub async fn actors(&self) -> Result<Vec<Actor>, StoreError> {
        self.every(Table::Actors).await
    }

    /// Every measure, in dossier order.
    pub async fn measures(&self) -> Result<Vec<Measure>, StoreError> {
        self.every(Table::Measures).await
    }

    /// The whole glossary, in dossier order.
    pub async fn glossary(&self) -> Result<Vec<Term>, StoreError> {
        self.every(Table::Terms).await
    }

    /// The whole dossier as stored, read in one snapshot; empty before the first import.
    pub async fn dossier(&self) -> Result<Dossier, StoreError> {
        let mut transaction = self.backend.read().await?;
        let dossier = Dossier {
            sources: all_records(transaction.executor(), Table::Sources).await?,
            actors: all_records(transaction.executor(), Table::Actors).await?,
            events: all_records::<Event>(transaction.executor(), Table::Events).await?,
            measures: all_records(transaction.executor(), Table::Measures).await?,
            estimates: all_records::<Estimate>(transaction.executor(), Table::Estimates).await?,
            terms: all_records(transaction.executor(), Table::Terms).await?,
            claims: all_records(transaction.executor(), Table::Claims).await?,
        };
        transaction.commit().await?;
        Ok(dossier)
    }
}
