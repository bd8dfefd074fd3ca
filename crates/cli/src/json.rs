//! Renders answers as JSON for scripts: the dossier's own record shapes plus a few derived fields.

use serde_json::{json, Value};

use crate::ask::{Answer, Names, NotFound};

fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The JSON for `answer`.
pub(crate) fn render(answer: &Answer, names: &Names) -> Value {
    match answer {
        Answer::Timeline { events, total } => json!({
            "total": total,
            "events": events.iter().map(|event| {
                let mut value = to_value(event);
                value["date_human"] = json!(event.date.human());
                value["date_disputed"] = json!(event.date_disputed());
                value
            }).collect::<Vec<_>>(),
        }),
        Answer::Event(event) => {
            let mut value = to_value(event);
            value["date_human"] = json!(event.date.human());
            value["date_disputed"] = json!(event.date_disputed());
            value
        }
        Answer::Definition {
            term,
            kind,
            see_also,
        } => json!({
            "term": to_value(term),
            "matched": kind.label(),
            "see_also": see_also.iter().map(to_value).collect::<Vec<_>>(),
        }),
        Answer::Glossary(terms) => json!({ "terms": to_value(terms) }),
        Answer::Estimates(groups) => json!({
            "measures": groups.iter().map(|group| json!({
                "measure": to_value(&group.measure),
                "agreement": group.agreement.label(),
                "disagreement": group.agreement.is_disagreement(),
                "summary": group.comparison().summary_with(&|id| names.actor(id)),
                "estimates": to_value(&group.estimates),
            })).collect::<Vec<_>>(),
        }),
        Answer::Claims(claims) => json!({ "claims": to_value(claims) }),
        Answer::Search { query, hits } => json!({
            "query": query,
            "hits": hits.iter().map(|hit| json!({
                "kind": hit.kind.label(),
                "id": hit.id,
                "title": hit.title,
                "snippet": hit.snippet,
                "score": hit.score,
            })).collect::<Vec<_>>(),
        }),
        Answer::Sources(sources) => json!({ "sources": to_value(sources) }),
        Answer::About(counts) => json!({
            "version": env!("CARGO_PKG_VERSION"),
            "sources": names.sources.values().map(to_value).collect::<Vec<_>>(),
            "counts": {
                "sources": counts.sources, "actors": counts.actors, "events": counts.events,
                "measures": counts.measures, "estimates": counts.estimates, "terms": counts.terms,
                "claims": counts.claims,
            },
        }),
    }
}

/// The JSON for a name that matched nothing.
pub(crate) fn not_found(not_found: &NotFound) -> Value {
    json!({
        "not_found": not_found.what,
        "query": not_found.query,
        "suggestions": not_found.suggestions,
    })
}
