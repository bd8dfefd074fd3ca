//! How close in spelling a folded query is to a folded label, worked out only where it can pass.
//!
//! A label's closeness is the better of Jaro–Winkler and normalised Damerau–Levenshtein, for
//! the whole label and (weighing 0.95) for its best run of as many words as the query has.
//! Most labels are nowhere near the query, so each measure is first bounded from the two
//! texts' lengths, shared letters and shared start, and run only when the bound reaches the
//! bar. A measure skipped that way could not have decided the answer, so every closeness at or
//! above the bar is exactly what the measures give.

/// What a run of the label's words weighs against the whole label.
const RUN_WEIGHT: f64 = 0.95;

/// Room left for rounding when a bound is compared with the bar.
const ROUNDING: f64 = 1e-9;

/// Letters counted apart; every other character shares the last slot, which can only
/// overcount what two texts share and so keeps the bounds true.
const COUNTED: usize = 128;

/// A folded query, read once for every label it is compared with.
#[derive(Debug)]
pub(super) struct Query<'a> {
    text: &'a str,
    /// The query after a space: how it starts a later word of a label.
    after_space: String,
    length: usize,
    letters: [u16; COUNTED],
    words: usize,
}

impl<'a> Query<'a> {
    pub(super) fn new(text: &'a str) -> Query<'a> {
        let mut letters = [0_u16; COUNTED];
        let mut length = 0;
        for character in text.chars() {
            let slot = &mut letters[slot(character)];
            *slot = slot.saturating_add(1);
            length += 1;
        }
        Query {
            text,
            after_space: format!(" {text}"),
            length,
            letters,
            words: text.split(' ').count(),
        }
    }

    /// The folded query itself.
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    /// The query after a space, as it would start a later word of a label.
    pub(super) fn after_space(&self) -> &str {
        &self.after_space
    }

    /// The query's length in characters.
    pub(super) fn length(&self) -> usize {
        self.length
    }

    /// The closeness of `label` when it is at least `bar`, else `None`.
    pub(super) fn closeness(&self, label: &str, bar: f64) -> Option<f64> {
        let whole = self.bounded(label, bar);
        let run_bar = bar / RUN_WEIGHT;
        let best_run = if label.split(' ').count() > self.words {
            // A run of words joined by single spaces is the label's own text from the run's
            // first word to its last: each run starts where a word starts and ends where the
            // word as many words on ends.
            let starts = word_spans(label).map(|(start, _)| start);
            let ends = word_spans(label).skip(self.words - 1).map(|(_, end)| end);
            starts
                .zip(ends)
                .map(|(start, end)| self.bounded(&label[start..end], run_bar))
                .fold(0.0, f64::max)
                * RUN_WEIGHT
        } else {
            0.0
        };
        let closeness = whole.max(best_run);
        (closeness >= bar).then_some(closeness)
    }

    /// The better of the two measures between the query and `text`, exact when it is at least
    /// `bar`; below the bar, some value no higher than the exact one.
    fn bounded(&self, text: &str, bar: f64) -> f64 {
        let length = text.chars().count();
        let longer = self.length.max(length);
        if longer == 0 {
            return 1.0;
        }
        let shared = self.shared_letters(text);
        // Damerau–Levenshtein: every letter one text has beyond the other costs an edit (a
        // transposition keeps the letters), so the distance is at least the larger surplus.
        let distance_at_least = longer - shared;
        let edits_bound = 1.0 - (distance_at_least as f64) / (longer as f64);
        // Jaro: matches are shared letters; Winkler adds for up to four equal first letters.
        let jaro_bound = if shared == 0 || length == 0 || self.length == 0 {
            0.0
        } else {
            ((shared as f64 / self.length as f64) + (shared as f64 / length as f64) + 1.0) / 3.0
        };
        let start = self
            .text
            .chars()
            .take(4)
            .zip(text.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let winkler_bound = jaro_bound + 0.1 * start as f64 * (1.0 - jaro_bound);
        let winkler = if winkler_bound + ROUNDING >= bar {
            strsim::jaro_winkler(self.text, text)
        } else {
            0.0
        };
        let edits = if edits_bound + ROUNDING >= bar {
            strsim::normalized_damerau_levenshtein(self.text, text)
        } else {
            0.0
        };
        winkler.max(edits)
    }

    /// How many letters the query and `text` share, counted with repeats (an overcount for
    /// characters outside the counted range).
    fn shared_letters(&self, text: &str) -> usize {
        let mut left = self.letters;
        let mut shared = 0;
        for character in text.chars() {
            let slot = &mut left[slot(character)];
            if *slot > 0 {
                *slot -= 1;
                shared += 1;
            }
        }
        shared
    }
}

/// Where each of `label`'s words (split at single spaces) starts and ends, in bytes.
fn word_spans(label: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    label.split(' ').map(move |word| {
        let span = (start, start + word.len());
        start = span.1 + 1;
        span
    })
}

fn slot(character: char) -> usize {
    (character as usize).min(COUNTED - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closeness as the two measures give it, with nothing skipped.
    fn unbounded(query: &str, label: &str) -> f64 {
        let measure = |text: &str| {
            strsim::jaro_winkler(query, text)
                .max(strsim::normalized_damerau_levenshtein(query, text))
        };
        let query_words = query.split(' ').count();
        let words: Vec<&str> = label.split(' ').collect();
        let best_run = if words.len() > query_words {
            words
                .windows(query_words)
                .map(|run| measure(&run.join(" ")))
                .fold(0.0, f64::max)
                * RUN_WEIGHT
        } else {
            0.0
        };
        measure(label).max(best_run)
    }

    /// Labels and queries of a small alphabet, so near misses of every kind come up.
    fn texts(seed: u64, count: usize) -> Vec<String> {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet: Vec<char> = "aeiknorstu ü".chars().collect();
        (0..count)
            .map(|_| {
                let length = 1 + (next() % 24) as usize;
                (0..length)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_closeness_at_the_bar_is_the_measures_own() {
        let labels = texts(7, 300);
        let queries = texts(11, 60);
        let mut passed = 0;
        for query in queries.iter().filter(|query| query.chars().count() >= 3) {
            let read = Query::new(query);
            for label in &labels {
                let exact = unbounded(query, label);
                for bar in [0.3, 0.5, 0.6, 0.84] {
                    let expected = (exact >= bar).then_some(exact);
                    assert_eq!(
                        read.closeness(label, bar),
                        expected,
                        "{query:?} / {label:?}"
                    );
                    passed += usize::from(expected.is_some());
                }
            }
        }
        assert!(passed > 100, "only {passed} pairs passed a bar");
    }

    #[test]
    fn a_misspelt_word_of_a_longer_name_passes_and_a_stranger_does_not() {
        let read = Query::new("regoin");
        let close = read.closeness("kursk region", 0.84);
        assert_eq!(close, Some(unbounded("regoin", "kursk region")));
        assert_eq!(read.closeness("national intelligence service", 0.84), None);
    }
}
