//! `dossier`: ask the report's dossier from a terminal. Exit 0 when answered, 1 when a name
//! matched nothing (suggestions on stderr), 2 on usage or data errors.
#![allow(clippy::print_stdout)]

mod args;
mod ask;
mod chart;
mod json;
mod style;
mod text;

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;
use dossier_core::Dossier;
use dossier_store::{read_dossier_dir, Store};

use crate::args::{Cli, Command};
use crate::ask::{describe_import, Names};
use crate::style::Style;

const NOT_FOUND: u8 = 1;
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("dossier: cannot start: {error}");
            return ExitCode::from(FAILURE);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("dossier: {error:#}");
            ExitCode::from(FAILURE)
        }
    }
}

/// The dossier to use: `--data DIR` when given, else the one built into the binary.
fn dossier(data: Option<&Path>) -> anyhow::Result<Dossier> {
    match data {
        Some(dir) => {
            read_dossier_dir(dir).with_context(|| format!("invalid dossier in {}", dir.display()))
        }
        None => Ok(dossier_core::try_embedded()
            .map_err(|errors| anyhow::anyhow!("the built-in dossier is invalid: {errors}"))?
            .clone()),
    }
}

fn database_url(db: Option<&Path>) -> String {
    match db {
        Some(path) => format!("sqlite://{}", path.display()),
        None => std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| dossier_store::DEFAULT_DATABASE_URL.to_owned()),
    }
}

/// `url` with any password in it replaced by `***`, for messages.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((user_info, host)) if user_info.contains(':') => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`dossier timeline | head`) is not an error.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let style = Style::for_stdout(cli.color);
    let store = match cli.command {
        Command::Validate { dir } => {
            let dossier = read_dossier_dir(&dir)
                .with_context(|| format!("invalid dossier in {}", dir.display()))?;
            let counts = dossier_store::RecordCounts::of(&dossier);
            print(&format!(
                "{}: valid ({} events, {} estimates, {} terms, {} claims, {} actors)\n",
                dir.display(),
                counts.events,
                counts.estimates,
                counts.terms,
                counts.claims,
                counts.actors
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Import { dir } => {
            let dossier = dossier(dir.as_deref().or(cli.data.as_deref()))?;
            let url = database_url(cli.db.as_deref());
            let store = Store::open(&url)
                .await
                .with_context(|| format!("cannot open the database {}", without_password(&url)))?;
            let report = store
                .import(&dossier)
                .await
                .context("import failed; the previous data is unchanged")?;
            print(&format!("{}\n", describe_import(&report)))?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => match &cli.db {
            Some(path) => {
                if !path.exists() {
                    anyhow::bail!(
                        "no database at {}; create it with `dossier --db {} import`",
                        path.display(),
                        path.display()
                    );
                }
                let store = Store::open_path(path)
                    .await
                    .with_context(|| format!("cannot open the database {}", path.display()))?;
                if store.content_hash().await?.is_none() {
                    anyhow::bail!(
                        "the database {} holds no dossier; run `dossier --db {} import`",
                        path.display(),
                        path.display()
                    );
                }
                store
            }
            None => {
                let store = Store::open_in_memory()
                    .await
                    .context("cannot open an in-memory database")?;
                store.import(&dossier(cli.data.as_deref())?).await?;
                store
            }
        },
    };
    let names = Names::load(&store).await?;
    let png = cli.command.png().cloned();
    match ask::ask(&store, cli.command).await? {
        Ok(answer) => {
            if let Some(path) = &png {
                let bytes = chart::draw(&answer, &names)?;
                std::fs::write(path, bytes)
                    .with_context(|| format!("cannot write the chart to {}", path.display()))?;
                eprintln!("dossier: chart written to {}", path.display());
            }
            if cli.json {
                print(&format!("{:#}\n", json::render(&answer, &names)))?;
            } else {
                print(&text::render(&answer, &names, style))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(not_found) => {
            if cli.json {
                print(&format!("{:#}\n", json::not_found(&not_found)))?;
            }
            let mut message = format!(
                "dossier: no {} matches “{}”",
                not_found.what, not_found.query
            );
            if !not_found.suggestions.is_empty() {
                message.push_str(&format!(
                    ". Did you mean: {}?",
                    not_found.suggestions.join(", ")
                ));
            }
            eprintln!("{message}");
            Ok(ExitCode::from(NOT_FOUND))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_password;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            without_password("postgres://dossier:s3cret@127.0.0.1:5432/db"),
            "postgres://dossier:***@127.0.0.1:5432/db"
        );
        assert_eq!(
            without_password("sqlite://dossier.db"),
            "sqlite://dossier.db"
        );
        assert_eq!(
            without_password("postgres://dossier@host/db"),
            "postgres://dossier@host/db"
        );
    }
}
