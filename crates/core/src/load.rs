//! Reading a dossier from the text of its JSON files: strict parsing with the JSON path and line
//! of every error, then validation of the whole. The caller reads the files; nothing here does IO.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::id::SourceId;
use crate::json_path::JsonPath;
use crate::model::Dossier;
use crate::validate::validate;

/// The file of each kind of record, in the order records depend on each other.
pub const FILE_NAMES: [&str; 7] = [
    "sources.json",
    "actors.json",
    "events.json",
    "measures.json",
    "estimates.json",
    "terms.json",
    "claims.json",
];

/// The name and text of one data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataFile<'a> {
    /// File name without folder, one of [`FILE_NAMES`].
    pub name: &'a str,
    /// The JSON text.
    pub contents: &'a str,
}

/// One problem in the data, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The data file, e.g. "events.json".
    pub file: String,
    /// Where in it, as a JSON path like `$[3].actors[1]`.
    pub path: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LoadError {
    /// `events.json: $[3].actors[1] (line 42): unknown actor "nk"`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.path)?;
        if let Some(line) = self.line {
            write!(f, " (line {line})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found; a dossier with any is not loaded at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(
            f,
            "{count} problem{} in the dossier",
            if count == 1 { "" } else { "s" }
        )?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

fn error(file: &str, path: &JsonPath, line: Option<usize>, message: String) -> LoadError {
    LoadError {
        file: file.to_owned(),
        path: path.to_string(),
        line,
        message,
    }
}

/// Parses one file as an array of records, refusing unknown fields and bad values.
fn parse_file<T: DeserializeOwned>(file: &DataFile<'_>) -> Result<Vec<T>, LoadError> {
    let mut deserializer = serde_json::Deserializer::from_str(file.contents);
    let parsed = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|failure| (JsonPath::from_serde(failure.path()), failure.into_inner()))
        .and_then(|records| {
            deserializer
                .end()
                .map(|()| records)
                .map_err(|inner| (JsonPath::root(), inner))
        });
    parsed.map_err(|(path, inner)| {
        let serde_line = (inner.line() > 0).then_some(inner.line());
        let line = if inner.is_data() {
            path.line_in(file.contents).or(serde_line)
        } else {
            serde_line
        };
        // serde_json appends " at line L column C"; the line is reported separately.
        let mut message = inner.to_string();
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        error(file.name, &path, line, message)
    })
}

/// Parses and validates a whole dossier from its seven files (see [`FILE_NAMES`]).
///
/// `source_texts` gives the full text of any sources at hand; every excerpt citing one of them
/// must then be found in it verbatim (whitespace and curly quotes aside). All problems are
/// reported together, each with its file, JSON path and line.
pub fn parse_dossier(
    files: &[DataFile<'_>],
    source_texts: &[(SourceId, &str)],
) -> Result<Dossier, LoadErrors> {
    let mut errors = Vec::new();
    for (index, file) in files.iter().enumerate() {
        if !FILE_NAMES.contains(&file.name) {
            let message = format!(
                "not a dossier file; expected one of {}",
                FILE_NAMES.join(", ")
            );
            errors.push(error(file.name, &JsonPath::root(), None, message));
        } else if files[..index]
            .iter()
            .any(|earlier| earlier.name == file.name)
        {
            let message = "given twice".to_owned();
            errors.push(error(file.name, &JsonPath::root(), None, message));
        }
    }
    let file_named = |name: &str| files.iter().find(|file| file.name == name);
    for name in FILE_NAMES {
        if file_named(name).is_none() {
            errors.push(error(
                name,
                &JsonPath::root(),
                None,
                "file is missing".to_owned(),
            ));
        }
    }
    fn take<T: DeserializeOwned>(
        file: Option<&DataFile<'_>>,
        errors: &mut Vec<LoadError>,
    ) -> Vec<T> {
        match file.map(parse_file) {
            Some(Ok(records)) => records,
            Some(Err(failure)) => {
                errors.push(failure);
                Vec::new()
            }
            None => Vec::new(),
        }
    }
    let dossier = Dossier {
        sources: take(file_named("sources.json"), &mut errors),
        actors: take(file_named("actors.json"), &mut errors),
        events: take(file_named("events.json"), &mut errors),
        measures: take(file_named("measures.json"), &mut errors),
        estimates: take(file_named("estimates.json"), &mut errors),
        terms: take(file_named("terms.json"), &mut errors),
        claims: take(file_named("claims.json"), &mut errors),
    };
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    let findings = validate(&dossier, source_texts);
    if findings.is_empty() {
        return Ok(dossier);
    }
    let errors = findings
        .into_iter()
        .map(|finding| {
            let line =
                file_named(finding.file).and_then(|file| finding.path.line_in(file.contents));
            error(finding.file, &finding.path, line, finding.message)
        })
        .collect();
    Err(LoadErrors(errors))
}

/// The JSON text of each data file for `dossier`, as [`FILE_NAMES`] order; what
/// [`parse_dossier`] reads back.
pub fn to_files(dossier: &Dossier) -> Result<[(&'static str, String); 7], serde_json::Error> {
    fn pretty<T: Serialize>(records: &[T]) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(records).map(|text| text + "\n")
    }
    Ok([
        (FILE_NAMES[0], pretty(&dossier.sources)?),
        (FILE_NAMES[1], pretty(&dossier.actors)?),
        (FILE_NAMES[2], pretty(&dossier.events)?),
        (FILE_NAMES[3], pretty(&dossier.measures)?),
        (FILE_NAMES[4], pretty(&dossier.estimates)?),
        (FILE_NAMES[5], pretty(&dossier.terms)?),
        (FILE_NAMES[6], pretty(&dossier.claims)?),
    ])
}

impl Dossier {
    /// SHA-256 (lowercase hex) of the dossier's canonical JSON: equal dossiers hash equally,
    /// and any change to any record changes it.
    pub fn content_hash(&self) -> String {
        // Serializing plain data into memory cannot fail; the fallback keeps this total.
        let canonical = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&canonical)
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests;
