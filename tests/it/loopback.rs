//! The whole run stays on 127.0.0.1: the gateway URL comes from the fake, every request is one
//! the fake serves, no socket of the process reaches another host, and a base whose `/gateway`
//! fails stops the bot instead of letting serenity fall back to Discord.

use dossier_bot::{ApiBase, BotError};
use dossier_testkit::{loopback, FakeConfig, GatewayRecordKind, InteractionBuilder, RouteKind};

use crate::answers::assert_message_answer;
use crate::harness::{build_bot, config_for, start_fake, Running};

/// The remote addresses of this process's TCP and UDP sockets that are not loopback or unset,
/// read from `/proc` (Linux).
fn sockets_leaving_the_machine() -> Vec<String> {
    let inodes: Vec<String> = std::fs::read_dir("/proc/self/fd")
        .unwrap_or_else(|error| panic!("/proc/self/fd: {error}"))
        .filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
        .filter_map(|target| {
            let target = target.to_string_lossy().into_owned();
            let inode = target.strip_prefix("socket:[")?.strip_suffix(']')?;
            Some(inode.to_owned())
        })
        .collect();
    let mut leaving = Vec::new();
    for table in ["tcp", "tcp6", "udp", "udp6"] {
        let path = format!("/proc/self/net/{table}");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let columns: Vec<&str> = line.split_whitespace().collect();
            let (Some(remote), Some(inode)) = (columns.get(2), columns.get(9)) else {
                continue;
            };
            if !inodes.iter().any(|ours| ours == inode) {
                continue;
            }
            let address = remote.split(':').next().unwrap_or("");
            if !is_loopback_or_unset(address) {
                leaving.push(format!("{table} {remote} (inode {inode})"));
            }
        }
    }
    leaving
}

/// For an address as `/proc/net` writes it (hex, host byte order per 32-bit word).
fn is_loopback_or_unset(hex: &str) -> bool {
    let unset = hex.chars().all(|digit| digit == '0');
    let ipv4_loopback = hex.len() == 8 && hex.ends_with("7F");
    let ipv6_loopback = hex == "00000000000000000000000001000000";
    let mapped_loopback =
        hex.len() == 32 && hex.starts_with("0000000000000000FFFF0000") && hex.ends_with("7F");
    unset || ipv4_loopback || ipv6_loopback || mapped_loopback
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_run_stays_on_loopback() {
    let running = Running::start().await;
    let fake = &running.fake;
    assert_eq!(loopback::ensure_loopback(&fake.api_base()), Ok(()));
    for question in [
        InteractionBuilder::command("ping"),
        InteractionBuilder::command("define").string("term", "KCNA"),
        InteractionBuilder::command("timeline"),
        InteractionBuilder::autocomplete("event").focused("id", "kursk"),
    ] {
        let answer = running.answer(question).await;
        assert_eq!(answer.callback.status, 204);
    }
    let answer = running.answer(InteractionBuilder::command("about")).await;
    assert_message_answer("/about", &answer);
    let leaving = sockets_leaving_the_machine();
    assert!(leaving.is_empty(), "sockets to other hosts: {leaving:?}");
    for recorded in fake.requests() {
        assert!(
            recorded.path.starts_with("/api/v10/"),
            "{} {}",
            recorded.method,
            recorded.path
        );
        assert_ne!(recorded.route, RouteKind::Unknown, "{}", recorded.path);
    }
    let connections = fake
        .gateway_records()
        .iter()
        .filter(|record| record.kind == GatewayRecordKind::Connected)
        .count();
    assert_eq!(
        connections, 1,
        "the bot's only gateway connection was to the fake"
    );
    running.stop().await;
}

#[test]
fn the_socket_check_recognises_loopback_and_other_hosts() {
    assert!(is_loopback_or_unset("0100007F"));
    assert!(is_loopback_or_unset("00000000"));
    assert!(is_loopback_or_unset("00000000000000000000000001000000"));
    assert!(is_loopback_or_unset("0000000000000000FFFF00000100007F"));
    // 162.159.135.232 (a Discord address) and 10.0.0.7.
    assert!(!is_loopback_or_unset("E8879FA2"));
    assert!(!is_loopback_or_unset("0700000A"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_base_whose_gateway_fails_makes_build_fail_instead_of_falling_back_to_discord() {
    for status in [502, 404, 500] {
        let fake = start_fake(FakeConfig::default()).await;
        fake.fail_requests(|route| matches!(route, RouteKind::Gateway), status);
        let config = config_for(&fake, fake.token());
        let error = build_bot(&config)
            .await
            .err()
            .unwrap_or_else(|| panic!("a bot was built although /gateway answered {status}"));
        assert!(
            matches!(error, BotError::GatewayUnavailable { .. }),
            "{status}: {error}"
        );
        let line = error.to_string();
        assert!(
            line.contains(&format!("{}/api/v10/gateway", fake.api_base())),
            "{line}"
        );
        assert!(!line.contains("discord.gg"), "{line}");
        assert_eq!(error.exit_code(), 1);
        let connected = fake
            .gateway_records()
            .iter()
            .any(|record| record.kind == GatewayRecordKind::Connected);
        assert!(!connected);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_base_that_hangs_up_makes_build_fail() {
    loopback::isolate_from_proxies();
    // Accepts every connection and closes it at once, answering nothing.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("{error}"))
        .port();
    let hang_up = tokio::spawn(async move {
        while let Ok((connection, _)) = listener.accept().await {
            drop(connection);
        }
    });
    let base = format!("http://127.0.0.1:{port}");
    let fake = start_fake(FakeConfig::default()).await;
    let mut config = config_for(&fake, fake.token());
    config.api_base = Some(ApiBase::new(&base).unwrap_or_else(|error| panic!("{error}")));
    let error = build_bot(&config)
        .await
        .err()
        .unwrap_or_else(|| panic!("a bot was built against a base that answers nothing"));
    hang_up.abort();
    assert!(
        matches!(error, BotError::GatewayUnavailable { .. }),
        "{error}"
    );
    assert!(error.to_string().contains(&base), "{error}");
    assert!(fake.requests().is_empty(), "the fake was never the base");
}
