//! Trigram lists merged: each holds its words once, in code-point order, so merging them
//! gives every word once, in code-point order, with how many of the lists hold it, without
//! hashing or sorting a word.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::str::Split;

use super::WORD_SEPARATOR;

/// The words of several lists, each in code-point order, merged: each distinct word once, in
/// code-point order, with how many of the lists hold it.
pub(super) struct MergedLists<'a> {
    lists: Vec<Split<'a, char>>,
    /// Each list's next word, the smallest on top.
    heads: BinaryHeap<Reverse<(&'a str, usize)>>,
}

impl<'a> MergedLists<'a> {
    pub(super) fn new(lists: impl IntoIterator<Item = &'a str>) -> Self {
        let mut merged = MergedLists {
            lists: lists
                .into_iter()
                .map(|list| list.split(WORD_SEPARATOR))
                .collect(),
            heads: BinaryHeap::new(),
        };
        for list in 0..merged.lists.len() {
            merged.advance(list);
        }
        merged
    }

    fn advance(&mut self, list: usize) {
        if let Some(word) = self.lists[list].next() {
            self.heads.push(Reverse((word, list)));
        }
    }
}

impl<'a> Iterator for MergedLists<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        let Reverse((word, list)) = self.heads.pop()?;
        self.advance(list);
        let mut holding = 1;
        while let Some(&Reverse((next, other))) = self.heads.peek() {
            if next != word {
                break;
            }
            self.heads.pop();
            self.advance(other);
            holding += 1;
        }
        Some((word, holding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_lists_count_each_word_once_in_code_point_order() {
        let merged: Vec<(&str, usize)> =
            MergedLists::new(["abc\nkursk\nzeya", "kursk\nzeya", "", "kursk"]).collect();
        assert_eq!(merged, vec![("", 1), ("abc", 1), ("kursk", 3), ("zeya", 2)]);
    }
}
