//! Writes the charts of the shipped dossier, and of two large made-up inputs, as PNG files into
//! a folder, to look at them: `cargo run -p dossier-chart --example shipped -- /tmp`.

use std::path::PathBuf;

use dossier_chart::{estimates_png, timeline_png, ChartOptions};
use dossier_core::{compare, embedded, ActorId};

#[path = "../tests/synthetic/mod.rs"]
mod synthetic;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_owned()));
    let dossier = embedded();
    let options = ChartOptions::default();
    let names = |actor: &ActorId| dossier.actor_name(actor).to_owned();

    let estimates = estimates_png(&dossier.estimates(None), &names, &options)?;
    std::fs::write(folder.join("dossier-estimates.png"), estimates)?;
    let timeline = timeline_png(&dossier.timeline(&Default::default()), &options)?;
    std::fs::write(folder.join("dossier-timeline.png"), timeline)?;

    let crowded = synthetic::measure("crowded");
    let many_estimates = synthetic::estimates(&crowded, 200);
    let mut comparisons = dossier.estimates(None);
    comparisons.insert(1, compare(&crowded, many_estimates.iter().collect()));
    let names_or_synthetic = |actor: &ActorId| match dossier.actor(actor) {
        Some(known) => known.name.clone(),
        None => synthetic::actor_name(actor),
    };
    let large = estimates_png(&comparisons, &names_or_synthetic, &options)?;
    std::fs::write(folder.join("large-estimates.png"), large)?;
    let large = timeline_png(&synthetic::events(1_000), &options)?;
    std::fs::write(folder.join("large-timeline.png"), large)?;
    Ok(())
}
