//! The edge: plain pages and buttons turned into serenity and poise builders, every one of
//! them carrying `allowed_mentions` that parse nothing.

use poise::serenity_prelude as serenity;
use poise::CreateReply;

use crate::render::answers::ChoiceSpec;
use crate::render::buttons::ButtonSpec;
use crate::render::spec::{EmbedSpec, Page};

/// Allowed mentions that let nothing ping: `{"parse": []}`.
pub fn no_mentions() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
}

/// A serenity embed from a plain one.
pub fn embed(spec: &EmbedSpec) -> serenity::CreateEmbed {
    let mut embed = serenity::CreateEmbed::new()
        .title(&spec.title)
        .colour(spec.colour);
    if !spec.description.is_empty() {
        embed = embed.description(&spec.description);
    }
    if let Some(url) = &spec.url {
        embed = embed.url(url);
    }
    if let Some(author) = &spec.author {
        embed = embed.author(serenity::CreateEmbedAuthor::new(author));
    }
    if let Some(footer) = &spec.footer {
        embed = embed.footer(serenity::CreateEmbedFooter::new(footer));
    }
    embed.fields(
        spec.fields
            .iter()
            .map(|field| (field.name.clone(), field.value.clone(), field.inline)),
    )
}

/// One action row of buttons, or none when there are no buttons.
pub fn components(buttons: &[ButtonSpec]) -> Vec<serenity::CreateActionRow> {
    if buttons.is_empty() {
        return Vec::new();
    }
    vec![serenity::CreateActionRow::Buttons(
        buttons
            .iter()
            .map(|button| {
                serenity::CreateButton::new(&button.custom_id)
                    .label(&button.label)
                    .style(serenity::ButtonStyle::Secondary)
                    .disabled(button.disabled)
            })
            .collect(),
    )]
}

/// A poise reply (first answer to a command) showing `page` with `buttons`.
pub fn reply(page: &Page, buttons: &[ButtonSpec], ephemeral: bool) -> CreateReply {
    let mut reply = CreateReply::default()
        .ephemeral(ephemeral)
        .allowed_mentions(no_mentions())
        .components(components(buttons));
    if let Some(content) = &page.content {
        reply = reply.content(content);
    }
    for spec in &page.embeds {
        reply = reply.embed(embed(spec));
    }
    reply
}

/// The message body for an interaction response (a page turn or an ephemeral notice).
pub fn response_message(
    page: &Page,
    buttons: &[ButtonSpec],
) -> serenity::CreateInteractionResponseMessage {
    let mut message = serenity::CreateInteractionResponseMessage::new()
        .allowed_mentions(no_mentions())
        .embeds(page.embeds.iter().map(embed).collect())
        .components(components(buttons));
    if let Some(content) = &page.content {
        message = message.content(content);
    }
    message
}

/// Replaces the message a button sits on with `page` (interaction response type 7).
pub fn update_message(page: &Page, buttons: &[ButtonSpec]) -> serenity::CreateInteractionResponse {
    serenity::CreateInteractionResponse::UpdateMessage(response_message(page, buttons))
}

/// A new message only the presser sees (interaction response type 4, ephemeral).
pub fn ephemeral_message(page: &Page) -> serenity::CreateInteractionResponse {
    serenity::CreateInteractionResponse::Message(response_message(page, &[]).ephemeral(true))
}

/// The autocomplete response for `choices`.
pub fn autocomplete(choices: &[ChoiceSpec]) -> serenity::CreateAutocompleteResponse {
    serenity::CreateAutocompleteResponse::new().set_choices(
        choices
            .iter()
            .map(|choice| serenity::AutocompleteChoice::new(&choice.name, choice.value.as_str()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::buttons::page_buttons;
    use crate::render::spec::FieldSpec;

    fn page() -> Page {
        Page::embed(EmbedSpec {
            title: "@everyone".to_owned(),
            fields: vec![FieldSpec::new("n", "v")],
            footer: Some("f".to_owned()),
            ..EmbedSpec::default()
        })
    }

    #[test]
    fn every_builder_says_parse_nothing() {
        let update = serde_json::to_value(update_message(&page(), &page_buttons(1, 0, 2)))
            .unwrap_or_default();
        assert_eq!(update["type"], 7);
        assert_eq!(
            update["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
        assert_eq!(
            update["data"]["components"][0]["components"]
                .as_array()
                .map(Vec::len),
            Some(3)
        );
        let notice = serde_json::to_value(ephemeral_message(&page())).unwrap_or_default();
        assert_eq!(notice["type"], 4);
        assert_eq!(notice["data"]["flags"], 64);
        assert_eq!(
            notice["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
    }

    #[test]
    fn embeds_carry_every_part() {
        let json = serde_json::to_value(embed(&page().embeds[0])).unwrap_or_default();
        assert_eq!(json["title"], "@everyone");
        assert_eq!(json["fields"][0]["name"], "n");
        assert_eq!(json["footer"]["text"], "f");
        assert!(json.get("description").is_none());
    }
}
