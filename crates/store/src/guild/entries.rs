//! Reading a server's glossary: the list, one entry by name or alias, and autocomplete.

use dossier_core::matching::{match_exact, rank, NameEntry, MAX_CHOICES};
use dossier_core::text::{fold, truncate_words};

use crate::backend::{Executor, Statement};
use crate::complete::{Choice, MAX_CHOICE_LABEL_CHARS};
use crate::connection::Store;
use crate::error::StoreError;
use crate::guild::terms::GuildTerm;
use crate::guild::{id_from_sql, GuildId, UserId};

pub(crate) type TermRow = (String, String, String, i64, i64, i64, i64, i64);

pub(crate) const TERM_COLUMNS: &str =
    "SELECT name, definition, aliases, version, created_by, created_at, \
                            updated_by, updated_at FROM guild_terms";

pub(crate) fn term_from_row(guild: GuildId, row: TermRow) -> GuildTerm {
    let (name, definition, aliases, version, created_by, created_at, updated_by, updated_at) = row;
    GuildTerm {
        guild,
        name,
        definition,
        aliases: serde_json::from_str(&aliases).unwrap_or_default(),
        version: u32::try_from(version).unwrap_or(u32::MAX),
        created_by: UserId(id_from_sql(created_by)),
        created_at_unix_seconds: created_at,
        updated_by: UserId(id_from_sql(updated_by)),
        updated_at_unix_seconds: updated_at,
    }
}

/// The folded name of the live entry that `name` (a name or alias) points to in `guild`, or
/// the folded `name` itself when none does (e.g. a removed entry).
pub(crate) async fn resolve_name_key(
    executor: Executor<'_>,
    guild: GuildId,
    name: &str,
) -> Result<String, StoreError> {
    let folded = fold(name);
    let key: Option<String> = executor
        .fetch_optional_value(
            Statement::new(
                "SELECT name_key FROM guild_term_names WHERE guild_id = $1 AND folded = $2",
            )
            .integer(guild.sql())
            .text(folded.as_str()),
        )
        .await?;
    Ok(key.unwrap_or(folded))
}

pub(crate) async fn term_by_key(
    executor: Executor<'_>,
    guild: GuildId,
    name_key: &str,
) -> Result<Option<GuildTerm>, StoreError> {
    let row: Option<TermRow> = executor
        .fetch_optional(
            Statement::new(format!(
                "{TERM_COLUMNS} WHERE guild_id = $1 AND name_key = $2"
            ))
            .integer(guild.sql())
            .text(name_key),
        )
        .await?;
    Ok(row.map(|row| term_from_row(guild, row)))
}

impl Store {
    /// Every entry of `guild`'s glossary, by folded name.
    pub async fn guild_terms(&self, guild: GuildId) -> Result<Vec<GuildTerm>, StoreError> {
        let rows: Vec<TermRow> = self
            .backend
            .executor()
            .fetch_all(
                Statement::new(format!(
                    "{TERM_COLUMNS} WHERE guild_id = $1 ORDER BY name_key"
                ))
                .integer(guild.sql()),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| term_from_row(guild, row))
            .collect())
    }

    /// `guild`'s entry whose name or alias is `query` (folded, core's [`match_exact`]).
    pub async fn guild_term(
        &self,
        guild: GuildId,
        query: &str,
    ) -> Result<Option<GuildTerm>, StoreError> {
        // One statement (so one snapshot): the entry under the name key `query` resolves to,
        // as `resolve_name_key` and `term_by_key` find it.
        let row: Option<TermRow> = self
            .backend
            .executor()
            .fetch_optional(
                Statement::new(format!(
                    "{TERM_COLUMNS} WHERE guild_id = $1 AND name_key = coalesce(\
                     (SELECT name_key FROM guild_term_names WHERE guild_id = $1 AND folded = $2), \
                     $2)"
                ))
                .integer(guild.sql())
                .text(fold(query)),
            )
            .await?;
        let term = row.map(|row| term_from_row(guild, row));
        Ok(term.filter(|term| {
            let entry = NameEntry::new(
                (),
                term.name.as_str(),
                term.aliases.iter().map(String::as_str),
            );
            match_exact(query, [entry]).is_some()
        }))
    }

    /// Autocomplete over `guild`'s entries, ranked by core's [`rank`], at most
    /// [`MAX_CHOICES`]. The value is the entry's name.
    pub async fn complete_guild_terms(
        &self,
        guild: GuildId,
        typed: &str,
    ) -> Result<Vec<Choice>, StoreError> {
        let terms = self.guild_terms(guild).await?;
        let entries = terms.iter().map(|term| {
            NameEntry::new(
                term,
                term.name.as_str(),
                term.aliases.iter().map(String::as_str),
            )
        });
        Ok(rank(typed, entries, MAX_CHOICES)
            .into_iter()
            .map(|ranked| {
                let label = if fold(&ranked.label) == fold(&ranked.key.name) {
                    ranked.key.name.clone()
                } else {
                    format!("{} ({})", ranked.key.name, ranked.label)
                };
                Choice {
                    value: ranked.key.name.clone(),
                    label: truncate_words(&label, MAX_CHOICE_LABEL_CHARS),
                }
            })
            .collect())
    }
}
