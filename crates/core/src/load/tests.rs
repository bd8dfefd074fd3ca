//! Loading: what a data author sees when a file is wrong.

use serde_json::Value;

use crate::id::{ActorId, ClaimId, MeasureId, TermId};
use crate::model::{ActorKind, Citation, Figure};
use crate::test_dossier::{DossierBuilder, SECTIONS, SOURCE};

use super::*;

const SOURCE_TEXT: &str =
    "Reports said that around 11, 000 North Korean\n  personnel were deployed. \
                           Pyongyang’s agency called it “a sacred duty”.";

fn valid() -> Dossier {
    DossierBuilder::new()
        .actor(
            "north-korea",
            "North Korea",
            ActorKind::State,
            &["DPRK"],
            None,
        )
        .actor(
            "kcna-agency",
            "Korean Central News Agency",
            ActorKind::Media,
            &[],
            Some("north-korea"),
        )
        .event("treaty", "2024-06", "Treaty signed", &["north-korea"])
        .event(
            "confirmation",
            "2025-04-28",
            "Deployment confirmed",
            &["north-korea", "kcna-agency"],
        )
        .measure("personnel-deployed", "Personnel deployed")
        .estimate(
            "deployed",
            "personnel-deployed",
            Figure::Point(11_000),
            None,
            None,
        )
        .term("kcna", "KCNA", Some("Korean Central News Agency"), &[])
        .term(
            "un-charter",
            "U.N. Charter",
            None,
            &["United Nations Charter"],
        )
        .claim(
            "sacred-duty",
            "north-korea",
            Some("2025-04-28"),
            "Calls the deployment a duty.",
        )
        .edit(|dossier| {
            dossier.estimates[0].citations[0].excerpt =
                Some("around 11, 000 North Korean personnel were deployed.".to_owned());
            dossier.claims[0].excerpts =
                vec!["Pyongyang's agency called it \"a sacred duty\"".to_owned()];
            dossier.terms[0].see_also = vec![TermId::new("un-charter").unwrap()];
        })
        .build()
}

/// The seven files of `dossier`, owned so tests can edit them.
fn files_of(dossier: &Dossier) -> Vec<(&'static str, String)> {
    to_files(dossier).unwrap().into_iter().collect()
}

fn parse(files: &[(&'static str, String)]) -> Result<Dossier, LoadErrors> {
    let data: Vec<DataFile<'_>> = files
        .iter()
        .map(|(name, contents)| DataFile { name, contents })
        .collect();
    parse_dossier(&data, &[(SourceId::new(SOURCE).unwrap(), SOURCE_TEXT)])
}

/// Edits one file as JSON and writes it back pretty-printed.
fn edit_json(files: &mut [(&'static str, String)], name: &str, change: impl FnOnce(&mut Value)) {
    let file = files.iter_mut().find(|(file, _)| *file == name).unwrap();
    let mut value: Value = serde_json::from_str(&file.1).unwrap();
    change(&mut value);
    file.1 = serde_json::to_string_pretty(&value).unwrap();
}

/// The 1-based line of the first occurrence of `needle` in file `name`.
fn line_of(files: &[(&'static str, String)], name: &str, needle: &str) -> usize {
    let text = &files.iter().find(|(file, _)| *file == name).unwrap().1;
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {name}"));
    text[..offset].matches('\n').count() + 1
}

/// The only error loading `files` gives.
fn only_error(files: &[(&'static str, String)]) -> LoadError {
    let errors = parse(files).expect_err("the dossier should be refused").0;
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn a_valid_dossier_round_trips() {
    let dossier = valid();
    assert_eq!(parse(&files_of(&dossier)).unwrap(), dossier);
}

#[test]
fn syntax_errors_give_file_and_line() {
    let mut files = files_of(&valid());
    files[2].1 = "[\n  {\n    \"id\": \"treaty\"\n    \"date\": \"2024-06\"\n  }\n]".to_owned();
    let error = only_error(&files);
    assert_eq!((error.file.as_str(), error.line), ("events.json", Some(4)));
    assert!(error.message.contains("expected"), "{}", error.message);

    files[2].1 = "[] trailing".to_owned();
    assert_eq!(only_error(&files).line, Some(1));
}

#[test]
fn unknown_fields_are_refused_at_their_path() {
    let mut files = files_of(&valid());
    edit_json(&mut files, "events.json", |events| {
        events[1]["colour"] = "red".into()
    });
    let error = only_error(&files);
    assert_eq!(error.path, "$[1].colour");
    assert_eq!(
        error.line,
        Some(line_of(&files, "events.json", "\"colour\""))
    );
    assert!(
        error.message.contains("unknown field `colour`"),
        "{}",
        error.message
    );
}

#[test]
fn bad_dates_and_ids_are_refused_at_their_path() {
    let mut files = files_of(&valid());
    edit_json(&mut files, "events.json", |events| {
        events[1]["date"] = "2025-13".into()
    });
    let error = only_error(&files);
    assert_eq!(
        error.to_string(),
        format!(
            "events.json: $[1].date (line {}): invalid EDTF date \"2025-13\": the month must be \
             01-12 (or a season 21-24)",
            line_of(&files, "events.json", "2025-13")
        )
    );

    let mut files = files_of(&valid());
    edit_json(&mut files, "terms.json", |terms| {
        terms[0]["see_also"][0] = "UN Charter".into()
    });
    let error = only_error(&files);
    assert_eq!(
        (error.file.as_str(), error.path.as_str()),
        ("terms.json", "$[0].see_also[0]")
    );
    assert!(error.message.contains("invalid id"), "{}", error.message);
}

#[test]
fn a_range_with_low_above_high_is_refused() {
    let mut files = files_of(&valid());
    edit_json(&mut files, "estimates.json", |estimates| {
        let record = estimates[0].as_object_mut().unwrap();
        record.remove("value");
        record.insert("low".to_owned(), 14_000.into());
        record.insert("high".to_owned(), 10_000.into());
    });
    let error = only_error(&files);
    assert_eq!(
        (error.file.as_str(), error.path.as_str()),
        ("estimates.json", "$[0]")
    );
    assert_eq!(error.line, Some(2));
    assert!(
        error
            .message
            .contains("low (14000) is greater than high (10000)"),
        "{}",
        error.message
    );
}

#[test]
fn duplicate_ids_name_the_first() {
    let mut dossier = valid();
    dossier.events[1].id = dossier.events[0].id.clone();
    let files = files_of(&dossier);
    let error = only_error(&files);
    assert_eq!(
        (error.file.as_str(), error.path.as_str()),
        ("events.json", "$[1].id")
    );
    assert_eq!(error.message, "duplicate id \"treaty\" (first at $[0])");
    let second_id_line = files[2]
        .1
        .match_indices("\"id\": \"treaty\"")
        .nth(1)
        .unwrap()
        .0;
    assert_eq!(
        error.line,
        Some(files[2].1[..second_id_line].matches('\n').count() + 1)
    );
}

#[test]
fn dangling_references_are_named() {
    let mut dossier = valid();
    dossier.events[1].actors[1] = ActorId::new("nk").unwrap();
    let files = files_of(&dossier);
    let error = only_error(&files);
    let line = line_of(&files, "events.json", "\"nk\"");
    assert_eq!(
        error.to_string(),
        format!("events.json: $[1].actors[1] (line {line}): unknown actor \"nk\"")
    );

    let mut dossier = valid();
    dossier.actors[1].part_of = Some(ActorId::new("nowhere").unwrap());
    dossier.estimates[0].measure = MeasureId::new("casualties").unwrap();
    dossier.terms[0].see_also = vec![TermId::new("glossary").unwrap()];
    dossier.claims[0].counter_claims = vec![ClaimId::new("missing").unwrap()];
    dossier.terms[1].citations[0].source = SourceId::new("other-report").unwrap();
    let errors = parse(&files_of(&dossier)).unwrap_err().to_string();
    for expected in [
        "actors.json: $[1].part_of (line 15): unknown actor \"nowhere\"",
        "estimates.json: $[0].measure (line 4): unknown measure \"casualties\"",
        "terms.json: $[0].see_also[0]",
        "unknown term \"glossary\"",
        "claims.json: $[0].counter_claims[0]",
        "unknown claim \"missing\"",
        "terms.json: $[1].citations[0].source",
        "unknown source \"other-report\"",
    ] {
        assert!(
            errors.contains(expected),
            "{expected:?} missing from:\n{errors}"
        );
    }
}

#[test]
fn citations_must_name_a_section_of_their_source() {
    let mut dossier = valid();
    let elsewhere = Citation {
        section: "Conclusions".to_owned(),
        ..dossier.terms[1].citations[0].clone()
    };
    dossier.terms[1].citations.push(elsewhere);
    let files = files_of(&dossier);
    let error = only_error(&files);
    assert_eq!(
        (error.file.as_str(), error.path.as_str()),
        ("terms.json", "$[1].citations[1].section")
    );
    assert_eq!(
        error.line,
        Some(line_of(&files, "terms.json", "Conclusions"))
    );
    assert_eq!(
        error.message,
        format!("section \"Conclusions\" is not a section of source \"{SOURCE}\"")
    );
    assert!(SECTIONS.iter().all(|section| *section != "Conclusions"));
}

#[test]
fn empty_text_is_refused() {
    let mut dossier = valid();
    dossier.terms[0].definition = "  ".to_owned();
    dossier.events[0].tags = vec![String::new()];
    let errors = parse(&files_of(&dossier)).unwrap_err().0;
    let found: Vec<(String, String, String)> = errors
        .into_iter()
        .map(|error| (error.file, error.path, error.message))
        .collect();
    assert!(found.contains(&(
        "events.json".into(),
        "$[0].tags[0]".into(),
        "must not be empty".into()
    )));
    assert!(found.contains(&(
        "terms.json".into(),
        "$[0].definition".into(),
        "must not be empty".into()
    )));
    assert_eq!(found.len(), 2);
}

#[test]
fn excerpts_must_be_in_the_source_text() {
    // Whitespace and curly quotes aside, the excerpts of `valid()` are verbatim.
    assert!(parse(&files_of(&valid())).is_ok());

    let mut dossier = valid();
    dossier.estimates[0].citations[0].excerpt =
        Some("around 12,000 North Korean personnel".to_owned());
    dossier.claims[0].excerpts.push("a holy duty".to_owned());
    let errors = parse(&files_of(&dossier)).unwrap_err().0;
    let paths: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.file.as_str(), e.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("estimates.json", "$[0].citations[0].excerpt"),
            ("claims.json", "$[0].excerpts[1]")
        ]
    );
    assert!(
        errors[0].message.starts_with("excerpt not found verbatim"),
        "{}",
        errors[0].message
    );

    // Without the source's text the excerpt cannot be checked, and is accepted.
    let files = files_of(&dossier);
    let data: Vec<DataFile<'_>> = files
        .iter()
        .map(|(name, contents)| DataFile { name, contents })
        .collect();
    assert!(parse_dossier(&data, &[]).is_ok());
}

#[test]
fn a_name_shared_by_two_terms_is_refused() {
    let mut dossier = valid();
    dossier.terms[1].aliases.push("K.C.N.A.".to_owned());
    let error = only_error(&files_of(&dossier));
    assert_eq!(
        (error.file.as_str(), error.path.as_str()),
        ("terms.json", "$[1].aliases[1]")
    );
    assert_eq!(error.message, "\"K.C.N.A.\" is also a name of \"kcna\"");
}

#[test]
fn every_error_is_reported_and_nothing_is_half_loaded() {
    let mut files = files_of(&valid());
    files[0].1 = "{".to_owned();
    edit_json(&mut files, "claims.json", |claims| {
        claims[0]["kind"] = "rumour".into()
    });
    files.retain(|(name, _)| *name != "measures.json");
    files.push(("notes.json", "[]".to_owned()));
    let errors = parse(&files).unwrap_err();
    let listed: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|e| (e.file.as_str(), e.path.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("notes.json", "$"),
            ("measures.json", "$"),
            ("sources.json", "$"),
            ("claims.json", "$[0].kind"),
        ]
    );
    let shown = errors.to_string();
    assert!(
        shown.starts_with("4 problems in the dossier\n  notes.json: $: not a dossier file"),
        "{shown}"
    );
    assert!(
        shown.contains("measures.json: $: file is missing"),
        "{shown}"
    );
}

#[test]
fn the_content_hash_follows_the_content() {
    let dossier = valid();
    let hash = dossier.content_hash();
    assert_eq!(hash.len(), 64);
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(parse(&files_of(&dossier)).unwrap().content_hash(), hash);
    let mut changed = dossier.clone();
    changed.terms[0].definition.push('!');
    assert_ne!(changed.content_hash(), hash);
}
