//! Whole-dossier checks run after parsing: unique ids, references that resolve, citations that
//! name a real section, non-empty text, excerpts found verbatim, names that are not ambiguous.

use std::collections::{HashMap, HashSet};

use crate::id::{ActorId, SourceId};
use crate::json_path::JsonPath;
use crate::model::{Citation, Dossier};
use crate::text::fold;

/// One problem found, before its line is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The data file, e.g. "events.json".
    pub(crate) file: &'static str,
    /// Where in it.
    pub(crate) path: JsonPath,
    /// What is wrong.
    pub(crate) message: String,
}

/// Text as compared for excerpts: whitespace runs collapsed, curly quotes made straight.
pub(crate) fn normalize_excerpt(text: &str) -> String {
    let straightened: String = text
        .chars()
        .map(|character| match character {
            '’' | '‘' | 'ʼ' => '\'',
            '“' | '”' => '"',
            other => other,
        })
        .collect();
    straightened
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

struct Checker<'a> {
    dossier: &'a Dossier,
    /// Normalized source texts by source id.
    texts: HashMap<&'a str, String>,
    findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    fn report(&mut self, file: &'static str, path: JsonPath, message: String) {
        self.findings.push(Finding {
            file,
            path,
            message,
        });
    }

    fn non_empty(&mut self, file: &'static str, path: JsonPath, text: &str) {
        if text.trim().is_empty() {
            self.report(file, path, "must not be empty".to_owned());
        }
    }

    fn unique_ids<'b>(&mut self, file: &'static str, ids: impl Iterator<Item = &'b str>) {
        let mut first_at: HashMap<&str, usize> = HashMap::new();
        for (index, id) in ids.enumerate() {
            if let Some(first) = first_at.get(id) {
                let message = format!("duplicate id \"{id}\" (first at $[{first}])");
                self.report(file, JsonPath::root().index(index).key("id"), message);
            } else {
                first_at.insert(id, index);
            }
        }
    }

    fn actor_exists(&mut self, file: &'static str, path: JsonPath, id: &ActorId) {
        if self.dossier.actor(id).is_none() {
            self.report(file, path, format!("unknown actor \"{id}\""));
        }
    }

    fn citations(&mut self, file: &'static str, path: &JsonPath, citations: &[Citation]) {
        if citations.is_empty() {
            self.report(file, path.clone(), "needs at least one citation".to_owned());
        }
        for (index, citation) in citations.iter().enumerate() {
            self.citation(file, &path.index(index), citation);
        }
    }

    fn citation(&mut self, file: &'static str, path: &JsonPath, citation: &Citation) {
        let Some(source) = self.dossier.source(&citation.source) else {
            let message = format!("unknown source \"{}\"", citation.source);
            self.report(file, path.key("source"), message);
            return;
        };
        if !source.sections.contains(&citation.section) {
            let message = format!(
                "section \"{}\" is not a section of source \"{}\"",
                citation.section, citation.source
            );
            self.report(file, path.key("section"), message);
        }
        if let Some(excerpt) = &citation.excerpt {
            self.excerpt(
                file,
                path.key("excerpt"),
                excerpt,
                std::slice::from_ref(&citation.source),
            );
        }
    }

    /// Checks that `excerpt` is non-empty and, when any of `sources` has its text given, found
    /// in one of them.
    fn excerpt(&mut self, file: &'static str, path: JsonPath, excerpt: &str, sources: &[SourceId]) {
        if excerpt.trim().is_empty() {
            self.report(file, path, "must not be empty".to_owned());
            return;
        }
        let wanted = normalize_excerpt(excerpt);
        let mut checked = Vec::new();
        for source in sources {
            if let Some(text) = self.texts.get(source.as_str()) {
                if text.contains(&wanted) {
                    return;
                }
                checked.push(format!("\"{source}\""));
            }
        }
        if !checked.is_empty() {
            let message = format!(
                "excerpt not found verbatim in the text of source {}",
                checked.join(", ")
            );
            self.report(file, path, message);
        }
    }

    /// Reports a folded name given to two different records of one kind.
    fn unambiguous_names(&mut self, file: &'static str, names: Vec<(String, JsonPath, &'a str)>) {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for (name, path, id) in names {
            let folded = fold(&name);
            if folded.is_empty() {
                continue;
            }
            match owner.get(&folded) {
                Some(other) if *other != id => {
                    let message = format!("\"{name}\" is also a name of \"{other}\"");
                    self.report(file, path, message);
                }
                Some(_) => {}
                None => {
                    owner.insert(folded, id);
                }
            }
        }
    }
}

/// Every problem in `dossier`, given the texts of some of its sources.
pub(crate) fn validate(dossier: &Dossier, source_texts: &[(SourceId, &str)]) -> Vec<Finding> {
    let texts = source_texts
        .iter()
        .map(|(id, text)| (id.as_str(), normalize_excerpt(text)))
        .collect();
    let mut checker = Checker {
        dossier,
        texts,
        findings: Vec::new(),
    };
    checker.sources();
    checker.actors();
    checker.events();
    checker.measures_and_estimates();
    checker.terms();
    checker.claims();
    checker.findings
}

impl Checker<'_> {
    fn sources(&mut self) {
        const FILE: &str = "sources.json";
        let dossier = self.dossier;
        self.unique_ids(
            FILE,
            dossier.sources.iter().map(|source| source.id.as_str()),
        );
        for (index, source) in dossier.sources.iter().enumerate() {
            let at = JsonPath::root().index(index);
            self.non_empty(FILE, at.key("title"), &source.title);
            self.non_empty(FILE, at.key("publisher"), &source.publisher);
            self.non_empty(FILE, at.key("kind"), &source.kind);
            if source.sections.is_empty() {
                self.report(
                    FILE,
                    at.key("sections"),
                    "needs at least one section".to_owned(),
                );
            }
            let mut seen = HashSet::new();
            for (number, section) in source.sections.iter().enumerate() {
                self.non_empty(FILE, at.key("sections").index(number), section);
                if !seen.insert(section.as_str()) {
                    let message = format!("section \"{section}\" is listed twice");
                    self.report(FILE, at.key("sections").index(number), message);
                }
            }
        }
    }

    fn actors(&mut self) {
        const FILE: &str = "actors.json";
        let dossier = self.dossier;
        self.unique_ids(FILE, dossier.actors.iter().map(|actor| actor.id.as_str()));
        let mut names = Vec::new();
        for (index, actor) in dossier.actors.iter().enumerate() {
            let at = JsonPath::root().index(index);
            self.non_empty(FILE, at.key("name"), &actor.name);
            names.push((actor.name.clone(), at.key("name"), actor.id.as_str()));
            for (number, alias) in actor.aliases.iter().enumerate() {
                self.non_empty(FILE, at.key("aliases").index(number), alias);
                names.push((
                    alias.clone(),
                    at.key("aliases").index(number),
                    actor.id.as_str(),
                ));
            }
            if let Some(description) = &actor.description {
                self.non_empty(FILE, at.key("description"), description);
            }
            if let Some(parent) = &actor.part_of {
                self.actor_exists(FILE, at.key("part_of"), parent);
                if self.part_of_cycles(&actor.id) {
                    let message = format!("\"{}\" is, through part_of, part of itself", actor.id);
                    self.report(FILE, at.key("part_of"), message);
                }
            }
        }
        self.unambiguous_names(FILE, names);
    }

    fn part_of_cycles(&self, start: &ActorId) -> bool {
        let mut current = self
            .dossier
            .actor(start)
            .and_then(|actor| actor.part_of.as_ref());
        for _ in 0..=self.dossier.actors.len() {
            match current {
                None => return false,
                Some(id) if id == start => return true,
                Some(id) => {
                    current = self
                        .dossier
                        .actor(id)
                        .and_then(|actor| actor.part_of.as_ref());
                }
            }
        }
        false
    }

    fn events(&mut self) {
        const FILE: &str = "events.json";
        let dossier = self.dossier;
        self.unique_ids(FILE, dossier.events.iter().map(|event| event.id.as_str()));
        for (index, event) in dossier.events.iter().enumerate() {
            let at = JsonPath::root().index(index);
            self.non_empty(FILE, at.key("headline"), &event.headline);
            self.non_empty(FILE, at.key("summary"), &event.summary);
            for (number, actor) in event.actors.iter().enumerate() {
                self.actor_exists(FILE, at.key("actors").index(number), actor);
            }
            for (number, tag) in event.tags.iter().enumerate() {
                self.non_empty(FILE, at.key("tags").index(number), tag);
            }
            self.citations(FILE, &at.key("citations"), &event.citations);
            for (number, reading) in event.date_readings.iter().enumerate() {
                let reading_at = at.key("date_readings").index(number);
                if reading.date.earliest() < event.date.earliest()
                    || reading.date.latest() > event.date.latest()
                {
                    let message = format!(
                        "reading {} falls outside the event's date {}",
                        reading.date, event.date
                    );
                    self.report(FILE, reading_at.key("date"), message);
                }
                self.citations(FILE, &reading_at.key("citations"), &reading.citations);
            }
        }
    }

    fn measures_and_estimates(&mut self) {
        let dossier = self.dossier;
        const MEASURES: &str = "measures.json";
        self.unique_ids(
            MEASURES,
            dossier.measures.iter().map(|measure| measure.id.as_str()),
        );
        let mut names = Vec::new();
        for (index, measure) in dossier.measures.iter().enumerate() {
            let at = JsonPath::root().index(index);
            self.non_empty(MEASURES, at.key("name"), &measure.name);
            self.non_empty(MEASURES, at.key("unit"), &measure.unit);
            self.non_empty(MEASURES, at.key("description"), &measure.description);
            names.push((measure.name.clone(), at.key("name"), measure.id.as_str()));
            for (number, alias) in measure.aliases.iter().enumerate() {
                self.non_empty(MEASURES, at.key("aliases").index(number), alias);
                names.push((
                    alias.clone(),
                    at.key("aliases").index(number),
                    measure.id.as_str(),
                ));
            }
        }
        self.unambiguous_names(MEASURES, names);

        const ESTIMATES: &str = "estimates.json";
        self.unique_ids(
            ESTIMATES,
            dossier
                .estimates
                .iter()
                .map(|estimate| estimate.id.as_str()),
        );
        for (index, estimate) in dossier.estimates.iter().enumerate() {
            let at = JsonPath::root().index(index);
            if dossier.measure(&estimate.measure).is_none() {
                let message = format!("unknown measure \"{}\"", estimate.measure);
                self.report(ESTIMATES, at.key("measure"), message);
            }
            if let Some(actor) = &estimate.assessed_by {
                self.actor_exists(ESTIMATES, at.key("assessed_by"), actor);
            }
            if let Some(note) = &estimate.note {
                self.non_empty(ESTIMATES, at.key("note"), note);
            }
            self.citations(ESTIMATES, &at.key("citations"), &estimate.citations);
        }
    }

    fn terms(&mut self) {
        const FILE: &str = "terms.json";
        let dossier = self.dossier;
        self.unique_ids(FILE, dossier.terms.iter().map(|term| term.id.as_str()));
        let mut names = Vec::new();
        for (index, term) in dossier.terms.iter().enumerate() {
            let at = JsonPath::root().index(index);
            let id = term.id.as_str();
            self.non_empty(FILE, at.key("name"), &term.name);
            self.non_empty(FILE, at.key("definition"), &term.definition);
            names.push((term.name.clone(), at.key("name"), id));
            if let Some(expansion) = &term.expansion {
                self.non_empty(FILE, at.key("expansion"), expansion);
                names.push((expansion.clone(), at.key("expansion"), id));
            }
            for (number, alias) in term.aliases.iter().enumerate() {
                self.non_empty(FILE, at.key("aliases").index(number), alias);
                names.push((alias.clone(), at.key("aliases").index(number), id));
            }
            for (number, related) in term.see_also.iter().enumerate() {
                if dossier.term(related).is_none() {
                    let message = format!("unknown term \"{related}\"");
                    self.report(FILE, at.key("see_also").index(number), message);
                }
            }
            self.citations(FILE, &at.key("citations"), &term.citations);
        }
        self.unambiguous_names(FILE, names);
    }

    fn claims(&mut self) {
        const FILE: &str = "claims.json";
        let dossier = self.dossier;
        self.unique_ids(FILE, dossier.claims.iter().map(|claim| claim.id.as_str()));
        for (index, claim) in dossier.claims.iter().enumerate() {
            let at = JsonPath::root().index(index);
            self.actor_exists(FILE, at.key("actor"), &claim.actor);
            self.non_empty(FILE, at.key("statement"), &claim.statement);
            let cited: Vec<SourceId> = claim.citations.iter().map(|c| c.source.clone()).collect();
            for (number, excerpt) in claim.excerpts.iter().enumerate() {
                self.excerpt(FILE, at.key("excerpts").index(number), excerpt, &cited);
            }
            for (number, counter) in claim.counter_claims.iter().enumerate() {
                let path = at.key("counter_claims").index(number);
                if counter == &claim.id {
                    self.report(FILE, path, "a claim cannot counter itself".to_owned());
                } else if dossier.claim(counter).is_none() {
                    self.report(FILE, path, format!("unknown claim \"{counter}\""));
                }
            }
            self.citations(FILE, &at.key("citations"), &claim.citations);
        }
    }
}
