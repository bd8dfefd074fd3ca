//! Making user and data text inert: Markdown escaped and mentions broken so nothing pings.

/// A zero-width space: placed after `@` so `@everyone`, `@here`, `<@id>` and `<@&id>` are no
/// longer mentions, while still reading the same.
const ZERO_WIDTH_SPACE: char = '\u{200B}';

/// Characters Discord's Markdown gives meaning to anywhere in a line.
const MARKDOWN_ANYWHERE: [char; 9] = ['\\', '*', '_', '~', '`', '|', '#', '[', ']'];

/// Text from the dossier or from a user, made safe to show: Markdown characters escaped, list
/// and quote markers at the start of a line escaped, and every `@` followed by a zero-width
/// space.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    let mut at_line_start = true;
    // Text between special characters is copied in one piece.
    let mut plain_from = 0;
    for (index, character) in text.char_indices() {
        let marker = at_line_start && matches!(character, '-' | '+' | '>');
        if marker || character == '@' || MARKDOWN_ANYWHERE.contains(&character) {
            escaped.push_str(&text[plain_from..index]);
            if character == '@' {
                escaped.push('@');
                escaped.push(ZERO_WIDTH_SPACE);
            } else {
                escaped.push('\\');
                escaped.push(character);
            }
            plain_from = index + character.len_utf8();
        }
        at_line_start = character == '\n' || (at_line_start && character == ' ');
    }
    escaped.push_str(&text[plain_from..]);
    escaped
}

/// Text meant for an autocomplete choice or a button label, where Markdown is not rendered:
/// only mentions are broken and newlines flattened.
pub fn neutralise(text: &str) -> String {
    let mut neutral = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '@' => {
                neutral.push('@');
                neutral.push(ZERO_WIDTH_SPACE);
            }
            '\n' | '\r' | '\t' => neutral.push(' '),
            character => neutral.push(character),
        }
    }
    neutral
}

/// True when `text` still holds something Discord would treat as a mention: `@everyone`,
/// `@here`, or `<@id>`, `<@!id>`, `<@&id>`.
pub fn contains_mention(text: &str) -> bool {
    if text.contains("@everyone") || text.contains("@here") {
        return true;
    }
    text.match_indices("<@").any(|(index, _)| {
        let rest = &text[index + 2..];
        let rest = rest.strip_prefix(['!', '&']).unwrap_or(rest);
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with('>')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_no_longer_parse() {
        let hostile = "@everyone @here <@123> <@!456> <@&789>";
        let escaped = escape(hostile);
        assert!(!contains_mention(&escaped), "{escaped:?}");
        assert!(!contains_mention(&neutralise(hostile)));
        // Still reads the same once the invisible spaces are removed.
        assert_eq!(escaped.replace(ZERO_WIDTH_SPACE, ""), hostile);
    }

    #[test]
    fn mention_detection_knows_every_form() {
        for mention in ["@everyone", "@here", "<@1>", "<@!22>", "<@&333>"] {
            assert!(contains_mention(&format!("hi {mention}!")), "{mention}");
        }
        assert!(!contains_mention("<@> <@x> mail@example.org"));
    }

    #[test]
    fn markdown_is_shown_literally() {
        assert_eq!(
            escape("**bold** _it_ `code`"),
            "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(escape("||spoiler||"), "\\|\\|spoiler\\|\\|");
        assert_eq!(escape("[link](http://x)"), "\\[link\\](http://x)");
        assert_eq!(escape("> quote\n# heading"), "\\> quote\n\\# heading");
    }

    #[test]
    fn list_markers_are_escaped_only_at_line_start() {
        assert_eq!(escape("- item\n  + other"), "\\- item\n  \\+ other");
        assert_eq!(escape("Kim Jong-un 10-14"), "Kim Jong-un 10-14");
    }

    #[test]
    fn ordinary_prose_is_unchanged() {
        let prose = "The KCNA confirmed the deployment on 28 April 2025 (U.S. estimate: 11,000).";
        assert_eq!(escape(prose), prose);
    }

    #[test]
    fn choices_are_flattened_to_one_line() {
        assert_eq!(neutralise("two\nlines"), "two lines");
    }
}
