//! Before connecting: the HTTP client (pointed at `DISCORD_API_BASE` when set), the gateway
//! URL asked from that base ourselves, and a token check.

use poise::serenity_prelude as serenity;

use crate::config::Config;
use crate::error::{is_token_rejection, BotError};
use crate::render::discord::no_mentions;

/// The REST client: every call to the API base when one is set (serenity honours a proxy only
/// with its rate limiter off, and the system's `HTTP(S)_PROXY` variables are ignored so the
/// base is reached directly), and allowed mentions that parse nothing by default.
pub(crate) fn http_client(config: &Config) -> Result<serenity::Http, BotError> {
    let mut builder =
        serenity::HttpBuilder::new(config.token.expose()).default_allowed_mentions(no_mentions());
    if let Some(base) = &config.api_base {
        let direct = reqwest::Client::builder()
            .use_rustls_tls()
            .no_proxy()
            .build()
            .map_err(|error| BotError::GatewayUnavailable {
                url: base.gateway_url(),
                reason: format!("cannot build the HTTP client: {error}"),
            })?;
        builder = builder
            .client(direct)
            .proxy(base.as_str())
            .ratelimiter_disabled(true);
    }
    Ok(builder.build())
}

/// The gateway URL from the API base, when one is set. serenity would silently fall back to
/// Discord's own gateway if this failed; here it is an error instead.
pub(crate) async fn gateway_url(
    config: &Config,
    http: &serenity::Http,
) -> Result<Option<String>, BotError> {
    let Some(base) = &config.api_base else {
        return Ok(None);
    };
    let unavailable = |reason: String| BotError::GatewayUnavailable {
        url: base.gateway_url(),
        reason,
    };
    let gateway = http.get_gateway().await.map_err(|error| {
        if is_token_rejection(&error) {
            BotError::TokenRejected
        } else {
            unavailable(error.to_string())
        }
    })?;
    let url = gateway.url.trim().to_owned();
    if !(url.starts_with("ws://") || url.starts_with("wss://")) {
        return Err(unavailable(format!("{url:?} is not a ws:// or wss:// URL")));
    }
    Ok(Some(url))
}

/// Checks the token with `GET /users/@me`: a 401 is [`BotError::TokenRejected`]; other
/// failures are only logged, since the gateway will tell soon enough.
pub(crate) async fn check_token(http: &serenity::Http) -> Result<(), BotError> {
    match http.get_current_user().await {
        Ok(user) => {
            tracing::info!(bot = %user.name, id = %user.id, "token accepted");
            Ok(())
        }
        Err(error) if is_token_rejection(&error) => Err(BotError::TokenRejected),
        Err(error) => {
            tracing::warn!(%error, "could not check the token; connecting anyway");
            Ok(())
        }
    }
}
