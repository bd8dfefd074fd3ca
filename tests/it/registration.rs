//! The slash commands the bot registers: Discord's naming and size rules, where they are
//! registered, and what happens when Discord refuses them.

use std::collections::HashSet;
use std::time::Duration;

use dossier_bot::{BotError, Config, RetryPolicy};
use dossier_testkit::interactions::DEFAULT_GUILD_ID;
use dossier_testkit::{limits, FakeConfig, InteractionBuilder, Mark, RouteKind};
use regex::Regex;
use serde_json::Value;

use crate::answers::assert_message_answer;
use crate::harness::{build_bot, config_for, start_fake, Running, PATIENCE};

/// Every command a user can run, in the order `/help` lists them.
pub(crate) const COMMAND_NAMES: [&str; 11] = [
    "timeline",
    "event",
    "define",
    "glossary",
    "estimates",
    "claims",
    "search",
    "sources",
    "about",
    "help",
    "ping",
];

/// Option types that hold options of their own (subcommand, subcommand group).
const NESTING_TYPES: [u64; 2] = [1, 2];

/// What Discord checks on one command, found by walking it independently of the testkit.
struct RuleCheck {
    name_rule: Regex,
    problems: Vec<String>,
    characters: usize,
}

impl RuleCheck {
    fn new() -> Self {
        Self {
            name_rule: Regex::new(r"^[-_'\p{L}\p{N}]{1,32}$").unwrap_or_else(|e| panic!("{e}")),
            problems: Vec::new(),
            characters: 0,
        }
    }

    fn text(&mut self, value: &Value) -> usize {
        let length = value.as_str().map_or(0, |text| text.chars().count());
        self.characters += length;
        length
    }

    fn named_and_described(&mut self, path: &str, item: &Value) {
        let name = item["name"].as_str().unwrap_or("");
        if !self.name_rule.is_match(name) || name.to_lowercase() != name {
            self.problems
                .push(format!("{path}: name {name:?} breaks the name rule"));
        }
        self.text(&item["name"]);
        let description = self.text(&item["description"]);
        if !(1..=100).contains(&description) {
            self.problems
                .push(format!("{path}: description of {description} characters"));
        }
    }

    fn options(&mut self, path: &str, options: &[Value]) {
        if options.len() > 25 {
            self.problems
                .push(format!("{path}: {} options", options.len()));
        }
        let mut names = HashSet::new();
        let mut optional_seen = false;
        for option in options {
            let name = option["name"].as_str().unwrap_or("").to_owned();
            let option_path = format!("{path} {name}");
            self.named_and_described(&option_path, option);
            if !names.insert(name.clone()) {
                self.problems.push(format!("{path}: option {name:?} twice"));
            }
            let kind = option["type"].as_u64().unwrap_or(0);
            if NESTING_TYPES.contains(&kind) {
                let inner = option["options"].as_array().map_or(&[][..], Vec::as_slice);
                self.options(&option_path, inner);
                continue;
            }
            let required = option["required"].as_bool().unwrap_or(false);
            if required && optional_seen {
                self.problems
                    .push(format!("{option_path}: required after an optional option"));
            }
            optional_seen |= !required;
            let choices = option["choices"].as_array().map_or(&[][..], Vec::as_slice);
            if choices.len() > 25 {
                self.problems
                    .push(format!("{option_path}: {} choices", choices.len()));
            }
            if !choices.is_empty() && option["autocomplete"].as_bool() == Some(true) {
                self.problems
                    .push(format!("{option_path}: choices and autocomplete together"));
            }
            for choice in choices {
                let shown = self.text(&choice["name"]);
                if !(1..=100).contains(&shown) {
                    self.problems.push(format!(
                        "{option_path}: a choice name of {shown} characters"
                    ));
                }
                match &choice["value"] {
                    Value::String(_) => {
                        self.text(&choice["value"]);
                    }
                    other => self.characters += other.to_string().len(),
                }
            }
        }
    }
}

/// The problems Discord would find with one command, and its size in characters.
fn rule_problems(command: &Value) -> (Vec<String>, usize) {
    let name = command["name"].as_str().unwrap_or("?").to_owned();
    let path = format!("/{name}");
    let mut check = RuleCheck::new();
    check.named_and_described(&path, command);
    let options = command["options"].as_array().map_or(&[][..], Vec::as_slice);
    check.options(&path, options);
    if check.characters > 8000 {
        check
            .problems
            .push(format!("{path}: {} characters in all", check.characters));
    }
    (check.problems, check.characters)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_registered_command_obeys_discords_rules() {
    let running = Running::start().await;
    let registered = running.fake.registered_commands();
    let names: Vec<&str> = registered
        .iter()
        .filter_map(|command| command["name"].as_str())
        .collect();
    for name in COMMAND_NAMES {
        assert!(
            names.contains(&name),
            "/{name} is not registered: {names:?}"
        );
    }
    for command in &registered {
        let (problems, characters) = rule_problems(command);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(characters > 0);
        let testkit_problems = limits::command_violations(command);
        assert!(testkit_problems.is_empty(), "{testkit_problems:?}");
        assert_eq!(command["type"].as_u64().unwrap_or(1), 1, "a slash command");
    }
    // The rules are not vacuous: a command breaking each of them is caught.
    let broken = serde_json::json!({
        "name": "Timeline!", "description": "", "options": [
            { "type": 5, "name": "private", "description": "Only you" },
            { "type": 3, "name": "private", "description": "x".repeat(101), "required": true }
        ]
    });
    assert_eq!(
        rule_problems(&broken).0.len(),
        5,
        "{:?}",
        rule_problems(&broken)
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_globally_once_the_gateway_is_ready() {
    let running = Running::start().await;
    let fake = &running.fake;
    let ready = fake
        .wait_ready(PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let puts: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|recorded| recorded.method == "PUT")
        .collect();
    assert_eq!(puts.len(), 1, "one bulk overwrite");
    assert_eq!(puts[0].route, RouteKind::GlobalCommands);
    assert_eq!(puts[0].status, 200);
    assert!(puts[0].at >= ready.at, "registered after READY");
    assert!(fake.registered_guild_commands(DEFAULT_GUILD_ID).is_empty());
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configured_server_gets_the_commands_instead_of_every_server() {
    // As an operator would: DISCORD_GUILD_ID set next to the token.
    let guild_id = DEFAULT_GUILD_ID.to_string();
    let from_environment = Config::from_lookup(|name| match name {
        "DISCORD_TOKEN" => Some("unused".to_owned()),
        "DISCORD_GUILD_ID" => Some(guild_id.clone()),
        _ => None,
    })
    .unwrap_or_else(|error| panic!("{error}"));
    let running = Running::start_with(FakeConfig::default(), |config| {
        config.guild_id = from_environment.guild_id;
    })
    .await;
    let fake = &running.fake;
    let guild_commands = fake.registered_guild_commands(DEFAULT_GUILD_ID);
    let names: Vec<&str> = guild_commands
        .iter()
        .filter_map(|command| command["name"].as_str())
        .collect();
    for name in COMMAND_NAMES {
        assert!(
            names.contains(&name),
            "/{name} is not in the server: {names:?}"
        );
    }
    assert!(fake.registered_commands().is_empty(), "nothing global");
    let answer = running.answer(InteractionBuilder::command("ping")).await;
    assert_message_answer("/ping in the configured server", &answer);
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_registration_is_retried_until_it_succeeds() {
    let fake = start_fake(FakeConfig::default()).await;
    fake.fail_requests(|route| matches!(route, RouteKind::GlobalCommands), 500);
    let mut config = config_for(&fake, fake.token());
    config.registration_retry = RetryPolicy {
        attempts: 5,
        first_delay: Duration::from_secs(1),
    };
    let bot = build_bot(&config)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let stop = bot.shutdown_handle();
    let task = tokio::spawn(bot.run());
    fake.wait_request(Mark::beginning(), PATIENCE, "a refused PUT", |recorded| {
        recorded.method == "PUT" && recorded.status == 500
    })
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    fake.clear_failures();
    let registered = fake
        .wait_commands_registered(PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("the retry did not register: {error}"));
    assert!(registered.len() >= COMMAND_NAMES.len(), "{registered:?}");
    let ping = fake.send_interaction(InteractionBuilder::command("ping"));
    let callback = fake
        .wait_callback(&ping, PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(callback.status, 204);
    stop.shutdown().await;
    let outcome = tokio::time::timeout(PATIENCE, task)
        .await
        .unwrap_or_else(|_| panic!("the bot did not stop"));
    assert!(matches!(outcome, Ok(Ok(()))), "{outcome:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_that_keeps_failing_stops_the_bot_instead_of_leaving_it_mute() {
    let fake = start_fake(FakeConfig::default()).await;
    fake.fail_requests(|route| matches!(route, RouteKind::GlobalCommands), 400);
    let config = config_for(&fake, fake.token());
    let bot = build_bot(&config)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let error = tokio::time::timeout(PATIENCE, bot.run())
        .await
        .unwrap_or_else(|_| panic!("the bot kept running without commands"))
        .err()
        .unwrap_or_else(|| panic!("a bot without commands stopped cleanly"));
    assert!(
        matches!(error, BotError::Registration { attempts: 2, .. }),
        "{error}"
    );
    assert_eq!(error.exit_code(), 1);
    let refused_puts = fake
        .requests()
        .iter()
        .filter(|recorded| recorded.method == "PUT" && recorded.status == 400)
        .count();
    assert_eq!(refused_puts, 2, "both attempts were made");
}
