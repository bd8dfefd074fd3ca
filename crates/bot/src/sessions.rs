//! Paged answers held in memory so their ◀ ▶ buttons can turn pages, for their owner only.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;

use crate::render::Page;

/// How long a paged answer stays turnable.
const LIFETIME: Duration = Duration::from_secs(60 * 60);
/// Most paged answers held at once; the oldest go first.
const CAPACITY: usize = 2000;
/// Most text held across every paged answer (about 800 timelines of the shipped dossier, or a
/// dozen of a thousand events each); the oldest go first. Without it a burst of long answers
/// would hold thousands of them for an hour.
const MAX_HELD_BYTES: usize = 8 << 20;
/// What a page and each embed and field cost beyond their text: the structs and string headers.
const PAGE_OVERHEAD_BYTES: usize = 64;
const EMBED_OVERHEAD_BYTES: usize = 200;
const FIELD_OVERHEAD_BYTES: usize = 56;

/// One paged answer.
#[derive(Debug, Clone)]
struct Session {
    owner: serenity::UserId,
    command: String,
    pages: Arc<Vec<Page>>,
    created: Instant,
    /// What its pages take in memory, roughly.
    bytes: usize,
}

/// Roughly what `pages` take in memory: their text and the structs around it.
fn held_bytes(pages: &[Page]) -> usize {
    pages
        .iter()
        .map(|page| {
            PAGE_OVERHEAD_BYTES
                + page.content.as_ref().map_or(0, String::len)
                + page
                    .embeds
                    .iter()
                    .map(|embed| {
                        EMBED_OVERHEAD_BYTES
                            + embed.title.len()
                            + embed.description.len()
                            + embed.url.as_ref().map_or(0, String::len)
                            + embed.author.as_ref().map_or(0, String::len)
                            + embed.footer.as_ref().map_or(0, String::len)
                            + embed
                                .fields
                                .iter()
                                .map(|field| {
                                    FIELD_OVERHEAD_BYTES + field.name.len() + field.value.len()
                                })
                                .sum::<usize>()
                    })
                    .sum::<usize>()
        })
        .sum()
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
    held: Mutex<Held>,
}

/// The sessions, and the order they came in (oldest first) so the oldest go first.
#[derive(Debug, Default)]
struct Held {
    sessions: HashMap<u64, Session>,
    arrivals: VecDeque<(u64, Instant)>,
    bytes: usize,
}

impl Held {
    /// Lets go of the oldest session; false when none is left.
    fn drop_oldest(&mut self) -> bool {
        let Some((id, created)) = self.arrivals.pop_front() else {
            return false;
        };
        // An id held again later keeps its newer session.
        if self
            .sessions
            .get(&id)
            .is_some_and(|session| session.created == created)
        {
            if let Some(session) = self.sessions.remove(&id) {
                self.bytes -= session.bytes;
            }
        }
        true
    }
}

impl Sessions {
    /// Holds `pages`, made by `owner` running `command`, under `id`, letting the oldest
    /// answers go when more than [`CAPACITY`] of them or [`MAX_HELD_BYTES`] of text would be
    /// held (the newest is always held).
    pub(crate) fn insert(&self, id: u64, owner: serenity::UserId, command: &str, pages: Vec<Page>) {
        let now = Instant::now();
        let bytes = held_bytes(&pages);
        let mut held = self.lock();
        while held
            .arrivals
            .front()
            .is_some_and(|(_, created)| now.duration_since(*created) >= LIFETIME)
        {
            held.drop_oldest();
        }
        while held.sessions.len() >= CAPACITY || held.bytes + bytes > MAX_HELD_BYTES {
            if !held.drop_oldest() {
                break;
            }
        }
        let session = Session {
            owner,
            command: command.to_owned(),
            pages: Arc::new(pages),
            created: now,
            bytes,
        };
        if let Some(replaced) = held.sessions.insert(id, session) {
            held.bytes -= replaced.bytes;
        }
        held.bytes += bytes;
        held.arrivals.push_back((id, now));
    }

    /// What pressing "go to `index`" on session `id` by `presser` does.
    pub(crate) fn turn(&self, id: u64, index: usize, presser: serenity::UserId) -> Turn {
        let held = self.lock();
        let Some(session) = held.sessions.get(&id) else {
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
        self.lock().sessions.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Held> {
        // A panic while holding the lock leaves the map usable; keep serving.
        self.held
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

    #[test]
    fn long_answers_make_room_by_size_and_the_newest_is_always_held() {
        let sessions = Sessions::default();
        let long_page = || {
            Page::embed(EmbedSpec {
                title: "long".to_owned(),
                description: "x".repeat(4_000),
                ..EmbedSpec::default()
            })
        };
        // Each answer holds about 400 KB: twenty fit in the budget, not thirty.
        let answer = || vec![long_page(); 100];
        for id in 0..30 {
            sessions.insert(id, user(1), "timeline", answer());
        }
        let held = sessions.len();
        assert!((15..30).contains(&held), "{held} held");
        assert!(sessions.lock().bytes <= MAX_HELD_BYTES);
        assert_eq!(sessions.turn(0, 1, user(1)), Turn::Expired);
        assert!(matches!(
            sessions.turn(29, 99, user(1)),
            Turn::Show { index: 99, .. }
        ));
        let oversized = vec![long_page(); 3_000];
        sessions.insert(99, user(1), "timeline", oversized);
        assert_eq!(sessions.len(), 1, "only the newest, however large");
        assert!(matches!(
            sessions.turn(99, 0, user(1)),
            Turn::Show { total: 3_000, .. }
        ));
    }

    #[test]
    fn holding_an_id_again_keeps_the_newer_pages_and_counts_them_once() {
        let sessions = Sessions::default();
        sessions.insert(7, user(1), "timeline", pages(2));
        sessions.insert(7, user(1), "search", pages(3));
        assert_eq!(sessions.len(), 1);
        assert_eq!(sessions.lock().bytes, held_bytes(&pages(3)));
        assert!(matches!(
            sessions.turn(7, 9, user(1)),
            Turn::Show { total: 3, .. }
        ));
    }
}
