//! Full-text search: ranked hits with highlighted snippets, and no user text can break it.

use dossier_core::{HitKind, TermId};
use dossier_store::{HIGHLIGHT_END, HIGHLIGHT_START};

use dossier_store::Store;

use crate::fixtures::{loaded_store, shipped, temp_store, Backend, TestDatabase};

async fn search_finds_records_of_every_kind_with_highlights(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let hits = store.search("KCNA", 20).await.expect("search");
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .any(|hit| hit.kind == HitKind::Term && hit.id == "kcna"));
    assert!(hits
        .iter()
        .any(|hit| hit.kind == HitKind::Actor && hit.id == "kcna"));
    assert!(
        hits.windows(2).all(|pair| pair[0].score >= pair[1].score),
        "best first"
    );

    let hits = store.search("casualties", 20).await.expect("search");
    let highlighted = format!("{HIGHLIGHT_START}casualties{HIGHLIGHT_END}");
    assert!(
        hits.iter()
            .any(|hit| hit.snippet.to_lowercase().contains(&highlighted)),
        "{hits:#?}"
    );
    let kinds: Vec<HitKind> = store
        .search("north korean troops", 50)
        .await
        .expect("search")
        .into_iter()
        .map(|hit| hit.kind)
        .collect();
    for kind in [HitKind::Event, HitKind::Estimate, HitKind::Claim] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
}

/// The letters of the equal-scoring terms, in the order they are added.
const EQUAL_LETTERS: [&str; 12] = ["c", "l", "d", "k", "e", "j", "f", "i", "g", "h", "b", "a"];

/// A store of the shipped dossier and twelve terms, "Quorvex A" to "L", that every search for
/// "quorvex" scores the same (added out of order, "a" and "b" last). More of them tie than a
/// search of two ranks at first, so the ranking must read on to break the tie.
async fn store_with_equal_scores(backend: Backend) -> (TestDatabase, Store) {
    let mut dossier = shipped().clone();
    for letter in EQUAL_LETTERS {
        let mut term = dossier.terms[0].clone();
        term.id = TermId::new(format!("quorvex-{letter}")).expect("valid id");
        term.name = format!("Quorvex {}", letter.to_uppercase());
        term.expansion = None;
        term.aliases.clear();
        term.see_also.clear();
        term.definition = "A quorvex.".to_owned();
        dossier.terms.push(term);
    }
    let (_database, store) = temp_store(backend).await;
    store.import(&dossier).await.expect("import");
    (_database, store)
}

/// Records that score the same come in the order of their ids, so an answer cut at its limit
/// is the same every time.
async fn equal_scores_are_ordered_by_id(backend: Backend) {
    let (_database, store) = store_with_equal_scores(backend).await;
    let ids = |hits: Vec<dossier_store::Hit>| -> Vec<String> {
        hits.into_iter().map(|hit| hit.id).collect()
    };
    let mut sorted: Vec<String> = EQUAL_LETTERS
        .iter()
        .map(|letter| format!("quorvex-{letter}"))
        .collect();
    sorted.sort();
    let all = ids(store.search("quorvex", 20).await.expect("search"));
    assert_eq!(all, sorted);
    let cut = ids(store.search("quorvex", 2).await.expect("search"));
    assert_eq!(cut, ["quorvex-a", "quorvex-b"]);
}

/// A paged answer reads one page at a time: put together, its pages are the whole answer,
/// snippets and all, even where equal scores straddle a page's edge.
async fn a_search_read_page_by_page_is_the_whole_search(backend: Backend) {
    let (_database, store) = store_with_equal_scores(backend).await;
    for (query, per_page) in [
        ("korea", 8),
        ("north korean troops", 7),
        ("quorvex", 1),
        ("quorvex", 3),
        ("kursk xyzzyplugh", 5),
    ] {
        let whole = store.search(query, 40).await.expect("search");
        assert!(whole.len() > per_page, "{query}: more than one page");
        assert!(
            whole.iter().all(|hit| !hit.snippet.is_empty()),
            "{query}: {whole:#?}"
        );
        let mut pieced = Vec::new();
        for start in (0..).step_by(per_page) {
            let page = store
                .search_page(query, 40, start..start + per_page)
                .await
                .expect("search page");
            assert_eq!(page.matched, whole.len(), "{query}");
            if page.hits.is_empty() {
                break;
            }
            pieced.extend(page.hits);
        }
        assert_eq!(pieced, whole, "{query} in pages of {per_page}");
    }
}

async fn a_title_match_ranks_above_a_passing_mention(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let hits = store.search("Kursk Region", 10).await.expect("search");
    assert_eq!(
        hits.first().map(|hit| (hit.kind, hit.id.as_str())),
        Some((HitKind::Term, "kursk-region")),
        "{hits:#?}"
    );
}

async fn folded_words_find_punctuated_ones(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    for query in ["UN Charter", "U.N. Charter", "un charter"] {
        let hits = store.search(query, 10).await.expect("search");
        assert!(
            hits.iter().any(|hit| hit.id == "un-charter"),
            "{query}: {hits:#?}"
        );
    }
    // "11,000" is one number to users; "11000" finds it.
    let hits = store.search("11000", 10).await.expect("search");
    assert!(
        hits.iter().any(|hit| hit.kind == HitKind::Estimate),
        "{hits:#?}"
    );
}

async fn the_last_word_may_be_unfinished_and_unknown_words_fall_back_to_any(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let hits = store.search("counteroff", 10).await.expect("search");
    assert!(
        hits.iter().any(|hit| hit.id == "counteroffensive"),
        "{hits:#?}"
    );
    let hits = store
        .search("counteroffensive xyzzyplugh", 10)
        .await
        .expect("search");
    assert!(
        hits.iter().any(|hit| hit.id == "counteroffensive"),
        "{hits:#?}"
    );
    assert!(store
        .search("xyzzyplugh", 10)
        .await
        .expect("search")
        .is_empty());
}

async fn hostile_text_never_breaks_search(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    let long = "kursk ".repeat(2_000);
    let very_long_word = "a".repeat(10_240);
    let hostile = [
        "\"",
        "\"\"\"",
        "kursk\"",
        "*",
        "kursk*",
        "-kursk",
        "- -",
        "NEAR",
        "NEAR(kursk troops, 2)",
        "kursk NEAR troops",
        "AND",
        "kursk AND",
        "OR OR",
        "NOT kursk",
        "(",
        "kursk)",
        "((kursk",
        "{title}: kursk",
        "title:kursk",
        "^kursk",
        "kursk + troops",
        "'; DROP TABLE events; --",
        "🙂",
        "🇰🇵 troops 🙂",
        "\u{0000}",
        "\u{202E}kursk",
        "ｋｕｒｓｋ",
        "Kürsk",
        long.as_str(),
        very_long_word.as_str(),
        "",
        "   ",
    ];
    for query in hostile {
        let result = store.search(query, 10).await;
        let shown: String = query.chars().take(40).collect();
        assert!(result.is_ok(), "{shown:?}: {result:?}");
    }
    // Operators are words, not syntax: "kursk AND" finds what "kursk and" finds.
    let with_operator = store.search("NOT kursk", 10).await.expect("search");
    let plain = store.search("not kursk", 10).await.expect("search");
    assert_eq!(with_operator, plain);
    // The injection attempt changed nothing.
    assert!(!store.search("kursk", 5).await.expect("search").is_empty());
    // Full-width letters and diacritics fold to the plain word.
    assert!(!store
        .search("ｋｕｒｓｋ", 5)
        .await
        .expect("search")
        .is_empty());
    assert!(!store.search("Kürsk", 5).await.expect("search").is_empty());
    assert!(store.search("🙂", 5).await.expect("search").is_empty());
}

async fn the_limit_is_respected(backend: Backend) {
    let (_database, store) = loaded_store(backend).await;
    assert_eq!(store.search("korea", 3).await.expect("search").len(), 3);
    assert!(store.search("korea", 0).await.expect("search").is_empty());
    assert!(
        store.search("korea", 10_000).await.expect("search").len()
            <= dossier_store::MAX_SEARCH_HITS
    );
}

on_both_backends!(
    equal_scores_are_ordered_by_id,
    a_search_read_page_by_page_is_the_whole_search,
    search_finds_records_of_every_kind_with_highlights,
    a_title_match_ranks_above_a_passing_mention,
    folded_words_find_punctuated_ones,
    the_last_word_may_be_unfinished_and_unknown_words_fall_back_to_any,
    hostile_text_never_breaks_search,
    the_limit_is_respected,
);
