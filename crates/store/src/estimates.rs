//! Estimates grouped by measure and compared by core's rules (never averaged).

use dossier_core::estimates::{compare, Agreement, Comparison};
use dossier_core::{Dossier, Estimate, Measure, MeasureId};

use crate::backend::Statement;
use crate::connection::Store;
use crate::error::StoreError;
use crate::payload::decode_rows;
use crate::records::{all_records, record_by_id, Table};

/// Every estimate of one measure, in core's order, with how they relate.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureEstimates {
    /// What is counted.
    pub measure: Measure,
    /// The estimates, ordered as core's [`compare`] orders them.
    pub estimates: Vec<Estimate>,
    /// How their figures relate.
    pub agreement: Agreement,
}

impl MeasureEstimates {
    /// Core's comparison of these estimates (for [`Comparison::summary_with`]).
    pub fn comparison(&self) -> Comparison<'_> {
        compare(&self.measure, self.estimates.iter().collect())
    }
}

impl Store {
    /// Estimates grouped by measure, as core's [`Dossier::estimates`] groups them: only
    /// `measure` when given (an unknown measure gives an empty list), else every measure with
    /// at least one estimate, in dossier order.
    pub async fn estimates(
        &self,
        measure: Option<&MeasureId>,
    ) -> Result<Vec<MeasureEstimates>, StoreError> {
        let mut transaction = self.backend.read().await?;
        let (measures, estimates) = match measure {
            Some(id) => {
                let measures: Vec<Measure> =
                    record_by_id(transaction.executor(), Table::Measures, id.as_str())
                        .await?
                        .into_iter()
                        .collect();
                let rows = transaction
                    .executor()
                    .fetch_all(
                        Statement::new(
                            "SELECT id, payload FROM estimates WHERE measure_id = $1 \
                             ORDER BY position",
                        )
                        .text(id.as_str()),
                    )
                    .await?;
                (measures, decode_rows(Table::Estimates.kind(), rows)?)
            }
            None => (
                all_records(transaction.executor(), Table::Measures).await?,
                all_records(transaction.executor(), Table::Estimates).await?,
            ),
        };
        transaction.commit().await?;
        let dossier = Dossier {
            measures,
            estimates,
            ..Dossier::default()
        };
        Ok(dossier
            .estimates(measure)
            .into_iter()
            .map(|comparison| MeasureEstimates {
                measure: comparison.measure.clone(),
                estimates: comparison.estimates.into_iter().cloned().collect(),
                agreement: comparison.agreement,
            })
            .collect())
    }
}
