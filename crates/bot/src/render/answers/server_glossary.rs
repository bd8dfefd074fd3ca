//! A server's own glossary: its entries beside the report's in `/define`, the `/term list`,
//! and the confirmations moderators get for their changes.

use dossier_core::text::fold;
use dossier_store::GuildTerm;

use crate::render::escape::{escape, neutralise};
use crate::render::paging::{number, paginate_lines};
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits};

/// The label every server entry carries, so no one mistakes it for the report's.
pub const SERVER_GLOSSARY: &str = "Server glossary";

/// Entries listed per `/term list` page.
const ENTRIES_PER_PAGE: usize = 15;

/// The footer under a server entry: whose words these are and which version.
fn entry_footer(entry: &GuildTerm) -> String {
    format!(
        "{SERVER_GLOSSARY} · written by this server's moderators, not from the report · version {}",
        entry.version
    )
}

/// The other names of an entry, escaped, or `None` when it has none.
fn aliases_field(entry: &GuildTerm) -> Option<FieldSpec> {
    if entry.aliases.is_empty() {
        return None;
    }
    let aliases: Vec<String> = entry.aliases.iter().map(|alias| escape(alias)).collect();
    Some(FieldSpec::inline("Also written", aliases.join(", ")))
}

/// One server entry as an embed, labelled as the server's. `asked` is what the user typed,
/// shown when it was one of the entry's other names.
pub fn server_entry(entry: &GuildTerm, asked: Option<&str>) -> EmbedSpec {
    let mut fields = Vec::new();
    if let Some(asked) = asked.filter(|asked| fold(asked) != fold(&entry.name)) {
        fields.push(FieldSpec::new(
            "You asked for",
            format!(
                "“{}”, another name for {}",
                escape(&limits::trim(asked.trim(), 100)),
                escape(&entry.name)
            ),
        ));
    }
    fields.extend(aliases_field(entry));
    EmbedSpec {
        title: escape(&entry.name),
        author: Some(SERVER_GLOSSARY.to_owned()),
        description: escape(&entry.definition),
        fields,
        footer: Some(entry_footer(entry)),
        colour: colour::SERVER,
        ..EmbedSpec::default()
    }
}

/// `/define` when only the server's glossary has the term.
pub fn server_definition(entry: &GuildTerm, asked: &str) -> Vec<Page> {
    number(vec![server_entry(entry, Some(asked))])
}

/// `/define` when both glossaries have the term: the report's entry (`report`, its embeds one
/// per page as [`crate::render::definition`] builds them) comes first, and the server's sits
/// beside it on the first page when it fits, or on a page of its own after the report's, which
/// the first page points to.
pub(crate) fn beside_report(
    mut report: Vec<EmbedSpec>,
    entry: &GuildTerm,
    asked: &str,
) -> Vec<Page> {
    let server = server_entry(entry, Some(asked)).fit(limits::MESSAGE_EMBED_TOTAL);
    let mut pages = number(report.clone());
    if let Some(first) = pages.first_mut() {
        if first.embed_size() + server.size() <= limits::MESSAGE_EMBED_TOTAL
            && first.embeds.len() < limits::EMBEDS_PER_MESSAGE
        {
            first.embeds.push(server);
            return pages;
        }
    }
    if let Some(first) = report.first_mut() {
        first.fields.push(FieldSpec::new(
            SERVER_GLOSSARY,
            format!(
                "This server's glossary also defines **{}**: see the last page.",
                escape(&entry.name)
            ),
        ));
    }
    report.push(server);
    number(report)
}

/// Every entry of the server's glossary with a one-line gist, by name, paged.
pub fn server_glossary(entries: &[GuildTerm]) -> Vec<Page> {
    let header = EmbedSpec {
        title: SERVER_GLOSSARY.to_owned(),
        description: match entries.len() {
            0 => "This server has no glossary entries yet. Moderators add them with `/term add`."
                .to_owned(),
            1 => "1 entry written by this server's moderators, beside the report's `/glossary`. \
                  `/define term:<name>` shows it in full."
                .to_owned(),
            count => format!(
                "{count} entries written by this server's moderators, beside the report's \
                 `/glossary`. `/define term:<name>` shows one in full."
            ),
        },
        footer: Some(format!(
            "{SERVER_GLOSSARY} · not from the report · this server only"
        )),
        colour: colour::SERVER,
        ..EmbedSpec::default()
    };
    let lines = entries
        .iter()
        .map(|entry| {
            let gist = limits::trim(&escape(&entry.definition), 140);
            let aliases = if entry.aliases.is_empty() {
                String::new()
            } else {
                let aliases: Vec<String> =
                    entry.aliases.iter().map(|alias| escape(alias)).collect();
                format!(" (also {})", limits::trim(&aliases.join(", "), 120))
            };
            format!(
                "**{}**{aliases} — {gist} · v{}",
                escape(&entry.name),
                entry.version
            )
        })
        .collect();
    paginate_lines(&header, lines, ENTRIES_PER_PAGE)
}

/// What a moderator's change did, for the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermChange {
    /// A new entry.
    Added,
    /// A new version of an entry.
    Updated,
    /// The entry is gone; its history stays.
    Removed,
}

/// The confirmation a moderator gets: the entry as everyone will see it (or saw it, for a
/// removal), with its version and where its history is.
pub fn term_changed(change: TermChange, entry: &GuildTerm) -> Page {
    let name = escape(&entry.name);
    let (title, note) = match change {
        TermChange::Added => (
            format!("Added “{name}” to the server glossary"),
            "Everyone in this server now sees it in `/define` and its suggestions.".to_owned(),
        ),
        TermChange::Updated => (
            format!("Updated “{name}” (now version {})", entry.version),
            "`/term history` keeps the earlier version.".to_owned(),
        ),
        TermChange::Removed => (
            format!("Removed “{name}” from the server glossary"),
            "Its history is kept: `/term history` still shows every version.".to_owned(),
        ),
    };
    let mut embed = server_entry(entry, None);
    embed.title = title;
    embed.fields.push(FieldSpec::new("Next", note));
    Page::embed(embed).fit()
}

/// The answer to `/term config moderator-role`: the role now chosen (`None`: none) and the one
/// before. Roles are shown as mentions, which render as the role's name and never ping inside
/// an embed.
pub fn moderator_role_set(previous: Option<u64>, chosen: Option<u64>) -> Page {
    let role = |id: Option<u64>| id.map_or_else(|| "none".to_owned(), |id| format!("<@&{id}>"));
    let description = match chosen {
        Some(id) => format!(
            "Members with <@&{id}> may now add, edit and remove entries and see their history, \
             as may members with **Manage Server**. Discord shows `/term` only to members with \
             Manage Server until you allow the role in Server Settings → Integrations → Dossier."
        ),
        None => "No moderator role: only members with **Manage Server** may change the server \
                 glossary."
            .to_owned(),
    };
    Page::embed(EmbedSpec {
        title: "Moderator role saved".to_owned(),
        description,
        fields: vec![
            FieldSpec::inline("Before", role(previous)),
            FieldSpec::inline("Now", role(chosen)),
        ],
        footer: Some(SERVER_GLOSSARY.to_owned()),
        colour: colour::SERVER,
        ..EmbedSpec::default()
    })
    .fit()
}

/// The label of a server entry among `/define` suggestions.
pub fn server_choice_label(label: &str) -> String {
    format!("{} · {SERVER_GLOSSARY}", neutralise(label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::escape::contains_mention;
    use crate::render::fixtures::guild_term as entry;

    #[test]
    fn a_server_entry_is_labelled_as_the_servers() {
        let embed = server_entry(
            &entry("Storm", "Local nickname for the 11th Corps.", &[]),
            None,
        );
        assert_eq!(embed.author.as_deref(), Some(SERVER_GLOSSARY));
        let footer = embed.footer.unwrap_or_default();
        assert!(footer.contains("not from the report"), "{footer}");
        assert!(footer.contains("version 3"), "{footer}");
    }

    #[test]
    fn an_alias_asked_for_is_named() {
        let storm = entry("Storm Corps", "Nickname.", &["SC"]);
        assert_eq!(
            server_entry(&storm, Some("sc")).fields[0].name,
            "You asked for"
        );
        assert_eq!(
            server_entry(&storm, Some("storm corps")).fields[0].name,
            "Also written"
        );
    }

    #[test]
    fn the_list_names_versions_and_aliases() {
        let pages = server_glossary(&[entry("Storm", "Nickname.", &["SC", "Storms"])]);
        let description = &pages[0].embeds[0].description;
        assert!(
            description.contains("**Storm** (also SC, Storms) — Nickname. · v3"),
            "{description}"
        );
        assert!(server_glossary(&[])[0].embeds[0]
            .description
            .contains("/term add"));
    }

    #[test]
    fn suggestions_say_whose_entry_it_is() {
        let label = server_choice_label("@everyone Storm");
        assert!(label.ends_with("· Server glossary"));
        assert!(!contains_mention(&label));
    }

    #[test]
    fn confirmations_name_the_change_and_the_version() {
        let storm = entry("Storm", "Nickname.", &[]);
        let updated = term_changed(TermChange::Updated, &storm);
        assert_eq!(updated.embeds[0].title, "Updated “Storm” (now version 3)");
        let removed = term_changed(TermChange::Removed, &storm);
        assert!(removed.embeds[0].fields[0]
            .value
            .contains("history is kept"));
    }

    #[test]
    fn the_moderator_role_is_shown_as_a_role_and_clearing_says_so() {
        let set = moderator_role_set(None, Some(42));
        assert!(set.embeds[0].description.contains("<@&42>"));
        assert_eq!(set.embeds[0].fields[0].value, "none");
        let cleared = moderator_role_set(Some(42), None);
        assert!(cleared.embeds[0]
            .description
            .contains("only members with **Manage Server**"));
    }
}
