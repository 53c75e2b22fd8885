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
    let (version, target_prefix) = match protocol {
        Protocol::AwsJson {
            version,
            target_prefix,
        } => (*version, *target_prefix),
        // A generated AWS JSON crate always describes itself as one; the
        // 1.1 header is the closest a mistaken caller gets.
        _ => ("1.1", ""),
    };
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

/// The media type of AWS JSON `version`, on requests and responses alike.
fn content_type_str(version: &str) -> &'static str {
    if version == "1.0" {
        "application/x-amz-json-1.0"
    } else {
        "application/x-amz-json-1.1"
    }
}

fn content_type(version: &str) -> http::HeaderValue {
    http::HeaderValue::from_static(content_type_str(version))
}

/// Reads an error response: the code from the `X-Amzn-ErrorType` header or
/// the body's `__type` / `code`, with any `namespace#` prefix and `:suffix`
/// removed (`Http{status}` when neither says); the message from `message`,
/// `Message` or `errorMessage`; the request id from the response headers.
pub fn parse_error(response: &http::Response<Bytes>) -> RawServiceError {
    parse_json_error(response, &["__type", "code", "Code"])
}

/// An error response of a JSON protocol, its code from the
/// `X-Amzn-ErrorType` header, else from the first of `code_fields` the body
/// has (each protocol has its own order).
pub(crate) fn parse_json_error(
    response: &http::Response<Bytes>,
    code_fields: &[&str],
) -> RawServiceError {
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
        .or_else(|| field(code_fields))
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

/// Server: checks that `request` is an AWS JSON call of this service
/// (`POST`, the protocol's content type, parameters allowed, and an
/// `X-Amz-Target` of `{target_prefix}.{operation}`) and returns the operation.
#[cfg(feature = "server")]
pub(crate) fn server_operation<'r>(
    version: &str,
    target_prefix: &str,
    request: &'r http::Request<Bytes>,
) -> Result<&'r str, ServerError> {
    if request.method() != http::Method::POST {
        return Err(ServerError::MethodNotAllowed(request.method().clone()));
    }
    let target = request
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ServerError::UnknownOperation("no X-Amz-Target header".into()))?;
    let operation = target
        .strip_prefix(target_prefix)
        .and_then(|rest| rest.strip_prefix('.'))
        .filter(|op| !op.is_empty())
        .ok_or_else(|| ServerError::UnknownOperation(target.to_string()))?;
    let content_type = request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let expected = content_type_str(version);
    let media_type = content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(str::trim);
    match media_type {
        Some(t) if t.eq_ignore_ascii_case(expected) => Ok(operation),
        _ => Err(ServerError::UnsupportedMediaType(
            content_type.unwrap_or_else(|| "(none)".into()),
        )),
    }
}

/// Server: a 200 with the encoded output.
#[cfg(feature = "server")]
pub(crate) fn server_response(version: &str, body: Vec<u8>) -> http::Response<Bytes> {
    json_response(content_type_str(version), body)
}

/// A 200 carrying `body` as `content_type`.
#[cfg(feature = "server")]
pub(crate) fn json_response(content_type: &'static str, body: Vec<u8>) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from(body));
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(content_type),
    );
    response
}

/// Server: an error as AWS JSON clients read it: the status, the code in
/// `X-Amzn-ErrorType` and in the body's `__type`, with the error's members
/// (modeled errors) or a `message` (everything else). The codes and
/// statuses of framework errors are those smithy-rs servers and AWS use.
#[cfg(feature = "server")]
pub(crate) fn server_error(version: &str, error: &ServerError) -> http::Response<Bytes> {
    json_server_error(content_type_str(version), error)
}

/// [`server_error`] for any JSON protocol whose responses are `content_type`.
#[cfg(feature = "server")]
pub(crate) fn json_server_error(
    content_type: &'static str,
    error: &ServerError,
) -> http::Response<Bytes> {
    let (status, code, message): (u16, &str, Option<String>) = match error {
        ServerError::UnknownOperation(what) => (
            400,
            "UnknownOperationException",
            Some(format!("unknown operation {what}")),
        ),
        ServerError::MethodNotAllowed(_) => (405, "UnknownOperationException", None),
        ServerError::UnsupportedMediaType(t) => (
            415,
            "UnsupportedMediaTypeException",
            Some(format!("expected Content-Type {content_type}, found {t}")),
        ),
        ServerError::Serialization(why) => (400, "SerializationException", Some(why.clone())),
        ServerError::PayloadTooLarge(limit) => (
            413,
            "RequestEntityTooLargeException",
            Some(format!("the request body is larger than {limit} bytes")),
        ),
        ServerError::BodyTimeout(_) => (
            408,
            "RequestTimeoutException",
            Some("the request body did not arrive in time".into()),
        ),
        ServerError::Validation(why) => (400, "ValidationException", Some(why.clone())),
        ServerError::Auth(r) => (r.status, r.code, Some(r.message.clone())),
        ServerError::Modeled(e) => {
            let body = with_type(e.code, &e.body);
            return error_response(content_type, e.status, e.code, body);
        }
        // The detail stays in the server's log.
        ServerError::Internal(_) => (500, "InternalFailure", Some("internal server error".into())),
        ServerError::NotImplemented(why) => (501, "NotImplemented", Some(why.clone())),
    };
    let mut w = crate::wire::Writer::new();
    {
        let mut o = w.object();
        o.field("__type", code);
        if let Some(m) = &message {
            o.field("message", m.as_str());
        }
        o.end();
    }
    let body = w.finish().unwrap_or_else(|_| b"{}".to_vec());
    error_response(content_type, status, code, body)
}

#[cfg(feature = "server")]
fn error_response(
    content_type: &'static str,
    status: u16,
    code: &str,
    body: Vec<u8>,
) -> http::Response<Bytes> {
    let mut response = json_response(content_type, body);
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(v) = http::HeaderValue::from_str(code) {
        response.headers_mut().insert("x-amzn-errortype", v);
    }
    response
}

/// `{"__type":"Code",` followed by the members of the encoded object.
#[cfg(feature = "server")]
fn with_type(code: &str, members: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(members.len() + code.len() + 14);
    out.extend_from_slice(b"{\"__type\":\"");
    out.extend_from_slice(code.as_bytes());
    out.push(b'"');
    let inner = members
        .strip_prefix(b"{")
        .and_then(|m| m.strip_suffix(b"}"))
        .unwrap_or_default();
    if !inner.iter().all(u8::is_ascii_whitespace) {
        out.push(b',');
        out.extend_from_slice(inner);
    }
    out.push(b'}');
    out
}

#[cfg(feature = "server")]
use crate::server::ServerError;

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
        assert_eq!(req.uri().path(), "/base/");
    }
}
