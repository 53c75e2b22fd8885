//! Serving a router over TCP with hyper 1.

use super::ResponseBody;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

/// Connection-level settings of [`serve`].
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// How long a client may take to send a request's headers (HTTP/1.1);
    /// a connection that stalls longer is closed (default 10 s).
    pub header_read_timeout: Duration,
    /// After shutdown is asked for, how long open connections get to finish
    /// their requests before they are dropped (default 30 s).
    pub shutdown_grace: Duration,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            header_read_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(30),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then stops
/// accepting, lets open requests finish (up to
/// [`ServeOptions::shutdown_grace`]) and returns. Each connection speaks
/// HTTP/1.1 or, with the prior-knowledge preface, HTTP/2 (h2c).
/// Connection errors are logged, never fatal; `Err` only when accepting
/// fails for good.
pub async fn serve<S>(
    listener: tokio::net::TcpListener,
    router: S,
    options: ServeOptions,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()>
where
    S: tower_service::Service<
            http::Request<Incoming>,
            Response = http::Response<ResponseBody>,
            Error = Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(options.header_read_timeout)
        .keep_alive(true);
    builder.http2().timer(TokioTimer::new());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let accepted = match first(listener.accept(), shutdown.as_mut()).await {
            First::A(accepted) => accepted,
            First::B(()) => break,
        };
        let (stream, peer) = match accepted {
            Ok(conn) => conn,
            // Out of file descriptors and the like: wait, then go on.
            Err(e) if is_transient_accept_error(&e) => {
                tracing::warn!(error = %e, "accept failed; retrying");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    match first(
        graceful.shutdown(),
        tokio::time::sleep(options.shutdown_grace),
    )
    .await
    {
        First::A(()) => tracing::debug!("all connections closed"),
        First::B(()) => tracing::warn!(
            grace = ?options.shutdown_grace,
            "connections still open after the grace period; dropping them"
        ),
    }
    Ok(())
}

fn is_transient_accept_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionAborted | ConnectionReset | Interrupted | WouldBlock | TimedOut
    ) || matches!(e.raw_os_error(), Some(23 | 24)) // ENFILE, EMFILE
}

/// Completes on SIGTERM or Ctrl-C (SIGINT): the usual `shutdown` for [`serve`].
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    let _ = first(ctrl_c, term).await;
    tracing::info!("shutdown requested");
}

/// Which of two futures finished first.
enum First<A, B> {
    A(A),
    B(B),
}

/// Runs two futures until one finishes (tokio's `select!` needs its
/// proc-macro feature, which the runtime keeps out of every build).
async fn first<A: Future, B: Future>(a: A, b: B) -> First<A::Output, B::Output> {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    std::future::poll_fn(|cx| {
        if let std::task::Poll::Ready(v) = a.as_mut().poll(cx) {
            return std::task::Poll::Ready(First::A(v));
        }
        b.as_mut().poll(cx).map(First::B)
    })
    .await
}
