//! The protocol-neutral request pipeline of every generated router.

use super::auth::ErrorCodeFamily;
use super::ResponseBody;
use crate::protocol::Protocol;
use bytes::Bytes;
use http_body_util::BodyExt as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tracing::Instrument as _;

/// Why a request did not reach, or came back from, the implementation as
/// a success. Each protocol renders every kind the way its clients expect.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServerError {
    /// The request names no operation of this service (or none at all).
    UnknownOperation(String),
    /// The method is not one the protocol uses.
    MethodNotAllowed(http::Method),
    /// The content type is not the protocol's.
    UnsupportedMediaType(String),
    /// The body is not a valid encoding of the operation's input.
    Serialization(String),
    /// The body is larger than [`ServerOptions::body_limit`].
    PayloadTooLarge(usize),
    /// The body did not arrive within [`ServerOptions::body_timeout`].
    BodyTimeout(Duration),
    /// The input breaks the model's constraints, and the operation has no
    /// modeled error for it: the framework's `ValidationException`.
    Validation(String),
    /// Authentication refused the request.
    Auth(AuthRejection),
    /// A modeled error of the operation, already encoded.
    Modeled(ModeledError),
    /// The implementation failed in a way the model does not describe, or
    /// panicked: a 500 whose detail is logged, not sent.
    Internal(String),
    /// The implementation does not implement the operation (a 501).
    NotImplemented(String),
}

/// An implementation's unmodeled error: `NotImplemented` stays one, the
/// rest is internal.
impl From<crate::Unhandled> for ServerError {
    fn from(e: crate::Unhandled) -> Self {
        if e.code() == Some(crate::error::NOT_IMPLEMENTED) {
            ServerError::NotImplemented(e.message().unwrap_or_default().to_string())
        } else {
            ServerError::Internal(crate::error::error_chain(&e))
        }
    }
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServerError::UnknownOperation(what) => write!(f, "unknown operation: {what}"),
            ServerError::MethodNotAllowed(m) => write!(f, "method {m} not allowed"),
            ServerError::UnsupportedMediaType(t) => write!(f, "unsupported content type {t:?}"),
            ServerError::Serialization(why) => write!(f, "malformed request: {why}"),
            ServerError::PayloadTooLarge(limit) => {
                write!(f, "request body larger than {limit} bytes")
            }
            ServerError::BodyTimeout(after) => write!(f, "request body not received in {after:?}"),
            ServerError::Validation(why) => write!(f, "invalid request: {why}"),
            ServerError::Auth(r) => write!(f, "{}: {}", r.code, r.message),
            ServerError::Modeled(e) => f.write_str(e.code),
            ServerError::Internal(why) => write!(f, "internal error: {why}"),
            ServerError::NotImplemented(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for ServerError {}

/// A modeled error as the generated router encodes it: the error shape's
/// name, its HTTP status (`@httpError`, else 400 for client and 500 for
/// server errors) and its members as the protocol's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModeledError {
    /// The error shape's name, e.g. `RepositoryNotFoundException`.
    pub code: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The error's members, encoded (for AWS JSON a JSON object).
    pub body: Vec<u8>,
}

/// An authentication failure, with the error code and status the
/// protocol's clients expect (e.g. `InvalidSignatureException`, 400).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthRejection {
    /// The error code.
    pub code: &'static str,
    /// What was wrong, phrased as the service would.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
}

/// Who made a request, as authentication established it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// The access key id (or other principal name) the request was signed with.
    pub access_key_id: String,
    /// The region of the signature's scope, when it has one.
    pub region: Option<String>,
}

/// Checks a request's credentials before it is routed. SigV4 verification
/// implements it; so can any bearer-token or API-key check.
pub trait Authenticator: Send + Sync {
    /// The caller, or why the request is refused, with the error code and
    /// status that clients of `family` protocols expect.
    fn authenticate(
        &self,
        request: &http::Request<Bytes>,
        family: ErrorCodeFamily,
    ) -> Result<Caller, AuthRejection>;
}

impl Authenticator for super::auth::SigV4Verifier {
    fn authenticate(
        &self,
        request: &http::Request<Bytes>,
        family: ErrorCodeFamily,
    ) -> Result<Caller, AuthRejection> {
        match self.verify(request) {
            Ok(caller) => Ok(Caller {
                access_key_id: caller.access_key_id,
                region: Some(caller.region),
            }),
            Err(failure) => Err(AuthRejection {
                code: failure.code(family),
                message: failure.message().to_string(),
                status: failure.http_status(family).as_u16(),
            }),
        }
    }
}

/// What an implementation learns about the request beside its input.
#[derive(Clone, Debug)]
pub struct RequestContext {
    request_id: Arc<str>,
    caller: Option<Caller>,
    headers: Arc<http::HeaderMap>,
}

impl RequestContext {
    /// A context for calling an implementation directly (tests).
    pub fn new(request_id: impl Into<Arc<str>>) -> Self {
        RequestContext {
            request_id: request_id.into(),
            caller: None,
            headers: Arc::default(),
        }
    }

    /// The id this server gave the request (sent back in `x-amzn-RequestId`).
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The authenticated caller; `None` when authentication is off.
    pub fn caller(&self) -> Option<&Caller> {
        self.caller.as_ref()
    }

    /// The request's headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }
}

/// Limits and authentication of a router.
#[derive(Clone)]
pub struct ServerOptions {
    /// The largest request body accepted (default 32 MiB).
    pub body_limit: usize,
    /// How long a request body may take to arrive (default 60 s).
    pub body_timeout: Duration,
    /// Checks credentials; `None` accepts every request unauthenticated
    /// (in-process fakes, tests, local use).
    pub authenticator: Option<Arc<dyn Authenticator>>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            body_limit: 32 << 20,
            body_timeout: Duration::from_secs(60),
            authenticator: None,
        }
    }
}

impl std::fmt::Debug for ServerOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerOptions")
            .field("body_limit", &self.body_limit)
            .field("body_timeout", &self.body_timeout)
            .field("authenticator", &self.authenticator.is_some())
            .finish()
    }
}

/// The shared part of a generated router: one per router, cheap to share.
#[derive(Debug)]
pub struct ServerCore {
    service: &'static str,
    protocol: Protocol,
    options: ServerOptions,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl ServerCore {
    /// The core for `service` (its SDK id or name, for logs) speaking `protocol`.
    pub fn new(service: &'static str, protocol: Protocol, options: ServerOptions) -> Self {
        ServerCore {
            service,
            protocol,
            options,
        }
    }

    /// The options.
    pub fn options(&self) -> &ServerOptions {
        &self.options
    }

    /// The protocol.
    pub fn protocol(&self) -> &Protocol {
        &self.protocol
    }

    /// Answers one request: reads the body (within the limit and timeout),
    /// authenticates, finds the operation, checks the content type, and
    /// hands `operation(name, body, context)` the rest; its `Ok` is the
    /// encoded output. Errors, and panics of `operation`, become the
    /// protocol's error responses. Never fails.
    pub async fn handle<B, F, Fut>(
        &self,
        request: http::Request<B>,
        operation: F,
    ) -> http::Response<ResponseBody>
    where
        B: http_body::Body<Data = Bytes>,
        B::Error: Into<BoxError>,
        F: FnOnce(String, Bytes, RequestContext) -> Fut,
        Fut: Future<Output = Result<Vec<u8>, ServerError>>,
    {
        let request_id: Arc<str> = new_request_id().into();
        let span = tracing::info_span!(
            "request",
            service = self.service,
            request_id = &*request_id,
            operation = tracing::field::Empty,
        );
        let answer = async {
            let started = std::time::Instant::now();
            let result = self
                .run(request, request_id.clone(), operation, &span)
                .await;
            let response = match result {
                Ok(body) => self.protocol.server_response(body),
                Err(error) => {
                    match &error {
                        ServerError::Internal(why) => tracing::error!(error = %why, "failed"),
                        other => tracing::debug!(error = %other, "refused"),
                    }
                    self.protocol.server_error(&error)
                }
            };
            tracing::debug!(
                status = response.status().as_u16(),
                elapsed_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
                "answered"
            );
            response
        }
        .instrument(span.clone())
        .await;
        let (mut parts, body) = answer.into_parts();
        if let Ok(id) = http::HeaderValue::from_str(&request_id) {
            parts.headers.insert("x-amzn-requestid", id);
        }
        http::Response::from_parts(parts, ResponseBody::new(body))
    }

    async fn run<B, F, Fut>(
        &self,
        request: http::Request<B>,
        request_id: Arc<str>,
        operation: F,
        span: &tracing::Span,
    ) -> Result<Vec<u8>, ServerError>
    where
        B: http_body::Body<Data = Bytes>,
        B::Error: Into<BoxError>,
        F: FnOnce(String, Bytes, RequestContext) -> Fut,
        Fut: Future<Output = Result<Vec<u8>, ServerError>>,
    {
        let (parts, body) = request.into_parts();
        let body = self.read_body(body).await?;
        let mut request = http::Request::from_parts(parts, body);
        let caller = match &self.options.authenticator {
            Some(auth) => Some(
                auth.authenticate(&request, self.protocol.error_code_family())
                    .map_err(ServerError::Auth)?,
            ),
            None => None,
        };
        // Signatures cover the body as sent; decompress after verifying.
        decompress(&mut request, self.options.body_limit)?;
        let name = self.protocol.server_operation(&request)?.to_string();
        span.record("operation", name.as_str());
        let (parts, body) = request.into_parts();
        let context = RequestContext {
            request_id,
            caller,
            headers: Arc::new(parts.headers),
        };
        match (CatchUnwind(std::pin::pin!(operation(name, body, context)))).await {
            Ok(result) => result,
            Err(panic) => Err(ServerError::Internal(format!(
                "the implementation panicked: {}",
                panic_message(&*panic)
            ))),
        }
    }

    async fn read_body<B>(&self, body: B) -> Result<Bytes, ServerError>
    where
        B: http_body::Body<Data = Bytes>,
        B::Error: Into<BoxError>,
    {
        let limit = self.options.body_limit;
        // A declared length over the limit is refused before reading.
        if http_body::Body::size_hint(&body)
            .exact()
            .is_some_and(|n| n > limit as u64)
        {
            return Err(ServerError::PayloadTooLarge(limit));
        }
        let limited = http_body_util::Limited::new(body, limit);
        let mut collect = std::pin::pin!(limited.collect());
        // A small body usually arrives with the headers: collect it without
        // arming a timer, and start the body timeout only if it has not.
        let first = std::future::poll_fn(|cx| Poll::Ready(collect.as_mut().poll(cx))).await;
        let collected = match first {
            Poll::Ready(result) => Ok(result),
            Poll::Pending => tokio::time::timeout(self.options.body_timeout, collect).await,
        };
        match collected {
            Err(_) => Err(ServerError::BodyTimeout(self.options.body_timeout)),
            Ok(Ok(collected)) => Ok(collected.to_bytes()),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
                Err(ServerError::PayloadTooLarge(limit))
            }
            Ok(Err(e)) => Err(ServerError::Serialization(format!(
                "the request body could not be read: {e}"
            ))),
        }
    }
}

/// A `Content-Encoding: gzip` body decompressed (within the body limit),
/// the header then dropped; other encodings are refused.
fn decompress(request: &mut http::Request<Bytes>, limit: usize) -> Result<(), ServerError> {
    let Some(encoding) = request.headers().get(http::header::CONTENT_ENCODING) else {
        return Ok(());
    };
    let encoding = String::from_utf8_lossy(encoding.as_bytes()).to_ascii_lowercase();
    let mut body = request.body().clone();
    // Encodings apply in order; undo them last to first.
    for coding in encoding
        .split(',')
        .map(str::trim)
        .rev()
        .filter(|c| !c.is_empty())
    {
        match coding {
            "gzip" => {
                body = Bytes::from(
                    crate::compression::gunzip(&body, limit).map_err(ServerError::Serialization)?,
                )
            }
            "identity" => {}
            other => {
                return Err(ServerError::UnsupportedMediaType(format!(
                    "Content-Encoding {other}"
                )))
            }
        }
    }
    *request.body_mut() = body;
    request.headers_mut().remove(http::header::CONTENT_ENCODING);
    Ok(())
}

/// Polls a future, turning a panic into an `Err` (std's `catch_unwind` for
/// futures; futures-util is not a dependency).
struct CatchUnwind<F>(F);

impl<F: Future + Unpin> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn std::any::Any + Send>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.0;
        // The future is dropped after a panic, never polled again, so no
        // broken invariant is observed: asserting unwind safety is sound.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Pin::new(inner).poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Err(panic) => Poll::Ready(Err(panic)),
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// A UUID-shaped request id (version 4 bits, as AWS request ids look): a
/// random prefix drawn once per process, then a counter. Unique within the
/// process and unlikely to repeat across processes; a request id is not a
/// secret, so the system RNG need not be asked on every request.
fn new_request_id() -> String {
    use ring::rand::SecureRandom as _;
    use std::sync::atomic::{AtomicU64, Ordering};
    static PREFIX: std::sync::OnceLock<[u8; 8]> = std::sync::OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| {
        let mut p = [0u8; 8];
        if ring::rand::SystemRandom::new().fill(&mut p).is_err() {
            // No system randomness: the time still varies the prefix.
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or_default();
            p = nanos.to_be_bytes();
        }
        p
    });
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(prefix);
    b[8..].copy_from_slice(&NEXT.fetch_add(1, Ordering::Relaxed).to_be_bytes());
    b[6] = (b[6] & 0x0f) | 0x40;
    // The variant bits take the counter's top two bits, which it never reaches.
    b[8] = (b[8] & 0x3f) | 0x80;
    crate::sigv4::uuid_text(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_uuids() {
        let a = new_request_id();
        let b = new_request_id();
        assert_ne!(a, b);
        // The same process prefix, a different counter.
        assert_eq!(a[..18], b[..18]);
        let many: std::collections::HashSet<String> =
            (0..10_000).map(|_| new_request_id()).collect();
        assert_eq!(many.len(), 10_000);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()), "{a}");
    }
}
