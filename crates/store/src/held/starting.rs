//! Names of a held kind starting with typed text, shortest first, as the prefix and later-word
//! stages read them from the tables' index by length.

use std::collections::HashSet;

use super::HeldKind;
use crate::shortest::KeyStart;

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
        if needed > 0 && found.len() > needed && found[needed - 1].0 != typed_length {
            self.cut_at_display_name(&mut found, needed);
        }
        Some(
            found
                .into_iter()
                .map(|(_, entry)| self.names.id(entry).to_owned())
                .collect(),
        )
    }

    /// `found` (length and entry, by length) cut to its first `needed` in core's order: among
    /// those as long as the `needed`th, by folded display name, keeping every one that shares
    /// the `needed`th's.
    fn cut_at_display_name(&self, found: &mut Vec<(usize, usize)>, needed: usize) {
        let last_length = found[needed - 1].0;
        let ties_from = found
            .iter()
            .position(|(length, _)| *length == last_length)
            .unwrap_or(0);
        let display_name = |entry: usize| self.keys.folded_labels(entry).next().unwrap_or_default();
        found[ties_from..].sort_by(|a, b| display_name(a.1).cmp(display_name(b.1)));
        let last_name = display_name(found[needed - 1].1);
        let kept = found[needed..]
            .iter()
            .position(|(_, entry)| display_name(*entry) != last_name)
            .map_or(found.len(), |extra| needed + extra);
        found.truncate(kept);
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
