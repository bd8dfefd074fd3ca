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
mod timeline;

use crate::types::{Data, Error};

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
                "sources",
                "about",
                "help",
                "ping"
            ]
        );
        for command in &commands {
            assert!(valid_name(&command.name), "{}", command.name);
            let description = command.description.as_deref().unwrap_or_default();
            assert!(
                (1..=100).contains(&description.chars().count()),
                "{}",
                command.name
            );
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
            assert_eq!(last, Some("private"), "/{} takes private", command.name);
            let json =
                serde_json::to_string(&command.create_as_slash_command()).unwrap_or_default();
            assert!(
                json.len() < 8000,
                "/{} is {} bytes",
                command.name,
                json.len()
            );
        }
    }

    #[test]
    fn every_option_that_names_something_autocompletes() {
        let commands = all();
        let named = [
            ("timeline", "actor"),
            ("event", "id"),
            ("define", "term"),
            ("estimates", "measure"),
            ("claims", "actor"),
        ];
        for (command_name, option) in named {
            let command = commands
                .iter()
                .find(|command| command.name == command_name)
                .unwrap_or_else(|| panic!("no /{command_name}"));
            let parameter = command
                .parameters
                .iter()
                .find(|parameter| parameter.name == option)
                .unwrap_or_else(|| panic!("no {option} on /{command_name}"));
            assert!(
                parameter.autocomplete_callback.is_some(),
                "/{command_name} {option}"
            );
        }
    }
}
