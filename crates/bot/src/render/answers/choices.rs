//! Autocomplete choices, at most 25 of at most 100 characters, with mentions broken.

use serde::Serialize;

use crate::render::escape::neutralise;
use crate::render::limits;

/// One autocomplete choice, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChoiceSpec {
    /// What the user sees.
    pub name: String,
    /// What the option is filled with.
    pub value: String,
}

/// Choices from `(label, value)` pairs: labels trimmed to 100, values that would not fit left
/// out (a trimmed value would name nothing), duplicates dropped, at most 25.
pub fn choices(candidates: impl IntoIterator<Item = (String, String)>) -> Vec<ChoiceSpec> {
    let mut chosen: Vec<ChoiceSpec> = Vec::new();
    for (label, value) in candidates {
        if chosen.len() == limits::CHOICES {
            break;
        }
        if value.is_empty()
            || limits::length(&value) > limits::CHOICE_TEXT
            || chosen.iter().any(|choice| choice.value == value)
        {
            continue;
        }
        let name = limits::trim(neutralise(&label).trim(), limits::CHOICE_TEXT);
        let name = if name.is_empty() { value.clone() } else { name };
        chosen.push(ChoiceSpec { name, value });
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_twenty_five_choices_of_at_most_a_hundred_characters() {
        let candidates =
            (0..60).map(|i| (format!("{i} {}", "long label ".repeat(20)), format!("v{i}")));
        let chosen = choices(candidates);
        assert_eq!(chosen.len(), 25);
        assert!(chosen
            .iter()
            .all(|c| limits::length(&c.name) <= 100 && c.name.ends_with('…')));
    }

    #[test]
    fn values_too_long_to_send_are_left_out_not_cut() {
        let chosen = choices([
            ("fine".to_owned(), "kcna".to_owned()),
            ("too long".to_owned(), "x".repeat(101)),
            ("again".to_owned(), "kcna".to_owned()),
        ]);
        assert_eq!(
            chosen,
            vec![ChoiceSpec {
                name: "fine".to_owned(),
                value: "kcna".to_owned()
            }]
        );
    }

    #[test]
    fn labels_cannot_mention_anyone() {
        let chosen = choices([("@everyone <@&1>".to_owned(), "x".to_owned())]);
        assert!(!crate::render::escape::contains_mention(&chosen[0].name));
    }
}
