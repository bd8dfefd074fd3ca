//! Plain-data messages (`Page`, `EmbedSpec`) and the fitting that puts them inside Discord's limits.

use std::mem;

use serde::{Deserialize, Serialize};

use crate::render::limits::{self, length, non_empty, trim, trim_owned};

/// One embed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSpec {
    /// Bold heading of the field.
    pub name: String,
    /// Body of the field.
    pub value: String,
    /// Whether Discord may place it beside its neighbours.
    pub inline: bool,
}

impl FieldSpec {
    /// A field on its own line.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            inline: false,
        }
    }

    /// A field Discord may lay out in columns.
    pub fn inline(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            inline: true,
            ..Self::new(name, value)
        }
    }

    /// Characters this field counts towards the 6000 per message.
    pub fn size(&self) -> usize {
        length(&self.name) + length(&self.value)
    }
}

/// One embed, as plain data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedSpec {
    /// Title line.
    pub title: String,
    /// Link for the title, when the answer has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Small line above the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Body text (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Fields, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldSpec>,
    /// Small line at the bottom: the citation and the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footer: Option<String>,
    /// Side colour, as 0xRRGGBB.
    pub colour: u32,
}

impl EmbedSpec {
    /// Characters this embed counts towards the 6000 per message.
    pub fn size(&self) -> usize {
        length(&self.title)
            + length(&self.description)
            + self.author.as_deref().map_or(0, length)
            + self.footer.as_deref().map_or(0, length)
            + self.fields.iter().map(FieldSpec::size).sum::<usize>()
    }

    /// The embed with every part inside its own limit, at most 25 fields, and no more than
    /// `budget` characters in all (the description shrinks first, then fields go from the end).
    pub fn fit(mut self, budget: usize) -> Self {
        self.title = if self.title.trim().len() == self.title.len() {
            trim_owned(self.title, limits::TITLE)
        } else {
            trim(self.title.trim(), limits::TITLE)
        };
        if self.title.is_empty() {
            self.title = "Dossier".to_owned();
        }
        self.description = trim_owned(self.description, limits::DESCRIPTION);
        self.author = self.author.map(|author| trim_owned(author, limits::AUTHOR));
        self.footer = self.footer.map(|footer| trim_owned(footer, limits::FOOTER));
        self.url = self.url.filter(|url| is_embed_url(url));
        if self.fields.len() > limits::FIELDS {
            let dropped = self.fields.len() - (limits::FIELDS - 1);
            self.fields.truncate(limits::FIELDS - 1);
            self.fields.push(FieldSpec::new(
                "More",
                format!("…and {dropped} more not shown."),
            ));
        }
        for field in &mut self.fields {
            field.name = non_empty(trim_owned(mem::take(&mut field.name), limits::FIELD_NAME));
            field.value = non_empty(trim_owned(mem::take(&mut field.value), limits::FIELD_VALUE));
        }
        let size = self.size();
        if size <= budget {
            return self;
        }
        let others = size - length(&self.description);
        let room = budget.saturating_sub(others);
        self.description = trim_owned(mem::take(&mut self.description), room);
        let mut size = self.size();
        while size > budget {
            let Some(last) = self.fields.pop() else {
                break;
            };
            size -= last.size();
        }
        if size > budget {
            self.footer = None;
            self.author = None;
            let room = budget.saturating_sub(self.size() - length(&self.title));
            self.title = trim(&self.title, room.max(1));
        }
        self
    }
}

/// A URL Discord accepts for an embed link.
fn is_embed_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 2048
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// One message: optional content and up to ten embeds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Plain text above the embeds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The embeds.
    pub embeds: Vec<EmbedSpec>,
}

impl Page {
    /// A message holding one embed.
    pub fn embed(embed: EmbedSpec) -> Self {
        Self {
            content: None,
            embeds: vec![embed],
        }
    }

    /// Characters across the embeds of this message.
    pub fn embed_size(&self) -> usize {
        self.embeds.iter().map(EmbedSpec::size).sum()
    }

    /// The message inside every limit: content trimmed to 2000, at most ten embeds, each fitted,
    /// and 6000 characters across them all.
    pub fn fit(mut self) -> Self {
        self.content = self
            .content
            .map(|content| trim_owned(content, limits::CONTENT))
            .filter(|content| !content.is_empty());
        self.embeds.truncate(limits::EMBEDS_PER_MESSAGE);
        let mut remaining = limits::MESSAGE_EMBED_TOTAL;
        let mut fitted = Vec::with_capacity(self.embeds.len());
        for embed in self.embeds {
            if remaining < 64 {
                break;
            }
            let embed = embed.fit(remaining);
            remaining -= embed.size();
            fitted.push(embed);
        }
        self.embeds = fitted;
        self
    }

    /// True when the message is inside every limit Discord checks.
    pub fn within_limits(&self) -> bool {
        self.content
            .as_deref()
            .is_none_or(|content| length(content) <= limits::CONTENT)
            && self.embeds.len() <= limits::EMBEDS_PER_MESSAGE
            && self.embed_size() <= limits::MESSAGE_EMBED_TOTAL
            && self.embeds.iter().all(|embed| {
                length(&embed.title) <= limits::TITLE
                    && length(&embed.description) <= limits::DESCRIPTION
                    && embed.fields.len() <= limits::FIELDS
                    && embed
                        .author
                        .as_deref()
                        .is_none_or(|a| length(a) <= limits::AUTHOR)
                    && embed
                        .footer
                        .as_deref()
                        .is_none_or(|f| length(f) <= limits::FOOTER)
                    && embed.fields.iter().all(|field| {
                        (1..=limits::FIELD_NAME).contains(&length(&field.name))
                            && (1..=limits::FIELD_VALUE).contains(&length(&field.value))
                    })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn huge_embed() -> EmbedSpec {
        EmbedSpec {
            title: "T ".repeat(300),
            url: Some("javascript:alert(1)".to_owned()),
            author: Some("A ".repeat(300)),
            description: "word ".repeat(2000),
            fields: (0..40)
                .map(|index| FieldSpec::new(format!("field {index} ").repeat(40), "v ".repeat(900)))
                .collect(),
            footer: Some("F ".repeat(1500)),
            colour: 0,
        }
    }

    #[test]
    fn an_oversized_embed_is_brought_inside_every_limit() {
        let page = Page::embed(huge_embed()).fit();
        assert!(page.within_limits(), "{} chars", page.embed_size());
        let embed = &page.embeds[0];
        assert!(embed.title.ends_with('…'));
        assert_eq!(embed.url, None, "a non-http link is dropped");
    }

    #[test]
    fn forty_fields_become_twenty_five_with_a_note() {
        let embed = EmbedSpec {
            title: "Many".to_owned(),
            fields: (0..40)
                .map(|i| FieldSpec::new(format!("n{i}"), "v"))
                .collect(),
            ..EmbedSpec::default()
        }
        .fit(limits::MESSAGE_EMBED_TOTAL);
        assert_eq!(embed.fields.len(), 25);
        assert_eq!(embed.fields[24].value, "…and 16 more not shown.");
    }

    #[test]
    fn empty_field_text_is_replaced_so_discord_accepts_it() {
        let embed = EmbedSpec {
            title: String::new(),
            fields: vec![FieldSpec::new("", "  ")],
            ..EmbedSpec::default()
        }
        .fit(limits::MESSAGE_EMBED_TOTAL);
        assert_eq!(embed.title, "Dossier");
        assert!(Page::embed(embed).within_limits());
    }

    #[test]
    fn ten_full_embeds_share_six_thousand() {
        let page = Page {
            content: Some("c".repeat(5000)),
            embeds: vec![huge_embed(); 12],
        }
        .fit();
        assert!(page.within_limits());
        assert!(page.embeds.len() <= 10);
    }
}
