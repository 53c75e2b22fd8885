//! Wire protocols, one module each (AWS JSON now; restJson1 and others
//! later), each with both sides of the exchange:
//!
//! - client: the protocol turns an operation's serialized input into an
//!   [`OperationRequest`] (method, path and query relative to the endpoint,
//!   headers, body) and reads an error response into a
//!   [`RawServiceError`](crate::RawServiceError);
//!   [`Handle::send`](crate::Handle::send) does the rest, which no protocol
//!   owns: endpoint, host prefix, user agent, auth, retries, timeouts;
//! - server (feature `server`): the protocol finds the operation a request
//!   names, checks its content type, and writes outputs and errors as
//!   responses; the generated router does the rest.

pub mod aws_json;
pub mod http_binding;
pub mod rest_json;

use crate::auth::AuthScheme;
use bytes::Bytes;

/// A service's wire protocol, as generated code describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Protocol {
    /// AWS JSON 1.0 or 1.1 with its `X-Amz-Target` prefix.
    AwsJson {
        /// `1.0` or `1.1`.
        version: &'static str,
        /// The service shape's name, e.g. `AmazonEC2ContainerRegistry_V20150921`.
        target_prefix: &'static str,
    },
    /// Smithy's `restJson1`: members bound to the method, path, query
    /// string and headers by the HTTP binding traits, the rest in a JSON
    /// body; errors named by `X-Amzn-ErrorType` or the body's `code`.
    RestJson1,
    /// Plain REST with JSON bodies, as OpenAPI documents describe APIs: the
    /// same HTTP bindings as restJson1; the generated code tells errors
    /// apart by status code.
    RestJson,
}

impl Protocol {
    /// Reads an error response the way this protocol names errors.
    pub fn parse_error(&self, response: &http::Response<Bytes>) -> crate::RawServiceError {
        match self {
            Protocol::AwsJson { .. } => aws_json::parse_error(response),
            Protocol::RestJson1 | Protocol::RestJson => rest_json::parse_error(response),
        }
    }
}

#[cfg(feature = "server")]
use crate::server::ServerError;

#[cfg(feature = "server")]
impl Protocol {
    /// Server: the operation a request names, after checking the method
    /// and content type the protocol requires.
    pub fn server_operation<'r>(
        &self,
        request: &'r http::Request<Bytes>,
    ) -> Result<&'r str, ServerError> {
        match self {
            Protocol::AwsJson {
                version,
                target_prefix,
            } => aws_json::server_operation(version, target_prefix, request),
            // REST services route by method and path, which only the
            // generated router knows; the runtime has no REST router yet.
            Protocol::RestJson1 | Protocol::RestJson => {
                Err(ServerError::UnknownOperation(format!(
                    "{} {} (restJson1 servers are not generated yet)",
                    request.method(),
                    request.uri().path()
                )))
            }
        }
    }

    /// Server: how this protocol's clients expect authentication errors named.
    pub fn error_code_family(&self) -> crate::server::auth::ErrorCodeFamily {
        match self {
            Protocol::AwsJson { .. } | Protocol::RestJson1 | Protocol::RestJson => {
                crate::server::auth::ErrorCodeFamily::Json
            }
        }
    }

    /// Server: decodes an operation's input from a request body, strictly
    /// (a repeated key or a wrong type is an error, not a guess).
    pub fn decode_input<T: crate::wire::Decode>(&self, body: &[u8]) -> Result<T, ServerError> {
        match self {
            Protocol::AwsJson { .. } | Protocol::RestJson1 | Protocol::RestJson => {
                crate::wire::from_json_slice_strict(body)
                    .map_err(|e| ServerError::Serialization(e.to_string()))
            }
        }
    }

    /// Server: encodes an operation's output or error members.
    pub fn encode<T: crate::wire::Encode>(&self, value: &T) -> Result<Vec<u8>, ServerError> {
        match self {
            Protocol::AwsJson { .. } | Protocol::RestJson1 | Protocol::RestJson => {
                crate::wire::to_json_body(value).map_err(|e| {
                    ServerError::Internal(format!("the output cannot be encoded: {e}"))
                })
            }
        }
    }

    /// Server: a modeled error (`code` is the error shape's name) with its
    /// members encoded; an error that cannot be encoded is a 500.
    pub fn modeled_error<T: crate::wire::Encode>(
        &self,
        code: &'static str,
        status: u16,
        error: &T,
    ) -> ServerError {
        match self.encode(error) {
            Ok(body) => ServerError::Modeled(crate::server::ModeledError { code, status, body }),
            Err(e) => e,
        }
    }

    /// Server: the response of a success whose output `encode` wrote.
    pub fn server_response(&self, body: Vec<u8>) -> http::Response<Bytes> {
        match self {
            Protocol::AwsJson { version, .. } => aws_json::server_response(version, body),
            Protocol::RestJson1 | Protocol::RestJson => rest_json::server_response(body),
        }
    }

    /// Server: the response for an error.
    pub fn server_error(&self, error: &ServerError) -> http::Response<Bytes> {
        match self {
            Protocol::AwsJson { version, .. } => aws_json::server_error(version, error),
            Protocol::RestJson1 | Protocol::RestJson => rest_json::server_error(error),
        }
    }
}

/// One operation's request as its protocol builds it, before the endpoint
/// is known: [`Handle::send`](crate::Handle::send) puts the endpoint's
/// scheme, authority and base path in front of `path_and_query`, adds
/// `host`, `content-length` and the user agent, and authenticates it.
#[derive(Clone, Debug)]
pub struct OperationRequest {
    /// The HTTP method.
    pub method: http::Method,
    /// Path (starting with `/`) and query, relative to the endpoint's path.
    pub path_and_query: String,
    /// Protocol and operation headers (content type, target, bound members).
    pub headers: http::HeaderMap,
    /// The serialized body.
    pub body: Bytes,
    /// A prefix for the endpoint's host (`@endpoint(hostPrefix)`, labels
    /// already expanded), e.g. `data-`.
    pub host_prefix: Option<String>,
    /// The auth schemes of this operation when they differ from the
    /// service's (`@auth`, `@optionalAuth` on the operation).
    pub auth: Option<&'static [AuthScheme]>,
    /// The encodings the operation accepts compressed bodies in
    /// (`@requestCompression`), in order of preference.
    pub compression: &'static [&'static str],
}

impl OperationRequest {
    /// A request with no headers, host prefix or auth override.
    pub fn new(method: http::Method, path_and_query: impl Into<String>, body: Bytes) -> Self {
        OperationRequest {
            method,
            path_and_query: path_and_query.into(),
            headers: http::HeaderMap::new(),
            body,
            host_prefix: None,
            auth: None,
            compression: &[],
        }
    }

    /// Adds a header whose name and value are known to be valid (generated
    /// names and protocol constants).
    pub fn with_static_header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.insert(
            http::HeaderName::from_static(name),
            http::HeaderValue::from_static(value),
        );
        self
    }

    /// The full request for `endpoint`: its scheme and authority (with the
    /// host prefix), its path joined with this request's, and a `host`
    /// header (set here rather than by hyper because it is signed).
    pub fn into_http(self, endpoint: &http::Uri) -> Result<http::Request<Bytes>, http::Error> {
        let host = endpoint.host().unwrap_or_default();
        let host = match &self.host_prefix {
            Some(prefix) => format!("{prefix}{host}"),
            None => host.to_string(),
        };
        let authority = match endpoint.port_u16() {
            Some(port) => format!("{host}:{port}"),
            None => host.clone(),
        };
        let host_header = match (endpoint.port_u16(), endpoint.scheme_str()) {
            (Some(443), Some("https")) | (Some(80), Some("http")) | (None, _) => host,
            (Some(port), _) => format!("{host}:{port}"),
        };
        let uri = http::Uri::builder()
            .scheme(endpoint.scheme_str().unwrap_or("https"))
            .authority(authority)
            .path_and_query(join_paths(endpoint.path(), &self.path_and_query))
            .build()?;
        let mut request = http::Request::builder()
            .method(self.method)
            .uri(uri)
            .body(self.body)?;
        let headers = request.headers_mut();
        *headers = self.headers;
        headers.insert(
            http::header::HOST,
            http::HeaderValue::try_from(host_header)?,
        );
        // A bodiless GET, HEAD, DELETE or OPTIONS carries no Content-Length
        // (the restJson1 tests require its absence); methods that take a
        // body say `0` when it is empty.
        let len = request.body().len();
        let takes_body = !matches!(
            *request.method(),
            http::Method::GET | http::Method::HEAD | http::Method::DELETE | http::Method::OPTIONS
        );
        if len > 0 || takes_body {
            request
                .headers_mut()
                .insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(len));
        }
        Ok(request)
    }
}

/// The endpoint's base path followed by the operation's path, as Smithy's
/// protocol tests define it: `/custom` and `/` give `/custom/`, `/base/`
/// and `/things?x=1` give `/base/things?x=1`, `` and `/` give `/`.
fn join_paths(base: &str, relative: &str) -> String {
    let base = base.trim_end_matches('/');
    if relative.starts_with('/') {
        format!("{base}{relative}")
    } else {
        format!("{base}/{relative}")
    }
}

/// The request id AWS services put in a response header, under one of
/// the names they use.
pub fn request_id(response: &http::Response<Bytes>) -> Option<String> {
    request_id_from(response.headers())
}

/// [`request_id`] from a header map.
pub fn request_id_from(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id", "x-amzn-request-id"]
        .iter()
        .find_map(|h| headers.get(*h))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// An error code without its namespace or suffix:
/// `aws.protocoltests.restjson#FooError:http://internal.amazon.com/...` → `FooError`.
pub fn sanitize_error_code(raw: &str) -> &str {
    let without_suffix = raw.split(':').next().unwrap_or(raw);
    without_suffix
        .rsplit('#')
        .next()
        .unwrap_or(without_suffix)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_under_the_endpoint() {
        for (base, rel, want) in [
            ("", "/", "/"),
            ("/", "/", "/"),
            ("/base", "/", "/base/"),
            ("/base/", "/things/1?x=1", "/base/things/1?x=1"),
            ("/base", "/?x=1", "/base/?x=1"),
            ("", "/things", "/things"),
        ] {
            assert_eq!(join_paths(base, rel), want, "{base} + {rel}");
        }
    }

    #[test]
    fn host_prefix_and_host_header() {
        let mut req = OperationRequest::new(http::Method::POST, "/", Bytes::from_static(b"{}"));
        req.host_prefix = Some("data-".into());
        let endpoint: http::Uri = "https://example.com:443/custom".parse().unwrap();
        let http = req.into_http(&endpoint).unwrap();
        assert_eq!(
            http.uri().to_string(),
            "https://data-example.com:443/custom/"
        );
        assert_eq!(http.headers()["host"], "data-example.com");
        assert_eq!(http.headers()["content-length"], "2");
        let req = OperationRequest::new(http::Method::GET, "/x", Bytes::new());
        let http = req
            .into_http(&"http://127.0.0.1:5000".parse().unwrap())
            .unwrap();
        assert_eq!(http.headers()["host"], "127.0.0.1:5000");
        assert_eq!(http.uri().to_string(), "http://127.0.0.1:5000/x");
    }
}
