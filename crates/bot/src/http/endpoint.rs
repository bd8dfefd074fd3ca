//! The routes: `POST /interactions` (signed, size-bounded, PING answered with PONG, every other
//! interaction dispatched through poise) and `GET /healthz`.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use poise::serenity_prelude as serenity;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::RwLock;
use tracing::Instrument;

use crate::http::detached::Detached;
use crate::http::signature::{PublicKey, SignedHeaders};
use crate::types::{Data, Error};

/// The largest request body read; Discord's interactions are a few KiB.
pub(crate) const BODY_LIMIT: usize = 64 * 1024;
/// How long a request waits for its interaction to be answered before it is acknowledged
/// anyway (202), leaving the work to finish on its own: Discord gives the endpoint 3 s.
const ANSWER_WITHIN: Duration = Duration::from_millis(2500);

/// Everything the routes share.
pub(crate) struct EndpointState {
    /// Checks every request's signature.
    pub(crate) public_key: PublicKey,
    /// The same poise options (commands, error handler, button handler) as gateway mode.
    pub(crate) options: poise::FrameworkOptions<Data, Error>,
    /// The same state as gateway mode.
    pub(crate) data: Data,
    /// The serenity context and shard manager poise wants.
    pub(crate) detached: Detached,
    /// Held (read) by every dispatch while it runs; shutdown takes it (write) to wait for them.
    pub(crate) in_flight: Arc<RwLock<()>>,
}

/// The router over `state`.
pub(crate) fn router(state: Arc<EndpointState>) -> Router {
    Router::new()
        .route("/interactions", post(interactions))
        .route("/healthz", get(healthz))
        .with_state(state)
}

/// The `type` of an interaction, read before anything else so a PING needs nothing more.
#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: u8,
}

/// `POST /interactions`.
async fn interactions(State(state): State<Arc<EndpointState>>, request: Request) -> Response {
    let span = tracing::info_span!(
        "interaction",
        id = tracing::field::Empty,
        kind = tracing::field::Empty,
        name = tracing::field::Empty,
        user = tracing::field::Empty,
    );
    answer(state, request, span.clone()).instrument(span).await
}

async fn answer(state: Arc<EndpointState>, request: Request, span: tracing::Span) -> Response {
    let (parts, body) = request.into_parts();
    let signed = match SignedHeaders::read(&parts.headers, SystemTime::now()) {
        Ok(signed) => signed,
        Err(rejection) => {
            tracing::info!(%rejection, "refused a request");
            return StatusCode::UNAUTHORIZED.into_response();
        }
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
        tracing::info!(length = declared, "refused an oversized request");
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let body = match read_limited(body).await {
        Ok(body) => body,
        Err(status) => {
            tracing::info!(%status, "refused a request body");
            return status.into_response();
        }
    };
    if let Err(rejection) = signed.verify(&state.public_key, &body) {
        tracing::info!(%rejection, "refused a request");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Ok(envelope) = serde_json::from_slice::<Envelope>(&body) else {
        tracing::warn!("a signed request is not an interaction");
        return StatusCode::BAD_REQUEST.into_response();
    };
    if envelope.kind == 1 {
        tracing::debug!("PING");
        return Json(json!({ "type": 1 })).into_response();
    }
    let interaction: serenity::Interaction = match serde_json::from_slice(&body) {
        Ok(interaction) => interaction,
        Err(error) => {
            tracing::warn!(%error, kind = envelope.kind, "a signed interaction could not be read");
            return StatusCode::BAD_REQUEST.into_response();
        }
    };
    describe(&span, &interaction);
    let guard = Arc::clone(&state.in_flight).read_owned().await;
    let work = tokio::spawn(
        async move {
            dispatch(&state, interaction).await;
            drop(guard);
        }
        .instrument(span),
    );
    match tokio::time::timeout(ANSWER_WITHIN, work).await {
        Ok(Ok(())) => {}
        Ok(Err(failure)) => tracing::error!(%failure, "the interaction's task failed"),
        Err(_) => tracing::warn!("still answering; acknowledging the request meanwhile"),
    }
    // The answer went (or is going) to the callback endpoint; Discord wants 202 and no body.
    StatusCode::ACCEPTED.into_response()
}

/// Reads at most [`BODY_LIMIT`] bytes, stopping as soon as the body goes past it.
async fn read_limited(body: Body) -> Result<Vec<u8>, StatusCode> {
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| StatusCode::BAD_REQUEST)?;
        if bytes.len() + chunk.len() > BODY_LIMIT {
            return Err(StatusCode::PAYLOAD_TOO_LARGE);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// Records what the interaction is on its span.
fn describe(span: &tracing::Span, interaction: &serenity::Interaction) {
    span.record("id", interaction.id().get());
    let (kind, name, user) = match interaction {
        serenity::Interaction::Command(command) => {
            ("command", command.data.name.as_str(), command.user.id)
        }
        serenity::Interaction::Autocomplete(command) => {
            ("autocomplete", command.data.name.as_str(), command.user.id)
        }
        serenity::Interaction::Component(press) => {
            ("component", press.data.custom_id.as_str(), press.user.id)
        }
        _ => {
            span.record("kind", "other");
            return;
        }
    };
    span.record("kind", kind);
    span.record("name", name);
    span.record("user", user.get());
}

/// Runs the interaction through poise's own dispatcher, with the same options and data as
/// the gateway: commands and autocomplete by poise, page buttons by the event handler, errors
/// by `on_error`. Replies go to Discord's callback endpoint over REST.
async fn dispatch(state: &EndpointState, interaction: serenity::Interaction) {
    let framework = poise::FrameworkContext {
        serenity_context: &state.detached.context,
        options: &state.options,
        user_data: &state.data,
        shard_manager: &state.detached.shard_manager,
    };
    poise::dispatch_event(
        framework,
        serenity::FullEvent::InteractionCreate { interaction },
    )
    .await;
}

/// `GET /healthz`: 200 while the database answers and holds a dossier, else 503.
async fn healthz(State(state): State<Arc<EndpointState>>) -> Response {
    match state.data.store.content_hash().await {
        Ok(Some(_)) => Json(json!({ "status": "ok" })).into_response(),
        Ok(None) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "no dossier imported" })),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: the database failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "database unavailable" })),
            )
                .into_response()
        }
    }
}
