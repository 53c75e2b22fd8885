//! Wire protocols, one module each (AWS JSON now; restJson1 and others
//! later). A protocol builds the HTTP request of an operation and reads an
//! error response into a [`RawServiceError`](crate::RawServiceError).

pub mod aws_json;

use bytes::Bytes;

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
