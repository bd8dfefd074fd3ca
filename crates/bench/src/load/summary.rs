//! Several runs of the same scenarios summarised: each figure's median and its spread (lowest
//! to highest) over the runs, so one noisy run on shared cores does not make the report.

use std::time::Duration;

use crate::load::scenarios::{Scenario, ScenarioResult};

/// The median of `values` and their lowest and highest, or `None` when there are none.
fn median_and_spread(mut values: Vec<f64>) -> Option<(f64, f64, f64)> {
    values.retain(|value| value.is_finite());
    values.sort_by(f64::total_cmp);
    let (&lowest, &highest) = (values.first()?, values.last()?);
    let middle = values.len() / 2;
    let median = if values.len() % 2 == 0 {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    };
    Some((median, lowest, highest))
}

/// `median (lowest–highest)` with `decimals` decimals, or "n/a".
fn shown(values: Vec<f64>, decimals: usize) -> String {
    median_and_spread(values).map_or_else(
        || "n/a".to_owned(),
        |(median, lowest, highest)| {
            format!("{median:.decimals$} ({lowest:.decimals$}–{highest:.decimals$})")
        },
    )
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}

/// The results of `scenario` in each run, with `/ping`'s from the same run when there was one.
fn of_scenario(
    runs: &[Vec<ScenarioResult>],
    scenario: Scenario,
) -> Vec<(&ScenarioResult, Option<&ScenarioResult>)> {
    runs.iter()
        .filter_map(|run| {
            let result = run.iter().find(|result| result.scenario == scenario)?;
            let ping = run.iter().find(|result| result.scenario == Scenario::Ping);
            Some((result, ping))
        })
        .collect()
}

/// One line per scenario: throughput, p50, p99, the ratios to `/ping` and the bot's CPU time
/// per interaction, each as the median over the runs with its spread.
pub(crate) fn report_runs(
    runs: &[Vec<ScenarioResult>],
    say: impl Fn(&str) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    say(&format!(
        "over {} runs, median (lowest–highest): throughput/s | p50 ms | p99 ms | \
         p50 ×/ping | p99 ×/ping | bot CPU µs/interaction | fake + driver CPU µs/interaction",
        runs.len()
    ))?;
    for scenario in Scenario::ALL {
        let results = of_scenario(runs, scenario);
        if results.is_empty() {
            continue;
        }
        let figure = |measure: &dyn Fn(&ScenarioResult, Option<&ScenarioResult>) -> Option<f64>| {
            results
                .iter()
                .filter_map(|(result, ping)| measure(result, *ping))
                .collect::<Vec<f64>>()
        };
        let ratio = |part: fn(&ScenarioResult) -> Option<Duration>| {
            figure(&|result, ping| {
                let ping = part(ping?)?;
                Some(part(result)?.as_secs_f64() / ping.as_secs_f64().max(1e-9))
            })
        };
        let p50 = |result: &ScenarioResult| result.latency.map(|latency| latency.p50);
        let p99 = |result: &ScenarioResult| result.latency.map(|latency| latency.p99);
        say(&format!(
            "{:<14} {} | {} | {} | {} | {} | {} | {}",
            scenario.label(),
            shown(figure(&|result, _| Some(result.throughput())), 0),
            shown(figure(&|result, _| p50(result).map(millis)), 2),
            shown(figure(&|result, _| p99(result).map(millis)), 2),
            shown(ratio(p50), 2),
            shown(ratio(p99), 2),
            shown(
                figure(&|result, _| result
                    .bot_cpu_per_interaction()
                    .map(|cpu| cpu.as_secs_f64() * 1e6)),
                0
            ),
            shown(
                figure(&|result, _| result
                    .driver_cpu_per_interaction()
                    .map(|cpu| cpu.as_secs_f64() * 1e6)),
                0
            ),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(
            median_and_spread(vec![4.0, 1.0, 3.0, 2.0]),
            Some((2.5, 1.0, 4.0))
        );
        assert_eq!(
            median_and_spread(vec![5.0, 1.0, 9.0]),
            Some((5.0, 1.0, 9.0))
        );
        assert_eq!(median_and_spread(Vec::new()), None);
    }

    #[test]
    fn figures_show_the_median_then_the_spread() {
        assert_eq!(shown(vec![1.234, 2.0, 0.5], 2), "1.23 (0.50–2.00)");
        assert_eq!(shown(vec![f64::NAN], 0), "n/a");
    }
}
