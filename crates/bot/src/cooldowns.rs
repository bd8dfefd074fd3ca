//! Per-user cooldowns on the heavier commands, so one person cannot flood the bot.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;

/// Commands that cost more than a lookup and are rate-limited per user.
pub(crate) const HEAVY_COMMANDS: [&str; 2] = ["search", "timeline"];

/// When each user last ran each heavy command.
#[derive(Debug)]
pub(crate) struct Cooldowns {
    wait: Duration,
    last_run: Mutex<HashMap<(serenity::UserId, String), Instant>>,
}

impl Cooldowns {
    /// Cooldowns of `wait` between two runs; zero turns them off.
    pub(crate) fn new(wait: Duration) -> Self {
        Self {
            wait,
            last_run: Mutex::new(HashMap::new()),
        }
    }

    /// Records a run of `command` by `user` at `now`, or says how long is left when it comes
    /// too soon. Commands outside [`HEAVY_COMMANDS`] always pass.
    pub(crate) fn enter(
        &self,
        user: serenity::UserId,
        command: &str,
        now: Instant,
    ) -> Result<(), Duration> {
        if self.wait.is_zero() || !HEAVY_COMMANDS.contains(&command) {
            return Ok(());
        }
        let mut last_run = self
            .last_run
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let key = (user, command.to_owned());
        if let Some(previous) = last_run.get(&key) {
            let elapsed = now.saturating_duration_since(*previous);
            if elapsed < self.wait {
                return Err(self.wait - elapsed);
            }
        }
        if last_run.len() > 10_000 {
            let wait = self.wait;
            last_run.retain(|_, at| now.saturating_duration_since(*at) < wait);
        }
        last_run.insert(key, now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_search_too_soon_waits_the_rest() {
        let cooldowns = Cooldowns::new(Duration::from_secs(3));
        let user = serenity::UserId::new(1);
        let start = Instant::now();
        assert_eq!(cooldowns.enter(user, "search", start), Ok(()));
        assert_eq!(
            cooldowns.enter(user, "search", start + Duration::from_secs(1)),
            Err(Duration::from_secs(2))
        );
        assert_eq!(
            cooldowns.enter(user, "search", start + Duration::from_secs(3)),
            Ok(())
        );
    }

    #[test]
    fn users_commands_and_light_commands_are_independent() {
        let cooldowns = Cooldowns::new(Duration::from_secs(3));
        let now = Instant::now();
        let (first, second) = (serenity::UserId::new(1), serenity::UserId::new(2));
        assert_eq!(cooldowns.enter(first, "search", now), Ok(()));
        assert_eq!(cooldowns.enter(second, "search", now), Ok(()));
        assert_eq!(cooldowns.enter(first, "timeline", now), Ok(()));
        assert_eq!(cooldowns.enter(first, "define", now), Ok(()));
        assert_eq!(cooldowns.enter(first, "define", now), Ok(()));
    }

    #[test]
    fn zero_turns_cooldowns_off() {
        let cooldowns = Cooldowns::new(Duration::ZERO);
        let (user, now) = (serenity::UserId::new(1), Instant::now());
        assert_eq!(cooldowns.enter(user, "search", now), Ok(()));
        assert_eq!(cooldowns.enter(user, "search", now), Ok(()));
    }
}
