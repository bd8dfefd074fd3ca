//! Rebuilds the crate when a migration (SQLite's or PostgreSQL's) changes, so `sqlx::migrate!` embeds the current files.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
    println!("cargo:rerun-if-changed=../../migrations/postgres");
}
