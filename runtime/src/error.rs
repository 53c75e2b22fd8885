//! Errors of an operation call: the service's own, or a failure on the way.

use std::error::Error as StdError;
use std::fmt;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// The result of a failed call: `E` is the operation's error enum.
#[derive(Debug)]
pub enum SdkError<E> {
    /// The service answered with an error.
    Service(ServiceError<E>),
    /// The request could not be built (a required member missing, a
    /// constraint violated, bad configuration): nothing was sent.
    Construction(BoxError),
    /// Sending or receiving failed (connection, TLS, I/O).
    Transport(TransportError),
    /// A timeout expired (connect, attempt or whole operation).
    Timeout(TimeoutError),
    /// The response could not be decoded.
    Decode(BoxError),
}

impl<E> SdkError<E> {
    /// A construction failure.
    pub fn construction(e: impl Into<BoxError>) -> Self {
        SdkError::Construction(e.into())
    }

    /// A decoding failure.
    pub fn decode(e: impl Into<BoxError>) -> Self {
        SdkError::Decode(e.into())
    }

    /// The service's error, when the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(s) => Some(&s.err),
            _ => None,
        }
    }

    /// The service's error, when the service answered with one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service(s) => Some(s.err),
            _ => None,
        }
    }

    /// Converts the service error, keeping every other kind.
    pub fn map_service_error<F, E2>(self, f: F) -> SdkError<E2>
    where
        F: FnOnce(E) -> E2,
    {
        match self {
            SdkError::Service(s) => SdkError::Service(ServiceError {
                err: f(s.err),
                status: s.status,
                request_id: s.request_id,
            }),
            SdkError::Construction(e) => SdkError::Construction(e),
            SdkError::Transport(e) => SdkError::Transport(e),
            SdkError::Timeout(e) => SdkError::Timeout(e),
            SdkError::Decode(e) => SdkError::Decode(e),
        }
    }

    /// The request id of the response, when one arrived.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            SdkError::Service(s) => s.request_id.as_deref(),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Service(s) => write!(f, "service error (HTTP {}): {}", s.status, s.err),
            SdkError::Construction(e) => write!(f, "request not sent: {e}"),
            SdkError::Transport(e) => write!(f, "transport error: {e}"),
            SdkError::Timeout(e) => write!(f, "{e}"),
            SdkError::Decode(e) => write!(f, "cannot decode the response: {e}"),
        }
    }
}

impl<E: StdError + 'static> StdError for SdkError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            SdkError::Service(s) => Some(&s.err),
            SdkError::Construction(e) | SdkError::Decode(e) => Some(e.as_ref()),
            SdkError::Transport(e) => Some(e),
            SdkError::Timeout(e) => Some(e),
        }
    }
}

/// Displays an error with every cause in its [`source`](StdError::source)
/// chain, joined by `": "`, as aws-smithy-types' `DisplayErrorContext`
/// does: `eprintln!("{}", DisplayErrorContext(&err))` prints
/// `transport error: sending the request failed: client error (Connect):
/// tcp connect error: Connection refused (os error 111)` where `{err}` alone
/// says only `transport error: sending the request failed`.
///
/// A cause whose text the line already contains (errors that repeat their
/// source's message in their own) is not written twice; the walk goes on
/// past it. Unlike aws-smithy-types, the `Debug` form is not appended.
#[derive(Clone, Copy, Debug)]
pub struct DisplayErrorContext<E>(pub E);

impl<E: StdError> fmt::Display for DisplayErrorContext<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&error_chain(&self.0))
    }
}

impl<E: StdError> StdError for DisplayErrorContext<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.0.source()
    }
}

/// `error: cause: cause's cause…`, each message once (see [`DisplayErrorContext`]).
pub(crate) fn error_chain(error: &dyn StdError) -> String {
    let mut out = error.to_string();
    let mut cause = error.source();
    // A cycle in a source chain would be a bug elsewhere; do not hang on it.
    let mut depth = 0;
    while let Some(e) = cause {
        let text = e.to_string();
        if !text.is_empty() && !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = e.source();
        depth += 1;
        if depth == 64 {
            break;
        }
    }
    out
}

/// A service error with the response facts around it.
#[derive(Debug)]
pub struct ServiceError<E> {
    err: E,
    status: u16,
    request_id: Option<String>,
}

impl<E> ServiceError<E> {
    /// The modeled (or unhandled) error.
    pub fn err(&self) -> &E {
        &self.err
    }

    /// The error, owned.
    pub fn into_err(self) -> E {
        self.err
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id the service gave.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake).
    Connect,
    /// The connection attempt exceeded the connect timeout.
    ConnectTimeout,
    /// The connection broke while sending or receiving (reset, closed early).
    Io,
    /// Anything else (a request the HTTP stack refused, TLS set-up).
    Other,
}

impl TransportErrorKind {
    /// Whether retrying may help: connection failures and broken connections.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            TransportErrorKind::Connect
                | TransportErrorKind::ConnectTimeout
                | TransportErrorKind::Io
        )
    }
}

/// A failure to send or receive.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl TransportError {
    /// A transport failure of `kind`; custom [`HttpClient`](crate::http::HttpClient)s build these.
    pub fn new(
        kind: TransportErrorKind,
        message: impl Into<String>,
        source: Option<BoxError>,
    ) -> Self {
        TransportError {
            kind,
            message: message.into(),
            source,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the failure is of a kind that retrying may fix.
    pub fn is_transient(&self) -> bool {
        self.kind.is_transient()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// Which limit a [`TimeoutError`] reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutKind {
    /// Establishing the connection.
    Connect,
    /// One attempt.
    Attempt,
    /// The whole operation, retries included.
    Operation,
}

/// A timeout expired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutError {
    kind: TimeoutKind,
    after: std::time::Duration,
}

impl TimeoutError {
    /// A timeout of `kind` that expired after `after`.
    pub fn new(kind: TimeoutKind, after: std::time::Duration) -> Self {
        TimeoutError { kind, after }
    }

    /// Which timeout.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The limit that was reached.
    pub fn after(&self) -> std::time::Duration {
        self.after
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Connect => "connect",
            TimeoutKind::Attempt => "attempt",
            TimeoutKind::Operation => "operation",
        };
        write!(f, "{what} timeout after {:?}", self.after)
    }
}

impl StdError for TimeoutError {}

/// An error response as it arrived: code, message, request id, status and
/// body. Generated operation error enums classify it by `code()`.
#[derive(Debug, Clone)]
pub struct RawServiceError(Box<RawInner>);

#[derive(Debug, Clone)]
struct RawInner {
    code: String,
    message: Option<String>,
    request_id: Option<String>,
    status: u16,
    body: bytes::Bytes,
    headers: http::HeaderMap,
}

impl RawServiceError {
    /// An error response; protocols build these from what arrived.
    pub fn new(
        code: String,
        message: Option<String>,
        request_id: Option<String>,
        status: u16,
        body: bytes::Bytes,
    ) -> Self {
        RawServiceError(Box::new(RawInner {
            code,
            message,
            request_id,
            status,
            body,
            headers: http::HeaderMap::new(),
        }))
    }

    /// The same error with the response's headers, which HTTP-binding
    /// protocols bind error members to (`@httpHeader` on an error).
    pub fn with_headers(mut self, headers: http::HeaderMap) -> Self {
        self.0.headers = headers;
        self
    }

    /// The response headers (empty unless the protocol kept them).
    pub fn headers(&self) -> &http::HeaderMap {
        &self.0.headers
    }

    /// The error code without namespace or suffix, e.g. `RepositoryNotFoundException`.
    pub fn code(&self) -> &str {
        &self.0.code
    }

    /// The message, when the service sent one.
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.0.status
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// Decodes the body as a modeled error structure.
    pub fn decode_body<T: crate::wire::Decode>(&self) -> Result<T, crate::wire::DecodeError> {
        crate::wire::from_json_slice(&self.0.body)
    }

    /// Whether the standard retry policy retries this error.
    pub fn is_retryable(&self) -> bool {
        crate::retry::classify_response(&self.0.code, self.0.status).is_some()
    }
}

impl fmt::Display for RawServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.message {
            Some(m) => write!(f, "{} (HTTP {}): {m}", self.0.code, self.0.status),
            None => write!(f, "{} (HTTP {})", self.0.code, self.0.status),
        }
    }
}

impl StdError for RawServiceError {}

/// An error the model does not describe for the operation (or a failure
/// converted into the crate-wide error): code, message, request id, status.
#[derive(Debug)]
pub struct Unhandled {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: Option<u16>,
    source: Option<BoxError>,
}

impl Unhandled {
    /// From an error response.
    pub fn from_raw(raw: RawServiceError) -> Self {
        let raw = *raw.0;
        Unhandled {
            code: Some(raw.code),
            message: raw.message,
            request_id: raw.request_id,
            status: Some(raw.status),
            source: None,
        }
    }

    /// From a call that failed before or without a service error.
    pub fn from_sdk_error<E: StdError + Send + Sync + 'static>(err: SdkError<E>) -> Self {
        let request_id = err.request_id().map(str::to_string);
        // The whole chain, so that printing the crate-wide error shows why
        // a call failed (`… Connection refused`), not only that it did.
        let message = Some(error_chain(&err));
        Unhandled {
            code: None,
            message,
            request_id,
            status: None,
            source: Some(Box::new(err)),
        }
    }

    /// An error not in the model, raised by a server implementation: the
    /// client gets a 500 with a generic message; `err` is only logged.
    pub fn from_error(err: impl Into<BoxError>) -> Self {
        let source = err.into();
        Unhandled {
            code: None,
            message: Some(source.to_string()),
            request_id: None,
            status: None,
            source: Some(source),
        }
    }

    /// What a server trait method not implemented returns: the client gets
    /// `NotImplemented` (501) naming the operation.
    pub fn not_implemented(operation: &str) -> Self {
        Unhandled {
            code: Some(NOT_IMPLEMENTED.to_string()),
            message: Some(format!("{operation} is not implemented by this server")),
            request_id: None,
            status: Some(501),
            source: None,
        }
    }

    /// The error code, when the service sent one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

pub(crate) const NOT_IMPLEMENTED: &str = "NotImplemented";

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, &self.message) {
            (Some(c), Some(m)) => write!(f, "{c}: {m}"),
            (Some(c), None) => f.write_str(c),
            (None, Some(m)) => f.write_str(m),
            (None, None) => f.write_str("unhandled error"),
        }?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl StdError for Unhandled {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

pub(crate) fn service_error<E>(err: E, status: u16, request_id: Option<String>) -> SdkError<E> {
    SdkError::Service(ServiceError {
        err,
        status,
        request_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn raw() -> RawServiceError {
        RawServiceError::new(
            "FooError".into(),
            Some("bad".into()),
            Some("req-1".into()),
            400,
            bytes::Bytes::from_static(b"{}"),
        )
    }

    #[test]
    fn display_and_source_chains() {
        let e: SdkError<RawServiceError> = service_error(raw(), 400, Some("req-1".into()));
        assert_eq!(
            e.to_string(),
            "service error (HTTP 400): FooError (HTTP 400): bad"
        );
        assert_eq!(e.request_id(), Some("req-1"));
        assert_eq!(
            StdError::source(&e).unwrap().to_string(),
            "FooError (HTTP 400): bad"
        );

        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset by peer");
        let e: SdkError<RawServiceError> = SdkError::Transport(TransportError::new(
            TransportErrorKind::Io,
            "sending the request failed",
            Some(Box::new(io)),
        ));
        assert_eq!(e.to_string(), "transport error: sending the request failed");
        let transport = StdError::source(&e).unwrap();
        assert_eq!(transport.source().unwrap().to_string(), "reset by peer");

        let e: SdkError<RawServiceError> = SdkError::Timeout(TimeoutError::new(
            TimeoutKind::Attempt,
            Duration::from_millis(5),
        ));
        assert_eq!(e.to_string(), "attempt timeout after 5ms");
        let e: SdkError<RawServiceError> = SdkError::construction("missing field `repositoryName`");
        assert_eq!(
            e.to_string(),
            "request not sent: missing field `repositoryName`"
        );
        assert!(StdError::source(&e).is_some());
        let e: SdkError<RawServiceError> =
            SdkError::decode(crate::wire::from_json_str::<i32>("x").unwrap_err());
        assert!(e.to_string().starts_with("cannot decode the response: "));
    }

    #[test]
    fn display_error_context_walks_the_whole_chain_once() {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "Connection refused");
        let e: SdkError<RawServiceError> = SdkError::Transport(TransportError::new(
            TransportErrorKind::Connect,
            "sending the request failed",
            Some(Box::new(io)),
        ));
        assert!(!e.to_string().contains("refused"));
        // SdkError repeats the transport error's message; it is written once.
        assert_eq!(
            DisplayErrorContext(&e).to_string(),
            "transport error: sending the request failed: Connection refused"
        );
        // An error without a source is just itself.
        assert_eq!(
            DisplayErrorContext(raw()).to_string(),
            "FooError (HTTP 400): bad"
        );
        // Through the crate-wide error's conversion, which keeps the chain in its message.
        let u = Unhandled::from_sdk_error(e);
        assert_eq!(
            u.to_string(),
            "transport error: sending the request failed: Connection refused"
        );
        assert_eq!(DisplayErrorContext(&u).to_string(), u.to_string());
        assert!(StdError::source(&DisplayErrorContext(&u)).is_some());
    }

    #[test]
    fn map_and_unhandled() {
        let e: SdkError<RawServiceError> = service_error(raw(), 400, Some("req-1".into()));
        let mapped = e.map_service_error(Unhandled::from_raw);
        let u = mapped.as_service_error().unwrap();
        assert_eq!(
            (u.code(), u.message(), u.request_id(), u.status()),
            (Some("FooError"), Some("bad"), Some("req-1"), Some(400))
        );
        assert_eq!(u.to_string(), "FooError: bad (request id req-1)");
        let t: SdkError<Unhandled> = SdkError::Timeout(TimeoutError::new(
            TimeoutKind::Operation,
            Duration::from_secs(1),
        ));
        let u = Unhandled::from_sdk_error(t);
        assert_eq!(u.code(), None);
        assert!(StdError::source(&u).is_some());
        assert!(raw().decode_body::<crate::Document>().is_ok());
        assert!(!raw().is_retryable());
    }
}
