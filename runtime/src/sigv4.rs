//! AWS Signature Version 4 for request headers.

use crate::{Credentials, DateTime};
use ring::{digest, hmac};
use std::fmt::Write as _;

/// Headers a proxy or client may change in flight: never signed.
const UNSIGNED: &[&str] = &[
    "user-agent",
    "expect",
    "transfer-encoding",
    "x-amzn-trace-id",
    "authorization",
];

/// What to sign for: the credential scope.
#[derive(Clone, Debug)]
pub struct SigningParams<'a> {
    /// Credentials to sign with.
    pub credentials: &'a Credentials,
    /// Region of the scope, e.g. `us-east-1`.
    pub region: &'a str,
    /// Signing name of the service, e.g. `ecr`.
    pub service: &'a str,
    /// The signing time (injected, so tests can fix it).
    pub time: DateTime,
}

/// Signs `request` in place: adds `X-Amz-Date`, `X-Amz-Security-Token` when
/// the credentials carry one, and `Authorization`. Every header already on the
/// request (except the unsigned ones above) is signed, so set `host` and
/// `content-length` first.
pub fn sign(request: &mut http::Request<bytes::Bytes>, params: &SigningParams<'_>) {
    let amz_date = params.time.to_amz_date();
    let headers = request.headers_mut();
    headers.remove(http::header::AUTHORIZATION);
    headers.insert("x-amz-date", header_value(&amz_date));
    if let Some(token) = params.credentials.session_token() {
        headers.insert("x-amz-security-token", header_value(token));
    }
    let (canonical, signed_headers) = canonical_request(request);
    let date = &amz_date[..8];
    let scope = format!("{date}/{}/{}/aws4_request", params.region, params.service);
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref())
    );
    let key = signing_key(
        params.credentials.secret_access_key(),
        date,
        params.region,
        params.service,
    );
    let signature = hex(hmac::sign(&key, string_to_sign.as_bytes()).as_ref());
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        params.credentials.access_key_id()
    );
    request
        .headers_mut()
        .insert(http::header::AUTHORIZATION, header_value(&authorization));
}

fn header_value(s: &str) -> http::HeaderValue {
    // Every value passed here is built from ASCII (dates, hex, ids); a token
    // with bytes HTTP forbids would be rejected by the service anyway.
    http::HeaderValue::from_str(s).unwrap_or_else(|_| http::HeaderValue::from_static(""))
}

/// The derived key for a date, region and service.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> hmac::Key {
    let k = |key: &[u8], data: &str| {
        hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data.as_bytes())
    };
    let k_date = k(format!("AWS4{secret}").as_bytes(), date);
    let k_region = k(k_date.as_ref(), region);
    let k_service = k(k_region.as_ref(), service);
    let k_signing = k(k_service.as_ref(), "aws4_request");
    hmac::Key::new(hmac::HMAC_SHA256, k_signing.as_ref())
}

/// The canonical request and the `SignedHeaders` list.
pub fn canonical_request(request: &http::Request<bytes::Bytes>) -> (String, String) {
    let uri = request.uri();
    let mut out = String::new();
    out.push_str(request.method().as_str());
    out.push('\n');
    out.push_str(&canonical_uri(uri.path()));
    out.push('\n');
    out.push_str(&canonical_query(uri.query().unwrap_or("")));
    out.push('\n');
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in request.headers() {
        let name = name.as_str().to_ascii_lowercase();
        if UNSIGNED.contains(&name.as_str()) {
            continue;
        }
        let value = String::from_utf8_lossy(value.as_bytes());
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        match headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) => {
                existing.push(',');
                existing.push_str(&value);
            }
            None => headers.push((name, value)),
        }
    }
    headers.sort();
    for (name, value) in &headers {
        let _ = writeln!(out, "{name}:{value}");
    }
    out.push('\n');
    let signed: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    let signed = signed.join(";");
    out.push_str(&signed);
    out.push('\n');
    out.push_str(&hex(
        digest::digest(&digest::SHA256, request.body()).as_ref()
    ));
    (out, signed)
}

/// The path, each segment URI-encoded (empty path is `/`).
fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    path.split('/')
        .map(|seg| uri_encode(&percent_decode(seg)))
        .collect::<Vec<_>>()
        .join("/")
}

fn canonical_query(query: &str) -> String {
    if query.is_empty() {
        return String::new();
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                uri_encode(&percent_decode(k)),
                uri_encode(&percent_decode(v)),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// RFC 3986 encoding: everything but unreserved characters.
pub fn uri_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.map(String::from),
        )
    }

    fn signed(method: &str, uri: &str, body: &str, token: Option<&str>) -> String {
        let mut req = http::Request::builder()
            .method(method)
            .uri(uri)
            .header("host", "example.amazonaws.com")
            .body(bytes::Bytes::from(body.to_string()))
            .unwrap();
        let c = creds(token);
        let time = DateTime::from_rfc3339("2015-08-30T12:36:00Z").unwrap();
        sign(
            &mut req,
            &SigningParams {
                credentials: &c,
                region: "us-east-1",
                service: "service",
                time,
            },
        );
        req.headers()["authorization"].to_str().unwrap().to_string()
    }

    // Vectors from the AWS SigV4 test suite (get-vanilla, post-vanilla,
    // get-vanilla-query-order-key-case, post-sts-header-after).
    #[test]
    fn aws_test_suite_vectors() {
        assert_eq!(
            signed("GET", "/", "", None),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert_eq!(
            signed("POST", "/", "", None),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"
        );
        assert_eq!(
            signed("GET", "/?Param2=value2&Param1=value1", "", None),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
        );
        assert_eq!(
            signed("POST", "/", "", Some("AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==")),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"
        );
    }

    #[test]
    fn encoding() {
        assert_eq!(uri_encode("a b/c~"), "a%20b%2Fc~");
        assert_eq!(canonical_query("b=2&a=1&a=0"), "a=0&a=1&b=2");
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_uri("/a b%2F"), "/a%20b%2F");
    }
}
