//! Discord objects as the fake sends them: users, members, channels, tokens and snowflake fields.

use serde_json::{json, Value};

use crate::interactions::MEMBER_PERMISSIONS;

/// A token in the shape of Discord's: URL-safe, long, unique per interaction.
pub(crate) fn interaction_token(interaction_id: u64) -> String {
    let scrambled = interaction_id
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(17);
    format!(
        "aW50ZXJhY3Rpb246{interaction_id}Ok{scrambled:016x}Lw_testkit-{:x}",
        !scrambled
    )
}

/// A user object as Discord sends it in interactions.
pub(crate) fn user_json(user_id: u64, username: &str) -> Value {
    json!({
        "id": user_id.to_string(),
        "username": username,
        "discriminator": "0",
        "global_name": username,
        "avatar": null,
        "public_flags": 0,
    })
}

pub(crate) fn member_json(user: &Value, permissions: &str, roles: &[u64]) -> Value {
    let roles: Vec<String> = roles.iter().map(u64::to_string).collect();
    json!({
        "user": user,
        "nick": null,
        "avatar": null,
        "roles": roles,
        "joined_at": "2024-03-17T18:22:05.131000+00:00",
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": permissions,
        "communication_disabled_until": null,
    })
}

/// A role object as Discord sends it in `data.resolved.roles`.
pub(crate) fn role_json(role_id: u64) -> Value {
    json!({
        "id": role_id.to_string(),
        "name": "glossary keepers",
        "color": 0,
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": 3,
        "permissions": "0",
        "managed": false,
        "mentionable": false,
        "flags": 0,
    })
}

pub(crate) fn channel_json(channel_id: u64, guild_id: Option<u64>) -> Value {
    match guild_id {
        Some(guild_id) => json!({
            "id": channel_id.to_string(),
            "type": 0,
            "name": "osint-desk",
            "guild_id": guild_id.to_string(),
            "permissions": MEMBER_PERMISSIONS,
            "parent_id": null,
            "nsfw": false,
            "flags": 0,
        }),
        None => json!({ "id": channel_id.to_string(), "type": 1, "flags": 0 }),
    }
}

/// Reads a snowflake field that Discord sends as a string (or, rarely, a number).
pub(crate) fn snowflake_field(object: &Value, field: &str) -> Option<u64> {
    let value = object.get(field)?;
    value
        .as_str()
        .and_then(|text| text.parse().ok())
        .or_else(|| value.as_u64())
}
