//! Command options with typed values, as they appear in an interaction's `data.options`.

use serde_json::{json, Map, Value};

use crate::discord_objects::{channel_json, role_json, user_json};

/// The typed value of one command option.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// Option type 3.
    String(String),
    /// Option type 4.
    Integer(i64),
    /// Option type 10.
    Number(f64),
    /// Option type 5.
    Boolean(bool),
    /// Option type 6; the user is added to `data.resolved`.
    User(u64),
    /// Option type 7; the channel is added to `data.resolved`.
    Channel(u64),
    /// Option type 8; the role is added to `data.resolved`.
    Role(u64),
    /// Option type 1, with its own options.
    SubCommand(Vec<CommandOption>),
    /// Option type 2, holding subcommands.
    SubCommandGroup(Vec<CommandOption>),
    /// The option being typed during autocomplete: its declared type code and the partial
    /// text, which Discord always sends as a string.
    Focused {
        /// The option's declared type (3 string, 4 integer, 10 number).
        type_code: u64,
        /// What the user has typed so far.
        partial: String,
    },
}

/// A named option with its value, as found in `data.options`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommandOption {
    /// The option's name.
    pub name: String,
    /// The option's value.
    pub value: OptionValue,
}

impl CommandOption {
    /// An option with this name and value.
    pub fn new(name: impl Into<String>, value: OptionValue) -> Self {
        Self {
            name: name.into(),
            value,
        }
    }

    /// A string option.
    pub fn string(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::new(name, OptionValue::String(value.into()))
    }

    /// An integer option.
    pub fn integer(name: impl Into<String>, value: i64) -> Self {
        Self::new(name, OptionValue::Integer(value))
    }

    /// A boolean option.
    pub fn boolean(name: impl Into<String>, value: bool) -> Self {
        Self::new(name, OptionValue::Boolean(value))
    }

    pub(crate) fn to_json(&self, resolved: &mut Resolved) -> Value {
        let (type_code, value, options, focused) = match &self.value {
            OptionValue::String(text) => (3, json!(text), None, false),
            OptionValue::Integer(number) => (4, json!(number), None, false),
            OptionValue::Number(number) => (10, json!(number), None, false),
            OptionValue::Boolean(flag) => (5, json!(flag), None, false),
            OptionValue::User(user_id) => {
                resolved
                    .users
                    .insert(user_id.to_string(), user_json(*user_id, "member"));
                (6, json!(user_id.to_string()), None, false)
            }
            OptionValue::Channel(channel_id) => {
                resolved
                    .channels
                    .insert(channel_id.to_string(), channel_json(*channel_id, None));
                (7, json!(channel_id.to_string()), None, false)
            }
            OptionValue::Role(role_id) => {
                resolved
                    .roles
                    .insert(role_id.to_string(), role_json(*role_id));
                (8, json!(role_id.to_string()), None, false)
            }
            OptionValue::SubCommand(inner) => (1, Value::Null, Some(inner), false),
            OptionValue::SubCommandGroup(inner) => (2, Value::Null, Some(inner), false),
            OptionValue::Focused { type_code, partial } => (*type_code, json!(partial), None, true),
        };
        let mut object = Map::new();
        object.insert("name".to_owned(), json!(self.name));
        object.insert("type".to_owned(), json!(type_code));
        if let Some(inner) = options {
            let inner: Vec<Value> = inner
                .iter()
                .map(|option| option.to_json(resolved))
                .collect();
            object.insert("options".to_owned(), Value::Array(inner));
        } else {
            object.insert("value".to_owned(), value);
        }
        if focused {
            object.insert("focused".to_owned(), json!(true));
        }
        Value::Object(object)
    }
}

/// The users, channels and roles that options refer to, for `data.resolved`.
#[derive(Default)]
pub(crate) struct Resolved {
    pub(crate) users: Map<String, Value>,
    pub(crate) channels: Map<String, Value>,
    pub(crate) roles: Map<String, Value>,
}
