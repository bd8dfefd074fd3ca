//! The same answers over HTTP as over the gateway, command by command, deferred ones included.

use super::*;

/// Values for required options, by name; the shipped dossier holds each.
fn value_for(option: &Value) -> Option<CommandOption> {
    let name = option["name"].as_str()?;
    let value = match option["type"].as_u64()? {
        3 => OptionValue::String(
            match name {
                "id" | "event" => "kcna-first-confirmation",
                "measure" => "personnel-deployed",
                "actor" => "north-korea",
                "query" => "troops kursk",
                _ => "KCNA",
            }
            .to_owned(),
        ),
        4 => OptionValue::Integer(1),
        10 => OptionValue::Number(1.0),
        5 => OptionValue::Boolean(false),
        6 => OptionValue::User(853_094_416_902_963_241),
        7 => OptionValue::Channel(1_219_372_841_003_601_961),
        _ => return None,
    };
    Some(CommandOption::new(name, value))
}

/// The required options of a command (or subcommand), or None if one cannot be filled.
fn required_options(options: &[Value]) -> Option<Vec<CommandOption>> {
    options
        .iter()
        .filter(|option| option["required"] == true)
        .map(value_for)
        .collect()
}

/// One interaction per command and subcommand, and one autocomplete per autocompleting
/// option, built from what the bot registered.
fn every_interaction(registered: &[Value]) -> Vec<(String, InteractionBuilder)> {
    let mut interactions = Vec::new();
    for command in registered {
        let name = command["name"].as_str().unwrap_or_default().to_owned();
        let options = command["options"].as_array().cloned().unwrap_or_default();
        let subcommands: Vec<&Value> = options
            .iter()
            .filter(|option| option["type"] == 1)
            .collect();
        let leaves: Vec<(Option<String>, Vec<Value>)> = if subcommands.is_empty() {
            vec![(None, options.clone())]
        } else {
            subcommands
                .iter()
                .map(|sub| {
                    let inner = sub["options"].as_array().cloned().unwrap_or_default();
                    (sub["name"].as_str().map(str::to_owned), inner)
                })
                .collect()
        };
        for (sub, leaf_options) in leaves {
            let label = match &sub {
                Some(sub) => format!("/{name} {sub}"),
                None => format!("/{name}"),
            };
            let Some(required) = required_options(&leaf_options) else {
                continue;
            };
            let with = |builder: InteractionBuilder, filled: Vec<CommandOption>| match &sub {
                Some(sub) => builder.subcommand(sub.clone(), filled),
                None => filled.into_iter().fold(builder, InteractionBuilder::option),
            };
            interactions.push((
                label.clone(),
                with(InteractionBuilder::command(&name), required.clone()),
            ));
            for option in &leaf_options {
                if option["autocomplete"] != true {
                    continue;
                }
                let focused_name = option["name"].as_str().unwrap_or_default();
                let mut filled: Vec<CommandOption> = required
                    .iter()
                    .filter(|filled| filled.name != focused_name)
                    .cloned()
                    .collect();
                filled.push(CommandOption::new(
                    focused_name,
                    OptionValue::Focused {
                        type_code: option["type"].as_u64().unwrap_or(3),
                        partial: "k".to_owned(),
                    },
                ));
                let autocomplete = match &sub {
                    Some(sub) => {
                        InteractionBuilder::autocomplete(&name).subcommand(sub.clone(), filled)
                    }
                    None => filled.into_iter().fold(
                        InteractionBuilder::autocomplete(&name),
                        InteractionBuilder::option,
                    ),
                };
                interactions.push((
                    format!("{label} ({focused_name}: autocomplete)"),
                    autocomplete,
                ));
            }
        }
    }
    interactions
}

/// The callback as a comparable value: the interaction's own id (which names paged sessions
/// in button ids) replaced by a placeholder.
fn comparable(callback: &Recorded, ids: &[u64]) -> Value {
    let mut text = callback.body.clone().unwrap_or_default().to_string();
    for id in ids {
        text = text.replace(&id.to_string(), "<interaction>");
    }
    serde_json::from_str(&text).expect("JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_answers_with_the_same_embeds_as_over_the_gateway() {
    let fake = fake().await;
    let config = config_for(&fake);
    let (store, _) = prepare_store(&config).await.expect("the store");
    let bot = build(&config, store).await.expect("the bot");
    let gateway_stop = bot.shutdown_handle();
    let gateway_running = tokio::spawn(bot.run());
    fake.wait_ready(PATIENCE).await.expect("READY");
    let registered = fake
        .wait_commands_registered(PATIENCE)
        .await
        .expect("registered");
    let served = serve(&fake).await;

    let interactions = every_interaction(&registered);
    assert!(
        interactions.len() >= registered.len() + 5,
        "{}",
        interactions.len()
    );
    let mut paged = None;
    for (label, builder) in interactions {
        let over_gateway = fake.send_interaction(builder.clone());
        let gateway_answer = fake
            .wait_callback(&over_gateway, PATIENCE)
            .await
            .expect("a gateway callback");
        let over_http = fake.create_interaction(builder);
        assert_eq!(served.deliver(&over_http).await, 202, "{label}");
        let http_answer = fake
            .wait_callback(&over_http, PATIENCE)
            .await
            .expect("an HTTP callback");
        assert_eq!(http_answer.status, 204, "{label}: {:?}", http_answer.body);
        assert_eq!(gateway_answer.status, http_answer.status, "{label}");
        let gateway_json = comparable(&gateway_answer, &[over_gateway.id]);
        let http_json = comparable(&http_answer, &[over_http.id]);
        if label == "/ping" {
            // There is no gateway heartbeat to measure in HTTP mode.
            assert_eq!(gateway_json["data"]["embeds"][0]["title"], "Pong");
            assert_eq!(http_json["data"]["embeds"][0]["title"], "Pong");
            let said = http_json["data"]["embeds"][0]["description"].to_string();
            assert!(said.contains("not been measured"), "{said}");
            continue;
        }
        assert_eq!(gateway_json, http_json, "{label}");
        if label == "/timeline" {
            paged = Some((over_gateway, over_http, gateway_json));
        }
    }

    // Turning a page: the button press takes the same path too.
    let (gateway_command, http_command, first_page) = paged.expect("/timeline ran");
    let next = first_page["data"]["components"][0]["components"]
        .as_array()
        .and_then(|buttons| buttons.last())
        .and_then(|button| button["custom_id"].as_str())
        .expect("/timeline has page buttons")
        .to_owned();
    let press = |command: &InteractionHandle| {
        let message = fake.original_message(command).expect("the answer exists");
        let custom_id = next.replace("<interaction>", &command.id.to_string());
        InteractionBuilder::button(custom_id, message)
    };
    let gateway_press = fake.send_interaction(press(&gateway_command));
    let http_press = fake.create_interaction(press(&http_command));
    assert_eq!(served.deliver(&http_press).await, 202);
    let gateway_turn = fake
        .wait_callback(&gateway_press, PATIENCE)
        .await
        .expect("a gateway page turn");
    let http_turn = fake
        .wait_callback(&http_press, PATIENCE)
        .await
        .expect("an HTTP page turn");
    assert_eq!(http_turn.callback_type(), Some(7), "{:?}", http_turn.body);
    assert_eq!(
        comparable(&gateway_turn, &[gateway_command.id]),
        comparable(&http_turn, &[http_command.id])
    );

    served.stop().await;
    gateway_stop.shutdown().await;
    gateway_running
        .await
        .expect("no panic")
        .expect("a clean stop");
    assert!(
        fake.unknown_requests().is_empty(),
        "{:?}",
        fake.unknown_requests()
    );
}

/// The first request after `mark` that carries a file for this interaction.
async fn upload_for(fake: &FakeDiscord, handle: &InteractionHandle, mark: Mark) -> Recorded {
    let token = handle.token.clone();
    fake.wait_request(
        mark,
        PATIENCE,
        "the answer with its chart",
        move |recorded| {
            !recorded.uploads.is_empty() && recorded.route.token() == Some(token.as_str())
        },
    )
    .await
    .expect("the chart arrives")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_answers_defer_then_follow_through_the_webhook_as_over_the_gateway() {
    let fake = fake().await;
    let config = config_for(&fake);
    let (store, _) = prepare_store(&config).await.expect("the store");
    let bot = build(&config, store).await.expect("the bot");
    let gateway_stop = bot.shutdown_handle();
    let gateway_running = tokio::spawn(bot.run());
    fake.wait_ready(PATIENCE).await.expect("READY");
    fake.wait_commands_registered(PATIENCE)
        .await
        .expect("registered");
    let served = serve(&fake).await;

    let chart = InteractionBuilder::command("estimates").boolean("chart", true);
    let mark = fake.mark();
    let over_gateway = fake.send_interaction(chart.clone());
    let gateway_edit = upload_for(&fake, &over_gateway, mark).await;
    let mark = fake.mark();
    let over_http = fake.create_interaction(chart);
    assert_eq!(served.deliver(&over_http).await, 202);
    let http_edit = upload_for(&fake, &over_http, mark).await;

    let deferred = fake
        .wait_callback(&over_http, PATIENCE)
        .await
        .expect("a callback");
    assert_eq!(deferred.callback_type(), Some(5), "a chart defers first");
    // Then the answer follows through the interaction's webhook, as over the gateway.
    assert_eq!(http_edit.method, gateway_edit.method);
    assert!(
        matches!(
            http_edit.route,
            RouteKind::Followup { .. } | RouteKind::OriginalResponse { .. }
        ),
        "{:?}",
        http_edit.route
    );
    assert!(http_edit.status < 300, "{:?}", http_edit.body);
    assert_eq!(
        comparable(&gateway_edit, &[over_gateway.id]),
        comparable(&http_edit, &[over_http.id])
    );
    assert_eq!(gateway_edit.uploads.len(), 1);
    assert_eq!(
        gateway_edit.uploads[0].data, http_edit.uploads[0].data,
        "the same PNG"
    );

    served.stop().await;
    gateway_stop.shutdown().await;
    gateway_running
        .await
        .expect("no panic")
        .expect("a clean stop");
}
