//! Smithy's `restJson1`: the HTTP binding traits place members in the
//! method, path, query string and headers ([`super::http_binding`]), the
//! rest travel as a JSON object (`application/json`); errors are named by
//! the `X-Amzn-ErrorType` header, else the body's `code`, else `__type`.

use super::aws_json::parse_json_error;
use crate::error::RawServiceError;
use bytes::Bytes;

/// The media type of restJson1 bodies that are JSON documents.
pub const CONTENT_TYPE: &str = "application/json";

/// Reads an error response: code (namespace and `:suffix` removed), message
/// and request id as for AWS JSON, but `code` is looked for before
/// `__type`; the headers are kept, since error members may be bound to them.
pub fn parse_error(response: &http::Response<Bytes>) -> RawServiceError {
    parse_json_error(response, &["code", "__type", "Code"]).with_headers(response.headers().clone())
}

/// Server: a 200 with the encoded output as JSON.
#[cfg(feature = "server")]
pub(crate) fn server_response(body: Vec<u8>) -> http::Response<Bytes> {
    super::aws_json::json_response(CONTENT_TYPE, body)
}

/// Server: an error as restJson1 clients read it (status, `X-Amzn-ErrorType`
/// and a JSON body), the framework errors with AWS JSON's codes.
#[cfg(feature = "server")]
pub(crate) fn server_error(error: &crate::server::ServerError) -> http::Response<Bytes> {
    super::aws_json::json_server_error(CONTENT_TYPE, error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(headers: &[(&str, &str)], body: &str) -> http::Response<Bytes> {
        let mut b = http::Response::builder().status(400);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(Bytes::from(body.to_string())).unwrap()
    }

    #[test]
    fn error_codes_prefer_the_header_then_code_then_type() {
        let e = parse_error(&response(
            &[(
                "X-Amzn-Errortype",
                "aws.protocoltests.restjson#FooError:http://x/",
            )],
            r#"{"code":"Other"}"#,
        ));
        assert_eq!(e.code(), "FooError");
        let e = parse_error(&response(&[], r#"{"__type":"Second","code":"First"}"#));
        assert_eq!(e.code(), "First");
        let e = parse_error(&response(&[], r#"{"__type":"ns#Only"}"#));
        assert_eq!(e.code(), "Only");
        // The headers stay available for members bound to them.
        let e = parse_error(&response(&[("x-header", "v")], "{}"));
        assert_eq!(e.headers()["x-header"], "v");
        assert_eq!(e.code(), "Http400");
    }
}
