//! Large made-up inputs for tests and benchmarks: hundreds of estimates of one measure and
//! thousands of events of every date precision, the same on every run.
// Shared by the tests, the benchmark and the example, each of which uses only part of it.
#![allow(dead_code)]

use dossier_core::{
    ActorId, Citation, Edtf, Estimate, EstimateId, Event, EventId, Figure, Measure, MeasureId,
    SourceId,
};

/// A small linear congruential generator: deterministic, no dependency.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn date(text: &str) -> Edtf {
    text.parse().unwrap_or_else(|error| panic!("{error}"))
}

fn citation() -> Citation {
    Citation {
        source: SourceId::new("synthetic-report").unwrap_or_else(|error| panic!("{error}")),
        section: "Introduction".to_owned(),
        excerpt: None,
    }
}

/// A measure of troops with the given id.
pub(crate) fn measure(id: &str) -> Measure {
    Measure {
        id: MeasureId::new(id).unwrap_or_else(|error| panic!("{error}")),
        name: format!("Synthetic measure {id}"),
        unit: "troops".to_owned(),
        description: "Made up for tests.".to_owned(),
        aliases: Vec::new(),
    }
}

/// The display name of a synthetic actor: "agency-7" reads "Agency 7".
pub(crate) fn actor_name(actor: &ActorId) -> String {
    let id = actor.to_string();
    let mut name = id.replace('-', " ");
    if let Some(first) = name.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    name
}

/// `count` estimates of `measure`: ranges and single figures, exact and approximate, from 15
/// sources and none, reported over 2024 and 2025.
pub(crate) fn estimates(measure: &Measure, count: usize) -> Vec<Estimate> {
    let mut numbers = Numbers(count as u64);
    (0..count)
        .map(|index| {
            let low = 2_000 + numbers.next(200) * 100;
            let figure = if index % 3 == 0 {
                Figure::Point(low)
            } else {
                Figure::Range(low, low + 500 + numbers.next(80) * 100)
            };
            let month = 1 + numbers.next(12);
            let year = 2024 + numbers.next(2);
            Estimate {
                id: EstimateId::new(format!("{}-{index}", measure.id))
                    .unwrap_or_else(|error| panic!("{error}")),
                measure: measure.id.clone(),
                figure,
                approximate: index % 2 == 1,
                as_of: (index % 4 == 0).then(|| date(&format!("2024-{month:02}"))),
                assessed_by: (index % 7 != 0).then(|| {
                    ActorId::new(format!("agency-{}", index % 15))
                        .unwrap_or_else(|error| panic!("{error}"))
                }),
                reported: (index % 5 != 0)
                    .then(|| date(&format!("{year}-{month:02}-1{}", index % 10))),
                citations: vec![citation()],
                note: None,
            }
        })
        .collect()
}

/// `count` events from 2019 to 2025 with every kind of date: days, months, ranges of days,
/// approximate seasons of months, whole years.
pub(crate) fn events(count: usize) -> Vec<Event> {
    let mut numbers = Numbers(count as u64 + 7);
    (0..count)
        .map(|index| {
            let year = 2019 + numbers.next(7);
            let month = 1 + numbers.next(12);
            let day = 1 + numbers.next(25);
            let text = match index % 5 {
                0 => format!("{year}-{month:02}-{day:02}"),
                1 => format!("{year}-{month:02}"),
                2 => format!(
                    "{year}-{month:02}-{day:02}/{year}-{month:02}-{:02}",
                    day + 3
                ),
                3 => format!("{year}-{month:02}~/{}-{month:02}~", year + 1),
                _ => format!("{year}"),
            };
            Event {
                id: EventId::new(format!("event-{index}"))
                    .unwrap_or_else(|error| panic!("{error}")),
                date: date(&text),
                date_readings: Vec::new(),
                headline: format!(
                    "Synthetic event {index}: officials comment on troop movements near the border"
                ),
                summary: "Made up for tests.".to_owned(),
                actors: Vec::new(),
                tags: Vec::new(),
                citations: vec![citation()],
            }
        })
        .collect()
}
