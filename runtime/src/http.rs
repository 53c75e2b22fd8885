//! The HTTP transport: a trait so tests and benchmarks can plug in an
//! in-memory transport, and its one real implementation on hyper.

use crate::error::{TransportError, TransportErrorKind};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, sendable future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one request and returns the whole response.
pub trait HttpClient: Send + Sync {
    /// Sends `request`; the response body is read completely.
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;
}

/// An in-memory transport answering every request with a function: for
/// tests and benchmarks that measure the client without a network.
pub struct FnClient<F>(pub F);

impl<F> HttpClient for FnClient<F>
where
    F: Fn(http::Request<Bytes>) -> http::Response<Bytes> + Send + Sync,
{
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let response = (self.0)(request);
        Box::pin(std::future::ready(Ok(response)))
    }
}

type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// hyper's pooled client with rustls: HTTPS (HTTP/2 or HTTP/1.1 chosen by
/// ALPN) for AWS endpoints, plain HTTP/1.1 for local ones. Trust roots are
/// the Mozilla set compiled in (webpki-roots), so nothing is read from the
/// OS at start-up and containers without CA bundles work.
pub struct HyperClient {
    client: Result<hyper_util::client::legacy::Client<Connector, Full<Bytes>>, String>,
}

impl HyperClient {
    /// A client whose connection attempts (TCP) give up after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Self {
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        // The HTTPS wrapper decides per URL scheme; let it see https URLs.
        http.enforce_http(false);
        let client = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map(|b| {
                let connector = b
                    .https_or_http()
                    .enable_http1()
                    .enable_http2()
                    .wrap_connector(http);
                hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                    .pool_idle_timeout(Duration::from_secs(90))
                    .pool_timer(hyper_util::rt::TokioTimer::new())
                    .build(connector)
            })
            .map_err(|e| format!("TLS setup failed: {e}"));
        HyperClient { client }
    }
}

impl std::fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HyperClient")
    }
}

impl HttpClient for HyperClient {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let client = self
                .client
                .as_ref()
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone(), None))?;
            let (parts, body) = request.into_parts();
            let response = client
                .request(http::Request::from_parts(parts, Full::new(body)))
                .await
                .map_err(|e| {
                    let kind = classify(&e, e.is_connect());
                    TransportError::new(kind, "sending the request failed", Some(Box::new(e)))
                })?;
            let (parts, body) = response.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| {
                    let kind = classify(&e, false);
                    TransportError::new(kind, "reading the response body failed", Some(Box::new(e)))
                })?
                .to_bytes();
            Ok(http::Response::from_parts(parts, body))
        })
    }
}

/// Sorts a hyper failure by walking its source chain: connection set-up
/// failures and broken connections are worth a retry; misuse is not.
fn classify(error: &(dyn StdError + 'static), connecting: bool) -> TransportErrorKind {
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            return match io.kind() {
                TimedOut if connecting => TransportErrorKind::ConnectTimeout,
                _ if connecting => TransportErrorKind::Connect,
                ConnectionRefused | ConnectionReset | ConnectionAborted | BrokenPipe
                | UnexpectedEof | TimedOut | NotConnected => TransportErrorKind::Io,
                _ => TransportErrorKind::Other,
            };
        }
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_incomplete_message() || h.is_closed() || h.is_canceled() || h.is_timeout() {
                return TransportErrorKind::Io;
            }
        }
        current = e.source();
    }
    if connecting {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrap(std::io::Error);
    impl std::fmt::Display for Wrap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("wrapped")
        }
    }
    impl StdError for Wrap {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn classifies_by_source_chain() {
        let io = |k| Wrap(std::io::Error::new(k, "x"));
        assert_eq!(
            classify(&io(std::io::ErrorKind::TimedOut), true),
            TransportErrorKind::ConnectTimeout
        );
        assert_eq!(
            classify(&io(std::io::ErrorKind::ConnectionRefused), true),
            TransportErrorKind::Connect
        );
        assert_eq!(
            classify(&io(std::io::ErrorKind::ConnectionReset), false),
            TransportErrorKind::Io
        );
        assert_eq!(
            classify(&io(std::io::ErrorKind::InvalidData), false),
            TransportErrorKind::Other
        );
        assert!(
            TransportErrorKind::Connect.is_transient() && TransportErrorKind::Io.is_transient()
        );
        assert!(!TransportErrorKind::Other.is_transient());
    }

    #[tokio::test]
    async fn refused_connection_is_a_transient_connect_error() {
        // Bind then drop a listener: its port now refuses connections.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = HyperClient::new(Duration::from_secs(1));
        let req = http::Request::builder()
            .uri(format!("http://127.0.0.1:{port}/"))
            .body(Bytes::new())
            .unwrap();
        let e = client.send(req).await.unwrap_err();
        assert_eq!(e.kind(), TransportErrorKind::Connect, "{e}");
        assert!(e.is_transient());
        assert!(StdError::source(&e).is_some());
    }

    #[tokio::test]
    async fn fn_client_answers_in_memory() {
        let client = FnClient(|req: http::Request<Bytes>| http::Response::new(req.into_body()));
        let req = http::Request::builder()
            .uri("http://x/")
            .body(Bytes::from_static(b"echo"))
            .unwrap();
        assert_eq!(client.send(req).await.unwrap().body(), "echo");
    }
}
