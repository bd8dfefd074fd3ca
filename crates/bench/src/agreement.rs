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

/// Runs the comparison and prints its counts.
pub(crate) fn run(arguments: &AgreementArguments) -> anyhow::Result<()> {
    let dossier = generate_dossier(&DossierSpec::scaled(arguments.events, arguments.seed))?;
    let queries = misspellings(&dossier, arguments.queries, arguments.seed);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let store = Store::open_path(&arguments.db).await?;
        let (mut fuzzy, mut same_choices, mut same_suggestions) = (0, 0, 0);
        let (mut choice_times, mut define_times, mut core_times) = (vec![], vec![], vec![]);
        let mut answers = String::new();
        for query in &queries {
            let started = Instant::now();
            let ranked = rank(query, dossier.term_entries(), MAX_CHOICES);
            core_times.push(started.elapsed());
            fuzzy += usize::from(ranked.iter().any(|found| found.kind == MatchKind::Fuzzy));
            let expected: Vec<&str> = ranked.iter().map(|found| found.key.id.as_str()).collect();
            let started = Instant::now();
            let choices = store.complete_terms(query).await?;
            choice_times.push(started.elapsed());
            let got: Vec<&str> = choices.iter().map(|choice| choice.value.as_str()).collect();
            same_choices += usize::from(got == expected);
            let started = Instant::now();
            let stored = store.define(query).await?;
            define_times.push(started.elapsed());
            let suggested: Vec<&str> = match &stored {
                StoredDefinition::Found { term, .. } => vec![term.id.as_str()],
                StoredDefinition::NotFound { suggestions } => {
                    suggestions.iter().map(|term| term.id.as_str()).collect()
                }
            };
            let micros = |times: &[Duration]| times.last().map_or(0, Duration::as_micros);
            answers.push_str(&format!(
                "{query}\t{}\t{}\t{}\t{}\n",
                got.join(" "),
                suggested.join(" "),
                micros(&choice_times),
                micros(&define_times)
            ));
            let same = match (dossier.define(query), stored) {
                (Definition::Found { term, .. }, StoredDefinition::Found { term: found, .. }) => {
                    *term == found
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
            };
            same_suggestions += usize::from(same);
        }
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
        store.close().await;
        Ok(())
    })
}
