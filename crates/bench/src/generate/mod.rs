//! Synthetic dossiers of any size: valid for [`dossier_core::parse_dossier`], deterministic
//! from a seed, and written record by record so a million events never sit in memory twice.

mod content;
mod dates;
mod names;
mod reference;
mod words;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use dossier_core::{Dossier, EdtfError, InvalidId, Measure};
use serde::Serialize;

use crate::generate::content::{ClaimMaker, EstimateMaker, EventMaker, TermMaker};

/// How large a synthetic dossier is, and the seed that fixes its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DossierSpec {
    /// Events on the timeline.
    pub events: usize,
    /// Glossary terms.
    pub terms: usize,
    /// Estimates, spread over [`DossierSpec::measures`] measures.
    pub estimates: usize,
    /// Attributed claims.
    pub claims: usize,
    /// Same seed and sizes, same dossier, byte for byte.
    pub seed: u64,
}

/// How many estimates each measure gets, so most measures show a disagreement.
const ESTIMATES_PER_MEASURE: usize = 6;

impl DossierSpec {
    /// A spec with `events` events and proportionate other tables: a tenth as many terms (at
    /// most 100,000), a fiftieth as many estimates and a twentieth as many claims, never
    /// fewer than the shipped dossier has.
    pub fn scaled(events: usize, seed: u64) -> DossierSpec {
        DossierSpec {
            events,
            terms: (events / 10).clamp(11, 100_000),
            estimates: (events / 50).max(6),
            claims: (events / 20).max(24),
            seed,
        }
    }

    /// How many measures the estimates are spread over (at least one when there are any).
    pub fn measures(&self) -> usize {
        self.estimates.div_ceil(ESTIMATES_PER_MEASURE)
    }
}

/// Why a dossier could not be generated or written.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// A generated id was not a valid slug (a bug in the generator).
    #[error("generated an invalid id: {0}")]
    Id(#[from] InvalidId),
    /// A generated date was not valid EDTF (a bug in the generator).
    #[error("generated an invalid date: {0}")]
    Date(#[from] EdtfError),
    /// Unique names of one kind ran out.
    #[error("ran out of unique {0}")]
    Exhausted(&'static str),
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A record could not be serialized.
    #[error("cannot serialize a record: {0}")]
    Json(#[from] serde_json::Error),
}

/// Where generated records go: a vector, or a JSON array on disk.
trait RecordSink<T> {
    fn push(&mut self, record: T) -> Result<(), GenerateError>;
}

impl<T> RecordSink<T> for Vec<T> {
    fn push(&mut self, record: T) -> Result<(), GenerateError> {
        Vec::push(self, record);
        Ok(())
    }
}

/// A JSON array written one compact record per line.
struct JsonArrayFile {
    path: PathBuf,
    out: BufWriter<File>,
    empty: bool,
}

impl JsonArrayFile {
    fn create(path: PathBuf) -> Result<JsonArrayFile, GenerateError> {
        let file = File::create(&path).map_err(|source| GenerateError::Io {
            path: path.clone(),
            source,
        })?;
        let mut array = JsonArrayFile {
            path,
            out: BufWriter::with_capacity(1 << 20, file),
            empty: true,
        };
        array.write(b"[")?;
        Ok(array)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), GenerateError> {
        self.out
            .write_all(bytes)
            .map_err(|source| GenerateError::Io {
                path: self.path.clone(),
                source,
            })
    }

    fn finish(mut self) -> Result<(), GenerateError> {
        self.write(if self.empty { b"]\n" } else { b"\n]\n" })?;
        self.out.flush().map_err(|source| GenerateError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

impl<T: Serialize> RecordSink<T> for JsonArrayFile {
    fn push(&mut self, record: T) -> Result<(), GenerateError> {
        self.write(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        serde_json::to_writer(&mut self.out, &record)?;
        Ok(())
    }
}

/// The sinks of the seven files, in [`dossier_core::FILE_NAMES`] order.
struct Sinks<'a, S, A, V, M, E, T, C> {
    sources: &'a mut S,
    actors: &'a mut A,
    events: &'a mut V,
    measures: &'a mut M,
    estimates: &'a mut E,
    terms: &'a mut T,
    claims: &'a mut C,
}

fn fill<S, A, V, M, E, T, C>(
    spec: &DossierSpec,
    sinks: &mut Sinks<'_, S, A, V, M, E, T, C>,
) -> Result<(), GenerateError>
where
    S: RecordSink<dossier_core::Source>,
    A: RecordSink<dossier_core::Actor>,
    V: RecordSink<dossier_core::Event>,
    M: RecordSink<Measure>,
    E: RecordSink<dossier_core::Estimate>,
    T: RecordSink<dossier_core::Term>,
    C: RecordSink<dossier_core::Claim>,
{
    let sources = reference::sources(spec.seed)?;
    let actors = reference::actors(spec.seed)?;
    let measures = reference::measures(spec.seed, spec.measures())?;
    for source in &sources {
        sinks.sources.push(source.clone())?;
    }
    for actor in &actors {
        sinks.actors.push(actor.clone())?;
    }
    let mut events = EventMaker::new(spec.seed, &sources, &actors);
    for index in 0..spec.events {
        sinks.events.push(events.make(index)?)?;
    }
    for measure in &measures {
        sinks.measures.push(measure.clone())?;
    }
    let mut estimates = EstimateMaker::new(spec.seed, &sources, &actors, &measures);
    for index in 0..spec.estimates {
        sinks.estimates.push(estimates.make(index)?)?;
    }
    let mut terms = TermMaker::new(spec.seed, &sources);
    for _ in 0..spec.terms {
        sinks.terms.push(terms.make()?)?;
    }
    let mut claims = ClaimMaker::new(spec.seed, &sources, &actors);
    for _ in 0..spec.claims {
        sinks.claims.push(claims.make()?)?;
    }
    Ok(())
}

/// The synthetic dossier of `spec`, in memory.
pub fn generate_dossier(spec: &DossierSpec) -> Result<Dossier, GenerateError> {
    let mut dossier = Dossier::default();
    fill(
        spec,
        &mut Sinks {
            sources: &mut dossier.sources,
            actors: &mut dossier.actors,
            events: &mut dossier.events,
            measures: &mut dossier.measures,
            estimates: &mut dossier.estimates,
            terms: &mut dossier.terms,
            claims: &mut dossier.claims,
        },
    )?;
    Ok(dossier)
}

/// Writes the synthetic dossier of `spec` as the seven files of a dossier folder in `dir`
/// (created if missing), streaming records to disk.
pub fn write_dossier(spec: &DossierSpec, dir: &Path) -> Result<(), GenerateError> {
    fs::create_dir_all(dir).map_err(|source| GenerateError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let [sources, actors, events, measures, estimates, terms, claims] =
        dossier_core::FILE_NAMES.map(|name| dir.join(name));
    let mut sources = JsonArrayFile::create(sources)?;
    let mut actors = JsonArrayFile::create(actors)?;
    let mut events = JsonArrayFile::create(events)?;
    let mut measures = JsonArrayFile::create(measures)?;
    let mut estimates = JsonArrayFile::create(estimates)?;
    let mut terms = JsonArrayFile::create(terms)?;
    let mut claims = JsonArrayFile::create(claims)?;
    fill(
        spec,
        &mut Sinks {
            sources: &mut sources,
            actors: &mut actors,
            events: &mut events,
            measures: &mut measures,
            estimates: &mut estimates,
            terms: &mut terms,
            claims: &mut claims,
        },
    )?;
    for file in [sources, actors, events, measures, estimates, terms, claims] {
        file.finish()?;
    }
    Ok(())
}
