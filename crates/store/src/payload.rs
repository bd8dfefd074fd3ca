//! Records kept as JSON text: encoding on import, decoding into core types on the way out.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::backend::{Executor, Statement};
use crate::error::StoreError;

/// The JSON text stored for a record.
pub(crate) fn encode<T: Serialize>(
    kind: &'static str,
    id: &str,
    record: &T,
) -> Result<String, StoreError> {
    serde_json::to_string(record).map_err(|source| StoreError::Encode {
        kind,
        id: id.to_owned(),
        source,
    })
}

/// The record stored as `payload`.
pub(crate) fn decode<T: DeserializeOwned>(
    kind: &'static str,
    id: &str,
    payload: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(payload).map_err(|source| StoreError::Corrupt {
        kind,
        id: id.to_owned(),
        source,
    })
}

/// Decodes `(id, payload)` rows in order.
pub(crate) fn decode_rows<T: DeserializeOwned>(
    kind: &'static str,
    rows: Vec<(String, String)>,
) -> Result<Vec<T>, StoreError> {
    rows.into_iter()
        .map(|(id, payload)| decode(kind, &id, &payload))
        .collect()
}

/// The rows of `statement`, which selects one [`crate::backend::DatabaseKind::packed_rows`]
/// (no rows when it packed none).
pub(crate) async fn fetch_packed<T: DeserializeOwned>(
    executor: Executor<'_>,
    statement: Statement<'_>,
) -> Result<Vec<T>, StoreError> {
    let packed: Option<Option<String>> = executor.fetch_optional_value(statement).await?;
    let Some(packed) = packed.flatten() else {
        return Ok(Vec::new());
    };
    serde_json::from_str(&packed).map_err(|source| StoreError::Corrupt {
        kind: "packed rows",
        id: String::new(),
        source,
    })
}
