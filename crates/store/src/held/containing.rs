//! Typed text inside a held kind's words: the words holding it, and their holders with the
//! shortest names, as the substring stage reads them from the tables.

use std::collections::HashSet;

use super::HeldWords;

impl HeldWords {
    /// The words containing `needle` (which holds no space), as indices in code-point order,
    /// or `None` when more than `most` do.
    pub(crate) fn words_with_text(&self, needle: &str, most: usize) -> Option<Vec<usize>> {
        let characters: Vec<char> = needle.chars().collect();
        let words: Vec<usize> = if characters.len() >= 3 {
            // Every word holding the needle is in the list of each of its trigrams: the
            // shortest list is tested.
            let mut shortest: Option<&Vec<u32>> = None;
            for window in characters.windows(3) {
                let Some(list) = self.trigrams.get(&[window[0], window[1], window[2]]) else {
                    return Some(Vec::new());
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
        };
        (words.len() <= most).then_some(words)
    }

    /// The records holding one of `words` (indices) that are not `known`, by the length of
    /// their shortest name holding one: the first `needed`, and every later one of the same
    /// length as the last.
    pub(crate) fn shortest_holders(
        &self,
        words: &[usize],
        needed: usize,
        known: &HashSet<String>,
    ) -> Vec<String> {
        let mut holdings: Vec<(u32, &str)> = words
            .iter()
            .flat_map(|&word| self.starts[word]..self.starts[word + 1])
            .map(|holding| {
                let (_, record) = self.holdings[holding];
                (self.label_lengths[holding], &*self.records[record])
            })
            .collect();
        holdings.sort_unstable();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut found: Vec<(u32, &str)> = Vec::new();
        for (length, id) in holdings {
            if found.len() >= needed && found.last().is_some_and(|(last, _)| *last != length) {
                break;
            }
            if !known.contains(id) && seen.insert(id) {
                found.push((length, id));
            }
        }
        found.into_iter().map(|(_, id)| id.to_owned()).collect()
    }
}

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
            assert_eq!(
                held.words_with_text(&needle, usize::MAX),
                Some(every.clone()),
                "{needle:?}"
            );
            let most = every.len().saturating_sub(1);
            let expected = (every.len() <= most).then_some(every);
            assert_eq!(held.words_with_text(&needle, most), expected, "{needle:?}");
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
        let words = held.words_with_text("ursk", usize::MAX).expect("few");
        let none = HashSet::new();
        assert_eq!(held.shortest_holders(&words, 1, &none), ["b"]);
        // "c" and "d" tie at 7: both come.
        assert_eq!(held.shortest_holders(&words, 2, &none), ["b", "c", "d"]);
        let known: HashSet<String> = ["b".to_owned()].into();
        assert_eq!(held.shortest_holders(&words, 9, &known), ["c", "d", "a"]);
    }
}
