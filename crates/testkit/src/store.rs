//! What the fake Discord remembers: registered commands, live interactions and their messages.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::discord_objects::{snowflake_field, user_json};
use crate::interactions::InteractionKind;
use crate::mentions::interaction_message_pings;

/// Message flag: only the invoking user sees the message.
const EPHEMERAL: u64 = 1 << 6;
/// Message flag: a deferred response still "thinking".
const LOADING: u64 = 1 << 7;
/// Message type of an application command response.
const CHAT_INPUT_COMMAND_MESSAGE: u64 = 20;

/// A Discord JSON error: HTTP status, Discord error code, message.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DiscordError {
    pub(crate) status: u16,
    pub(crate) body: Value,
}

impl DiscordError {
    pub(crate) fn new(status: u16, code: u64, message: &str) -> Self {
        Self {
            status,
            body: json!({ "message": message, "code": code }),
        }
    }

    pub(crate) fn invalid_form_body(problems: &[String]) -> Self {
        let errors: Vec<Value> = problems.iter().map(|problem| json!(problem)).collect();
        let body = json!({ "message": "Invalid Form Body", "code": 50035, "errors": errors });
        Self { status: 400, body }
    }

    pub(crate) fn unknown_message() -> Self {
        Self::new(404, 10008, "Unknown Message")
    }

    pub(crate) fn unknown_webhook() -> Self {
        Self::new(404, 10015, "Unknown Webhook")
    }
}

/// An interaction the fake dispatched, as the REST side needs to know it.
#[derive(Clone, Debug)]
pub(crate) struct KnownInteraction {
    pub(crate) id: u64,
    pub(crate) kind: InteractionKind,
    pub(crate) channel_id: u64,
    pub(crate) guild_id: Option<u64>,
    /// The invoking user, as a user object.
    pub(crate) user: Value,
    /// For a component interaction, the message the component sits on.
    pub(crate) component_message_id: Option<u64>,
    pub(crate) acknowledged: bool,
    /// The message `@original` refers to: the response, or for a component its message.
    pub(crate) original_message_id: Option<u64>,
}

/// The bot-facing state behind the REST routes.
#[derive(Debug, Default)]
pub(crate) struct DiscordState {
    /// Global commands exactly as the bot last sent them; `None` before any registration.
    pub(crate) global_commands: Option<Vec<Value>>,
    /// Guild commands exactly as the bot last sent them, per guild.
    pub(crate) guild_commands: HashMap<u64, Vec<Value>>,
    command_ids: HashMap<String, u64>,
    interactions: HashMap<String, KnownInteraction>,
    messages: HashMap<u64, Value>,
}

/// Facts every new message needs.
pub(crate) struct MessageContext {
    pub(crate) message_id: u64,
    pub(crate) application_id: u64,
    pub(crate) bot_user: Value,
    pub(crate) timestamp: String,
}

impl DiscordState {
    /// The id of the command with this name, assigning one on first sight, as Discord keeps a
    /// command's id across re-registrations with the same name.
    pub(crate) fn command_id(&mut self, name: &str, fresh_id: impl FnOnce() -> u64) -> u64 {
        *self
            .command_ids
            .entry(name.to_owned())
            .or_insert_with(fresh_id)
    }

    /// Discord's answer to a bulk overwrite or a list: the commands with ids filled in.
    pub(crate) fn commands_response(
        &mut self,
        guild_id: Option<u64>,
        application_id: u64,
        mut fresh_id: impl FnMut() -> u64,
    ) -> Vec<Value> {
        let stored = match guild_id {
            Some(guild_id) => self
                .guild_commands
                .get(&guild_id)
                .cloned()
                .unwrap_or_default(),
            None => self.global_commands.clone().unwrap_or_default(),
        };
        stored
            .into_iter()
            .map(|mut command| {
                let name = command
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let id = self.command_id(&name, &mut fresh_id);
                if let Some(object) = command.as_object_mut() {
                    object.insert("id".to_owned(), json!(id.to_string()));
                    object.insert(
                        "application_id".to_owned(),
                        json!(application_id.to_string()),
                    );
                    object.insert("version".to_owned(), json!(id.to_string()));
                    object.entry("type").or_insert(json!(1));
                    object.entry("description").or_insert(json!(""));
                    object
                        .entry("default_member_permissions")
                        .or_insert(Value::Null);
                    if let Some(guild_id) = guild_id {
                        object.insert("guild_id".to_owned(), json!(guild_id.to_string()));
                    }
                }
                command
            })
            .collect()
    }

    pub(crate) fn remember_interaction(&mut self, token: &str, known: KnownInteraction) {
        self.interactions.insert(token.to_owned(), known);
    }

    /// Keeps a message a component interaction was sent on, so `@original` can edit it.
    pub(crate) fn remember_message(&mut self, message: &Value) {
        if let Some(message_id) = snowflake_field(message, "id") {
            self.messages
                .entry(message_id)
                .or_insert_with(|| message.clone());
        }
    }

    /// Applies an interaction callback; Discord answers 204 on success.
    pub(crate) fn acknowledge(
        &mut self,
        interaction_id: u64,
        token: &str,
        body: &Value,
        context: &MessageContext,
    ) -> Result<(), DiscordError> {
        let unknown = || DiscordError::new(404, 10062, "Unknown interaction");
        let known = self.interactions.get_mut(token).ok_or_else(unknown)?;
        if known.id != interaction_id {
            return Err(unknown());
        }
        if known.acknowledged {
            return Err(DiscordError::new(
                400,
                40060,
                "Interaction has already been acknowledged.",
            ));
        }
        let empty = json!({});
        let data = body.get("data").unwrap_or(&empty);
        let callback_type = body.get("type").and_then(Value::as_u64).unwrap_or(0);
        let created = match (callback_type, known.kind) {
            (4, _) => Some(new_message(known, data, context, 0)),
            (5, _) => Some(new_message(known, data, context, LOADING)),
            (6 | 7, InteractionKind::Component) => None,
            (8, InteractionKind::Autocomplete) | (9, _) => None,
            _ => {
                let problem = format!(
                    "callback type {callback_type} is not valid for a {:?} interaction",
                    known.kind
                );
                return Err(DiscordError::invalid_form_body(&[problem]));
            }
        };
        known.acknowledged = true;
        let update_target = (callback_type == 7)
            .then_some(known.original_message_id)
            .flatten();
        if let Some(message) = created {
            known.original_message_id = snowflake_field(&message, "id");
            self.messages.insert(context.message_id, message);
        }
        if let Some(message_id) = update_target {
            if let Some(message) = self.messages.get_mut(&message_id) {
                apply_edit(message, data, &context.timestamp);
            }
        }
        Ok(())
    }

    fn interaction(&self, token: &str) -> Result<&KnownInteraction, DiscordError> {
        self.interactions
            .get(token)
            .ok_or_else(DiscordError::unknown_webhook)
    }

    /// The message `@original` (`None`) or a follow-up id refers to, checked against the token.
    fn message_id(&self, token: &str, message_id: Option<u64>) -> Result<u64, DiscordError> {
        let known = self.interaction(token)?;
        message_id
            .or(known.original_message_id)
            .ok_or_else(DiscordError::unknown_message)
    }

    /// The current state of a message, as `GET .../messages/{id or @original}` answers.
    pub(crate) fn message(
        &self,
        token: &str,
        message_id: Option<u64>,
    ) -> Result<Value, DiscordError> {
        let message_id = self.message_id(token, message_id)?;
        self.messages
            .get(&message_id)
            .cloned()
            .ok_or_else(DiscordError::unknown_message)
    }

    pub(crate) fn edit_message(
        &mut self,
        token: &str,
        message_id: Option<u64>,
        body: &Value,
        timestamp: &str,
    ) -> Result<Value, DiscordError> {
        let message_id = self.message_id(token, message_id)?;
        let message = self
            .messages
            .get_mut(&message_id)
            .ok_or_else(DiscordError::unknown_message)?;
        apply_edit(message, body, timestamp);
        Ok(message.clone())
    }

    pub(crate) fn delete_message(
        &mut self,
        token: &str,
        message_id: Option<u64>,
    ) -> Result<(), DiscordError> {
        let message_id = self.message_id(token, message_id)?;
        self.messages
            .remove(&message_id)
            .map(|_| ())
            .ok_or_else(DiscordError::unknown_message)
    }

    pub(crate) fn create_followup(
        &mut self,
        token: &str,
        body: &Value,
        context: &MessageContext,
    ) -> Result<Value, DiscordError> {
        let known = self
            .interactions
            .get(token)
            .ok_or_else(DiscordError::unknown_webhook)?;
        if !known.acknowledged {
            return Err(DiscordError::unknown_webhook());
        }
        // The first follow-up after a deferral takes the place of the "thinking" message,
        // keeping its id and its ephemeral flag.
        let thinking = known.original_message_id.filter(|message_id| {
            self.messages.get(message_id).is_some_and(|message| {
                message["flags"]
                    .as_u64()
                    .is_some_and(|flags| flags & LOADING != 0)
            })
        });
        if let Some(message) = thinking.and_then(|message_id| self.messages.get_mut(&message_id)) {
            copy_content(message, body);
            let flags = message["flags"].as_u64().unwrap_or(0) & !LOADING;
            message["flags"] = json!(flags);
            return Ok(message.clone());
        }
        let message = new_message(known, body, context, 0);
        self.messages.insert(context.message_id, message.clone());
        Ok(message)
    }
}

/// A message object as Discord returns it for an interaction response or follow-up.
fn new_message(
    known: &KnownInteraction,
    payload: &Value,
    context: &MessageContext,
    extra_flags: u64,
) -> Value {
    let flags = payload.get("flags").and_then(Value::as_u64).unwrap_or(0) & EPHEMERAL;
    let mut message = json!({
        "id": context.message_id.to_string(),
        "type": CHAT_INPUT_COMMAND_MESSAGE,
        "channel_id": known.channel_id.to_string(),
        "author": context.bot_user,
        "content": "",
        "embeds": [],
        "components": [],
        "attachments": [],
        "flags": flags | extra_flags,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "pinned": false,
        "timestamp": context.timestamp,
        "edited_timestamp": null,
        "webhook_id": context.application_id.to_string(),
        "application_id": context.application_id.to_string(),
        "interaction_metadata": {
            "id": known.id.to_string(),
            "type": known.kind.type_code(),
            "user": known.user,
            "authorizing_integration_owners": {},
        },
    });
    if let Some(component_message_id) = known.component_message_id {
        message["interaction_metadata"]["interacted_message_id"] =
            json!(component_message_id.to_string());
    }
    if let Some(guild_id) = known.guild_id {
        message["guild_id"] = json!(guild_id.to_string());
    }
    copy_content(&mut message, payload);
    message
}

/// Applies an edit: the fields present replace the old ones, the loading flag clears, and
/// mentions are parsed again with the edit's own `allowed_mentions` (or the default).
fn apply_edit(message: &mut Value, payload: &Value, timestamp: &str) {
    copy_content(message, payload);
    let flags = message.get("flags").and_then(Value::as_u64).unwrap_or(0) & !LOADING;
    message["flags"] = json!(flags);
    message["edited_timestamp"] = json!(timestamp);
}

fn copy_content(message: &mut Value, payload: &Value) {
    for field in ["content", "embeds", "components"] {
        if let Some(value) = payload.get(field).filter(|value| !value.is_null()) {
            message[field] = value.clone();
        }
    }
    // Entries naming an attachment the message already has keep it; the others are uploads
    // the REST layer has already turned into attachment objects.
    if let Some(entries) = payload.get("attachments").and_then(Value::as_array) {
        let existing = message["attachments"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let same_id = |left: &Value, right: &Value| {
            id_text(left).is_some_and(|id| Some(id) == id_text(right))
        };
        let attachments: Vec<Value> = entries
            .iter()
            .map(|entry| {
                let kept = existing
                    .iter()
                    .find(|old| same_id(&old["id"], &entry["id"]));
                kept.unwrap_or(entry).clone()
            })
            .collect();
        message["attachments"] = Value::Array(attachments);
    }
    let mut parse_input = Map::new();
    parse_input.insert("content".to_owned(), message["content"].clone());
    if let Some(allowed) = payload.get("allowed_mentions") {
        parse_input.insert("allowed_mentions".to_owned(), allowed.clone());
    }
    let pings = interaction_message_pings(&Value::Object(parse_input));
    let users: Vec<Value> = pings
        .users
        .iter()
        .map(|id| user_json(*id, &format!("user{id}")))
        .collect();
    let roles: Vec<Value> = pings.roles.iter().map(|id| json!(id.to_string())).collect();
    message["mention_everyone"] = json!(pings.everyone);
    message["mentions"] = json!(users);
    message["mention_roles"] = json!(roles);
}

fn id_text(id: &Value) -> Option<String> {
    id.as_str()
        .map(str::to_owned)
        .or_else(|| id.as_u64().map(|number| number.to_string()))
}
