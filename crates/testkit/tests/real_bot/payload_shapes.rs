//! The fake's payloads read back through serenity's own models, field by field.

use dossier_testkit::interactions::{DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, MEMBER_PERMISSIONS};
use dossier_testkit::{CommandOption, FakeConfig, FakeDiscord, InteractionBuilder};
use poise::serenity_prelude as serenity;
use serde_json::json;
use serenity::{CommandDataOptionValue, ComponentInteractionDataKind, Interaction};

async fn fake() -> FakeDiscord {
    FakeDiscord::start(FakeConfig::default())
        .await
        .expect("the fake starts")
}

#[tokio::test]
async fn a_command_with_every_option_type_reads_back_as_sent() {
    let fake = fake().await;
    let builder = InteractionBuilder::command("timeline")
        .subcommand(
            "range",
            vec![
                CommandOption::string("from", "2024-10"),
                CommandOption::boolean("private", true),
            ],
        )
        .permissions("8");
    let handle = fake.send_interaction(builder);
    let interaction: Interaction =
        serde_json::from_value(handle.json.clone()).expect("serenity reads it");
    let Interaction::Command(command) = interaction else {
        panic!("not a command: {interaction:?}")
    };
    assert_eq!(command.id.get(), handle.id);
    assert_eq!(command.token, handle.token);
    assert_eq!(command.application_id.get(), fake.application_id());
    assert_eq!(command.guild_id.map(|id| id.get()), Some(DEFAULT_GUILD_ID));
    assert_eq!(command.channel_id.get(), DEFAULT_CHANNEL_ID);
    let member = command
        .member
        .expect("a guild interaction carries a member");
    assert_eq!(
        member.permissions,
        Some(serenity::Permissions::ADMINISTRATOR)
    );
    assert_eq!(
        command.user.id, member.user.id,
        "serenity copies the member's user"
    );
    assert_eq!(command.data.name, "timeline");
    let CommandDataOptionValue::SubCommand(inner) = &command.data.options[0].value else {
        panic!("not a subcommand: {:?}", command.data.options);
    };
    assert_eq!(
        inner[0].value,
        CommandDataOptionValue::String("2024-10".to_owned())
    );
    assert_eq!(inner[1].value, CommandDataOptionValue::Boolean(true));

    let typed = InteractionBuilder::command("echo")
        .integer("times", 2)
        .number("ratio", 0.5)
        .user_option("who", 853_094_416_902_963_242)
        .channel_option("where", 1_219_372_841_003_601_962);
    let typed: Interaction =
        serde_json::from_value(fake.send_interaction(typed).json).expect("readable");
    let Interaction::Command(typed) = typed else {
        panic!("not a command")
    };
    let options = typed.data.options();
    assert_eq!(options.len(), 4, "{options:?}");
    assert!(matches!(
        options[0].value,
        serenity::ResolvedValue::Integer(2)
    ));
    assert!(
        matches!(options[2].value, serenity::ResolvedValue::User(user, _) if user.id.get() == 853_094_416_902_963_242)
    );
    assert!(
        matches!(options[3].value, serenity::ResolvedValue::Channel(channel) if channel.id.get() == 1_219_372_841_003_601_962)
    );
}

#[tokio::test]
async fn autocomplete_carries_the_focused_option() {
    let fake = fake().await;
    let handle =
        fake.send_interaction(InteractionBuilder::autocomplete("define").focused("term", "KC"));
    let interaction: Interaction = serde_json::from_value(handle.json).expect("serenity reads it");
    let Interaction::Autocomplete(request) = interaction else {
        panic!("not autocomplete")
    };
    let focused = request.data.autocomplete().expect("a focused option");
    assert_eq!((focused.name, focused.value), ("term", "KC"));
    assert_eq!(focused.kind, serenity::CommandOptionType::String);
}

#[tokio::test]
async fn component_presses_carry_their_custom_id_and_message() {
    let fake = fake().await;
    let message = json!({
        "id": "1302480000000000001", "channel_id": DEFAULT_CHANNEL_ID.to_string(),
        "author": { "id": fake.application_id().to_string(), "username": "Dossier", "discriminator": "0", "bot": true },
        "content": "Timeline, page 1", "timestamp": "2025-04-28T09:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
        "embeds": [], "pinned": false, "type": 20, "components": [{ "type": 1, "components": [
            { "type": 2, "style": 1, "custom_id": "timeline:2", "label": "Next" }] }]
    });
    let press = fake.send_interaction(InteractionBuilder::button("timeline:2", message.clone()));
    let Interaction::Component(press) = serde_json::from_value(press.json).expect("readable")
    else {
        panic!("not a component interaction")
    };
    assert_eq!(press.data.custom_id, "timeline:2");
    assert!(matches!(
        press.data.kind,
        ComponentInteractionDataKind::Button
    ));
    assert_eq!(press.message.content, "Timeline, page 1");

    let values = vec!["1".to_owned(), "3".to_owned()];
    let choice = fake.send_interaction(InteractionBuilder::string_select(
        "pick",
        values.clone(),
        message,
    ));
    let Interaction::Component(choice) = serde_json::from_value(choice.json).expect("readable")
    else {
        panic!("not a component interaction")
    };
    assert!(
        matches!(&choice.data.kind, ComponentInteractionDataKind::StringSelect { values: chosen } if *chosen == values),
        "{:?}",
        choice.data.kind
    );
}

#[tokio::test]
async fn a_direct_message_has_a_user_and_no_member() {
    let fake = fake().await;
    let builder = InteractionBuilder::command("ping")
        .in_dm()
        .user(853_094_416_902_963_243, "reader")
        .locale("ko");
    let Interaction::Command(command) =
        serde_json::from_value(fake.send_interaction(builder).json).expect("readable")
    else {
        panic!("not a command")
    };
    assert_eq!(command.guild_id, None);
    assert!(command.member.is_none());
    assert_eq!(command.user.name, "reader");
    assert_eq!(command.locale, "ko");
    assert_eq!(
        MEMBER_PERMISSIONS.parse::<u64>().map(|bits| bits & 8),
        Ok(0),
        "members are not admins"
    );
}
