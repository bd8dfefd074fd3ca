//! Reading a dossier folder from disk: the seven JSON files and any source texts beside them,
//! handed to core for parsing and validation.

use std::fs;
use std::path::{Path, PathBuf};

use dossier_core::load::{parse_dossier, DataFile, LoadErrors, FILE_NAMES};
use dossier_core::{Dossier, SourceId};

/// Why a dossier folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A file or the folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The files were read but the dossier is invalid; every problem names its file, JSON
    /// path and line.
    #[error(transparent)]
    Invalid(#[from] LoadErrors),
}

fn read_text(path: &Path) -> Result<String, ReadError> {
    fs::read_to_string(path).map_err(|source| ReadError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The `<source-id>.txt` files in `dir`: full texts of sources, used to check that every
/// cited excerpt appears verbatim.
fn source_texts(dir: &Path) -> Result<Vec<(SourceId, String)>, ReadError> {
    let entries = fs::read_dir(dir).map_err(|source| ReadError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut texts = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|source| ReadError::Io {
                path: dir.to_owned(),
                source,
            })?
            .path();
        if path.extension().and_then(|extension| extension.to_str()) != Some("txt") {
            continue;
        }
        let Some(id) = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .and_then(|stem| SourceId::new(stem).ok())
        else {
            continue;
        };
        texts.push((id, read_text(&path)?));
    }
    texts.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(texts)
}

/// Reads the dossier in `dir`: the seven files of [`FILE_NAMES`] (all required) and any
/// `<source-id>.txt` source texts, parsed and validated by [`parse_dossier`].
pub fn read_dossier_dir(dir: &Path) -> Result<Dossier, ReadError> {
    let contents: Vec<String> = FILE_NAMES
        .iter()
        .map(|name| read_text(&dir.join(name)))
        .collect::<Result<_, _>>()?;
    let files: Vec<DataFile<'_>> = FILE_NAMES
        .iter()
        .zip(&contents)
        .map(|(name, contents)| DataFile { name, contents })
        .collect();
    let texts = source_texts(dir)?;
    let borrowed: Vec<(SourceId, &str)> = texts
        .iter()
        .map(|(id, text)| (id.clone(), text.as_str()))
        .collect();
    Ok(parse_dossier(&files, &borrowed)?)
}
