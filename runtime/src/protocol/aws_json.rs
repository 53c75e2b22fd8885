//! AWS JSON 1.0 / 1.1: every operation is `POST /` with an `X-Amz-Target`
//! header naming it and a JSON body; errors are named by the
//! `X-Amzn-ErrorType` header or the body's `__type` (or `code`).

use super::{request_id, sanitize_error_code};
use crate::error::RawServiceError;
use bytes::Bytes;

/// The request of one operation, before signing: `POST` to the endpoint's
/// path, `Content-Type: application/x-amz-json-{version}`,
/// `X-Amz-Target: {target}` (e.g. `AmazonEC2ContainerRegistry_V20150921.ListImages`).
pub fn build_request(
    endpoint: &http::Uri,
    version: &str,
    target: &str,
    body: Vec<u8>,
) -> Result<http::Request<Bytes>, http::Error> {
    let content_type = if version == "1.0" {
        "application/x-amz-json-1.0"
    } else {
        "application/x-amz-json-1.1"
    };
    let path = match endpoint.path() {
        "" => "/",
        p => p,
    };
    let authority = endpoint.authority().map(|a| a.as_str()).unwrap_or_default();
    let uri = http::Uri::builder()
        .scheme(endpoint.scheme_str().unwrap_or("https"))
        .authority(authority)
        .path_and_query(path)
        .build()?;
    // `host` is set here, not by hyper, because it must be signed.
    let host = host_header(endpoint);
    let len = body.len();
    http::Request::builder()
        .method(http::Method::POST)
        .uri(uri)
        .header(http::header::HOST, host)
        .header(http::header::CONTENT_TYPE, content_type)
        .header("x-amz-target", target)
        .header(http::header::CONTENT_LENGTH, len)
        .body(Bytes::from(body))
}

/// The `host` header: the authority without user info, and without a port
/// that is the scheme's default (as HTTP clients send it).
fn host_header(endpoint: &http::Uri) -> String {
    let host = endpoint.host().unwrap_or_default();
    match (endpoint.port_u16(), endpoint.scheme_str()) {
        (Some(443), Some("https")) | (Some(80), Some("http")) | (None, _) => host.to_string(),
        (Some(port), _) => format!("{host}:{port}"),
    }
}

/// Reads an error response: the code from the `X-Amzn-ErrorType` header or
/// the body's `__type` / `code`, with any `namespace#` prefix and `:suffix`
/// removed (`Http{status}` when neither says); the message from `message`,
/// `Message` or `errorMessage`; the request id from the response headers.
pub fn parse_error(response: &http::Response<Bytes>) -> RawServiceError {
    let body = response.body().clone();
    let json: Option<crate::Document> = crate::wire::from_json_slice(&body).ok();
    let field = |names: &[&str]| -> Option<String> {
        let object = json.as_ref()?.as_object()?;
        names
            .iter()
            .find_map(|k| object.get(*k)?.as_str())
            .map(str::to_string)
    };
    let header_code = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let code = header_code
        .or_else(|| field(&["__type", "code", "Code"]))
        .map(|c| sanitize_error_code(&c).to_string())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| format!("Http{}", response.status().as_u16()));
    let message = field(&["message", "Message", "errorMessage"]);
    RawServiceError::new(
        code,
        message,
        request_id(response),
        response.status().as_u16(),
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Bytes> {
        let mut b = http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Bytes::from(body.to_string())).unwrap()
    }

    #[test]
    fn error_code_forms() {
        for (raw, want) in [
            ("FooError", "FooError"),
            ("aws.protocoltests.restjson#FooError", "FooError"),
            ("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
            ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
        ] {
            assert_eq!(sanitize_error_code(raw), want, "{raw}");
            let from_body = parse_error(&response(400, &[], &format!(r#"{{"__type":"{raw}"}}"#)));
            assert_eq!(from_body.code(), want, "body {raw}");
            let from_header = parse_error(&response(400, &[("X-Amzn-ErrorType", raw)], "{}"));
            assert_eq!(from_header.code(), want, "header {raw}");
        }
        // `code` in the body is the other spelling some services use.
        assert_eq!(
            parse_error(&response(400, &[], r#"{"code":"BarError"}"#)).code(),
            "BarError"
        );
        // The header wins over the body.
        let e = parse_error(&response(
            400,
            &[("x-amzn-errortype", "FromHeader")],
            r#"{"__type":"FromBody"}"#,
        ));
        assert_eq!(e.code(), "FromHeader");
    }

    #[test]
    fn message_request_id_status_and_body() {
        let body = r#"{"__type":"com.amazonaws.ecr#RepositoryNotFoundException","message":"gone"}"#;
        let e = parse_error(&response(400, &[("x-amzn-RequestId", "r-1")], body));
        assert_eq!(
            (e.code(), e.message(), e.request_id(), e.status()),
            (
                "RepositoryNotFoundException",
                Some("gone"),
                Some("r-1"),
                400
            )
        );
        assert_eq!(e.body(), body.as_bytes());
        assert_eq!(
            parse_error(&response(400, &[], r#"{"__type":"X","Message":"M"}"#)).message(),
            Some("M")
        );
        assert_eq!(
            parse_error(&response(400, &[], r#"{"__type":"X","errorMessage":"E"}"#)).message(),
            Some("E")
        );
        let e = parse_error(&response(400, &[("x-amz-request-id", "r-2")], "{}"));
        assert_eq!(e.request_id(), Some("r-2"));
        let e = parse_error(&response(503, &[], "<html>busy</html>"));
        assert_eq!((e.code(), e.message()), ("Http503", None));
        assert!(e.is_retryable());
        assert_eq!(parse_error(&response(400, &[], "[1,2]")).code(), "Http400");
    }

    #[test]
    fn request_shape() {
        let endpoint: http::Uri = "http://127.0.0.1:5000".parse().unwrap();
        let req = build_request(&endpoint, "1.1", "Svc.Op", b"{}".to_vec()).unwrap();
        assert_eq!(req.method(), http::Method::POST);
        assert_eq!(req.uri().to_string(), "http://127.0.0.1:5000/");
        assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.1");
        assert_eq!(req.headers()["x-amz-target"], "Svc.Op");
        assert_eq!(req.headers()["host"], "127.0.0.1:5000");
        assert_eq!(req.headers()["content-length"], "2");
        assert_eq!(req.body().as_ref(), b"{}");
        let endpoint: http::Uri = "https://api.ecr.us-east-1.amazonaws.com:443/base"
            .parse()
            .unwrap();
        let req = build_request(&endpoint, "1.0", "Svc.Op", Vec::new()).unwrap();
        assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.0");
        assert_eq!(req.headers()["host"], "api.ecr.us-east-1.amazonaws.com");
        assert_eq!(req.uri().path(), "/base");
    }
}
