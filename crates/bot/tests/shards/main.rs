//! Several real `dossier-bot` processes splitting Discord's gateway: four shards, process A
//! with `--shards 0-1` and process B with `--shards 2-3`, one database shared by both
//! (PostgreSQL when `DOSSIER_TEST_POSTGRES_URL` is set, else an SQLite file), against the fake
//! Discord, which routes each server's interactions to the shard `(guild_id >> 22) % 4`.
//! Commands are registered once, by `dossier-bot register`, never by the serving processes.

mod database;
mod handover;
mod kill;
mod processes;

use std::time::Duration;

use dossier_testkit::interactions::MEMBER_PERMISSIONS;
use dossier_testkit::{
    loopback, Delivery, FakeConfig, FakeDiscord, InteractionBuilder, InteractionHandle, RouteKind,
    ShardId,
};
use serde_json::Value;
use tempfile::TempDir;

use crate::database::SharedDatabase;
use crate::processes::{run_to_end, BotProcess};

/// An upper bound for a process to start and connect, or for an answer; only a broken
/// deployment reaches it.
const PATIENCE: Duration = Duration::from_secs(120);

/// Shards across every process.
const TOTAL_SHARDS: u32 = 4;
/// The servers per shard the bot is in.
const SERVERS_PER_SHARD: u64 = 3;

/// Discord's Manage Server permission bit, which `/term add` requires.
const MANAGE_SERVER: u64 = 1 << 5;
/// A moderator of every server.
const MODERATOR: (u64, &str) = (880_000_000_000_000_101, "moderator");

/// Shard `id` of the four.
fn shard(id: u32) -> ShardId {
    ShardId::new(id, TOTAL_SHARDS)
}

/// The shards process A (and later C) connects, and those process B connects.
fn first_half() -> [ShardId; 2] {
    [shard(0), shard(1)]
}

fn second_half() -> [ShardId; 2] {
    [shard(2), shard(3)]
}

/// The `index`th server that lives on `shard`.
fn server_on(shard: ShardId, index: u64) -> u64 {
    assert!(
        index < SERVERS_PER_SHARD,
        "the bot is in {SERVERS_PER_SHARD} per shard"
    );
    shard.guild(index)
}

/// `/define term:<name>` in `server`.
fn define_in(server: u64, name: &str) -> InteractionBuilder {
    InteractionBuilder::command("define")
        .string("term", name)
        .guild(server)
}

/// `/term add` of `name` with `definition` in `server`, by a member with Manage Server.
fn add_term_in(server: u64, name: &str, definition: &str) -> InteractionBuilder {
    let ordinary: u64 = MEMBER_PERMISSIONS
        .parse()
        .unwrap_or_else(|error| panic!("{error}"));
    let options = vec![
        dossier_testkit::CommandOption::string("name", name),
        dossier_testkit::CommandOption::string("definition", definition),
    ];
    InteractionBuilder::command("term")
        .subcommand("add", options)
        .guild(server)
        .user(MODERATOR.0, MODERATOR.1)
        .permissions((ordinary | MANAGE_SERVER).to_string())
}

/// Every string of a reply, joined by newlines, as a reader would see them before Markdown.
fn reply_text(data: &Value) -> String {
    fn collect(value: &Value, into: &mut Vec<String>) {
        match value {
            Value::String(text) => into.push(text.clone()),
            Value::Array(items) => items.iter().for_each(|item| collect(item, into)),
            Value::Object(fields) => fields.values().for_each(|item| collect(item, into)),
            _ => {}
        }
    }
    let mut strings = Vec::new();
    collect(data, &mut strings);
    strings.join("\n")
}

/// The fake Discord, the shared database and the processes' folder, with commands registered.
struct Deployment {
    fake: FakeDiscord,
    database: SharedDatabase,
    folder: TempDir,
}

impl Deployment {
    /// Starts the fake (the bot is in [`SERVERS_PER_SHARD`] servers on each shard), prepares the
    /// database once, and registers the commands once with `dossier-bot register`.
    async fn start() -> Self {
        loopback::isolate_from_proxies();
        let servers = (0..TOTAL_SHARDS)
            .flat_map(|id| (0..SERVERS_PER_SHARD).map(move |index| server_on(shard(id), index)))
            .collect();
        let config = FakeConfig {
            guilds: servers,
            shards: TOTAL_SHARDS,
            ..FakeConfig::default()
        };
        let fake = FakeDiscord::start(config)
            .await
            .unwrap_or_else(|error| panic!("the fake starts: {error}"));
        let database = SharedDatabase::create(fake.token()).await;
        let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let deployment = Self {
            fake,
            database,
            folder,
        };
        let (status, log) = run_to_end(
            "register",
            deployment.folder.path(),
            &deployment.variables(),
            &["register"],
        )
        .await;
        assert!(
            status.success(),
            "dossier-bot register failed: {status}\n{log}"
        );
        assert_eq!(deployment.registrations(), 1, "register ran once");
        deployment
    }

    /// What every process gets: the fake's token and base, the shared database.
    fn variables(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DISCORD_TOKEN", self.fake.token().to_owned()),
            ("DISCORD_API_BASE", self.fake.api_base()),
            ("DATABASE_URL", self.database.url().to_owned()),
            ("RUST_LOG", "info".to_owned()),
            ("NO_PROXY", "127.0.0.1,localhost".to_owned()),
        ]
    }

    /// How many times the global commands were overwritten.
    fn registrations(&self) -> usize {
        self.fake
            .requests()
            .iter()
            .filter(|recorded| {
                recorded.method == "PUT"
                    && recorded.status == 200
                    && recorded.route == RouteKind::GlobalCommands
            })
            .count()
    }

    /// Starts `dossier-bot --shards <first>-<last> --total-shards 4` as `name` and waits until
    /// its shards are connected alongside `already` (the shards other processes hold).
    async fn start_process(
        &self,
        name: &str,
        shards: [ShardId; 2],
        already: &[ShardId],
    ) -> ShardProcess {
        let range = format!("{}-{}", shards[0].id, shards[1].id);
        let total = TOTAL_SHARDS.to_string();
        let arguments = ["--shards", range.as_str(), "--total-shards", total.as_str()];
        let process = BotProcess::start(name, self.folder.path(), &self.variables(), &arguments);
        let mut expected = already.to_vec();
        expected.extend(shards);
        if let Err(error) = self.fake.wait_for_shards(&expected, PATIENCE).await {
            panic!(
                "{name} did not connect shards {range} on {}: {error}\n{}",
                self.database.engine(),
                process.log()
            );
        }
        let connections = shards
            .iter()
            .map(|shard| {
                self.fake
                    .connection_of_shard(*shard)
                    .unwrap_or_else(|| panic!("{shard} is connected"))
            })
            .collect();
        ShardProcess {
            process,
            shards,
            connections,
        }
    }

    /// Waits for the answer to `handle`, which Discord must accept; its callback data.
    async fn answer(&self, handle: &InteractionHandle, processes: &[&ShardProcess]) -> Value {
        let callback = match self.fake.wait_callback(handle, PATIENCE).await {
            Ok(callback) => callback,
            Err(error) => panic!("no answer: {error}\n{}", logs(processes)),
        };
        assert_eq!(callback.status, 204, "refused: {:?}", callback.body);
        assert_eq!(self.fake.callbacks_for(handle).len(), 1, "answered once");
        callback.callback_data().cloned().unwrap_or_default()
    }

    /// Which process's connection `handle` went over, checking it went to the shard that owns
    /// its server.
    fn delivered_by<'a>(
        &self,
        handle: &InteractionHandle,
        processes: &[&'a ShardProcess],
    ) -> &'a ShardProcess {
        let Some(Delivery::Delivered { shard, connection }) = self.fake.delivery(handle) else {
            panic!("not delivered: {:?}", self.fake.delivery(handle));
        };
        let server = handle.json["guild_id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("a server interaction"));
        assert_eq!(
            shard,
            ShardId::of_guild(server, TOTAL_SHARDS),
            "routed by server"
        );
        processes
            .iter()
            .find(|process| process.connections.contains(&connection))
            .copied()
            .unwrap_or_else(|| panic!("connection {connection} ({shard}) belongs to no process"))
    }
}

/// A bot process with the shards it connected and the fake's numbers for their connections.
struct ShardProcess {
    process: BotProcess,
    shards: [ShardId; 2],
    connections: Vec<u64>,
}

impl ShardProcess {
    fn owns(&self, server: u64) -> bool {
        self.shards
            .contains(&ShardId::of_guild(server, TOTAL_SHARDS))
    }
}

/// The logs of these processes, for failure messages.
fn logs(processes: &[&ShardProcess]) -> String {
    processes
        .iter()
        .map(|process| process.process.log())
        .collect::<Vec<_>>()
        .join("\n")
}
