//! Usage counts per server: which commands and terms are asked for, by UTC day. Counts only;
//! no user ids. Counts arrive one at a time or, from a process that gathers them in memory, in
//! batches.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use dossier_core::Day;

use crate::backend::{Batch, Statement};
use crate::connection::Store;
use crate::error::StoreError;
use crate::guild::GuildId;
use crate::import::to_sql_integer;

/// Longest command or subject name kept; longer ones are cut.
const MAX_USAGE_NAME_CHARS: usize = 100;

/// How often one command or subject was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageCount {
    /// The command (e.g. "define") or subject (e.g. a term id).
    pub name: String,
    /// How many times.
    pub uses: u64,
}

/// A server's most used commands and subjects over a period, most used first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsageStats {
    /// Commands, most used first (ties by name).
    pub commands: Vec<UsageCount>,
    /// Subjects asked about (terms and the like), most used first (ties by name).
    pub subjects: Vec<UsageCount>,
}

/// Uses of one command (about one subject, if any) in one server on one day, gathered before
/// they are written by [`Store::record_usage_batch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageTally {
    /// The server.
    pub guild: GuildId,
    /// The UTC day of the uses.
    pub day: Day,
    /// The command, e.g. "define".
    pub command: String,
    /// What it was asked about, e.g. a term's name.
    pub subject: Option<String>,
    /// How many uses.
    pub uses: u64,
}

/// Today in UTC.
pub fn today_utc() -> Day {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    Day::from_day_number(i64::try_from(seconds / 86_400).unwrap_or(0))
}

/// `name` cut to [`MAX_USAGE_NAME_CHARS`], without NUL characters (which PostgreSQL text
/// cannot hold).
fn bounded(name: &str) -> String {
    name.chars()
        .filter(|character| *character != '\0')
        .take(MAX_USAGE_NAME_CHARS)
        .collect()
}

type CountRow = (String, i64);

fn counts(rows: Vec<CountRow>) -> Vec<UsageCount> {
    rows.into_iter()
        .map(|(name, uses)| UsageCount {
            name,
            uses: u64::try_from(uses).unwrap_or(0),
        })
        .collect()
}

impl Store {
    /// Counts one use of `command` in `guild` today (UTC), about `subject` if any.
    pub async fn record_usage(
        &self,
        guild: GuildId,
        command: &str,
        subject: Option<&str>,
    ) -> Result<(), StoreError> {
        self.record_usage_on(guild, today_utc(), command, subject)
            .await
    }

    /// Counts one use of `command` in `guild` on `day`, about `subject` if any.
    pub async fn record_usage_on(
        &self,
        guild: GuildId,
        day: Day,
        command: &str,
        subject: Option<&str>,
    ) -> Result<(), StoreError> {
        self.backend
            .executor()
            .execute(
                Statement::new(
                    "INSERT INTO guild_usage (guild_id, day, command, subject, uses) \
                     VALUES ($1, $2, $3, $4, 1) ON CONFLICT (guild_id, day, command, subject) \
                     DO UPDATE SET uses = guild_usage.uses + 1",
                )
                .integer(guild.sql())
                .integer(day.day_number())
                .text(bounded(command))
                .text(subject.map(bounded).unwrap_or_default()),
            )
            .await?;
        Ok(())
    }

    /// Adds every tally to the counts, all in one transaction: either all are counted or, on
    /// an error, none. Tallies of the same server, day, command and subject may repeat; they
    /// add up.
    pub async fn record_usage_batch(&self, tallies: &[UsageTally]) -> Result<(), StoreError> {
        // Rows of one statement must differ in their key (PostgreSQL refuses to update one
        // row twice), and writing keys in one order keeps concurrent processes from
        // deadlocking each other on PostgreSQL.
        let mut merged: BTreeMap<(i64, i64, String, String), i64> = BTreeMap::new();
        for tally in tallies.iter().filter(|tally| tally.uses > 0) {
            let key = (
                tally.guild.sql(),
                tally.day.day_number(),
                bounded(&tally.command),
                tally.subject.as_deref().map(bounded).unwrap_or_default(),
            );
            let uses = i64::try_from(tally.uses).unwrap_or(i64::MAX);
            let total = merged.entry(key).or_insert(0);
            *total = total.saturating_add(uses);
        }
        if merged.is_empty() {
            return Ok(());
        }
        let mut batch =
            Batch::new("INSERT INTO guild_usage (guild_id, day, command, subject, uses) VALUES")
                .ending_with(
                    "ON CONFLICT (guild_id, day, command, subject) \
                 DO UPDATE SET uses = guild_usage.uses + excluded.uses",
                );
        for ((guild, day, command, subject), uses) in merged {
            batch.push(
                Statement::new("($1, $2, $3, $4, $5)")
                    .integer(guild)
                    .integer(day)
                    .text(command)
                    .text(subject)
                    .integer(uses),
            );
        }
        let mut transaction = self.backend.write().await?;
        batch.execute(&mut transaction).await?;
        transaction.commit().await?;
        Ok(())
    }

    /// `guild`'s `limit` most used commands and subjects from `since` (inclusive, UTC) on.
    pub async fn usage_stats(
        &self,
        guild: GuildId,
        since: Day,
        limit: usize,
    ) -> Result<UsageStats, StoreError> {
        let mut transaction = self.backend.read().await?;
        let commands: Vec<CountRow> = transaction
            .executor()
            .fetch_all(
                Statement::new(
                    "SELECT command, CAST(SUM(uses) AS BIGINT) AS total FROM guild_usage \
                     WHERE guild_id = $1 AND day >= $2 \
                     GROUP BY command ORDER BY total DESC, command LIMIT $3",
                )
                .integer(guild.sql())
                .integer(since.day_number())
                .integer(to_sql_integer(limit)),
            )
            .await?;
        let subjects: Vec<CountRow> = transaction
            .executor()
            .fetch_all(
                Statement::new(
                    "SELECT subject, CAST(SUM(uses) AS BIGINT) AS total FROM guild_usage \
                     WHERE guild_id = $1 AND day >= $2 AND subject <> '' \
                     GROUP BY subject ORDER BY total DESC, subject LIMIT $3",
                )
                .integer(guild.sql())
                .integer(since.day_number())
                .integer(to_sql_integer(limit)),
            )
            .await?;
        transaction.commit().await?;
        Ok(UsageStats {
            commands: counts(commands),
            subjects: counts(subjects),
        })
    }
}
