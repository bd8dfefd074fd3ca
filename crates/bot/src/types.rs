//! The bot's shared state (`Data`), the poise `Context` over it, and the command error type.

use std::time::Duration;

use dossier_store::{Store, StoreError};
use poise::serenity_prelude as serenity;

use crate::cooldowns::Cooldowns;
use crate::render::GlossaryRefusal;
use crate::sessions::Sessions;
use crate::usage_recorder::UsageRecorder;

/// What every command and handler can reach.
#[derive(Debug)]
pub(crate) struct Data {
    /// The dossier database.
    pub(crate) store: Store,
    /// Paged answers whose buttons can still be pressed.
    pub(crate) sessions: Sessions,
    /// When each user may next run each heavy command.
    pub(crate) cooldowns: Cooldowns,
    /// Usage counts for `/stats`, written in batches.
    pub(crate) usage: UsageRecorder,
}

/// The poise context of a command invocation.
pub(crate) type Context<'a> = poise::Context<'a, Data, Error>;

/// Something the user can fix or should know, answered ephemerally with its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UserError {
    /// Nothing has that name; with close names, if any.
    NotFound {
        /// "term", "event", "actor" or "measure".
        what: &'static str,
        /// What the user typed.
        query: String,
        /// Close names, best first.
        suggestions: Vec<String>,
        /// The command that lists them all, e.g. "`/glossary`".
        browse: &'static str,
    },
    /// An option that cannot be used.
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// Why, in words for the user.
        reason: String,
    },
    /// Asked again too soon.
    Cooldown {
        /// The command.
        command: String,
        /// Time left.
        remaining: Duration,
    },
    /// A server-only command used in a direct message.
    NotInServer {
        /// What direct messages lack, e.g. "server glossary".
        feature: &'static str,
    },
    /// The member's permissions and roles in the interaction do not allow this.
    NotPermitted {
        /// Manage Server is needed (the settings), not only the moderator role.
        manage_server_only: bool,
    },
    /// The store refused a change to the server glossary, for a reason the moderator can fix.
    GlossaryRefused(GlossaryRefusal),
}

/// Why a command or handler failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    /// The user's to fix; shown to them.
    #[error("user error: {0:?}")]
    User(UserError),
    /// The database failed; logged, never shown.
    #[error("store: {0}")]
    Store(#[from] StoreError),
    /// Discord refused a reply; logged, never shown.
    #[error("discord: {0}")]
    Discord(Box<serenity::Error>),
    /// Start-up (command registration) failed; the bot stops.
    #[error("setup: {0}")]
    Setup(String),
}

impl From<UserError> for Error {
    fn from(error: UserError) -> Self {
        Self::User(error)
    }
}

impl From<serenity::Error> for Error {
    fn from(error: serenity::Error) -> Self {
        Self::Discord(Box::new(error))
    }
}
