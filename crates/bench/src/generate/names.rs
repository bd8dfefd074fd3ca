//! Names that stay unambiguous: core refuses a folded name given to two records of one kind,
//! so every generated name and alias is checked against those already handed out.

use std::collections::HashSet;

use dossier_core::fold;

/// The folded names already given to records of one kind.
#[derive(Debug, Default)]
pub(crate) struct NameRegistry {
    taken: HashSet<String>,
}

impl NameRegistry {
    /// Claims every name of one record at once: true (and all are taken) when none of them
    /// folds to a name of another record; names repeating each other within the record are
    /// fine, as core allows.
    pub(crate) fn claim_all(&mut self, names: &[&str]) -> bool {
        let folded: HashSet<String> = names.iter().map(|name| fold(name)).collect();
        if folded
            .iter()
            .any(|name| name.is_empty() || self.taken.contains(name))
        {
            return false;
        }
        self.taken.extend(folded);
        true
    }

    /// Claims one more name for a record whose other names are already taken: false when it
    /// belongs to another record (or is already one of this record's names).
    pub(crate) fn claim_extra(&mut self, name: &str) -> bool {
        let folded = fold(name);
        !folded.is_empty() && self.taken.insert(folded)
    }
}

/// The id slug of `text`: folded, words joined by '-', only `[a-z0-9-]`, at most `max` bytes.
pub(crate) fn slug(text: &str, max: usize) -> String {
    let mut slug = String::with_capacity(text.len());
    for character in fold(text).chars() {
        if character.is_ascii_lowercase() || character.is_ascii_digit() {
            slug.push(character);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.truncate(max);
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// The initials of the capitalised words of `name`, e.g. "Joint Brayonsk Command" → "JBC".
pub(crate) fn acronym(name: &str) -> String {
    name.split([' ', '-', '–'])
        .filter_map(|word| word.chars().next())
        .filter(|initial| initial.is_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_refused_once_another_record_holds_its_folded_form() {
        let mut registry = NameRegistry::default();
        assert!(registry.claim_all(&["U.N. Charter", "UN Charter"]));
        assert!(!registry.claim_all(&["un charter"]));
        assert!(!registry.claim_extra("UN  charter"));
        assert!(registry.claim_extra("Charter of the United Nations"));
    }

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("Russia–Brayonsk Treaty", 64), "russia-brayonsk-treaty");
        assert_eq!(slug("Kursk (2024)", 6), "kursk");
        assert_eq!(acronym("Joint Brayonsk Supply Route"), "JBSR");
    }
}
