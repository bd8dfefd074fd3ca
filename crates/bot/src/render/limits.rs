//! Discord's size limits and the word-boundary trimming that keeps text inside them.

/// Embed title.
pub const TITLE: usize = 256;
/// Embed description.
pub const DESCRIPTION: usize = 4096;
/// Fields per embed.
pub const FIELDS: usize = 25;
/// Field name.
pub const FIELD_NAME: usize = 256;
/// Field value.
pub const FIELD_VALUE: usize = 1024;
/// Embed footer text.
pub const FOOTER: usize = 2048;
/// Embed author name.
pub const AUTHOR: usize = 256;
/// Characters across every embed of one message.
pub const MESSAGE_EMBED_TOTAL: usize = 6000;
/// Embeds per message.
pub const EMBEDS_PER_MESSAGE: usize = 10;
/// Message content.
pub const CONTENT: usize = 2000;
/// A component's custom id.
pub const CUSTOM_ID: usize = 100;
/// A button's label.
pub const BUTTON_LABEL: usize = 80;
/// Autocomplete choices per response.
pub const CHOICES: usize = 25;
/// An autocomplete choice's name and its string value.
pub const CHOICE_TEXT: usize = 100;

/// The ellipsis appended to trimmed text.
pub const ELLIPSIS: &str = "…";

/// Length as Discord may count it: UTF-16 code units, which is never less than the number of
/// characters, so staying under it stays under either way of counting.
pub fn length(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    // One unit per character (every byte but UTF-8's continuation bytes), and a second for
    // characters beyond the Basic Multilingual Plane (those of four bytes).
    text.bytes()
        .map(|byte| usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0))
        .sum()
}

/// `text` unchanged when it fits in `max`, otherwise cut at the last word boundary (or, for
/// one very long word, inside it) with "…" appended, the result fitting in `max`.
///
/// A cut never leaves half of a backslash escape behind.
pub fn trim(text: &str, max: usize) -> String {
    // No character takes more UTF-16 units than UTF-8 bytes, so short text needs no count.
    if text.len() <= max || length(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let budget = max - length(ELLIPSIS);
    let mut used = 0;
    let mut hard_cut = 0;
    let mut word_cut = None;
    for (index, character) in text.char_indices() {
        let width = character.len_utf16();
        if used + width > budget {
            break;
        }
        if character.is_whitespace() {
            word_cut = Some(index);
        }
        used += width;
        hard_cut = index + character.len_utf8();
    }
    // Prefer the word boundary unless it throws away more than half of what fits.
    let cut = match word_cut {
        Some(at) if at * 2 >= hard_cut => at,
        _ => hard_cut,
    };
    let mut kept = text[..cut].trim_end().to_owned();
    while kept.ends_with([',', ';', ':', '—', '–', '-']) {
        kept.pop();
        kept.truncate(kept.trim_end().len());
    }
    let trailing_backslashes = kept.chars().rev().take_while(|&c| c == '\\').count();
    if trailing_backslashes % 2 == 1 {
        kept.pop();
    }
    kept.push_str(ELLIPSIS);
    kept
}

/// [`trim`] for text already owned: returned as it is, without a copy, when it fits.
pub fn trim_owned(text: String, max: usize) -> String {
    if text.len() <= max || length(&text) <= max {
        text
    } else {
        trim(&text, max)
    }
}

/// Text that Discord accepts where a non-empty value is required (field names and values).
pub fn non_empty(text: String) -> String {
    if text.trim().is_empty() {
        "\u{200B}".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched() {
        assert_eq!(
            trim("Korean Central News Agency", 100),
            "Korean Central News Agency"
        );
    }

    #[test]
    fn long_text_is_cut_at_a_word_with_an_ellipsis() {
        let trimmed = trim("The agency confirmed the deployment on 28 April", 30);
        assert_eq!(trimmed, "The agency confirmed the…");
        assert!(length(&trimmed) <= 30);
    }

    #[test]
    fn one_long_word_is_cut_inside_it() {
        let trimmed = trim(&"x".repeat(500), 100);
        assert_eq!(length(&trimmed), 100);
        assert!(trimmed.ends_with('…'));
    }

    #[test]
    fn length_counts_utf16_units_as_discord_does() {
        for text in [
            "",
            "KCNA",
            "Kim Jong Un’s statement",
            "Курск — 28 апреля",
            "조선중앙통신",
            "🚀 launch 🚀",
            "a\u{0}b\u{10FFFF}é",
        ] {
            assert_eq!(length(text), text.encode_utf16().count(), "{text:?}");
        }
    }

    #[test]
    fn wide_characters_count_as_discord_counts_them() {
        let emoji = "🚀".repeat(200);
        let trimmed = trim(&emoji, 101);
        assert!(length(&trimmed) <= 101);
        assert!(trimmed.ends_with('…'));
    }

    #[test]
    fn a_cut_never_splits_an_escape() {
        let text = format!("{}\\*{}", "a".repeat(8), "b".repeat(50));
        let trimmed = trim(&text, 10);
        assert!(!trimmed.trim_end_matches('…').ends_with('\\'), "{trimmed}");
    }

    #[test]
    fn a_trailing_comma_is_not_left_before_the_ellipsis() {
        assert_eq!(
            trim("Russia, North Korea, Ukraine and others", 22),
            "Russia, North Korea…"
        );
    }
}
