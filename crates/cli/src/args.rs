//! The command line: global options and one subcommand per question, named like the bot's.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Ask what the report says: events, estimates, glossary terms and claims, each with its source.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, max_term_width = 100)]
pub(crate) struct Cli {
    /// Answer from this SQLite database instead of the dossier built into the binary.
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,

    /// Load the dossier from this folder instead of the one built into the binary.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "DOSSIER_DATA",
        hide_env_values = true
    )]
    pub(crate) data: Option<PathBuf>,

    /// Print JSON for scripts instead of text.
    #[arg(long, global = true)]
    pub(crate) json: bool,

    /// When to colour the text output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Only on a terminal, and never when NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Command {
    /// The PNG file a chart is wanted in, for the commands that draw one.
    pub(crate) fn png(&self) -> Option<&PathBuf> {
        match self {
            Self::Timeline { png, .. } | Self::Estimates { png, .. } => png.as_ref(),
            _ => None,
        }
    }
}

/// The questions.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Events in date order, optionally filtered.
    Timeline {
        /// Keep events that may have happened on or after this EDTF date (e.g. 2025-01).
        #[arg(long)]
        from: Option<String>,
        /// Keep events that may have happened on or before this EDTF date (e.g. 2025-04-27).
        #[arg(long)]
        to: Option<String>,
        /// Keep events involving this actor (name, alias or id) or any part of it.
        #[arg(long)]
        actor: Option<String>,
        /// Keep events whose text contains this.
        #[arg(long)]
        query: Option<String>,
        /// Also draw the events on a time axis into this PNG file.
        #[arg(long, value_name = "FILE")]
        png: Option<PathBuf>,
    },
    /// One event in full, with its sources.
    Event {
        /// The event's id (see `dossier timeline`) or headline.
        id: String,
    },
    /// Define a glossary term (name, acronym or alias).
    Define {
        /// The term, e.g. KCNA or "U.N. Charter".
        term: Vec<String>,
    },
    /// Every glossary term.
    Glossary,
    /// Estimates side by side, with who made them and when; disagreements are flagged.
    Estimates {
        /// Only this measure (name, alias or id), e.g. casualties.
        measure: Vec<String>,
        /// Also draw each source's figure or range into this PNG file.
        #[arg(long, value_name = "FILE")]
        png: Option<PathBuf>,
    },
    /// Attributed claims and positions.
    Claims {
        /// Only claims by this actor (name, alias or id) or any part of it.
        #[arg(long)]
        actor: Option<String>,
    },
    /// Search events, estimates, terms, claims and actors.
    Search {
        /// Words to look for.
        query: Vec<String>,
    },
    /// The reports the dossier is drawn from.
    Sources,
    /// What Dossier is and what the loaded dossier holds.
    About,
    /// Check a dossier folder and report every problem with its file and JSON path.
    Validate {
        /// The folder (default: ./data).
        #[arg(default_value = "data")]
        dir: PathBuf,
    },
    /// Validate a dossier and import it into the database given with --db (or DATABASE_URL).
    Import {
        /// The folder (default: the dossier built into the binary, or --data).
        dir: Option<PathBuf>,
    },
}
