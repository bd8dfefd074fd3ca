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
    fn a_cooldown_rounds_up_to_whole_seconds() {
        let page = cooldown("search", Duration::from_millis(1200));
        assert!(page.embeds[0].description.contains("again in 2 s"));
    }
}
