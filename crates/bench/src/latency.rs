//! Latency summaries: nearest-rank percentiles of a set of durations, and throughput.

use std::fmt;
use std::time::Duration;

/// Percentiles of one set of measured durations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LatencySummary {
    /// How many durations.
    pub count: usize,
    /// The fastest.
    pub min: Duration,
    /// The median.
    pub p50: Duration,
    /// The 90th percentile.
    pub p90: Duration,
    /// The 99th percentile.
    pub p99: Duration,
    /// The slowest.
    pub max: Duration,
}

/// The nearest-rank `percent` percentile of `sorted` (ascending, not empty).
fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank.min(sorted.len()) - 1]
}

impl LatencySummary {
    /// Summarises `durations`; `None` when there are none.
    pub fn of(durations: &[Duration]) -> Option<LatencySummary> {
        let mut sorted = durations.to_vec();
        sorted.sort_unstable();
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        Some(LatencySummary {
            count: sorted.len(),
            min,
            p50: percentile(&sorted, 50),
            p90: percentile(&sorted, 90),
            p99: percentile(&sorted, 99),
            max,
        })
    }
}

impl fmt::Display for LatencySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "n={} min {:.2?} p50 {:.2?} p90 {:.2?} p99 {:.2?} max {:.2?}",
            self.count, self.min, self.p50, self.p90, self.p99, self.max
        )
    }
}

/// Events per second: `count` over `elapsed` (0 when nothing elapsed).
pub fn per_second(count: usize, elapsed: Duration) -> f64 {
    let seconds = elapsed.as_secs_f64();
    if seconds > 0.0 {
        count as f64 / seconds
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millis(values: &[u64]) -> Vec<Duration> {
        values
            .iter()
            .map(|&value| Duration::from_millis(value))
            .collect()
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let summary = LatencySummary::of(&millis(&(1..=100).rev().collect::<Vec<_>>()));
        let summary = summary.unwrap_or_else(|| panic!("no summary"));
        assert_eq!(summary.count, 100);
        assert_eq!(summary.min, Duration::from_millis(1));
        assert_eq!(summary.p50, Duration::from_millis(50));
        assert_eq!(summary.p90, Duration::from_millis(90));
        assert_eq!(summary.p99, Duration::from_millis(99));
        assert_eq!(summary.max, Duration::from_millis(100));
    }

    #[test]
    fn one_slow_request_in_a_few_is_the_p99() {
        let summary = LatencySummary::of(&millis(&[1, 1, 1, 50]));
        assert_eq!(
            summary.map(|summary| summary.p99),
            Some(Duration::from_millis(50))
        );
        assert_eq!(
            summary.map(|summary| summary.p50),
            Some(Duration::from_millis(1))
        );
        assert_eq!(LatencySummary::of(&[]), None);
    }

    #[test]
    fn throughput_is_count_over_seconds() {
        assert_eq!(per_second(500, Duration::from_millis(250)), 2000.0);
        assert_eq!(per_second(5, Duration::ZERO), 0.0);
    }
}
