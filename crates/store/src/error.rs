//! The store's error type.

/// Why a store operation failed.
///
/// The `Display` text is meant for logs: it may include the database's own message, never a
/// user's input or a password. Show users a generic message instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database URL could not be understood.
    #[error("invalid database url {url:?}: {source}")]
    InvalidUrl {
        /// The refused URL.
        url: String,
        /// What the driver's option parser said.
        source: sqlx::Error,
    },
    /// The database refused or failed an operation.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Bringing the schema up to date failed.
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// The database cannot hold Dossier's data as it is set up.
    #[error("unsupported database: {reason}")]
    Unsupported {
        /// What is wrong, e.g. a text encoding other than UTF-8.
        reason: String,
    },
    /// A stored record could not be read back into its core type.
    #[error("stored {kind} {id:?} is unreadable: {source}")]
    Corrupt {
        /// The record kind, e.g. "event".
        kind: &'static str,
        /// The record's id.
        id: String,
        /// What went wrong.
        source: serde_json::Error,
    },
    /// Rows the database joined into texts did not split back into as many rows.
    #[error("joined {what} do not split back into rows: {reason}")]
    Unjoined {
        /// What was joined, e.g. "holdings".
        what: &'static str,
        /// What did not fit.
        reason: String,
    },
    /// A record could not be written as JSON (should never happen for core types).
    #[error("{kind} {id:?} could not be encoded: {source}")]
    Encode {
        /// The record kind.
        kind: &'static str,
        /// The record's id.
        id: String,
        /// What went wrong.
        source: serde_json::Error,
    },
}
