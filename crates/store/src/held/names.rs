//! A held kind's names: every entry's id, display name and other names, packed in one text, from
//! which the candidates core ranks are taken without reading them.

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
    /// The names of `entries` (in dossier order); `None` if their text is too long to number
    /// with 32 bits.
    pub(super) fn new(entries: Vec<StoredEntry>) -> Option<Self> {
        let mut in_id_order: Vec<(u32, StoredEntry)> = entries
            .into_iter()
            .enumerate()
            .map(|(position, entry)| Some((u32::try_from(position).ok()?, entry)))
            .collect::<Option<_>>()?;
        in_id_order.sort_by(|(_, a), (_, b)| a.id.cmp(&b.id));
        let mut held = HeldNames::default();
        for (position, entry) in in_id_order {
            held.entry_starts
                .push(u32::try_from(held.label_starts.len()).ok()?);
            held.positions.push(position);
            let labels = [&entry.id, &entry.name].into_iter().chain(&entry.aliases);
            for label in labels {
                held.label_starts.push(u32::try_from(held.text.len()).ok()?);
                held.text.push_str(label);
            }
        }
        held.entry_starts
            .push(u32::try_from(held.label_starts.len()).ok()?);
        held.label_starts.push(u32::try_from(held.text.len()).ok()?);
        held.text.shrink_to_fit();
        Some(held)
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

    /// The entries with the given record ids, in dossier order (ids of no entry left out).
    pub(crate) fn entries_of(&self, ids: &[String]) -> Vec<StoredEntry> {
        let entries = self.len();
        let mut found: Vec<(u32, StoredEntry)> = ids
            .iter()
            .filter_map(|id| {
                let index = self.entry_starts[..entries]
                    .binary_search_by(|&start| self.label(start as usize).cmp(id))
                    .ok()?;
                let mut labels = self.labels(index).skip(1);
                let name = labels.next().unwrap_or_default().to_owned();
                Some((
                    self.positions[index],
                    StoredEntry {
                        id: id.clone(),
                        name,
                        aliases: labels.map(str::to_owned).collect(),
                    },
                ))
            })
            .collect();
        found.sort_by_key(|(position, _)| *position);
        found.dedup_by_key(|(position, _)| *position);
        found.into_iter().map(|(_, entry)| entry).collect()
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
        let held = HeldNames::new(entries.clone()).expect("held");
        let ids = ["beta", "nobody", "zeta", "mid", "alpha", "beta"].map(str::to_owned);
        let expected = vec![
            entries[0].clone(),
            entries[1].clone(),
            entries[2].clone(),
            entries[3].clone(),
        ];
        assert_eq!(held.entries_of(&ids), expected);
        assert_eq!(held.entries_of(&["beta".to_owned()]), [entries[3].clone()]);
        assert!(held.entries_of(&[]).is_empty());
        assert!(HeldNames::new(Vec::new())
            .expect("held")
            .entries_of(&ids)
            .is_empty());
    }
}
