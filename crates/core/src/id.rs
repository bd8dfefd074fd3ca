//! Typed identifiers: one newtype per kind of record, so an event id can never stand in for a term id.

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a string was refused as an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid id {value:?}: ids are 1-64 characters of lowercase ASCII letters, digits and '-'")]
pub struct InvalidId {
    /// The refused text.
    pub value: String,
}

/// True when `value` is a valid slug: 1-64 chars of `[a-z0-9-]`, not starting or ending with '-'.
pub fn is_valid_slug(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && !value.starts_with('-')
        && !value.ends_with('-')
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Builds the id, checking that `value` is a valid slug.
            pub fn new(value: impl Into<String>) -> Result<Self, InvalidId> {
                let value = value.into();
                if is_valid_slug(&value) {
                    Ok(Self(value))
                } else {
                    Err(InvalidId { value })
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InvalidId;
            fn try_from(value: String) -> Result<Self, InvalidId> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;
            fn from_str(value: &str) -> Result<Self, InvalidId> {
                Self::new(value)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

define_id!(
    /// Identifies a [`crate::Source`] (a report), e.g. `nk-troops-kursk-2025`.
    SourceId
);
define_id!(
    /// Identifies an [`crate::Actor`], e.g. `north-korea`.
    ActorId
);
define_id!(
    /// Identifies an [`crate::Event`], e.g. `kcna-first-confirmation`.
    EventId
);
define_id!(
    /// Identifies an [`crate::Estimate`].
    EstimateId
);
define_id!(
    /// Identifies a [`crate::Measure`], the quantity estimates are about, e.g. `personnel-deployed`.
    MeasureId
);
define_id!(
    /// Identifies a glossary [`crate::Term`], e.g. `kcna`.
    TermId
);
define_id!(
    /// Identifies a [`crate::Claim`].
    ClaimId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_checked() {
        assert!(EventId::new("kcna-first-confirmation").is_ok());
        assert!(EventId::new("").is_err());
        assert!(EventId::new("Has Caps").is_err());
        assert!(EventId::new("-leading").is_err());
        assert!(TermId::new("x".repeat(65)).is_err());
    }

    #[test]
    fn ids_round_trip_through_json() {
        let id: TermId = serde_json::from_str("\"kcna\"").unwrap();
        assert_eq!(id.as_str(), "kcna");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"kcna\"");
        assert!(serde_json::from_str::<TermId>("\"K C N A\"").is_err());
    }
}
