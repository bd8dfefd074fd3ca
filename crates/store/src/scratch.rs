//! A throw-away schema in a PostgreSQL database, so tests and benchmarks sharing one server
//! never meet.

use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::Connection as _;

use crate::error::StoreError;

/// A schema of its own in a PostgreSQL database, created empty and dropped with everything in
/// it when this value is dropped (even when a test fails). [`ScratchSchema::url`] opens a
/// [`Store`](crate::Store) inside it.
///
/// Meant for tests and benchmarks: dropping blocks the current thread while a private runtime
/// drops the schema.
#[derive(Debug)]
pub struct ScratchSchema {
    base_url: String,
    name: String,
}

impl ScratchSchema {
    /// Creates an empty schema named `<prefix>_<process>_<counter>_<nanos>` in the database of
    /// `base_url` (a `postgres://` URL). `prefix` is lowercase ASCII letters and underscores.
    pub async fn create(base_url: &str, prefix: &str) -> Result<ScratchSchema, StoreError> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let prefix: String = prefix
            .chars()
            .filter(|character| character.is_ascii_lowercase() || *character == '_')
            .collect();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.subsec_nanos());
        let name = format!(
            "{}_{}_{}_{nanos}",
            if prefix.is_empty() {
                "scratch"
            } else {
                &prefix
            },
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let mut connection = sqlx::PgConnection::connect(base_url).await?;
        sqlx::query(&format!("CREATE SCHEMA {name}"))
            .execute(&mut connection)
            .await?;
        let _ = connection.close().await;
        Ok(ScratchSchema {
            base_url: base_url.to_owned(),
            name,
        })
    }

    /// The schema's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The base URL with this schema first on the search path: what [`Store::open`] and
    /// `DATABASE_URL` take.
    ///
    /// [`Store::open`]: crate::Store::open
    pub fn url(&self) -> String {
        let separator = if self.base_url.contains('?') {
            '&'
        } else {
            '?'
        };
        format!(
            "{}{separator}options=-c%20search_path%3D{}",
            self.base_url, self.name
        )
    }

    async fn drop_schema(base_url: &str, name: &str) -> Result<(), sqlx::Error> {
        let mut connection = sqlx::PgConnection::connect(base_url).await?;
        sqlx::query("SET lock_timeout = '20s'")
            .execute(&mut connection)
            .await?;
        sqlx::query(&format!("DROP SCHEMA IF EXISTS {name} CASCADE"))
            .execute(&mut connection)
            .await?;
        let _ = connection.close().await;
        Ok(())
    }
}

impl Drop for ScratchSchema {
    fn drop(&mut self) {
        let base_url = self.base_url.clone();
        let name = self.name.clone();
        // Drop is not async and may run inside a runtime: use a thread and a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|error| error.to_string())?;
            runtime
                .block_on(ScratchSchema::drop_schema(&base_url, &name))
                .map_err(|error| error.to_string())
        })
        .join();
        if let Ok(Err(error)) | Err(error) = dropped.map_err(|_| "panicked".to_owned()) {
            tracing::warn!(schema = %self.name, %error, "scratch schema was not dropped");
        }
    }
}
