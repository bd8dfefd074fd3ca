//! Gateway shards split across processes: the range one process connects, out of a total
//! shared by every process, read from `--shards`/`--total-shards` or the environment.

use std::fmt;
use std::ops::Range;

use crate::config::{ConfigError, Mode};

/// The environment variable naming this process's shards, e.g. `0-1`.
pub const SHARDS_VARIABLE: &str = "DOSSIER_SHARDS";
/// The environment variable holding the number of shards across every process, e.g. `4`.
pub const TOTAL_SHARDS_VARIABLE: &str = "DOSSIER_TOTAL_SHARDS";
/// The command-line flag that overrides [`SHARDS_VARIABLE`].
pub const SHARDS_FLAG: &str = "--shards";
/// The command-line flag that overrides [`TOTAL_SHARDS_VARIABLE`].
pub const TOTAL_SHARDS_FLAG: &str = "--total-shards";

/// The gateway shards one process connects: `first` to `last` inclusive, out of `total` shards
/// across every process. Discord sends a server's events to shard `(guild_id >> 22) % total`,
/// so processes given disjoint ranges that together cover `0..total` split the servers between
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardRange {
    first: u32,
    last: u32,
    total: u32,
}

/// Why shard settings do not make a [`ShardRange`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardRangeError {
    /// The shards are not written as one number or an `a-b` range.
    #[error("give one shard or an inclusive range of shards, e.g. 2 or 0-1")]
    MalformedShards,
    /// The total is not a number.
    #[error("give the number of shards across every process, e.g. 4")]
    MalformedTotal,
    /// The total is zero.
    #[error("a bot has at least one shard")]
    NoShards,
    /// The range's first shard comes after its last.
    #[error("a range starts at its smaller shard, e.g. 0-1")]
    Reversed,
    /// The range reaches shard `total` or beyond.
    #[error("shards are numbered 0 to total-1, here 0 to {}", .total - 1)]
    PastTotal {
        /// The total given.
        total: u32,
    },
}

impl ShardRangeError {
    /// True when the total is at fault rather than the range, so the error names the setting
    /// to fix.
    pub fn blames_total(&self) -> bool {
        matches!(self, Self::MalformedTotal | Self::NoShards)
    }
}

impl ShardRange {
    /// Shards `first` to `last` inclusive out of `total`.
    pub fn new(first: u32, last: u32, total: u32) -> Result<Self, ShardRangeError> {
        if total == 0 {
            return Err(ShardRangeError::NoShards);
        }
        if first > last {
            return Err(ShardRangeError::Reversed);
        }
        if last >= total {
            return Err(ShardRangeError::PastTotal { total });
        }
        Ok(Self { first, last, total })
    }

    /// Reads `shards` (`2`, or `0-1` inclusive) and `total` (`4`) as written on the command
    /// line or in the environment; surrounding spaces are ignored.
    pub fn parse(shards: &str, total: &str) -> Result<Self, ShardRangeError> {
        let total = number(total).ok_or(ShardRangeError::MalformedTotal)?;
        let shards = shards.trim();
        let (first, last) = match shards.split_once('-') {
            Some((first, last)) => (number(first), number(last)),
            None => (number(shards), number(shards)),
        };
        let (Some(first), Some(last)) = (first, last) else {
            return Err(ShardRangeError::MalformedShards);
        };
        Self::new(first, last, total)
    }

    /// The first shard this process connects.
    pub fn first(self) -> u32 {
        self.first
    }

    /// The last shard this process connects (inclusive).
    pub fn last(self) -> u32 {
        self.last
    }

    /// The number of shards across every process.
    pub fn total(self) -> u32 {
        self.total
    }

    /// How many shards this process connects.
    pub fn count(self) -> u32 {
        self.last - self.first + 1
    }

    /// The range as serenity 0.12's `Client::start_shard_range` takes it: that method starts
    /// shards `start` to `end` *inclusive* (`4..7` starts 4, 5, 6 and 7), despite the type.
    pub(crate) fn for_serenity(self) -> Range<u32> {
        self.first..self.last
    }
}

impl fmt::Display for ShardRange {
    /// `0-1 of 4`, or `2 of 4` for a single shard.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{} of {}", self.first, self.total)
        } else {
            write!(f, "{}-{} of {}", self.first, self.last, self.total)
        }
    }
}

/// Digits only: no sign, no spaces inside.
fn number(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The range given by `--shards`/`--total-shards` (`shards_flag`, `total_flag`, as typed) or
/// else by `DOSSIER_SHARDS`/`DOSSIER_TOTAL_SHARDS` through `lookup` (empty counts as unset),
/// each setting on its own, so the environment may complete the command line. A range is
/// refused in HTTP and register modes, which hold no gateway connection.
pub(crate) fn from_settings(
    lookup: &impl Fn(&str) -> Option<String>,
    shards_flag: Option<&str>,
    total_flag: Option<&str>,
    mode: Mode,
) -> Result<Option<ShardRange>, ConfigError> {
    let given = |flag: &'static str, typed: Option<&str>, variable: &'static str| match typed {
        Some(text) => Some(GivenSetting {
            text: text.to_owned(),
            name: flag,
        }),
        None => lookup(variable)
            .filter(|value| !value.trim().is_empty())
            .map(|text| GivenSetting {
                text,
                name: variable,
            }),
    };
    let shards = given(SHARDS_FLAG, shards_flag, SHARDS_VARIABLE);
    let total = given(TOTAL_SHARDS_FLAG, total_flag, TOTAL_SHARDS_VARIABLE);
    let range = resolve(shards.as_ref(), total.as_ref())?;
    let without_gateway = match mode {
        Mode::Gateway => None,
        Mode::Http => Some("HTTP mode holds no gateway connection, so it has no shards"),
        Mode::Register => Some(
            "register only registers the commands over REST and connects no shards; run it \
             without shards",
        ),
    };
    match (range, shards, without_gateway) {
        (Some(_), Some(shards), Some(reason)) => Err(ConfigError::Invalid {
            variable: shards.name,
            reason: reason.to_owned(),
        }),
        _ => Ok(range),
    }
}

/// One shard setting as given, with the flag or variable it came from, so that an error names
/// what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GivenSetting {
    pub(crate) text: String,
    pub(crate) name: &'static str,
}

/// The range from the shard settings left after the command line has overridden the
/// environment: none when neither is given; an error when only one is, or when they do not
/// make a range.
pub(crate) fn resolve(
    shards: Option<&GivenSetting>,
    total: Option<&GivenSetting>,
) -> Result<Option<ShardRange>, ConfigError> {
    match (shards, total) {
        (None, None) => Ok(None),
        (Some(shards), None) => Err(ConfigError::Invalid {
            variable: shards.name,
            reason: format!(
                "it needs {TOTAL_SHARDS_FLAG} (or {TOTAL_SHARDS_VARIABLE}) too: the number of \
                 shards across every process"
            ),
        }),
        (None, Some(total)) => Err(ConfigError::Invalid {
            variable: total.name,
            reason: format!(
                "it needs {SHARDS_FLAG} (or {SHARDS_VARIABLE}) too: the shards this process \
                 connects, e.g. 0-1"
            ),
        }),
        (Some(shards), Some(total)) => ShardRange::parse(&shards.text, &total.text)
            .map(Some)
            .map_err(|error| ConfigError::Invalid {
                variable: if error.blames_total() {
                    total.name
                } else {
                    shards.name
                },
                reason: error.to_string(),
            }),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::config::{Config, Overrides};

    /// The configuration from these variables and this command line.
    fn config(pairs: &[(&str, &str)], overrides: &Overrides) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        Config::from_lookup_with(|name| map.get(name).cloned(), overrides)
    }

    fn flags(shards: Option<&str>, total: Option<&str>, mode: Option<Mode>) -> Overrides {
        Overrides {
            mode,
            shards: shards.map(str::to_owned),
            total_shards: total.map(str::to_owned),
        }
    }

    fn blamed(result: Result<Config, ConfigError>) -> &'static str {
        match result {
            Err(ConfigError::Invalid { variable, .. }) => variable,
            other => panic!("accepted or refused for another reason: {other:?}"),
        }
    }

    fn given(text: &str, name: &'static str) -> GivenSetting {
        GivenSetting {
            text: text.to_owned(),
            name,
        }
    }

    #[test]
    fn a_range_or_a_single_shard_is_read_inclusively() {
        let range = ShardRange::parse("0-1", "4").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((range.first(), range.last(), range.total()), (0, 1, 4));
        assert_eq!(range.count(), 2);
        assert_eq!(range.to_string(), "0-1 of 4");
        let single = ShardRange::parse(" 2 ", "4").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((single.first(), single.last(), single.count()), (2, 2, 1));
        assert_eq!(single.to_string(), "2 of 4");
        let spaced = ShardRange::parse("2 - 3", " 4").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((spaced.first(), spaced.last()), (2, 3));
        let whole = ShardRange::parse("0-3", "4").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(whole.count(), 4);
    }

    #[test]
    fn serenity_is_handed_the_last_shard_as_the_end_it_includes() {
        // serenity 0.12.5 starts `end - start + 1` shards from `start`.
        let range = ShardRange::parse("2-3", "4").unwrap_or_else(|e| panic!("{e}"));
        let handed = range.for_serenity();
        assert_eq!(handed.end - handed.start + 1, range.count());
        assert_eq!((handed.start, handed.end), (2, 3));
        let single = ShardRange::parse("1", "2").unwrap_or_else(|e| panic!("{e}"));
        let handed = single.for_serenity();
        assert_eq!(handed.end - handed.start + 1, 1);
    }

    #[test]
    fn a_range_past_the_total_says_how_shards_are_numbered() {
        let error = ShardRange::parse("2-4", "4").unwrap_err();
        assert_eq!(error, ShardRangeError::PastTotal { total: 4 });
        assert_eq!(
            error.to_string(),
            "shards are numbered 0 to total-1, here 0 to 3"
        );
        assert!(!error.blames_total());
        assert_eq!(
            ShardRange::parse("1", "1").unwrap_err(),
            ShardRangeError::PastTotal { total: 1 }
        );
    }

    #[test]
    fn malformed_reversed_or_empty_settings_are_refused() {
        for shards in [
            "",
            "x",
            "-1",
            "0-",
            "-",
            "0-1-2",
            "0..1",
            "+1",
            "1 2",
            "4294967296",
        ] {
            assert_eq!(
                ShardRange::parse(shards, "4"),
                Err(ShardRangeError::MalformedShards),
                "{shards:?}"
            );
        }
        for total in ["", "four", "-4", "4.0"] {
            let error = ShardRange::parse("0", total).unwrap_err();
            assert_eq!(error, ShardRangeError::MalformedTotal, "{total:?}");
            assert!(error.blames_total());
        }
        assert_eq!(
            ShardRange::parse("3-1", "4"),
            Err(ShardRangeError::Reversed)
        );
        let none = ShardRange::parse("0", "0").unwrap_err();
        assert_eq!(none, ShardRangeError::NoShards);
        assert!(none.blames_total());
    }

    #[test]
    fn nothing_given_means_no_range() {
        assert_eq!(resolve(None, None), Ok(None));
    }

    #[test]
    fn one_setting_without_the_other_names_the_one_given_and_the_one_missing() {
        let shards = given("0-1", SHARDS_FLAG);
        let Err(ConfigError::Invalid { variable, reason }) = resolve(Some(&shards), None) else {
            panic!("shards alone were accepted");
        };
        assert_eq!(variable, "--shards");
        assert!(reason.contains("--total-shards"), "{reason}");
        let total = given("4", TOTAL_SHARDS_VARIABLE);
        let Err(ConfigError::Invalid { variable, reason }) = resolve(None, Some(&total)) else {
            panic!("a total alone was accepted");
        };
        assert_eq!(variable, "DOSSIER_TOTAL_SHARDS");
        assert!(reason.contains("DOSSIER_SHARDS"), "{reason}");
    }

    #[test]
    fn an_error_names_the_setting_at_fault_where_it_came_from() {
        let cases = [
            ("0-4", SHARDS_FLAG, "4", TOTAL_SHARDS_VARIABLE, "--shards"),
            (
                "x",
                SHARDS_VARIABLE,
                "4",
                TOTAL_SHARDS_FLAG,
                "DOSSIER_SHARDS",
            ),
            (
                "0",
                SHARDS_VARIABLE,
                "0",
                TOTAL_SHARDS_FLAG,
                "--total-shards",
            ),
            (
                "0",
                SHARDS_FLAG,
                "x",
                TOTAL_SHARDS_VARIABLE,
                "DOSSIER_TOTAL_SHARDS",
            ),
        ];
        for (shards, shards_name, total, total_name, blamed) in cases {
            let result = resolve(
                Some(&given(shards, shards_name)),
                Some(&given(total, total_name)),
            );
            match result {
                Err(ConfigError::Invalid { variable, .. }) => {
                    assert_eq!(variable, blamed, "{shards} of {total}");
                }
                other => panic!("{shards} of {total}: {other:?}"),
            }
        }
        let good = resolve(
            Some(&given("2-3", SHARDS_FLAG)),
            Some(&given("4", TOTAL_SHARDS_FLAG)),
        );
        assert_eq!(
            good,
            Ok(Some(
                ShardRange::new(2, 3, 4).unwrap_or_else(|e| panic!("{e}"))
            ))
        );
    }

    #[test]
    fn the_environment_gives_a_range_and_the_command_line_wins_setting_by_setting() {
        let from_env = config(
            &[
                ("DISCORD_TOKEN", "t"),
                ("DOSSIER_SHARDS", "0-1"),
                ("DOSSIER_TOTAL_SHARDS", "4"),
            ],
            &Overrides::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(from_env.shards, ShardRange::new(0, 1, 4).ok());
        let overridden = config(
            &[
                ("DISCORD_TOKEN", "t"),
                ("DOSSIER_SHARDS", "0-1"),
                ("DOSSIER_TOTAL_SHARDS", "4"),
            ],
            &flags(Some("2-3"), None, None),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(overridden.shards, ShardRange::new(2, 3, 4).ok());
        let completed = config(
            &[("DISCORD_TOKEN", "t"), ("DOSSIER_TOTAL_SHARDS", "8")],
            &flags(Some("7"), None, None),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(completed.shards, ShardRange::new(7, 7, 8).ok());
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let unset = config(
            &[
                ("DISCORD_TOKEN", "t"),
                ("DOSSIER_SHARDS", " "),
                ("DOSSIER_TOTAL_SHARDS", ""),
            ],
            &Overrides::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unset.shards, None);
        // An empty variable leaves a lone flag unpaired rather than completing it.
        let lone = config(
            &[("DISCORD_TOKEN", "t"), ("DOSSIER_TOTAL_SHARDS", "")],
            &flags(Some("0"), None, None),
        );
        assert_eq!(blamed(lone), "--shards");
    }

    #[test]
    fn a_range_is_refused_where_there_is_no_gateway() {
        let http_by_variable = config(
            &[
                ("DISCORD_TOKEN", "t"),
                ("DOSSIER_MODE", "http"),
                ("DOSSIER_SHARDS", "0"),
                ("DOSSIER_TOTAL_SHARDS", "2"),
            ],
            &Overrides::default(),
        );
        assert_eq!(blamed(http_by_variable), "DOSSIER_SHARDS");
        let http_by_flag = config(
            &[("DISCORD_TOKEN", "t")],
            &flags(Some("0"), Some("2"), Some(Mode::Http)),
        );
        let Err(ConfigError::Invalid { variable, reason }) = http_by_flag else {
            panic!("a range was accepted in HTTP mode");
        };
        assert_eq!(variable, "--shards");
        assert!(reason.contains("HTTP mode"), "{reason}");
        let register = config(
            &[("DISCORD_TOKEN", "t")],
            &flags(Some("0-1"), Some("2"), Some(Mode::Register)),
        );
        let Err(ConfigError::Invalid { reason, .. }) = register else {
            panic!("a range was accepted with register");
        };
        assert!(reason.starts_with("register"), "{reason}");
        // Without shards, HTTP and register modes read as before.
        let plain = config(
            &[("DISCORD_TOKEN", "t")],
            &flags(None, None, Some(Mode::Http)),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((plain.mode, plain.shards), (Mode::Http, None));
    }
}
