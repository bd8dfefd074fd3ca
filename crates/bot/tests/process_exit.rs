//! The built `dossier-bot` binary against the fake Discord: a rejected or missing token ends the
//! process with exit code 2 and one clear line on stderr that never shows the token; bad shard
//! settings end it with exit code 1 before anything is contacted; a shard range connects its
//! shard and leaves command registration to `dossier-bot register`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dossier_testkit::{
    loopback, FakeConfig, FakeDiscord, GatewayRecordKind, InteractionBuilder, Mark, RouteKind,
};

/// Far longer than a start-up that fails takes; only a hung process reaches it.
const PATIENCE: Duration = Duration::from_secs(60);

/// A token the fake does not know, shaped so a leak is easy to spot.
const WRONG_TOKEN: &str = "wrong-token-3f9d0c7e51";

/// A private folder under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.subsec_nanos());
        let name = format!(
            "dossier-bot-exit-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path).unwrap_or_else(|error| panic!("{error}"));
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// How the process ended and what it wrote.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// The binary, started in `scratch` (so no `.env` is found) with only `variables` set, its
/// output going to files there.
struct Started {
    child: Child,
    stdout_path: PathBuf,
    stderr_path: PathBuf,
}

fn start_bot(scratch: &Scratch, variables: &[(&str, String)]) -> Started {
    start_bot_with_args(scratch, &[], variables)
}

/// [`start_bot`] with these command-line arguments.
fn start_bot_with_args(scratch: &Scratch, args: &[&str], variables: &[(&str, String)]) -> Started {
    let folder = scratch.path().to_path_buf();
    let stdout_path = folder.join("stdout.txt");
    let stderr_path = folder.join("stderr.txt");
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier-bot"));
    command.current_dir(&folder).env_clear().args(args);
    for (name, value) in variables {
        command.env(name, value);
    }
    let open = |path: &Path| std::fs::File::create(path).unwrap_or_else(|error| panic!("{error}"));
    command
        .stdin(Stdio::null())
        .stdout(open(&stdout_path))
        .stderr(open(&stderr_path));
    let child = command.spawn().unwrap_or_else(|error| panic!("{error}"));
    Started {
        child,
        stdout_path,
        stderr_path,
    }
}

/// Waits on a blocking thread (so the fake keeps serving) until the process exits.
async fn wait_for_exit(started: Started) -> Finished {
    let Started {
        mut child,
        stdout_path,
        stderr_path,
    } = started;
    let status = tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = child.try_wait().unwrap_or_else(|error| panic!("{error}")) {
                return status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("dossier-bot did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    })
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    let read =
        |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{error}"));
    Finished {
        status,
        stdout: read(&stdout_path),
        stderr: read(&stderr_path),
    }
}

/// Runs the binary to its end.
async fn run_bot(scratch: &Scratch, variables: &[(&str, String)]) -> Finished {
    wait_for_exit(start_bot(scratch, variables)).await
}

/// The variables pointing the binary at `fake` with `token` and a database in `scratch`.
fn variables_for(
    fake: &FakeDiscord,
    scratch: &Scratch,
    token: &str,
    log: &str,
) -> Vec<(&'static str, String)> {
    let database = scratch.path().join("dossier.db");
    vec![
        ("DISCORD_TOKEN", token.to_owned()),
        ("DISCORD_API_BASE", fake.api_base()),
        ("DATABASE_URL", format!("sqlite://{}", database.display())),
        ("RUST_LOG", log.to_owned()),
        ("NO_PROXY", "127.0.0.1,localhost".to_owned()),
    ]
}

async fn start_fake(config: FakeConfig) -> FakeDiscord {
    loopback::isolate_from_proxies();
    FakeDiscord::start(config)
        .await
        .unwrap_or_else(|error| panic!("the fake starts: {error}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_exits_with_code_two_and_one_clear_line() {
    let fake = start_fake(FakeConfig::default()).await;
    let scratch = Scratch::new();
    let finished = run_bot(
        &scratch,
        &variables_for(&fake, &scratch, WRONG_TOKEN, "off"),
    )
    .await;
    assert_eq!(
        finished.status.code(),
        Some(2),
        "stderr: {}",
        finished.stderr
    );
    assert_eq!(finished.stdout, "", "nothing on stdout");
    let lines: Vec<&str> = finished.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {:?}", finished.stderr);
    assert!(lines[0].starts_with("dossier-bot: "), "{}", lines[0]);
    assert!(
        lines[0].contains("DISCORD_TOKEN"),
        "says what to fix: {}",
        lines[0]
    );
    assert!(!finished.stderr.contains(WRONG_TOKEN));
    let refused = fake.unauthorized_requests();
    assert!(!refused.is_empty(), "the fake refused the token");
    assert!(fake.unknown_requests().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_never_shows_even_in_debug_logs() {
    let fake = start_fake(FakeConfig::default()).await;
    let scratch = Scratch::new();
    let finished = run_bot(
        &scratch,
        &variables_for(&fake, &scratch, WRONG_TOKEN, "debug"),
    )
    .await;
    assert_eq!(
        finished.status.code(),
        Some(2),
        "stderr: {}",
        finished.stderr
    );
    assert!(
        !finished.stdout.contains(WRONG_TOKEN),
        "the token leaked to stdout"
    );
    assert!(
        !finished.stderr.contains(WRONG_TOKEN),
        "the token leaked to stderr"
    );
    let last = finished.stderr.lines().last().unwrap_or("");
    assert!(
        last.starts_with("dossier-bot: ") && last.contains("DISCORD_TOKEN"),
        "the last line says what went wrong: {last}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_token_exits_with_code_two_and_says_where_to_put_it() {
    let scratch = Scratch::new();
    let database = scratch.path().join("dossier.db");
    let finished = run_bot(
        &scratch,
        &[("DATABASE_URL", format!("sqlite://{}", database.display()))],
    )
    .await;
    assert_eq!(
        finished.status.code(),
        Some(2),
        "stderr: {}",
        finished.stderr
    );
    assert_eq!(finished.stdout, "");
    let lines: Vec<&str> = finished.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {:?}", finished.stderr);
    assert!(
        lines[0].contains("DISCORD_TOKEN is not set"),
        "{}",
        lines[0]
    );
    assert!(!database.exists(), "nothing is set up without a token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_base_without_a_gateway_exits_with_code_one_instead_of_reaching_discord() {
    let fake = start_fake(FakeConfig::default()).await;
    fake.fail_requests(|route| matches!(route, RouteKind::Gateway), 502);
    let scratch = Scratch::new();
    let token = fake.token().to_owned();
    let finished = run_bot(&scratch, &variables_for(&fake, &scratch, &token, "off")).await;
    assert_eq!(
        finished.status.code(),
        Some(1),
        "stderr: {}",
        finished.stderr
    );
    let lines: Vec<&str> = finished.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {:?}", finished.stderr);
    assert!(
        lines[0].contains(&fake.api_base()),
        "names the base: {}",
        lines[0]
    );
    assert!(!finished.stderr.contains(&token));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_answers_from_the_environment_and_stops_cleanly_on_sigterm() {
    let fake = start_fake(FakeConfig::default()).await;
    let scratch = Scratch::new();
    let token = fake.token().to_owned();
    let started = start_bot(&scratch, &variables_for(&fake, &scratch, &token, "info"));
    let pid = started.child.id();
    let registered = fake.wait_commands_registered(PATIENCE).await;
    if let Err(error) = registered {
        let finished = wait_for_exit_after_kill(started).await;
        panic!("no registration: {error}; stderr: {}", finished.stderr);
    }
    let define =
        fake.send_interaction(InteractionBuilder::command("define").string("term", "KCNA"));
    let callback = fake
        .wait_callback(&define, PATIENCE)
        .await
        .unwrap_or_else(|error| panic!("the binary did not answer: {error}"));
    assert_eq!(callback.status, 204);
    assert!(callback
        .callback_data()
        .is_some_and(|data| data.to_string().contains("Korean Central News Agency")));
    let signalled = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap_or_else(|error| panic!("cannot run kill: {error}"));
    assert!(signalled.success());
    let finished = wait_for_exit(started).await;
    assert_eq!(
        finished.status.code(),
        Some(0),
        "stderr: {}",
        finished.stderr
    );
    assert!(
        !finished.stderr.contains(&token),
        "the token leaked to the log"
    );
    assert!(!finished.stdout.contains(&token));
    assert!(fake.unknown_requests().is_empty());
    assert!(
        scratch.path().join("dossier.db").exists(),
        "DATABASE_URL was used"
    );
}

/// Kills a process that did not get as far as expected, and collects what it wrote.
async fn wait_for_exit_after_kill(mut started: Started) -> Finished {
    let _ = started.child.kill();
    wait_for_exit(started).await
}

/// Arguments and extra variables the binary must refuse, the setting its one line must name,
/// and a phrase that line must hold.
type BadShards<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str, &'a str);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_shard_settings_exit_with_code_one_naming_the_setting_before_contacting_anything() {
    let fake = start_fake(FakeConfig::default()).await;
    let token = fake.token().to_owned();
    let cases: [BadShards<'_>; 11] = [
        (&["--shards", "0-1"], &[], "--shards", "--total-shards"),
        (
            &[],
            &[("DOSSIER_TOTAL_SHARDS", "4")],
            "DOSSIER_TOTAL_SHARDS",
            "DOSSIER_SHARDS",
        ),
        (
            &["--shards", "0", "--total-shards", "0"],
            &[],
            "--total-shards",
            "at least one",
        ),
        (
            &["--shards", "2-4", "--total-shards", "4"],
            &[],
            "--shards",
            "shards are numbered 0 to total-1",
        ),
        (
            &[],
            &[("DOSSIER_SHARDS", "4"), ("DOSSIER_TOTAL_SHARDS", "4")],
            "DOSSIER_SHARDS",
            "shards are numbered 0 to total-1",
        ),
        (
            &["--shards", "3-1", "--total-shards", "4"],
            &[],
            "--shards",
            "e.g. 0-1",
        ),
        (
            &["--shards", "0..1", "--total-shards", "4"],
            &[],
            "--shards",
            "e.g. 2 or 0-1",
        ),
        (
            &["--shards", "0", "--total-shards", "four"],
            &[],
            "--total-shards",
            "e.g. 4",
        ),
        (
            &["--mode", "http", "--shards", "0", "--total-shards", "2"],
            &[],
            "--shards",
            "HTTP mode",
        ),
        (
            &["register", "--shards", "0-1", "--total-shards", "2"],
            &[],
            "--shards",
            "register",
        ),
        (
            &["--shards", "0-1"],
            &[("DOSSIER_MODE", "register"), ("DOSSIER_TOTAL_SHARDS", "2")],
            "--shards",
            "register",
        ),
    ];
    for (args, extra, named, phrase) in cases {
        let scratch = Scratch::new();
        let mut variables = variables_for(&fake, &scratch, &token, "info");
        variables.extend(
            extra
                .iter()
                .map(|(name, value)| (*name, (*value).to_owned())),
        );
        let finished = wait_for_exit(start_bot_with_args(&scratch, args, &variables)).await;
        let case = format!("{args:?} {extra:?}");
        assert_eq!(
            finished.status.code(),
            Some(1),
            "{case}: stderr: {}",
            finished.stderr
        );
        assert_eq!(finished.stdout, "", "{case}: nothing on stdout");
        let lines: Vec<&str> = finished.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{case}: one line: {:?}", finished.stderr);
        assert!(
            lines[0].starts_with(&format!("dossier-bot: {named} is not valid: ")),
            "{case}: names {named}: {}",
            lines[0]
        );
        assert!(
            lines[0].contains(phrase),
            "{case}: says {phrase:?}: {}",
            lines[0]
        );
        assert!(
            !finished.stderr.contains(&token),
            "{case}: the token leaked"
        );
        assert!(
            !scratch.path().join("dossier.db").exists(),
            "{case}: refused before touching the database"
        );
    }
    assert!(fake.requests().is_empty(), "no REST call was made");
    assert!(
        fake.gateway_records().is_empty(),
        "no gateway connection was made"
    );
}

/// A guild whose events Discord sends to shard 1 of 2: `(id >> 22) % 2 == 1`.
const GUILD_ON_SHARD_ONE_OF_TWO: u64 = 1_219_372_840_231_850_024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_range_identifies_as_its_shard_answers_and_registers_nothing() {
    assert_eq!((GUILD_ON_SHARD_ONE_OF_TWO >> 22) % 2, 1);
    let fake = start_fake(FakeConfig::default()).await;
    let scratch = Scratch::new();
    let token = fake.token().to_owned();
    let mut variables = variables_for(&fake, &scratch, &token, "info");
    // Plain log text, so fields read `first=1` rather than between colour codes.
    variables.push(("NO_COLOR", "1".to_owned()));
    let started = start_bot_with_args(
        &scratch,
        &["--shards", "1", "--total-shards", "2"],
        &variables,
    );
    let pid = started.child.id();
    let identify = match fake.wait_identify(Mark::beginning(), PATIENCE).await {
        Ok(identify) => identify,
        Err(error) => {
            let finished = wait_for_exit_after_kill(started).await;
            panic!("no IDENTIFY: {error}; stderr: {}", finished.stderr);
        }
    };
    let GatewayRecordKind::Frame { payload, .. } = &identify.kind else {
        panic!("IDENTIFY is a frame: {identify:?}");
    };
    assert_eq!(
        payload["d"]["shard"],
        serde_json::json!([1, 2]),
        "{payload}"
    );
    // poise hands commands their data only once its READY setup has finished, so by the time
    // this is answered, any registration at READY would already have been sent.
    let define = fake.send_interaction(
        InteractionBuilder::command("define")
            .string("term", "KCNA")
            .guild(GUILD_ON_SHARD_ONE_OF_TWO),
    );
    let callback = match fake.wait_callback(&define, PATIENCE).await {
        Ok(callback) => callback,
        Err(error) => {
            let finished = wait_for_exit_after_kill(started).await;
            panic!(
                "the sharded bot did not answer: {error}; stderr: {}",
                finished.stderr
            );
        }
    };
    assert_eq!(callback.status, 204);
    assert!(callback
        .callback_data()
        .is_some_and(|data| data.to_string().contains("Korean Central News Agency")));
    let registrations: Vec<String> = fake
        .requests()
        .iter()
        .filter(|recorded| {
            matches!(
                recorded.route,
                RouteKind::GlobalCommands | RouteKind::GuildCommands { .. }
            )
        })
        .map(|recorded| format!("{} {}", recorded.method, recorded.path))
        .collect();
    assert!(
        registrations.is_empty(),
        "a process with a shard range registered commands: {registrations:?}"
    );
    let signalled = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap_or_else(|error| panic!("cannot run kill: {error}"));
    assert!(signalled.success());
    let finished = wait_for_exit(started).await;
    assert_eq!(
        finished.status.code(),
        Some(0),
        "stderr: {}",
        finished.stderr
    );
    let log = &finished.stderr;
    assert!(
        log.lines().any(|line| line.contains("first=1")
            && line.contains("last=1")
            && line.contains("total=2")),
        "the range is logged at start: {log}"
    );
    assert_eq!(
        log.matches("`dossier-bot register` registers them").count(),
        1,
        "says once where registration happens: {log}"
    );
    assert!(!log.contains(&token), "the token leaked to the log");
    assert!(fake.unknown_requests().is_empty());
}
