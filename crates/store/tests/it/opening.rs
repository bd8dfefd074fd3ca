//! Opening a store: the URL's scheme picks the engine, and what cannot hold Dossier's data, or
//! cannot be understood, is refused with an error that never shows the password.

use dossier_store::{DatabaseKind, Store, StoreError};
use sqlx::Connection as _;

use crate::fixtures::{postgres_configured, temp_store, Backend};

async fn the_url_scheme_picks_the_engine(backend: Backend) {
    let (_database, store) = temp_store(backend).await;
    let expected = match backend {
        Backend::Sqlite => DatabaseKind::Sqlite,
        Backend::Postgres => DatabaseKind::Postgres,
    };
    assert_eq!(store.database_kind(), expected);
}

#[tokio::test]
async fn an_invalid_postgres_url_is_refused_without_showing_its_password() {
    for url in [
        "postgres://dossier:s3cret@127.0.0.1:notaport/dossier",
        "postgresql://dossier:s3cret@127.0.0.1:99999/dossier",
    ] {
        let error = Store::open(url).await.expect_err("an invalid URL");
        assert!(
            matches!(error, StoreError::InvalidUrl { .. }),
            "{url}: {error:?}"
        );
        let message = error.to_string();
        assert!(!message.contains("s3cret"), "{message}");
        assert!(message.contains("dossier:***@"), "{message}");
    }
}

#[tokio::test]
async fn a_postgres_database_that_does_not_store_utf8_is_refused() {
    if !postgres_configured() {
        return;
    }
    // A second database on the test server, in an encoding that cannot hold every name.
    let base_url = std::env::var(crate::fixtures::POSTGRES_URL_VARIABLE).expect("configured");
    let name = format!("dossier_test_ascii_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&base_url)
        .await
        .expect("connect");
    sqlx::query(&format!(
        "CREATE DATABASE {name} ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' \
         TEMPLATE template0"
    ))
    .execute(&mut admin)
    .await
    .expect("create a scratch database (the test user needs CREATEDB)");
    let (address, query) = base_url
        .split_once('?')
        .map_or((base_url.as_str(), None), |(address, query)| {
            (address, Some(query))
        });
    let (server, _) = address.rsplit_once('/').expect("a database in the URL");
    let url = match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    };

    let opened = Store::open(&url).await;
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .expect("drop the scratch database");
    let error = opened.expect_err("SQL_ASCII cannot hold every name");
    assert!(matches!(error, StoreError::Unsupported { .. }), "{error:?}");
    assert!(error.to_string().contains("SQL_ASCII"), "{error}");
}

on_both_backends!(the_url_scheme_picks_the_engine);
