//! A held kind's name keys: every name and other name folded, from each of its word starts on,
//! in code-point order, as the `names` table indexes them; names sharing a start with a
//! misspelt query, or that are exactly one of its close words, are found here.

use dossier_core::text::fold;

use super::HeldNames;

/// One key: the folded label it is part of, and where in the folded text it starts.
type Key = (u32, u32);

/// Every key of one kind's names.
#[derive(Debug, Default)]
pub(crate) struct HeldKeys {
    /// Every folded label, one after another.
    folded: String,
    /// Where each folded label starts in `folded`, and after the last, the end.
    label_starts: Vec<u32>,
    /// The entry (in [`HeldNames`]' order) each folded label names.
    label_entries: Vec<u32>,
    /// Every key, in code-point order of its text.
    keys: Vec<Key>,
}

impl HeldKeys {
    /// The keys of the names and other names of `names`; `None` if their text is too long to
    /// number with 32 bits.
    pub(super) fn new(names: &HeldNames) -> Option<Self> {
        let mut held = HeldKeys::default();
        for entry in 0..names.len() {
            for label in names.labels(entry).skip(1) {
                let folded = fold(label);
                let label_index = u32::try_from(held.label_starts.len()).ok()?;
                let start = held.folded.len();
                held.label_starts.push(u32::try_from(start).ok()?);
                held.label_entries.push(u32::try_from(entry).ok()?);
                // The whole name, then the name from each later word on.
                held.keys.push((label_index, u32::try_from(start).ok()?));
                for (at, _) in folded.match_indices(' ') {
                    held.keys
                        .push((label_index, u32::try_from(start + at + 1).ok()?));
                }
                held.folded.push_str(&folded);
            }
        }
        held.label_starts
            .push(u32::try_from(held.folded.len()).ok()?);
        held.folded.shrink_to_fit();
        held.label_starts.shrink_to_fit();
        held.label_entries.shrink_to_fit();
        let mut keys = std::mem::take(&mut held.keys);
        keys.sort_unstable_by(|a, b| held.text(*a).cmp(held.text(*b)));
        keys.shrink_to_fit();
        held.keys = keys;
        Some(held)
    }

    /// The text of `key`.
    fn text(&self, (label, start): Key) -> &str {
        &self.folded[start as usize..self.label_starts[label as usize + 1] as usize]
    }

    /// The keys starting with `start`, in code-point order.
    fn starting_with(&self, start: &str) -> &[Key] {
        let from = self.keys.partition_point(|key| self.text(*key) < start);
        let length = self.keys[from..].partition_point(|key| self.text(*key).starts_with(start));
        &self.keys[from..from + length]
    }

    /// Every key starting with `start`: the entry (in `names`' order) whose name or other name
    /// it is part of, that label folded, and whether the key is the whole label (or starts at
    /// a later word of it).
    pub(crate) fn labels_starting_with(
        &self,
        start: &str,
    ) -> impl Iterator<Item = (usize, &str, bool)> {
        self.starting_with(start).iter().map(|&(label, at)| {
            let from = self.label_starts[label as usize];
            let to = self.label_starts[label as usize + 1];
            (
                self.label_entries[label as usize] as usize,
                &self.folded[from as usize..to as usize],
                at == from,
            )
        })
    }

    /// How many keys start with `start`.
    pub(crate) fn count_starting_with(&self, start: &str) -> usize {
        self.starting_with(start).len()
    }

    /// The entry (in `names`' order) and text of every key starting with `start`.
    pub(crate) fn entries_starting_with(&self, start: &str) -> impl Iterator<Item = (usize, &str)> {
        self.starting_with(start)
            .iter()
            .map(|&key| (self.label_entries[key.0 as usize] as usize, self.text(key)))
    }

    /// The name and other names of the `entry`th entry (in `names`' order), folded, name first.
    pub(crate) fn folded_labels(&self, entry: usize) -> impl Iterator<Item = &str> {
        let before = |bound: usize| {
            self.label_entries
                .partition_point(|&labelled| (labelled as usize) < bound)
        };
        (before(entry)..before(entry + 1)).map(|label| {
            &self.folded[self.label_starts[label] as usize..self.label_starts[label + 1] as usize]
        })
    }

    /// The entries (in `names`' order) with a name or other name that is `folded` as a whole.
    pub(crate) fn entries_named(&self, folded: &str) -> impl Iterator<Item = usize> + '_ {
        let length = folded.len();
        self.starting_with(folded)
            .iter()
            .filter(move |&&key| {
                key.1 == self.label_starts[key.0 as usize] && self.text(key).len() == length
            })
            .map(|key| self.label_entries[key.0 as usize] as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::{word_keys, StoredEntry};

    fn names() -> HeldNames {
        let entry = |id: &str, name: &str, aliases: &[&str]| StoredEntry {
            id: id.to_owned(),
            name: name.to_owned(),
            aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
        };
        HeldNames::from_entries(&[
            entry("kursk", "Kursk Oblast", &["Kursk"]),
            entry("sudzha", "Sudža —  “Gas”  Station!", &[" Sudzha  "]),
            entry("kyiv", "Kyiv", &["Kursk Axis"]),
        ])
        .expect("names")
    }

    #[test]
    fn keys_start_at_every_word_as_the_names_table_has_them() {
        let names = names();
        let keys = HeldKeys::new(&names).expect("keys");
        let found = |start: &str| -> Vec<(&str, &str)> {
            keys.entries_starting_with(start)
                .map(|(entry, key)| (names.id(entry), key))
                .collect()
        };
        assert_eq!(
            found("kursk"),
            [
                ("kursk", "kursk"),
                ("kyiv", "kursk axis"),
                ("kursk", "kursk oblast")
            ]
        );
        assert_eq!(found("gas"), [("sudzha", "gas station")]);
        assert_eq!(found("oblast"), [("kursk", "oblast")]);
        assert_eq!(keys.count_starting_with("k"), 4);
        assert_eq!(keys.count_starting_with("kz"), 0);
        // Every key, as the import writes them to the names table, in code-point order.
        let mut written: Vec<(&str, String)> = (0..names.len())
            .flat_map(|entry| {
                names.labels(entry).skip(1).flat_map(move |label| {
                    word_keys(label).into_iter().map(move |key| (entry, key))
                })
            })
            .map(|(entry, key)| (names.id(entry), key))
            .collect();
        written.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        let mut held: Vec<(&str, String)> = found("")
            .into_iter()
            .map(|(id, key)| (id, key.to_owned()))
            .collect();
        held.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        assert_eq!(held, written);
    }

    #[test]
    fn whole_names_only_are_named() {
        let names = names();
        let keys = HeldKeys::new(&names).expect("keys");
        let named = |folded: &str| -> Vec<&str> {
            keys.entries_named(folded)
                .map(|entry| names.id(entry))
                .collect()
        };
        assert_eq!(named("kursk"), ["kursk"]);
        assert_eq!(named("kyiv"), ["kyiv"]);
        assert!(named("oblast").is_empty());
        assert!(named("kurs").is_empty());
    }

    #[test]
    fn each_entry_keeps_its_labels_folded_name_first() {
        let names = names();
        let keys = HeldKeys::new(&names).expect("keys");
        for entry in 0..names.len() {
            let folded: Vec<&str> = keys.folded_labels(entry).collect();
            let expected: Vec<String> = names.labels(entry).skip(1).map(fold).collect();
            assert_eq!(folded, expected, "{}", names.id(entry));
        }
        // Entries are in id order: kursk, kyiv, sudzha.
        assert_eq!(
            keys.folded_labels(2).collect::<Vec<_>>(),
            ["sudza gas station", "sudzha"]
        );
    }
}
