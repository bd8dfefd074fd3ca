//! Server glossaries end to end: the real bot, started in-process with `build`, against the
//! fake Discord on loopback. Members, permissions and servers are whatever the interactions
//! say, exactly as Discord would send them.

mod editing;
mod hostile;
mod isolation;
mod permissions;
mod usage;

use std::path::PathBuf;
use std::time::Duration;

use dossier_bot::{
    build, prepare_store, ApiBase, BotError, Config, RetryPolicy, ShutdownHandle, Token,
};
use dossier_testkit::interactions::{DEFAULT_GUILD_ID, MEMBER_PERMISSIONS};
use dossier_testkit::{CommandOption, FakeConfig, FakeDiscord, InteractionBuilder, OptionValue};
use serde_json::Value;
use tokio::task::JoinHandle;

/// An upper bound for what takes milliseconds; only a broken bot reaches it.
const PATIENCE: Duration = Duration::from_secs(30);

/// The server most tests happen in, and another one.
const SERVER_A: u64 = DEFAULT_GUILD_ID;
const SERVER_B: u64 = 1_300_112_233_445_566_778;

/// A moderator with Manage Server, a second one, and an ordinary member.
const MANAGER: (u64, &str) = (880_000_000_000_000_001, "manager");
const SECOND_MANAGER: (u64, &str) = (880_000_000_000_000_002, "second.manager");
const MEMBER: (u64, &str) = (880_000_000_000_000_003, "member");

/// Discord's Manage Server permission bit.
const MANAGE_SERVER: u64 = 1 << 5;

/// An ordinary member's permissions plus Manage Server, as Discord sends them.
fn manager_permissions() -> String {
    let ordinary: u64 = MEMBER_PERMISSIONS
        .parse()
        .unwrap_or_else(|error| panic!("{error}"));
    (ordinary | MANAGE_SERVER).to_string()
}

/// `/term <subcommand>` with `options`, sent by the default user (an ordinary member) in the
/// default server unless the builder says otherwise.
fn term(subcommand: &str, options: Vec<CommandOption>) -> InteractionBuilder {
    InteractionBuilder::command("term").subcommand(subcommand, options)
}

fn text(name: &str, value: &str) -> CommandOption {
    CommandOption::string(name, value)
}

/// `/term add` by the manager.
fn add(name: &str, definition: &str) -> InteractionBuilder {
    as_manager(term(
        "add",
        vec![text("name", name), text("definition", definition)],
    ))
}

fn as_manager(interaction: InteractionBuilder) -> InteractionBuilder {
    interaction
        .user(MANAGER.0, MANAGER.1)
        .permissions(manager_permissions())
}

fn as_member(interaction: InteractionBuilder) -> InteractionBuilder {
    interaction.user(MEMBER.0, MEMBER.1)
}

/// `/define term:<name>`.
fn define(name: &str) -> InteractionBuilder {
    InteractionBuilder::command("define").string("term", name)
}

/// Autocomplete of `/define term` with `typed`.
fn define_suggestions(typed: &str) -> InteractionBuilder {
    InteractionBuilder::autocomplete("define").focused("term", typed)
}

/// Autocomplete of the `name` of `/term <subcommand>` with `typed`.
fn term_suggestions(subcommand: &str, typed: &str) -> InteractionBuilder {
    let focused = CommandOption::new(
        "name",
        OptionValue::Focused {
            type_code: 3,
            partial: typed.to_owned(),
        },
    );
    InteractionBuilder::autocomplete("term").subcommand(subcommand, vec![focused])
}

/// `/term config moderator-role`, with the role or without (to clear it).
fn set_moderator_role(role: Option<u64>) -> InteractionBuilder {
    let options = role
        .map(|role| vec![CommandOption::new("role", OptionValue::Role(role))])
        .unwrap_or_default();
    let leaf = CommandOption::new("moderator-role", OptionValue::SubCommand(options));
    InteractionBuilder::command("term").option(CommandOption::new(
        "config",
        OptionValue::SubCommandGroup(vec![leaf]),
    ))
}

/// What the bot answered to one interaction.
struct Reply {
    callback_type: Option<u64>,
    data: Value,
}

impl Reply {
    /// True when only the asker sees it.
    fn is_private(&self) -> bool {
        self.data["flags"].as_u64().unwrap_or(0) & 64 == 64
    }

    /// Every string in the reply (titles, descriptions, fields, footers, choices), joined by
    /// newlines, as a reader would see them before Markdown.
    fn text(&self) -> String {
        let mut strings = Vec::new();
        collect_strings(&self.data, &mut strings);
        strings.join("\n")
    }

    /// The embeds' titles.
    fn titles(&self) -> Vec<String> {
        self.embeds()
            .iter()
            .map(|embed| embed["title"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    fn embeds(&self) -> Vec<Value> {
        self.data["embeds"].as_array().cloned().unwrap_or_default()
    }

    /// The autocomplete choices as (shown, value).
    fn choices(&self) -> Vec<(String, String)> {
        assert_eq!(self.callback_type, Some(8), "an autocomplete answer");
        self.data["choices"]
            .as_array()
            .map(|choices| {
                choices
                    .iter()
                    .map(|choice| {
                        (
                            choice["name"].as_str().unwrap_or_default().to_owned(),
                            choice["value"].as_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts the reply is a message that pings no one: `allowed_mentions` parses nothing.
    fn assert_silent(&self) {
        assert_eq!(self.callback_type, Some(4), "a message: {}", self.data);
        assert_eq!(
            self.data["allowed_mentions"]["parse"],
            serde_json::json!([]),
            "{}",
            self.data
        );
        assert!(dossier_testkit::mentions::interaction_message_pings(&self.data).is_silent());
    }
}

fn collect_strings(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::String(text) => into.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, into)),
        Value::Object(fields) => fields.values().for_each(|item| collect_strings(item, into)),
        _ => {}
    }
}

/// A database file in a folder of its own, removed when dropped.
struct DatabaseFile {
    folder: PathBuf,
}

impl DatabaseFile {
    fn new(label: &str) -> Self {
        let unique = format!(
            "dossier-server-glossary-{label}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_nanos())
        );
        let folder = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&folder).unwrap_or_else(|error| panic!("{error}"));
        Self { folder }
    }

    fn url(&self) -> String {
        format!("sqlite://{}", self.folder.join("dossier.db").display())
    }
}

impl Drop for DatabaseFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The fake Discord and the real bot answering through it.
struct Running {
    fake: FakeDiscord,
    config: Config,
    stop: ShutdownHandle,
    task: JoinHandle<Result<(), BotError>>,
}

impl Running {
    /// A fresh fake and a bot on an in-memory database.
    async fn start() -> Self {
        Self::start_on("sqlite::memory:").await
    }

    /// A fresh fake and a bot on the database at `database_url`.
    async fn start_on(database_url: &str) -> Self {
        Self::start_configured(database_url, |_| {}).await
    }

    /// [`Running::start_on`], with `configure` changing the configuration last.
    async fn start_configured(database_url: &str, configure: impl FnOnce(&mut Config)) -> Self {
        dossier_testkit::loopback::isolate_from_proxies();
        let fake = FakeDiscord::start(FakeConfig::default())
            .await
            .unwrap_or_else(|error| panic!("the fake starts: {error}"));
        let mut config = Config::new(Token::new(fake.token()).unwrap_or_else(|e| panic!("{e}")));
        config.api_base =
            Some(ApiBase::new(&fake.api_base()).unwrap_or_else(|error| panic!("{error}")));
        config.database_url = database_url.to_owned();
        config.heavy_command_cooldown = Duration::ZERO;
        config.registration_retry = RetryPolicy {
            attempts: 2,
            first_delay: Duration::from_millis(50),
        };
        configure(&mut config);
        let (stop, task) = launch(&fake, &config).await;
        Self {
            fake,
            config,
            stop,
            task,
        }
    }

    /// Dispatches `interaction` and returns the bot's answer, which Discord must accept.
    async fn ask(&self, interaction: InteractionBuilder) -> Reply {
        let handle = self.fake.send_interaction(interaction);
        let callback = self
            .fake
            .wait_callback(&handle, PATIENCE)
            .await
            .unwrap_or_else(|error| panic!("no callback: {error}"));
        assert_eq!(callback.status, 204, "refused: {:?}", callback.body);
        Reply {
            callback_type: callback.callback_type(),
            data: callback.callback_data().cloned().unwrap_or_default(),
        }
    }

    /// Stops the bot, which must end cleanly.
    async fn stop(self) {
        self.stop.shutdown().await;
        let outcome = tokio::time::timeout(PATIENCE, self.task)
            .await
            .unwrap_or_else(|_| panic!("the bot did not stop"));
        assert!(matches!(outcome, Ok(Ok(()))), "{outcome:?}");
    }

    /// Stops the bot, then starts a new one (as after a deploy) on the same configuration,
    /// against a new fake Discord.
    async fn restart(self) -> Self {
        let database_url = self.config.database_url.clone();
        self.stop().await;
        Self::start_on(&database_url).await
    }
}

/// Builds the bot as `main` does and runs it past READY and registration.
async fn launch(
    fake: &FakeDiscord,
    config: &Config,
) -> (ShutdownHandle, JoinHandle<Result<(), BotError>>) {
    let (store, _) = prepare_store(config)
        .await
        .unwrap_or_else(|error| panic!("the store opens: {error}"));
    let bot = build(config, store)
        .await
        .unwrap_or_else(|error| panic!("the bot builds: {error}"));
    let stop = bot.shutdown_handle();
    let task = tokio::spawn(bot.run());
    fake.wait_ready(PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("READY: {error}"));
    fake.wait_commands_registered(PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("registration: {error}"));
    (stop, task)
}
