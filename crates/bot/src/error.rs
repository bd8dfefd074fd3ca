//! Why the bot could not start or stopped, and the exit code each reason deserves.

use poise::serenity_prelude as serenity;

use crate::config::ConfigError;

/// Exit code for a token that is missing or that Discord rejects.
pub const EXIT_BAD_TOKEN: u8 = 2;
/// Exit code for every other failure.
pub const EXIT_FAILURE: u8 = 1;

/// Why the bot could not start, or stopped on its own.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BotError {
    /// The environment does not make a usable configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Discord (or the API base) answered 401, or closed the gateway with 4004.
    #[error("Discord rejected the bot token (401 Unauthorized): check DISCORD_TOKEN")]
    TokenRejected,
    /// `DISCORD_API_BASE` is set but gave no usable gateway URL.
    #[error("could not get the gateway URL from {url}: {reason}")]
    GatewayUnavailable {
        /// The URL asked.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// Command registration kept failing, so the bot would have been online but mute.
    #[error("registering slash commands failed {attempts} times; last error: {last_error}")]
    Registration {
        /// Attempts made.
        attempts: u32,
        /// The last failure, for the logs.
        last_error: String,
    },
    /// The database could not be opened or written.
    #[error("database: {0}")]
    Store(#[from] dossier_store::StoreError),
    /// The dossier folder could not be read.
    #[error("dossier folder: {0}")]
    DossierFolder(#[from] dossier_store::ReadError),
    /// The built-in dossier failed to load (a build defect).
    #[error("built-in dossier: {0}")]
    BuiltInDossier(String),
    /// Discord's client failed.
    #[error("Discord client: {0}")]
    Discord(Box<serenity::Error>),
    /// HTTP mode could not serve.
    #[error(transparent)]
    Endpoint(#[from] crate::http::EndpointError),
}

impl BotError {
    /// The process exit code for this failure: 2 for a missing or rejected token, else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Config(ConfigError::MissingToken) | Self::TokenRejected => EXIT_BAD_TOKEN,
            _ => EXIT_FAILURE,
        }
    }
}

impl From<serenity::Error> for BotError {
    fn from(error: serenity::Error) -> Self {
        if is_token_rejection(&error) {
            Self::TokenRejected
        } else {
            Self::Discord(Box::new(error))
        }
    }
}

/// True for a 401 from REST or a 4004 (authentication failed) gateway close.
pub(crate) fn is_token_rejection(error: &serenity::Error) -> bool {
    match error {
        serenity::Error::Http(http) => {
            http.status_code().map(|status| status.as_u16()) == Some(401)
        }
        serenity::Error::Gateway(serenity::GatewayError::InvalidAuthentication) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_token_exits_with_two() {
        let closed = BotError::from(serenity::Error::Gateway(
            serenity::GatewayError::InvalidAuthentication,
        ));
        assert!(matches!(closed, BotError::TokenRejected));
        assert_eq!(closed.exit_code(), 2);
        assert_eq!(BotError::Config(ConfigError::MissingToken).exit_code(), 2);
    }

    #[test]
    fn other_failures_exit_with_one() {
        let registration = BotError::Registration {
            attempts: 5,
            last_error: "400".to_owned(),
        };
        assert_eq!(registration.exit_code(), 1);
        let gateway = BotError::from(serenity::Error::Gateway(
            serenity::GatewayError::InvalidShardData,
        ));
        assert_eq!(gateway.exit_code(), 1);
    }
}
