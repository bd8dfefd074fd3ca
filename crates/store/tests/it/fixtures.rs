//! Shared set-up: a fresh database on either backend (a temporary SQLite file, or a private
//! schema in the PostgreSQL database named by `DOSSIER_TEST_POSTGRES_URL`), the shipped dossier
//! and variants of it, and [`on_both_backends!`], which runs one test body on each backend.

use std::io::Write as _;
use std::sync::OnceLock;

use dossier_core::{ActorId, Claim, ClaimId, ClaimKind, Dossier};
use dossier_store::{ScratchSchema, Store};
use tempfile::TempDir;

/// The environment variable naming the PostgreSQL database the tests may use. Each test works
/// in a schema of its own, created and dropped by the test.
pub(crate) const POSTGRES_URL_VARIABLE: &str = "DOSSIER_TEST_POSTGRES_URL";

/// Runs each listed `async fn(Backend)` once on SQLite and once on PostgreSQL, as the tests
/// `<module>::sqlite::<name>` and `<module>::postgres::<name>`.
macro_rules! on_both_backends {
    ($($test:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    super::$test(crate::fixtures::Backend::Sqlite).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    if crate::fixtures::postgres_configured() {
                        super::$test(crate::fixtures::Backend::Postgres).await;
                    }
                }
            )+
        }
    };
}

/// Which engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL database of [`POSTGRES_URL_VARIABLE`], if set.
fn postgres_url() -> Option<String> {
    std::env::var(POSTGRES_URL_VARIABLE)
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// Whether the PostgreSQL half runs. Without a database it is skipped with one line on the
/// terminal — except in CI (`CI=true`), where every PostgreSQL test fails instead, so that CI
/// cannot pass without running them.
pub(crate) fn postgres_configured() -> bool {
    if postgres_url().is_some() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {POSTGRES_URL_VARIABLE} is not set: the PostgreSQL half of the store tests \
         must run in CI (start a server with `eval \"$(.ci/postgres start)\"`)"
    );
    static NOTED: OnceLock<()> = OnceLock::new();
    NOTED.get_or_init(|| {
        // Straight to the terminal: the test harness captures `eprintln!`.
        let _ = writeln!(
            std::io::stderr(),
            "note: the PostgreSQL half of the store tests was skipped \
             ({POSTGRES_URL_VARIABLE} is not set)"
        );
    });
    false
}

/// A fresh, empty database on one backend, removed when dropped.
pub(crate) struct TestDatabase {
    url: String,
    _folder: Option<TempDir>,
    _schema: Option<ScratchSchema>,
}

impl TestDatabase {
    pub(crate) async fn create(backend: Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}", folder.path().join("dossier.db").display());
                TestDatabase {
                    url,
                    _folder: Some(folder),
                    _schema: None,
                }
            }
            Backend::Postgres => {
                let base_url = postgres_url().expect("the PostgreSQL half is configured");
                let schema = ScratchSchema::create(&base_url, "dossier_test")
                    .await
                    .expect("create a test schema");
                TestDatabase {
                    url: schema.url(),
                    _folder: None,
                    _schema: Some(schema),
                }
            }
        }
    }

    /// The URL that opens this database with [`Store::open`].
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// Runs `sql` on this database behind every store's back, on a connection of its own.
    pub(crate) async fn execute_behind_the_store(&self, sql: &str) {
        if self._schema.is_some() {
            let pool = sqlx::PgPool::connect(&self.url).await.expect("connect");
            sqlx::raw_sql(sql).execute(&pool).await.expect("execute");
            pool.close().await;
        } else {
            let pool = sqlx::SqlitePool::connect(&self.url).await.expect("connect");
            sqlx::raw_sql(sql).execute(&pool).await.expect("execute");
            pool.close().await;
        }
    }

    /// A new store (a new connection pool, as another process would have) on this database.
    pub(crate) async fn open(&self) -> Store {
        Store::open(&self.url).await.expect("open store")
    }
}

/// `store`, and a clone of it that holds no kind of names in memory: the two ways the store
/// reads a kind's words and names, which must answer alike.
pub(crate) fn held_and_unheld(store: &Store) -> [Store; 2] {
    [store.clone(), store.clone().with_held_kinds(0)]
}

/// A store on a fresh database that lives as long as the returned [`TestDatabase`].
pub(crate) async fn temp_store(backend: Backend) -> (TestDatabase, Store) {
    let database = TestDatabase::create(backend).await;
    let store = database.open().await;
    (database, store)
}

/// A store on a fresh database with the shipped dossier imported.
pub(crate) async fn loaded_store(backend: Backend) -> (TestDatabase, Store) {
    let (database, store) = temp_store(backend).await;
    store
        .import(shipped())
        .await
        .expect("import shipped dossier");
    (database, store)
}

/// The actor id `id`, which must be valid.
pub(crate) fn actor(id: &str) -> dossier_core::ActorId {
    dossier_core::ActorId::new(id).expect("valid id")
}

/// The shipped dossier.
pub(crate) fn shipped() -> &'static Dossier {
    dossier_core::embedded()
}

/// The shipped dossier with every event headline and term definition marked, so a reader can
/// tell which dossier it sees.
pub(crate) fn marked(mark: &str) -> Dossier {
    let mut dossier = shipped().clone();
    for event in &mut dossier.events {
        event.headline = format!("{mark} {}", event.headline);
    }
    for term in &mut dossier.terms {
        term.definition = format!("{mark} {}", term.definition);
    }
    dossier
}

/// A claim by an actor the dossier does not have: the database refuses it mid-import.
pub(crate) fn claim_by_unknown_actor() -> Claim {
    let mut claim = shipped().claims[0].clone();
    claim.id = ClaimId::new("claim-by-nobody").expect("valid id");
    claim.actor = ActorId::new("nobody-at-all").expect("valid id");
    claim.kind = ClaimKind::Claim;
    claim.counter_claims.clear();
    claim
}
