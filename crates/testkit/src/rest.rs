//! The fake REST API under `/api/v10`: every request is recorded, then answered as Discord would.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{SecondsFormat, Utc};
use serde_json::{json, Value};

use crate::limits::{autocomplete_violations, command_violations, message_violations};
use crate::multipart::{self, Upload};
use crate::record::{Recorded, RouteKind};
use crate::state::{lock, Shared};
use crate::store::{DiscordError, MessageContext};

/// Bodies past this size are cut; Discord's own limit for a request is far lower.
const BODY_LIMIT: usize = 32 * 1024 * 1024;

/// What the fake answers: a status and, unless it is 204, a JSON body.
type Answer = (u16, Option<Value>);

/// The fallback handler for every path except `/gateway`.
pub(crate) async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let raw_body = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map(|bytes| bytes.to_vec());
    let raw_body = raw_body.unwrap_or_default();
    let at = Instant::now();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let authorization = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let multipart_boundary = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(multipart::boundary);
    let (body, uploads) = match multipart_boundary {
        Some(boundary) => {
            let (payload_json, uploads) = multipart::split(&raw_body, boundary);
            let body = payload_json.and_then(|text| serde_json::from_str(&text).ok());
            (body, uploads)
        }
        None => (serde_json::from_slice(&raw_body).ok(), Vec::new()),
    };
    let route = classify(&method, &path, shared.config.application_id);
    let sent = Sent {
        method: &method,
        authorization: authorization.as_deref(),
        body: body.as_ref(),
        uploads: &uploads,
    };
    let (status, answer) = answer(&shared, &route, &sent);
    shared.record_request(Recorded {
        at,
        method,
        path,
        query: parts.uri.query().map(str::to_owned),
        authorization,
        route,
        body,
        raw_body,
        uploads,
        status,
    });
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match answer {
        Some(value) => (status, Json(value)).into_response(),
        None => status.into_response(),
    }
}

/// Recognises a Discord route from the method and path.
pub(crate) fn classify(method: &str, path: &str, application_id: u64) -> RouteKind {
    let Some(rest) = path.strip_prefix("/api/v10/") else {
        return RouteKind::Unknown;
    };
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let id = |segment: &str| segment.parse::<u64>().ok();
    let ours = |segment: &str| id(segment) == Some(application_id);
    let token = |segment: &str| segment.to_owned();
    match (method, segments.as_slice()) {
        ("GET", ["gateway"]) => RouteKind::Gateway,
        ("GET", ["gateway", "bot"]) => RouteKind::GatewayBot,
        ("GET", ["users", "@me"]) => RouteKind::CurrentUser,
        ("GET", ["oauth2", "applications", "@me"]) => RouteKind::CurrentApplication,
        ("GET" | "PUT", ["applications", app, "commands"]) if ours(app) => {
            RouteKind::GlobalCommands
        }
        ("GET" | "PUT", ["applications", app, "guilds", guild, "commands"]) if ours(app) => {
            id(guild).map_or(RouteKind::Unknown, |guild_id| RouteKind::GuildCommands {
                guild_id,
            })
        }
        ("POST", ["interactions", interaction, secret, "callback"]) => {
            id(interaction).map_or(RouteKind::Unknown, |interaction_id| {
                RouteKind::InteractionCallback {
                    interaction_id,
                    token: token(secret),
                }
            })
        }
        ("GET" | "PATCH" | "DELETE", ["webhooks", app, secret, "messages", "@original"])
            if ours(app) =>
        {
            RouteKind::OriginalResponse {
                token: token(secret),
            }
        }
        ("GET" | "PATCH" | "DELETE", ["webhooks", app, secret, "messages", message])
            if ours(app) =>
        {
            id(message).map_or(RouteKind::Unknown, |message_id| {
                RouteKind::FollowupMessage {
                    token: token(secret),
                    message_id,
                }
            })
        }
        ("POST", ["webhooks", app, secret]) if ours(app) => RouteKind::Followup {
            token: token(secret),
        },
        _ => RouteKind::Unknown,
    }
}

fn error(failure: DiscordError) -> Answer {
    (failure.status, Some(failure.body))
}

/// The parts of a request that decide the answer.
struct Sent<'a> {
    method: &'a str,
    authorization: Option<&'a str>,
    body: Option<&'a Value>,
    uploads: &'a [Upload],
}

fn answer(shared: &Shared, route: &RouteKind, sent: &Sent<'_>) -> Answer {
    let Sent {
        method,
        authorization,
        body,
        uploads,
    } = *sent;
    if *route == RouteKind::Unknown {
        return error(DiscordError::new(404, 0, "404: Not Found"));
    }
    let checks_token = *route != RouteKind::Gateway || shared.config.authenticate_gateway_url;
    if checks_token && !authorization.is_some_and(|presented| shared.token_is_valid(presented)) {
        return error(DiscordError::new(401, 0, "401: Unauthorized"));
    }
    let injected = lock(&shared.failures)
        .iter()
        .find(|failure| (failure.matches)(route))
        .map(|failure| failure.status);
    if let Some(status) = injected {
        return error(DiscordError::new(
            status,
            0,
            &format!("{status}: failure injected by the test"),
        ));
    }
    let empty = json!({});
    let body = body.unwrap_or(&empty);
    let config = &shared.config;
    match route {
        RouteKind::Gateway => (200, Some(json!({ "url": shared.gateway_url() }))),
        RouteKind::GatewayBot => (
            200,
            Some(json!({
                "url": shared.gateway_url(),
                "shards": config.shards,
                "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1
                }
            })),
        ),
        RouteKind::CurrentUser => (200, Some(shared.bot_user())),
        RouteKind::CurrentApplication => (200, Some(application_info(shared))),
        RouteKind::GlobalCommands | RouteKind::GuildCommands { .. } => {
            let guild_id = match route {
                RouteKind::GuildCommands { guild_id } => Some(*guild_id),
                _ => None,
            };
            commands(shared, method, guild_id, body)
        }
        RouteKind::InteractionCallback {
            interaction_id,
            token,
        } => {
            if config.enforce_limits {
                let data = body.get("data").unwrap_or(&empty);
                let problems = match body.get("type").and_then(Value::as_u64) {
                    Some(8) => autocomplete_violations(data),
                    _ => message_violations(data),
                };
                if !problems.is_empty() {
                    return error(DiscordError::invalid_form_body(&problems));
                }
            }
            let mut body = body.clone();
            if let Some(data) = body.get_mut("data") {
                resolve_uploads(shared, data, uploads);
            }
            let context = message_context(shared);
            let result = lock(&shared.discord).acknowledge(*interaction_id, token, &body, &context);
            result.map_or_else(error, |()| (204, None))
        }
        RouteKind::OriginalResponse { token } | RouteKind::FollowupMessage { token, .. } => {
            let message_id = match route {
                RouteKind::FollowupMessage { message_id, .. } => Some(*message_id),
                _ => None,
            };
            let mut discord = lock(&shared.discord);
            let result = match method {
                "GET" => discord.message(token, message_id),
                "DELETE" => {
                    return discord
                        .delete_message(token, message_id)
                        .map_or_else(error, |()| (204, None))
                }
                _ => {
                    let problems = if config.enforce_limits {
                        message_violations(body)
                    } else {
                        Vec::new()
                    };
                    if !problems.is_empty() {
                        return error(DiscordError::invalid_form_body(&problems));
                    }
                    let mut body = body.clone();
                    resolve_uploads(shared, &mut body, uploads);
                    discord.edit_message(token, message_id, &body, &now_timestamp())
                }
            };
            result.map_or_else(error, |message| (200, Some(message)))
        }
        RouteKind::Followup { token } => {
            let problems = if config.enforce_limits {
                message_violations(body)
            } else {
                Vec::new()
            };
            if !problems.is_empty() {
                return error(DiscordError::invalid_form_body(&problems));
            }
            let mut body = body.clone();
            resolve_uploads(shared, &mut body, uploads);
            let context = message_context(shared);
            let result = lock(&shared.discord).create_followup(token, &body, &context);
            result.map_or_else(error, |message| (200, Some(message)))
        }
        RouteKind::Unknown => error(DiscordError::new(404, 0, "404: Not Found")),
    }
}

fn commands(shared: &Shared, method: &str, guild_id: Option<u64>, body: &Value) -> Answer {
    let application_id = shared.config.application_id;
    let mut discord = lock(&shared.discord);
    if method == "PUT" {
        let Some(sent) = body.as_array() else {
            let problem = "a bulk overwrite takes a JSON array of commands".to_owned();
            return error(DiscordError::invalid_form_body(&[problem]));
        };
        if shared.config.enforce_limits {
            let mut problems: Vec<String> = sent.iter().flat_map(command_violations).collect();
            if sent.len() > 100 {
                problems.push(format!("{} commands (max 100)", sent.len()));
            }
            if !problems.is_empty() {
                return error(DiscordError::invalid_form_body(&problems));
            }
        }
        match guild_id {
            Some(guild_id) => {
                discord.guild_commands.insert(guild_id, sent.clone());
            }
            None => discord.global_commands = Some(sent.clone()),
        }
    }
    let response = discord.commands_response(guild_id, application_id, || shared.snowflakes.next());
    (200, Some(Value::Array(response)))
}

/// Turns the `attachments` entries that refer to uploaded files (`{"id": N}` for the part
/// `files[N]`) into attachment objects as Discord returns them. Their URLs point at the fake
/// and are not served.
fn resolve_uploads(shared: &Shared, payload: &mut Value, uploads: &[Upload]) {
    if uploads.is_empty() {
        return;
    }
    let entries = payload
        .get("attachments")
        .and_then(Value::as_array)
        .cloned();
    let entries = entries.unwrap_or_else(|| {
        let indices = uploads.iter().filter_map(Upload::attachment_index);
        indices.map(|index| json!({ "id": index })).collect()
    });
    let resolved: Vec<Value> = entries
        .into_iter()
        .map(|entry| {
            let index = entry["id"]
                .as_u64()
                .or_else(|| entry["id"].as_str()?.parse().ok());
            let upload = uploads
                .iter()
                .find(|upload| index.is_some() && upload.attachment_index() == index);
            let Some(upload) = upload else { return entry };
            let attachment_id = shared.snowflakes.next();
            let filename = entry["filename"]
                .as_str()
                .or(upload.filename.as_deref())
                .unwrap_or("file");
            let url = format!(
                "http://127.0.0.1:{}/attachments/{attachment_id}/{filename}",
                shared.port
            );
            json!({
                "id": attachment_id.to_string(),
                "filename": filename,
                "description": entry.get("description"),
                "content_type": upload.content_type,
                "size": upload.data.len(),
                "url": url,
                "proxy_url": url,
            })
        })
        .collect();
    payload["attachments"] = Value::Array(resolved);
}

fn message_context(shared: &Shared) -> MessageContext {
    MessageContext {
        message_id: shared.snowflakes.next(),
        application_id: shared.config.application_id,
        bot_user: shared.bot_user(),
        timestamp: now_timestamp(),
    }
}

/// The current time as Discord writes timestamps: `2025-04-28T09:15:02.120000+00:00`.
pub(crate) fn now_timestamp() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false)
}

fn application_info(shared: &Shared) -> Value {
    let owner = json!({
        "id": shared.config.owner_id.to_string(),
        "username": "dossier.maintainer",
        "discriminator": "0",
        "global_name": "Dossier maintainer",
        "avatar": null,
        "public_flags": 0,
        "flags": 0,
    });
    json!({
        "id": shared.config.application_id.to_string(),
        "name": shared.config.bot_username,
        "icon": null,
        "description": "",
        "summary": "",
        "type": null,
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": "5a0e8a1ad3e1f9c4b7c0d2e6f1a3b5c7d9e0f2a4b6c8d0e1f3a5b7c9d1e3f5a7",
        "owner": owner,
        "team": null,
        "flags": 8_429_568,
        "bot": shared.bot_user(),
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "approximate_guild_count": 1,
    })
}
