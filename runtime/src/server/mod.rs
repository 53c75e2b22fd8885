//! The server side (feature `server`): what a generated router runs on.
//!
//! A generated crate's `server` module holds one trait per service (one
//! async method per operation) and a router that is a
//! `tower_service::Service<http::Request<B>>`. The router does only what is
//! specific to the service: per operation, decode the input, run its
//! constraint checks, call the implementation and encode the output or
//! modeled error. Everything else is here, shared by every service and
//! protocol:
//!
//! - [`ServerCore::handle`]: the request pipeline — request id, body limit
//!   and read timeout, authentication ([`Authenticator`]), the protocol's
//!   routing and content-type check, panics caught as 500s, the response
//!   written the protocol's way (errors included), and a `tracing` span;
//! - [`ServerError`]: every way a request can fail, which each protocol
//!   renders for its clients (for AWS JSON: `__type`, `X-Amzn-ErrorType`);
//! - [`serve`]: hyper 1 on a TCP listener, HTTP/1.1 and h2c, header read
//!   timeout, graceful shutdown on a signal;
//! - [`InProcess`]: an [`HttpClient`](crate::http::HttpClient) over a
//!   router, so a generated client calls an implementation with no socket;
//! - [`auth`]: SigV4 verification ([`auth::SigV4Verifier`], an
//!   [`Authenticator`]) against a [`credential_store`].

pub mod auth;
mod core;
pub mod credential_store;
mod in_process;
mod serve;

pub use self::core::{
    AuthRejection, Authenticator, Caller, ModeledError, RequestContext, ServerCore, ServerError,
    ServerOptions,
};
pub use in_process::InProcess;
pub use serve::{serve, shutdown_signal, ServeOptions};

/// The response body every router answers with.
pub type ResponseBody = http_body_util::Full<bytes::Bytes>;
