//! Registering the slash commands with Discord, retried with back-off: a bot whose commands
//! are not registered is online but mute, so persistent failure stops it instead.

use poise::serenity_prelude as serenity;

use crate::config::RetryPolicy;
use crate::error::{is_token_rejection, BotError};
use crate::types::{Data, Error};

/// Registers `commands` in `guild` (at once) or globally, retrying per `policy`.
pub(crate) async fn register(
    http: &serenity::Http,
    commands: &[poise::Command<Data, Error>],
    guild: Option<serenity::GuildId>,
    policy: RetryPolicy,
) -> Result<(), BotError> {
    let builders = poise::builtins::create_application_commands(commands);
    let attempts = policy.attempts.max(1);
    let mut delay = policy.first_delay;
    let mut last_error = String::new();
    for attempt in 1..=attempts {
        let result = match guild {
            Some(guild) => guild.set_commands(http, builders.clone()).await.map(|_| ()),
            None => serenity::Command::set_global_commands(http, builders.clone())
                .await
                .map(|_| ()),
        };
        match result {
            Ok(()) => {
                match guild {
                    Some(guild) => {
                        tracing::info!(count = builders.len(), %guild, "registered commands in the server");
                    }
                    None => tracing::info!(count = builders.len(), "registered commands globally"),
                }
                return Ok(());
            }
            Err(error) if is_token_rejection(&error) => return Err(BotError::TokenRejected),
            Err(error) => {
                tracing::warn!(attempt, attempts, %error, "registering commands failed");
                last_error = error.to_string();
                if attempt < attempts {
                    tokio::time::sleep(delay).await;
                    delay = delay.saturating_mul(2);
                }
            }
        }
    }
    Err(BotError::Registration {
        attempts,
        last_error,
    })
}
