//! Vocabulary for synthetic text: domain words of a war-and-diplomacy report, plus invented
//! place and family names built from syllables, so that text varies without repeating a
//! handful of words.

use fastrand::Rng;

/// Real places the shipped report talks about; synthetic text mixes them with invented ones.
pub(crate) const KNOWN_PLACES: &[&str] = &[
    "Kursk",
    "Sudzha",
    "Belgorod",
    "Bryansk",
    "Pyongyang",
    "Moscow",
    "Kyiv",
    "Seoul",
    "Kharkiv",
    "Vladivostok",
    "Wonsan",
    "Rason",
    "Khabarovsk",
    "Donetsk",
    "Zaporizhzhia",
    "Sumy",
    "Oryol",
    "Voronezh",
    "Rostov",
    "Sinuiju",
    "Chongjin",
    "Hamhung",
    "Kaesong",
    "Nampo",
    "Luhansk",
];

const ONSETS: &[&str] = &[
    "b", "br", "ch", "d", "dr", "g", "gr", "h", "k", "kh", "kr", "l", "m", "n", "p", "pr", "r",
    "s", "sh", "st", "t", "tr", "v", "vl", "z",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "ya", "yo", "ae", "eo", "ou", "ie", "y",
];
const CODAS: &[&str] = &[
    "", "n", "k", "sk", "v", "ng", "r", "l", "sh", "m", "vo", "nsk", "ka", "no", "ov", "an",
];

/// A pronounceable invented name of two or three syllables, capitalised, e.g. "Brayonsk".
pub(crate) fn invented_name(rng: &mut Rng) -> String {
    let syllables = if rng.u8(0..4) == 0 { 3 } else { 2 };
    let mut name = String::with_capacity(12);
    for syllable in 0..syllables {
        name.push_str(pick(rng, ONSETS));
        name.push_str(pick(rng, VOWELS));
        if syllable + 1 == syllables {
            name.push_str(pick(rng, CODAS));
        }
    }
    capitalise(&name)
}

/// A place: mostly invented, sometimes one the report names.
pub(crate) fn place(rng: &mut Rng) -> String {
    if rng.u8(0..5) == 0 {
        pick(rng, KNOWN_PLACES).to_owned()
    } else {
        invented_name(rng)
    }
}

/// `word` with its first letter upper-case.
pub(crate) fn capitalise(word: &str) -> String {
    let mut characters = word.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// One element of `items`, chosen uniformly.
pub(crate) fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.usize(0..items.len())]
}

/// One element of `items`, skewed towards the front (roughly Zipf-like), so common words are
/// common and rare words rare, as in real prose.
pub(crate) fn pick_skewed<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    let a = rng.usize(0..items.len());
    let b = rng.usize(0..items.len());
    items[a.min(b)]
}

/// Subjects of events and claims.
pub(crate) const UNITS: &[&str] = &[
    "North Korean units",
    "Russian airborne troops",
    "Ukrainian forces",
    "a Russian motor-rifle brigade",
    "North Korean special forces",
    "Ukrainian drone teams",
    "an artillery battalion",
    "a reconnaissance company",
    "combined Russian and North Korean forces",
    "Ukrainian marines",
    "a marine infantry regiment",
    "border guards",
    "an engineering detachment",
    "a logistics column",
    "military police",
];

pub(crate) const ACTIONS: &[&str] = &[
    "advance on",
    "withdraw from",
    "shell",
    "retake",
    "reinforce",
    "probe the defences of",
    "encircle",
    "clear mines around",
    "resupply",
    "strike",
    "hold",
    "evacuate",
    "fortify",
    "counterattack towards",
    "cross the river near",
];

pub(crate) const OBJECTS: &[&str] = &[
    "positions",
    "supply lines",
    "a railway junction",
    "the border crossing",
    "a river crossing",
    "forward trenches",
    "an airfield",
    "a fuel depot",
    "the district centre",
    "a command post",
    "a bridgehead",
    "a road junction",
    "an ammunition store",
    "a power substation",
];

pub(crate) const DIPLOMATIC: &[&str] = &[
    "announces",
    "denies",
    "confirms",
    "condemns",
    "welcomes",
    "warns against",
    "signs",
    "ratifies",
    "questions",
    "publishes",
];

pub(crate) const DOCUMENTS: &[&str] = &[
    "a statement on the deployment",
    "new sanctions",
    "the partnership treaty",
    "a casualty estimate",
    "an intelligence assessment",
    "a prisoner exchange",
    "an arms shipment",
    "a ceasefire proposal",
    "a joint communiqué",
    "satellite imagery",
    "an interview with captured soldiers",
    "a troop rotation",
];

pub(crate) const DETAILS: &[&str] = &[
    "Officials gave no figures.",
    "The report notes that the claim could not be verified independently.",
    "Satellite imagery was cited as evidence.",
    "Casualty figures differ between sources.",
    "The announcement came through state media.",
    "Analysts read it as a signal to Seoul and Washington.",
    "Ukrainian intelligence gave a higher number.",
    "The timing coincided with a diplomatic visit.",
    "Both sides claimed the advantage afterwards.",
    "Local authorities ordered an evacuation.",
    "The fighting lasted several days.",
    "Weather slowed operations on both sides.",
    "Drone footage circulated online the same week.",
    "Intercepted communications were cited.",
    "No independent observers were present.",
];

pub(crate) const TAGS: &[&str] = &[
    "deployment",
    "combat",
    "diplomacy",
    "context",
    "intelligence",
    "casualties",
    "logistics",
    "legal",
    "sanctions",
    "media",
    "history",
    "reinforcement",
    "air-defence",
    "prisoners",
];

/// Second words of glossary terms: what kind of thing a term names.
pub(crate) const CONCEPTS: &[&str] = &[
    "Corridor",
    "Treaty",
    "Doctrine",
    "Command",
    "Brigade",
    "Directorate",
    "Protocol",
    "Agreement",
    "Offensive",
    "Salient",
    "Bridgehead",
    "Accord",
    "Council",
    "Bureau",
    "Battalion",
    "Regiment",
    "Agency",
    "Front",
    "Operation",
    "Initiative",
    "Pact",
    "Line",
    "District",
    "Oblast",
    "Guard",
    "Corps",
    "Mission",
    "Service",
    "Committee",
    "Directive",
    "Declaration",
    "Convention",
    "Charter",
    "Task Force",
    "Military District",
    "Defence Zone",
    "Supply Route",
    "Air Base",
    "Naval Base",
    "Rail Hub",
];

pub(crate) const ADJECTIVES: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Joint",
    "Strategic",
    "Tactical",
    "Special",
    "Allied",
    "Provisional",
    "Frontier",
    "Coastal",
    "Border",
    "Unified",
    "Combined",
    "Reserve",
    "Expeditionary",
    "Forward",
    "Interim",
    "Comprehensive",
    "Mutual",
    "Rapid",
    "Territorial",
    "Federal",
];

pub(crate) const DEFINITION_OPENINGS: &[&str] = &[
    "A term the report uses for",
    "The name given to",
    "An arrangement covering",
    "A body responsible for",
    "A formation assigned to",
    "A designation for",
    "The official label of",
];

pub(crate) const DEFINITION_TOPICS: &[&str] = &[
    "the movement of troops across the border",
    "coordination between the two militaries",
    "the defence of the frontier districts",
    "supplying ammunition to the front",
    "the legal basis for the deployment",
    "intelligence sharing between allies",
    "the training of foreign contingents",
    "air defence of the rear areas",
    "the evacuation of civilians",
    "reporting casualties to the public",
    "operations in the border region",
];

pub(crate) const STATEMENT_OPENINGS: &[&str] = &[
    "says that",
    "insists that",
    "argues that",
    "denies that",
    "warns that",
    "claims that",
    "assesses that",
    "states that",
];

pub(crate) const STATEMENT_CLAIMS: &[&str] = &[
    "the deployment complies with the UN Charter",
    "foreign troops took part in the fighting",
    "the border region has been fully liberated",
    "casualties were far higher than admitted",
    "the treaty obliges mutual military assistance",
    "no troops crossed into Ukrainian territory",
    "the figures published abroad are fabricated",
    "reinforcements arrived in early spring",
    "the alliance threatens regional security",
    "weapons transfers violate existing sanctions",
    "the offensive stalled after heavy losses",
];

pub(crate) const MEASURE_SUBJECTS: &[&str] = &[
    "personnel deployed",
    "casualties",
    "soldiers captured",
    "artillery shells supplied",
    "ballistic missiles supplied",
    "drones launched",
    "villages retaken",
    "civilians evacuated",
    "vehicles destroyed",
    "additional troops",
];

pub(crate) const MEASURE_UNITS: &[&str] = &[
    "troops",
    "casualties",
    "prisoners",
    "shells",
    "missiles",
    "drones",
    "villages",
    "people",
    "vehicles",
    "troops",
];

pub(crate) const ESTIMATE_NOTES: &[&str] = &[
    "The report does not say who made this estimate.",
    "Given as a range; the report notes the uncertainty.",
    "Repeated in several sections of the report.",
    "Attributed to intelligence sources without further detail.",
    "Later revised by the same source.",
    "Contradicted by the figure given in state media.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_names_are_capitalised_words() {
        let mut rng = Rng::with_seed(7);
        for _ in 0..200 {
            let name = invented_name(&mut rng);
            assert!(
                name.chars().next().is_some_and(char::is_uppercase),
                "{name}"
            );
            assert!(name.chars().all(char::is_alphabetic), "{name}");
        }
    }

    #[test]
    fn skewed_picks_favour_the_front() {
        let mut rng = Rng::with_seed(1);
        let items = ["a", "b", "c", "d"];
        let firsts = (0..4000)
            .filter(|_| pick_skewed(&mut rng, &items) == "a")
            .count();
        // P(first) = 7/16 with two draws, against 1/4 uniformly.
        assert!(firsts > 1400, "{firsts}");
    }
}
