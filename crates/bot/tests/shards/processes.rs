//! One `dossier-bot` process of the deployment: the built binary started in a folder of its own
//! with only the variables given, its output kept in files, stopped with SIGTERM or killed with
//! SIGKILL. A process still running when its handle is dropped is killed, so a failing test
//! leaves nothing behind.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Far longer than a process takes to start or stop; only a hung one reaches it.
const EXIT_PATIENCE: Duration = Duration::from_secs(120);

/// A running (or finished) `dossier-bot` process.
pub(crate) struct BotProcess {
    name: String,
    child: Option<Child>,
    stderr_path: PathBuf,
}

impl BotProcess {
    /// Starts `dossier-bot <arguments>` named `name` in `folder` (so no `.env` is found) with
    /// exactly `variables` set.
    pub(crate) fn start(
        name: &str,
        folder: &Path,
        variables: &[(&'static str, String)],
        arguments: &[&str],
    ) -> Self {
        let stdout_path = folder.join(format!("{name}.stdout.txt"));
        let stderr_path = folder.join(format!("{name}.stderr.txt"));
        let create =
            |path: &Path| std::fs::File::create(path).unwrap_or_else(|error| panic!("{error}"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_dossier-bot"));
        command
            .args(arguments)
            .current_dir(folder)
            .env_clear()
            .envs(variables.iter().map(|(name, value)| (name, value)))
            .stdin(Stdio::null())
            .stdout(create(&stdout_path))
            .stderr(create(&stderr_path));
        let child = command
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start {name}: {error}"));
        Self {
            name: name.to_owned(),
            child: Some(child),
            stderr_path,
        }
    }

    /// What the process has logged so far, for failure messages.
    pub(crate) fn log(&self) -> String {
        let log = std::fs::read_to_string(&self.stderr_path).unwrap_or_default();
        format!("--- {} ---\n{log}", self.name)
    }

    /// Kills the process with SIGKILL, as a crash or an out-of-memory kill would, and reaps it.
    pub(crate) fn kill(&mut self) -> ExitStatus {
        let mut child = self.take_child();
        child
            .kill()
            .unwrap_or_else(|error| panic!("cannot kill {}: {error}", self.name));
        child
            .wait()
            .unwrap_or_else(|error| panic!("cannot reap {}: {error}", self.name))
    }

    /// Sends SIGTERM, as a deploy does, and waits (on a blocking thread, so the fake keeps
    /// serving) until the process exits.
    pub(crate) async fn terminate(mut self) -> ExitStatus {
        let child = self.take_child();
        let signalled = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap_or_else(|error| panic!("cannot run kill: {error}"));
        assert!(signalled.success(), "SIGTERM reached {}", self.name);
        wait_for_exit(child, self.name.clone()).await
    }

    fn take_child(&mut self) -> Child {
        self.child
            .take()
            .unwrap_or_else(|| panic!("{} was already stopped", self.name))
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs `dossier-bot <arguments>` to its end (e.g. `register`) and returns its exit status and
/// log.
pub(crate) async fn run_to_end(
    name: &str,
    folder: &Path,
    variables: &[(&'static str, String)],
    arguments: &[&str],
) -> (ExitStatus, String) {
    let mut process = BotProcess::start(name, folder, variables, arguments);
    let child = process.take_child();
    let status = wait_for_exit(child, name.to_owned()).await;
    (status, process.log())
}

/// Waits on a blocking thread (so the fake keeps serving) until `child` exits.
async fn wait_for_exit(mut child: Child, name: String) -> ExitStatus {
    tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + EXIT_PATIENCE;
        loop {
            if let Some(status) = child.try_wait().unwrap_or_else(|error| panic!("{error}")) {
                return status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("{name} did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    })
    .await
    .unwrap_or_else(|error| panic!("{error}"))
}
