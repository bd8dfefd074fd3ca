//! Writes both charts of the shipped dossier as PNG files into a folder, to look at them:
//! `cargo run -p dossier-chart --example shipped -- /tmp`.

use std::path::PathBuf;

use dossier_chart::{estimates_png, timeline_png, ChartError, ChartOptions};
use dossier_core::{embedded, ActorId};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".to_owned()));
    let dossier = embedded();
    let options = ChartOptions::default();
    let names = |actor: &ActorId| dossier.actor_name(actor).to_owned();
    let estimates: Result<Vec<u8>, ChartError> =
        estimates_png(&dossier.estimates(None), &names, &options);
    std::fs::write(folder.join("dossier-estimates.png"), estimates?)?;
    let timeline = timeline_png(&dossier.timeline(&Default::default()), &options)?;
    std::fs::write(folder.join("dossier-timeline.png"), timeline)?;
    Ok(())
}
