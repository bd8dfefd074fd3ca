//! Text folding: the one matching key every lookup, filter and search compares on.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Characters dropped without leaving a gap: they join the parts of one word
/// ("U.N." is "UN", "Pyongyang’s" is "Pyongyangs", "11,000" is "11000").
fn is_joining_punctuation(character: char) -> bool {
    matches!(
        character,
        '.' | ',' | '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '\u{00AD}'
    )
}

/// The matching key of `text`: compatibility-decomposed (NFKD), diacritics dropped, lowercased,
/// punctuation inside words removed, and every other run of spaces or punctuation turned into a
/// single space, trimmed.
///
/// ```
/// use dossier_core::fold;
///
/// assert_eq!(fold("U.N. Charter"), "un charter");
/// assert_eq!(fold("UN  Charter"), "un charter");
/// assert_eq!(fold("Pyongyang’s"), "pyongyangs");
/// assert_eq!(fold("Kursk—Région"), "kursk region");
/// ```
pub fn fold(text: &str) -> String {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        pending_space: false,
    };
    // Decomposition leaves ASCII as it is, and an ASCII character is a starter that canonical
    // reordering never moves anything across, so only the runs of other characters need it.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|byte| !byte.is_ascii())
            .unwrap_or(rest.len());
        for byte in rest[..ascii].bytes() {
            folded.push(char::from(byte));
        }
        rest = &rest[ascii..];
        let other = rest
            .char_indices()
            .find(|(_, character)| character.is_ascii())
            .map_or(rest.len(), |(index, _)| index);
        for character in rest[..other].nfkd() {
            folded.push(character);
        }
        rest = &rest[other..];
    }
    folded.text
}

/// The matching key as it is built, one decomposed character at a time.
struct Folded {
    text: String,
    pending_space: bool,
}

impl Folded {
    fn push(&mut self, character: char) {
        if is_joining_punctuation(character)
            || !character.is_ascii() && is_combining_mark(character)
        {
            return;
        }
        if !character.is_alphanumeric() {
            self.pending_space = true;
            return;
        }
        if self.pending_space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.pending_space = false;
        if character.is_ascii() {
            self.text.push(character.to_ascii_lowercase());
        } else {
            self.text.extend(character.to_lowercase());
        }
    }
}

/// The words of the folded `text`.
pub fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `text` cut to at most `max_chars` characters at a word boundary, with "…" when cut.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(boundary) if boundary > 0 => &cut[..boundary],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        kept.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key as the whole text decomposed at once gives it.
    fn folded_whole(text: &str) -> String {
        let mut folded = Folded {
            text: String::new(),
            pending_space: false,
        };
        for character in text.nfkd() {
            folded.push(character);
        }
        folded.text
    }

    #[test]
    fn folding_by_runs_gives_the_whole_texts_key() {
        // Accents precomposed and combining (in the order canonical reordering changes),
        // compatibility forms, Hangul, joining punctuation and dashes, mixed with ASCII.
        let pieces = [
            "a",
            "K",
            "7",
            " ",
            ".",
            "’",
            "é",
            "e\u{301}",
            "\u{301}",
            "o\u{328}\u{301}",
            "o\u{301}\u{328}",
            "ﬁ",
            "Ｋ",
            "한",
            "ᄒ",
            "–",
            "Ⅻ",
            "ß",
            "İ",
            "\u{AD}",
            "…",
            "x",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5_000 {
            let mut text = String::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            state = state.wrapping_add(1);
            assert_eq!(fold(&text), folded_whole(&text), "{text:?}");
        }
    }

    #[test]
    fn punctuation_and_case_do_not_matter() {
        assert_eq!(fold("U.N. Charter"), "un charter");
        assert_eq!(fold("UN Charter"), "un charter");
        assert_eq!(fold("un charter"), "un charter");
        assert_eq!(fold("Kursk  Region"), "kursk region");
        assert_eq!(fold("  Kursk-Region! "), "kursk region");
        assert_eq!(fold("Pyongyang’s"), "pyongyangs");
        assert_eq!(fold("Pyongyang's"), "pyongyangs");
        assert_eq!(fold("11, 000"), "11 000");
        assert_eq!(fold("11,000"), "11000");
    }

    #[test]
    fn diacritics_and_compatibility_forms_fold() {
        assert_eq!(fold("Région de Koursk"), "region de koursk");
        assert_eq!(fold("Zelenskyy"), fold("ZELENSKYY"));
        assert_eq!(fold("ＫＣＮＡ"), "kcna");
        assert_eq!(fold("Straße"), "straße");
    }

    #[test]
    fn nothing_but_punctuation_folds_to_empty() {
        assert_eq!(fold(" .,;— "), "");
        assert!(folded_words("...").is_empty());
        assert_eq!(folded_words("Kim Jong-Un"), ["kim", "jong", "un"]);
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(
            truncate_words("North Korea confirmed the deployment", 20),
            "North Korea…"
        );
        assert!(truncate_words(&"word ".repeat(100), 50).chars().count() <= 50);
    }
}
