//! `/stats`: what a server asked most over the last 7 and 30 days, as counts only.

use dossier_store::{UsageCount, UsageStats};

use crate::render::colour;
use crate::render::escape::{escape, neutralise};
use crate::render::spec::{EmbedSpec, FieldSpec, Page};

/// Lines in each list.
pub const STATS_ROWS: usize = 10;

/// "1. **KCNA** — 12", one line per row, or a note when nothing was asked.
fn ranking(counts: &[UsageCount], show: impl Fn(&str) -> String) -> String {
    if counts.is_empty() {
        return "Nothing yet.".to_owned();
    }
    counts
        .iter()
        .take(STATS_ROWS)
        .enumerate()
        .map(|(index, count)| format!("{}. {} — {}", index + 1, show(&count.name), count.uses))
        .collect::<Vec<_>>()
        .join("\n")
}

fn term(name: &str) -> String {
    format!("**{}**", escape(name))
}

fn command(name: &str) -> String {
    format!("`/{}`", neutralise(name).replace('`', "'"))
}

/// The server's most asked terms and most used commands over `last_7_days` and
/// `last_30_days`.
pub fn usage_stats(last_7_days: &UsageStats, last_30_days: &UsageStats) -> Page {
    Page::embed(EmbedSpec {
        title: "What this server asks".to_owned(),
        description: "Counted per day (UTC) in this server only. Counts only: who asked is not \
                      kept."
            .to_owned(),
        fields: vec![
            FieldSpec::inline("Terms · last 7 days", ranking(&last_7_days.subjects, term)),
            FieldSpec::inline(
                "Terms · last 30 days",
                ranking(&last_30_days.subjects, term),
            ),
            FieldSpec::new("\u{200B}", "\u{200B}"),
            FieldSpec::inline(
                "Commands · last 7 days",
                ranking(&last_7_days.commands, command),
            ),
            FieldSpec::inline(
                "Commands · last 30 days",
                ranking(&last_30_days.commands, command),
            ),
        ],
        colour: colour::INFO,
        ..EmbedSpec::default()
    })
    .fit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::escape::contains_mention;

    fn count(name: &str, uses: u64) -> UsageCount {
        UsageCount {
            name: name.to_owned(),
            uses,
        }
    }

    #[test]
    fn rankings_show_names_and_counts_in_order() {
        let week = UsageStats {
            commands: vec![count("define", 5), count("term add", 1)],
            subjects: vec![count("KCNA", 4), count("Storm", 1)],
        };
        let page = usage_stats(&week, &UsageStats::default());
        let fields = &page.embeds[0].fields;
        assert_eq!(fields[0].value, "1. **KCNA** — 4\n2. **Storm** — 1");
        assert_eq!(fields[1].value, "Nothing yet.");
        assert_eq!(fields[3].value, "1. `/define` — 5\n2. `/term add` — 1");
        assert!(page.within_limits());
    }

    #[test]
    fn hostile_term_names_are_inert_and_long_lists_fit() {
        let hostile: Vec<UsageCount> = (0..40)
            .map(|index| count(&format!("@everyone **{index}** {}", "x".repeat(90)), 1))
            .collect();
        let stats = UsageStats {
            commands: hostile.clone(),
            subjects: hostile,
        };
        let page = usage_stats(&stats, &stats);
        assert!(page.within_limits());
        let text = serde_json::to_string(&page).unwrap_or_default();
        assert!(!contains_mention(&text));
        assert!(page.embeds[0].fields[0].value.contains("\\*\\*0\\*\\*"));
    }
}
