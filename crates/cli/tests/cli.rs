//! The `dossier` binary as a user runs it: answers, exit codes, JSON, and bad data folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env_remove("DOSSIER_DATA")
        .env_remove("DATABASE_URL")
        .env("NO_COLOR", "1")
        .output()
        .expect("the dossier binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn answered(args: &[&str]) -> String {
    let output = dossier(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?} failed: {}",
        stderr(&output)
    );
    stdout(&output)
}

fn shipped_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// A copy of the shipped data folder that a test may break.
fn data_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(shipped_data()).expect("data folder") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    dir
}

#[test]
fn define_names_the_agency_and_cites_the_glossary() {
    let text = answered(&["define", "KCNA"]);
    assert!(text.contains("Korean Central News Agency"), "{text}");
    assert!(text.contains("§ Glossary"), "{text}");
}

#[test]
fn define_accepts_other_spellings() {
    for spelling in ["u.n. charter", "UN Charter", "United Nations Charter"] {
        let text = answered(&["define", spelling]);
        assert!(text.starts_with("U.N. Charter"), "{spelling}: {text}");
    }
}

#[test]
fn an_unknown_term_exits_1_with_suggestions() {
    let output = dossier(&["define", "KCAN"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Did you mean: KCNA"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn timeline_is_chronological_and_flags_disputed_dates() {
    let text = answered(&["timeline"]);
    let korean_war = text.find("Korean War").expect("Korean War listed");
    let treaty = text
        .find("Strategic Partnership Treaty")
        .expect("treaty listed");
    let confirmation = text
        .find("[kcna-first-confirmation]")
        .expect("confirmation listed");
    assert!(korean_war < treaty && treaty < confirmation, "{text}");
    assert!(text.contains("Jan–Feb 2025"), "{text}");
    assert!(text.contains("late 2024 (approx.)"), "{text}");
    let confirmation_line = text
        .lines()
        .find(|line| line.contains("[kcna-first-confirmation]"))
        .unwrap_or_default();
    assert!(
        confirmation_line.contains("sources disagree"),
        "{confirmation_line}"
    );
}

#[test]
fn timeline_filters_by_date_and_actor_family() {
    let text = answered(&["timeline", "--from", "2025-04"]);
    assert!(!text.contains("Korean War"), "{text}");
    assert!(text.contains("[kcna-first-confirmation]"), "{text}");
    // JCS and the NIS are part of South Korea.
    let text = answered(&["timeline", "--actor", "South Korea", "--to", "2025-03"]);
    assert!(
        text.contains("[jcs-assessment]") && text.contains("[nis-assessment]"),
        "{text}"
    );
    assert!(!text.contains("[korean-war]"), "{text}");
}

#[test]
fn timeline_refuses_a_bad_date_and_an_unknown_actor() {
    let output = dossier(&["timeline", "--from", "April 2025"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("EDTF"), "{}", stderr(&output));
    let output = dossier(&["timeline", "--actor", "Atlantis"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn event_shows_both_readings_of_a_disputed_date() {
    let text = answered(&["event", "kcna-first-confirmation"]);
    assert!(text.contains("Sources disagree on the date"), "{text}");
    assert!(
        text.contains("27 Apr 2025") && text.contains("28 Apr 2025"),
        "{text}"
    );
    assert_eq!(dossier(&["event", "no-such-event"]).status.code(), Some(1));
}

#[test]
fn estimates_show_every_figure_and_flag_the_disagreement() {
    let text = answered(&["estimates"]);
    for figure in [
        "about 11,000",
        "about 10,000–14,000",
        "about 10,000–12,000",
        "about 3,000",
        "about 4,000",
    ] {
        assert!(text.contains(figure), "{figure} missing: {text}");
    }
    assert!(text.contains("Sources disagree"), "{text}");
    assert!(text.contains("U.S. intelligence"), "{text}");
}

#[test]
fn estimates_json_marks_which_measures_disagree() {
    let json: serde_json::Value =
        serde_json::from_str(&answered(&["--json", "estimates"])).expect("JSON");
    let measures = json["measures"].as_array().expect("measures");
    let disagreeing: Vec<&str> = measures
        .iter()
        .filter(|group| group["disagreement"] == true)
        .map(|group| group["measure"]["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(disagreeing, ["personnel-deployed"]);
}

#[test]
fn claims_by_actor_keep_their_attribution() {
    let text = answered(&["claims", "--actor", "Russia"]);
    assert!(text.contains("Russia"), "{text}");
    assert!(!text.contains("National Intelligence Service —"), "{text}");
    let all = answered(&["claims"]);
    assert!(all.lines().count() > text.lines().count());
}

#[test]
fn search_sources_and_about_answer() {
    assert!(answered(&["search", "drone"]).contains("Modern Warfare"));
    let output = dossier(&["search", "\"unbalanced ( NEAR *"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let sources = answered(&["sources"]);
    assert!(
        sources.contains("goover") && sources.contains("General Report"),
        "{sources}"
    );
    assert!(answered(&["about"]).contains("11 glossary terms"));
}

#[test]
fn glossary_lists_all_eleven_terms() {
    let json: serde_json::Value =
        serde_json::from_str(&answered(&["--json", "glossary"])).expect("JSON");
    assert_eq!(json["terms"].as_array().map(Vec::len), Some(11));
}

#[test]
fn validate_accepts_the_shipped_data() {
    let data = shipped_data();
    let text = answered(&["validate", data.to_str().expect("utf-8 path")]);
    assert!(text.contains("valid"), "{text}");
}

#[test]
fn a_malformed_file_is_named_with_its_json_path() {
    let dir = data_copy();
    let events = dir.path().join("events.json");
    let broken = std::fs::read_to_string(&events).expect("events").replacen(
        "\"date\": \"1950/1953\"",
        "\"date\": \"1950/13\"",
        1,
    );
    std::fs::write(&events, broken).expect("write");
    for args in [
        vec!["validate", dir.path().to_str().expect("path")],
        vec!["--data", dir.path().to_str().expect("path"), "timeline"],
    ] {
        let output = dossier(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains("events.json: $[0].date"), "{message}");
        assert!(message.contains("1950/13"), "{message}");
    }
}

#[test]
fn import_is_a_no_op_when_unchanged_and_answers_from_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dossier.db");
    let db = db.to_str().expect("path");
    assert!(answered(&["--db", db, "import"]).contains("imported"));
    assert!(answered(&["--db", db, "import"]).contains("unchanged"));
    assert!(answered(&["--db", db, "define", "KCNA"]).contains("Korean Central News Agency"));
}

#[test]
fn a_failed_import_keeps_the_previous_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("dossier.db");
    let db = db.to_str().expect("path");
    answered(&["--db", db, "import"]);
    let data = data_copy();
    std::fs::write(data.path().join("terms.json"), "[{\"id\": \"kcna\"").expect("write");
    let output = dossier(&["--db", db, "import", data.path().to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("terms.json"),
        "{}",
        stderr(&output)
    );
    assert!(answered(&["--db", db, "define", "KCNA"]).contains("Korean Central News Agency"));
}

#[test]
fn a_missing_database_is_a_clear_error() {
    let output = dossier(&["--db", "/nonexistent/dossier.db", "timeline"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no database"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn png_charts_are_written_for_estimates_and_the_timeline() {
    let dir = tempfile::tempdir().expect("temp dir");
    for command in ["estimates", "timeline"] {
        let path = dir.path().join(format!("{command}.png"));
        let text = answered(&[command, "--png", path.to_str().expect("path")]);
        assert!(!text.is_empty(), "the text answer is still printed");
        let bytes = std::fs::read(&path).expect("chart written");
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{command} wrote a PNG"
        );
        assert!(bytes.len() > 10_000, "{command} chart is not blank");
    }
}

#[test]
fn an_empty_timeline_cannot_be_charted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.png");
    let output = dossier(&[
        "timeline",
        "--from",
        "2030",
        "--png",
        path.to_str().expect("path"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("nothing to chart"),
        "{}",
        stderr(&output)
    );
    assert!(!path.exists());
}
