//! HTTP mode: Discord POSTs each interaction, signed, to an endpoint URL instead of sending it
//! over the gateway, so identical stateless replicas can serve behind a load balancer.
//!
//! The interaction is verified ([`signature`]), read into a `serenity::Interaction` and handed
//! to `poise::dispatch_event` with the very `FrameworkOptions` and `Data` gateway mode uses,
//! so commands, autocomplete, page buttons, renderers and error handling are one code path.
//! poise answers through Discord's callback endpoint over REST (`DISCORD_API_BASE` applies);
//! the HTTP request is then answered 202 with no body, as Discord asks of such endpoints.

mod detached;
mod endpoint;
mod signature;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::ListenerExt;
use dossier_store::Store;
use tokio::net::TcpListener;
use tokio::sync::{watch, RwLock};

pub use signature::PublicKey;

use crate::app::{self, ShutdownHandle};
use crate::config::Config;
use crate::error::BotError;
use crate::gateway;

/// How long a stopping endpoint waits for interactions still being answered.
const DRAIN_WITHIN: Duration = Duration::from_secs(15);

/// Why HTTP mode could not serve.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// `DOSSIER_HTTP_ADDR`.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// Serving failed after start.
    #[error("the HTTP server failed: {0}")]
    Serve(std::io::Error),
    /// The gateway-less serenity context could not be built.
    #[error("cannot prepare the command context: {0}")]
    DetachedContext(String),
}

/// An interactions endpoint ready to serve: built by [`build_endpoint`], started by
/// [`Endpoint::run`].
pub struct Endpoint {
    listener: TcpListener,
    state: Arc<endpoint::EndpointState>,
    stop: watch::Sender<bool>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("addr", &self.listener.local_addr().ok())
            .finish_non_exhaustive()
    }
}

/// Builds HTTP mode: checks the token, learns the application id (`DISCORD_APPLICATION_ID`
/// or `GET /oauth2/applications/@me`, needed for edits and follow-ups), wires the same poise
/// options and data as gateway mode, and binds `config.http_addr`. Registers nothing: run
/// `dossier-bot register` once instead.
pub async fn build_endpoint(config: &Config, store: Store) -> Result<Endpoint, BotError> {
    let public_key = config.require_public_key()?.clone();
    let http = gateway::http_client(config)?;
    gateway::check_token(&http).await?;
    app::learn_application_id(config, &http).await?;
    let detached = detached::detached_context(Arc::new(http)).await?;
    let mut options = app::framework_options();
    poise::framework::set_qualified_names(&mut options.commands);
    let listener = TcpListener::bind(config.http_addr)
        .await
        .map_err(|source| EndpointError::Bind {
            addr: config.http_addr,
            source,
        })?;
    let state = endpoint::EndpointState {
        public_key,
        options,
        data: app::data(config, store),
        detached,
        in_flight: Arc::new(RwLock::new(())),
    };
    let (stop, _) = watch::channel(false);
    Ok(Endpoint {
        listener,
        state: Arc::new(state),
        stop,
    })
}

impl Endpoint {
    /// The address it listens on (useful when `DOSSIER_HTTP_ADDR` asked for port 0).
    pub fn local_addr(&self) -> Result<SocketAddr, BotError> {
        self.listener
            .local_addr()
            .map_err(|error| BotError::from(EndpointError::Serve(error)))
    }

    /// A handle that stops this endpoint gracefully.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        ShutdownHandle::for_endpoint(self.stop.clone())
    }

    /// Serves until [`ShutdownHandle::shutdown`]: then stops accepting, lets requests in
    /// progress finish, waits (up to 15 s) for interactions still being answered, and writes
    /// the usage counts still in memory.
    pub async fn run(self) -> Result<(), BotError> {
        let Endpoint {
            listener,
            state,
            stop,
        } = self;
        if let Ok(addr) = listener.local_addr() {
            tracing::info!(%addr, "serving interactions over HTTP");
        }
        let mut stopped = stop.subscribe();
        let in_flight = Arc::clone(&state.in_flight);
        let usage = state.data.usage.clone();
        // Answers go out at once rather than waiting on the proxy's delayed ACK.
        let listener = listener.tap_io(|stream| {
            if let Err(error) = stream.set_nodelay(true) {
                tracing::warn!(%error, "cannot set TCP_NODELAY");
            }
        });
        let served = axum::serve(listener, endpoint::router(state))
            .with_graceful_shutdown(async move {
                // An error means every sender is gone; stop then too.
                let _ = stopped.wait_for(|stop| *stop).await;
            })
            .await;
        if tokio::time::timeout(DRAIN_WITHIN, in_flight.write())
            .await
            .is_err()
        {
            tracing::warn!("stopped with interactions still being answered");
        }
        usage.close().await;
        served.map_err(|error| BotError::from(EndpointError::Serve(error)))
    }

    /// [`Endpoint::run`], also stopping gracefully on SIGINT (Ctrl-C) or SIGTERM.
    pub async fn run_until_signal(self) -> Result<(), BotError> {
        let handle = self.shutdown_handle();
        let signals = tokio::spawn(async move {
            app::wait_for_signal().await;
            tracing::info!("signal received; shutting down");
            handle.shutdown().await;
        });
        let result = self.run().await;
        signals.abort();
        result
    }
}
