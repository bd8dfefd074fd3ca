//! The `dossier-bot` binary: configuration from the environment, then the bot until a signal.

fn main() {}
