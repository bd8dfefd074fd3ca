//! The bot's settings, read once from the environment into typed values.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use poise::serenity_prelude as serenity;

/// The database used when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://dossier.db";
/// The log filter used when `RUST_LOG` is not set.
pub const DEFAULT_LOG_FILTER: &str = "info";

/// The bot token. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A token from text, refused when empty or holding whitespace.
    pub fn new(text: impl Into<String>) -> Result<Self, ConfigError> {
        let text = text.into();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(ConfigError::MissingToken);
        }
        if trimmed.chars().any(char::is_whitespace) {
            return Err(ConfigError::Invalid {
                variable: "DISCORD_TOKEN",
                reason: "a token holds no spaces".to_owned(),
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The secret itself, for the HTTP client only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Where REST calls go instead of discord.com: `http://host:port`, no path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase(String);

impl ApiBase {
    /// Checks the shape serenity needs: http(s), a host, an optional port, nothing after.
    pub fn new(text: &str) -> Result<Self, ConfigError> {
        let invalid = |reason: &str| ConfigError::Invalid {
            variable: "DISCORD_API_BASE",
            reason: reason.to_owned(),
        };
        let text = text.trim().trim_end_matches('/');
        let rest = text
            .strip_prefix("http://")
            .or_else(|| text.strip_prefix("https://"))
            .ok_or_else(|| invalid("it must start with http:// or https://"))?;
        if rest.is_empty() {
            return Err(invalid("it names no host"));
        }
        if rest.contains(['/', '?', '#', '@']) || rest.chars().any(char::is_whitespace) {
            return Err(invalid(
                "give only scheme, host and port, e.g. http://127.0.0.1:8080",
            ));
        }
        Ok(Self(text.to_owned()))
    }

    /// The base, e.g. `http://127.0.0.1:8080`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL the gateway address is asked from.
    pub fn gateway_url(&self) -> String {
        format!("{}/api/v10/gateway", self.0)
    }
}

impl fmt::Display for ApiBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How command registration is retried when Discord refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, at least one.
    pub attempts: u32,
    /// Wait before the second attempt; doubled before each later one.
    pub first_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 5,
            first_delay: Duration::from_secs(1),
        }
    }
}

/// Everything the bot needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DISCORD_TOKEN` (required).
    pub token: Token,
    /// `DISCORD_GUILD_ID`: register commands in this server only (instantly); globally when
    /// unset.
    pub guild_id: Option<serenity::GuildId>,
    /// `DATABASE_URL`, default [`DEFAULT_DATABASE_URL`].
    pub database_url: String,
    /// `DOSSIER_DATA`: a dossier folder to load instead of the built-in one.
    pub dossier_data: Option<PathBuf>,
    /// `RUST_LOG`, default [`DEFAULT_LOG_FILTER`].
    pub log_filter: String,
    /// `DISCORD_API_BASE`: send REST there and take the gateway from there.
    pub api_base: Option<ApiBase>,
    /// Per-user wait between two heavy commands (search, timeline). Not read from the
    /// environment; tests may set zero.
    pub heavy_command_cooldown: Duration,
    /// How command registration is retried. Not read from the environment.
    pub registration_retry: RetryPolicy,
}

/// Why the environment does not make a usable configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No token.
    #[error(
        "DISCORD_TOKEN is not set: put the bot token from the Discord developer portal \
         (Bot → Reset Token) in .env or the environment"
    )]
    MissingToken,
    /// A variable is set but unusable.
    #[error("{variable} is not valid: {reason}")]
    Invalid {
        /// The variable's name.
        variable: &'static str,
        /// Why (never the value itself, which may be secret).
        reason: String,
    },
}

impl Config {
    /// A configuration with this token and every default.
    pub fn new(token: Token) -> Self {
        Self {
            token,
            guild_id: None,
            database_url: DEFAULT_DATABASE_URL.to_owned(),
            dossier_data: None,
            log_filter: DEFAULT_LOG_FILTER.to_owned(),
            api_base: None,
            heavy_command_cooldown: Duration::from_secs(3),
            registration_retry: RetryPolicy::default(),
        }
    }

    /// Reads the process environment. Empty variables count as unset.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads variables through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let token = Token::new(get("DISCORD_TOKEN").unwrap_or_default())?;
        let mut config = Self::new(token);
        if let Some(guild) = get("DISCORD_GUILD_ID") {
            let id: u64 = guild.trim().parse().map_err(|_| ConfigError::Invalid {
                variable: "DISCORD_GUILD_ID",
                reason: "a server id is a number, e.g. 123456789012345678".to_owned(),
            })?;
            if id == 0 {
                return Err(ConfigError::Invalid {
                    variable: "DISCORD_GUILD_ID",
                    reason: "a server id is never 0".to_owned(),
                });
            }
            config.guild_id = Some(serenity::GuildId::new(id));
        }
        if let Some(url) = get("DATABASE_URL") {
            config.database_url = url.trim().to_owned();
        }
        config.dossier_data = get("DOSSIER_DATA").map(|folder| PathBuf::from(folder.trim()));
        if let Some(filter) = get("RUST_LOG") {
            config.log_filter = filter;
        }
        config.api_base = get("DISCORD_API_BASE")
            .map(|base| ApiBase::new(&base))
            .transpose()?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn a_token_alone_gives_every_default() {
        let config = config(&[("DISCORD_TOKEN", "abc.def")]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.token.expose(), "abc.def");
        assert_eq!(config.database_url, "sqlite://dossier.db");
        assert_eq!(config.guild_id, None);
        assert_eq!(config.api_base, None);
        assert_eq!(config.log_filter, "info");
    }

    #[test]
    fn a_missing_or_empty_token_is_one_clear_error() {
        assert_eq!(config(&[]).unwrap_err(), ConfigError::MissingToken);
        assert_eq!(
            config(&[("DISCORD_TOKEN", "  ")]).unwrap_err(),
            ConfigError::MissingToken
        );
        assert!(ConfigError::MissingToken
            .to_string()
            .starts_with("DISCORD_TOKEN is not set"));
    }

    #[test]
    fn the_token_never_shows_in_debug_output_or_errors() {
        let secret = "MTIz.secret-value";
        let config = config(&[("DISCORD_TOKEN", secret)]).unwrap_or_else(|e| panic!("{e}"));
        assert!(!format!("{config:?}").contains(secret));
        let error = Token::new("has space").unwrap_err();
        assert!(!error.to_string().contains("has space"));
    }

    #[test]
    fn every_variable_is_read() {
        let config = config(&[
            ("DISCORD_TOKEN", "t"),
            ("DISCORD_GUILD_ID", "123456789012345678"),
            ("DATABASE_URL", "sqlite::memory:"),
            ("DOSSIER_DATA", "/tmp/other"),
            ("RUST_LOG", "debug"),
            ("DISCORD_API_BASE", "http://127.0.0.1:8080/"),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config.guild_id.map(serenity::GuildId::get),
            Some(123_456_789_012_345_678)
        );
        assert_eq!(config.database_url, "sqlite::memory:");
        assert_eq!(config.dossier_data, Some(PathBuf::from("/tmp/other")));
        assert_eq!(config.log_filter, "debug");
        let base = config.api_base.unwrap_or_else(|| panic!("no base"));
        assert_eq!(base.as_str(), "http://127.0.0.1:8080");
        assert_eq!(base.gateway_url(), "http://127.0.0.1:8080/api/v10/gateway");
    }

    #[test]
    fn a_bad_guild_id_or_api_base_is_refused_with_a_reason() {
        let guild = config(&[("DISCORD_TOKEN", "t"), ("DISCORD_GUILD_ID", "my-server")]);
        assert!(matches!(
            guild,
            Err(ConfigError::Invalid {
                variable: "DISCORD_GUILD_ID",
                ..
            })
        ));
        for base in [
            "127.0.0.1:8080",
            "http://host:1/api",
            "ftp://host",
            "http://",
        ] {
            let result = config(&[("DISCORD_TOKEN", "t"), ("DISCORD_API_BASE", base)]);
            assert!(
                matches!(
                    result,
                    Err(ConfigError::Invalid {
                        variable: "DISCORD_API_BASE",
                        ..
                    })
                ),
                "{base} should be refused"
            );
        }
    }
}
