//! Words for the vocabulary's unit tests: trigram lists as the import stores them, and random
//! words of few letters, which share many trigrams and tie often.

use std::collections::HashMap;

use super::{padded_trigrams, WORD_SEPARATOR};

/// The trigram lists of `words` (distinct ones, in code-point order), as the import stores them.
pub(crate) fn stored_lists(words: &[&str]) -> HashMap<String, String> {
    let mut sorted = words.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut lists: HashMap<String, String> = HashMap::new();
    for word in sorted {
        for trigram in padded_trigrams(word) {
            let list = lists.entry(trigram).or_default();
            if !list.is_empty() {
                list.push(WORD_SEPARATOR);
            }
            list.push_str(word);
        }
    }
    lists
}

/// Random words of `letters`, from one to `longest` letters, the same for the same `seed`.
pub(crate) fn random_words(
    seed: u64,
    letters: &'static [char],
    longest: u64,
) -> impl FnMut() -> String {
    let mut state = seed;
    let mut below = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    move || {
        let length = 1 + below(longest);
        (0..length)
            .map(|_| letters[below(letters.len() as u64) as usize])
            .collect()
    }
}
