//! Paged answers held in memory so their ◀ ▶ buttons can turn pages, for their owner only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;

use crate::render::Page;

/// How long a paged answer stays turnable.
const LIFETIME: Duration = Duration::from_secs(60 * 60);
/// Most paged answers held at once; the oldest go first.
const CAPACITY: usize = 2000;

/// One paged answer.
#[derive(Debug, Clone)]
struct Session {
    owner: serenity::UserId,
    command: String,
    pages: Arc<Vec<Page>>,
    created: Instant,
}

/// What a page button press may do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Turn {
    /// Show this page of that many.
    Show {
        /// The page (clamped to the last).
        page: Page,
        /// Its zero-based index.
        index: usize,
        /// Pages in all.
        total: usize,
    },
    /// Someone other than the owner pressed; name the command so they can run it themselves.
    NotOwner {
        /// The command that made the pages.
        command: String,
    },
    /// The answer is no longer held (restart, expiry).
    Expired,
}

/// Paged answers by session id (the id of the interaction that asked).
#[derive(Debug, Default)]
pub(crate) struct Sessions {
    sessions: Mutex<HashMap<u64, Session>>,
}

impl Sessions {
    /// Holds `pages`, made by `owner` running `command`, under `id`.
    pub(crate) fn insert(&self, id: u64, owner: serenity::UserId, command: &str, pages: Vec<Page>) {
        let now = Instant::now();
        let mut sessions = self.lock();
        sessions.retain(|_, session| now.duration_since(session.created) < LIFETIME);
        if sessions.len() >= CAPACITY {
            if let Some(oldest) = sessions
                .iter()
                .min_by_key(|(_, session)| session.created)
                .map(|(id, _)| *id)
            {
                sessions.remove(&oldest);
            }
        }
        sessions.insert(
            id,
            Session {
                owner,
                command: command.to_owned(),
                pages: Arc::new(pages),
                created: now,
            },
        );
    }

    /// What pressing "go to `index`" on session `id` by `presser` does.
    pub(crate) fn turn(&self, id: u64, index: usize, presser: serenity::UserId) -> Turn {
        let sessions = self.lock();
        let Some(session) = sessions.get(&id) else {
            return Turn::Expired;
        };
        if session.created.elapsed() >= LIFETIME {
            return Turn::Expired;
        }
        if session.owner != presser {
            return Turn::NotOwner {
                command: session.command.clone(),
            };
        }
        let total = session.pages.len();
        let index = index.min(total.saturating_sub(1));
        match session.pages.get(index) {
            Some(page) => Turn::Show {
                page: page.clone(),
                index,
                total,
            },
            None => Turn::Expired,
        }
    }

    /// Paged answers held now.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Session>> {
        // A panic while holding the lock leaves the map usable; keep serving.
        self.sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::EmbedSpec;

    fn pages(count: usize) -> Vec<Page> {
        (0..count)
            .map(|index| {
                Page::embed(EmbedSpec {
                    title: format!("page {index}"),
                    ..EmbedSpec::default()
                })
            })
            .collect()
    }

    fn user(id: u64) -> serenity::UserId {
        serenity::UserId::new(id)
    }

    #[test]
    fn the_owner_turns_pages() {
        let sessions = Sessions::default();
        sessions.insert(10, user(1), "timeline", pages(3));
        match sessions.turn(10, 2, user(1)) {
            Turn::Show { page, index, total } => {
                assert_eq!((index, total), (2, 3));
                assert_eq!(page.embeds[0].title, "page 2");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            sessions.turn(10, 99, user(1)),
            Turn::Show { index: 2, .. }
        ));
    }

    #[test]
    fn others_are_told_whose_pages_these_are() {
        let sessions = Sessions::default();
        sessions.insert(10, user(1), "timeline", pages(3));
        assert_eq!(
            sessions.turn(10, 1, user(2)),
            Turn::NotOwner {
                command: "timeline".to_owned()
            }
        );
    }

    #[test]
    fn unknown_sessions_have_expired() {
        let sessions = Sessions::default();
        assert_eq!(sessions.turn(99, 0, user(1)), Turn::Expired);
    }

    #[test]
    fn the_oldest_session_makes_room() {
        let sessions = Sessions::default();
        for id in 0..(CAPACITY as u64 + 5) {
            sessions.insert(id, user(1), "timeline", pages(2));
        }
        assert_eq!(sessions.len(), CAPACITY);
        assert_eq!(sessions.turn(0, 1, user(1)), Turn::Expired);
        assert!(matches!(
            sessions.turn(CAPACITY as u64 + 4, 1, user(1)),
            Turn::Show { .. }
        ));
    }
}
