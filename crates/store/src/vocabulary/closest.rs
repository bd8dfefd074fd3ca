//! The words of a vocabulary closest in spelling to a word, found in its trigrams' lists.
//!
//! The lists are read from the shortest: a word listed in none of the lists read so far shares
//! at most as many trigrams as there are lists left, which bounds how close it can be. Each new
//! word is scored from its own spelling, the best `limit` are kept as they come, and the
//! longest lists (the commonest trigrams, most of the listed words) are left unread once the
//! words kept are all closer than that bound.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeSet, BinaryHeap};

use rustc_hash::FxHashSet;

use super::listed_words;

/// The `limit` words of `unread` (the stored lists of the trigrams of `own` that some word
/// has) sharing the largest part of their trigrams with a word whose padded trigrams are `own`
/// (Jaccard similarity of the two sets), then in code-point order.
pub(crate) fn closest_by_trigrams<'a>(
    own: &BTreeSet<String>,
    mut unread: Vec<&'a str>,
    limit: usize,
) -> Vec<&'a str> {
    if limit == 0 {
        return Vec::new();
    }
    let query = QueryTrigrams::new(own);
    // Longest first, so that the shortest is popped first.
    unread.sort_by_key(|list| Reverse(list.len()));
    // A word listed under several trigrams is scored each time: cheaper than remembering
    // every word seen. The words ever kept are remembered, so that none is kept twice (a word
    // let go was worse than every word kept since, and cannot come back).
    let mut kept: FxHashSet<&'a str> = FxHashSet::default();
    let mut shared = Vec::new();
    let mut best: BinaryHeap<Reverse<Likeness<&'a str>>> = BinaryHeap::with_capacity(limit + 1);
    while let Some(list) = unread.pop() {
        for word in listed_words(list) {
            let found = query.likeness(word, &mut shared);
            if best.len() < limit {
                if kept.insert(word) {
                    best.push(Reverse(found));
                }
            } else if let Some(mut worst) = best.peek_mut() {
                // Between equal shares, the earlier word in code-point order is the closer.
                if found > worst.0 && kept.insert(word) {
                    *worst = Reverse(found);
                }
            }
        }
        // A word in none of the lists read shares at most one trigram per list left, and has
        // at least as many trigrams as it shares: its share is at most lists left / own.
        let unseen_at_most = Likeness {
            shared: unread.len() as u64,
            union: query.count.max(1) as u64,
            word: "",
        };
        if best.len() == limit
            && best
                .peek()
                .is_some_and(|Reverse(worst)| worst.share_exceeds(&unseen_at_most))
        {
            break;
        }
    }
    best.into_sorted_vec()
        .into_iter()
        .map(|Reverse(found)| found.word)
        .collect()
}

/// The `limit` closest of `counted` words (each with how many of the query's `own` trigrams it
/// shares, and its length in characters; every word sharing one, once), in the order of
/// [`closest_by_trigrams`]: for lists held as numbers, where counting every list is cheaper
/// than scoring words from their spelling. A word is named by anything ordered as its text is
/// (the text itself, or its index in a vocabulary in code-point order).
pub(crate) fn closest_by_counts<W: Ord + Copy>(
    own: &BTreeSet<String>,
    counted: impl Iterator<Item = (W, usize, usize)>,
    limit: usize,
) -> Vec<W> {
    if limit == 0 {
        return Vec::new();
    }
    let mut best: BinaryHeap<Reverse<Likeness<W>>> = BinaryHeap::with_capacity(limit + 1);
    for (word, shared, characters) in counted {
        let found = Likeness {
            shared: shared as u64,
            union: ((own.len() + characters + 1).saturating_sub(shared)).max(1) as u64,
            word,
        };
        if best.len() < limit {
            best.push(Reverse(found));
        } else if let Some(mut worst) = best.peek_mut() {
            if found > worst.0 {
                *worst = Reverse(found);
            }
        }
    }
    best.into_sorted_vec()
        .into_iter()
        .map(|Reverse(found)| found.word)
        .collect()
}

/// The query word's distinct padded trigrams, sorted, to score other words against.
struct QueryTrigrams {
    sorted: Vec<[char; 3]>,
    /// The same as three bytes each, when every one is ASCII and they are 64 at most: most
    /// words are then scored byte by byte, with their shared trigrams as bits.
    ascii: Option<Vec<u32>>,
    count: usize,
}

/// Three ASCII spaces, the padding before a word, as [`QueryTrigrams::ascii`] packs them.
const PADDING: u32 = 0x0020_2020;

impl QueryTrigrams {
    fn new(own: &BTreeSet<String>) -> Self {
        let mut sorted: Vec<[char; 3]> = own
            .iter()
            .filter_map(|trigram| {
                let mut characters = trigram.chars();
                Some([characters.next()?, characters.next()?, characters.next()?])
            })
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        let ascii =
            (sorted.len() <= 64 && sorted.iter().flatten().all(char::is_ascii)).then(|| {
                sorted
                    .iter()
                    .map(|trigram| {
                        trigram
                            .iter()
                            .fold(0, |packed, &character| packed << 8 | u32::from(character))
                    })
                    .collect()
            });
        QueryTrigrams {
            count: own.len(),
            ascii,
            sorted,
        }
    }

    /// How close `word` is: the query's trigrams it shares, over both words' trigrams, with a
    /// word of n characters counted as having n + 1 (padded as `"  word "`).
    /// `shared` is scratch space.
    fn likeness<'a>(&self, word: &'a str, shared: &mut Vec<usize>) -> Likeness<&'a str> {
        let (shared, characters) = match &self.ascii {
            Some(packed) if word.is_ascii() => (shared_ascii(packed, word), word.len()),
            _ => self.shared_by_characters(word, shared),
        };
        let union = (self.count + characters + 1).saturating_sub(shared);
        Likeness {
            shared: shared as u64,
            union: union.max(1) as u64,
            word,
        }
    }

    /// How many of the query's trigrams `word` has, and its length in characters.
    fn shared_by_characters(&self, word: &str, shared: &mut Vec<usize>) -> (usize, usize) {
        shared.clear();
        let mut window = [' ', ' ', ' '];
        let mut characters = 0;
        for character in word.chars().chain(std::iter::once(' ')) {
            window = [window[1], window[2], character];
            if let Ok(at) = self.sorted.binary_search(&window) {
                shared.push(at);
            }
            characters += 1;
        }
        shared.sort_unstable();
        shared.dedup();
        // The final window was the padding's.
        (shared.len(), characters - 1)
    }
}

/// How many of the trigrams `packed` (sorted, at most 64) the ASCII `word` has.
fn shared_ascii(packed: &[u32], word: &str) -> usize {
    let mut window = PADDING;
    let mut found: u64 = 0;
    for byte in word.bytes().chain(std::iter::once(b' ')) {
        window = (window << 8 | u32::from(byte)) & 0x00FF_FFFF;
        if let Ok(at) = packed.binary_search(&window) {
            found |= 1 << at;
        }
    }
    found.count_ones() as usize
}

/// A word (its text, or anything ordered as its text is) with the share of trigrams it has in
/// common with the query's word, as a fraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Likeness<W> {
    shared: u64,
    union: u64,
    word: W,
}

impl<W> Likeness<W> {
    /// Whether this share is strictly larger than `other`'s, whatever their words.
    fn share_exceeds<V>(&self, other: &Likeness<V>) -> bool {
        self.shared * other.union > other.shared * self.union
    }
}

impl<W: Ord> Ord for Likeness<W> {
    /// Greater is closer: a larger share, then the earlier word in code-point order.
    fn cmp(&self, other: &Self) -> Ordering {
        // Shares are compared exactly, cross-multiplied; the counts are a few dozen at most.
        (self.shared * other.union)
            .cmp(&(other.shared * self.union))
            .then_with(|| other.word.cmp(&self.word))
    }
}

impl<W: Ord> PartialOrd for Likeness<W> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::super::padded_trigrams;
    use super::super::test_words::{random_words, stored_lists};
    use super::*;

    /// The stored lists of `own`'s trigrams.
    fn lists_for<'a>(own: &BTreeSet<String>, lists: &'a HashMap<String, String>) -> Vec<&'a str> {
        own.iter()
            .filter_map(|trigram| lists.get(trigram).map(String::as_str))
            .collect()
    }

    #[test]
    fn the_closest_spellings_come_first_and_ties_in_code_point_order() {
        let lists = stored_lists(&["kursk", "kursa", "kurst", "kyiv", "rsk", "moscow"]);
        let own = padded_trigrams("kursk");
        assert_eq!(
            closest_by_trigrams(&own, lists_for(&own, &lists), 10),
            vec!["kursk", "kursa", "kurst", "rsk", "kyiv"]
        );
        // The cut keeps the best, and between equals the earlier word.
        assert_eq!(
            closest_by_trigrams(&own, lists_for(&own, &lists), 2),
            vec!["kursk", "kursa"]
        );
        assert!(closest_by_trigrams(&own, lists_for(&own, &lists), 0).is_empty());
    }

    #[test]
    fn a_tie_with_the_best_an_unread_list_could_hold_reads_it() {
        // "abxaz" is read first (its trigrams "abx" and "bxa" have the shortest lists) and
        // shares 4 of 8 trigrams with "abxab"; "ab" is only in the three longest lists, all
        // the query's, so it shares 3 of 6: a tie that the earlier word wins.
        let lists = stored_lists(&["ab", "abxaz", "aby", "abyy", "zzab"]);
        let own = padded_trigrams("abxab");
        assert_eq!(
            closest_by_trigrams(&own, lists_for(&own, &lists), 1),
            vec!["ab"]
        );
    }

    /// The closest words by counting every listed word, as the store did before lists were
    /// left unread.
    fn closest_by_counting_all<'a>(
        own: &BTreeSet<String>,
        lists: &'a HashMap<String, String>,
        limit: usize,
    ) -> Vec<&'a str> {
        let mut shared_by: HashMap<&'a str, u64> = HashMap::new();
        for list in own.iter().filter_map(|trigram| lists.get(trigram)) {
            for word in listed_words(list) {
                *shared_by.entry(word).or_default() += 1;
            }
        }
        let mut found: Vec<Likeness<&'a str>> = shared_by
            .into_iter()
            .map(|(word, shared)| Likeness {
                shared,
                union: (own.len() as u64 + word.chars().count() as u64 + 1 - shared).max(1),
                word,
            })
            .collect();
        found.sort_by(|a, b| b.cmp(a));
        found
            .into_iter()
            .take(limit)
            .map(|found| found.word)
            .collect()
    }

    #[test]
    fn leaving_the_longest_lists_unread_changes_no_answer() {
        // Words of few letters share many trigrams, repeat some ("aaaa"), and a few hold
        // letters outside ASCII, so lists are long and shares often tie.
        let mut word = random_words(
            0x2545_f491_4f6c_dd1d,
            &['a', 'b', 'c', 'd', 'e', 'k', 'r', 's', 'u', 'é'],
            9,
        );
        let mut vocabulary: Vec<String> = (0..3_000).map(|_| word()).collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        let words: Vec<&str> = vocabulary.iter().map(String::as_str).collect();
        let lists = stored_lists(&words);
        let mut queries: Vec<String> = (0..150).map(|_| word()).collect();
        queries.extend(vocabulary.iter().step_by(60).cloned());
        for query in &queries {
            let own = padded_trigrams(query);
            for limit in [1, 3, 12, 300, 5_000] {
                assert_eq!(
                    closest_by_trigrams(&own, lists_for(&own, &lists), limit),
                    closest_by_counting_all(&own, &lists, limit),
                    "{query:?}, limit {limit}"
                );
            }
        }
    }
}
