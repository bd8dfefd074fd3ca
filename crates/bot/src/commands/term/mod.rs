//! `/term`: a server's own glossary beside the report's. Everyone may list it; moderators
//! (Manage Server, or the server's moderator role) add, edit and remove entries and read their
//! history; only Manage Server chooses the moderator role. Permissions are read from the
//! interaction on every call, never trusted to the client.

mod access;
mod browse;
mod changes;
mod config;

use dossier_store::{GuildId, GuildTermError, UserId};
use poise::serenity_prelude as serenity;

use crate::render::GlossaryRefusal;
use crate::types::{Context, Error, UserError};

use access::{standing, Needed};

/// What direct messages lack, for the refusal there.
const FEATURE: &str = "server glossary";

/// This server's own glossary: list it, or as a moderator add, edit, remove and see history
#[poise::command(
    slash_command,
    subcommands(
        "changes::add",
        "changes::edit",
        "changes::remove",
        "browse::list",
        "browse::history",
        "config::config"
    ),
    subcommand_required,
    default_member_permissions = "MANAGE_GUILD",
    interaction_context = "Guild"
)]
pub(crate) async fn term(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// The server the command came from, or the polite refusal for direct messages.
pub(crate) fn server(ctx: Context<'_>, feature: &'static str) -> Result<GuildId, Error> {
    ctx.guild_id()
        .map(|guild| GuildId(guild.get()))
        .ok_or_else(|| UserError::NotInServer { feature }.into())
}

/// The invoking member's permissions and roles, exactly as the interaction carries them.
fn member_facts(ctx: Context<'_>) -> (Option<serenity::Permissions>, Vec<serenity::RoleId>) {
    match ctx {
        poise::Context::Application(application) => application
            .interaction
            .member
            .as_deref()
            .map_or((None, Vec::new()), |member| {
                (member.permissions, member.roles.clone())
            }),
        poise::Context::Prefix(_) => (None, Vec::new()),
    }
}

/// The server, once the member is known to be allowed `needed` there; the refusal otherwise.
async fn moderated_server(ctx: Context<'_>, needed: Needed) -> Result<GuildId, Error> {
    let guild = server(ctx, FEATURE)?;
    let (permissions, roles) = member_facts(ctx);
    // Manage Server needs no database read.
    if standing(permissions, &roles, None).allows(needed) {
        return Ok(guild);
    }
    if needed == Needed::Moderator {
        let role = ctx.data().store.moderator_role(guild).await?;
        if standing(permissions, &roles, role).allows(needed) {
            return Ok(guild);
        }
    }
    Err(UserError::NotPermitted {
        manage_server_only: needed == Needed::Manager,
    }
    .into())
}

/// The invoking user, for the history.
fn author(ctx: Context<'_>) -> UserId {
    UserId(ctx.author().id.get())
}

/// A store refusal as the user error explaining it (about the entry called `name`); database
/// failures stay internal and are only logged.
fn refusal(error: GuildTermError, name: &str) -> Error {
    let refusal = match error {
        GuildTermError::Invalid(problem) => GlossaryRefusal::Invalid {
            reason: problem.to_string(),
        },
        GuildTermError::NameTaken { name, taken_by } => {
            GlossaryRefusal::NameTaken { name, taken_by }
        }
        GuildTermError::NotFound { name } => GlossaryRefusal::NotFound { name },
        GuildTermError::Conflict { expected, current } => GlossaryRefusal::Conflict {
            name: name.to_owned(),
            expected,
            current,
        },
        GuildTermError::Store(error) => return Error::Store(error),
    };
    UserError::GlossaryRefused(refusal).into()
}

/// Aliases typed as one comma-separated option: trimmed, blanks dropped; a lone "-" means
/// none. The store checks each one.
fn parse_aliases(typed: &str) -> Vec<String> {
    if typed.trim() == "-" {
        return Vec::new();
    }
    typed
        .split(',')
        .map(str::trim)
        .filter(|alias| !alias.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use dossier_store::{GuildTermProblem, StoreError};

    use super::*;

    #[test]
    fn aliases_are_split_on_commas_and_trimmed() {
        assert_eq!(
            parse_aliases(" SC , Storm Corps,, 11th "),
            ["SC", "Storm Corps", "11th"]
        );
        assert!(parse_aliases("-").is_empty());
        assert!(parse_aliases(" , ").is_empty());
    }

    #[test]
    fn store_refusals_become_messages_and_failures_stay_internal() {
        let conflict = refusal(
            GuildTermError::Conflict {
                expected: 1,
                current: 2,
            },
            "Storm",
        );
        assert!(matches!(
            conflict,
            Error::User(UserError::GlossaryRefused(GlossaryRefusal::Conflict {
                expected: 1,
                current: 2,
                ..
            }))
        ));
        let invalid = refusal(GuildTermError::Invalid(GuildTermProblem::Definition), "x");
        assert!(matches!(
            invalid,
            Error::User(UserError::GlossaryRefused(GlossaryRefusal::Invalid { .. }))
        ));
        let failure = refusal(
            GuildTermError::Store(StoreError::Unsupported {
                reason: "disk full".to_owned(),
            }),
            "x",
        );
        assert!(matches!(failure, Error::Store(_)));
    }
}
