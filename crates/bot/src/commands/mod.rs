//! The slash commands, one module per group. Each parses its options, asks the store (and
//! core), and hands the result to `render`.

mod autocomplete;
mod claims;
mod estimates;
mod glossary;
mod info;
mod names;
mod options;
mod respond;
mod search;
mod stats;
mod term;
mod timeline;
mod usage;

pub(crate) use usage::count_command as count_usage;

use crate::render::Page;
use crate::sessions::HeldQuestion;
use crate::types::{Data, Error};

/// Page `index` of a held answer, read again from the store.
pub(crate) async fn turn_page(
    data: &Data,
    asked: &HeldQuestion,
    index: usize,
) -> Result<Page, Error> {
    match asked {
        HeldQuestion::Timeline(timeline) => timeline::turn_page(data, timeline, index).await,
        HeldQuestion::Search(search) => search::turn_page(data, search, index).await,
    }
}

/// Every command, in the order `/help` lists them.
pub(crate) fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        timeline::timeline(),
        timeline::event(),
        glossary::define(),
        glossary::glossary(),
        estimates::estimates(),
        claims::claims(),
        search::search(),
        term::term(),
        stats::stats(),
        info::sources(),
        info::about(),
        info::help(),
        info::ping(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Discord's rule for command and option names.
    fn valid_name(name: &str) -> bool {
        (1..=32).contains(&name.chars().count())
            && name
                .chars()
                .all(|c| c == '-' || c == '_' || c == '\'' || c.is_alphanumeric())
            && name.to_lowercase() == name
    }

    /// Moderators' subcommands, whose confirmations and refusals are always private.
    const ALWAYS_PRIVATE: [&str; 5] = [
        "term add",
        "term edit",
        "term remove",
        "term history",
        "term config moderator-role",
    ];

    /// Every command that runs (the leaves under subcommands), with its path from the top.
    fn leaves(
        commands: &[poise::Command<Data, Error>],
    ) -> Vec<(String, &poise::Command<Data, Error>)> {
        let mut found = Vec::new();
        for command in commands {
            if command.subcommands.is_empty() {
                found.push((command.name.to_string(), command));
            } else {
                assert!(
                    command.parameters.is_empty(),
                    "/{} has options",
                    command.name
                );
                for (path, leaf) in leaves(&command.subcommands) {
                    found.push((format!("{} {path}", command.name), leaf));
                }
            }
        }
        found
    }

    #[test]
    fn the_registered_commands_obey_discords_rules() {
        let commands = all();
        let names: Vec<&str> = commands
            .iter()
            .map(|command| command.name.as_ref())
            .collect();
        assert_eq!(
            names,
            [
                "timeline",
                "event",
                "define",
                "glossary",
                "estimates",
                "claims",
                "search",
                "term",
                "stats",
                "sources",
                "about",
                "help",
                "ping"
            ]
        );
        for command in &commands {
            let json =
                serde_json::to_string(&command.create_as_slash_command()).unwrap_or_default();
            assert!(
                json.len() < 8000,
                "/{} is {} bytes",
                command.name,
                json.len()
            );
        }
        for (path, command) in leaves(&commands) {
            assert!(valid_name(&command.name), "{path}");
            let description = command.description.as_deref().unwrap_or_default();
            assert!((1..=100).contains(&description.chars().count()), "{path}");
            assert!(command.parameters.len() <= 25);
            let mut seen_optional = false;
            for parameter in &command.parameters {
                assert!(valid_name(&parameter.name), "{}", parameter.name);
                let text = parameter.description.as_deref().unwrap_or_default();
                assert!(
                    (1..=100).contains(&text.chars().count()),
                    "{}",
                    parameter.name
                );
                assert!(
                    !(seen_optional && parameter.required),
                    "required after optional"
                );
                seen_optional |= !parameter.required;
            }
            let last = command
                .parameters
                .last()
                .map(|parameter| parameter.name.as_ref());
            if ALWAYS_PRIVATE.contains(&path.as_str()) {
                assert_ne!(last, Some("private"), "/{path} is always private");
            } else {
                assert_eq!(last, Some("private"), "/{path} takes private");
            }
        }
    }

    #[test]
    fn the_server_glossary_is_hidden_from_non_moderators_and_direct_messages() {
        let commands = all();
        let term = commands
            .iter()
            .find(|command| command.name == "term")
            .and_then(|command| serde_json::to_value(command.create_as_slash_command()).ok())
            .unwrap_or_default();
        // Manage Server (1 << 5): a hint for the client; the bot checks for itself.
        assert_eq!(term["default_member_permissions"], "32");
        assert_eq!(term["contexts"], serde_json::json!([0]));
        let options: Vec<(&str, u64)> = term["options"]
            .as_array()
            .map(|options| {
                options
                    .iter()
                    .filter_map(|option| Some((option["name"].as_str()?, option["type"].as_u64()?)))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            options,
            [
                ("add", 1),
                ("edit", 1),
                ("remove", 1),
                ("list", 1),
                ("history", 1),
                ("config", 2)
            ]
        );
        assert_eq!(
            term["options"][5]["options"][0]["name"], "moderator-role",
            "{term}"
        );
        assert_eq!(term["options"][5]["options"][0]["options"][0]["type"], 8);
    }

    #[test]
    fn every_option_that_names_something_autocompletes() {
        let commands = all();
        let leaves = leaves(&commands);
        let named = [
            ("timeline", "actor"),
            ("event", "id"),
            ("define", "term"),
            ("estimates", "measure"),
            ("claims", "actor"),
            ("term edit", "name"),
            ("term remove", "name"),
            ("term history", "name"),
        ];
        for (path, option) in named {
            let command = leaves
                .iter()
                .find(|(found, _)| found == path)
                .map(|(_, command)| command)
                .unwrap_or_else(|| panic!("no /{path}"));
            let parameter = command
                .parameters
                .iter()
                .find(|parameter| parameter.name == option)
                .unwrap_or_else(|| panic!("no {option} on /{path}"));
            assert!(
                parameter.autocomplete_callback.is_some(),
                "/{path} {option}"
            );
        }
    }
}
