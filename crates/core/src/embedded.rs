//! The shipped dossier (`data/*.json`), compiled into every binary and parsed once.

use std::sync::OnceLock;

use crate::load::{parse_dossier, DataFile, LoadErrors};
use crate::model::Dossier;

/// One shipped data file, named once: the name is both the `DataFile` name and the path under
/// `data/`.
macro_rules! shipped {
    ($name:literal) => {
        DataFile {
            name: $name,
            contents: include_str!(concat!("../../../data/", $name)),
        }
    };
}

/// The shipped data files, in [`crate::FILE_NAMES`] order.
pub fn embedded_files() -> [DataFile<'static>; 7] {
    [
        shipped!("sources.json"),
        shipped!("actors.json"),
        shipped!("events.json"),
        shipped!("measures.json"),
        shipped!("estimates.json"),
        shipped!("terms.json"),
        shipped!("claims.json"),
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
