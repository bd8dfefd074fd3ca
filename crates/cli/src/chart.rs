//! Draws the answers that have a picture (`--png`): estimates and the timeline.

use anyhow::bail;
use dossier_chart::{estimates_png, timeline_png, ChartOptions};

use crate::ask::{Answer, Names};

/// PNG bytes for `answer`, or an error when it has no chart or nothing to draw.
pub(crate) fn draw(answer: &Answer, names: &Names) -> anyhow::Result<Vec<u8>> {
    let options = ChartOptions::default();
    let bytes = match answer {
        Answer::Estimates(groups) => {
            let comparisons: Vec<_> = groups.iter().map(|group| group.comparison()).collect();
            estimates_png(&comparisons, &|id| names.actor(id), &options)?
        }
        Answer::Timeline { events, .. } => timeline_png(events, &options)?,
        _ => bail!("only timeline and estimates draw charts"),
    };
    Ok(bytes)
}
