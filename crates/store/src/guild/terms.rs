//! A server's own glossary entries and their changes: add, edit (with a version check) and
//! remove, each confined to one guild and recorded in the history.

use dossier_core::text::fold;

use crate::backend::{Statement, Transaction};
use crate::connection::Store;
use crate::error::StoreError;
use crate::guild::entries::{resolve_name_key, term_by_key};
use crate::guild::history::{
    last_version, write_history, GuildTermAction, GuildTermSnapshot, HistoryRecord,
};
use crate::guild::validate::{
    checked_aliases, checked_definition, checked_entry_name, GuildTermError,
};
use crate::guild::{id_to_sql, GuildId, UserId};
use crate::import::unix_now;

/// A server's own glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuildTerm {
    /// The server it belongs to.
    pub guild: GuildId,
    /// The name, as the moderator wrote it.
    pub name: String,
    /// The definition, as the moderator wrote it (escape Markdown when showing it).
    pub definition: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Starts at 1 and grows by one with every edit; an edit must name the version it is based
    /// on.
    pub version: u32,
    /// Who added it.
    pub created_by: UserId,
    /// When, in seconds since 1970-01-01 UTC.
    pub created_at_unix_seconds: i64,
    /// Who changed it last.
    pub updated_by: UserId,
    /// When, in seconds since 1970-01-01 UTC.
    pub updated_at_unix_seconds: i64,
}

impl GuildTerm {
    fn snapshot(&self) -> GuildTermSnapshot {
        GuildTermSnapshot {
            name: self.name.clone(),
            definition: self.definition.clone(),
            aliases: self.aliases.clone(),
        }
    }
}

/// A proposed entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewGuildTerm {
    /// 1–64 characters, at least one letter or digit.
    pub name: String,
    /// 1–1,500 characters.
    pub definition: String,
    /// At most 10, each like a name.
    pub aliases: Vec<String>,
}

/// A change to an entry; `None` keeps the current value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GuildTermEdit {
    /// The new definition.
    pub definition: Option<String>,
    /// The new aliases (replacing all of them).
    pub aliases: Option<Vec<String>>,
}

/// Refuses a name or alias already used by another entry of `guild`.
async fn check_names_free(
    transaction: &mut Transaction,
    guild: GuildId,
    own_key: &str,
    names: &[&str],
) -> Result<(), GuildTermError> {
    for name in names {
        let taken_by: Option<String> = transaction
            .executor()
            .fetch_optional_value(
                Statement::new(
                    "SELECT guild_terms.name FROM guild_term_names \
                     JOIN guild_terms USING (guild_id, name_key) \
                     WHERE guild_term_names.guild_id = $1 AND guild_term_names.folded = $2 \
                     AND guild_term_names.name_key <> $3",
                )
                .integer(guild.sql())
                .text(fold(name))
                .text(own_key),
            )
            .await?;
        if let Some(taken_by) = taken_by {
            return Err(GuildTermError::NameTaken {
                name: (*name).to_owned(),
                taken_by,
            });
        }
    }
    Ok(())
}

/// Replaces the name rows of an entry with its name and aliases.
async fn write_entry_names(
    transaction: &mut Transaction,
    guild: GuildId,
    name_key: &str,
    name: &str,
    aliases: &[String],
) -> Result<(), StoreError> {
    transaction
        .executor()
        .execute(
            Statement::new("DELETE FROM guild_term_names WHERE guild_id = $1 AND name_key = $2")
                .integer(guild.sql())
                .text(name_key),
        )
        .await?;
    let labels =
        std::iter::once((name, false)).chain(aliases.iter().map(|alias| (alias.as_str(), true)));
    for (label, is_alias) in labels {
        transaction
            .executor()
            .execute(
                Statement::new(
                    "INSERT INTO guild_term_names (guild_id, folded, name_key, label, is_alias) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .integer(guild.sql())
                .text(fold(label))
                .text(name_key)
                .text(label)
                .flag(is_alias),
            )
            .await?;
    }
    Ok(())
}

fn aliases_json(aliases: &[String]) -> String {
    serde_json::to_string(aliases).unwrap_or_else(|_| "[]".to_owned())
}

impl Store {
    /// Adds an entry to `guild`'s glossary, recording `user` in its history.
    ///
    /// Refused when a rule of [`crate::GuildTermProblem`] is broken or when the name or an
    /// alias is already a name or alias of another entry of the same server. Entries of other
    /// servers and the report's own glossary never collide.
    pub async fn add_guild_term(
        &self,
        guild: GuildId,
        entry: &NewGuildTerm,
        user: UserId,
    ) -> Result<GuildTerm, GuildTermError> {
        let name = checked_entry_name(&entry.name)?;
        let definition = checked_definition(&entry.definition)?;
        let aliases = checked_aliases(&name, &entry.aliases)?;
        let name_key = fold(&name);
        let mut transaction = self.backend.write_guild(guild.sql()).await?;
        let mut names: Vec<&str> = vec![name.as_str()];
        names.extend(aliases.iter().map(String::as_str));
        // The entry's own key must be free too: no live entry may have this name.
        check_names_free(&mut transaction, guild, "", &names).await?;
        let version = last_version(transaction.executor(), guild, &name_key).await? + 1;
        let now = unix_now();
        transaction
            .executor()
            .execute(
                Statement::new(
                    "INSERT INTO guild_terms (guild_id, name_key, name, definition, aliases, \
                     version, created_by, created_at, updated_by, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .integer(guild.sql())
                .text(name_key.as_str())
                .text(name.as_str())
                .text(definition.as_str())
                .text(aliases_json(&aliases))
                .integer(i64::from(version))
                .integer(id_to_sql(user.0))
                .integer(now)
                .integer(id_to_sql(user.0))
                .integer(now),
            )
            .await?;
        write_entry_names(&mut transaction, guild, &name_key, &name, &aliases).await?;
        let term = GuildTerm {
            guild,
            name,
            definition,
            aliases,
            version,
            created_by: user,
            created_at_unix_seconds: now,
            updated_by: user,
            updated_at_unix_seconds: now,
        };
        write_history(
            transaction.executor(),
            &HistoryRecord {
                guild,
                name_key: &name_key,
                action: GuildTermAction::Add,
                version,
                user,
                at_unix_seconds: now,
                before: None,
                after: Some(&term.snapshot()),
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(term)
    }

    /// Changes the definition and/or aliases of `guild`'s entry called `name` (name or alias).
    ///
    /// `expected_version` is the version the moderator saw; if the entry has changed since,
    /// nothing is written and [`GuildTermError::Conflict`] says so.
    pub async fn edit_guild_term(
        &self,
        guild: GuildId,
        name: &str,
        expected_version: u32,
        edit: &GuildTermEdit,
        user: UserId,
    ) -> Result<GuildTerm, GuildTermError> {
        let mut transaction = self.backend.write_guild(guild.sql()).await?;
        let name_key = resolve_name_key(transaction.executor(), guild, name).await?;
        let Some(current) = term_by_key(transaction.executor(), guild, &name_key).await? else {
            return Err(GuildTermError::NotFound {
                name: name.to_owned(),
            });
        };
        if current.version != expected_version {
            return Err(GuildTermError::Conflict {
                expected: expected_version,
                current: current.version,
            });
        }
        let definition = match &edit.definition {
            Some(definition) => checked_definition(definition)?,
            None => current.definition.clone(),
        };
        let aliases = match &edit.aliases {
            Some(aliases) => checked_aliases(&current.name, aliases)?,
            None => current.aliases.clone(),
        };
        let alias_names: Vec<&str> = aliases.iter().map(String::as_str).collect();
        check_names_free(&mut transaction, guild, &name_key, &alias_names).await?;
        let version = current.version + 1;
        let now = unix_now();
        let updated = transaction
            .executor()
            .execute(
                Statement::new(
                    "UPDATE guild_terms SET definition = $1, aliases = $2, version = $3, \
                     updated_by = $4, updated_at = $5 \
                     WHERE guild_id = $6 AND name_key = $7 AND version = $8",
                )
                .text(definition.as_str())
                .text(aliases_json(&aliases))
                .integer(i64::from(version))
                .integer(id_to_sql(user.0))
                .integer(now)
                .integer(guild.sql())
                .text(name_key.as_str())
                .integer(i64::from(expected_version)),
            )
            .await?;
        if updated != 1 {
            return Err(GuildTermError::Conflict {
                expected: expected_version,
                current: current.version,
            });
        }
        write_entry_names(&mut transaction, guild, &name_key, &current.name, &aliases).await?;
        let term = GuildTerm {
            definition,
            aliases,
            version,
            updated_by: user,
            updated_at_unix_seconds: now,
            ..current.clone()
        };
        write_history(
            transaction.executor(),
            &HistoryRecord {
                guild,
                name_key: &name_key,
                action: GuildTermAction::Edit,
                version,
                user,
                at_unix_seconds: now,
                before: Some(&current.snapshot()),
                after: Some(&term.snapshot()),
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(term)
    }

    /// Removes `guild`'s entry called `name` (name or alias) and returns it; its history is
    /// kept. With `expected_version`, refuses with [`GuildTermError::Conflict`] if the entry
    /// changed since.
    pub async fn remove_guild_term(
        &self,
        guild: GuildId,
        name: &str,
        expected_version: Option<u32>,
        user: UserId,
    ) -> Result<GuildTerm, GuildTermError> {
        let mut transaction = self.backend.write_guild(guild.sql()).await?;
        let name_key = resolve_name_key(transaction.executor(), guild, name).await?;
        let Some(current) = term_by_key(transaction.executor(), guild, &name_key).await? else {
            return Err(GuildTermError::NotFound {
                name: name.to_owned(),
            });
        };
        if let Some(expected) = expected_version {
            if expected != current.version {
                return Err(GuildTermError::Conflict {
                    expected,
                    current: current.version,
                });
            }
        }
        transaction
            .executor()
            .execute(
                Statement::new("DELETE FROM guild_terms WHERE guild_id = $1 AND name_key = $2")
                    .integer(guild.sql())
                    .text(name_key.as_str()),
            )
            .await?;
        write_history(
            transaction.executor(),
            &HistoryRecord {
                guild,
                name_key: &name_key,
                action: GuildTermAction::Remove,
                version: current.version,
                user,
                at_unix_seconds: unix_now(),
                before: Some(&current.snapshot()),
                after: None,
            },
        )
        .await?;
        transaction.commit().await?;
        Ok(current)
    }
}
