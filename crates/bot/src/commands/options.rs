//! Parsing what users type into options: dates in the forms people write them.

use dossier_core::Edtf;

use crate::types::UserError;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date option: EDTF (`2025`, `2025-01`, `2025-01-15`, `2024-10~/2024-12~`) or the forms
/// people write: "Jan 2025", "January 2025", "15 Jan 2025", "Jan 15, 2025".
pub(crate) fn parse_date(option: &'static str, text: &str) -> Result<Edtf, UserError> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Edtf>() {
        return Ok(date);
    }
    written_date(text)
        .and_then(|edtf| edtf.parse::<Edtf>().ok())
        .ok_or_else(|| UserError::InvalidOption {
            option,
            reason: "use a date like 2025, 2025-01, Jan 2025 or 2025-01-15".to_owned(),
        })
}

/// The EDTF for "Jan 2025", "15 January 2025" or "Jan 15, 2025", if the text is one of those.
fn written_date(text: &str) -> Option<String> {
    let cleaned = text.replace([',', '.'], " ").to_lowercase();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    // A month is its name or any abbreviation of at least three letters ("jan", "sept").
    let month = |word: &str| {
        MONTHS
            .iter()
            .position(|name| word.chars().count() >= 3 && name.starts_with(word))
            .map(|index| index + 1)
    };
    let year = |word: &str| {
        (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.to_owned())
    };
    let day = |word: &str| word.parse::<u8>().ok().filter(|day| (1..=31).contains(day));
    match words.as_slice() {
        [m, y] => Some(format!("{}-{:02}", year(y)?, month(m)?)),
        // "28 April 2025" or "April 28 2025".
        [first, second, y] => {
            let (month, day) = match month(first) {
                Some(month) => (month, day(second)?),
                None => (month(second)?, day(first)?),
            };
            Some(format!("{}-{month:02}-{day:02}", year(y)?))
        }
        _ => None,
    }
}

/// Checks that a range does not end before it starts.
pub(crate) fn check_range(from: Option<&Edtf>, to: Option<&Edtf>) -> Result<(), UserError> {
    match (from, to) {
        (Some(from), Some(to)) if from.earliest() > to.latest() => Err(UserError::InvalidOption {
            option: "to",
            reason: format!(
                "the range ends ({}) before it starts ({})",
                to.human(),
                from.human()
            ),
        }),
        _ => Ok(()),
    }
}

/// Free text from an option, trimmed; `None` when blank.
pub(crate) fn text_option(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> String {
        parse_date("from", text)
            .map(|date| date.to_string())
            .unwrap_or_else(|error| panic!("{text}: {error:?}"))
    }

    #[test]
    fn edtf_is_taken_as_written() {
        assert_eq!(date("2025"), "2025");
        assert_eq!(date(" 2025-01 "), "2025-01");
        assert_eq!(date("2025-04-28"), "2025-04-28");
        assert_eq!(date("2024-10~/2024-12~"), "2024-10~/2024-12~");
    }

    #[test]
    fn dates_as_people_write_them() {
        assert_eq!(date("Jan 2025"), "2025-01");
        assert_eq!(date("january 2025"), "2025-01");
        assert_eq!(date("Sept. 2024"), "2024-09");
        assert_eq!(date("28 April 2025"), "2025-04-28");
        assert_eq!(date("Apr 28, 2025"), "2025-04-28");
    }

    #[test]
    fn nonsense_and_impossible_dates_are_refused_with_an_example() {
        for bad in ["soon", "2025-13", "31 Feb 2025", "Janus 2025", "Jan 25", ""] {
            match parse_date("from", bad) {
                Err(UserError::InvalidOption { option, reason }) => {
                    assert_eq!(option, "from");
                    assert!(reason.contains("Jan 2025"), "{reason}");
                }
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn a_range_may_not_end_before_it_starts() {
        let (from, to) = (date_of("2025-03"), date_of("2025-01"));
        assert!(check_range(Some(&from), Some(&to)).is_err());
        assert!(check_range(Some(&to), Some(&from)).is_ok());
        assert!(check_range(Some(&from), Some(&from)).is_ok());
        assert!(check_range(None, Some(&to)).is_ok());
    }

    fn date_of(text: &str) -> Edtf {
        text.parse().unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn blank_text_counts_as_not_given() {
        assert_eq!(text_option(Some("  ".to_owned())), None);
        assert_eq!(
            text_option(Some(" kursk ".to_owned())),
            Some("kursk".to_owned())
        );
    }
}
