//! Typed text inside a held kind's words: the words holding it, and their holders with the
//! shortest names, as the substring stage reads them from the tables (however many words hold
//! it: in memory, even thousands cost less than testing names from the tables).

use std::collections::HashSet;

use super::HeldWords;

impl HeldWords {
    /// The words containing `needle` (which holds no space), as indices in code-point order.
    pub(crate) fn words_with_text(&self, needle: &str) -> Vec<usize> {
        let characters: Vec<char> = needle.chars().collect();
        if characters.len() >= 3 {
            // Every word holding the needle is in the list of each of its trigrams: the
            // shortest list is tested.
            let mut shortest: Option<&Vec<u32>> = None;
            for window in characters.windows(3) {
                let Some(list) = self.trigrams.get(&[window[0], window[1], window[2]]) else {
                    return Vec::new();
                };
                if shortest.is_none_or(|shortest| list.len() < shortest.len()) {
                    shortest = Some(list);
                }
            }
            shortest
                .into_iter()
                .flatten()
                .map(|&index| index as usize)
                .filter(|&index| self.words[index].contains(needle))
                .collect()
        } else if let [first, second] = characters[..] {
            // Wherever a word holds the pair, one of its padded trigrams starts with it.
            let mut words: Vec<usize> = self
                .trigrams
                .iter()
                .filter(|(trigram, _)| trigram[0] == first && trigram[1] == second)
                .flat_map(|(_, list)| list.iter().map(|&index| index as usize))
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        } else {
            (0..self.words.len())
                .filter(|&index| self.words[index].contains(needle))
                .collect()
        }
    }

    /// The records holding one of `words` (indices) that are not `known`, by the length of
    /// their shortest name holding one, then by id: the first `needed`, and every later one of
    /// the same length as the last.
    pub(crate) fn shortest_holders(
        &self,
        words: &[usize],
        needed: usize,
        known: &HashSet<String>,
    ) -> Vec<String> {
        let holdings = || {
            words
                .iter()
                .flat_map(|&word| self.starts[word]..self.starts[word + 1])
        };
        // Thousands of holdings are put in order of length by counting, not sorting: names are
        // short, and every longer one shares the last slot, sorted there if it is reached.
        let slot = |holding: usize| (self.label_lengths[holding] as usize).min(LENGTH_SLOTS - 1);
        let mut slot_ends = [0_usize; LENGTH_SLOTS];
        for holding in holdings() {
            slot_ends[slot(holding)] += 1;
        }
        let mut end = 0;
        for count in &mut slot_ends {
            end += *count;
            *count = end;
        }
        let mut by_length = vec![(0_u32, 0_usize); end];
        let mut next = slot_ends;
        for holding in holdings() {
            let at = &mut next[slot(holding)];
            *at -= 1;
            by_length[*at] = (self.label_lengths[holding], self.holdings[holding].1);
        }
        let mut seen: HashSet<usize> = HashSet::new();
        let mut found: Vec<(u32, usize)> = Vec::new();
        let mut start = 0;
        for end in slot_ends {
            if found.len() >= needed {
                break;
            }
            // One length's holders by id (records are in code-point order), or, in the last
            // slot, by length and then id.
            let group = &mut by_length[start..end];
            start = end;
            group.sort_unstable();
            for &(length, record) in group.iter() {
                if found.len() >= needed && found.last().is_some_and(|(last, _)| *last != length) {
                    break;
                }
                if !known.contains(&*self.records[record]) && seen.insert(record) {
                    found.push((length, record));
                }
            }
        }
        found
            .into_iter()
            .map(|(_, record)| self.records[record].to_string())
            .collect()
    }
}

/// Name lengths counted apart when holders are put in order of length.
const LENGTH_SLOTS: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::test_words::random_words;

    #[test]
    fn words_holding_text_are_those_a_test_of_every_word_finds() {
        let letters = &['a', 'e', 'k', 'r', 's', 'ü'];
        let mut long_word = random_words(0x1234_5678_9abc_def1, letters, 7);
        let mut needle = random_words(0x0bad_cafe_f00d_d00d, letters, 4);
        let rows: Vec<(String, i64, String, i64)> = (0..1_500)
            .map(|record| (long_word(), 0, format!("r-{record}"), 0))
            .collect();
        let held = HeldWords::from_owned(&rows).expect("held");
        for needle in (0..300).map(|_| needle()) {
            let every: Vec<usize> = (0..held.words.len())
                .filter(|&index| held.words[index].contains(needle.as_str()))
                .collect();
            assert_eq!(held.words_with_text(&needle), every, "{needle:?}");
        }
    }

    #[test]
    fn holders_with_the_shortest_names_come_first_with_the_last_lengths_ties() {
        let rows: Vec<(String, i64, String, i64)> = [
            ("kursk", "a", 12),
            ("kursk", "b", 5),
            ("kurskaya", "b", 9),
            ("kurskaya", "c", 7),
            ("kurskaya", "d", 7),
            ("oblast", "e", 1),
        ]
        .into_iter()
        .map(|(word, id, length)| (word.to_owned(), 0, id.to_owned(), length))
        .collect();
        let held = HeldWords::from_owned(&rows).expect("held");
        let words = held.words_with_text("ursk");
        let none = HashSet::new();
        assert_eq!(held.shortest_holders(&words, 1, &none), ["b"]);
        // "c" and "d" tie at 7: both come.
        assert_eq!(held.shortest_holders(&words, 2, &none), ["b", "c", "d"]);
        let known: HashSet<String> = ["b".to_owned()].into();
        assert_eq!(held.shortest_holders(&words, 9, &known), ["c", "d", "a"]);
    }

    #[test]
    fn holders_put_in_order_by_counting_are_those_a_sort_gives() {
        // Names as long as 600 characters, so some share the last slot, and records holding
        // several of the words, so each counts by its shortest.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let rows: Vec<(String, i64, String, i64)> = (0..3_000)
            .map(|_| {
                let word = format!("w{}", next(40));
                let length = if next(4) == 0 {
                    200 + next(400)
                } else {
                    next(30)
                };
                (word, 0, format!("r-{}", next(800)), length as i64)
            })
            .collect();
        let held = HeldWords::from_owned(&rows).expect("held");
        let sorted = |words: &[usize], needed: usize, known: &HashSet<String>| {
            let mut holdings: Vec<(u32, &str)> = words
                .iter()
                .flat_map(|&word| held.starts[word]..held.starts[word + 1])
                .map(|holding| {
                    let record = held.holdings[holding].1;
                    (held.label_lengths[holding], &*held.records[record])
                })
                .collect();
            holdings.sort_unstable();
            let mut seen = HashSet::new();
            let mut found: Vec<(u32, &str)> = Vec::new();
            for (length, id) in holdings {
                if found.len() >= needed && found.last().is_some_and(|(last, _)| *last != length) {
                    break;
                }
                if !known.contains(id) && seen.insert(id) {
                    found.push((length, id));
                }
            }
            found
                .into_iter()
                .map(|(_, id)| id.to_owned())
                .collect::<Vec<String>>()
        };
        let known: HashSet<String> = (0..800).step_by(7).map(|n| format!("r-{n}")).collect();
        let none = HashSet::new();
        for first in 0..held.words.len() {
            let words: Vec<usize> = (first..held.words.len()).step_by(first + 1).collect();
            for needed in [1, 25, 300, 5_000] {
                for known in [&none, &known] {
                    assert_eq!(
                        held.shortest_holders(&words, needed, known),
                        sorted(&words, needed, known),
                        "words {words:?}, needed {needed}"
                    );
                }
            }
        }
    }
}
