//! Usage counts for `/stats`, gathered in memory and written in batches off the answer path: a
//! background task writes them every flush interval (one second by default) or sooner when
//! many have gathered, `/stats` writes them before it reads, and a graceful shutdown writes
//! the rest. A process that dies without shutting down loses at most the counts of the last
//! interval; answers never wait on a write.

use std::collections::HashMap;
use std::mem;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use dossier_core::Day;
use dossier_store::{today_utc, GuildId, Store, StoreError, UsageTally};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// How many different (server, day, command, subject) counts may gather before they are
/// written without waiting for the interval.
const MAX_PENDING_KEYS: usize = 1_000;

/// What one count is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct UsageKey {
    guild: GuildId,
    day: Day,
    command: String,
    subject: Option<String>,
}

/// Counts not yet written, with how many uses each.
type PendingCounts = HashMap<UsageKey, u64>;

/// Gathers usage counts and writes them in batches. Cheap to clone; clones share the counts.
#[derive(Debug, Clone)]
pub(crate) struct UsageRecorder {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    store: Store,
    pending: Mutex<PendingCounts>,
    /// Held while a batch is taken and written, so a flush that starts while another is
    /// writing waits for it: whoever flushes then reads every count made before.
    writing: tokio::sync::Mutex<()>,
    /// Wakes the background task early when many counts have gathered.
    many_pending: Arc<Notify>,
    background: Mutex<Option<JoinHandle<()>>>,
}

impl UsageRecorder {
    /// A recorder writing to `store` every `interval` from a background task on the current
    /// Tokio runtime (without a runtime, counts are written only by [`UsageRecorder::flush`]
    /// and [`UsageRecorder::close`]).
    pub(crate) fn start(store: Store, interval: Duration) -> UsageRecorder {
        let shared = Arc::new(Shared {
            store,
            pending: Mutex::new(PendingCounts::new()),
            writing: tokio::sync::Mutex::new(()),
            many_pending: Arc::new(Notify::new()),
            background: Mutex::new(None),
        });
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let task = runtime.spawn(write_periodically(
                Arc::downgrade(&shared),
                Arc::clone(&shared.many_pending),
                interval,
            ));
            *lock(&shared.background) = Some(task);
        }
        UsageRecorder { shared }
    }

    /// Counts one use of `command` in `guild` today (UTC), about `subject` if any. Never
    /// waits on the database.
    pub(crate) fn count(&self, guild: GuildId, command: &str, subject: Option<&str>) {
        let key = UsageKey {
            guild,
            day: today_utc(),
            command: command.to_owned(),
            subject: subject.map(str::to_owned),
        };
        let pending_keys = {
            let mut pending = lock(&self.shared.pending);
            *pending.entry(key).or_insert(0) += 1;
            pending.len()
        };
        if pending_keys >= MAX_PENDING_KEYS {
            self.shared.many_pending.notify_one();
        }
    }

    /// Writes every count made so far (after any write already under way). On an error the
    /// counts are kept for the next try.
    pub(crate) async fn flush(&self) -> Result<(), StoreError> {
        self.shared.flush().await
    }

    /// Stops the background task and writes what is left; for a graceful shutdown. Counts
    /// made afterwards are written only by another [`UsageRecorder::flush`].
    pub(crate) async fn close(&self) {
        let task = lock(&self.shared.background).take();
        if let Some(task) = task {
            // While this holds the write lock the task cannot be halfway through a write, so
            // stopping it loses nothing.
            let writing = self.shared.writing.lock().await;
            task.abort();
            drop(writing);
        }
        if let Err(error) = self.flush().await {
            tracing::warn!(%error, "usage counts could not be written at shutdown");
        }
    }
}

impl Shared {
    async fn flush(&self) -> Result<(), StoreError> {
        let _writing = self.writing.lock().await;
        let taken = mem::take(&mut *lock(&self.pending));
        if taken.is_empty() {
            return Ok(());
        }
        let tallies: Vec<UsageTally> = taken
            .iter()
            .map(|(key, uses)| UsageTally {
                guild: key.guild,
                day: key.day,
                command: key.command.clone(),
                subject: key.subject.clone(),
                uses: *uses,
            })
            .collect();
        let written = self.store.record_usage_batch(&tallies).await;
        if written.is_err() {
            // Put them back, beside any counted meanwhile, for the next try.
            let mut pending = lock(&self.pending);
            for (key, uses) in taken {
                *pending.entry(key).or_insert(0) += uses;
            }
        }
        written
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        if let Some(task) = lock(&self.background).take() {
            task.abort();
        }
    }
}

/// The background task: writes every `interval`, or sooner when many counts have gathered,
/// until the recorder is gone or closed.
async fn write_periodically(shared: Weak<Shared>, many_pending: Arc<Notify>, interval: Duration) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The first tick is immediate; nothing has been counted yet.
    ticks.tick().await;
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            () = many_pending.notified() => {}
        }
        let Some(shared) = shared.upgrade() else {
            return;
        };
        if let Err(error) = shared.flush().await {
            tracing::warn!(%error, "usage counts could not be written; retrying later");
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER: GuildId = GuildId(1_100_000_000_000_000_001);
    const OTHER_SERVER: GuildId = GuildId(1_200_000_000_000_000_002);

    /// (name, uses) of each command in `guild` today.
    async fn commands(store: &Store, guild: GuildId) -> Vec<(String, u64)> {
        store
            .usage_stats(guild, today_utc(), 10)
            .await
            .unwrap_or_else(|error| panic!("stats: {error}"))
            .commands
            .into_iter()
            .map(|count| (count.name, count.uses))
            .collect()
    }

    async fn store() -> Store {
        Store::open_in_memory()
            .await
            .unwrap_or_else(|error| panic!("store: {error}"))
    }

    #[tokio::test]
    async fn counts_are_written_by_a_flush_not_before() {
        let store = store().await;
        let recorder = UsageRecorder::start(store.clone(), Duration::from_secs(3_600));
        recorder.count(SERVER, "define", Some("KCNA"));
        recorder.count(SERVER, "define", Some("KCNA"));
        recorder.count(SERVER, "ping", None);
        recorder.count(OTHER_SERVER, "ping", None);
        assert!(commands(&store, SERVER).await.is_empty());

        recorder
            .flush()
            .await
            .unwrap_or_else(|error| panic!("flush: {error}"));
        assert_eq!(
            commands(&store, SERVER).await,
            [("define".to_owned(), 2), ("ping".to_owned(), 1)]
        );
        assert_eq!(
            commands(&store, OTHER_SERVER).await,
            [("ping".to_owned(), 1)]
        );
        // Written once: a second flush adds nothing.
        recorder
            .flush()
            .await
            .unwrap_or_else(|error| panic!("flush: {error}"));
        assert_eq!(commands(&store, OTHER_SERVER).await[0].1, 1);
    }

    #[tokio::test]
    async fn closing_writes_what_is_left() {
        let store = store().await;
        let recorder = UsageRecorder::start(store.clone(), Duration::from_secs(3_600));
        recorder.count(SERVER, "timeline", None);
        recorder.close().await;
        assert_eq!(commands(&store, SERVER).await, [("timeline".to_owned(), 1)]);
    }

    #[tokio::test]
    async fn the_background_task_writes_after_the_interval() {
        let store = store().await;
        let recorder = UsageRecorder::start(store.clone(), Duration::from_millis(20));
        recorder.count(SERVER, "search", None);
        // Only a broken task takes anywhere near this long.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while commands(&store, SERVER).await.is_empty() && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(commands(&store, SERVER).await, [("search".to_owned(), 1)]);
    }

    #[tokio::test]
    async fn counts_that_could_not_be_written_are_kept_for_the_next_try() {
        let store = store().await;
        let recorder = UsageRecorder::start(store.clone(), Duration::from_secs(3_600));
        recorder.count(SERVER, "define", None);
        store.close().await;
        assert!(recorder.flush().await.is_err());
        assert_eq!(lock(&recorder.shared.pending).values().sum::<u64>(), 1);
    }
}
