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
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for character in text.nfkd() {
        if is_combining_mark(character) || is_joining_punctuation(character) {
            continue;
        }
        if character.is_alphanumeric() {
            if pending_space && !folded.is_empty() {
                folded.push(' ');
            }
            pending_space = false;
            folded.extend(character.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    folded
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
