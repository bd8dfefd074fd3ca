//! Builders for INTERACTION_CREATE payloads shaped exactly as serenity 0.12.5 deserializes them.

use std::time::Instant;

use serde_json::{json, Value};

use crate::discord_objects::{channel_json, member_json, snowflake_field, user_json};
use crate::options::Resolved;
pub use crate::options::{CommandOption, OptionValue};

/// A realistic guild id, used unless [`InteractionBuilder::guild`] says otherwise.
pub const DEFAULT_GUILD_ID: u64 = 1_219_372_840_227_655_720;
/// A realistic text channel id, used unless [`InteractionBuilder::channel`] says otherwise.
pub const DEFAULT_CHANNEL_ID: u64 = 1_219_372_841_003_601_961;
/// A realistic user id for the person invoking commands.
pub const DEFAULT_USER_ID: u64 = 853_094_416_902_963_241;
/// The permissions of an ordinary member: invite, react, view, send, embed, attach, read
/// history, external emoji, voice, nickname, application commands, threads; nothing
/// administrative.
pub const MEMBER_PERMISSIONS: &str = "311455763521";
/// The bot's permissions in the channel: view, send, embed, attach, read history,
/// application commands, send in threads.
pub const APP_PERMISSIONS: &str = "277025508352";
/// Discord's 10 MiB upload limit for unboosted guilds, sent with every interaction.
const ATTACHMENT_SIZE_LIMIT: u64 = 10_485_760;

/// The three interaction types the fake sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InteractionKind {
    /// `type: 2`, a slash command.
    Command,
    /// `type: 3`, a button press or select menu choice.
    Component,
    /// `type: 4`, autocomplete for a partly typed option.
    Autocomplete,
}

impl InteractionKind {
    /// The `type` number Discord uses.
    pub fn type_code(self) -> u64 {
        match self {
            Self::Command => 2,
            Self::Component => 3,
            Self::Autocomplete => 4,
        }
    }
}

#[derive(Clone, Debug)]
enum Payload {
    Command {
        name: String,
        options: Vec<CommandOption>,
    },
    Autocomplete {
        name: String,
        options: Vec<CommandOption>,
    },
    Component {
        custom_id: String,
        component_type: u64,
        values: Option<Vec<String>>,
        message: Value,
    },
}

/// Describes one interaction to dispatch; the fake fills in ids, token and application id.
#[derive(Clone, Debug)]
pub struct InteractionBuilder {
    payload: Payload,
    guild_id: Option<u64>,
    channel_id: u64,
    user_id: u64,
    username: String,
    member_permissions: String,
    member_roles: Vec<u64>,
    app_permissions: String,
    locale: String,
}

impl InteractionBuilder {
    fn with_payload(payload: Payload) -> Self {
        Self {
            payload,
            guild_id: Some(DEFAULT_GUILD_ID),
            channel_id: DEFAULT_CHANNEL_ID,
            user_id: DEFAULT_USER_ID,
            username: "analyst.kim".to_owned(),
            member_permissions: MEMBER_PERMISSIONS.to_owned(),
            member_roles: Vec::new(),
            app_permissions: APP_PERMISSIONS.to_owned(),
            locale: "en-US".to_owned(),
        }
    }

    /// A slash command (`type: 2`) with this top-level name, e.g. `"ping"`.
    pub fn command(name: impl Into<String>) -> Self {
        Self::with_payload(Payload::Command {
            name: name.into(),
            options: Vec::new(),
        })
    }

    /// An autocomplete request (`type: 4`) for this command; add the focused option with
    /// [`Self::focused`].
    pub fn autocomplete(name: impl Into<String>) -> Self {
        Self::with_payload(Payload::Autocomplete {
            name: name.into(),
            options: Vec::new(),
        })
    }

    /// A button press (`type: 3`, component type 2) on `message`, a message object as the bot
    /// posted it (see `FakeDiscord::original_message`).
    pub fn button(custom_id: impl Into<String>, message: Value) -> Self {
        let custom_id = custom_id.into();
        Self::with_payload(Payload::Component {
            custom_id,
            component_type: 2,
            values: None,
            message,
        })
    }

    /// A string select menu choice (`type: 3`, component type 3) on `message`.
    pub fn string_select(
        custom_id: impl Into<String>,
        values: Vec<String>,
        message: Value,
    ) -> Self {
        let custom_id = custom_id.into();
        let values = Some(values);
        Self::with_payload(Payload::Component {
            custom_id,
            component_type: 3,
            values,
            message,
        })
    }

    /// Adds an option (commands and autocomplete only; ignored for components).
    pub fn option(mut self, option: CommandOption) -> Self {
        match &mut self.payload {
            Payload::Command { options, .. } | Payload::Autocomplete { options, .. } => {
                options.push(option);
            }
            Payload::Component { .. } => {}
        }
        self
    }

    /// Adds a string option.
    pub fn string(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.option(CommandOption::string(name, value))
    }

    /// Adds an integer option.
    pub fn integer(self, name: impl Into<String>, value: i64) -> Self {
        self.option(CommandOption::integer(name, value))
    }

    /// Adds a number option.
    pub fn number(self, name: impl Into<String>, value: f64) -> Self {
        self.option(CommandOption::new(name, OptionValue::Number(value)))
    }

    /// Adds a boolean option.
    pub fn boolean(self, name: impl Into<String>, value: bool) -> Self {
        self.option(CommandOption::boolean(name, value))
    }

    /// Adds a user option, resolved to a user object.
    pub fn user_option(self, name: impl Into<String>, user_id: u64) -> Self {
        self.option(CommandOption::new(name, OptionValue::User(user_id)))
    }

    /// Adds a channel option, resolved to a text channel.
    pub fn channel_option(self, name: impl Into<String>, channel_id: u64) -> Self {
        self.option(CommandOption::new(name, OptionValue::Channel(channel_id)))
    }

    /// Adds a role option, resolved to a role object.
    pub fn role_option(self, name: impl Into<String>, role_id: u64) -> Self {
        self.option(CommandOption::new(name, OptionValue::Role(role_id)))
    }

    /// Adds a subcommand with its options.
    pub fn subcommand(self, name: impl Into<String>, options: Vec<CommandOption>) -> Self {
        self.option(CommandOption::new(name, OptionValue::SubCommand(options)))
    }

    /// Adds the focused string option of an autocomplete request with the text typed so far.
    pub fn focused(self, name: impl Into<String>, partial: impl Into<String>) -> Self {
        let value = OptionValue::Focused {
            type_code: 3,
            partial: partial.into(),
        };
        self.option(CommandOption::new(name, value))
    }

    /// Sends the interaction from this guild (the default is [`DEFAULT_GUILD_ID`]).
    pub fn guild(mut self, guild_id: u64) -> Self {
        self.guild_id = Some(guild_id);
        self
    }

    /// Sends the interaction from a direct message with the bot: no guild, no member.
    pub fn in_dm(mut self) -> Self {
        self.guild_id = None;
        self
    }

    /// Sends the interaction from this channel.
    pub fn channel(mut self, channel_id: u64) -> Self {
        self.channel_id = channel_id;
        self
    }

    /// Sends the interaction as this user.
    pub fn user(mut self, user_id: u64, username: impl Into<String>) -> Self {
        self.user_id = user_id;
        self.username = username.into();
        self
    }

    /// The invoking member's permissions, a decimal bit set as Discord sends it.
    pub fn permissions(mut self, permissions: impl Into<String>) -> Self {
        self.member_permissions = permissions.into();
        self
    }

    /// The invoking member's roles (none unless set).
    pub fn roles(mut self, roles: impl IntoIterator<Item = u64>) -> Self {
        self.member_roles = roles.into_iter().collect();
        self
    }

    /// The bot's own permissions in the channel (`app_permissions`).
    pub fn app_permissions(mut self, permissions: impl Into<String>) -> Self {
        self.app_permissions = permissions.into();
        self
    }

    /// The invoking user's locale, e.g. `"en-GB"`.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = locale.into();
        self
    }

    /// The interaction type this builder makes.
    pub fn kind(&self) -> InteractionKind {
        match self.payload {
            Payload::Command { .. } => InteractionKind::Command,
            Payload::Autocomplete { .. } => InteractionKind::Autocomplete,
            Payload::Component { .. } => InteractionKind::Component,
        }
    }

    /// The command name, for commands and autocomplete.
    pub(crate) fn command_name(&self) -> Option<&str> {
        match &self.payload {
            Payload::Command { name, .. } | Payload::Autocomplete { name, .. } => Some(name),
            Payload::Component { .. } => None,
        }
    }

    /// The id of the message a component sits on.
    pub(crate) fn component_message_id(&self) -> Option<u64> {
        match &self.payload {
            Payload::Component { message, .. } => snowflake_field(message, "id"),
            _ => None,
        }
    }

    /// The full INTERACTION_CREATE `d` object.
    pub(crate) fn into_json(self, ids: &InteractionIds<'_>) -> Value {
        let mut resolved = Resolved::default();
        let kind = self.kind();
        let data = match &self.payload {
            Payload::Command { name, options } | Payload::Autocomplete { name, options } => {
                let options: Vec<Value> = options
                    .iter()
                    .map(|option| option.to_json(&mut resolved))
                    .collect();
                let mut data = json!({
                    "id": ids.command_id.to_string(),
                    "name": name,
                    "type": 1,
                    "options": options,
                });
                if !resolved.users.is_empty()
                    || !resolved.channels.is_empty()
                    || !resolved.roles.is_empty()
                {
                    data["resolved"] = json!({
                        "users": resolved.users,
                        "channels": resolved.channels,
                        "roles": resolved.roles,
                    });
                }
                data
            }
            Payload::Component {
                custom_id,
                component_type,
                values,
                ..
            } => {
                let mut data = json!({ "custom_id": custom_id, "component_type": component_type });
                if let Some(values) = values {
                    data["values"] = json!(values);
                }
                data
            }
        };
        let user = user_json(self.user_id, &self.username);
        let mut interaction = json!({
            "id": ids.interaction_id.to_string(),
            "application_id": ids.application_id.to_string(),
            "type": kind.type_code(),
            "data": data,
            "channel_id": self.channel_id.to_string(),
            "channel": channel_json(self.channel_id, self.guild_id),
            "token": ids.token,
            "version": 1,
            "app_permissions": self.app_permissions,
            "locale": self.locale,
            "entitlements": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        });
        match self.guild_id {
            Some(guild_id) => {
                interaction["guild_id"] = json!(guild_id.to_string());
                interaction["guild_locale"] = json!("en-US");
                interaction["guild"] = json!({
                    "id": guild_id.to_string(), "locale": "en-US", "features": []
                });
                interaction["member"] =
                    member_json(&user, &self.member_permissions, &self.member_roles);
                interaction["authorizing_integration_owners"] =
                    json!({ "0": guild_id.to_string() });
                interaction["context"] = json!(0);
            }
            None => {
                interaction["user"] = user;
                interaction["authorizing_integration_owners"] = json!({ "0": "0" });
                interaction["context"] = json!(1);
            }
        }
        if let Payload::Component { message, .. } = self.payload {
            interaction["message"] = message;
        }
        interaction
    }
}

/// The ids the fake assigns when it sends a builder.
pub(crate) struct InteractionIds<'a> {
    pub(crate) interaction_id: u64,
    pub(crate) application_id: u64,
    pub(crate) command_id: u64,
    pub(crate) token: &'a str,
}

/// An interaction the fake dispatched; pass it to the fake's waits to find the bot's answers.
#[derive(Clone, Debug)]
pub struct InteractionHandle {
    /// The interaction id.
    pub id: u64,
    /// The interaction token, which the bot's callback and webhook paths carry.
    pub token: String,
    /// Command, component or autocomplete.
    pub kind: InteractionKind,
    /// When the fake queued the dispatch to the live gateway connection (or, with none live,
    /// to the session's replay buffer).
    pub dispatched_at: Instant,
    /// The INTERACTION_CREATE `d` object as sent.
    pub json: Value,
}
