//! Splitting long answers into pages that each fit one message, numbered "Page x/y".

use crate::render::limits::{self, length};
use crate::render::spec::{EmbedSpec, FieldSpec, Page};

/// Room kept in every page for the "Page x/y · " prefix added to the footer.
pub(crate) const PAGE_MARKER_ROOM: usize = 32;

/// An answer cut into pages that all have the same header and the same number of items, so
/// any page can be drawn on its own from just the items it shows (when its button is pressed).
/// The items per page come from the most one item's field can take.
#[derive(Debug, Clone, PartialEq)]
pub struct FixedPages {
    header: EmbedSpec,
    per_page: usize,
    pages: usize,
}

impl FixedPages {
    /// Pages for `items` items under `header`, at most `most_per_page` a page and fewer when
    /// the header leaves too little room for that many fields of `item_max` characters.
    pub fn new(header: EmbedSpec, item_max: usize, most_per_page: usize, items: usize) -> Self {
        let header = header.fit(limits::MESSAGE_EMBED_TOTAL / 2);
        let room = limits::MESSAGE_EMBED_TOTAL - header.size() - PAGE_MARKER_ROOM;
        let per_page = (room / item_max.max(1)).clamp(1, most_per_page.max(1));
        Self {
            header,
            per_page,
            pages: items.div_ceil(per_page).max(1),
        }
    }

    /// Items on each page (the last may have fewer).
    pub fn per_page(&self) -> usize {
        self.per_page
    }

    /// Pages in all; at least one.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// About what holding it takes in memory, beyond its own struct.
    pub fn held_bytes(&self) -> usize {
        self.header.title.len()
            + self.header.description.len()
            + self.header.footer.as_ref().map_or(0, String::len)
    }

    /// Page `index` (zero-based) carrying `fields` (at most [`FixedPages::per_page`] of them
    /// are kept), numbered when there is more than one page.
    pub fn page(&self, index: usize, fields: impl IntoIterator<Item = FieldSpec>) -> Page {
        let mut embed = EmbedSpec {
            fields: fields.into_iter().take(self.per_page).collect(),
            ..self.header.clone()
        };
        if self.pages > 1 {
            let marker = format!("Page {}/{}", index + 1, self.pages);
            embed.footer = Some(match embed.footer.take() {
                Some(footer) => format!("{marker} · {footer}"),
                None => marker,
            });
        }
        Page::embed(embed).fit()
    }
}

/// Pages of `header` carrying `items` as fields, at most `per_page` a page and always inside
/// Discord's limits. The header's title, description and footer repeat on every page; the footer
/// gains "Page x/y" when there is more than one page. No items gives one page, the header alone.
pub fn paginate_fields(header: &EmbedSpec, items: Vec<FieldSpec>, per_page: usize) -> Vec<Page> {
    let per_page = per_page.clamp(1, limits::FIELDS);
    let header = header.clone().fit(limits::MESSAGE_EMBED_TOTAL / 2);
    let budget = limits::MESSAGE_EMBED_TOTAL - header.size() - PAGE_MARKER_ROOM;
    let mut groups: Vec<Vec<FieldSpec>> = Vec::new();
    let mut current: Vec<FieldSpec> = Vec::new();
    let mut current_size = 0;
    for item in items {
        let item = fit_field(item);
        let size = item.size();
        if !current.is_empty() && (current.len() == per_page || current_size + size > budget) {
            groups.push(std::mem::take(&mut current));
            current_size = 0;
        }
        current_size += size;
        current.push(item);
    }
    if !current.is_empty() || groups.is_empty() {
        groups.push(current);
    }
    number(
        groups
            .into_iter()
            .map(|fields| EmbedSpec {
                fields,
                ..header.clone()
            })
            .collect(),
    )
}

/// Pages of `header` whose description lists `lines` (after the header's own description), at
/// most `per_page` lines a page and inside every limit.
pub fn paginate_lines(header: &EmbedSpec, lines: Vec<String>, per_page: usize) -> Vec<Page> {
    let per_page = per_page.max(1);
    let header = header.clone().fit(limits::MESSAGE_EMBED_TOTAL / 2);
    let intro = if header.description.is_empty() {
        String::new()
    } else {
        format!("{}\n\n", header.description)
    };
    let budget = (limits::MESSAGE_EMBED_TOTAL - PAGE_MARKER_ROOM)
        .saturating_sub(header.size() - length(&header.description))
        .min(limits::DESCRIPTION)
        .saturating_sub(length(&intro));
    let line_budget = (budget / 2).max(64);
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut current_size = 0;
    for line in lines {
        let line = limits::trim(&line, line_budget);
        let size = length(&line) + 1;
        if !current.is_empty() && (current.len() == per_page || current_size + size > budget) {
            groups.push(std::mem::take(&mut current));
            current_size = 0;
        }
        current_size += size;
        current.push(line);
    }
    if !current.is_empty() || groups.is_empty() {
        groups.push(current);
    }
    number(
        groups
            .into_iter()
            .map(|lines| EmbedSpec {
                description: format!("{intro}{}", lines.join("\n")).trim_end().to_owned(),
                ..header.clone()
            })
            .collect(),
    )
}

/// `text` cut into pieces of at most `max` at word boundaries (inside a word only when one word
/// is longer than `max`), with nothing lost and no backslash escape split between two pieces.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let max = max.max(8);
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while length(rest) > max {
        let mut used = 0;
        let mut hard_cut = 0;
        let mut word_cut = None;
        for (index, character) in rest.char_indices() {
            if used + character.len_utf16() > max {
                break;
            }
            if character.is_whitespace() {
                word_cut = Some(index);
            }
            used += character.len_utf16();
            hard_cut = index + character.len_utf8();
        }
        let mut cut = match word_cut {
            Some(at) if at * 2 >= hard_cut => at,
            _ => hard_cut,
        };
        let backslashes = rest[..cut].chars().rev().take_while(|&c| c == '\\').count();
        if backslashes % 2 == 1 {
            cut -= 1;
        }
        pieces.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest.to_owned());
    }
    pieces
}

/// A field with its name and value inside their limits.
fn fit_field(mut field: FieldSpec) -> FieldSpec {
    field.name = limits::non_empty(limits::trim_owned(field.name, limits::FIELD_NAME));
    field.value = limits::non_empty(limits::trim_owned(field.value, limits::FIELD_VALUE));
    field
}

/// Adds "Page x/y" to each footer when there is more than one page, then fits every page.
pub fn number(embeds: Vec<EmbedSpec>) -> Vec<Page> {
    let total = embeds.len();
    embeds
        .into_iter()
        .enumerate()
        .map(|(index, mut embed)| {
            if total > 1 {
                let marker = format!("Page {}/{total}", index + 1);
                embed.footer = Some(match embed.footer.take() {
                    Some(footer) => format!("{marker} · {footer}"),
                    None => marker,
                });
            }
            Page::embed(embed).fit()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> EmbedSpec {
        EmbedSpec {
            title: "Timeline".to_owned(),
            description: "Everything the report dates.".to_owned(),
            footer: Some("Source: the report".to_owned()),
            ..EmbedSpec::default()
        }
    }

    #[test]
    fn fields_are_split_and_numbered() {
        let items = (0..23)
            .map(|i| FieldSpec::new(format!("n{i}"), "v"))
            .collect();
        let pages = paginate_fields(&header(), items, 10);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].embeds[0].fields.len(), 10);
        assert_eq!(pages[2].embeds[0].fields.len(), 3);
        assert_eq!(
            pages[1].embeds[0].footer.as_deref(),
            Some("Page 2/3 · Source: the report")
        );
    }

    #[test]
    fn one_page_carries_no_page_marker() {
        let pages = paginate_fields(&header(), vec![FieldSpec::new("a", "b")], 10);
        assert_eq!(pages.len(), 1);
        assert_eq!(
            pages[0].embeds[0].footer.as_deref(),
            Some("Source: the report")
        );
    }

    #[test]
    fn big_fields_start_a_new_page_before_six_thousand() {
        let items = (0..30)
            .map(|i| FieldSpec::new(format!("n{i}"), "word ".repeat(400)))
            .collect();
        let pages = paginate_fields(&header(), items, 10);
        assert!(pages.len() >= 6, "{} pages", pages.len());
        assert!(pages.iter().all(Page::within_limits));
        let shown: usize = pages.iter().map(|p| p.embeds[0].fields.len()).sum();
        assert_eq!(shown, 30, "no item is lost between pages");
    }

    #[test]
    fn lines_fill_descriptions_within_limits() {
        let lines = (0..500)
            .map(|i| format!("**term {i}** — {}", "x ".repeat(60)))
            .collect();
        let pages = paginate_lines(&header(), lines, 20);
        assert_eq!(pages.len(), 25);
        assert!(pages.iter().all(Page::within_limits));
        assert!(pages[0].embeds[0]
            .description
            .starts_with("Everything the report dates.\n\n"));
    }

    #[test]
    fn split_text_loses_nothing_and_respects_the_size() {
        let text = "alpha beta gamma ".repeat(700);
        let pieces = split_text(&text, 1000);
        assert!(pieces.len() >= 12);
        assert!(pieces.iter().all(|piece| length(piece) <= 1000));
        assert_eq!(pieces.join(" "), text.trim());
        let escaped = format!("{}\\*{}", "a".repeat(9), "b".repeat(30));
        let pieces = split_text(&escaped, 10);
        assert!(
            pieces.iter().all(|piece| !piece.ends_with('\\')),
            "{pieces:?}"
        );
        assert_eq!(pieces.concat(), escaped);
    }

    #[test]
    fn nothing_to_list_still_gives_one_page() {
        assert_eq!(paginate_lines(&header(), Vec::new(), 20).len(), 1);
        assert_eq!(paginate_fields(&header(), Vec::new(), 10).len(), 1);
    }
}
