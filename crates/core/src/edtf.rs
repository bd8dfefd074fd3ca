//! EDTF dates (ISO 8601-2 Levels 0 and 1) with derived bounds, precision and a human reading.
//!
//! Supported: `2025`, `2024-06`, `2025-04-27`, seasons `2024-22` (21 spring … 24 winter),
//! qualifiers `?` (uncertain), `~` (approximate) and `%` (both) on a date, and intervals
//! `A/B` whose ends may be open (`..`) or unknown (empty). Unspecified digits (`X`) are refused.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar day in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, 1-31.
    pub day: u8,
}

impl Day {
    /// The earliest day Dossier represents; stands for an open start.
    pub const MIN: Day = Day {
        year: -9999,
        month: 1,
        day: 1,
    };
    /// The latest day Dossier represents; stands for an open end.
    pub const MAX: Day = Day {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// Builds a day, checking the month and the day of the month.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Day { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), for storage and arithmetic.
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day with the given [`Day::day_number`].
    pub fn from_day_number(number: i64) -> Day {
        let z = number + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// How finely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A single day.
    Day,
    /// A month.
    Month,
    /// A season of a year.
    Season,
    /// A year.
    Year,
    /// An interval, or anything coarser than a year.
    Interval,
}

impl Precision {
    /// Lowercase label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
            Self::Season => "season",
            Self::Year => "year",
            Self::Interval => "interval",
        }
    }
}

/// One date of an EDTF string: a year, month, season or day with its qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Point {
    year: i32,
    month: Option<u8>,
    season: Option<u8>,
    day: Option<u8>,
    approximate: bool,
    uncertain: bool,
}

impl Point {
    fn precision(&self) -> Precision {
        match (self.day, self.month, self.season) {
            (Some(_), _, _) => Precision::Day,
            (None, Some(_), _) => Precision::Month,
            (None, None, Some(_)) => Precision::Season,
            _ => Precision::Year,
        }
    }

    fn first_day(&self) -> Day {
        let (month, day) = match (self.month, self.day, self.season) {
            (Some(month), Some(day), _) => (month, day),
            (Some(month), None, _) => (month, 1),
            (None, _, Some(season)) => (season_months(self.year, season).0, 1),
            _ => (1, 1),
        };
        Day {
            year: self.year,
            month,
            day,
        }
    }

    fn last_day(&self) -> Day {
        match (self.month, self.day, self.season) {
            (Some(month), Some(day), _) => Day {
                year: self.year,
                month,
                day,
            },
            (Some(month), None, _) => Day {
                year: self.year,
                month,
                day: days_in_month(self.year, month),
            },
            (None, _, Some(season)) => {
                let (_, end_month) = season_months(self.year, season);
                // Winter runs into the next year's February.
                let year = if season == 24 {
                    self.year + 1
                } else {
                    self.year
                };
                Day {
                    year,
                    month: end_month,
                    day: days_in_month(year, end_month),
                }
            }
            _ => Day {
                year: self.year,
                month: 12,
                day: 31,
            },
        }
    }
}

/// Northern-hemisphere meteorological seasons: spring Mar-May, summer Jun-Aug, autumn Sep-Nov,
/// winter Dec-Feb (starting in the given year).
fn season_months(_year: i32, season: u8) -> (u8, u8) {
    match season {
        21 => (3, 5),
        22 => (6, 8),
        23 => (9, 11),
        _ => (12, 2),
    }
}

/// An end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum End {
    Date(Point),
    /// `..`: the interval runs on without end.
    Open,
    /// Empty: the end exists but is not known.
    Unknown,
}

/// Why an EDTF string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid EDTF date {text:?}: {reason}")]
pub struct EdtfError {
    /// The refused text.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// A parsed EDTF date or interval; it keeps its original text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Edtf {
    text: String,
    start: End,
    end: Option<End>,
}

impl Edtf {
    /// The EDTF text as written in the data.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True for an interval (`A/B`).
    pub fn is_interval(&self) -> bool {
        self.end.is_some()
    }

    /// The earliest day the date can mean ([`Day::MIN`] when the start is open or unknown).
    pub fn earliest(&self) -> Day {
        match self.start {
            End::Date(point) => point.first_day(),
            End::Open | End::Unknown => Day::MIN,
        }
    }

    /// The latest day the date can mean ([`Day::MAX`] when the end is open or unknown).
    pub fn latest(&self) -> Day {
        match self.end.unwrap_or(self.start) {
            End::Date(point) => point.last_day(),
            End::Open | End::Unknown => Day::MAX,
        }
    }

    /// How finely the date is known.
    pub fn precision(&self) -> Precision {
        match (self.start, self.end) {
            (End::Date(point), None) => point.precision(),
            _ => Precision::Interval,
        }
    }

    /// True when any part is marked approximate (`~` or `%`).
    pub fn is_approximate(&self) -> bool {
        self.points().any(|point| point.approximate)
    }

    /// True when any part is marked uncertain (`?` or `%`).
    pub fn is_uncertain(&self) -> bool {
        self.points().any(|point| point.uncertain)
    }

    /// True when the two dates can share at least one day.
    pub fn overlaps(&self, other: &Edtf) -> bool {
        self.earliest() <= other.latest() && other.earliest() <= self.latest()
    }

    fn points(&self) -> impl Iterator<Item = Point> + '_ {
        [Some(self.start), self.end]
            .into_iter()
            .flatten()
            .filter_map(|end| match end {
                End::Date(point) => Some(point),
                End::Open | End::Unknown => None,
            })
    }

    /// A reading for people: "27 Apr 2025", "Jan–Feb 2025", "late 2024 (approx.)".
    pub fn human(&self) -> String {
        let body = match (self.start, self.end) {
            (End::Date(point), None) => human_point(&point),
            (End::Date(start), Some(End::Date(end))) => human_range(&start, &end),
            (End::Date(start), Some(End::Open)) => format!("since {}", human_point(&start)),
            (End::Date(start), Some(End::Unknown)) => {
                format!("from {} (end unknown)", human_point(&start))
            }
            (End::Open, Some(End::Date(end))) => format!("until {}", human_point(&end)),
            (End::Unknown, Some(End::Date(end))) => {
                format!("(start unknown) to {}", human_point(&end))
            }
            _ => "date unknown".to_owned(),
        };
        match (self.is_approximate(), self.is_uncertain()) {
            (true, true) => format!("{body} (approx., uncertain)"),
            (true, false) => format!("{body} (approx.)"),
            (false, true) => format!("{body} (uncertain)"),
            (false, false) => body,
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SEASONS: [&str; 4] = ["spring", "summer", "autumn", "winter"];

fn month_name(month: u8) -> &'static str {
    MONTHS[usize::from(month - 1)]
}

fn human_point(point: &Point) -> String {
    match (point.month, point.day, point.season) {
        (Some(month), Some(day), _) => format!("{day} {} {}", month_name(month), point.year),
        (Some(month), None, _) => format!("{} {}", month_name(month), point.year),
        (None, _, Some(season)) => format!("{} {}", SEASONS[usize::from(season - 21)], point.year),
        _ => point.year.to_string(),
    }
}

fn human_range(start: &Point, end: &Point) -> String {
    let same_year = start.year == end.year;
    match (start.precision(), end.precision()) {
        (Precision::Month, Precision::Month) if same_year => {
            let (from, to) = (start.month.unwrap_or(1), end.month.unwrap_or(12));
            let part_of_year = match (from, to) {
                (1, 3 | 4) => Some("early"),
                (5, 8) | (4, 9) => Some("mid-"),
                (9 | 10, 12) => Some("late"),
                _ => None,
            };
            match part_of_year {
                Some("mid-") if start.approximate || end.approximate => {
                    format!("mid-{}", start.year)
                }
                Some(part) if start.approximate || end.approximate => {
                    format!("{part} {}", start.year)
                }
                _ => format!("{}–{} {}", month_name(from), month_name(to), start.year),
            }
        }
        (Precision::Day, Precision::Day) if same_year && start.month == end.month => format!(
            "{}–{} {} {}",
            start.day.unwrap_or(1),
            end.day.unwrap_or(1),
            month_name(start.month.unwrap_or(1)),
            start.year
        ),
        (Precision::Year, Precision::Year) => format!("{}–{}", start.year, end.year),
        _ => format!("{} – {}", human_point(start), human_point(end)),
    }
}

fn parse_point(text: &str, whole: &str) -> Result<Point, EdtfError> {
    let fail = |reason| EdtfError {
        text: whole.to_owned(),
        reason,
    };
    let (body, approximate, uncertain) = match text.as_bytes().last() {
        Some(b'~') => (&text[..text.len() - 1], true, false),
        Some(b'?') => (&text[..text.len() - 1], false, true),
        Some(b'%') => (&text[..text.len() - 1], true, true),
        _ => (text, false, false),
    };
    if body.contains(['X', 'x']) {
        return Err(fail("unspecified digits (X) are not supported"));
    }
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let mut parts = digits.split('-');
    let year_text = parts.next().unwrap_or_default();
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail("the year must be four digits"));
    }
    let year: i32 = year_text
        .parse()
        .map_err(|_| fail("the year must be four digits"))?;
    let year = if negative { -year } else { year };
    let number = |part: Option<&str>| -> Result<Option<u8>, EdtfError> {
        match part {
            None => Ok(None),
            Some(part) if part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(part.parse().ok())
            }
            Some(_) => Err(fail("months and days must be two digits")),
        }
    };
    let second = number(parts.next())?;
    let third = number(parts.next())?;
    if parts.next().is_some() {
        return Err(fail("too many parts"));
    }
    let mut point = Point {
        year,
        month: None,
        season: None,
        day: None,
        approximate,
        uncertain,
    };
    match (second, third) {
        (None, _) => {}
        (Some(season @ 21..=24), None) => point.season = Some(season),
        (Some(month @ 1..=12), None) => point.month = Some(month),
        (Some(month @ 1..=12), Some(day)) => {
            if Day::new(year, month, day).is_none() {
                return Err(fail("no such day"));
            }
            point.month = Some(month);
            point.day = Some(day);
        }
        _ => return Err(fail("the month must be 01-12 (or a season 21-24)")),
    }
    Ok(point)
}

impl FromStr for Edtf {
    type Err = EdtfError;

    fn from_str(text: &str) -> Result<Self, EdtfError> {
        let fail = |reason| EdtfError {
            text: text.to_owned(),
            reason,
        };
        if text.trim() != text || text.is_empty() {
            return Err(fail("empty, or surrounded by spaces"));
        }
        let parse_end = |part: &str| -> Result<End, EdtfError> {
            match part {
                ".." => Ok(End::Open),
                "" => Ok(End::Unknown),
                _ => parse_point(part, text).map(End::Date),
            }
        };
        let (start, end) = match text.split_once('/') {
            None => (End::Date(parse_point(text, text)?), None),
            Some((start, end)) => {
                if end.contains('/') {
                    return Err(fail("an interval has exactly one '/'"));
                }
                let (start, end) = (parse_end(start)?, parse_end(end)?);
                if !matches!(start, End::Date(_)) && !matches!(end, End::Date(_)) {
                    return Err(fail("an interval needs at least one known end"));
                }
                (start, Some(end))
            }
        };
        let parsed = Edtf {
            text: text.to_owned(),
            start,
            end,
        };
        if parsed.earliest() > parsed.latest() {
            return Err(fail("the interval ends before it starts"));
        }
        Ok(parsed)
    }
}

impl TryFrom<String> for Edtf {
    type Error = EdtfError;
    fn try_from(text: String) -> Result<Self, EdtfError> {
        text.parse()
    }
}

impl From<Edtf> for String {
    fn from(date: Edtf) -> String {
        date.text
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edtf(text: &str) -> Edtf {
        text.parse().unwrap_or_else(|error| panic!("{error}"))
    }

    fn day(year: i32, month: u8, day: u8) -> Day {
        Day::new(year, month, day).unwrap()
    }

    #[test]
    fn bounds_follow_precision() {
        assert_eq!(
            (edtf("2025-04-27").earliest(), edtf("2025-04-27").latest()),
            (day(2025, 4, 27), day(2025, 4, 27))
        );
        assert_eq!(
            (edtf("2024-06").earliest(), edtf("2024-06").latest()),
            (day(2024, 6, 1), day(2024, 6, 30))
        );
        assert_eq!(edtf("2024-02").latest(), day(2024, 2, 29));
        assert_eq!(
            (edtf("2024").earliest(), edtf("2024").latest()),
            (day(2024, 1, 1), day(2024, 12, 31))
        );
        assert_eq!(
            (edtf("2024-22").earliest(), edtf("2024-22").latest()),
            (day(2024, 6, 1), day(2024, 8, 31))
        );
        assert_eq!(edtf("2024-24").latest(), day(2025, 2, 28));
        let late = edtf("2024-10~/2024-12~");
        assert_eq!(
            (late.earliest(), late.latest()),
            (day(2024, 10, 1), day(2024, 12, 31))
        );
        assert_eq!(edtf("2024-08/..").latest(), Day::MAX);
        assert_eq!(edtf("/2024-08").earliest(), Day::MIN);
    }

    #[test]
    fn precision_and_qualifiers() {
        assert_eq!(edtf("2025-04-27").precision(), Precision::Day);
        assert_eq!(edtf("2024-06").precision(), Precision::Month);
        assert_eq!(edtf("2024-22").precision(), Precision::Season);
        assert_eq!(edtf("2025-01/2025-02").precision(), Precision::Interval);
        assert!(edtf("2024~").is_approximate() && !edtf("2024~").is_uncertain());
        assert!(edtf("2024?").is_uncertain());
        assert!(edtf("2024%").is_uncertain() && edtf("2024%").is_approximate());
    }

    #[test]
    fn human_readings_keep_precision() {
        assert_eq!(edtf("2025-04-27").human(), "27 Apr 2025");
        assert_eq!(edtf("2024-06").human(), "Jun 2024");
        assert_eq!(edtf("2025-01/2025-02").human(), "Jan–Feb 2025");
        assert_eq!(edtf("2024-10~/2024-12~").human(), "late 2024 (approx.)");
        assert_eq!(edtf("2025-04-27/2025-04-28").human(), "27–28 Apr 2025");
        assert_eq!(edtf("2024-22").human(), "summer 2024");
        assert_eq!(edtf("1950/1953").human(), "1950–1953");
        assert_eq!(edtf("2024-08/..").human(), "since Aug 2024");
    }

    #[test]
    fn bad_dates_are_refused_with_a_reason() {
        for bad in [
            "",
            " 2024",
            "24-06",
            "2024-13",
            "2024-02-30",
            "2024-6",
            "2025/2024",
            "../..",
            "2024-XX",
            "2024/2025/2026",
        ] {
            assert!(bad.parse::<Edtf>().is_err(), "{bad:?} should be refused");
        }
        let error = "2024-13".parse::<Edtf>().unwrap_err();
        assert!(error.to_string().contains("2024-13"));
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day(1970, 1, 1).day_number(), 0);
        for number in [-800_000, -1, 0, 1, 19_000, 20_205, 2_900_000] {
            assert_eq!(Day::from_day_number(number).day_number(), number);
        }
        assert_eq!(
            day(2025, 4, 28).day_number() - day(2025, 4, 26).day_number(),
            2
        );
    }

    #[test]
    fn overlap_uses_bounds() {
        assert!(edtf("2025-01/2025-02").overlaps(&edtf("2025-02-15")));
        assert!(!edtf("2024-06").overlaps(&edtf("2024-08")));
    }
}
