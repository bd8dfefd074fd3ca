//! The stretch of calendar a timeline shows: the busiest cluster of dates, so one event decades
//! away does not squeeze every other into a corner; what lies outside is drawn as an arrow.

use dossier_core::{Day, Event};

/// Dates further apart than this start a new cluster.
const CLUSTER_GAP_DAYS: i64 = 3 * 365;
/// The narrowest window shown, so a single day is not stretched across the whole width.
const MIN_SPAN_DAYS: i64 = 30;

/// The days an event may cover as day numbers `[start, end)`, each end `None` when open or
/// unknown.
pub(crate) fn bounds(event: &Event) -> (Option<i64>, Option<i64>) {
    let earliest = event.date.earliest();
    let latest = event.date.latest();
    let start = (earliest != Day::MIN).then(|| earliest.day_number());
    let end = (latest != Day::MAX).then(|| latest.day_number() + 1);
    (start, end)
}

/// The days `[start, end)` a timeline's axis runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    pub(crate) start: i64,
    pub(crate) end: i64,
}

impl Window {
    /// The window for `events`: the cluster of known dates holding the most events (the later on
    /// a tie), with a little room on either side.
    pub(crate) fn around(events: &[&Event]) -> Window {
        let mut spans: Vec<(i64, i64)> = events
            .iter()
            .filter_map(|event| match bounds(event) {
                (Some(start), Some(end)) => Some((start, end)),
                (Some(start), None) => Some((start, start + 1)),
                (None, Some(end)) => Some((end - 1, end)),
                (None, None) => None,
            })
            .collect();
        spans.sort_unstable();
        // (start, end, events) of each cluster.
        let mut clusters: Vec<(i64, i64, usize)> = Vec::new();
        for (start, end) in spans {
            match clusters.last_mut() {
                Some(cluster) if start <= cluster.1 + CLUSTER_GAP_DAYS => {
                    cluster.1 = cluster.1.max(end);
                    cluster.2 += 1;
                }
                _ => clusters.push((start, end, 1)),
            }
        }
        let (start, end) = clusters
            .iter()
            .max_by_key(|cluster| (cluster.2, cluster.0))
            .map_or((0, MIN_SPAN_DAYS), |cluster| (cluster.0, cluster.1));
        let missing = (MIN_SPAN_DAYS - (end - start)).max(0);
        let (start, end) = (start - missing / 2, end + (missing - missing / 2));
        let room = ((end - start) / 25).max(2);
        Window {
            start: start - room,
            end: end + room,
        }
    }

    /// Where `day` (a day number, fractions allowed) falls between `left` and `right` pixels.
    pub(crate) fn x_of(&self, day: f64, left: i32, right: i32) -> i32 {
        let share = (day - self.start as f64) / (self.end - self.start) as f64;
        left + (share * f64::from(right - left)).round() as i32
    }
}

#[cfg(test)]
mod tests {
    use dossier_core::embedded;

    use super::*;

    fn day(text: &str) -> i64 {
        let date: dossier_core::Edtf = text.parse().unwrap_or_else(|error| panic!("{error}"));
        date.earliest().day_number()
    }

    #[test]
    fn a_war_seventy_years_earlier_does_not_stretch_the_axis() {
        let dossier = embedded();
        let events: Vec<&Event> = dossier.events.iter().collect();
        assert!(events
            .iter()
            .any(|event| event.date.as_str() == "1950/1953"));
        let window = Window::around(&events);
        assert!(window.start > day("2024-05-01"), "{window:?}");
        assert!(window.start <= day("2024-06-01"), "{window:?}");
        assert!(window.end > day("2025-04-29"), "{window:?}");
        assert!(window.end < day("2025-06-01"), "{window:?}");
    }

    #[test]
    fn a_single_day_gets_a_month_around_it() {
        let dossier = embedded();
        let one: Vec<&Event> = dossier
            .events
            .iter()
            .filter(|event| event.date.as_str() == "2025-03-27")
            .collect();
        let window = Window::around(&one);
        assert!(window.end - window.start >= MIN_SPAN_DAYS);
        let middle = (window.start + window.end) / 2;
        assert!((middle - day("2025-03-27")).abs() <= 1);
    }
}
