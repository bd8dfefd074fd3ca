//! Dossier's Discord bot.

pub mod render;
