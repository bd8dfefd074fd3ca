//! The shipped dossier (`data/`, compiled in): it validates against the report's own text, and
//! every term, estimate, event and disagreement in it can be asked for.

mod against_report;
mod estimates;
mod events_and_claims;
mod glossary;

use std::path::PathBuf;

const SOURCE_ID: &str = "nk-troops-kursk-2025";
const REPORT_FILE: &str = "nk-troops-kursk-report-2025-04-28.txt";

/// The report's full text: `DOSSIER_SOURCE_TEXT`, else the shared copy beside the checkout.
/// Under CI the text must be found; elsewhere the checks that need it are skipped without it.
pub(crate) fn report_text() -> Option<String> {
    let path = std::env::var_os("DOSSIER_SOURCE_TEXT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/sources")
                .join(REPORT_FILE)
        });
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) if std::env::var("CI").is_ok_and(|value| value == "true") => panic!(
            "CI=true but the report text is not readable at {}: {error}",
            path.display()
        ),
        Err(_) => None,
    }
}

/// Whitespace collapsed and curly quotes straightened, as excerpts are compared.
pub(crate) fn normalized(text: &str) -> String {
    let straight: String = text
        .chars()
        .map(|character| match character {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            other => other,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}
