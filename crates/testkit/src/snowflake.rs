//! Discord-shaped snowflake ids: milliseconds since 2015 in the top bits, then a counter.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds from the Unix epoch to Discord's epoch, 2015-01-01T00:00:00Z.
const DISCORD_EPOCH_MILLIS: u64 = 1_420_070_400_000;

/// Hands out unique, increasing snowflakes whose timestamps are the current time.
#[derive(Debug)]
pub(crate) struct SnowflakeSource {
    last: AtomicU64,
}

impl SnowflakeSource {
    pub(crate) fn new() -> Self {
        Self {
            last: AtomicU64::new(0),
        }
    }

    /// A fresh snowflake: `(millis since 2015) << 22 | worker 1 << 17 | counter`, strictly
    /// greater than every one handed out before.
    pub(crate) fn next(&self) -> u64 {
        let candidate = (discord_millis_now() << 22) | (1 << 17);
        let mut previous = self.last.load(Ordering::Relaxed);
        loop {
            let next = candidate.max(previous + 1);
            match self.last.compare_exchange_weak(
                previous,
                next,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return next,
                Err(actual) => previous = actual,
            }
        }
    }
}

/// The creation time encoded in a snowflake, as milliseconds since the Unix epoch.
pub fn snowflake_unix_millis(snowflake: u64) -> u64 {
    (snowflake >> 22) + DISCORD_EPOCH_MILLIS
}

fn discord_millis_now() -> u64 {
    let unix_millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(DISCORD_EPOCH_MILLIS, |elapsed| elapsed.as_millis() as u64);
    unix_millis.saturating_sub(DISCORD_EPOCH_MILLIS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snowflakes_increase_and_carry_the_current_time() {
        let source = SnowflakeSource::new();
        let first = source.next();
        let second = source.next();
        assert!(second > first, "{second} should follow {first}");
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64);
        let encoded = snowflake_unix_millis(second);
        assert!(
            now.is_ok_and(|now| now.abs_diff(encoded) < 60_000),
            "{encoded} is not now"
        );
        // Real ids issued today are 18 or 19 digits long.
        assert!(second.to_string().len() >= 18);
    }
}
