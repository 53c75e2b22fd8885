//! The HTTP transport: a trait so tests and benchmarks can plug in an
//! in-memory transport, and its one real implementation on hyper.

use crate::error::TransportError;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed, sendable future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one request and returns the whole response.
pub trait HttpClient: Send + Sync {
    /// Sends `request`; the body of the response is read completely.
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;
}

type Connector = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// hyper's pooled client with rustls: HTTPS (HTTP/1.1 and HTTP/2 by ALPN)
/// for AWS endpoints, plain HTTP for local ones.
pub struct HyperClient {
    client: Option<hyper_util::client::legacy::Client<Connector, Full<Bytes>>>,
    setup_error: Option<String>,
}

impl HyperClient {
    /// A client whose connections time out after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Self {
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        http.enforce_http(false);
        let builder = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider());
        match builder {
            Ok(b) => {
                let connector = b
                    .https_or_http()
                    .enable_http1()
                    .enable_http2()
                    .wrap_connector(http);
                let client = hyper_util::client::legacy::Client::builder(
                    hyper_util::rt::TokioExecutor::new(),
                )
                .pool_idle_timeout(Duration::from_secs(90))
                .build(connector);
                HyperClient {
                    client: Some(client),
                    setup_error: None,
                }
            }
            Err(e) => HyperClient {
                client: None,
                setup_error: Some(format!("TLS setup failed: {e}")),
            },
        }
    }
}

impl HttpClient for HyperClient {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let Some(client) = &self.client else {
                return Err(TransportError::new(
                    self.setup_error.clone().unwrap_or_default(),
                    None,
                    false,
                ));
            };
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, Full::new(body));
            let response = client.request(request).await.map_err(|e| {
                // Connection-level failures (refused, reset, DNS) are worth a retry.
                let transient = e.is_connect() || std::error::Error::source(&e).is_some();
                TransportError::new("sending the request failed", Some(Box::new(e)), transient)
            })?;
            let (parts, body) = response.into_parts();
            let body = body
                .collect()
                .await
                .map_err(|e| {
                    TransportError::new("reading the response body failed", Some(Box::new(e)), true)
                })?
                .to_bytes();
            Ok(http::Response::from_parts(parts, body))
        })
    }
}
