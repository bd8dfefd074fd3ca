//! Rendering time of both charts for the shipped dossier.

fn main() {}
