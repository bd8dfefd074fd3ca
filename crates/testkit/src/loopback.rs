//! Guards that keep a test on 127.0.0.1: URL checks and proxy-variable isolation.

use std::net::IpAddr;

/// A URL that would leave the machine.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{url} points at {host}, which is not a loopback address")]
pub struct NotLoopback {
    /// The URL checked.
    pub url: String,
    /// The host it names.
    pub host: String,
}

/// Succeeds only when `url` (`scheme://host[:port][/path]`) names `localhost` or an address in
/// 127.0.0.0/8 or `::1`. Use it on every URL the bot under test was handed or learned, e.g.
/// serenity's `Client::ws_url` after building the client: serenity silently falls back to
/// `wss://gateway.discord.gg` when `GET /gateway` fails, and this is where that shows.
pub fn ensure_loopback(url: &str) -> Result<(), NotLoopback> {
    let host = host_of(url);
    let is_loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<IpAddr>()
            .is_ok_and(|address| address.is_loopback());
    if is_loopback {
        Ok(())
    } else {
        Err(NotLoopback {
            url: url.to_owned(),
            host: host.to_owned(),
        })
    }
}

fn host_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if let Some(bracketed) = host_port.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or("");
    }
    host_port.split(':').next().unwrap_or("")
}

/// Clears `HTTP_PROXY`, `HTTPS_PROXY` and `ALL_PROXY` (both cases) and sets
/// `NO_PROXY=127.0.0.1,localhost`, so that reqwest (which honours those variables) talks to
/// the fake directly. Call it before building any HTTP client. It changes the environment of
/// the whole process, which is what every test in it wants.
pub fn isolate_from_proxies() {
    for name in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("NO_PROXY", "127.0.0.1,localhost");
    std::env::set_var("no_proxy", "127.0.0.1,localhost");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_urls_pass() {
        for url in [
            "http://127.0.0.1:40123",
            "ws://127.0.0.1:40123/gateway",
            "http://localhost:8080/api/v10",
            "ws://[::1]:9000/gateway",
            "http://127.8.9.10",
        ] {
            assert_eq!(ensure_loopback(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn discord_and_private_hosts_fail() {
        for (url, host) in [
            ("wss://gateway.discord.gg", "gateway.discord.gg"),
            ("https://discord.com/api/v10/gateway", "discord.com"),
            ("http://10.0.0.7:3000", "10.0.0.7"),
            ("http://user@192.168.1.2:80/x", "192.168.1.2"),
            ("ws://[2001:db8::1]:443", "2001:db8::1"),
        ] {
            let refusal = ensure_loopback(url).err();
            assert_eq!(
                refusal.map(|refusal| refusal.host),
                Some(host.to_owned()),
                "{url}"
            );
        }
    }
}
