//! The history of a server glossary: every add, edit and remove, kept after removal.

use serde::{Deserialize, Serialize};

use crate::backend::{Executor, Statement};
use crate::connection::Store;
use crate::error::StoreError;
use crate::guild::{id_from_sql, id_to_sql, GuildId, UserId};

/// What an entry looked like before or after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuildTermSnapshot {
    /// The name.
    pub name: String,
    /// The definition.
    pub definition: String,
    /// The aliases.
    pub aliases: Vec<String>,
}

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GuildTermAction {
    /// The entry was created.
    Add,
    /// Its definition or aliases changed.
    Edit,
    /// It was removed.
    Remove,
}

impl GuildTermAction {
    /// Lowercase label, as stored.
    pub fn label(self) -> &'static str {
        match self {
            Self::Add => "add",
            Self::Edit => "edit",
            Self::Remove => "remove",
        }
    }

    fn from_label(label: &str) -> Option<Self> {
        [Self::Add, Self::Edit, Self::Remove]
            .into_iter()
            .find(|action| action.label() == label)
    }
}

/// One change to a server glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuildTermChange {
    /// What was done.
    pub action: GuildTermAction,
    /// The entry's version after an add or edit; the version removed for a remove.
    pub version: u32,
    /// Who did it.
    pub user: UserId,
    /// When, in seconds since 1970-01-01 UTC.
    pub at_unix_seconds: i64,
    /// The entry before (`None` for an add).
    pub before: Option<GuildTermSnapshot>,
    /// The entry after (`None` for a remove).
    pub after: Option<GuildTermSnapshot>,
}

/// One history row to write.
pub(crate) struct HistoryRecord<'a> {
    pub(crate) guild: GuildId,
    pub(crate) name_key: &'a str,
    pub(crate) action: GuildTermAction,
    pub(crate) version: u32,
    pub(crate) user: UserId,
    pub(crate) at_unix_seconds: i64,
    pub(crate) before: Option<&'a GuildTermSnapshot>,
    pub(crate) after: Option<&'a GuildTermSnapshot>,
}

fn snapshot_json(snapshot: Option<&GuildTermSnapshot>) -> Option<String> {
    snapshot.and_then(|snapshot| serde_json::to_string(snapshot).ok())
}

/// Appends a change to the history (inside the caller's transaction).
pub(crate) async fn write_history(
    executor: Executor<'_>,
    record: &HistoryRecord<'_>,
) -> Result<(), StoreError> {
    executor
        .execute(
            Statement::new(
                "INSERT INTO guild_term_history \
                 (guild_id, name_key, action, version, actor_user, at, before, after) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .integer(record.guild.sql())
            .text(record.name_key)
            .text(record.action.label())
            .integer(i64::from(record.version))
            .integer(id_to_sql(record.user.0))
            .integer(record.at_unix_seconds)
            .optional_text(snapshot_json(record.before))
            .optional_text(snapshot_json(record.after)),
        )
        .await?;
    Ok(())
}

/// The highest version an entry with this folded name ever had in `guild` (0 if never), so a
/// re-added entry continues the numbering.
pub(crate) async fn last_version(
    executor: Executor<'_>,
    guild: GuildId,
    name_key: &str,
) -> Result<u32, StoreError> {
    let version: i64 = executor
        .fetch_optional_value(
            Statement::new(
                "SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM guild_term_history \
                 WHERE guild_id = $1 AND name_key = $2",
            )
            .integer(guild.sql())
            .text(name_key),
        )
        .await?
        .unwrap_or(0);
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

type HistoryRow = (String, i64, i64, i64, Option<String>, Option<String>);

fn parse_snapshot(json: Option<String>) -> Option<GuildTermSnapshot> {
    json.and_then(|json| serde_json::from_str(&json).ok())
}

impl Store {
    /// Every change to the entry called `name` (folded; removed entries included) in `guild`,
    /// oldest first.
    pub async fn guild_term_history(
        &self,
        guild: GuildId,
        name: &str,
    ) -> Result<Vec<GuildTermChange>, StoreError> {
        let mut transaction = self.backend.read().await?;
        let name_key =
            crate::guild::entries::resolve_name_key(transaction.executor(), guild, name).await?;
        let rows: Vec<HistoryRow> = transaction
            .executor()
            .fetch_all(
                Statement::new(
                    "SELECT action, version, actor_user, at, before, after \
                     FROM guild_term_history WHERE guild_id = $1 AND name_key = $2 ORDER BY id",
                )
                .integer(guild.sql())
                .text(name_key.as_str()),
            )
            .await?;
        transaction.commit().await?;
        Ok(rows
            .into_iter()
            .filter_map(|(action, version, user, at, before, after)| {
                Some(GuildTermChange {
                    action: GuildTermAction::from_label(&action)?,
                    version: u32::try_from(version).ok()?,
                    user: UserId(id_from_sql(user)),
                    at_unix_seconds: at,
                    before: parse_snapshot(before),
                    after: parse_snapshot(after),
                })
            })
            .collect())
    }
}
