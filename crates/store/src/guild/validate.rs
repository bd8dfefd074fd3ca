//! What a server glossary entry may contain, and the errors its operations report.

use dossier_core::text::fold;

use crate::error::StoreError;

/// Longest name or alias, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// Longest definition, in characters.
pub const MAX_DEFINITION_CHARS: usize = 1_500;
/// Most aliases one entry may have.
pub const MAX_ALIASES: usize = 10;

/// What is wrong with a proposed entry; the `Display` text can be shown to the moderator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuildTermProblem {
    /// The name is empty, too long or has no letter or digit.
    #[error("a name needs 1 to {MAX_NAME_CHARS} characters, including a letter or digit")]
    Name,
    /// An alias is empty, too long or has no letter or digit.
    #[error("each alias needs 1 to {MAX_NAME_CHARS} characters, including a letter or digit")]
    Alias,
    /// The definition is empty or too long.
    #[error("a definition needs 1 to {MAX_DEFINITION_CHARS} characters")]
    Definition,
    /// More aliases than allowed.
    #[error("an entry may have at most {MAX_ALIASES} aliases")]
    TooManyAliases,
    /// Invisible, control or text-direction characters, which can disguise what is shown.
    #[error("the {field} contains invisible or text-direction control characters")]
    HiddenCharacters {
        /// "name", "alias" or "definition".
        field: &'static str,
    },
}

/// Why a server glossary operation was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum GuildTermError {
    /// The entry breaks a rule of [`GuildTermProblem`].
    #[error("{0}")]
    Invalid(#[from] GuildTermProblem),
    /// A name or alias is already used by another entry of the same server.
    #[error("\"{name}\" is already used by this server's entry \"{taken_by}\"")]
    NameTaken {
        /// The name or alias refused.
        name: String,
        /// The entry that has it.
        taken_by: String,
    },
    /// No entry of this server has that name or alias.
    #[error("this server has no entry named \"{name}\"")]
    NotFound {
        /// The name asked for.
        name: String,
    },
    /// The entry changed since the version the edit was based on.
    #[error("the entry was changed by someone else (now version {current}, the edit was based on version {expected})")]
    Conflict {
        /// The version the edit was based on.
        expected: u32,
        /// The version stored now.
        current: u32,
    },
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for GuildTermError {
    fn from(error: sqlx::Error) -> Self {
        Self::Store(StoreError::Database(error))
    }
}

/// Characters that hide or reorder text: controls (except newline and tab in definitions),
/// zero-width characters, bidirectional overrides and isolates, and other invisible formatting.
fn is_hidden(character: char, allow_line_breaks: bool) -> bool {
    if allow_line_breaks && matches!(character, '\n' | '\t') {
        return false;
    }
    character.is_control()
        || matches!(
            character,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// A definition may use joiners inside emoji sequences and variation selectors; it may not
/// use controls or direction overrides.
fn is_hidden_in_definition(character: char) -> bool {
    is_hidden(character, true) && !matches!(character, '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// A trimmed name or alias, checked.
fn checked_name(
    text: &str,
    field: &'static str,
    problem: GuildTermProblem,
) -> Result<String, GuildTermProblem> {
    let trimmed = text.trim();
    if trimmed.chars().any(|character| is_hidden(character, false)) {
        return Err(GuildTermProblem::HiddenCharacters { field });
    }
    let length = trimmed.chars().count();
    if length == 0 || length > MAX_NAME_CHARS || fold(trimmed).is_empty() {
        return Err(problem);
    }
    Ok(trimmed.to_owned())
}

/// A trimmed name, checked.
pub(crate) fn checked_entry_name(name: &str) -> Result<String, GuildTermProblem> {
    checked_name(name, "name", GuildTermProblem::Name)
}

/// A trimmed definition, checked.
pub(crate) fn checked_definition(definition: &str) -> Result<String, GuildTermProblem> {
    let trimmed = definition.trim();
    if trimmed.chars().any(is_hidden_in_definition) {
        return Err(GuildTermProblem::HiddenCharacters {
            field: "definition",
        });
    }
    let length = trimmed.chars().count();
    if length == 0 || length > MAX_DEFINITION_CHARS {
        return Err(GuildTermProblem::Definition);
    }
    Ok(trimmed.to_owned())
}

/// Trimmed aliases, checked, without repeats of the name or of each other (folded).
pub(crate) fn checked_aliases(
    name: &str,
    aliases: &[String],
) -> Result<Vec<String>, GuildTermProblem> {
    if aliases.len() > MAX_ALIASES {
        return Err(GuildTermProblem::TooManyAliases);
    }
    let mut seen = vec![fold(name)];
    let mut kept = Vec::new();
    for alias in aliases {
        let alias = checked_name(alias, "alias", GuildTermProblem::Alias)?;
        let folded = fold(&alias);
        if !seen.contains(&folded) {
            seen.push(folded);
            kept.push(alias);
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(checked_entry_name("  Wagner  ").as_deref(), Ok("Wagner"));
        assert_eq!(checked_entry_name(""), Err(GuildTermProblem::Name));
        assert_eq!(checked_entry_name("!!!"), Err(GuildTermProblem::Name));
        assert_eq!(
            checked_entry_name(&"x".repeat(65)),
            Err(GuildTermProblem::Name)
        );
        assert!(checked_entry_name(&"é".repeat(64)).is_ok());
    }

    #[test]
    fn hidden_characters_are_refused_in_names() {
        for name in [
            "wag\u{200B}ner",
            "\u{202E}renGaw",
            "a\u{0007}b",
            "x\u{2066}y",
            "a\u{FEFF}",
        ] {
            assert_eq!(
                checked_entry_name(name),
                Err(GuildTermProblem::HiddenCharacters { field: "name" }),
                "{name:?}"
            );
        }
    }

    #[test]
    fn definitions_keep_lines_and_emoji_but_not_direction_overrides() {
        assert!(checked_definition("line one\nline two 👨\u{200D}👩\u{200D}👧").is_ok());
        assert!(checked_definition("مرحبا and שלום").is_ok());
        assert_eq!(
            checked_definition("safe \u{202E}txet"),
            Err(GuildTermProblem::HiddenCharacters {
                field: "definition"
            })
        );
        assert_eq!(
            checked_definition(&"a".repeat(1_501)),
            Err(GuildTermProblem::Definition)
        );
        assert_eq!(checked_definition("   "), Err(GuildTermProblem::Definition));
    }

    #[test]
    fn aliases_are_bounded_and_deduplicated() {
        let aliases: Vec<String> = ["W.G.", "wg", "Wagner", "PMC"].map(str::to_owned).to_vec();
        assert_eq!(
            checked_aliases("Wagner", &aliases),
            Ok(vec!["W.G.".to_owned(), "PMC".to_owned()])
        );
        let too_many: Vec<String> = (0..11).map(|index| format!("alias {index}")).collect();
        assert_eq!(
            checked_aliases("Wagner", &too_many),
            Err(GuildTermProblem::TooManyAliases)
        );
    }
}
