//! AWS JSON 1.0 / 1.1: `POST /` with `X-Amz-Target`, JSON bodies, errors
//! named by `__type` or `X-Amzn-ErrorType`.

use crate::error::RawServiceError;
use bytes::Bytes;

/// The request of one operation, before signing.
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
    let uri = http::Uri::builder()
        .scheme(endpoint.scheme_str().unwrap_or("https"))
        .authority(endpoint.authority().map(|a| a.as_str()).unwrap_or(""))
        .path_and_query(path)
        .build()?;
    let host = endpoint
        .authority()
        .map(|a| a.as_str().to_string())
        .unwrap_or_default();
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

/// Reads an error response: the code from `__type` (body) or the
/// `X-Amzn-ErrorType` header, with any `namespace#` prefix and `:suffix`
/// removed; the message from `message`, `Message` or `errorMessage`.
pub fn parse_error(response: &http::Response<Bytes>) -> RawServiceError {
    let body = response.body().clone();
    let json: Option<serde_json::Value> = serde_json::from_slice(&body).ok();
    let header_code = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok());
    let body_code = json
        .as_ref()
        .and_then(|j| {
            j.get("__type")
                .or_else(|| j.get("code"))
                .or_else(|| j.get("Code"))
        })
        .and_then(|v| v.as_str());
    let code = header_code
        .or(body_code)
        .map(sanitize_code)
        .unwrap_or_else(|| format!("Http{}", response.status().as_u16()));
    let message = json.as_ref().and_then(|j| {
        ["message", "Message", "errorMessage"]
            .iter()
            .find_map(|k| j.get(*k).and_then(|v| v.as_str()))
            .map(str::to_string)
    });
    RawServiceError::new(
        code,
        message,
        request_id(response),
        response.status().as_u16(),
        body,
    )
}

/// `aws.protocoltests#FooError:http://internal/...` → `FooError`.
pub fn sanitize_code(raw: &str) -> String {
    let without_suffix = raw.split(':').next().unwrap_or(raw);
    without_suffix
        .rsplit('#')
        .next()
        .unwrap_or(without_suffix)
        .trim()
        .to_string()
}

/// The request id headers AWS services use.
pub fn request_id(response: &http::Response<Bytes>) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id", "x-amzn-request-id"]
        .iter()
        .find_map(|h| response.headers().get(*h))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
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
    fn error_codes_in_every_form() {
        assert_eq!(
            sanitize_code("aws.protocoltests.restjson#FooError"),
            "FooError"
        );
        assert_eq!(
            sanitize_code("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            "FooError"
        );
        assert_eq!(
            sanitize_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/"),
            "FooError"
        );
        let e = parse_error(&response(
            400,
            &[("x-amzn-requestid", "r-1")],
            r#"{"__type":"com.amazonaws.ecr#RepositoryNotFoundException","message":"gone"}"#,
        ));
        assert_eq!(
            (e.code(), e.message(), e.request_id(), e.status()),
            (
                "RepositoryNotFoundException",
                Some("gone"),
                Some("r-1"),
                400
            )
        );
        let e = parse_error(&response(
            400,
            &[("X-Amzn-ErrorType", "FooError:http://x/")],
            r#"{"Message":"m"}"#,
        ));
        assert_eq!((e.code(), e.message()), ("FooError", Some("m")));
        let e = parse_error(&response(503, &[], "<html>"));
        assert_eq!(e.code(), "Http503");
        assert!(e.is_retryable());
    }

    #[test]
    fn request_shape() {
        let endpoint: http::Uri = "http://127.0.0.1:5000".parse().unwrap();
        let req = build_request(&endpoint, "1.1", "Svc.Op", b"{}".to_vec()).unwrap();
        assert_eq!(req.uri().to_string(), "http://127.0.0.1:5000/");
        assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.1");
        assert_eq!(req.headers()["host"], "127.0.0.1:5000");
        assert_eq!(req.headers()["content-length"], "2");
    }
}
