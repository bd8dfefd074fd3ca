//! Short replies that are not answers: nothing found, slow down, not your buttons, a failure.

use std::time::Duration;

use crate::render::escape::escape;
use crate::render::spec::{EmbedSpec, Page};
use crate::render::{colour, limits};

/// A notice embed with this title and body.
fn notice(title: &str, description: String, colour: u32) -> Page {
    Page::embed(EmbedSpec {
        title: title.to_owned(),
        description,
        colour,
        ..EmbedSpec::default()
    })
    .fit()
}

/// Nothing named `query` among `what` ("term", "event", …), with "Did you mean …" when there
/// are suggestions; `browse` names the command that lists everything.
pub fn not_found(what: &str, query: &str, suggestions: &[String], browse: &str) -> Page {
    let asked = escape(&limits::trim(query.trim(), 100));
    let mut description = format!("No {what} called “{asked}” in the dossier.");
    if !suggestions.is_empty() {
        let names: Vec<String> = suggestions
            .iter()
            .take(5)
            .map(|name| format!("**{}**", escape(name)))
            .collect();
        description.push_str(&format!("\n\nDid you mean {}?", or_list(&names)));
    }
    description.push_str(&format!("\n\n{browse} lists them all."));
    notice(&format!("No such {what}"), description, colour::NOTICE)
}

/// "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// An option the user gave that cannot be used, with why.
pub fn invalid_option(option: &str, reason: &str) -> Page {
    notice(
        "That option did not work",
        format!("`{}`: {}", option.replace('`', "'"), escape(reason)),
        colour::NOTICE,
    )
}

/// The user asked again before the cooldown ran out.
pub fn cooldown(command: &str, remaining: Duration) -> Page {
    let seconds = remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0);
    notice(
        "One moment",
        format!(
            "`/{}` is a heavier question; you can ask it again in {} s.",
            command.replace('`', "'"),
            seconds.max(1)
        ),
        colour::NOTICE,
    )
}

/// Someone other than the person who asked pressed a page button.
pub fn not_your_pages(command: &str) -> Page {
    notice(
        "These pages belong to someone else",
        format!(
            "Only the person who asked can turn these pages. Run `/{}` yourself to get your own copy.",
            command.replace('`', "'")
        ),
        colour::NOTICE,
    )
}

/// A page button whose answer is no longer held (the bot restarted, or it expired).
pub fn pages_expired() -> Page {
    notice(
        "These pages have expired",
        "This answer is no longer held, so its pages cannot be turned. Ask again to get a fresh \
         copy."
            .to_owned(),
        colour::NOTICE,
    )
}

/// A command or button this version of Dossier does not have: Discord keeps showing removed
/// commands for a while after an update, and old messages keep their buttons.
pub fn unknown_interaction() -> Page {
    notice(
        "Dossier no longer has that",
        "That command or button comes from an older version of Dossier. `/help` lists what it \
         answers now."
            .to_owned(),
        colour::NOTICE,
    )
}

/// Something failed on our side; the details are in the logs, never in Discord.
pub fn internal_failure() -> Page {
    notice(
        "Something went wrong",
        "Dossier could not answer that just now. The problem has been logged; please try again \
         in a moment."
            .to_owned(),
        colour::FAILURE,
    )
}

/// A server-only command used in a direct message; `feature` is what DMs lack, e.g. "server
/// glossary".
pub fn not_in_server(feature: &str) -> Page {
    notice(
        "Only in a server",
        format!(
            "Direct messages have no {}. Run this command in a server where Dossier is \
             installed.",
            escape(feature)
        ),
        colour::NOTICE,
    )
}

/// The member may not do this: `manage_server_only` for the settings, else for changes to the
/// glossary (Manage Server or the moderator role).
pub fn not_permitted(manage_server_only: bool) -> Page {
    let description = if manage_server_only {
        "Only members with the **Manage Server** permission can change these settings."
    } else {
        "Only this server's moderators can do that: members with the **Manage Server** \
         permission, or with the moderator role chosen in `/term config moderator-role`. \
         Everyone can read the server glossary with `/term list` and `/define`."
    };
    notice(
        "That is for moderators",
        description.to_owned(),
        colour::NOTICE,
    )
}

/// Why the store refused a change to the server glossary, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossaryRefusal {
    /// The entry breaks a rule; `reason` is the store's text for the moderator.
    Invalid {
        /// e.g. "a definition needs 1 to 1500 characters".
        reason: String,
    },
    /// A name or alias already belongs to another entry of this server.
    NameTaken {
        /// The name refused.
        name: String,
        /// The entry that has it.
        taken_by: String,
    },
    /// This server has no such entry.
    NotFound {
        /// The name asked for.
        name: String,
    },
    /// The entry changed since the version the edit was based on.
    Conflict {
        /// The entry.
        name: String,
        /// The version the edit was based on.
        expected: u32,
        /// The version now.
        current: u32,
    },
}

/// `text` with its first letter upper-case and a full stop at the end.
fn sentence(text: &str) -> String {
    let mut characters = text.trim().chars();
    let mut sentence: String = match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    };
    if !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    sentence
}

/// The refusal explained, with what to do next. Names are the user's text, escaped.
pub fn glossary_refused(refusal: &GlossaryRefusal) -> Page {
    let shown = |name: &str| escape(&limits::trim(name.trim(), 100));
    let (title, description) = match refusal {
        GlossaryRefusal::Invalid { reason } => (
            "That entry was not saved",
            format!("{} Nothing was changed.", escape(&sentence(reason))),
        ),
        GlossaryRefusal::NameTaken { name, taken_by } => (
            "That name is taken",
            format!(
                "“{}” is already a name or alias of this server's entry **{}**. Choose another \
                 name, or change that entry with `/term edit`.",
                shown(name),
                shown(taken_by)
            ),
        ),
        GlossaryRefusal::NotFound { name } => (
            "No such server entry",
            format!(
                "This server's glossary has no entry called “{}”. `/term list` shows them all.",
                shown(name)
            ),
        ),
        GlossaryRefusal::Conflict {
            name,
            expected,
            current,
        } => (
            "Changed by someone else",
            format!(
                "**{}** is now at version {current}, but this edit was based on version \
                 {expected}, so nothing was changed. Read the latest with `/term history`, then \
                 edit again with `version:{current}`.",
                shown(name)
            ),
        ),
    };
    notice(title, description, colour::NOTICE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_offered_as_a_question() {
        let page = not_found(
            "term",
            "KCAN",
            &["KCNA".to_owned(), "KPA".to_owned()],
            "`/glossary`",
        );
        let description = &page.embeds[0].description;
        assert!(
            description.contains("Did you mean **KCNA** or **KPA**?"),
            "{description}"
        );
    }

    #[test]
    fn the_query_is_echoed_without_pinging() {
        let page = not_found("term", "@everyone <@&123>", &[], "`/glossary`");
        assert!(!crate::render::escape::contains_mention(
            &page.embeds[0].description
        ));
        assert!(!page.embeds[0].description.contains("Did you mean"));
    }

    #[test]
    fn refusals_explain_what_to_do_and_echo_names_harmlessly() {
        let conflict = glossary_refused(&GlossaryRefusal::Conflict {
            name: "Storm".to_owned(),
            expected: 1,
            current: 2,
        });
        let description = &conflict.embeds[0].description;
        assert!(description.contains("now at version 2"), "{description}");
        assert!(description.contains("`version:2`"), "{description}");
        let taken = glossary_refused(&GlossaryRefusal::NameTaken {
            name: "@everyone".to_owned(),
            taken_by: "**bold** <@&1>".to_owned(),
        });
        let description = &taken.embeds[0].description;
        assert!(!crate::render::escape::contains_mention(description));
        assert!(description.contains("\\*\\*bold\\*\\*"), "{description}");
        let invalid = glossary_refused(&GlossaryRefusal::Invalid {
            reason: "a definition needs 1 to 1500 characters".to_owned(),
        });
        assert!(invalid.embeds[0]
            .description
            .starts_with("A definition needs 1 to 1500 characters. Nothing"));
    }

    #[test]
    fn direct_messages_are_told_they_have_no_server_glossary() {
        let page = not_in_server("server glossary");
        assert!(page.embeds[0]
            .description
            .starts_with("Direct messages have no server glossary."));
        assert!(not_permitted(true).embeds[0]
            .description
            .contains("Manage Server"));
        assert!(not_permitted(false).embeds[0]
            .description
            .contains("moderator role"));
    }

    #[test]
    fn a_cooldown_rounds_up_to_whole_seconds() {
        let page = cooldown("search", Duration::from_millis(1200));
        assert!(page.embeds[0].description.contains("again in 2 s"));
    }
}
