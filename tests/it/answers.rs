//! Reading the bot's answers (payload, text, flags, buttons) and the rules every answer must
//! obey: Discord's limits, and pinging no one.

use dossier_testkit::{limits, mentions, InteractionHandle, Recorded};
use serde_json::{json, Value};

/// Message flag: only the invoking user sees the message.
pub(crate) const EPHEMERAL: u64 = 1 << 6;

/// Callback type 4: a new message.
pub(crate) const CHANNEL_MESSAGE: u64 = 4;
/// Callback type 7: the message the component sits on is replaced.
pub(crate) const UPDATE_MESSAGE: u64 = 7;
/// Callback type 8: autocomplete choices.
pub(crate) const AUTOCOMPLETE_RESULT: u64 = 8;

/// The zero-width space the bot puts after `@` to break mentions.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// One interaction and the bot's first callback to it.
#[derive(Debug)]
pub(crate) struct Answer {
    /// The interaction as dispatched.
    pub(crate) handle: InteractionHandle,
    /// The callback the bot made.
    pub(crate) callback: Recorded,
}

impl Answer {
    /// The callback type (4 message, 7 update, 8 autocomplete).
    pub(crate) fn callback_type(&self) -> Option<u64> {
        self.callback.callback_type()
    }

    /// The callback's `data`: a message, an update, or autocomplete choices.
    pub(crate) fn data(&self) -> Value {
        self.callback
            .callback_data()
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// True when only the asker sees the answer.
    pub(crate) fn is_ephemeral(&self) -> bool {
        flags(&self.data()) & EPHEMERAL != 0
    }

    /// Everything a reader sees in the answer, mention breakers removed.
    pub(crate) fn text(&self) -> String {
        message_text(&self.data())
    }
}

/// The message flags of a payload (0 when absent).
pub(crate) fn flags(payload: &Value) -> u64 {
    payload["flags"].as_u64().unwrap_or(0)
}

/// The content and every embed's title, author, description, fields and footer, one per line,
/// with the zero-width spaces that break mentions taken out so the text reads as shown.
pub(crate) fn message_text(payload: &Value) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(payload["content"].as_str());
    for embed in payload["embeds"].as_array().into_iter().flatten() {
        parts.extend(embed["title"].as_str());
        parts.extend(embed["author"]["name"].as_str());
        parts.extend(embed["description"].as_str());
        for field in embed["fields"].as_array().into_iter().flatten() {
            parts.extend(field["name"].as_str());
            parts.extend(field["value"].as_str());
        }
        parts.extend(embed["footer"]["text"].as_str());
    }
    parts.join("\n").replace(ZERO_WIDTH_SPACE, "")
}

/// Every string a message shows, as sent (mention breakers kept).
pub(crate) fn shown_strings(payload: &Value) -> Vec<String> {
    let mut strings = Vec::new();
    collect_strings(&payload["content"], &mut strings);
    collect_strings(&payload["embeds"], &mut strings);
    strings
}

fn collect_strings(value: &Value, strings: &mut Vec<String>) {
    match value {
        Value::String(text) => strings.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, strings)),
        Value::Object(fields) => fields
            .values()
            .for_each(|item| collect_strings(item, strings)),
        _ => {}
    }
}

/// A button as Discord would show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Button {
    pub(crate) custom_id: String,
    pub(crate) label: String,
    pub(crate) disabled: bool,
}

/// The buttons of every action row of a payload, in order.
pub(crate) fn buttons(payload: &Value) -> Vec<Button> {
    payload["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().into_iter().flatten())
        .filter(|component| component["type"] == json!(2))
        .map(|component| Button {
            custom_id: component["custom_id"].as_str().unwrap_or("").to_owned(),
            label: component["label"].as_str().unwrap_or("").to_owned(),
            disabled: component["disabled"].as_bool().unwrap_or(false),
        })
        .collect()
}

/// Fails when a message payload breaks any of Discord's limits.
pub(crate) fn assert_within_limits(what: &str, payload: &Value) {
    let problems = limits::message_violations(payload);
    assert!(
        problems.is_empty(),
        "{what} breaks Discord's limits: {problems:?}"
    );
}

/// Fails unless the payload carries `allowed_mentions: {"parse": []}` and, by Discord's rules,
/// pings nobody.
pub(crate) fn assert_pings_no_one(what: &str, payload: &Value) {
    let allowed = &payload["allowed_mentions"];
    assert_eq!(
        allowed["parse"],
        json!([]),
        "{what} must say that nothing may ping: {payload}"
    );
    for listed in ["users", "roles"] {
        let ids = allowed[listed].as_array().map_or(0, Vec::len);
        assert_eq!(ids, 0, "{what} lets some {listed} ping: {payload}");
    }
    let pings = mentions::interaction_message_pings(payload);
    assert!(pings.is_silent(), "{what} would ping {pings:?}");
}

/// Fails when a message as Discord stored it (after every edit) pings anyone.
pub(crate) fn assert_stored_message_pings_no_one(what: &str, message: &Value) {
    assert_eq!(
        message["mention_everyone"],
        json!(false),
        "{what}: {message}"
    );
    assert_eq!(message["mentions"], json!([]), "{what}: {message}");
    assert_eq!(message["mention_roles"], json!([]), "{what}: {message}");
}

/// Fails unless `answer` is a new message (type 4) with at least one embed, inside Discord's
/// limits, pinging no one.
pub(crate) fn assert_message_answer(what: &str, answer: &Answer) {
    assert_eq!(answer.callback_type(), Some(CHANNEL_MESSAGE), "{what}");
    let data = answer.data();
    let embeds = data["embeds"].as_array().map_or(0, Vec::len);
    assert!(embeds >= 1, "{what} answers with no embed: {data}");
    for embed in data["embeds"].as_array().into_iter().flatten() {
        let title = embed["title"].as_str().unwrap_or("");
        assert!(
            !title.trim().is_empty(),
            "{what} has an embed without a title"
        );
    }
    assert_within_limits(what, &data);
    assert_pings_no_one(what, &data);
}
