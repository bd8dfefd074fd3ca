//! Claims by actor and the claims that answer one another, ordered by core.

use dossier_core::{ActorId, Claim, ClaimId, Dossier};

use crate::backend::Statement;
use crate::connection::Store;
use crate::error::StoreError;
use crate::payload::decode_rows;
use crate::records::{all_records, record_by_id, Table};

impl Store {
    /// Claims made by any of `actors` (pass an expanded [`Store::actor_family`] to include
    /// agencies); every claim when `actors` is empty. Chronological, undated last (core's
    /// [`Dossier::claims_by`]).
    pub async fn claims(&self, actors: &[ActorId]) -> Result<Vec<Claim>, StoreError> {
        let claims: Vec<Claim> = if actors.is_empty() {
            all_records(self.backend.executor(), Table::Claims).await?
        } else {
            let ids: Vec<&str> = actors.iter().map(ActorId::as_str).collect();
            let executor = self.backend.executor();
            let sql = format!(
                "SELECT id, payload FROM claims WHERE {} ORDER BY position",
                executor.kind().one_of("actor_id", "$1")
            );
            let rows = executor
                .fetch_all(Statement::new(sql).text_list(&ids))
                .await?;
            decode_rows(Table::Claims.kind(), rows)?
        };
        let dossier = Dossier {
            claims,
            ..Dossier::default()
        };
        Ok(dossier.claims_by(actors).into_iter().cloned().collect())
    }

    /// The claims that answer the claim `id`: those it lists as counter-claims and those that
    /// list it, chronological (core's [`Dossier::counter_claims_of`]).
    pub async fn counter_claims(&self, id: &ClaimId) -> Result<Vec<Claim>, StoreError> {
        let mut transaction = self.backend.read().await?;
        let Some(claim) =
            record_by_id::<Claim>(transaction.executor(), Table::Claims, id.as_str()).await?
        else {
            transaction.commit().await?;
            return Ok(Vec::new());
        };
        let rows = transaction
            .executor()
            .fetch_all(
                Statement::new(
                    "SELECT id, payload FROM claims WHERE id IN ( \
                         SELECT counter_id FROM claim_counters WHERE claim_id = $1 \
                         UNION SELECT claim_id FROM claim_counters WHERE counter_id = $1) \
                     ORDER BY position",
                )
                .text(id.as_str()),
            )
            .await?;
        transaction.commit().await?;
        let mut claims: Vec<Claim> = decode_rows(Table::Claims.kind(), rows)?;
        claims.push(claim.clone());
        let dossier = Dossier {
            claims,
            ..Dossier::default()
        };
        Ok(dossier
            .counter_claims_of(&claim)
            .into_iter()
            .cloned()
            .collect())
    }
}
