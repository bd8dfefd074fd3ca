//! Name matching for terms, actors, events and measures: exact and alias lookup, autocomplete
//! ranking and "did you mean" suggestions, all on folded text.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::text::fold;

use closeness::Query;

mod closeness;

/// Discord shows at most this many autocomplete choices.
pub const MAX_CHOICES: usize = 25;

/// Below this similarity a misspelling is treated as noise and not suggested.
const FUZZY_THRESHOLD: f64 = 0.84;

/// How a query matched a name; earlier variants are better matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The query is the name (ignoring case, punctuation and diacritics).
    Exact,
    /// The query is one of the aliases.
    Alias,
    /// The name or an alias starts with the query.
    Prefix,
    /// A later word of the name or an alias starts with the query.
    WordPrefix,
    /// The query occurs inside the name or an alias.
    Contains,
    /// The query is close in spelling to the name or an alias.
    Fuzzy,
}

impl MatchKind {
    /// Lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Alias => "alias",
            Self::Prefix => "prefix",
            Self::WordPrefix => "word prefix",
            Self::Contains => "contains",
            Self::Fuzzy => "fuzzy",
        }
    }
}

/// Something that can be looked up by name: a key with its display name and other names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry<'a, K> {
    /// What a match returns, e.g. a record or its id.
    pub key: K,
    /// The display name.
    pub name: &'a str,
    /// Other names users may type (aliases, expansions, the id).
    pub aliases: Vec<&'a str>,
    /// The name, then each other name, as [`fold`] folds them, when the caller already keeps
    /// them folded; empty when ranking should fold them itself.
    pub folded: Vec<&'a str>,
}

impl<'a, K> NameEntry<'a, K> {
    /// An entry with a name and any number of other names.
    pub fn new(key: K, name: &'a str, aliases: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            key,
            name,
            aliases: aliases.into_iter().collect(),
            folded: Vec::new(),
        }
    }

    /// The same entry with its name and other names given already folded (name first), so
    /// that ranking it folds nothing. Each must be what [`fold`] makes of its label.
    #[must_use]
    pub fn with_folded(mut self, folded: impl IntoIterator<Item = &'a str>) -> Self {
        self.folded = folded.into_iter().collect();
        debug_assert!(
            self.folded.len() == 1 + self.aliases.len()
                && std::iter::once(self.name)
                    .chain(self.aliases.iter().copied())
                    .zip(&self.folded)
                    .all(|(label, folded)| fold(label) == *folded),
            "folded labels that fold does not make: {:?}",
            self.folded
        );
        self
    }

    /// The `index`th label (0 for the name) as [`fold`] folds it.
    fn folded_label(&self, index: usize, label: &'a str) -> Cow<'a, str> {
        match self.folded.get(index) {
            Some(folded) => Cow::Borrowed(folded),
            None => Cow::Owned(fold(label)),
        }
    }
}

/// One match, with the name or alias that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked<K> {
    /// The matched entry's key.
    pub key: K,
    /// The name or alias that matched.
    pub label: String,
    /// How it matched.
    pub kind: MatchKind,
    /// Strength within the kind, 0.0-1.0 (higher is better).
    pub score: f64,
}

/// The best way `query` (folded) matches one entry, with the entry's folded name for ties. The
/// label stays borrowed until the candidate makes the list.
struct Candidate<'a, K> {
    key: K,
    label: &'a str,
    kind: MatchKind,
    score: f64,
    folded_name: Cow<'a, str>,
}

impl<K> Candidate<'_, K> {
    fn into_ranked(self) -> Ranked<K> {
        Ranked {
            key: self.key,
            label: self.label.to_owned(),
            kind: self.kind,
            score: self.score,
        }
    }
}

/// How `query` matches `label` (both folded), if at all.
fn match_label(read: &Query<'_>, label: &str, is_name: bool) -> Option<(MatchKind, f64)> {
    let query = read.text();
    if label.is_empty() {
        return None;
    }
    let coverage = || read.length() as f64 / label.chars().count().max(1) as f64;
    if query == label {
        let kind = if is_name {
            MatchKind::Exact
        } else {
            MatchKind::Alias
        };
        return Some((kind, 1.0));
    }
    if label.starts_with(query) {
        return Some((MatchKind::Prefix, coverage()));
    }
    if label.contains(read.after_space()) {
        return Some((MatchKind::WordPrefix, coverage()));
    }
    if label.contains(query) {
        return Some((MatchKind::Contains, coverage()));
    }
    if read.length() < 3 {
        return None;
    }
    read.closeness(label, FUZZY_THRESHOLD)
        .map(|score| (MatchKind::Fuzzy, score))
}

fn best_candidate<'a, K>(query: &Query<'_>, entry: NameEntry<'a, K>) -> Option<Candidate<'a, K>> {
    let folded_name = entry.folded_label(0, entry.name);
    let labels =
        std::iter::once((entry.name, true)).chain(entry.aliases.iter().map(|a| (*a, false)));
    let mut best: Option<(MatchKind, f64, &str)> = None;
    for (index, (label, is_name)) in labels.enumerate() {
        let folded = if is_name {
            Cow::Borrowed(folded_name.as_ref())
        } else {
            entry.folded_label(index, label)
        };
        let Some((kind, score)) = match_label(query, &folded, is_name) else {
            continue;
        };
        let better = match best {
            None => true,
            Some((best_kind, best_score, _)) => {
                kind < best_kind || (kind == best_kind && score > best_score)
            }
        };
        if better {
            best = Some((kind, score, label));
        }
    }
    best.map(|(kind, score, label)| Candidate {
        key: entry.key,
        label,
        kind,
        score,
        folded_name,
    })
}

fn by_rank<K>(a: &Candidate<'_, K>, b: &Candidate<'_, K>) -> Ordering {
    a.kind
        .cmp(&b.kind)
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| a.folded_name.cmp(&b.folded_name))
        .then_with(|| a.label.cmp(b.label))
}

/// The entry whose name (→ [`MatchKind::Exact`]) or alias (→ [`MatchKind::Alias`]) equals
/// `query` once both are folded; the first such entry when several do.
pub fn match_exact<'a, K: Clone>(
    query: &str,
    entries: impl IntoIterator<Item = NameEntry<'a, K>>,
) -> Option<Ranked<K>> {
    let folded_query = fold(query);
    if folded_query.is_empty() {
        return None;
    }
    let mut first_alias = None;
    for entry in entries {
        let matched = |label: &str, kind| Ranked {
            key: entry.key.clone(),
            label: label.to_owned(),
            kind,
            score: 1.0,
        };
        if fold(entry.name) == folded_query {
            return Some(matched(entry.name, MatchKind::Exact));
        }
        if first_alias.is_none() {
            first_alias = entry
                .aliases
                .iter()
                .find(|alias| fold(alias) == folded_query)
                .map(|alias| matched(alias, MatchKind::Alias));
        }
    }
    first_alias
}

/// Autocomplete: entries matching `query`, best first (exact, alias, prefix, word prefix,
/// contains, then close spellings), ties by name; at most `limit`. An empty query lists entries
/// in name order.
pub fn rank<'a, K: Clone>(
    query: &str,
    entries: impl IntoIterator<Item = NameEntry<'a, K>>,
    limit: usize,
) -> Vec<Ranked<K>> {
    let folded_query = fold(query);
    let read = Query::new(&folded_query);
    let mut candidates: Vec<Candidate<'a, K>> = if folded_query.is_empty() {
        entries
            .into_iter()
            .map(|entry| Candidate {
                folded_name: entry.folded_label(0, entry.name),
                key: entry.key,
                label: entry.name,
                kind: MatchKind::Prefix,
                score: 0.0,
            })
            .collect()
    } else {
        entries
            .into_iter()
            .filter_map(|entry| best_candidate(&read, entry))
            .collect()
    };
    candidates.sort_by(by_rank);
    candidates.truncate(limit);
    candidates.into_iter().map(Candidate::into_ranked).collect()
}

/// "Did you mean": up to `max` entries closest to a query that matched nothing exactly.
pub fn suggest<'a, K: Clone>(
    query: &str,
    entries: impl IntoIterator<Item = NameEntry<'a, K>>,
    max: usize,
) -> Vec<Ranked<K>> {
    if fold(query).is_empty() {
        return Vec::new();
    }
    rank(query, entries, max)
}

#[cfg(test)]
mod tests;
