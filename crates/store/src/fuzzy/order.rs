//! Close-spelling candidates put in order: the store reads a bounded set of rows packed in one
//! and ranks them here, by the rules its SQL once applied.

use std::collections::HashMap;

/// The first `wanted` records of `holdings` (record and name rank, one per word a record
/// holds; every holding of a record carries the record's rank): those holding the most words
/// first, then in core's order for equal scores (name rank), then by id. A record is named by
/// its id, or by anything ordered as its id is (its index among ids in code-point order).
pub(super) fn records_holding_most<R: Ord + Copy>(holdings: &[(R, i64)], wanted: usize) -> Vec<R> {
    if wanted == 0 {
        return Vec::new();
    }
    // A record's holdings are made neighbours by sorting on the name rank, a number, first:
    // cheaper than hashing thousands of ids.
    let mut sorted: Vec<(i64, R)> = holdings.iter().map(|&(id, rank)| (rank, id)).collect();
    sorted.sort_unstable();
    // Per record: the words it holds, its name rank and its id.
    let mut held: Vec<(usize, i64, R)> = Vec::new();
    for (rank, id) in sorted {
        match held.last_mut() {
            Some((words, _, last)) if *last == id => *words += 1,
            _ => held.push((1, rank, id)),
        }
    }
    let order = |(a_words, a_rank, a_id): &(usize, i64, R),
                 (b_words, b_rank, b_id): &(usize, i64, R)| {
        b_words
            .cmp(a_words)
            .then(a_rank.cmp(b_rank))
            .then_with(|| a_id.cmp(b_id))
    };
    // Thousands of records may hold a word: only the first `wanted` are put in order.
    if held.len() > wanted {
        held.select_nth_unstable_by(wanted - 1, order);
        held.truncate(wanted);
    }
    held.sort_by(order);
    held.into_iter().map(|(_, _, id)| id).collect()
}

/// The records of `keys` (record and folded key, every key starting with the first `length`
/// characters of `query`), those whose keys share the most further characters of `query` first
/// (counted up to the end of `query`), then those with the shortest key, then by id.
pub(super) fn records_sharing_longest_starts<'a>(
    query: &[char],
    length: usize,
    keys: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    // Per record: the most characters shared beyond `length`, and the shortest key.
    let mut best: HashMap<&str, (usize, usize)> = HashMap::new();
    for (id, key) in keys {
        let shared = key
            .chars()
            .zip(query)
            .take_while(|(letter, wanted)| letter == *wanted)
            .count()
            .saturating_sub(length);
        let key_length = key.chars().count();
        let entry = best.entry(id).or_insert((shared, key_length));
        entry.0 = entry.0.max(shared);
        entry.1 = entry.1.min(key_length);
    }
    let mut ranked: Vec<(&str, (usize, usize))> = best.into_iter().collect();
    ranked.sort_by(
        |(a_id, (a_shared, a_length)), (b_id, (b_shared, b_length))| {
            b_shared
                .cmp(a_shared)
                .then(a_length.cmp(b_length))
                .then_with(|| a_id.cmp(b_id))
        },
    );
    ranked.into_iter().map(|(id, _)| id.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_sharing_more_of_the_query_come_first_then_shorter_keys_then_ids() {
        let query: Vec<char> = "frontier rason".chars().collect();
        let keys = [
            ("far", "front line"),
            ("near", "frontier rasn"),
            ("long", "frontier rason task force"),
            ("both", "fronds"),
            ("both", "frontier raso"),
            ("short", "frontal"),
            ("b-tie", "frontal"),
        ];
        // Past the range's four letters: "near" shares "tier ras", "long" the whole query
        // (capped at its end), "both" its better key's "tier raso".
        assert_eq!(
            records_sharing_longest_starts(&query, 4, keys.into_iter()),
            ["long", "both", "near", "b-tie", "short", "far"]
        );
        let capped: Vec<char> = "frontier ra".chars().collect();
        assert_eq!(
            records_sharing_longest_starts(&capped, 4, keys.into_iter())[..3],
            ["both", "near", "long"],
            "sharing the whole query ties, broken by each record's shortest key"
        );
    }

    #[test]
    fn records_holding_more_words_come_first_then_lower_ranks_then_ids() {
        let holdings: Vec<(&str, i64)> = vec![
            ("one-word", 0),
            ("three-words", 9),
            ("two-late", 7),
            ("three-words", 9),
            ("two-early", 2),
            ("two-late", 7),
            ("three-words", 9),
            ("two-early", 2),
            ("two-tied", 2),
            ("two-tied", 2),
        ];
        assert_eq!(
            records_holding_most(&holdings, 10),
            [
                "three-words",
                "two-early",
                "two-tied",
                "two-late",
                "one-word"
            ]
        );
        assert_eq!(
            records_holding_most(&holdings, 3),
            ["three-words", "two-early", "two-tied"],
            "only the first records are kept, in the same order"
        );
        assert!(records_holding_most(&holdings, 0).is_empty());
    }
}
