//! Tests of name matching: exact lookup, ranking, suggestions and folded labels.

use super::*;

fn glossary() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("kcna", "KCNA", vec!["Korean Central News Agency"]),
        (
            "un-charter",
            "U.N. Charter",
            vec!["UN Charter", "United Nations Charter"],
        ),
        ("kursk-region", "Kursk Region", vec!["Kursk Oblast"]),
        ("nis", "NIS", vec!["National Intelligence Service"]),
        ("jcs", "JCS", vec!["Joint Chiefs of Staff"]),
        ("korean-war", "Korean War", vec![]),
        (
            "dprk",
            "Democratic People’s Republic of Korea",
            vec!["DPRK", "North Korea"],
        ),
    ]
}

fn entries(
    glossary: &[(&'static str, &'static str, Vec<&'static str>)],
) -> Vec<NameEntry<'static, &'static str>> {
    glossary
        .iter()
        .map(|(key, name, aliases)| NameEntry::new(*key, name, aliases.iter().copied()))
        .collect()
}

fn keys(ranked: &[Ranked<&'static str>]) -> Vec<&'static str> {
    ranked.iter().map(|r| r.key).collect()
}

#[test]
fn exact_match_ignores_case_punctuation_and_diacritics() {
    let glossary = glossary();
    let found = |query| match_exact(query, entries(&glossary)).map(|r| (r.key, r.kind));
    assert_eq!(found("KCNA"), Some(("kcna", MatchKind::Exact)));
    assert_eq!(found("kcna"), Some(("kcna", MatchKind::Exact)));
    assert_eq!(found("UN Charter"), Some(("un-charter", MatchKind::Exact)));
    assert_eq!(
        found("U.N. Charter"),
        Some(("un-charter", MatchKind::Exact))
    );
    assert_eq!(
        found("united nations charter"),
        Some(("un-charter", MatchKind::Alias))
    );
    assert_eq!(
        found("Korean Central News Agency"),
        Some(("kcna", MatchKind::Alias))
    );
    assert_eq!(
        found("Kúrsk Régión"),
        Some(("kursk-region", MatchKind::Exact))
    );
    assert_eq!(
        found("Democratic People's Republic of Korea"),
        Some(("dprk", MatchKind::Exact))
    );
    assert_eq!(found("KCN"), None);
    assert_eq!(found(""), None);
}

#[test]
fn misspellings_get_suggestions() {
    let glossary = glossary();
    let kcan = suggest("KCAN", entries(&glossary), 5);
    assert_eq!(
        kcan.first().map(|r| (r.key, r.kind)),
        Some(("kcna", MatchKind::Fuzzy))
    );
    let region = suggest("kursk regoin", entries(&glossary), 5);
    assert_eq!(region.first().map(|r| r.key), Some("kursk-region"));
    assert!(suggest("zzzzqqq", entries(&glossary), 5).is_empty());
    assert!(suggest("  ", entries(&glossary), 5).is_empty());
}

#[test]
fn ranking_puts_better_kinds_first() {
    let glossary = glossary();
    let ranked = rank("korea", entries(&glossary), MAX_CHOICES);
    // "Korean War" starts with the query; the others only contain it as a later word.
    assert_eq!(ranked[0].key, "korean-war");
    assert_eq!(ranked[0].kind, MatchKind::Prefix);
    assert!(ranked.windows(2).all(|pair| pair[0].kind <= pair[1].kind));
    assert!(keys(&ranked).contains(&"kcna"));
    assert!(keys(&ranked).contains(&"dprk"));

    let ranked = rank("dprk", entries(&glossary), MAX_CHOICES);
    assert_eq!((ranked[0].key, ranked[0].kind), ("dprk", MatchKind::Alias));
    assert_eq!(ranked[0].label, "DPRK");

    let ranked = rank("charter", entries(&glossary), MAX_CHOICES);
    assert_eq!(
        (ranked[0].key, ranked[0].kind),
        ("un-charter", MatchKind::WordPrefix)
    );
}

#[test]
fn empty_query_lists_by_name_and_limit_holds() {
    let glossary = glossary();
    let all = rank("", entries(&glossary), MAX_CHOICES);
    assert_eq!(
        keys(&all),
        [
            "dprk",
            "jcs",
            "kcna",
            "korean-war",
            "kursk-region",
            "nis",
            "un-charter"
        ]
    );
    assert_eq!(rank("", entries(&glossary), 3).len(), 3);

    let many: Vec<String> = (0..60).map(|n| format!("Term {n:02}")).collect();
    let many_entries = many
        .iter()
        .map(|name| NameEntry::new(name.as_str(), name, []));
    let ranked = rank("term", many_entries, MAX_CHOICES);
    assert_eq!(ranked.len(), MAX_CHOICES);
    assert_eq!(ranked[0].key, "Term 00");
    assert_eq!(ranked[24].key, "Term 24");
}

#[test]
fn labels_given_folded_rank_as_labels_folded_here() {
    let glossary = glossary();
    let folded: Vec<Vec<String>> = glossary
        .iter()
        .map(|(_, name, aliases)| {
            std::iter::once(name)
                .chain(aliases)
                .map(|l| fold(l))
                .collect()
        })
        .collect();
    let given = || {
        entries(&glossary)
            .into_iter()
            .zip(&folded)
            .map(|(entry, folded)| entry.with_folded(folded.iter().map(String::as_str)))
    };
    for query in [
        "kcan",
        "korea",
        "un charter",
        "united natoins",
        "intelligence",
        "k",
        "",
    ] {
        assert_eq!(
            rank(query, given(), MAX_CHOICES),
            rank(query, entries(&glossary), MAX_CHOICES),
            "{query:?}"
        );
    }
}

#[test]
fn ties_are_deterministic() {
    let glossary = glossary();
    let first = rank("k", entries(&glossary), MAX_CHOICES);
    let mut reversed = entries(&glossary);
    reversed.reverse();
    let second = rank("k", reversed, MAX_CHOICES);
    assert_eq!(keys(&first), keys(&second));
}
