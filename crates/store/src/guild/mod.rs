//! Per-server (Discord guild) data: server glossaries with history, settings and usage counts.
//! Every function takes the [`GuildId`] explicitly and every query filters on it, so one server
//! can never read or change another's rows.

mod entries;
mod history;
mod terms;
mod usage;
mod validate;

pub use history::{GuildTermAction, GuildTermChange, GuildTermSnapshot};
pub use terms::{GuildTerm, GuildTermEdit, NewGuildTerm};
pub use usage::{today_utc, UsageCount, UsageStats, UsageTally};
pub use validate::{
    GuildTermError, GuildTermProblem, MAX_ALIASES, MAX_DEFINITION_CHARS, MAX_NAME_CHARS,
};

use crate::backend::Statement;
use crate::connection::Store;
use crate::error::StoreError;

/// A Discord server (guild) id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GuildId(pub u64);

/// A Discord user id, kept only in a server glossary's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(pub u64);

/// Discord ids (snowflakes) are stored bit for bit in the databases' signed 64-bit integers.
pub(crate) fn id_to_sql(id: u64) -> i64 {
    i64::from_ne_bytes(id.to_ne_bytes())
}

/// The inverse of [`id_to_sql`].
pub(crate) fn id_from_sql(value: i64) -> u64 {
    u64::from_ne_bytes(value.to_ne_bytes())
}

impl GuildId {
    pub(crate) fn sql(self) -> i64 {
        id_to_sql(self.0)
    }
}

impl Store {
    /// The role (besides Manage Server) whose members may edit `guild`'s glossary, if set.
    pub async fn moderator_role(&self, guild: GuildId) -> Result<Option<u64>, StoreError> {
        let role: Option<Option<i64>> = self
            .backend
            .executor()
            .fetch_optional_value(
                Statement::new("SELECT moderator_role FROM guild_settings WHERE guild_id = $1")
                    .integer(guild.sql()),
            )
            .await?;
        Ok(role.flatten().map(id_from_sql))
    }

    /// Sets (or with `None` clears) the moderator role of `guild`.
    pub async fn set_moderator_role(
        &self,
        guild: GuildId,
        role: Option<u64>,
    ) -> Result<(), StoreError> {
        self.backend
            .executor()
            .execute(
                Statement::new(
                    "INSERT INTO guild_settings (guild_id, moderator_role) VALUES ($1, $2) \
                     ON CONFLICT (guild_id) DO UPDATE SET moderator_role = excluded.moderator_role",
                )
                .integer(guild.sql())
                .optional_integer(role.map(id_to_sql)),
            )
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discord_ids_survive_the_round_trip_through_signed_integers() {
        for id in [0, 1, 1_234_567_890_123_456_789, u64::MAX, 1 << 63] {
            assert_eq!(id_from_sql(id_to_sql(id)), id);
        }
    }
}
