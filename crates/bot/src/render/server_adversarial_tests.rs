//! Server glossary entries are written by members: hostile names and definitions must render
//! inert, inside every limit, and never push the report's entry aside.

use dossier_core::MatchKind;

use crate::render::escape::contains_mention;
use crate::render::fixtures;
use crate::render::{self, limits, Page, References, TermChange, SERVER_GLOSSARY};

const HOSTILE: &str = "@everyone @here <@123456> <@!42> <@&987> **bold** `tick` ||spoiler|| \
                       [link](https://example.org) > quote";

fn text_of(pages: &[Page]) -> String {
    serde_json::to_string(pages).unwrap_or_default()
}

#[test]
fn hostile_names_and_definitions_render_inert_everywhere() {
    let hostile = fixtures::guild_term(HOSTILE, HOSTILE, &[HOSTILE, "# heading"]);
    let mut pages = render::server_definition(&hostile, HOSTILE);
    pages.extend(render::server_glossary(&[hostile.clone(), hostile.clone()]));
    pages.push(render::term_changed(TermChange::Added, &hostile));
    pages.push(render::term_changed(TermChange::Removed, &hostile));
    let text = text_of(&pages);
    assert!(!contains_mention(&text), "a mention survived: {text}");
    assert!(!text.contains("**bold**"), "Markdown was not escaped");
    assert!(!text.contains("[link]"), "a link was not escaped");
    assert!(pages.iter().all(Page::within_limits));
}

#[test]
fn a_ten_kilobyte_definition_and_huge_aliases_stay_inside_the_limits() {
    // The store refuses more than 1,500 characters; rendering must hold even so.
    let huge = "*@ ".repeat(3_400);
    assert!(huge.len() >= 10_000);
    let aliases: Vec<String> = (0..10)
        .map(|index| format!("{index}{}", "_".repeat(63)))
        .collect();
    let alias_refs: Vec<&str> = aliases.iter().map(String::as_str).collect();
    let entry = fixtures::guild_term(&"N".repeat(64), &huge, &alias_refs);
    let mut pages = render::server_definition(&entry, "n");
    pages.extend(render::server_glossary(&vec![entry.clone(); 200]));
    pages.push(render::term_changed(TermChange::Updated, &entry));
    assert!(pages.iter().all(Page::within_limits));
    assert!(!contains_mention(&text_of(&pages)));
    let listed: usize = pages[1..pages.len() - 1]
        .iter()
        .map(|page| page.embeds[0].description.matches("· v3").count())
        .sum();
    assert_eq!(listed, 200, "every entry of a long list appears once");
}

#[test]
fn right_to_left_text_is_shown_as_written_and_never_reorders_the_label() {
    let entry = fixtures::guild_term("مرحبا", "שלום and مرحبا side by side.", &[]);
    let pages = render::server_definition(&entry, "مرحبا");
    let embed = &pages[0].embeds[0];
    assert_eq!(embed.title, "مرحبا");
    assert_eq!(embed.description, "שלום and مرحبا side by side.");
    assert_eq!(embed.author.as_deref(), Some(SERVER_GLOSSARY));
}

#[test]
fn the_reports_entry_comes_first_and_the_servers_beside_it() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    let references = References::new(&sources, &actors);
    let server = fixtures::guild_term("KCNA", "What our channel calls the state wire.", &[]);
    let pages = render::definition_with_server_entry(
        &fixtures::kcna(),
        MatchKind::Exact,
        "KCNA",
        &[],
        references,
        &server,
    );
    assert_eq!(pages.len(), 1);
    let embeds = &pages[0].embeds;
    assert_eq!(embeds.len(), 2);
    assert!(embeds[0]
        .title
        .starts_with("KCNA — Korean Central News Agency"));
    assert_eq!(
        embeds[0].author, None,
        "the report's entry is not labelled as the server's"
    );
    assert_eq!(embeds[1].author.as_deref(), Some(SERVER_GLOSSARY));
    assert!(pages[0].within_limits());
}

#[test]
fn a_long_report_entry_gives_the_servers_its_own_page_and_points_to_it() {
    let (sources, actors) = (fixtures::sources(), fixtures::actors());
    let references = References::new(&sources, &actors);
    let mut term = fixtures::kcna();
    term.definition = "word ".repeat(2_000);
    // 1,500 characters that escaping doubles: too much to share the first page.
    let server = fixtures::guild_term("KCNA", &"*_".repeat(750), &[]);
    let report_alone = render::definition(&term, MatchKind::Exact, "KCNA", &[], references);
    let pages = render::definition_with_server_entry(
        &term,
        MatchKind::Exact,
        "KCNA",
        &[],
        references,
        &server,
    );
    assert!(pages.iter().all(Page::within_limits));
    assert_eq!(pages.len(), report_alone.len() + 1);
    assert!(pages[0].embeds[0].title.starts_with("KCNA — "));
    assert_eq!(pages[0].embeds[0].author, None);
    let pointer = pages[0].embeds[0]
        .fields
        .iter()
        .find(|field| field.name == SERVER_GLOSSARY)
        .map(|field| field.value.clone())
        .unwrap_or_default();
    assert!(pointer.contains("see the last page"), "{pointer}");
    let last = &pages[pages.len() - 1].embeds[0];
    assert_eq!(last.author.as_deref(), Some(SERVER_GLOSSARY));
    assert_eq!(
        limits::length(&last.description),
        3_000,
        "the server's definition is shown whole"
    );
    let footer = last.footer.as_deref().unwrap_or_default();
    assert!(
        footer.starts_with(&format!("Page {0}/{0}", pages.len())),
        "{footer}"
    );
}
