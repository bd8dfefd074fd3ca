//! EDTF dates of every kind Dossier reads: days, months, seasons and years, qualified
//! (`~`, `?`, `%`) or not, closed intervals (approximate ones too), and open or unknown ends.

use fastrand::Rng;

/// How one generated date is shaped; every variant appears in a large dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateShape {
    Day,
    Month,
    Season,
    Year,
    QualifiedPoint,
    ApproximateMonths,
    DayRange,
    YearRange,
    OpenEnd,
    OpenStart,
    UnknownStart,
    UnknownEnd,
}

impl DateShape {
    fn pick(rng: &mut Rng) -> DateShape {
        match rng.u8(0..100) {
            0..=29 => Self::Day,
            30..=49 => Self::Month,
            50..=56 => Self::Season,
            57..=64 => Self::Year,
            65..=74 => Self::QualifiedPoint,
            75..=84 => Self::ApproximateMonths,
            85..=91 => Self::DayRange,
            92..=94 => Self::YearRange,
            95..=96 => Self::OpenEnd,
            97 => Self::OpenStart,
            98 => Self::UnknownStart,
            _ => Self::UnknownEnd,
        }
    }
}

/// A year, mostly of the war the report covers (2022-2025), sometimes history back to 1950.
fn year(rng: &mut Rng) -> i32 {
    if rng.u8(0..10) < 7 {
        rng.i32(2022..=2025)
    } else {
        rng.i32(1950..=2021)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn day_text(year: i32, month: u8, day: u8) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

fn random_day(rng: &mut Rng, year: i32) -> (u8, u8) {
    let month = rng.u8(1..=12);
    let day = rng.u8(1..=days_in_month(year, month));
    (month, day)
}

fn point(rng: &mut Rng) -> String {
    let year = year(rng);
    match rng.u8(0..4) {
        0 => year.to_string(),
        1 => format!("{year:04}-{:02}", rng.u8(1..=12)),
        _ => {
            let (month, day) = random_day(rng, year);
            day_text(year, month, day)
        }
    }
}

/// One EDTF date of a random shape.
pub(crate) fn edtf_text(rng: &mut Rng) -> String {
    let shape = DateShape::pick(rng);
    edtf_of_shape(rng, shape)
}

/// One EDTF date of the given shape.
pub(crate) fn edtf_of_shape(rng: &mut Rng, shape: DateShape) -> String {
    let year = year(rng);
    match shape {
        DateShape::Day => {
            let (month, day) = random_day(rng, year);
            day_text(year, month, day)
        }
        DateShape::Month => format!("{year:04}-{:02}", rng.u8(1..=12)),
        DateShape::Season => format!("{year:04}-{}", rng.u8(21..=24)),
        DateShape::Year => year.to_string(),
        DateShape::QualifiedPoint => {
            let qualifier = ['~', '?', '%'][rng.usize(0..3)];
            format!("{}{qualifier}", point(rng))
        }
        DateShape::ApproximateMonths => {
            // "late 2024 (approx.)", "early 2025", "Mar–Jul 2023".
            let (from, to) = match rng.u8(0..4) {
                0 => (10, 12),
                1 => (1, 3),
                2 => (5, 8),
                _ => {
                    let from = rng.u8(1..=11);
                    (from, rng.u8(from + 1..=12))
                }
            };
            format!("{year:04}-{from:02}~/{year:04}-{to:02}~")
        }
        DateShape::DayRange => {
            let month = rng.u8(1..=12);
            let last = days_in_month(year, month);
            let first_day = rng.u8(1..last);
            let second_day = rng.u8(first_day + 1..=last);
            format!(
                "{}/{}",
                day_text(year, month, first_day),
                day_text(year, month, second_day)
            )
        }
        DateShape::YearRange => {
            let from = year.min(2020);
            format!("{from}/{}", from + rng.i32(1..=5))
        }
        DateShape::OpenEnd => format!("{year:04}-{:02}/..", rng.u8(1..=12)),
        DateShape::OpenStart => format!("../{year:04}"),
        DateShape::UnknownStart => format!("/{year:04}-{:02}", rng.u8(1..=12)),
        DateShape::UnknownEnd => format!("{year:04}-{:02}/", rng.u8(1..=12)),
    }
}

/// A date the sources disagree on: the interval spanning two day readings, and the readings.
pub(crate) fn disputed(rng: &mut Rng) -> (String, [String; 2]) {
    let year = year(rng);
    let month = rng.u8(1..=12);
    let last = days_in_month(year, month);
    let first_day = rng.u8(1..last);
    let second_day = rng.u8(first_day + 1..=last);
    let first = day_text(year, month, first_day);
    let second = day_text(year, month, second_day);
    (format!("{first}/{second}"), [first, second])
}

#[cfg(test)]
mod tests {
    use dossier_core::{Edtf, Precision};

    use super::*;

    const SHAPES: [DateShape; 12] = [
        DateShape::Day,
        DateShape::Month,
        DateShape::Season,
        DateShape::Year,
        DateShape::QualifiedPoint,
        DateShape::ApproximateMonths,
        DateShape::DayRange,
        DateShape::YearRange,
        DateShape::OpenEnd,
        DateShape::OpenStart,
        DateShape::UnknownStart,
        DateShape::UnknownEnd,
    ];

    #[test]
    fn every_shape_parses_as_edtf() {
        let mut rng = Rng::with_seed(3);
        for shape in SHAPES {
            for _ in 0..500 {
                let text = edtf_of_shape(&mut rng, shape);
                let parsed: Result<Edtf, _> = text.parse();
                assert!(parsed.is_ok(), "{shape:?}: {text}: {parsed:?}");
            }
        }
    }

    #[test]
    fn random_dates_cover_every_precision_and_qualifier() {
        let mut rng = Rng::with_seed(11);
        let dates: Vec<Edtf> = (0..5_000)
            .filter_map(|_| edtf_text(&mut rng).parse().ok())
            .collect();
        assert_eq!(dates.len(), 5_000);
        for precision in [
            Precision::Day,
            Precision::Month,
            Precision::Season,
            Precision::Year,
            Precision::Interval,
        ] {
            assert!(dates.iter().any(|date| date.precision() == precision));
        }
        assert!(dates.iter().any(Edtf::is_approximate));
        assert!(dates.iter().any(Edtf::is_uncertain));
        assert!(dates.iter().any(|date| date.human().contains("late")));
        assert!(dates.iter().any(|date| date.human().starts_with("since")));
    }

    #[test]
    fn disputed_readings_fall_inside_the_span() {
        let mut rng = Rng::with_seed(5);
        for _ in 0..500 {
            let (span, readings) = disputed(&mut rng);
            let span: Edtf = span.parse().unwrap_or_else(|error| panic!("{error}"));
            for reading in readings {
                let reading: Edtf = reading.parse().unwrap_or_else(|error| panic!("{error}"));
                assert!(reading.earliest() >= span.earliest());
                assert!(reading.latest() <= span.latest());
            }
        }
    }
}
