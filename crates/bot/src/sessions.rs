//! Paged answers held in memory so their ◀ ▶ buttons can turn pages, for their owner only.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dossier_core::TimelineQuery;
use poise::serenity_prelude as serenity;

use crate::render::{Page, SearchLayout, TimelineLayout};

/// How long a paged answer stays turnable.
const LIFETIME: Duration = Duration::from_secs(60 * 60);
/// Most paged answers held at once; the oldest go first.
const CAPACITY: usize = 2000;
/// Most bytes of pages held across every paged answer (about 400 timelines of the shipped
/// dossier, or half a dozen of a thousand events each); the oldest go first. Without it a burst
/// of long answers would hold thousands of them for an hour.
const MAX_HELD_BYTES: usize = 4 << 20;
/// What each held page costs beyond its bytes: its box and the allocator's header.
const PAGE_OVERHEAD_BYTES: usize = 32;

/// One paged answer and who may turn its pages.
#[derive(Debug, Clone)]
struct Session {
    owner: serenity::UserId,
    command: String,
    pages: Pages,
    created: Instant,
    /// What its pages take in memory.
    bytes: usize,
}

/// The pages of one answer, as they are held.
#[derive(Debug, Clone)]
enum Pages {
    /// Every page, drawn when the answer was made, kept as compact JSON (one allocation each)
    /// and read back when a button asks for one.
    Drawn(Arc<[Box<[u8]>]>),
    /// A question whose pages are read from the store and drawn when a button asks.
    Asked(Arc<HeldQuestion>),
}

/// An answer held as its question, a page of which is read again when a button asks for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HeldQuestion {
    /// `/timeline`.
    Timeline(HeldTimeline),
    /// `/search`.
    Search(HeldSearch),
}

impl HeldQuestion {
    /// Pages in all.
    fn pages(&self) -> usize {
        match self {
            HeldQuestion::Timeline(timeline) => timeline.layout.pages(),
            HeldQuestion::Search(search) => search.layout.pages(),
        }
    }

    /// About what holding it takes.
    fn bytes(&self) -> usize {
        match self {
            HeldQuestion::Timeline(timeline) => timeline.bytes(),
            HeldQuestion::Search(search) => search.bytes(),
        }
    }
}

/// A search answer held as its words: a page's hits (and their snippets, most of a search's
/// work) are read when it is asked for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HeldSearch {
    /// The words searched for, as typed.
    pub(crate) query: String,
    /// Its heading and how it is cut into pages.
    pub(crate) layout: SearchLayout,
}

impl HeldSearch {
    /// About what holding it takes: the struct and its text.
    fn bytes(&self) -> usize {
        std::mem::size_of::<Self>() + self.query.len() + self.layout.held_bytes()
    }
}

/// A timeline answer held as its question: a page of it is read when asked for, so a
/// timeline of a thousand events costs one page's read to answer and a few hundred bytes to
/// hold.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HeldTimeline {
    /// The question, to read a page of its events again.
    pub(crate) query: TimelineQuery,
    /// Its heading and how it is cut into pages.
    pub(crate) layout: TimelineLayout,
}

impl HeldTimeline {
    /// About what holding it takes: the struct and its text.
    fn bytes(&self) -> usize {
        let text = self.query.text.as_ref().map_or(0, String::len);
        let actors: usize = self
            .query
            .actors
            .iter()
            .map(|actor| actor.as_str().len())
            .sum();
        std::mem::size_of::<Self>() + text + actors + self.layout.held_bytes()
    }
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
    /// Read page `index` of this question's answer, then show it.
    Read {
        /// The question and its layout.
        asked: Arc<HeldQuestion>,
        /// Its zero-based index (clamped to the last).
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
    pub(crate) fn insert(&self, id: u64, owner: serenity::UserId, command: &str, pages: &[Page]) {
        let pages: Arc<[Box<[u8]>]> = match pages
            .iter()
            .map(|page| serde_json::to_vec(page).map(Vec::into_boxed_slice))
            .collect()
        {
            Ok(pages) => pages,
            Err(error) => {
                // Plain strings and numbers always serialise; without pages the buttons
                // answer that the pages are gone.
                tracing::error!(%error, "could not hold a paged answer");
                return;
            }
        };
        let bytes = pages
            .iter()
            .map(|page| page.len() + PAGE_OVERHEAD_BYTES)
            .sum();
        self.hold(id, owner, command, Pages::Drawn(pages), bytes);
    }

    /// Holds a question asked by `owner` under `id`, as [`Sessions::insert`] holds pages.
    pub(crate) fn insert_question(
        &self,
        id: u64,
        owner: serenity::UserId,
        command: &str,
        asked: HeldQuestion,
    ) {
        let bytes = asked.bytes();
        self.hold(id, owner, command, Pages::Asked(Arc::new(asked)), bytes);
    }

    /// Holds `pages` under `id`, letting the oldest answers go to make room.
    fn hold(&self, id: u64, owner: serenity::UserId, command: &str, pages: Pages, bytes: usize) {
        let now = Instant::now();
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
            pages,
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
        let pages = match &session.pages {
            Pages::Drawn(pages) => pages,
            Pages::Asked(asked) => {
                let total = asked.pages();
                return Turn::Read {
                    asked: Arc::clone(asked),
                    index: index.min(total.saturating_sub(1)),
                    total,
                };
            }
        };
        let total = pages.len();
        let index = index.min(total.saturating_sub(1));
        match pages
            .get(index)
            .map(|page| serde_json::from_slice::<Page>(page))
        {
            Some(Ok(page)) => Turn::Show { page, index, total },
            Some(Err(error)) => {
                tracing::error!(%error, "a held page could not be read back");
                Turn::Expired
            }
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
        sessions.insert(10, user(1), "timeline", &pages(3));
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
        sessions.insert(10, user(1), "timeline", &pages(3));
        assert_eq!(
            sessions.turn(10, 1, user(2)),
            Turn::NotOwner {
                command: "timeline".to_owned()
            }
        );
    }

    #[test]
    fn a_held_timeline_is_read_again_on_its_owners_press() {
        let heading = crate::render::TimelineHeading {
            matched: 40,
            shown: 40,
            ..crate::render::TimelineHeading::default()
        };
        let timeline = HeldTimeline {
            query: TimelineQuery {
                text: Some("kursk".to_owned()),
                ..TimelineQuery::default()
            },
            layout: TimelineLayout::new(&heading, crate::render::References::new(&[], &[])),
        };
        let sessions = Sessions::default();
        let asked = HeldQuestion::Timeline(timeline);
        sessions.insert_question(10, user(1), "timeline", asked.clone());
        match sessions.turn(10, 99, user(1)) {
            Turn::Read {
                asked: held,
                index,
                total,
            } => {
                assert_eq!(*held, asked);
                assert_eq!(
                    (index, total),
                    (4, 5),
                    "a press past the end shows the last"
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            sessions.turn(10, 1, user(2)),
            Turn::NotOwner {
                command: "timeline".to_owned()
            }
        );
        assert!(
            sessions.lock().bytes < 1024,
            "held as its question, not its pages"
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
            sessions.insert(id, user(1), "timeline", &pages(2));
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
        // Each answer holds about 400 KB: ten fit in the budget, not thirty.
        let answer = || vec![long_page(); 100];
        for id in 0..30 {
            sessions.insert(id, user(1), "timeline", &answer());
        }
        let held = sessions.len();
        assert!((5..15).contains(&held), "{held} held");
        assert!(sessions.lock().bytes <= MAX_HELD_BYTES);
        assert_eq!(sessions.turn(0, 1, user(1)), Turn::Expired);
        assert!(matches!(
            sessions.turn(29, 99, user(1)),
            Turn::Show { index: 99, .. }
        ));
        let oversized = vec![long_page(); 1_500];
        sessions.insert(99, user(1), "timeline", &oversized);
        assert_eq!(sessions.len(), 1, "only the newest, however large");
        assert!(matches!(
            sessions.turn(99, 0, user(1)),
            Turn::Show { total: 1_500, .. }
        ));
    }

    #[test]
    fn holding_an_id_again_keeps_the_newer_pages_and_counts_them_once() {
        let sessions = Sessions::default();
        sessions.insert(7, user(1), "timeline", &pages(2));
        sessions.insert(7, user(1), "search", &pages(3));
        assert_eq!(sessions.len(), 1);
        let three_pages: usize = pages(3)
            .iter()
            .map(|page| serde_json::to_vec(page).map_or(0, |json| json.len()) + PAGE_OVERHEAD_BYTES)
            .sum();
        assert_eq!(sessions.lock().bytes, three_pages);
        assert!(matches!(
            sessions.turn(7, 9, user(1)),
            Turn::Show { total: 3, .. }
        ));
    }

    #[test]
    fn a_held_page_comes_back_exactly_as_it_was() {
        let full = Page {
            content: Some("Above the embeds".to_owned()),
            embeds: vec![
                EmbedSpec {
                    title: "Kursk — \\*escaped\\* @\u{200B}everyone 🚀".to_owned(),
                    url: Some("https://example.org/report".to_owned()),
                    author: Some("Dossier".to_owned()),
                    description: "Line one\nLine two".to_owned(),
                    fields: vec![
                        crate::render::FieldSpec::new("Name", "Value"),
                        crate::render::FieldSpec::inline("Side", "by side"),
                    ],
                    footer: Some("Page 1/2 · Source".to_owned()),
                    colour: 0x00AB_CDEF,
                },
                EmbedSpec::default(),
            ],
        };
        let sessions = Sessions::default();
        sessions.insert(5, user(1), "timeline", &[Page::default(), full.clone()]);
        assert_eq!(
            sessions.turn(5, 1, user(1)),
            Turn::Show {
                page: full,
                index: 1,
                total: 2
            }
        );
    }
}
