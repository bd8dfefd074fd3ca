//! Who may change a server glossary, decided from the interaction itself: Discord's
//! `default_member_permissions` only hides commands in the client, so it is never trusted.

use poise::serenity_prelude as serenity;

/// How much of the server glossary a member may manage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Standing {
    /// Anyone: read the glossary (`/define`, `/term list`).
    Member,
    /// Holds the moderator role the server named: add, edit, remove, history.
    Moderator,
    /// Has Manage Server (or Administrator): all of the above and `/term config`.
    Manager,
}

/// What a subcommand needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needed {
    /// Manage Server or the moderator role.
    Moderator,
    /// Manage Server only.
    Manager,
}

impl Standing {
    /// Whether this standing is enough for `needed`.
    pub(crate) fn allows(self, needed: Needed) -> bool {
        match needed {
            Needed::Moderator => self >= Standing::Moderator,
            Needed::Manager => self == Standing::Manager,
        }
    }
}

/// The standing of a member whose interaction carried `permissions` (the member's computed
/// permissions in the channel, as Discord sends them) and `roles`, in a server whose moderator
/// role is `moderator_role`. Missing permissions count as none.
pub(crate) fn standing(
    permissions: Option<serenity::Permissions>,
    roles: &[serenity::RoleId],
    moderator_role: Option<u64>,
) -> Standing {
    let permissions = permissions.unwrap_or_else(serenity::Permissions::empty);
    if permissions.contains(serenity::Permissions::MANAGE_GUILD)
        || permissions.contains(serenity::Permissions::ADMINISTRATOR)
    {
        return Standing::Manager;
    }
    match moderator_role {
        Some(role) if roles.iter().any(|held| held.get() == role) => Standing::Moderator,
        _ => Standing::Member,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the fake Discord (and a real server) sends for an ordinary member: send, embed,
    /// read history, application commands… nothing administrative.
    const ORDINARY_MEMBER: u64 = 311_455_763_521;
    const MODERATOR_ROLE: u64 = 1_219_400_000_000_000_001;

    fn permissions(bits: u64) -> Option<serenity::Permissions> {
        Some(serenity::Permissions::from_bits_truncate(bits))
    }

    fn roles(ids: &[u64]) -> Vec<serenity::RoleId> {
        ids.iter().map(|id| serenity::RoleId::new(*id)).collect()
    }

    #[test]
    fn manage_server_or_administrator_manage_everything() {
        let manage_server = ORDINARY_MEMBER | serenity::Permissions::MANAGE_GUILD.bits();
        let administrator = serenity::Permissions::ADMINISTRATOR.bits();
        for bits in [manage_server, administrator] {
            let standing = standing(permissions(bits), &[], None);
            assert_eq!(standing, Standing::Manager);
            assert!(standing.allows(Needed::Moderator) && standing.allows(Needed::Manager));
        }
    }

    #[test]
    fn the_moderator_role_edits_but_does_not_configure() {
        let standing = standing(
            permissions(ORDINARY_MEMBER),
            &roles(&[42, MODERATOR_ROLE]),
            Some(MODERATOR_ROLE),
        );
        assert_eq!(standing, Standing::Moderator);
        assert!(standing.allows(Needed::Moderator));
        assert!(!standing.allows(Needed::Manager));
    }

    #[test]
    fn an_ordinary_member_is_refused_whatever_the_client_showed() {
        let cases = [
            standing(permissions(ORDINARY_MEMBER), &[], None),
            standing(
                permissions(ORDINARY_MEMBER),
                &roles(&[42]),
                Some(MODERATOR_ROLE),
            ),
            // Holding roles means nothing while no moderator role is set.
            standing(
                permissions(ORDINARY_MEMBER),
                &roles(&[MODERATOR_ROLE]),
                None,
            ),
            // Manage Messages, Kick, Ban and Manage Roles are not Manage Server.
            standing(permissions(0x2 | 0x4 | 0x2000 | 0x1000_0000), &[], None),
        ];
        for standing in cases {
            assert_eq!(standing, Standing::Member);
            assert!(!standing.allows(Needed::Moderator));
            assert!(!standing.allows(Needed::Manager));
        }
    }

    #[test]
    fn an_interaction_without_permissions_counts_as_none() {
        assert_eq!(standing(None, &[], None), Standing::Member);
        assert_eq!(
            standing(None, &roles(&[MODERATOR_ROLE]), Some(MODERATOR_ROLE)),
            Standing::Moderator
        );
    }
}
