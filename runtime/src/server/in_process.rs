//! A transport that hands requests to a router in the same process.

use super::ResponseBody;
use crate::error::TransportError;
use crate::http::{BoxFuture, HttpClient};
use bytes::Bytes;
use http_body_util::BodyExt as _;
use std::convert::Infallible;

/// An [`HttpClient`] that calls a router (any `tower_service::Service`
/// answering like a generated one) directly: no socket, no serialization
/// beyond the protocol's own, the same code path as over the network. A
/// generated client bound to an implementation of its server trait this
/// way is a fake that exercises the real wire format.
#[derive(Clone, Debug)]
pub struct InProcess<S> {
    router: S,
}

impl<S> InProcess<S> {
    /// A transport over `router`.
    pub fn new(router: S) -> Self {
        InProcess { router }
    }
}

impl<S> InProcess<S>
where
    Self: HttpClient + 'static,
{
    /// `config` with this transport, and what a client needs to build
    /// requests where there is no network: a placeholder endpoint and
    /// region, and placeholder credentials when `config` has none (the
    /// request is still signed, so a router that verifies signatures
    /// checks real ones when real credentials are given).
    pub fn client_config(self, config: crate::Config) -> crate::Config {
        let mut builder = config.to_builder().http_client(std::sync::Arc::new(self));
        if config.endpoint_url().is_none() {
            builder = builder.endpoint_url("http://in-process.localhost");
        }
        if config.region().is_none() {
            builder = builder.region("us-east-1");
        }
        if !matches!(config.credentials(), Ok(Some(_))) {
            builder = builder.credentials(crate::Credentials::new(
                "AKIDINPROCESS",
                "in-process-placeholder-secret",
                None,
            ));
        }
        builder.build()
    }
}

impl<S> HttpClient for InProcess<S>
where
    S: tower_service::Service<
            http::Request<ResponseBody>,
            Response = http::Response<ResponseBody>,
            Error = Infallible,
        > + Clone
        + Send
        + Sync
        + 'static,
    S::Future: Send,
{
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let mut router = self.router.clone();
        Box::pin(async move {
            // Generated routers are always ready; `call` is the whole exchange.
            let response = match router.call(request.map(ResponseBody::new)).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            let (parts, body) = response.into_parts();
            let body = match body.collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(never) => match never {},
            };
            Ok(http::Response::from_parts(parts, body))
        })
    }
}
