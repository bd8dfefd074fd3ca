//! A serenity `Context` with no gateway behind it, so interactions that arrive over HTTP run
//! through poise exactly as gateway ones do.
//!
//! poise hands every command a `serenity::Context`. All its fields are public except that the
//! `ShardMessenger` has no constructor but `ShardMessenger::new(&ShardRunner)`, a runner needs
//! a `Shard`, and `Shard::new` opens a WebSocket. So the shard is opened once, at start-up,
//! against a WebSocket listener on loopback inside this process that accepts the handshake and
//! hangs up; the runner is then dropped without ever running. The messenger that remains
//! leads nowhere (what is sent through it is logged by serenity and dropped), which is the
//! truth in HTTP mode: there is no gateway to talk to. Nothing leaves the machine.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, OnceLock};

use poise::serenity_prelude as serenity;
use tokio::net::TcpListener;
use tokio::sync::{Mutex, RwLock};

use crate::http::EndpointError;

/// The context commands get in HTTP mode, and the shard manager poise's framework context
/// asks for (it holds one runner entry with no latency, so `/ping` reports none measured).
pub(crate) struct Detached {
    /// What poise passes to commands as `serenity_context`.
    pub(crate) context: serenity::Context,
    /// An idle manager: never initialised, it starts no shard.
    pub(crate) shard_manager: Arc<serenity::ShardManager>,
}

/// Builds the detached context over `http`.
pub(crate) async fn detached_context(http: Arc<serenity::Http>) -> Result<Detached, EndpointError> {
    let failed = |reason: String| EndpointError::DetachedContext(reason);
    let data = Arc::new(RwLock::new(serenity::prelude::TypeMap::new()));
    let cache = Arc::new(serenity::Cache::new());
    let intents = serenity::GatewayIntents::empty();

    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(|error| failed(format!("cannot listen on loopback: {error}")))?;
    let address = listener
        .local_addr()
        .map_err(|error| failed(format!("no loopback address: {error}")))?;
    let handshake = tokio::spawn(async move {
        let (stream, _) = listener.accept().await?;
        tokio_tungstenite::accept_async(stream)
            .await
            .map(drop)
            .map_err(std::io::Error::other)
    });

    let ws_url = Arc::new(Mutex::new(format!("ws://{address}")));
    let (shard_manager, _never_returns) =
        serenity::ShardManager::new(serenity::ShardManagerOptions {
            data: Arc::clone(&data),
            event_handlers: Vec::new(),
            raw_event_handlers: Vec::new(),
            framework: Arc::new(OnceLock::new()),
            shard_index: 0,
            shard_init: 0,
            shard_total: 1,
            ws_url: Arc::clone(&ws_url),
            cache: Arc::clone(&cache),
            http: Arc::clone(&http),
            intents,
            presence: None,
        });
    let shard_info = serenity::ShardInfo {
        id: serenity::ShardId(0),
        total: 1,
    };
    let shard = serenity::Shard::new(ws_url, "", shard_info, intents, None).await;
    let shard = match shard {
        Ok(shard) => shard,
        Err(error) => {
            handshake.abort();
            return Err(failed(format!("the loopback handshake failed: {error}")));
        }
    };
    match handshake.await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => return Err(failed(format!("the loopback listener failed: {error}"))),
        Err(error) => return Err(failed(format!("the loopback listener stopped: {error}"))),
    }
    let runner = serenity::ShardRunner::new(serenity::ShardRunnerOptions {
        data: Arc::clone(&data),
        event_handlers: Vec::new(),
        raw_event_handlers: Vec::new(),
        framework: None,
        manager: Arc::clone(&shard_manager),
        shard,
        cache: Arc::clone(&cache),
        http: Arc::clone(&http),
    });
    let messenger = serenity::ShardMessenger::new(&runner);
    drop(runner);

    shard_manager.runners.lock().await.insert(
        shard_info.id,
        serenity::ShardRunnerInfo {
            latency: None,
            runner_tx: messenger.clone(),
            stage: serenity::ConnectionStage::Disconnected,
        },
    );
    let context = serenity::Context {
        data,
        shard: messenger,
        shard_id: shard_info.id,
        http,
        cache,
    };
    Ok(Detached {
        context,
        shard_manager,
    })
}
