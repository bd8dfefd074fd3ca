//! Names of a held kind starting with typed text, shortest first, as the prefix and later-word
//! stages read them from the tables' index by length.

use std::collections::HashSet;

use super::HeldKind;
use crate::shortest::{cut_among_last_ties, KeyStart};

/// Keys starting with the typed text beyond which the tables are read instead: their index
/// lists a common start by length, so it reads only the first few, while memory would put
/// every one in order.
const MOST_KEYS_ORDERED: usize = 20_000;

impl HeldKind {
    /// The records, not `known`, with a name whose key of `start` starts with `folded`, in
    /// core's order for one kind of match, as `shortest::records_starting_with` reads them:
    /// shortest whole name first, the first `needed` and every one tied with the last of them
    /// (cut by folded display name, unless they are as long as the text). `None` when too many
    /// keys start with `folded` to put in order here.
    pub(crate) fn records_starting_with(
        &self,
        start: KeyStart,
        folded: &str,
        needed: usize,
        known: &HashSet<String>,
    ) -> Option<Vec<String>> {
        if self.keys.count_starting_with(folded) > MOST_KEYS_ORDERED {
            return None;
        }
        let whole = start == KeyStart::WholeName;
        // (length of the whole folded label, entry), entries being in id order.
        let mut keys: Vec<(usize, usize)> = self
            .keys
            .labels_starting_with(folded)
            .filter(|(_, _, is_whole)| *is_whole == whole)
            .map(|(entry, label, _)| (label.chars().count(), entry))
            .collect();
        keys.sort_unstable();
        let mut seen: HashSet<usize> = HashSet::new();
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (length, entry) in keys {
            if found.len() >= needed && found.last().is_some_and(|(last, _)| *last != length) {
                break;
            }
            if !known.contains(self.names.id(entry)) && seen.insert(entry) {
                found.push((length, entry));
            }
        }
        let typed_length = folded.chars().count();
        // Among names of the last length, core's order is the folded display name's (the
        // tables keep it as a name rank); names as long as the text are left to core.
        let last_length = needed
            .checked_sub(1)
            .and_then(|last| found.get(last))
            .map(|(length, _)| *length);
        if last_length != Some(typed_length) {
            let display_name = |&(_, entry): &(usize, usize)| {
                self.keys.folded_labels(entry).next().unwrap_or_default()
            };
            cut_among_last_ties(&mut found, needed, |&(length, _)| length, display_name);
        }
        Some(
            found
                .into_iter()
                .map(|(_, entry)| self.names.id(entry).to_owned())
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::held::{HeldKeys, HeldNames, HeldWords};
    use crate::names::StoredEntry;

    fn held(entries: &[(&str, &str)]) -> HeldKind {
        let entries: Vec<StoredEntry> = entries
            .iter()
            .map(|(id, names)| {
                let mut names = names.split('|').map(str::to_owned);
                StoredEntry {
                    id: (*id).to_owned(),
                    name: names.next().unwrap_or_default(),
                    aliases: names.collect(),
                }
            })
            .collect();
        let names = HeldNames::from_entries(&entries).expect("names");
        HeldKind {
            words: HeldWords::default(),
            keys: HeldKeys::new(&names).expect("keys"),
            names,
        }
    }

    fn sorted(found: Option<Vec<String>>) -> Vec<String> {
        let mut found = found.expect("few keys");
        found.sort();
        found
    }

    #[test]
    fn shortest_names_first_cut_among_ties_by_display_name() {
        let held = held(&[
            ("p", "Kurs"),
            ("q", "Kursk"),
            ("r", "Kursa"),
            ("s", "Kursz"),
            ("t", "KURSA"),
            ("u", "North Kursk"),
            ("v", "Zeta|Kurs"),
        ]);
        let none = HashSet::new();
        let whole =
            |needed, known| held.records_starting_with(KeyStart::WholeName, "kur", needed, known);
        // "p" is shortest; of the four as long as the second, "Kursa" comes first by name and
        // both records named so come.
        assert_eq!(sorted(whole(3, &none)), ["p", "r", "t", "v"]);
        assert_eq!(sorted(whole(9, &none)), ["p", "q", "r", "s", "t", "v"]);
        let known: HashSet<String> = ["p", "r", "v"].map(str::to_owned).into();
        assert_eq!(sorted(whole(1, &known)), ["t"]);
        // Names as long as the text are the text: core puts a record's own name before
        // another's other name, so they are left to core, uncut.
        assert_eq!(
            sorted(held.records_starting_with(KeyStart::WholeName, "kurs", 1, &none)),
            ["p", "v"]
        );
        assert_eq!(
            sorted(held.records_starting_with(KeyStart::LaterWord, "kur", 9, &none)),
            ["u"]
        );
        assert_eq!(
            sorted(held.records_starting_with(KeyStart::WholeName, "north k", 9, &none)),
            ["u"]
        );
    }
}
