//! Who a message would ping, by Discord's rules for interaction replies and webhook messages.

use serde_json::Value;

/// The pings a message causes once Discord applies `allowed_mentions`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pings {
    /// `@everyone` or `@here` pings the whole channel.
    pub everyone: bool,
    /// Users pinged through `<@id>` or `<@!id>`.
    pub users: Vec<u64>,
    /// Roles pinged through `<@&id>`.
    pub roles: Vec<u64>,
}

impl Pings {
    /// True when the message pings nobody at all.
    pub fn is_silent(&self) -> bool {
        !self.everyone && self.users.is_empty() && self.roles.is_empty()
    }
}

/// The pings of an interaction reply, follow-up or edit payload (an object with `content` and
/// maybe `allowed_mentions`). Without `allowed_mentions`, interactions and webhooks parse user
/// mentions only, and an edit without it is parsed again with that default. Mentions inside
/// embeds never ping.
pub fn interaction_message_pings(payload: &Value) -> Pings {
    let content = payload.get("content").and_then(Value::as_str).unwrap_or("");
    let found = mentions_in(content);
    let Some(allowed) = payload
        .get("allowed_mentions")
        .filter(|value| value.is_object())
    else {
        return Pings {
            everyone: false,
            users: found.users,
            roles: Vec::new(),
        };
    };
    let parse: Vec<&str> = allowed
        .get("parse")
        .and_then(Value::as_array)
        .map(|kinds| kinds.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let listed = |field: &str| -> Vec<u64> {
        allowed
            .get(field)
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| id.as_str().and_then(|id| id.parse().ok()).or(id.as_u64()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let allowed_users = listed("users");
    let allowed_roles = listed("roles");
    Pings {
        everyone: found.everyone && parse.contains(&"everyone"),
        users: found
            .users
            .into_iter()
            .filter(|id| parse.contains(&"users") || allowed_users.contains(id))
            .collect(),
        roles: found
            .roles
            .into_iter()
            .filter(|id| parse.contains(&"roles") || allowed_roles.contains(id))
            .collect(),
    }
}

/// Every mention written in `content`, whether or not it would ping.
pub fn mentions_in(content: &str) -> Pings {
    let mut found = Pings {
        everyone: content.contains("@everyone") || content.contains("@here"),
        ..Pings::default()
    };
    let mut rest = content;
    while let Some(start) = rest.find("<@") {
        rest = &rest[start + 2..];
        let (is_role, digits_from) = match rest.as_bytes().first() {
            Some(b'&') => (true, 1),
            Some(b'!') => (false, 1),
            _ => (false, 0),
        };
        let candidate = &rest[digits_from..];
        let Some(end) = candidate.find('>') else {
            break;
        };
        if let Ok(id) = candidate[..end].parse::<u64>() {
            let list = if is_role {
                &mut found.roles
            } else {
                &mut found.users
            };
            if !list.contains(&id) {
                list.push(id);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const HOSTILE: &str = "@everyone look <@&123> and <@456> and <@!789>";

    #[test]
    fn default_parsing_pings_users_but_not_roles_or_everyone() {
        let pings = interaction_message_pings(&json!({ "content": HOSTILE }));
        assert_eq!(
            pings,
            Pings {
                everyone: false,
                users: vec![456, 789],
                roles: vec![]
            }
        );
    }

    #[test]
    fn empty_parse_list_pings_nobody() {
        let payload = json!({ "content": HOSTILE, "allowed_mentions": { "parse": [] } });
        assert!(interaction_message_pings(&payload).is_silent());
    }

    #[test]
    fn parse_everything_pings_everyone_roles_and_users() {
        let payload = json!({
            "content": HOSTILE,
            "allowed_mentions": { "parse": ["everyone", "roles", "users"] }
        });
        let pings = interaction_message_pings(&payload);
        assert_eq!(
            pings,
            Pings {
                everyone: true,
                users: vec![456, 789],
                roles: vec![123]
            }
        );
    }

    #[test]
    fn explicit_lists_ping_only_the_listed_ids() {
        let payload = json!({
            "content": HOSTILE,
            "allowed_mentions": { "parse": [], "users": ["789"], "roles": [] }
        });
        let pings = interaction_message_pings(&payload);
        assert_eq!(
            pings,
            Pings {
                everyone: false,
                users: vec![789],
                roles: vec![]
            }
        );
    }

    #[test]
    fn broken_mentions_are_ignored() {
        let found = mentions_in("<@abc> <@&> <@12");
        assert!(found.is_silent(), "{found:?}");
    }
}
