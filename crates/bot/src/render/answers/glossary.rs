//! `/define` (one term, paged when its definition is long) and `/glossary` (every term).

use dossier_core::matching::MatchKind;
use dossier_core::Term;
use dossier_store::GuildTerm;

use crate::render::answers::excerpt_lines;
use crate::render::answers::server_glossary::beside_report;
use crate::render::escape::escape;
use crate::render::paging::{number, paginate_lines, split_text};
use crate::render::spec::{EmbedSpec, FieldSpec, Page};
use crate::render::{colour, limits, References};

/// Most of a definition shown on one page; longer ones continue on the next.
const DEFINITION_PER_PAGE: usize = 3000;
/// Terms listed per glossary page.
const TERMS_PER_PAGE: usize = 15;

/// "KCNA — Korean Central News Agency", or the name alone.
fn heading(term: &Term) -> String {
    match &term.expansion {
        Some(expansion) => format!("{} — {}", escape(&term.name), escape(expansion)),
        None => escape(&term.name),
    }
}

/// A glossary entry: its expansion, definition (over several pages when long), other spellings,
/// related terms and the report's words. `asked` is what the user typed, shown when it matched
/// an alias; `see_also` are the related terms.
pub fn definition(
    term: &Term,
    kind: MatchKind,
    asked: &str,
    see_also: &[Term],
    references: References<'_>,
) -> Vec<Page> {
    number(definition_embeds(term, kind, asked, see_also, references))
}

/// [`definition`] when this server's glossary has an entry of the same name too: the report's
/// entry first, the server's beside it (see [`crate::render::server_definition`] for the
/// server's alone).
pub fn definition_with_server_entry(
    term: &Term,
    kind: MatchKind,
    asked: &str,
    see_also: &[Term],
    references: References<'_>,
    server_entry: &GuildTerm,
) -> Vec<Page> {
    beside_report(
        definition_embeds(term, kind, asked, see_also, references),
        server_entry,
        asked,
    )
}

/// The embeds of [`definition`], one per page, before the pages are numbered.
fn definition_embeds(
    term: &Term,
    kind: MatchKind,
    asked: &str,
    see_also: &[Term],
    references: References<'_>,
) -> Vec<EmbedSpec> {
    let mut fields = Vec::new();
    if kind == MatchKind::Alias {
        fields.push(FieldSpec::new(
            "You asked for",
            format!(
                "“{}”, another name for {}",
                escape(asked),
                escape(&term.name)
            ),
        ));
    }
    if !term.aliases.is_empty() {
        let aliases: Vec<String> = term.aliases.iter().map(|alias| escape(alias)).collect();
        fields.push(FieldSpec::inline("Also written", aliases.join(", ")));
    }
    if !see_also.is_empty() {
        let related: Vec<String> = see_also
            .iter()
            .map(|other| format!("{} (`/define term:{}`)", escape(&other.name), other.id))
            .collect();
        fields.push(FieldSpec::inline("See also", related.join("\n")));
    }
    let quotes = excerpt_lines(&term.citations, 2);
    if !quotes.is_empty() {
        fields.push(FieldSpec::new("In the report's words", quotes.join("\n")));
    }
    let title = heading(term);
    let footer = references.cite(&term.citations);
    let pieces = split_text(&escape(&term.definition), DEFINITION_PER_PAGE);
    let continued = pieces.len() > 1;
    pieces
        .into_iter()
        .enumerate()
        .map(|(index, piece)| EmbedSpec {
            title: if index == 0 {
                title.clone()
            } else {
                format!("{} (continued)", limits::trim(&title, limits::TITLE - 12))
            },
            description: if continued && index == 0 {
                format!("{piece} …")
            } else {
                piece
            },
            fields: if index == 0 {
                fields.clone()
            } else {
                Vec::new()
            },
            footer: Some(footer.clone()),
            colour: colour::TERM,
            ..EmbedSpec::default()
        })
        .collect()
}

/// Every term with a one-line gist, alphabetically, paged.
pub fn glossary(terms: &[Term], references: References<'_>) -> Vec<Page> {
    let mut sorted: Vec<&Term> = terms.iter().collect();
    sorted.sort_by_key(|term| term.name.to_lowercase());
    let header = EmbedSpec {
        title: "Glossary".to_owned(),
        description: match sorted.len() {
            0 => "The glossary is empty.".to_owned(),
            count => {
                format!("{count} terms from the report. `/define term:<name>` gives one in full.")
            }
        },
        footer: Some(references.cite_dossier()),
        colour: colour::TERM,
        ..EmbedSpec::default()
    };
    let lines = sorted
        .iter()
        .map(|term| {
            let gist = limits::trim(&escape(&term.definition), 140);
            format!("**{}** — {gist}", heading(term))
        })
        .collect();
    paginate_lines(&header, lines, TERMS_PER_PAGE)
}
