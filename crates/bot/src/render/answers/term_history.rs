//! `/term history`: every add, edit and remove of one server entry, newest first, with who
//! made it, when, and what changed.

use dossier_store::{GuildTermAction, GuildTermChange, GuildTermSnapshot};

use crate::render::answers::server_glossary::SERVER_GLOSSARY;
use crate::render::escape::escape;
use crate::render::paging::paginate_fields;
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits};

/// Changes shown per page.
const CHANGES_PER_PAGE: usize = 6;
/// How much of a definition one side of a change shows.
const DEFINITION_GIST: usize = 300;

/// Who made a change and when: a user mention (embeds never ping, and replies allow no
/// mentions) and a Discord timestamp each reader sees in their own time zone.
fn who_and_when(change: &GuildTermChange) -> String {
    format!("By <@{}> · <t:{}:f>", change.user.0, change.at_unix_seconds)
}

fn aliases_text(snapshot: &GuildTermSnapshot) -> String {
    if snapshot.aliases.is_empty() {
        "none".to_owned()
    } else {
        let aliases: Vec<String> = snapshot.aliases.iter().map(|alias| escape(alias)).collect();
        aliases.join(", ")
    }
}

fn gist(definition: &str) -> String {
    limits::trim(&escape(definition), DEFINITION_GIST)
}

/// What one change did, in words.
fn what_changed(change: &GuildTermChange) -> String {
    match (&change.before, &change.after) {
        (None, Some(after)) => {
            let mut text = format!("Definition: {}", gist(&after.definition));
            if !after.aliases.is_empty() {
                text.push_str(&format!("\nAliases: {}", aliases_text(after)));
            }
            text
        }
        (Some(before), Some(after)) => {
            let mut parts = Vec::new();
            if before.definition != after.definition {
                parts.push(format!(
                    "Definition was: {}\nNow: {}",
                    gist(&before.definition),
                    gist(&after.definition)
                ));
            }
            if before.aliases != after.aliases {
                parts.push(format!(
                    "Aliases were: {}\nNow: {}",
                    aliases_text(before),
                    aliases_text(after)
                ));
            }
            if parts.is_empty() {
                "Saved without changes.".to_owned()
            } else {
                parts.join("\n")
            }
        }
        (Some(before), None) => format!("Definition was: {}", gist(&before.definition)),
        (None, None) => String::new(),
    }
}

fn action_label(action: GuildTermAction) -> &'static str {
    match action {
        GuildTermAction::Add => "Added",
        GuildTermAction::Edit => "Edited",
        GuildTermAction::Remove => "Removed",
    }
}

/// The history of the entry called `name`, newest first. `current_version` is the version
/// an edit should build on, or `None` when the entry has been removed.
pub fn term_history(
    name: &str,
    changes: &[GuildTermChange],
    current_version: Option<u32>,
) -> Vec<Page> {
    let shown_name = changes
        .iter()
        .rev()
        .find_map(|change| change.after.as_ref().or(change.before.as_ref()))
        .map_or(name, |snapshot| snapshot.name.as_str());
    let shown_name = escape(shown_name);
    let state = match current_version {
        Some(version) => format!(
            "Now at version {version}. `/term edit` with `version:{version}` builds on it, and is \
             refused if someone changes it first."
        ),
        None => "Removed: it no longer appears in `/define`. `/term add` with the same name \
                 starts it again, continuing these versions."
            .to_owned(),
    };
    let header = EmbedSpec {
        title: format!("History of “{shown_name}”"),
        description: format!(
            "{} change{}, newest first. {state}",
            changes.len(),
            if changes.len() == 1 { "" } else { "s" }
        ),
        footer: Some(format!(
            "{SERVER_GLOSSARY} · only moderators see this history"
        )),
        colour: colour::SERVER,
        ..EmbedSpec::default()
    };
    let fields = changes
        .iter()
        .rev()
        .map(|change| {
            FieldSpec::new(
                format!(
                    "Version {} · {}",
                    change.version,
                    action_label(change.action)
                ),
                format!("{}\n{}", who_and_when(change), what_changed(change)),
            )
        })
        .collect();
    paginate_fields(&header, fields, CHANGES_PER_PAGE)
}

#[cfg(test)]
mod tests {
    use dossier_store::UserId;

    use super::*;

    fn snapshot(definition: &str, aliases: &[&str]) -> GuildTermSnapshot {
        GuildTermSnapshot {
            name: "Storm".to_owned(),
            definition: definition.to_owned(),
            aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
        }
    }

    fn change(
        action: GuildTermAction,
        version: u32,
        before: Option<GuildTermSnapshot>,
        after: Option<GuildTermSnapshot>,
    ) -> GuildTermChange {
        GuildTermChange {
            action,
            version,
            user: UserId(853_094_416_902_963_241),
            at_unix_seconds: 1_745_800_000 + i64::from(version),
            before,
            after,
        }
    }

    fn three_changes() -> Vec<GuildTermChange> {
        vec![
            change(GuildTermAction::Add, 1, None, Some(snapshot("First.", &[]))),
            change(
                GuildTermAction::Edit,
                2,
                Some(snapshot("First.", &[])),
                Some(snapshot("Second.", &["SC"])),
            ),
            change(
                GuildTermAction::Remove,
                2,
                Some(snapshot("Second.", &["SC"])),
                None,
            ),
        ]
    }

    #[test]
    fn changes_are_listed_newest_first_with_who_when_and_what() {
        let pages = term_history("storm", &three_changes(), None);
        let embed = &pages[0].embeds[0];
        assert_eq!(embed.title, "History of “Storm”");
        assert!(embed
            .description
            .starts_with("3 changes, newest first. Removed"));
        let names: Vec<&str> = embed
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Version 2 · Removed",
                "Version 2 · Edited",
                "Version 1 · Added"
            ]
        );
        let edit = &embed.fields[1].value;
        assert!(
            edit.starts_with("By <@853094416902963241> · <t:1745800002:f>"),
            "{edit}"
        );
        assert!(
            edit.contains("Definition was: First.\nNow: Second."),
            "{edit}"
        );
        assert!(edit.contains("Aliases were: none\nNow: SC"), "{edit}");
    }

    #[test]
    fn the_current_version_is_named_for_the_next_edit() {
        let changes = &three_changes()[..2];
        let pages = term_history("storm", changes, Some(2));
        assert!(pages[0].embeds[0].description.contains("`version:2`"));
    }

    #[test]
    fn a_long_history_pages_inside_the_limits() {
        let long = "word ".repeat(300);
        let changes: Vec<GuildTermChange> = (1..=40)
            .map(|version| {
                change(
                    GuildTermAction::Edit,
                    version,
                    Some(snapshot(&long, &["a"; 10])),
                    Some(snapshot(&format!("{long}{version}"), &["b"; 10])),
                )
            })
            .collect();
        let pages = term_history("storm", &changes, Some(40));
        assert!(pages.len() >= 7, "{} pages", pages.len());
        assert!(pages.iter().all(Page::within_limits));
        let shown: usize = pages.iter().map(|page| page.embeds[0].fields.len()).sum();
        assert_eq!(shown, 40, "every change appears");
    }
}
