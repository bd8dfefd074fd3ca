//! Store tests on fresh databases — temporary SQLite files, and private schemas of a
//! PostgreSQL database when `DOSSIER_TEST_POSTGRES_URL` is set — with the same assertions on
//! both: import, queries, search, per-server tables, migrations and concurrency.

#[macro_use]
mod fixtures;
mod autocomplete;
mod concurrency;
mod first_letters;
mod generated;
mod guild;
mod guild_terms;
mod import;
mod migrations;
mod misspellings;
mod opening;
mod parity;
mod queries;
mod references;
mod search;
mod small_kinds;
mod timeline;
mod timeline_text;
