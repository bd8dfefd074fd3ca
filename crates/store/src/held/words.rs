//! A held kind's words: its vocabulary, each word's trigrams and the records holding each word,
//! from which close spellings are found without a statement per stage.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::vocabulary::{closest_by_counts, padded_trigrams, VocabularyWord};

/// A trigram: three characters of a word padded as `"  word "`.
type Trigram = [char; 3];

/// The words of one kind's names, the records holding each, and each trigram's words.
#[derive(Debug, Default)]
pub(crate) struct HeldWords {
    /// Every distinct word, in code-point order.
    pub(super) words: Vec<Box<str>>,
    /// Where each word's holdings start in `holdings`, and after the last, the end.
    pub(super) starts: Vec<usize>,
    /// Name rank and record (an index into `records`) of every holding, by word, then rank,
    /// then record id: the order of `name_words`' primary key.
    pub(super) holdings: Vec<(i64, usize)>,
    /// For each holding, the length of the record's shortest name holding the word.
    pub(super) label_lengths: Vec<u32>,
    /// Every record holding a word, in code-point order.
    pub(super) records: Vec<Box<str>>,
    /// Each trigram's words, as indices into `words` (so in code-point order).
    pub(super) trigrams: HashMap<Trigram, Vec<u32>>,
    /// Each word's length in characters.
    lengths: Vec<u16>,
}

impl HeldWords {
    /// The words held from `rows` (word, name rank, record id and the length of the record's
    /// shortest name holding the word: one per word a record's names hold), in any order;
    /// `None` if they are too many to number with 32 bits.
    pub(super) fn new(rows: &[(&str, i64, &str, i64)]) -> Option<Self> {
        let mut records: Vec<&str> = rows.iter().map(|(_, _, id, _)| *id).collect();
        records.sort_unstable();
        records.dedup();
        let mut sorted: Vec<(&str, i64, usize, i64)> = rows
            .iter()
            .map(|&(word, rank, id, length)| {
                let record = records.binary_search(&id).unwrap_or_default();
                (word, rank, record, length)
            })
            .collect();
        sorted.sort_unstable();
        let mut held = HeldWords::default();
        for (word, rank, record, length) in sorted {
            if held.words.last().is_none_or(|last| **last != *word) {
                held.starts.push(held.holdings.len());
                held.words.push(word.into());
            }
            held.holdings.push((rank, record));
            held.label_lengths.push(u32::try_from(length).ok()?);
        }
        held.starts.push(held.holdings.len());
        held.records = records.into_iter().map(Box::from).collect();
        let mut own: Vec<Trigram> = Vec::new();
        for (index, word) in held.words.iter().enumerate() {
            let index = u32::try_from(index).ok()?;
            own.clear();
            let mut window = [' ', ' ', ' '];
            for character in word.chars().chain([' ']) {
                window = [window[1], window[2], character];
                own.push(window);
            }
            held.lengths
                .push(u16::try_from(own.len() - 1).unwrap_or(u16::MAX));
            own.sort_unstable();
            own.dedup();
            for trigram in &own {
                held.trigrams.entry(*trigram).or_default().push(index);
            }
        }
        // Held for as long as the dossier: the room left by growing each list goes back.
        for list in held.trigrams.values_mut() {
            list.shrink_to_fit();
        }
        held.trigrams.shrink_to_fit();
        held.words.shrink_to_fit();
        held.starts.shrink_to_fit();
        held.holdings.shrink_to_fit();
        held.label_lengths.shrink_to_fit();
        held.lengths.shrink_to_fit();
        Some(held)
    }

    /// [`HeldWords::new`] on owned rows.
    #[cfg(test)]
    pub(super) fn from_owned(rows: &[(String, i64, String, i64)]) -> Option<Self> {
        let rows: Vec<(&str, i64, &str, i64)> = rows
            .iter()
            .map(|(word, rank, id, length)| (word.as_str(), *rank, id.as_str(), *length))
            .collect();
        HeldWords::new(&rows)
    }

    /// The holdings of `word` (name rank and record), in the order of `name_words`' key.
    fn holdings_of_word(&self, word: &str) -> &[(i64, usize)] {
        self.index_of(word).map_or(&[], |index| {
            &self.holdings[self.starts[index]..self.starts[index + 1]]
        })
    }

    /// The index of `word`, when it is a word of the kind.
    pub(crate) fn index_of(&self, word: &str) -> Option<usize> {
        self.words.binary_search_by(|held| (**held).cmp(word)).ok()
    }

    /// The word at `index`.
    pub(crate) fn word(&self, index: usize) -> &str {
        &self.words[index]
    }

    /// How many records hold the word at `index`.
    pub(crate) fn holder_count(&self, index: usize) -> usize {
        self.starts[index + 1] - self.starts[index]
    }

    /// The records holding the word at `index` (indices, as [`HeldWords::record`] names them).
    pub(crate) fn holders(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.holdings[self.starts[index]..self.starts[index + 1]]
            .iter()
            .map(|&(_, record)| record)
    }

    /// The word at `index` with how many records hold it.
    fn with_holders(&self, index: usize) -> VocabularyWord {
        VocabularyWord {
            word: self.words[index].to_string(),
            holders: self.holder_count(index) as i64,
        }
    }

    /// For each of `words`, at most `limit` words of the kind spelt like it, the closest
    /// first (as [`crate::vocabulary::words_spelt_like`] finds them in the tables).
    pub(crate) fn spelt_like(&self, words: &[&str], limit: usize) -> Vec<Vec<VocabularyWord>> {
        words
            .iter()
            .map(|word| {
                let own = padded_trigrams(word);
                self.closest(&own, limit)
                    .into_iter()
                    .map(|index| self.with_holders(index as usize))
                    .collect()
            })
            .collect()
    }

    /// The `limit` words closest to a word whose padded trigrams are `own` (as indices into
    /// `words`), by counting how many of its trigrams' lists each word is in: with the lists as
    /// numbers, a count costs less than scoring a word from its spelling, and every list can
    /// be read. The words are in code-point order, so their indices break ties as their text
    /// would.
    fn closest(&self, own: &BTreeSet<String>, limit: usize) -> Vec<u32> {
        let mut counts: Vec<u16> = vec![0; self.words.len()];
        let mut counted: Vec<u32> = Vec::new();
        for trigram in own {
            let mut characters = trigram.chars();
            let (Some(first), Some(second), Some(third)) =
                (characters.next(), characters.next(), characters.next())
            else {
                continue;
            };
            for &index in self
                .trigrams
                .get(&[first, second, third])
                .into_iter()
                .flatten()
            {
                let count = &mut counts[index as usize];
                if *count == 0 {
                    counted.push(index);
                }
                *count = count.saturating_add(1);
            }
        }
        closest_by_counts(
            own,
            counted.into_iter().map(|index| {
                let at = index as usize;
                (
                    index,
                    usize::from(counts[at]),
                    usize::from(self.lengths[at]),
                )
            }),
            limit,
        )
    }

    /// The records holding `word` that are not `known`, in core's order for equal scores (name
    /// rank): the first `needed`, and every later one sharing the last one's rank.
    pub(crate) fn first_holders(
        &self,
        word: &str,
        needed: usize,
        known: &HashSet<String>,
    ) -> Vec<String> {
        let mut found: Vec<(i64, &str)> = Vec::new();
        for &(rank, record) in self.holdings_of_word(word) {
            if found.len() >= needed && found.last().is_some_and(|(last, _)| *last != rank) {
                break;
            }
            let id = &*self.records[record];
            if !known.contains(id) {
                found.push((rank, id));
            }
        }
        found.into_iter().map(|(_, id)| id.to_owned()).collect()
    }

    /// Every holding of `words`: record (an index into the records, which are in code-point
    /// order) and name rank.
    pub(crate) fn holdings(&self, words: &[&str]) -> Vec<(usize, i64)> {
        words
            .iter()
            .flat_map(|word| self.holdings_of_word(word))
            .map(|&(rank, record)| (record, rank))
            .collect()
    }

    /// The id of the record at `index`, as [`HeldWords::holdings`] names it.
    pub(crate) fn record(&self, index: usize) -> &str {
        &self.records[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::listed_words;
    use crate::vocabulary::test_words::{random_words, stored_lists};

    /// Holdings as `name_words` has them: word, name rank, record id.
    fn rows(holdings: &[(&str, i64, &str)]) -> Vec<(String, i64, String, i64)> {
        holdings
            .iter()
            .map(|&(word, rank, id)| (word.to_owned(), rank, id.to_owned(), 0))
            .collect()
    }

    #[test]
    fn holders_come_in_rank_order_with_the_last_ranks_ties() {
        let held = HeldWords::from_owned(&rows(&[
            ("kursk", 3, "e-3"),
            ("kursk", 0, "e-0"),
            ("kursk", 1, "e-1b"),
            ("kursk", 1, "e-1a"),
            ("kursk", 2, "e-2"),
            ("oblast", 0, "e-0"),
        ]))
        .expect("held");
        let none = HashSet::new();
        assert_eq!(held.first_holders("kursk", 1, &none), ["e-0"]);
        // The second is tied with a third at rank 1: both come, in id order.
        assert_eq!(
            held.first_holders("kursk", 2, &none),
            ["e-0", "e-1a", "e-1b"]
        );
        let known: HashSet<String> = ["e-0".to_owned(), "e-1a".to_owned()].into();
        assert_eq!(held.first_holders("kursk", 2, &known), ["e-1b", "e-2"]);
        assert_eq!(held.first_holders("kursk", 9, &none).len(), 5);
        assert!(held.first_holders("kursq", 9, &none).is_empty());
        let named: Vec<(&str, i64)> = held
            .holdings(&["oblast", "kursq", "kursk"])
            .into_iter()
            .map(|(record, rank)| (held.record(record), rank))
            .collect();
        assert_eq!(named[..2], [("e-0", 0), ("e-0", 0)]);
        assert_eq!(held.holdings(&["kursk"]).len(), 5);
    }

    #[test]
    fn held_words_are_spelt_like_a_query_as_the_stored_lists_say() {
        let words = [
            "kursk", "kursa", "kurst", "kyiv", "rsk", "moscow", "sudzha", "sudža", "aaaa", "aa",
            "zvëzdny", "pokrovsk", "kupiansk",
        ];
        let mut holdings = Vec::new();
        for (number, word) in words.iter().enumerate() {
            // Each word held by as many records as its place in the list, plus one.
            for record in 0..=number {
                holdings.push((*word, record as i64, format!("r-{record}")));
            }
        }
        let rows: Vec<(String, i64, String, i64)> = holdings
            .into_iter()
            .map(|(word, rank, id)| (word.to_owned(), rank, id, 0))
            .collect();
        let held = HeldWords::from_owned(&rows).expect("held");
        let lists = stored_lists(&words);
        for query in [
            "kursk", "kursq", "sudza", "aaa", "zvezdny", "pokrovks", "xyz",
        ] {
            for limit in [1, 2, 5, 300] {
                let own = padded_trigrams(query);
                let stored: Vec<&str> = own
                    .iter()
                    .filter_map(|trigram| lists.get(trigram).map(String::as_str))
                    .collect();
                let expected = crate::vocabulary::closest_by_trigrams(&own, stored, limit);
                let got = held.spelt_like(&[query], limit).concat();
                let got_words: Vec<&str> = got.iter().map(|word| word.word.as_str()).collect();
                assert_eq!(got_words, expected, "{query:?}, limit {limit}");
                for word in &got {
                    let place = words.iter().position(|known| *known == word.word);
                    assert_eq!(
                        word.holders,
                        place.expect("a word of the list") as i64 + 1,
                        "{word:?}"
                    );
                }
            }
        }
        // Every word is in the lists of its own trigrams, as stored.
        for (trigram, list) in &lists {
            let characters: Vec<char> = trigram.chars().collect();
            let indices = &held.trigrams[&[characters[0], characters[1], characters[2]]];
            let listed: Vec<&str> = indices
                .iter()
                .map(|&at| &*held.words[at as usize])
                .collect();
            assert_eq!(
                listed,
                listed_words(list).collect::<Vec<_>>(),
                "{trigram:?}"
            );
        }
        assert_eq!(held.trigrams.len(), lists.len());
    }

    #[test]
    fn counting_held_lists_finds_what_scoring_the_stored_lists_finds() {
        // Words of few letters (a letter outside ASCII among them) share many trigrams, repeat
        // some, and tie often.
        let mut word = random_words(
            0x9e37_79b9_7f4a_7c15,
            &['a', 'b', 'k', 'r', 's', 'u', 'ž'],
            8,
        );
        let vocabulary: Vec<String> = (0..2_000).map(|_| word()).collect();
        let rows: Vec<(String, i64, String, i64)> = vocabulary
            .iter()
            .enumerate()
            .map(|(record, word)| (word.clone(), 0, format!("r-{record}"), 0))
            .collect();
        let held = HeldWords::from_owned(&rows).expect("held");
        let words: Vec<&str> = vocabulary.iter().map(String::as_str).collect();
        let lists = stored_lists(&words);
        for query in (0..100).map(|_| word()) {
            let own = padded_trigrams(&query);
            for limit in [1, 7, 300] {
                let stored: Vec<&str> = own
                    .iter()
                    .filter_map(|trigram| lists.get(trigram).map(String::as_str))
                    .collect();
                let held_closest: Vec<&str> = held
                    .closest(&own, limit)
                    .into_iter()
                    .map(|index| &*held.words[index as usize])
                    .collect();
                assert_eq!(
                    held_closest,
                    crate::vocabulary::closest_by_trigrams(&own, stored, limit),
                    "{query:?}, limit {limit}"
                );
            }
        }
    }
}
