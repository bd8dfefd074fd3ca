//! `dossier-bench agreement`: how often the store's autocomplete and "did you mean" answers
//! for names typed with a mistake equal core's answers over the whole dossier, on a database
//! prepared from the same synthetic dossier, and how long the store took for them.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier_bench::{generate_dossier, DossierSpec, LatencySummary};
use dossier_core::{rank, Definition, Dossier, MatchKind, MAX_CHOICES};
use dossier_store::{Definition as StoredDefinition, Store};

/// Options of `dossier-bench agreement`.
#[derive(Debug, clap::Args)]
pub(crate) struct AgreementArguments {
    /// The database prepared with `dossier-bench prepare --events N --seed S`.
    #[arg(long)]
    db: PathBuf,
    /// The `--events` it was prepared with.
    #[arg(long)]
    events: usize,
    /// The `--seed` it was prepared with.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Misspelt names to ask about.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Also write the store's answers to this file, a line per query (the query, the choices'
    /// ids, the suggestions' ids, then the microseconds each took), so two builds can be shown
    /// to answer alike, and their times compared query by query.
    #[arg(long)]
    answers: Option<PathBuf>,
}

fn say(line: &str) -> anyhow::Result<()> {
    writeln!(std::io::stdout().lock(), "{line}")?;
    Ok(())
}

/// `text` with one typing mistake: a letter dropped, added, replaced or swapped with the next.
fn misspelt(random: &mut fastrand::Rng, text: &str) -> String {
    let mut characters: Vec<char> = text.chars().collect();
    let length = characters.len();
    if length < 2 {
        return text.to_owned();
    }
    match random.u8(0..4) {
        0 => {
            characters.remove(random.usize(0..length));
        }
        1 => characters.insert(random.usize(0..=length), random.lowercase()),
        2 => characters[random.usize(0..length)] = random.lowercase(),
        _ => {
            let at = random.usize(0..length - 1);
            characters.swap(at, at + 1);
        }
    }
    characters.into_iter().collect()
}

/// Names of terms typed with mistakes: a whole name with one or two, one word of it with one,
/// or the first letters of a word with one.
fn misspellings(dossier: &Dossier, count: usize, seed: u64) -> Vec<String> {
    let labels: Vec<&str> = dossier
        .term_entries()
        .iter()
        .flat_map(|entry| std::iter::once(entry.name).chain(entry.aliases.iter().copied()))
        .collect();
    let mut random = fastrand::Rng::with_seed(seed);
    (0..count)
        .map(|index| {
            let label = labels[random.usize(0..labels.len())];
            let words: Vec<&str> = label
                .split([' ', '–', '-'])
                .filter(|word| word.chars().count() >= 4)
                .collect();
            match (index % 4, words.is_empty()) {
                (0, _) | (_, true) => misspelt(&mut random, label),
                (1, _) => {
                    let once = misspelt(&mut random, label);
                    misspelt(&mut random, &once)
                }
                (2, _) => {
                    let word = words[random.usize(0..words.len())];
                    misspelt(&mut random, word)
                }
                _ => {
                    let word: Vec<char> = words[random.usize(0..words.len())].chars().collect();
                    let typed: String = word[..random.usize(3..=word.len())].iter().collect();
                    misspelt(&mut random, &typed)
                }
            }
        })
        .collect()
}

fn summary(times: &[Duration]) -> String {
    LatencySummary::of(times).map_or_else(String::new, |summary| {
        format!("p50 {:.2?}, p99 {:.2?}", summary.p50, summary.p99)
    })
}

/// The store's answers to one query, and how long each took.
struct StoreAnswers {
    choices: Vec<String>,
    choices_took: Duration,
    definition: StoredDefinition,
    definition_took: Duration,
}

/// Whether the store's definition (or suggestions) for `query` is core's.
fn same_definition(dossier: &Dossier, query: &str, stored: &StoredDefinition) -> bool {
    match (dossier.define(query), stored) {
        (Definition::Found { term, .. }, StoredDefinition::Found { term: found, .. }) => {
            *term == *found
        }
        (
            Definition::NotFound { suggestions },
            StoredDefinition::NotFound {
                suggestions: stored,
            },
        ) => suggestions
            .iter()
            .map(|term| &term.id)
            .eq(stored.iter().map(|term| &term.id)),
        _ => false,
    }
}

/// The ids the store suggested for a query, or the one it found.
fn suggested_ids(stored: &StoredDefinition) -> Vec<&str> {
    match stored {
        StoredDefinition::Found { term, .. } => vec![term.id.as_str()],
        StoredDefinition::NotFound { suggestions } => {
            suggestions.iter().map(|term| term.id.as_str()).collect()
        }
    }
}

/// Runs the comparison and prints its counts.
///
/// The store answers every query first, back to back as keystrokes come: core's ranking of
/// the whole glossary runs afterwards, so its work does not leave the store's questions to
/// start on caches it has filled with its own data.
pub(crate) fn run(arguments: &AgreementArguments) -> anyhow::Result<()> {
    let dossier = generate_dossier(&DossierSpec::scaled(arguments.events, arguments.seed))?;
    let queries = misspellings(&dossier, arguments.queries, arguments.seed);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let stored = runtime.block_on(async {
        let store = Store::open_path(&arguments.db).await?;
        // As the bot does after a launch, before anyone asks.
        let started = Instant::now();
        let held = store.warm_held_kinds().await?;
        say(&format!(
            "{held} kinds held (words and names) in {:.1} ms",
            started.elapsed().as_secs_f64() * 1e3
        ))?;
        let mut stored = Vec::with_capacity(queries.len());
        for query in &queries {
            let started = Instant::now();
            let choices = store.complete_terms(query).await?;
            let choices_took = started.elapsed();
            let started = Instant::now();
            let definition = store.define(query).await?;
            stored.push(StoreAnswers {
                choices: choices.into_iter().map(|choice| choice.value).collect(),
                choices_took,
                definition,
                definition_took: started.elapsed(),
            });
        }
        store.close().await;
        anyhow::Ok(stored)
    })?;
    let (mut fuzzy, mut same_choices, mut same_suggestions) = (0, 0, 0);
    let mut core_times = Vec::with_capacity(queries.len());
    let mut answers = String::new();
    for (query, answer) in queries.iter().zip(&stored) {
        let started = Instant::now();
        let ranked = rank(query, dossier.term_entries(), MAX_CHOICES);
        core_times.push(started.elapsed());
        fuzzy += usize::from(ranked.iter().any(|found| found.kind == MatchKind::Fuzzy));
        same_choices += usize::from(
            ranked
                .iter()
                .map(|found| found.key.id.as_str())
                .eq(answer.choices.iter().map(String::as_str)),
        );
        same_suggestions += usize::from(same_definition(&dossier, query, &answer.definition));
        answers.push_str(&format!(
            "{query}\t{}\t{}\t{}\t{}\n",
            answer.choices.join(" "),
            suggested_ids(&answer.definition).join(" "),
            answer.choices_took.as_micros(),
            answer.definition_took.as_micros()
        ));
    }
    let choice_times: Vec<Duration> = stored.iter().map(|answer| answer.choices_took).collect();
    let define_times: Vec<Duration> = stored.iter().map(|answer| answer.definition_took).collect();
    say(&format!(
        "{} misspelt names ({fuzzy} reach close spellings) over {} terms:",
        queries.len(),
        dossier.terms.len()
    ))?;
    say(&format!(
        "  autocomplete equal to core: {same_choices}/{}  (store {})",
        queries.len(),
        summary(&choice_times)
    ))?;
    say(&format!(
        "  define equal to core:       {same_suggestions}/{}  (store {})",
        queries.len(),
        summary(&define_times)
    ))?;
    say(&format!(
        "  core ranking the whole glossary: {}",
        summary(&core_times)
    ))?;
    if let Some(path) = &arguments.answers {
        std::fs::write(path, answers)
            .map_err(|error| anyhow::anyhow!("cannot write {}: {error}", path.display()))?;
    }
    Ok(())
}
