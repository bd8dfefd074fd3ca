//! A generated dossier far larger than the shipped one, shaped like a real glossary and
//! timeline (names built from a few hundred syllables, shared kind words such as "Accord" or
//! "Task Force", acronyms with expansions, spelling variants and "former" names), and the
//! misspellings a user makes typing its names: a letter dropped, doubled, swapped or wrong.

use std::collections::HashSet;

use dossier_core::{fold, Dossier, EventId, Term, TermId};

use crate::fixtures::shipped;

/// A small deterministic generator (xorshift), so every run tests the same names.
pub(crate) struct Random(u64);

impl Random {
    pub(crate) fn new(seed: u64) -> Random {
        Random(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..bound` (`bound` > 0).
    pub(crate) fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(bound).expect("small")).expect("small")
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SYLLABLES: [&str; 40] = [
    "kur", "bra", "yon", "vla", "di", "vos", "tok", "khar", "kiv", "pyong", "yang", "won", "san",
    "chong", "jin", "ros", "tov", "do", "netsk", "lu", "gansk", "sum", "bel", "go", "rod", "zap",
    "or", "izh", "mar", "pol", "kha", "ber", "son", "kra", "sev", "don", "bas", "hae", "nam", "sk",
];

const KINDS: [&str; 18] = [
    "Accord",
    "Pact",
    "Treaty",
    "Protocol",
    "Brigade",
    "Corps",
    "Task Force",
    "Directorate",
    "Declaration",
    "Initiative",
    "Line",
    "Salient",
    "Operation",
    "Agency",
    "Council",
    "Front",
    "Bridgehead",
    "Mission",
];

const MODIFIERS: [&str; 10] = [
    "Joint", "Southern", "Western", "Federal", "Rapid", "Interim", "Combined", "Special",
    "Coastal", "Allied",
];

/// A place name of two or three syllables, capitalised.
fn place(random: &mut Random) -> String {
    let syllables = 2 + random.below(2);
    let name: String = (0..syllables).map(|_| random.pick(&SYLLABLES)).collect();
    let mut characters = name.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

/// The initials of the capitalised words of `name`.
fn acronym(name: &str) -> String {
    name.split([' ', '–'])
        .filter_map(|word| word.chars().next())
        .filter(|initial| initial.is_uppercase())
        .collect()
}

/// `name` spelt another way, as transliterations differ: the first "k" as "c", or "y" as "i".
fn variant(name: &str) -> String {
    if name.contains('k') {
        name.replacen('k', "c", 1)
    } else {
        name.replacen('y', "i", 1)
    }
}

/// The id of a record named `name`: its folded words joined by '-'.
fn slug(name: &str) -> String {
    fold(name).replace(' ', "-")
}

/// Whether none of `names` folds to a name already `taken`; if so they are all taken now.
fn claim(taken: &mut HashSet<String>, names: &[&str]) -> bool {
    let folded: HashSet<String> = names.iter().map(|name| fold(name)).collect();
    if folded
        .iter()
        .any(|name| name.is_empty() || taken.contains(name))
    {
        return false;
    }
    taken.extend(folded);
    true
}

/// The shipped dossier with `terms` generated glossary terms and `events` generated events
/// added; every name still folds to one record only.
pub(crate) fn generated_dossier(terms: usize, events: usize, seed: u64) -> Dossier {
    let mut dossier = shipped().clone();
    let mut random = Random::new(seed);
    let mut taken: HashSet<String> = dossier
        .term_entries()
        .iter()
        .flat_map(|entry| std::iter::once(entry.name).chain(entry.aliases.iter().copied()))
        .map(fold)
        .collect();
    let template = dossier.terms[0].clone();
    let mut made = 0;
    while made < terms {
        let kind = random.pick(&KINDS);
        let name = match random.below(4) {
            0 => format!("{} {kind}", place(&mut random)),
            1 => format!("{} {} {kind}", random.pick(&MODIFIERS), place(&mut random)),
            2 => format!("{}–{} {kind}", place(&mut random), place(&mut random)),
            _ => format!("{} {kind} {}", place(&mut random), 100 + random.below(900)),
        };
        let id = slug(&name);
        let mut aliases = Vec::new();
        if random.below(3) == 0 {
            aliases.push(variant(&name));
        }
        if random.below(3) == 0 {
            aliases.push(format!("former {name}"));
        }
        let (display, expansion) = if random.below(4) == 0 {
            (acronym(&name), Some(name))
        } else {
            (name, None)
        };
        let mut names: Vec<&str> = vec![display.as_str(), id.as_str()];
        names.extend(expansion.as_deref());
        names.extend(aliases.iter().map(String::as_str));
        if !claim(&mut taken, &names) {
            continue;
        }
        dossier.terms.push(Term {
            id: TermId::new(id.as_str()).expect("valid id"),
            name: display,
            expansion,
            aliases,
            definition: format!("A generated term, number {made}."),
            see_also: Vec::new(),
            citations: template.citations.clone(),
        });
        made += 1;
    }
    let units = [
        "North Korean units",
        "Russian airborne troops",
        "Ukrainian drone teams",
    ];
    let verbs = ["hold", "retake", "shell", "reinforce", "withdraw from"];
    let objects = [
        "a railway junction",
        "supply lines",
        "the border crossing",
        "an airfield",
    ];
    let shipped_events = shipped().events.clone();
    for index in 0..events {
        let mut event = shipped_events[index % shipped_events.len()].clone();
        let where_ = place(&mut random);
        let verb = random.pick(&verbs);
        event.id =
            EventId::new(format!("{}-{}-{index}", slug(verb), slug(&where_))).expect("valid id");
        event.headline = format!(
            "{} {verb} {} near {where_}",
            random.pick(&units),
            random.pick(&objects)
        );
        event.summary = format!(
            "Observers reported fighting in the {where_} area; {} {} {}.",
            random.pick(&units).to_lowercase(),
            random.pick(&verbs),
            random.pick(&objects)
        );
        event.tags = vec![random
            .pick(&["deployment", "logistics", "media"])
            .to_owned()];
        event.date_readings.clear();
        dossier.events.push(event);
    }
    dossier
}

/// `text` with one typing mistake at a random place: a letter dropped, added, replaced, or
/// swapped with the next one.
pub(crate) fn misspelt(random: &mut Random, text: &str) -> String {
    let mut characters: Vec<char> = text.chars().collect();
    let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().collect();
    let length = characters.len();
    if length < 2 {
        return text.to_owned();
    }
    match random.below(4) {
        0 => {
            characters.remove(random.below(length));
        }
        1 => characters.insert(random.below(length + 1), letters[random.below(26)]),
        2 => characters[random.below(length)] = letters[random.below(26)],
        _ => {
            let at = random.below(length - 1);
            characters.swap(at, at + 1);
        }
    }
    characters.into_iter().collect()
}

/// `dossier` with some events' dates made long or open, so that the order of the events' ends
/// is not the order of their starts: every seventh runs on with no end, every eleventh spans
/// two years, every thirteenth has no known start.
pub(crate) fn with_long_and_open_dates(mut dossier: Dossier) -> Dossier {
    for (index, event) in dossier.events.iter_mut().enumerate() {
        let date = match index {
            _ if index % 7 == 3 => "2024-09/..",
            _ if index % 11 == 5 => "2023/2025",
            _ if index % 13 == 8 => "/2024-11-15",
            _ => continue,
        };
        event.date = date.parse().expect("a valid date");
    }
    dossier
}
