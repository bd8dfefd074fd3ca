//! Axis scales: round tick steps for counts, and calendar ticks (days, months, years) for dates.

use dossier_core::{format_count, Day};

/// A tick on an axis: where it is (a count, or a day number) and what it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tick {
    pub(crate) at: i64,
    pub(crate) label: String,
}

/// A linear axis for counts from zero: its end and ticks at a round step (1, 2, 2.5 or 5 times
/// a power of ten), at most `max_ticks` of them besides zero.
pub(crate) fn count_axis(largest: u64, max_ticks: u64) -> (u64, Vec<Tick>) {
    let largest = largest.max(1);
    let max_ticks = max_ticks.max(1);
    let mut magnitude: u64 = 1;
    let step = 'search: loop {
        // 2.5 × magnitude needs magnitude ≥ 10 to stay whole.
        for (times, per) in [(1, 1), (2, 1), (5, 2), (5, 1)] {
            if times * magnitude % per != 0 {
                continue;
            }
            let step = times * magnitude / per;
            if largest.div_ceil(step) <= max_ticks {
                break 'search step;
            }
        }
        match magnitude.checked_mul(10) {
            Some(next) => magnitude = next,
            None => break largest,
        }
    };
    let end = largest.div_ceil(step).saturating_mul(step);
    let ticks = (0..=end / step)
        .map(|index| {
            let at = index * step;
            Tick {
                at: i64::try_from(at).unwrap_or(i64::MAX),
                label: format_count(at),
            }
        })
        .collect();
    (end, ticks)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month.clamp(1, 12) - 1)]
}

/// A spacing of calendar ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Days(i64),
    Months(i32),
    Years(i32),
}

impl Step {
    const ALL: [Step; 16] = [
        Step::Days(1),
        Step::Days(2),
        Step::Days(7),
        Step::Days(14),
        Step::Months(1),
        Step::Months(2),
        Step::Months(3),
        Step::Months(6),
        Step::Years(1),
        Step::Years(2),
        Step::Years(5),
        Step::Years(10),
        Step::Years(25),
        Step::Years(50),
        Step::Years(100),
        Step::Years(500),
    ];

    fn approximate_days(self) -> i64 {
        match self {
            Step::Days(days) => days,
            Step::Months(months) => i64::from(months) * 30,
            Step::Years(years) => i64::from(years) * 365,
        }
    }
}

fn month_start(year: i32, month: i32) -> Day {
    // `month` counts from 0 and may run past 11.
    let year = year + month.div_euclid(12);
    let month = u8::try_from(month.rem_euclid(12) + 1).unwrap_or(1);
    Day {
        year,
        month,
        day: 1,
    }
}

/// Calendar ticks inside the days `[start, end)`, at most `max_ticks` of them, labelled so the
/// year is named on the first tick and wherever it changes.
pub(crate) fn time_ticks(start: i64, end: i64, max_ticks: usize) -> Vec<Tick> {
    let span = (end - start).max(1);
    let max_ticks = i64::try_from(max_ticks.max(2)).unwrap_or(2);
    let step = Step::ALL
        .into_iter()
        .find(|step| span / step.approximate_days() < max_ticks)
        .unwrap_or(Step::Years(1000));
    let first = Day::from_day_number(start);
    let mut days: Vec<Day> = Vec::new();
    match step {
        Step::Days(days_apart) => {
            let mut number = start + (days_apart - start.rem_euclid(days_apart)) % days_apart;
            while number < end {
                days.push(Day::from_day_number(number));
                number += days_apart;
            }
        }
        Step::Months(months_apart) => {
            let mut month = i32::from(first.month) - 1;
            if first.day != 1 {
                month += 1;
            }
            month += (months_apart - month.rem_euclid(months_apart)) % months_apart;
            loop {
                let day = month_start(first.year, month);
                if day.day_number() >= end {
                    break;
                }
                days.push(day);
                month += months_apart;
            }
        }
        Step::Years(years_apart) => {
            let mut year = first.year + i32::from(first.month != 1 || first.day != 1);
            year += (years_apart - year.rem_euclid(years_apart)) % years_apart;
            while month_start(year, 0).day_number() < end {
                days.push(month_start(year, 0));
                year += years_apart;
            }
        }
    }
    let mut previous_year = None;
    days.into_iter()
        .map(|day| {
            let new_year = previous_year != Some(day.year);
            previous_year = Some(day.year);
            let label = match (step, new_year) {
                (Step::Years(_), _) => day.year.to_string(),
                (Step::Months(_), true) => format!("{} {}", month_name(day.month), day.year),
                (Step::Months(_), false) => month_name(day.month).to_owned(),
                (Step::Days(_), true) => {
                    format!("{} {} {}", day.day, month_name(day.month), day.year)
                }
                (Step::Days(_), false) => format!("{} {}", day.day, month_name(day.month)),
            };
            Tick {
                at: day.day_number(),
                label,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|tick| tick.label.as_str()).collect()
    }

    fn day(year: i32, month: u8, day: u8) -> i64 {
        Day { year, month, day }.day_number()
    }

    #[test]
    fn count_axis_ends_on_a_round_step_past_the_largest_figure() {
        let (end, ticks) = count_axis(14_000, 8);
        assert_eq!(end, 14_000);
        assert_eq!(
            labels(&ticks),
            ["0", "2,000", "4,000", "6,000", "8,000", "10,000", "12,000", "14,000"]
        );
        assert_eq!(count_axis(11_001, 6).0, 12_000);
        let (end, ticks) = count_axis(11_001, 5);
        assert_eq!(end, 12_500);
        assert_eq!(ticks[1].label, "2,500");
        assert_eq!(count_axis(0, 6).0, 1);
        assert_eq!(count_axis(u64::MAX, 6).0, u64::MAX);
    }

    #[test]
    fn months_name_the_year_where_it_changes() {
        let ticks = time_ticks(day(2024, 5, 20), day(2025, 5, 10), 7);
        assert_eq!(
            labels(&ticks),
            ["Jul 2024", "Sep", "Nov", "Jan 2025", "Mar", "May"]
        );
        assert_eq!(ticks[0].at, day(2024, 7, 1));
    }

    #[test]
    fn short_and_long_spans_pick_days_and_years() {
        let days = time_ticks(day(2025, 4, 24), day(2025, 4, 30), 8);
        assert_eq!(labels(&days)[0], "24 Apr 2025");
        assert_eq!(days.len(), 6);
        let years = time_ticks(day(1948, 3, 1), day(2026, 1, 1), 8);
        assert_eq!(
            labels(&years),
            ["1950", "1960", "1970", "1980", "1990", "2000", "2010", "2020"]
        );
    }
}
