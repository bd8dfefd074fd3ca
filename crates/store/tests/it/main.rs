//! Store tests on temporary database files: import, queries, search, per-server tables,
//! migrations and concurrency.

mod concurrency;
mod fixtures;
mod guild;
mod guild_terms;
mod import;
mod migrations;
mod queries;
mod search;
