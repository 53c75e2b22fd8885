//! Support for the protocol tests apigen generates from a model's
//! `smithy.test#httpRequestTests` / `httpResponseTests` (the
//! `protocol_tests` module of a generated crate, run by `apigen
//! conformance`): a transport that records the request and answers with a
//! fixed response, and the comparisons the Smithy specification defines for
//! protocol tests (JSON bodies compared as JSON values, headers and query
//! parameters by presence and value). Not an API for programs.

use crate::error::TransportError;
use crate::http::{BoxFuture, HttpClient};
use crate::Document;
use bytes::Bytes;
use std::sync::{Arc, Mutex};

/// Runs a future to completion on a current-thread runtime with timers.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a current-thread runtime")
        .block_on(future)
}

/// An [`HttpClient`] that records each request and answers every one with
/// the same response.
#[derive(Clone)]
pub struct Capture {
    seen: Arc<Mutex<Vec<http::Request<Bytes>>>>,
    status: u16,
    headers: Vec<(&'static str, &'static str)>,
    body: &'static [u8],
}

impl Capture {
    /// Answers with `status`, `headers` and `body`.
    pub fn answering(
        status: u16,
        headers: &[(&'static str, &'static str)],
        body: &'static [u8],
    ) -> Self {
        Capture {
            seen: Arc::default(),
            status,
            headers: headers.to_vec(),
            body,
        }
    }

    /// The last request sent; panics when none was.
    pub fn request(&self) -> http::Request<Bytes> {
        self.seen
            .lock()
            .unwrap()
            .pop()
            .expect("the client sent no request")
    }

    /// A client configuration sending through this capture to `endpoint`,
    /// with test credentials, `us-east-1` and no retries.
    pub fn config(&self, endpoint: &str) -> crate::Config {
        crate::Config::builder()
            .http_client(Arc::new(self.clone()))
            .endpoint_url(endpoint)
            .region("us-east-1")
            .credentials(crate::Credentials::new("AKIDTEST", "test-secret", None))
            .retry(crate::RetryConfig::disabled())
            // The token Smithy's protocol tests expect for unset members.
            .fixed_idempotency_token("00000000-0000-4000-8000-000000000000")
            .build()
    }
}

impl HttpClient for Capture {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        self.seen.lock().unwrap().push(request);
        let mut response = http::Response::builder().status(self.status);
        for (k, v) in &self.headers {
            response = response.header(*k, *v);
        }
        let response = response
            .body(Bytes::from_static(self.body))
            .expect("a valid test response");
        Box::pin(std::future::ready(Ok(response)))
    }
}

/// What a request case expects of the request.
#[derive(Debug, Default)]
pub struct ExpectedRequest<'a> {
    /// The method.
    pub method: &'a str,
    /// The path (the query is checked through the query lists).
    pub uri: &'a str,
    /// The host the request goes to, when the case says.
    pub host: Option<&'a str>,
    /// `name=value` pairs (percent-encoded as sent) that must be in the query.
    pub query_params: &'a [&'a str],
    /// Query parameter names that must be absent.
    pub forbid_query_params: &'a [&'a str],
    /// Query parameter names that must be present.
    pub require_query_params: &'a [&'a str],
    /// Headers that must have exactly these values.
    pub headers: &'a [(&'a str, &'a str)],
    /// Headers that must be absent.
    pub forbid_headers: &'a [&'a str],
    /// Headers that must be present.
    pub require_headers: &'a [&'a str],
    /// The body, when the case gives one.
    pub body: Option<&'a str>,
    /// The body's media type: JSON ones are compared as JSON values.
    pub body_media_type: Option<&'a str>,
}

/// Checks `request` against `expected`; the error lists every difference.
pub fn check_request(
    request: &http::Request<Bytes>,
    expected: &ExpectedRequest<'_>,
) -> Result<(), String> {
    let mut problems = Vec::new();
    if request.method().as_str() != expected.method {
        problems.push(format!(
            "method {} instead of {}",
            request.method(),
            expected.method
        ));
    }
    if request.uri().path() != expected.uri {
        problems.push(format!(
            "path {} instead of {}",
            request.uri().path(),
            expected.uri
        ));
    }
    if let Some(host) = expected.host {
        let got = request
            .headers()
            .get(http::header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if got != host {
            problems.push(format!("host {got} instead of {host}"));
        }
    }
    let pairs: Vec<&str> = request
        .uri()
        .query()
        .map(|q| q.split('&').filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let name_of = |p: &str| p.split('=').next().unwrap_or_default().to_string();
    for want in expected.query_params {
        if !pairs.contains(want) {
            problems.push(format!("query lacks {want} (query: {pairs:?})"));
        }
    }
    for name in expected.forbid_query_params {
        if pairs.iter().any(|p| name_of(p) == *name) {
            problems.push(format!("query has forbidden {name}"));
        }
    }
    for name in expected.require_query_params {
        if !pairs.iter().any(|p| name_of(p) == *name) {
            problems.push(format!("query lacks required {name}"));
        }
    }
    problems.extend(check_headers(
        request.headers(),
        expected.headers,
        expected.forbid_headers,
        expected.require_headers,
    ));
    if let Some(body) = expected.body {
        if let Err(e) = check_body(request.body(), body, expected.body_media_type) {
            problems.push(e);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Header checks shared by requests and responses.
pub fn check_headers(
    actual: &http::HeaderMap,
    exact: &[(&str, &str)],
    forbid: &[&str],
    require: &[&str],
) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, value) in exact {
        let got: Vec<&str> = actual
            .get_all(*name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        // Several header lines are one comma-separated list.
        if got.join(", ") != *value {
            problems.push(format!("header {name} is {got:?}, expected {value:?}"));
        }
    }
    for name in forbid {
        if actual.contains_key(*name) {
            problems.push(format!("header {name} must be absent"));
        }
    }
    for name in require {
        if !actual.contains_key(*name) {
            problems.push(format!("header {name} is missing"));
        }
    }
    problems
}

/// Compares a body: as JSON values when the media type is JSON, else byte
/// for byte. An expected empty body accepts an empty one (or `{}` for JSON,
/// which AWS JSON clients send for empty input).
pub fn check_body(actual: &[u8], expected: &str, media_type: Option<&str>) -> Result<(), String> {
    let json = media_type.is_some_and(|t| t == "application/json" || t.ends_with("+json"));
    if !json {
        return if actual == expected.as_bytes() {
            Ok(())
        } else {
            Err(format!(
                "body {:?} instead of {expected:?}",
                String::from_utf8_lossy(actual)
            ))
        };
    }
    let parse = |text: &[u8], which: &str| -> Result<Document, String> {
        let text = std::str::from_utf8(text).map_err(|e| format!("{which} body: {e}"))?;
        if text.trim().is_empty() {
            return Ok(Document::Object(Default::default()));
        }
        crate::wire::from_json_str(text).map_err(|e| format!("{which} body is not JSON: {e}"))
    };
    let (got, want) = (
        parse(actual, "actual")?,
        parse(expected.as_bytes(), "expected")?,
    );
    if json_equal(&got, &want) {
        Ok(())
    } else {
        Err(format!(
            "body {} instead of {expected}",
            String::from_utf8_lossy(actual)
        ))
    }
}

/// JSON value equality: objects regardless of key order, numbers by value
/// (`1` equals `1.0`), NaN equal to NaN.
pub fn json_equal(a: &Document, b: &Document) -> bool {
    match (a, b) {
        (Document::Object(x), Document::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        (Document::Array(x), Document::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| json_equal(v, w))
        }
        (Document::Number(_), Document::Number(_)) => {
            let (x, y) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x.is_nan() && y.is_nan())
        }
        _ => a == b,
    }
}

/// Equality of decoded values as the protocol tests mean it: `==`, or the
/// same `Debug` text (NaN floats are unequal to themselves under `==`).
pub fn check_same<T: PartialEq + std::fmt::Debug>(actual: &T, expected: &T) -> Result<(), String> {
    if actual == expected || format!("{actual:?}") == format!("{expected:?}") {
        Ok(())
    } else {
        Err(format!("got {actual:#?}\nexpected {expected:#?}"))
    }
}

/// A router's whole response body.
#[cfg(feature = "server")]
pub async fn collect(body: crate::server::ResponseBody) -> Bytes {
    use http_body_util::BodyExt as _;
    match body.collect().await {
        Ok(c) => c.to_bytes(),
        Err(never) => match never {},
    }
}

/// A document from JSON text (test parameters of document members).
pub fn document(json: &str) -> Document {
    crate::wire::from_json_str(json).expect("the test's document is JSON")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_bodies_compare_as_values() {
        let t = Some("application/json");
        assert!(check_body(br#"{"a":1,"b":[1.0,"x"]}"#, r#"{"b":[1,"x"],"a":1.0}"#, t).is_ok());
        assert!(check_body(br#"{"a":1}"#, r#"{"a":2}"#, t).is_err());
        assert!(check_body(br#"{"a":1}"#, r#"{"a":1,"b":null}"#, t).is_err());
        assert!(check_body(b"{}", "", t).is_ok());
        assert!(check_body(b"abc", "abc", Some("text/plain")).is_ok());
        assert!(check_body(b"abc", "abd", None).is_err());
    }

    #[test]
    fn headers_and_queries() {
        let request = http::Request::builder()
            .method("POST")
            .uri("https://h/p?a=1&b=2")
            .header("x-one", "1")
            .header("x-list", "a")
            .header("x-list", "b")
            .body(Bytes::new())
            .unwrap();
        let ok = ExpectedRequest {
            method: "POST",
            uri: "/p",
            query_params: &["a=1"],
            forbid_query_params: &["c"],
            require_query_params: &["b"],
            headers: &[("x-one", "1"), ("x-list", "a, b")],
            forbid_headers: &["x-none"],
            require_headers: &["x-one"],
            ..Default::default()
        };
        check_request(&request, &ok).unwrap();
        let bad = ExpectedRequest {
            method: "GET",
            uri: "/q",
            query_params: &["a=2"],
            forbid_query_params: &["a"],
            headers: &[("x-one", "2")],
            require_headers: &["x-two"],
            ..Default::default()
        };
        let e = check_request(&request, &bad).unwrap_err();
        assert_eq!(e.matches("; ").count(), 5, "{e}");
    }
}
