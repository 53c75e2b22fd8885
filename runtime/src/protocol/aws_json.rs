//! AWS JSON 1.0 / 1.1: every operation is `POST /` with an `X-Amz-Target`
//! header naming it and a JSON body; errors are named by the
//! `X-Amzn-ErrorType` header or the body's `__type` (or `code`).

use super::{request_id, sanitize_error_code, OperationRequest, Protocol};
use crate::error::RawServiceError;
use bytes::Bytes;

/// The request of one operation: `POST /` (the endpoint's own path),
/// `Content-Type: application/x-amz-json-{version}` and `X-Amz-Target:
/// {target_prefix}.{operation}` (e.g.
/// `AmazonEC2ContainerRegistry_V20150921.ListImages`), `body` the
/// serialized input.
pub fn request(protocol: &Protocol, operation: &str, body: Vec<u8>) -> OperationRequest {
    let Protocol::AwsJson {
        version,
        target_prefix,
    } = protocol;
    let mut request = OperationRequest::new(http::Method::POST, "/", Bytes::from(body));
    request
        .headers
        .insert(http::header::CONTENT_TYPE, content_type(version));
    let target = format!("{target_prefix}.{operation}");
    // Operation names are Smithy identifiers and prefixes shape names:
    // always header-safe, but a bad value is an empty header, never a panic.
    request.headers.insert(
        "x-amz-target",
        http::HeaderValue::try_from(target).unwrap_or(http::HeaderValue::from_static("")),
    );
    request
}

fn content_type(version: &str) -> http::HeaderValue {
    http::HeaderValue::from_static(if version == "1.0" {
        "application/x-amz-json-1.0"
    } else {
        "application/x-amz-json-1.1"
    })
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
        let protocol = Protocol::AwsJson {
            version: "1.1",
            target_prefix: "Svc",
        };
        let req = request(&protocol, "Op", b"{}".to_vec())
            .into_http(&"http://127.0.0.1:5000".parse().unwrap())
            .unwrap();
        assert_eq!(req.method(), http::Method::POST);
        assert_eq!(req.uri().to_string(), "http://127.0.0.1:5000/");
        assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.1");
        assert_eq!(req.headers()["x-amz-target"], "Svc.Op");
        assert_eq!(req.headers()["host"], "127.0.0.1:5000");
        assert_eq!(req.headers()["content-length"], "2");
        assert_eq!(req.body().as_ref(), b"{}");
        let protocol = Protocol::AwsJson {
            version: "1.0",
            target_prefix: "Svc",
        };
        let req = request(&protocol, "Op", Vec::new())
            .into_http(
                &"https://api.ecr.us-east-1.amazonaws.com:443/base"
                    .parse()
                    .unwrap(),
            )
            .unwrap();
        assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.0");
        assert_eq!(req.headers()["host"], "api.ecr.us-east-1.amazonaws.com");
        assert_eq!(req.uri().path(), "/base");
    }
}
