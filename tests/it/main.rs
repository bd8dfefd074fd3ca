//! End-to-end tests: the real Dossier bot, started in-process, against a fake Discord on
//! 127.0.0.1 — registration, every command, paging, autocomplete, silent mentions, reconnects,
//! token rejection, loopback only, and bursts of interactions.

mod answers;
mod auth;
mod autocomplete;
mod charts;
mod commands;
mod concurrency;
mod harness;
mod loopback;
mod mentions;
mod paging;
mod reconnect;
mod registration;
mod relay;
