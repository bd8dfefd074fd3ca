//! The small tables every synthetic dossier shares: sources with their sections, actors (real
//! parties of the report and invented ones) and measures.

use dossier_core::{Actor, ActorId, ActorKind, Citation, Measure, MeasureId, Source, SourceId};
use fastrand::Rng;

use crate::generate::names::{slug, NameRegistry};
use crate::generate::words::{self, capitalise, invented_name, pick};
use crate::generate::GenerateError;

/// How many sources a synthetic dossier cites.
const SOURCES: usize = 3;
/// How many invented actors join the report's real ones.
const INVENTED_ACTORS: usize = 80;

const SECTION_TOPICS: &[&str] = &[
    "Summary",
    "Background",
    "Troop deployments",
    "Intelligence assessments",
    "Front-line operations",
    "Official confirmation",
    "Legal justification",
    "State media announcements",
    "International reactions",
    "Casualty reports",
    "Logistics and supply",
    "Strategic implications",
    "Wrap Up",
    "Glossary",
    "Source Documents",
];

/// The sources, each with the same section headings.
pub(crate) fn sources(seed: u64) -> Result<Vec<Source>, GenerateError> {
    (0..SOURCES)
        .map(|index| {
            Ok(Source {
                id: SourceId::new(format!("synthetic-report-{index}"))?,
                title: format!(
                    "Synthetic field report {} (seed {seed}) on the war in the border regions",
                    index + 1
                ),
                publisher: ["goover", "Dossier bench", "field desk"][index % 3].to_owned(),
                kind: "General Report".to_owned(),
                date: format!("2025-0{}-28", index + 2).parse()?,
                sections: SECTION_TOPICS
                    .iter()
                    .map(|&topic| topic.to_owned())
                    .collect(),
                url: None,
            })
        })
        .collect()
}

/// One to `max` citations of random sections.
pub(crate) fn citations(rng: &mut Rng, sources: &[Source], max: usize) -> Vec<Citation> {
    (0..rng.usize(1..=max))
        .map(|_| {
            let source = &sources[rng.usize(0..sources.len())];
            Citation {
                source: source.id.clone(),
                section: source.sections[rng.usize(0..source.sections.len())].clone(),
                excerpt: None,
            }
        })
        .collect()
}

type KnownActor = (
    &'static str,
    &'static str,
    ActorKind,
    &'static [&'static str],
    Option<&'static str>,
);

const KNOWN_ACTORS: &[KnownActor] = &[
    (
        "north-korea",
        "North Korea",
        ActorKind::State,
        &["DPRK", "Pyongyang"],
        None,
    ),
    (
        "russia",
        "Russia",
        ActorKind::State,
        &["Russian Federation", "Moscow"],
        None,
    ),
    ("ukraine", "Ukraine", ActorKind::State, &["Kyiv"], None),
    (
        "south-korea",
        "South Korea",
        ActorKind::State,
        &["ROK", "Seoul"],
        None,
    ),
    (
        "united-states",
        "United States",
        ActorKind::State,
        &["US", "USA", "Washington"],
        None,
    ),
    (
        "china",
        "China",
        ActorKind::State,
        &["PRC", "Beijing"],
        None,
    ),
    (
        "nis",
        "National Intelligence Service",
        ActorKind::Agency,
        &["NIS"],
        Some("south-korea"),
    ),
    (
        "kcna",
        "Korean Central News Agency",
        ActorKind::Media,
        &["KCNA"],
        Some("north-korea"),
    ),
    (
        "gur",
        "Ukrainian military intelligence",
        ActorKind::Agency,
        &["GUR", "HUR"],
        Some("ukraine"),
    ),
    (
        "russian-general-staff",
        "Russian General Staff",
        ActorKind::Agency,
        &[],
        Some("russia"),
    ),
    (
        "pentagon",
        "US Department of Defense",
        ActorKind::Agency,
        &["Pentagon", "DoD"],
        Some("united-states"),
    ),
    (
        "kim-jong-un",
        "Kim Jong Un",
        ActorKind::Person,
        &["Kim"],
        Some("north-korea"),
    ),
    (
        "vladimir-putin",
        "Vladimir Putin",
        ActorKind::Person,
        &["Putin"],
        Some("russia"),
    ),
    (
        "volodymyr-zelenskyy",
        "Volodymyr Zelenskyy",
        ActorKind::Person,
        &["Zelensky"],
        Some("ukraine"),
    ),
    (
        "yonhap",
        "Yonhap",
        ActorKind::Media,
        &["Yonhap News Agency"],
        None,
    ),
    ("tass", "TASS", ActorKind::Media, &[], None),
    ("analysts", "Analysts", ActorKind::Group, &["experts"], None),
];

const INVENTED_KINDS: &[(ActorKind, &str)] = &[
    (ActorKind::Group, "Institute"),
    (ActorKind::Media, "Herald"),
    (ActorKind::Agency, "Regional Administration"),
    (ActorKind::Group, "Monitoring Group"),
    (ActorKind::Person, ""),
];

/// The report's parties, then invented institutes, outlets, administrations and people.
pub(crate) fn actors(seed: u64) -> Result<Vec<Actor>, GenerateError> {
    let mut rng = Rng::with_seed(seed ^ 0xAC70_0000);
    let mut registry = NameRegistry::default();
    let mut actors = Vec::with_capacity(KNOWN_ACTORS.len() + INVENTED_ACTORS);
    for &(id, name, kind, aliases, part_of) in KNOWN_ACTORS {
        let mut names = vec![name];
        names.extend_from_slice(aliases);
        registry.claim_all(&names);
        actors.push(Actor {
            id: ActorId::new(id)?,
            name: name.to_owned(),
            kind,
            aliases: aliases.iter().map(|&alias| alias.to_owned()).collect(),
            part_of: part_of.map(ActorId::new).transpose()?,
            description: Some(format!("A party the report names ({}).", kind.label())),
        });
    }
    while actors.len() < KNOWN_ACTORS.len() + INVENTED_ACTORS {
        let (kind, suffix) = INVENTED_KINDS[rng.usize(0..INVENTED_KINDS.len())];
        let (name, alias) = if kind == ActorKind::Person {
            let given = invented_name(&mut rng);
            let family = invented_name(&mut rng);
            (format!("{given} {family}"), family)
        } else {
            let place = words::place(&mut rng);
            (
                format!("{place} {suffix}"),
                format!("{place} {}", suffix.to_lowercase()),
            )
        };
        if !registry.claim_all(&[&name]) {
            continue;
        }
        let aliases = if registry.claim_extra(&alias) {
            vec![alias]
        } else {
            Vec::new()
        };
        let parent = &KNOWN_ACTORS[rng.usize(0..6)].0;
        actors.push(Actor {
            id: ActorId::new(format!("{}-{}", slug(&name, 48), actors.len()))?,
            name,
            kind,
            aliases,
            part_of: (kind != ActorKind::Group)
                .then(|| ActorId::new(*parent))
                .transpose()?,
            description: (rng.u8(0..2) == 0)
                .then(|| format!("An invented {} for benchmarks.", kind.label())),
        });
    }
    Ok(actors)
}

/// `count` measures, each a quantity in one place, e.g. "Casualties in Brayonsk".
pub(crate) fn measures(seed: u64, count: usize) -> Result<Vec<Measure>, GenerateError> {
    let mut rng = Rng::with_seed(seed ^ 0x3EA5_0000);
    let mut registry = NameRegistry::default();
    let mut measures = Vec::with_capacity(count);
    while measures.len() < count {
        let subject_index = rng.usize(0..words::MEASURE_SUBJECTS.len());
        let subject = words::MEASURE_SUBJECTS[subject_index];
        let place = words::place(&mut rng);
        let mut name = format!("{} in {place}", capitalise(subject));
        let mut alias = format!("{place} {subject}");
        if !registry.claim_all(&[&name, &alias]) {
            // Past a few hundred thousand measures the combinations run out: number a sector.
            let sector = measures.len();
            name = format!("{name} (sector {sector})");
            alias = format!("{alias} sector {sector}");
            if !registry.claim_all(&[&name, &alias]) {
                continue;
            }
        }
        measures.push(Measure {
            id: MeasureId::new(format!("{}-{}", slug(&name, 48), measures.len()))?,
            name,
            unit: words::MEASURE_UNITS[subject_index].to_owned(),
            description: format!(
                "How many {subject} the sources count for {place}, {}.",
                pick(
                    &mut rng,
                    &[
                        "since the deployment began",
                        "over the period the report covers",
                        "at the latest count"
                    ]
                )
            ),
            aliases: vec![alias],
        });
    }
    Ok(measures)
}
