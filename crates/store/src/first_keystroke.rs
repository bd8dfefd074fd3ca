//! Autocomplete choices for one typed character, kept in memory per imported dossier. Every
//! user's first keystroke asks one of a few dozen such questions, and on a large glossary each
//! is the dearest prefix to answer (a fifth of 100,000 names start with "k"); a dossier never
//! changes under its content hash, so the answer is computed once per imported dossier.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::complete::Choice;
use crate::names::NameKind;

/// Most one-character questions kept: letters and digits of a few scripts. Past it, more are
/// answered from the database without being kept, so odd characters cannot grow the map.
const MOST_KEPT: usize = 256;

/// What autocomplete was asked: which names, and the one character typed, as typed.
type Question = (NameKind, String);

/// The answers about one dossier, under its content hash.
type Answers = (String, HashMap<Question, Vec<Choice>>);

/// The choices for one-character questions about the dossier with one content hash.
#[derive(Debug, Default)]
pub(crate) struct FirstKeystrokes {
    kept: Mutex<Option<Answers>>,
}

impl FirstKeystrokes {
    /// True when `typed` is a question kept here: one character.
    pub(crate) fn applies_to(typed: &str) -> bool {
        typed.chars().count() == 1
    }

    /// The choices kept for `typed` about the dossier with content hash `hash`.
    pub(crate) fn get(&self, hash: &str, kind: NameKind, typed: &str) -> Option<Vec<Choice>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let (kept_hash, answers) = kept.as_ref()?;
        if kept_hash != hash {
            return None;
        }
        answers.get(&(kind, typed.to_owned())).cloned()
    }

    /// Keeps `choices` for `typed` about the dossier with content hash `hash`, letting go of
    /// every answer about another dossier.
    pub(crate) fn keep(&self, hash: &str, kind: NameKind, typed: &str, choices: &[Choice]) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        let answers = match kept.as_mut() {
            Some((kept_hash, answers)) if kept_hash == hash => answers,
            _ => &mut kept.insert((hash.to_owned(), HashMap::new())).1,
        };
        if answers.len() < MOST_KEPT {
            answers.insert((kind, typed.to_owned()), choices.to_vec());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(value: &str) -> Vec<Choice> {
        vec![Choice {
            value: value.to_owned(),
            label: value.to_owned(),
        }]
    }

    #[test]
    fn answers_are_kept_per_dossier_and_per_question() {
        let kept = FirstKeystrokes::default();
        kept.keep("one", NameKind::Term, "k", &choice("kcna"));
        assert_eq!(kept.get("one", NameKind::Term, "k"), Some(choice("kcna")));
        assert_eq!(kept.get("one", NameKind::Actor, "k"), None);
        assert_eq!(kept.get("one", NameKind::Term, "K"), None);
        assert_eq!(kept.get("two", NameKind::Term, "k"), None);
        kept.keep("two", NameKind::Term, "n", &choice("nis"));
        assert_eq!(
            kept.get("one", NameKind::Term, "k"),
            None,
            "another dossier's answers are let go"
        );
        assert_eq!(kept.get("two", NameKind::Term, "n"), Some(choice("nis")));
    }

    #[test]
    fn odd_characters_cannot_grow_the_map_past_its_bound() {
        let kept = FirstKeystrokes::default();
        for code in 0x4E00..0x4E00 + 1000 {
            let typed = char::from_u32(code).map(String::from).unwrap_or_default();
            kept.keep("one", NameKind::Term, &typed, &choice("x"));
        }
        let held = kept
            .kept
            .lock()
            .map(|kept| kept.as_ref().map_or(0, |(_, answers)| answers.len()))
            .unwrap_or(0);
        assert_eq!(held, MOST_KEPT);
        assert!(FirstKeystrokes::applies_to("k"));
        assert!(!FirstKeystrokes::applies_to("kc"));
        assert!(!FirstKeystrokes::applies_to(""));
    }
}
