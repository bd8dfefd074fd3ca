//! The ◀ x/y ▶ buttons under a paged answer, and the custom ids that name a page turn.

use serde::Serialize;

use crate::render::limits;

/// Prefix of every custom id a page button carries.
const PAGE_PREFIX: &str = "dossier:page";

/// A press on a page button: which paged answer and which page to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageTurn {
    /// The paged answer (the id of the interaction that asked for it).
    pub session: u64,
    /// Zero-based page to show.
    pub page: usize,
}

impl PageTurn {
    /// The custom id for this turn; `role` tells the buttons of one message apart.
    fn custom_id(self, role: &str) -> String {
        let custom_id = format!("{PAGE_PREFIX}:{}:{}:{role}", self.session, self.page);
        debug_assert!(custom_id.len() <= limits::CUSTOM_ID);
        custom_id
    }

    /// The turn a custom id names, or `None` when it is not a page button of ours.
    pub fn parse(custom_id: &str) -> Option<Self> {
        let rest = custom_id.strip_prefix(PAGE_PREFIX)?.strip_prefix(':')?;
        let mut parts = rest.split(':');
        let session = parts.next()?.parse().ok()?;
        let page = parts.next()?.parse().ok()?;
        Some(Self { session, page })
    }
}

/// One button, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ButtonSpec {
    /// What the press is reported as.
    pub custom_id: String,
    /// Text on the button.
    pub label: String,
    /// Greyed out and unpressable.
    pub disabled: bool,
}

/// The buttons for page `index` of `total` (zero-based) of `session`: ◀, a greyed "x/y", ▶.
/// Nothing when there is only one page.
pub fn page_buttons(session: u64, index: usize, total: usize) -> Vec<ButtonSpec> {
    if total <= 1 {
        return Vec::new();
    }
    let last = total - 1;
    let index = index.min(last);
    vec![
        ButtonSpec {
            custom_id: PageTurn {
                session,
                page: index.saturating_sub(1),
            }
            .custom_id("prev"),
            label: "◀".to_owned(),
            disabled: index == 0,
        },
        ButtonSpec {
            custom_id: PageTurn {
                session,
                page: index,
            }
            .custom_id("here"),
            label: format!("{}/{total}", index + 1),
            disabled: true,
        },
        ButtonSpec {
            custom_id: PageTurn {
                session,
                page: (index + 1).min(last),
            }
            .custom_id("next"),
            label: "▶".to_owned(),
            disabled: index == last,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_name_the_neighbouring_pages() {
        let buttons = page_buttons(u64::MAX, 1, 3);
        let turns: Vec<_> = buttons
            .iter()
            .map(|button| PageTurn::parse(&button.custom_id))
            .collect();
        assert_eq!(
            turns,
            vec![
                Some(PageTurn {
                    session: u64::MAX,
                    page: 0
                }),
                Some(PageTurn {
                    session: u64::MAX,
                    page: 1
                }),
                Some(PageTurn {
                    session: u64::MAX,
                    page: 2
                }),
            ]
        );
        assert_eq!(buttons[1].label, "2/3");
        assert!(buttons
            .iter()
            .all(|b| b.custom_id.len() <= limits::CUSTOM_ID));
    }

    #[test]
    fn the_ends_are_greyed_out() {
        let first = page_buttons(7, 0, 4);
        assert!(first[0].disabled && !first[2].disabled);
        let last = page_buttons(7, 3, 4);
        assert!(!last[0].disabled && last[2].disabled);
        assert!(page_buttons(7, 0, 1).is_empty());
    }

    #[test]
    fn foreign_custom_ids_are_not_page_turns() {
        assert_eq!(PageTurn::parse("other:1:2"), None);
        assert_eq!(PageTurn::parse("dossier:page:x:1:next"), None);
        assert_eq!(PageTurn::parse("dossier:pagex:1:1:next"), None);
    }
}
