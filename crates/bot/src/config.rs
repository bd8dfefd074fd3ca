//! The bot's settings, read once from the environment into typed values.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use poise::serenity_prelude as serenity;

use crate::http::PublicKey;
use crate::shards::{self, ShardRange};

/// The database used when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://dossier.db";
/// The log filter used when `RUST_LOG` is not set.
pub const DEFAULT_LOG_FILTER: &str = "info";
/// Where HTTP mode listens when `DOSSIER_HTTP_ADDR` is not set: loopback, behind a TLS proxy.
pub const DEFAULT_HTTP_ADDR: SocketAddr = SocketAddr::V4(std::net::SocketAddrV4::new(
    std::net::Ipv4Addr::LOCALHOST,
    8080,
));

/// How the bot receives interactions, or whether it only registers its commands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// Over a gateway WebSocket (the default); commands are registered once connected, unless
    /// the process runs a [`ShardRange`] (then `register` does it once for every process).
    #[default]
    Gateway,
    /// As signed HTTP POSTs to an interactions endpoint URL; nothing is registered.
    Http,
    /// Register the commands through REST, then exit.
    Register,
}

impl FromStr for Mode {
    type Err = ConfigError;

    /// `gateway`, `http` or `register`, in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "gateway" => Ok(Self::Gateway),
            "http" => Ok(Self::Http),
            "register" => Ok(Self::Register),
            _ => Err(ConfigError::Invalid {
                variable: "DOSSIER_MODE",
                reason: "it is gateway, http or register".to_owned(),
            }),
        }
    }
}

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
    /// `DOSSIER_HELD_HOLDINGS`: the most words a kind of names may hold across its records to
    /// be held in memory (see [`dossier_store::Store::with_held_kinds`]); default
    /// [`dossier_store::DEFAULT_HELD_HOLDINGS`], 0 holds none.
    pub held_holdings: usize,
    /// `RUST_LOG`, default [`DEFAULT_LOG_FILTER`].
    pub log_filter: String,
    /// `DISCORD_API_BASE`: send REST there and take the gateway from there.
    pub api_base: Option<ApiBase>,
    /// Per-user wait between two heavy commands (search, timeline). Not read from the
    /// environment; tests may set zero.
    pub heavy_command_cooldown: Duration,
    /// How often usage counts gathered in memory for `/stats` are written (a crash loses at
    /// most this much of them). Not read from the environment; tests may set it long.
    pub usage_flush_interval: Duration,
    /// How command registration is retried. Not read from the environment.
    pub registration_retry: RetryPolicy,
    /// `DOSSIER_MODE`, default [`Mode::Gateway`]; the command line may override it.
    pub mode: Mode,
    /// `DOSSIER_HTTP_ADDR`: where HTTP mode listens, default [`DEFAULT_HTTP_ADDR`].
    pub http_addr: SocketAddr,
    /// `DISCORD_PUBLIC_KEY`: checks the signature of every request in HTTP mode (required
    /// there).
    pub public_key: Option<PublicKey>,
    /// `DISCORD_APPLICATION_ID`: spares HTTP and register modes asking Discord for it.
    pub application_id: Option<serenity::ApplicationId>,
    /// `DOSSIER_SHARDS` with `DOSSIER_TOTAL_SHARDS` (or `--shards` with `--total-shards`): the
    /// gateway shards this process connects; all of them in one process when unset. Gateway
    /// mode only.
    pub shards: Option<ShardRange>,
}

/// Settings given on the command line; each one given wins over its environment variable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--mode`, or [`Mode::Register`] for the `register` subcommand.
    pub mode: Option<Mode>,
    /// `--shards`, as typed.
    pub shards: Option<String>,
    /// `--total-shards`, as typed.
    pub total_shards: Option<String>,
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
    /// A variable the chosen mode needs is not set.
    #[error("{variable} is not set: {hint}")]
    Missing {
        /// The variable's name.
        variable: &'static str,
        /// Where its value comes from.
        hint: &'static str,
    },
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
            held_holdings: dossier_store::DEFAULT_HELD_HOLDINGS,
            log_filter: DEFAULT_LOG_FILTER.to_owned(),
            api_base: None,
            heavy_command_cooldown: Duration::from_secs(3),
            usage_flush_interval: Duration::from_secs(1),
            registration_retry: RetryPolicy::default(),
            mode: Mode::Gateway,
            http_addr: DEFAULT_HTTP_ADDR,
            public_key: None,
            application_id: None,
            shards: None,
        }
    }

    /// The public key HTTP mode checks signatures with, or why it cannot run without one.
    pub fn require_public_key(&self) -> Result<&PublicKey, ConfigError> {
        self.public_key.as_ref().ok_or(ConfigError::Missing {
            variable: "DISCORD_PUBLIC_KEY",
            hint: "HTTP mode checks every request with the application's public key \
                   (developer portal → General Information → Public Key)",
        })
    }

    /// Reads the process environment. Empty variables count as unset.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_env_with(&Overrides::default())
    }

    /// Reads the process environment, then lets the command line's `overrides` win.
    pub fn from_env_with(overrides: &Overrides) -> Result<Self, ConfigError> {
        Self::from_lookup_with(|name| std::env::var(name).ok(), overrides)
    }

    /// Reads variables through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Self::from_lookup_with(lookup, &Overrides::default())
    }

    /// Reads variables through `lookup`, then applies `overrides`. Shard settings are checked
    /// once both sources are merged, so `DOSSIER_TOTAL_SHARDS` may complete `--shards`; a
    /// range is refused in HTTP and register modes, which hold no gateway connection.
    pub fn from_lookup_with(
        lookup: impl Fn(&str) -> Option<String>,
        overrides: &Overrides,
    ) -> Result<Self, ConfigError> {
        let mut config = Self::from_variables(&lookup)?;
        if let Some(mode) = overrides.mode {
            config.mode = mode;
        }
        config.shards = shards::from_settings(
            &lookup,
            overrides.shards.as_deref(),
            overrides.total_shards.as_deref(),
            config.mode,
        )?;
        Ok(config)
    }

    /// Every variable but the shard settings, before the command line.
    fn from_variables(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
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
        if let Some(holdings) = get("DOSSIER_HELD_HOLDINGS") {
            config.held_holdings = holdings.trim().parse().map_err(|_| ConfigError::Invalid {
                variable: "DOSSIER_HELD_HOLDINGS",
                reason: "give a number of holdings, e.g. 500000, or 0 to hold none".to_owned(),
            })?;
        }
        if let Some(filter) = get("RUST_LOG") {
            config.log_filter = filter;
        }
        config.api_base = get("DISCORD_API_BASE")
            .map(|base| ApiBase::new(&base))
            .transpose()?;
        if let Some(mode) = get("DOSSIER_MODE") {
            config.mode = mode.parse()?;
        }
        if let Some(addr) = get("DOSSIER_HTTP_ADDR") {
            config.http_addr = addr.trim().parse().map_err(|_| ConfigError::Invalid {
                variable: "DOSSIER_HTTP_ADDR",
                reason: "give an address and port, e.g. 127.0.0.1:8080".to_owned(),
            })?;
        }
        config.public_key = get("DISCORD_PUBLIC_KEY")
            .map(|key| PublicKey::from_hex(&key))
            .transpose()?;
        if let Some(application) = get("DISCORD_APPLICATION_ID") {
            let id: u64 = application
                .trim()
                .parse()
                .map_err(|_| ConfigError::Invalid {
                    variable: "DISCORD_APPLICATION_ID",
                    reason: "an application id is a number, e.g. 1302473928150667324".to_owned(),
                })?;
            if id == 0 {
                return Err(ConfigError::Invalid {
                    variable: "DISCORD_APPLICATION_ID",
                    reason: "an application id is never 0".to_owned(),
                });
            }
            config.application_id = Some(serenity::ApplicationId::new(id));
        }
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
        assert_eq!(config.mode, Mode::Gateway);
        assert_eq!(config.http_addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.public_key, None);
        assert_eq!(config.application_id, None);
        assert_eq!(config.shards, None);
    }

    #[test]
    fn http_mode_variables_are_read() {
        let key = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
        let config = config(&[
            ("DISCORD_TOKEN", "t"),
            ("DOSSIER_MODE", "HTTP"),
            ("DOSSIER_HTTP_ADDR", "0.0.0.0:9000"),
            ("DISCORD_PUBLIC_KEY", key),
            ("DISCORD_APPLICATION_ID", "1302473928150667324"),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.mode, Mode::Http);
        assert_eq!(config.http_addr.to_string(), "0.0.0.0:9000");
        assert_eq!(
            config.public_key.map(|key| key.to_hex()).as_deref(),
            Some(key)
        );
        assert_eq!(
            config.application_id.map(serenity::ApplicationId::get),
            Some(1_302_473_928_150_667_324)
        );
        assert_eq!("register".parse::<Mode>(), Ok(Mode::Register));
    }

    #[test]
    fn bad_http_mode_variables_name_themselves() {
        for (variable, value) in [
            ("DOSSIER_MODE", "webhook"),
            ("DOSSIER_HTTP_ADDR", "localhost"),
            ("DISCORD_PUBLIC_KEY", "not-hex"),
            ("DISCORD_APPLICATION_ID", "0"),
        ] {
            let result = config(&[("DISCORD_TOKEN", "t"), (variable, value)]);
            match result {
                Err(ConfigError::Invalid {
                    variable: named, ..
                }) => assert_eq!(named, variable),
                other => panic!("{variable}={value}: {other:?}"),
            }
        }
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
            ("DOSSIER_HELD_HOLDINGS", " 0 "),
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
        assert_eq!(config.held_holdings, 0);
        assert_eq!(config.log_filter, "debug");
        let base = config.api_base.unwrap_or_else(|| panic!("no base"));
        assert_eq!(base.as_str(), "http://127.0.0.1:8080");
        assert_eq!(base.gateway_url(), "http://127.0.0.1:8080/api/v10/gateway");
    }

    #[test]
    fn held_holdings_default_and_refuse_what_is_not_a_count() {
        let default = config(&[("DISCORD_TOKEN", "t")]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(default.held_holdings, dossier_store::DEFAULT_HELD_HOLDINGS);
        for bad in ["-1", "lots", "1e6"] {
            let error = config(&[("DISCORD_TOKEN", "t"), ("DOSSIER_HELD_HOLDINGS", bad)]);
            assert!(
                matches!(
                    error,
                    Err(ConfigError::Invalid {
                        variable: "DOSSIER_HELD_HOLDINGS",
                        ..
                    })
                ),
                "{bad}: {error:?}"
            );
        }
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
