//! Turning a name the user typed (or an id autocomplete filled in) into a record, or a
//! "Did you mean …" for them.

use dossier_core::{Actor, Event, EventId, Measure, MeasureId};
use dossier_store::Choice;

use crate::types::{Context, Error, UserError};

/// How many "did you mean" names to offer.
const SUGGESTIONS: usize = 5;

/// The names among autocomplete choices, to suggest.
fn suggestion_names(choices: Vec<Choice>) -> Vec<String> {
    choices
        .into_iter()
        .take(SUGGESTIONS)
        .map(|choice| choice.label)
        .collect()
}

/// The actor with this id, name or alias.
pub(crate) async fn actor(ctx: Context<'_>, typed: &str) -> Result<Actor, Error> {
    let store = &ctx.data().store;
    if let Some(actor) = store.resolve_actor(typed).await? {
        return Ok(actor);
    }
    Err(UserError::NotFound {
        what: "actor",
        query: typed.to_owned(),
        suggestions: suggestion_names(store.complete_actors(typed).await?),
        browse: "Autocomplete on `actor`",
    }
    .into())
}

/// The event with this id or headline.
pub(crate) async fn event(ctx: Context<'_>, typed: &str) -> Result<Event, Error> {
    let store = &ctx.data().store;
    if let Ok(id) = typed.trim().parse::<EventId>() {
        if let Some(event) = store.event(&id).await? {
            return Ok(event);
        }
    }
    if let Some(event) = store.resolve_event(typed).await? {
        return Ok(event);
    }
    Err(UserError::NotFound {
        what: "event",
        query: typed.to_owned(),
        suggestions: suggestion_names(store.complete_events(typed).await?),
        browse: "`/timeline`",
    }
    .into())
}

/// The measure with this id, name or alias.
pub(crate) async fn measure(ctx: Context<'_>, typed: &str) -> Result<Measure, Error> {
    let store = &ctx.data().store;
    if let Ok(id) = typed.trim().parse::<MeasureId>() {
        if let Some(measure) = store.measure(&id).await? {
            return Ok(measure);
        }
    }
    if let Some(measure) = store.resolve_measure(typed).await? {
        return Ok(measure);
    }
    Err(UserError::NotFound {
        what: "measure",
        query: typed.to_owned(),
        suggestions: suggestion_names(store.complete_measures(typed).await?),
        browse: "`/estimates`",
    }
    .into())
}
