//! A loopback TCP relay in front of the fake's REST API that swaps one token for another on the
//! way in, so REST accepts a token that the gateway (reached directly) still refuses.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A running relay; dropping it stops accepting.
pub(crate) struct TokenSwappingRelay {
    /// `http://127.0.0.1:PORT`, to use as the API base.
    pub(crate) base: String,
    accepting: JoinHandle<()>,
}

impl Drop for TokenSwappingRelay {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

/// Relays every connection to `target`, replacing `from` with `to` (same length) in what the
/// client sends; answers come back unchanged.
pub(crate) async fn start(target: SocketAddr, from: &str, to: &str) -> TokenSwappingRelay {
    assert_eq!(from.len(), to.len(), "the swap keeps Content-Length right");
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|error| panic!("the relay cannot listen: {error}"));
    let port = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("{error}"))
        .port();
    let (from, to) = (from.as_bytes().to_vec(), to.as_bytes().to_vec());
    let accepting = tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let (from, to) = (from.clone(), to.clone());
            tokio::spawn(async move {
                if let Ok(server) = TcpStream::connect(target).await {
                    relay(client, server, &from, &to).await;
                }
            });
        }
    });
    TokenSwappingRelay {
        base: format!("http://127.0.0.1:{port}"),
        accepting,
    }
}

async fn relay(client: TcpStream, server: TcpStream, from: &[u8], to: &[u8]) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let answers = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
    });
    let mut pending: Vec<u8> = Vec::new();
    let mut buffer = vec![0_u8; 16 * 1024];
    loop {
        let read = match client_read.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(read) => read,
        };
        pending.extend_from_slice(&buffer[..read]);
        swap_all(&mut pending, from, to);
        // Hold back only a tail that could be the start of `from`, split across reads.
        let held = (1..from.len())
            .rev()
            .find(|length| pending.ends_with(&from[..*length]))
            .unwrap_or(0);
        let ready = pending.len() - held;
        if server_write.write_all(&pending[..ready]).await.is_err() {
            break;
        }
        pending.drain(..ready);
    }
    let _ = server_write.write_all(&pending).await;
    let _ = server_write.shutdown().await;
    let _ = answers.await;
}

fn swap_all(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    let mut at = 0;
    while at + from.len() <= bytes.len() {
        if &bytes[at..at + from.len()] == from {
            bytes[at..at + from.len()].copy_from_slice(to);
            at += from.len();
        } else {
            at += 1;
        }
    }
}
