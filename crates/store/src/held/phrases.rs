//! Typed text of several words inside a held kind's names: the names to test come from the
//! holders of the words standing for its rarest word, as the substring stage reads them from
//! the tables.

use std::collections::HashSet;

use super::HeldKind;

impl HeldKind {
    /// The records, not `known`, with a name or other name containing `folded` (text of
    /// several words), by the length of the shortest such name, then by id: the first
    /// `needed` and every later one of the same length as the last. Only the holders of the
    /// words standing for one word of the text are tested: for the first, words ending with
    /// it; for the last, words starting with it; for the others, the word itself. The one
    /// with fewest holders is taken; `None` when it has more than `most_tested` (or when every
    /// word standing alone is too short to look up), for the caller to test names otherwise.
    pub(crate) fn records_containing_phrase(
        &self,
        folded: &str,
        needed: usize,
        known: &HashSet<String>,
        most_tested: usize,
    ) -> Option<Vec<String>> {
        let words = &self.words;
        let parts: Vec<&str> = folded.split(' ').collect();
        let last = parts.len() - 1;
        let mut rarest: Option<(usize, Vec<usize>)> = None;
        for (index, part) in parts.iter().enumerate() {
            let group: Vec<usize> = if index > 0 && index < last {
                words.index_of(part).into_iter().collect()
            } else if part.chars().count() < 3 {
                // Too short to look up cheaply; the other words narrow enough.
                continue;
            } else {
                words
                    .words_with_text(part)
                    .into_iter()
                    .filter(|&word| {
                        if index == 0 {
                            words.word(word).ends_with(part)
                        } else {
                            words.word(word).starts_with(part)
                        }
                    })
                    .collect()
            };
            if group.is_empty() {
                return Some(Vec::new());
            }
            let holders = group.iter().map(|&word| words.holder_count(word)).sum();
            if rarest.as_ref().is_none_or(|(fewest, _)| holders < *fewest) {
                rarest = Some((holders, group));
            }
        }
        let (holders, group) = rarest?;
        if holders > most_tested {
            return None;
        }
        let records: Vec<String> = group
            .iter()
            .flat_map(|&word| words.holders(word))
            .map(|record| words.record(record).to_owned())
            .collect();
        // Each entry holding a word, by its shortest name containing the text.
        let mut found: Vec<(usize, usize)> = self
            .names
            .entries_of(&records)
            .into_iter()
            .filter(|&entry| !known.contains(self.names.id(entry)))
            .filter_map(|entry| {
                self.keys
                    .folded_labels(entry)
                    .filter(|label| label.contains(folded))
                    .map(|label| label.chars().count())
                    .min()
                    .map(|length| (length, entry))
            })
            .collect();
        found.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| self.names.id(a.1).cmp(self.names.id(b.1)))
        });
        if let Some(&(last_length, _)) = found.get(needed.saturating_sub(1)) {
            let kept = found[needed..]
                .iter()
                .position(|(length, _)| *length != last_length)
                .map_or(found.len(), |extra| needed + extra);
            found.truncate(kept);
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
    use std::collections::BTreeMap;

    use dossier_core::text::fold;

    use super::*;
    use crate::held::{HeldKeys, HeldNames, HeldWords};
    use crate::names::StoredEntry;
    use crate::vocabulary::test_words::random_words;

    /// A held kind of `entries`, its words held as the import writes them: once per record,
    /// with the length of the record's shortest name holding the word.
    fn held(entries: &[StoredEntry]) -> HeldKind {
        let mut holdings: BTreeMap<(String, String), i64> = BTreeMap::new();
        for entry in entries {
            for label in std::iter::once(&entry.name).chain(&entry.aliases) {
                let folded = fold(label);
                let length = folded.chars().count() as i64;
                for word in folded.split(' ').filter(|word| !word.is_empty()) {
                    let shortest = holdings
                        .entry((word.to_owned(), entry.id.clone()))
                        .or_insert(length);
                    *shortest = (*shortest).min(length);
                }
            }
        }
        let rows: Vec<(String, i64, String, i64)> = holdings
            .into_iter()
            .map(|((word, id), length)| (word, 0, id, length))
            .collect();
        let names = HeldNames::from_entries(entries).expect("names");
        HeldKind {
            words: HeldWords::from_owned(&rows).expect("words"),
            keys: HeldKeys::new(&names).expect("keys"),
            names,
        }
    }

    /// What testing every name gives: the records not `known` with a name containing
    /// `folded`, by the length of the shortest, then id; `needed` and the last one's ties.
    fn every_name(
        entries: &[StoredEntry],
        folded: &str,
        needed: usize,
        known: &HashSet<String>,
    ) -> Vec<String> {
        let mut found: Vec<(usize, &str)> = entries
            .iter()
            .filter(|entry| !known.contains(&entry.id))
            .filter_map(|entry| {
                std::iter::once(&entry.name)
                    .chain(&entry.aliases)
                    .map(|label| fold(label))
                    .filter(|label| label.contains(folded))
                    .map(|label| label.chars().count())
                    .min()
                    .map(|length| (length, entry.id.as_str()))
            })
            .collect();
        found.sort_unstable();
        let mut kept = Vec::new();
        for (length, id) in found {
            if kept.len() >= needed && kept.last().is_some_and(|(last, _)| *last != length) {
                break;
            }
            kept.push((length, id));
        }
        kept.into_iter().map(|(_, id)| id.to_owned()).collect()
    }

    #[test]
    fn names_holding_the_text_are_those_a_test_of_every_name_finds() {
        let letters = &['a', 'e', 'k', 'r', 's', 'ü'];
        let mut word = random_words(0x5eed_0f9a_11e7, letters, 4);
        let entries: Vec<StoredEntry> = (0..400)
            .map(|record| {
                let mut name = || (0..3).map(|_| word()).collect::<Vec<_>>().join(" ");
                StoredEntry {
                    id: format!("r-{record:03}"),
                    name: name(),
                    aliases: if record % 3 == 0 {
                        vec![name()]
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let held = held(&entries);
        let known: HashSet<String> = (0..400).step_by(5).map(|n| format!("r-{n:03}")).collect();
        let none = HashSet::new();
        let mut answered = 0;
        for entry in entries.iter().step_by(3) {
            let label = fold(&entry.name);
            let words: Vec<&str> = label.split(' ').collect();
            // The end of one word and the start of the next, the middle word whole, and a
            // text no name holds.
            let end = |word: &str| word.chars().skip(1).collect::<String>();
            let start = |word: &str, length| word.chars().take(length).collect::<String>();
            let texts = [
                format!("{} {}", end(words[0]), start(words[1], 2)),
                format!("{} {} {}", end(words[0]), words[1], start(words[2], 1)),
                format!("{} {}", words[1], words[2]),
                format!("{} zzz", words[0]),
            ];
            for text in &texts {
                for needed in [1, 3, 25] {
                    for known in [&none, &known] {
                        let Some(found) =
                            held.records_containing_phrase(text, needed, known, 5_000)
                        else {
                            continue;
                        };
                        answered += 1;
                        assert_eq!(
                            found,
                            every_name(&entries, text, needed, known),
                            "{text:?}, needed {needed}"
                        );
                    }
                }
            }
        }
        assert!(answered > 500, "only {answered} texts answered from memory");
        // When the rarest word has more holders than may be tested, the caller tests names.
        let common = fold(&entries[0].name);
        assert_eq!(held.records_containing_phrase(&common, 3, &none, 0), None);
    }
}
