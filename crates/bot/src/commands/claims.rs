//! `/claims`: who said what, when.

use crate::commands::options::text_option;
use crate::commands::respond::{reference_records, send_pages};
use crate::commands::{autocomplete, names};
use crate::render::{self, References};
use crate::types::{Context, Error};

/// Statements, confirmations and denials, by who made them
#[poise::command(slash_command)]
pub(crate) async fn claims(
    ctx: Context<'_>,
    #[description = "Only this actor's claims (its agencies included)"]
    #[autocomplete = "autocomplete::actors"]
    #[max_length = 100]
    actor: Option<String>,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let (family, actor_name) = match text_option(actor) {
        Some(typed) => {
            let actor = names::actor(ctx, &typed).await?;
            (
                ctx.data().store.actor_family(&actor.id).await?,
                Some(actor.name),
            )
        }
        None => (Vec::new(), None),
    };
    let store = &ctx.data().store;
    let claims = store.claims(&family).await?;
    // Counter-claims may come from anyone, so name them from the whole list.
    let every_claim = if family.is_empty() {
        claims.clone()
    } else {
        store.claims(&[]).await?
    };
    let (sources, actors) = reference_records(ctx).await?;
    let pages = render::claims(
        &claims,
        &every_claim,
        actor_name.as_deref(),
        References::new(&sources, &actors),
    );
    send_pages(ctx, pages, private).await
}
