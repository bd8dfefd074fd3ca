//! A small hand-written dossier for render tests, in the shape of the Kursk report.

use dossier_core::{
    Actor, ActorKind, Citation, Claim, ClaimKind, Edtf, Estimate, Event, Figure, Measure, Source,
    Term,
};

pub(crate) const SOURCE_ID: &str = "nk-troops-kursk-2025";

fn date(text: &str) -> Edtf {
    text.parse().unwrap_or_else(|error| panic!("{error}"))
}

pub(crate) fn cite(section: &str, excerpt: Option<&str>) -> Citation {
    Citation {
        source: SOURCE_ID.parse().unwrap_or_else(|error| panic!("{error}")),
        section: section.to_owned(),
        excerpt: excerpt.map(str::to_owned),
    }
}

fn id<T: std::str::FromStr>(text: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    text.parse().unwrap_or_else(|error| panic!("{error:?}"))
}

pub(crate) fn sources() -> Vec<Source> {
    vec![Source {
        id: id(SOURCE_ID),
        title:
            "North Korea’s First Public Acknowledgment of Troop Deployments to Support Russia’s \
                Kursk Counteroffensive"
                .to_owned(),
        publisher: "goover".to_owned(),
        kind: "General Report".to_owned(),
        date: date("2025-04-28"),
        sections: vec![
            "Summary".to_owned(),
            "KCNA and state media announcements".to_owned(),
            "March 2025 South Korean intelligence assessment".to_owned(),
            "Glossary".to_owned(),
        ],
        url: None,
    }]
}

pub(crate) fn actor(slug: &str, name: &str, kind: ActorKind) -> Actor {
    Actor {
        id: id(slug),
        name: name.to_owned(),
        kind,
        aliases: Vec::new(),
        part_of: None,
        description: None,
    }
}

pub(crate) fn actors() -> Vec<Actor> {
    vec![
        actor("north-korea", "North Korea", ActorKind::State),
        actor("ukraine", "Ukraine", ActorKind::State),
        actor("nis", "NIS", ActorKind::Agency),
        actor("us-intelligence", "U.S. intelligence", ActorKind::Agency),
    ]
}

pub(crate) fn event(slug: &str, when: &str, headline: &str, summary: &str) -> Event {
    Event {
        id: id(slug),
        date: date(when),
        date_readings: Vec::new(),
        headline: headline.to_owned(),
        summary: summary.to_owned(),
        actors: vec![id("north-korea")],
        tags: vec!["deployment".to_owned()],
        citations: vec![cite("Summary", None)],
    }
}

pub(crate) fn events() -> Vec<Event> {
    let mut confirmation = event(
        "kcna-first-confirmation",
        "2025-04-28",
        "KCNA confirms troops fought in Kursk",
        "State media confirmed for the first time that North Korean units had fought alongside \
         Russian forces in the Kursk region.",
    );
    confirmation.citations = vec![cite(
        "KCNA and state media announcements",
        Some("North Korea officially confirmed its troop deployment"),
    )];
    let mut reinforcements = event(
        "additional-deployments",
        "2025-01/2025-02",
        "More troops sent",
        "About 3,000 more North Korean troops reached Russia.",
    );
    reinforcements.date_readings = vec![
        dossier_core::DateReading {
            date: date("2025-01"),
            citations: vec![cite("Summary", None)],
        },
        dossier_core::DateReading {
            date: date("2025-02"),
            citations: vec![cite(
                "March 2025 South Korean intelligence assessment",
                None,
            )],
        },
    ];
    vec![
        event(
            "first-deployment",
            "2024-10~/2024-12~",
            "First units arrive",
            "The first North Korean units reached Russia.",
        ),
        reinforcements,
        confirmation,
    ]
}

pub(crate) fn kcna() -> Term {
    Term {
        id: id("kcna"),
        name: "KCNA".to_owned(),
        expansion: Some("Korean Central News Agency".to_owned()),
        aliases: vec!["North Korean state media".to_owned()],
        definition: "North Korea's official news agency, run by the state. It carried the \
                     announcement that troops were fighting for Russia."
            .to_owned(),
        see_also: Vec::new(),
        citations: vec![cite(
            "Glossary",
            Some("The Korean Central News Agency (KCNA) is the state-run media outlet"),
        )],
    }
}

pub(crate) fn measure() -> Measure {
    Measure {
        id: id("personnel-deployed"),
        name: "North Korean personnel deployed".to_owned(),
        unit: "troops".to_owned(),
        description: "Total North Korean military personnel sent to Russia.".to_owned(),
        aliases: Vec::new(),
    }
}

pub(crate) fn estimate(
    slug: &str,
    figure: Figure,
    by: Option<&str>,
    reported: Option<&str>,
) -> Estimate {
    Estimate {
        id: id(slug),
        measure: id("personnel-deployed"),
        figure,
        approximate: matches!(figure, Figure::Point(_)),
        as_of: None,
        assessed_by: by.map(id),
        reported: reported.map(date),
        citations: vec![cite("Summary", None)],
        note: None,
    }
}

pub(crate) fn estimates() -> Vec<Estimate> {
    vec![
        estimate(
            "deployed-around",
            Figure::Point(11_000),
            None,
            Some("2025-04"),
        ),
        estimate(
            "deployed-us",
            Figure::Range(10_000, 12_000),
            Some("us-intelligence"),
            Some("2024-11"),
        ),
        estimate(
            "deployed-nis",
            Figure::Point(15_000),
            Some("nis"),
            Some("2025-03"),
        ),
    ]
}

pub(crate) fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: id("nk-legal-basis"),
            actor: id("north-korea"),
            kind: ClaimKind::Justification,
            statement: "The deployment honours the partnership treaty and the UN Charter."
                .to_owned(),
            date: Some(date("2025-04-28")),
            excerpts: vec!["in accordance with the UN Charter".to_owned()],
            counter_claims: vec![id("ukraine-rejects")],
            citations: vec![cite("KCNA and state media announcements", None)],
        },
        Claim {
            id: id("ukraine-rejects"),
            actor: id("ukraine"),
            kind: ClaimKind::Denunciation,
            statement: "Ukraine called the deployment an escalation of the war.".to_owned(),
            date: None,
            excerpts: Vec::new(),
            counter_claims: Vec::new(),
            citations: vec![cite("Summary", None)],
        },
    ]
}

/// A server glossary entry at version 3.
pub(crate) fn guild_term(
    name: &str,
    definition: &str,
    aliases: &[&str],
) -> dossier_store::GuildTerm {
    dossier_store::GuildTerm {
        guild: dossier_store::GuildId(1_219_372_840_227_655_720),
        name: name.to_owned(),
        definition: definition.to_owned(),
        aliases: aliases.iter().map(|alias| (*alias).to_owned()).collect(),
        version: 3,
        created_by: dossier_store::UserId(853_094_416_902_963_241),
        created_at_unix_seconds: 1_745_800_000,
        updated_by: dossier_store::UserId(853_094_416_902_963_241),
        updated_at_unix_seconds: 1_745_900_000,
    }
}
