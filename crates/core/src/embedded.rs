//! The shipped dossier (`data/*.json`), compiled into every binary and parsed once.

use std::sync::OnceLock;

use crate::load::{parse_dossier, DataFile, LoadErrors};
use crate::model::Dossier;

/// The shipped data files, in [`crate::FILE_NAMES`] order.
pub fn embedded_files() -> [DataFile<'static>; 7] {
    [
        DataFile {
            name: "sources.json",
            contents: include_str!("../../../data/sources.json"),
        },
        DataFile {
            name: "actors.json",
            contents: include_str!("../../../data/actors.json"),
        },
        DataFile {
            name: "events.json",
            contents: include_str!("../../../data/events.json"),
        },
        DataFile {
            name: "measures.json",
            contents: include_str!("../../../data/measures.json"),
        },
        DataFile {
            name: "estimates.json",
            contents: include_str!("../../../data/estimates.json"),
        },
        DataFile {
            name: "terms.json",
            contents: include_str!("../../../data/terms.json"),
        },
        DataFile {
            name: "claims.json",
            contents: include_str!("../../../data/claims.json"),
        },
    ]
}

static EMBEDDED: OnceLock<Result<Dossier, LoadErrors>> = OnceLock::new();

/// The shipped dossier, or every problem in it. Parsed on first use.
pub fn try_embedded() -> Result<&'static Dossier, &'static LoadErrors> {
    EMBEDDED
        .get_or_init(|| parse_dossier(&embedded_files(), &[]))
        .as_ref()
}

/// The shipped dossier, parsed on first use.
///
/// # Panics
/// When the shipped data does not validate, which the test suite rules out before release
/// (use [`try_embedded`] to handle it instead).
pub fn embedded() -> &'static Dossier {
    match try_embedded() {
        Ok(dossier) => dossier,
        Err(errors) => panic!("the shipped dossier is invalid: {errors}"),
    }
}
