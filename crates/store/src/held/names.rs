//! A held kind's names: every entry's id, display name and other names, packed in one text, from
//! which the candidates core ranks are taken without reading them.

use dossier_core::matching::NameEntry;

#[cfg(test)]
use crate::names::StoredEntry;

/// Every entry of one kind, packed: a few hundred candidates are unpacked at a time.
#[derive(Debug, Default)]
pub(crate) struct HeldNames {
    /// Every entry's labels (its id, its name, then its other names), one after another.
    text: String,
    /// Where each label starts in `text`, and after the last, the end.
    label_starts: Vec<u32>,
    /// Each entry's first label, in `label_starts`; the entries in id order.
    entry_starts: Vec<u32>,
    /// Each entry's place in the dossier.
    positions: Vec<u32>,
}

impl HeldNames {
    /// The names of `rows` (record id, record position, ordinal and label: one per name or
    /// other name), in any order; `None` if they are too many to number with 32 bits.
    pub(super) fn new<'a>(
        rows: impl Iterator<Item = (&'a str, i64, i64, &'a str)>,
    ) -> Option<Self> {
        let mut rows: Vec<(&str, i64, i64, &str)> = rows.collect();
        rows.sort_unstable_by(|a, b| (a.0, a.2).cmp(&(b.0, b.2)));
        let mut held = HeldNames::default();
        for (id, position, _, label) in rows {
            if held.entry_starts.is_empty() || held.id(held.entry_starts.len() - 1) != id {
                held.entry_starts
                    .push(u32::try_from(held.label_starts.len()).ok()?);
                held.positions.push(u32::try_from(position).ok()?);
                held.label_starts.push(u32::try_from(held.text.len()).ok()?);
                held.text.push_str(id);
            }
            held.label_starts.push(u32::try_from(held.text.len()).ok()?);
            held.text.push_str(label);
        }
        held.entry_starts
            .push(u32::try_from(held.label_starts.len()).ok()?);
        held.label_starts.push(u32::try_from(held.text.len()).ok()?);
        held.text.shrink_to_fit();
        held.label_starts.shrink_to_fit();
        held.entry_starts.shrink_to_fit();
        held.positions.shrink_to_fit();
        Some(held)
    }

    /// [`HeldNames::new`] on `entries` in dossier order.
    #[cfg(test)]
    pub(super) fn from_entries(entries: &[StoredEntry]) -> Option<Self> {
        HeldNames::new(entries.iter().enumerate().flat_map(|(position, entry)| {
            std::iter::once(&entry.name)
                .chain(&entry.aliases)
                .enumerate()
                .map(move |(ordinal, label)| {
                    (
                        entry.id.as_str(),
                        position as i64,
                        ordinal as i64,
                        label.as_str(),
                    )
                })
        }))
    }

    /// How many entries there are.
    pub(super) fn len(&self) -> usize {
        self.entry_starts.len().saturating_sub(1)
    }

    /// The id of the `index`th entry (in id order).
    pub(crate) fn id(&self, index: usize) -> &str {
        self.label(self.entry_starts[index] as usize)
    }

    /// The `index`th label.
    fn label(&self, index: usize) -> &str {
        &self.text[self.label_starts[index] as usize..self.label_starts[index + 1] as usize]
    }

    /// The labels of the `index`th entry (in id order): id, name, other names.
    pub(super) fn labels(&self, index: usize) -> impl Iterator<Item = &str> {
        let labels = self.entry_starts[index] as usize..self.entry_starts[index + 1] as usize;
        labels.map(|label| self.label(label))
    }

    /// The entries with the given record ids, as indices in dossier order (ids of no entry left
    /// out, each entry once).
    pub(crate) fn entries_of(&self, ids: &[String]) -> Vec<usize> {
        let entries = self.len();
        let mut found: Vec<usize> = ids
            .iter()
            .filter_map(|id| {
                self.entry_starts[..entries]
                    .binary_search_by(|&start| self.label(start as usize).cmp(id))
                    .ok()
            })
            .collect();
        found.sort_by_key(|&index| self.positions[index]);
        found.dedup();
        found
    }

    /// The `index`th entry as core ranks it, keyed by its id and display name.
    pub(crate) fn name_entry(&self, index: usize) -> NameEntry<'_, (&str, &str)> {
        let mut labels = self.labels(index);
        let id = labels.next().unwrap_or_default();
        let name = labels.next().unwrap_or_default();
        NameEntry::new((id, name), name, labels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, name: &str, aliases: &[&str]) -> StoredEntry {
        StoredEntry {
            id: id.to_owned(),
            name: name.to_owned(),
            aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
        }
    }

    #[test]
    fn candidates_come_back_whole_in_dossier_order() {
        let entries = vec![
            entry("zeta", "Zvëzdny 🙂 \"Corps\"", &["ZC", "Tab\there"]),
            entry("alpha", "Alpha", &[]),
            entry("mid", "", &["Only an other name"]),
            entry("beta", "Beta", &["B"]),
        ];
        let held = HeldNames::from_entries(&entries).expect("held");
        let ids = ["beta", "nobody", "zeta", "mid", "alpha", "beta"].map(str::to_owned);
        let unpacked = |ids: &[String]| -> Vec<StoredEntry> {
            held.entries_of(ids)
                .into_iter()
                .map(|index| {
                    let entry = held.name_entry(index);
                    StoredEntry {
                        id: entry.key.0.to_owned(),
                        name: entry.name.to_owned(),
                        aliases: entry
                            .aliases
                            .iter()
                            .map(|alias| (*alias).to_owned())
                            .collect(),
                    }
                })
                .collect()
        };
        assert_eq!(unpacked(&ids), entries);
        assert_eq!(unpacked(&["beta".to_owned()]), [entries[3].clone()]);
        assert!(held.entries_of(&[]).is_empty());
        assert!(HeldNames::from_entries(&[])
            .expect("held")
            .entries_of(&ids)
            .is_empty());
    }
}
