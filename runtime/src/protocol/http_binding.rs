//! The HTTP-binding layer shared by the REST protocols (Smithy's
//! `restJson1`, plain REST JSON from OpenAPI) on both sides: how a member
//! bound to a label, a query parameter or a header is written into a request
//! and read back out of one.
//!
//! Encodings follow Smithy's HTTP binding traits and the restJson1 protocol
//! tests: labels and query parameters are RFC 3986 percent-encoded
//! (everything but unreserved characters, `/` kept in greedy labels; a space
//! is `%20`, never `+`); lists in headers are comma-separated, with a value
//! quoted when it holds a comma or a double quote; timestamps are
//! `date-time` in labels and query strings and `http-date` in headers unless
//! `@timestampFormat` says otherwise; floats write `NaN`, `Infinity` and
//! `-Infinity` as words.

use crate::datetime::{DateTime, DateTimeError};
use crate::percent;
use crate::wire::{DecodeError, TimestampFormat};

/// A URI being built: the path from the operation's `@http` template with
/// its labels filled in, then the query string (the template's literal
/// parameters first, then the bound members in declaration order).
#[derive(Clone, Debug, Default)]
pub struct UriBuilder {
    path: String,
    query: String,
}

impl UriBuilder {
    /// An empty URI; the template's parts are pushed in order.
    pub fn new() -> Self {
        UriBuilder::default()
    }

    /// A literal part of the path template, written as it is in the model.
    pub fn literal(&mut self, text: &str) -> &mut Self {
        self.path.push_str(text);
        self
    }

    /// A label's value, percent-encoded; `greedy` (`{name+}`) keeps `/`.
    pub fn label(&mut self, value: &str, greedy: bool) -> &mut Self {
        percent::encode_into(&mut self.path, value, greedy);
        self
    }

    /// A query parameter whose value is already text (a literal of the
    /// template, a bound member formatted with the functions below);
    /// `None` writes the key alone (`?flag`).
    pub fn query(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        self.query
            .push(if self.query.is_empty() { '?' } else { '&' });
        percent::encode_into(&mut self.query, key, false);
        if let Some(value) = value {
            self.query.push('=');
            percent::encode_into(&mut self.query, value, false);
        }
        self
    }

    /// A query literal from the `@http` template (`?x-id=GetObject`), which
    /// the model writes already encoded.
    pub fn query_literal(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        self.query
            .push(if self.query.is_empty() { '?' } else { '&' });
        self.query.push_str(key);
        if let Some(value) = value {
            self.query.push('=');
            self.query.push_str(value);
        }
        self
    }

    /// A query parameter whose value is already percent-encoded text (a
    /// flat object's pairs: the commas between them are delimiters, commas
    /// inside them are encoded); the key is encoded here.
    pub fn query_encoded(&mut self, key: &str, value: &str) -> &mut Self {
        self.query
            .push(if self.query.is_empty() { '?' } else { '&' });
        percent::encode_into(&mut self.query, key, false);
        self.query.push('=');
        self.query.push_str(value);
        self
    }

    /// Whether a query parameter named `key` has been written (members bound
    /// with `@httpQueryParams` do not override `@httpQuery` ones).
    pub fn has_query_key(&self, key: &str) -> bool {
        let encoded = percent::encode(key, false);
        self.query
            .split(['?', '&'])
            .any(|pair| pair.split('=').next() == Some(encoded.as_str()))
    }

    /// The path and query, relative to the endpoint.
    pub fn finish(self) -> String {
        let mut out = self.path;
        if out.is_empty() {
            out.push('/');
        }
        out.push_str(&self.query);
        out
    }
}

/// Sets header `name` (a lowercase name from the model) to `value`; a name
/// or value HTTP cannot carry (a line break in a string member) is an
/// error naming the header, reported before anything is sent.
pub fn set_header(headers: &mut http::HeaderMap, name: &str, value: &str) -> Result<(), String> {
    let header = http::HeaderName::try_from(name)
        .map_err(|_| format!("{name:?} is not a valid HTTP header name"))?;
    let value = http::HeaderValue::try_from(value).map_err(|_| {
        format!("the value of header {name} holds characters HTTP headers cannot carry")
    })?;
    headers.insert(header, value);
    Ok(())
}

/// Adds `name=value` to the `Cookie` header (after the cookies already
/// there, `; `-separated), as OpenAPI's cookie parameters and cookie API
/// keys are sent. Bytes a cookie value cannot hold (RFC 6265: controls,
/// space, `"`, `,`, `;`, `\\`, non-ASCII) are percent-encoded.
pub fn add_cookie(headers: &mut http::HeaderMap, name: &str, value: &str) -> Result<(), String> {
    let mut pair = format!("{name}=");
    for b in value.bytes() {
        match b {
            0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E => pair.push(b as char),
            _ => pair.push_str(&format!("%{b:02X}")),
        }
    }
    let cookie = match headers.get(http::header::COOKIE) {
        Some(existing) => {
            let existing = existing
                .to_str()
                .map_err(|_| "the Cookie header is not text".to_string())?;
            format!("{existing}; {pair}")
        }
        None => pair,
    };
    let value = http::HeaderValue::try_from(cookie)
        .map_err(|_| format!("cookie {name} holds characters a Cookie header cannot carry"))?;
    headers.insert(http::header::COOKIE, value);
    Ok(())
}

/// The text of response header `name`, when present; a value that is not
/// UTF-8 is a decode error naming the header.
pub fn header_text<'h>(
    headers: &'h http::HeaderMap,
    name: &str,
) -> Result<Option<&'h str>, DecodeError> {
    match headers.get(name) {
        None => Ok(None),
        Some(v) => std::str::from_utf8(v.as_bytes())
            .map(|t| Some(t.trim()))
            .map_err(|_| DecodeError::new(format!("header {name} is not UTF-8"), 0)),
    }
}

/// A header's number or boolean, parsed as Rust's `FromStr` reads it.
pub fn parse_header<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, DecodeError> {
    text.trim().parse().map_err(|_| {
        DecodeError::new(
            format!(
                "header {name} holds {text:?}, not a {}",
                std::any::type_name::<T>()
            ),
            0,
        )
    })
}

/// A header's float ([`parse_float`]'s forms).
pub fn parse_header_float(name: &str, text: &str) -> Result<f64, DecodeError> {
    parse_float(text.trim())
        .ok_or_else(|| DecodeError::new(format!("header {name} holds {text:?}, not a number"), 0))
}

/// A header's timestamp in `format` (`http-date` unless the member says
/// otherwise).
pub fn parse_header_timestamp(
    name: &str,
    text: &str,
    format: Option<TimestampFormat>,
) -> Result<DateTime, DecodeError> {
    DateTime::from_str(text.trim(), format.unwrap_or(TimestampFormat::HttpDate))
        .map_err(|e| DecodeError::new(format!("header {name}: {e}"), 0))
}

/// The items of a list-valued header ([`split_header_list`]); an unclosed
/// quoted item is a decode error.
pub fn header_items(name: &str, text: &str) -> Result<Vec<String>, DecodeError> {
    split_header_list(text)
        .ok_or_else(|| DecodeError::new(format!("header {name} has an unclosed quoted item"), 0))
}

/// The headers whose names start with `prefix` (any case), each with the
/// prefix cut off the lowercase name, in the order they arrived.
pub fn prefixed_headers(
    headers: &http::HeaderMap,
    prefix: &str,
) -> Result<Vec<(String, String)>, DecodeError> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = Vec::new();
    for (name, value) in headers {
        if let Some(rest) = name.as_str().strip_prefix(prefix.as_str()) {
            let text = std::str::from_utf8(value.as_bytes())
                .map_err(|_| DecodeError::new(format!("header {name} is not UTF-8"), 0))?;
            out.push((rest.to_string(), text.trim().to_string()));
        }
    }
    Ok(out)
}

/// The members of a JSON-encoded structure as form fields, keys sorted (a
/// structure's JSON object has no order of its own): strings as they are,
/// numbers and booleans as their JSON text, arrays one field per item,
/// nested objects as JSON text; `null` members are left out. Members named
/// in `deep` are written as deep objects instead ([`deep_fields`]).
fn form_fields(json: &[u8], deep: &[&str]) -> Result<Vec<(String, String)>, String> {
    let document: crate::Document =
        crate::wire::from_json_slice(json).map_err(|e| e.to_string())?;
    let object = document
        .as_object()
        .ok_or("a form body must be a structure")?;
    let mut keys: Vec<&String> = object.keys().collect();
    keys.sort();
    let text = |value: &crate::Document| -> Result<Option<String>, String> {
        Ok(match value {
            crate::Document::Null => None,
            crate::Document::String(s) => Some(s.clone()),
            other => Some(
                String::from_utf8(crate::wire::to_json_body(other).map_err(|e| e.to_string())?)
                    .map_err(|e| e.to_string())?,
            ),
        })
    };
    let mut out = Vec::new();
    for key in keys {
        if deep.contains(&key.as_str()) {
            deep_fields(key.clone(), &object[key], &mut out)?;
            continue;
        }
        match &object[key] {
            crate::Document::Array(items) => {
                for item in items {
                    if let Some(t) = text(item)? {
                        out.push((key.clone(), t));
                    }
                }
            }
            value => {
                if let Some(t) = text(value)? {
                    out.push((key.clone(), t));
                }
            }
        }
    }
    Ok(out)
}

/// OpenAPI's `deepObject` form encoding of `value` under `key`: an object's
/// members as `key[name]` (sorted), a list's items as `key[0]`, `key[1]`,
/// nested to any depth; `null` left out. An empty object or list is sent
/// as `key=` (how such APIs unset a value).
fn deep_fields(
    key: String,
    value: &crate::Document,
    out: &mut Vec<(String, String)>,
) -> Result<(), String> {
    match value {
        crate::Document::Null => {}
        crate::Document::String(s) => out.push((key, s.clone())),
        crate::Document::Object(members) if !members.is_empty() => {
            let mut names: Vec<&String> = members.keys().collect();
            names.sort();
            for name in names {
                deep_fields(format!("{key}[{name}]"), &members[name], out)?;
            }
        }
        crate::Document::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                deep_fields(format!("{key}[{i}]"), item, out)?;
            }
        }
        crate::Document::Object(_) | crate::Document::Array(_) => out.push((key, String::new())),
        other => {
            let text = crate::wire::to_json_body(other).map_err(|e| e.to_string())?;
            out.push((key, String::from_utf8(text).map_err(|e| e.to_string())?));
        }
    }
    Ok(())
}

/// The properties of a flat object parameter (OpenAPI `simple`, `label`,
/// `matrix` and unexploded `form` styles), from its JSON: `(key, text)` in
/// key order, absent properties left out. A nested object or array, or a
/// value that is not an object, has no such form and is an error naming
/// the parameter.
pub fn object_pairs(name: &str, json: &[u8]) -> Result<Vec<(String, String)>, String> {
    let document: crate::Document =
        crate::wire::from_json_slice(json).map_err(|e| e.to_string())?;
    let crate::Document::Object(members) = &document else {
        return Err(format!("parameter {name} is not an object"));
    };
    let mut keys: Vec<&String> = members.keys().collect();
    keys.sort();
    let mut out = Vec::new();
    for key in keys {
        match &members[key] {
            crate::Document::Null => {}
            crate::Document::Object(_) | crate::Document::Array(_) => {
                return Err(format!(
                    "parameter {name}: property {key} is not a single value, which this style cannot write"
                ))
            }
            value => deep_fields(key.clone(), value, &mut out)?,
        }
    }
    Ok(out)
}

/// A flat object parameter as one text: `k1,v1,k2,v2` when `assign` is
/// `None` (unexploded), else `k1=v1` pairs separated by `assign` (exploded:
/// `,` for `simple`). `encode` percent-encodes each key and value on its own
/// (path and query), leaving the separators as written.
pub fn object_text(pairs: &[(String, String)], assign: Option<&str>, encode: bool) -> String {
    let mut out = String::new();
    let push = |out: &mut String, text: &str| {
        if encode {
            percent::encode_into(out, text, false);
        } else {
            out.push_str(text);
        }
    };
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push_str(assign.unwrap_or(","));
        }
        push(&mut out, key);
        out.push(if assign.is_some() { '=' } else { ',' });
        push(&mut out, value);
    }
    out
}

/// The query pairs of an object-valued OpenAPI query parameter `name`
/// from its JSON: `deep` (`style: deepObject`) as `name[key]=value`,
/// nested to any depth; otherwise (`style: form`, exploded) each property
/// its own key, a list one pair per item. A value that is not an object
/// (an untagged union's scalar member) is `name=value` either way.
pub fn object_query(name: &str, json: &[u8], deep: bool) -> Result<Vec<(String, String)>, String> {
    let document: crate::Document =
        crate::wire::from_json_slice(json).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    match &document {
        crate::Document::Object(members) if !deep => {
            let mut keys: Vec<&String> = members.keys().collect();
            keys.sort();
            for key in keys {
                match &members[key] {
                    crate::Document::Array(items) => {
                        for item in items {
                            deep_fields(key.clone(), item, &mut out)?;
                        }
                    }
                    value => deep_fields(key.clone(), value, &mut out)?,
                }
            }
        }
        value => deep_fields(name.to_string(), value, &mut out)?,
    }
    Ok(out)
}

/// An `application/x-www-form-urlencoded` body from a JSON-encoded
/// structure ([`form_fields`]): `key=value` pairs joined by `&`, both
/// percent-encoded (a space is `%20`); the members named in `deep` written
/// as deep objects (`metadata[key]=value`).
pub fn form_urlencoded(json: &[u8], deep: &[&str]) -> Result<Vec<u8>, String> {
    let mut out = String::new();
    for (i, (key, value)) in form_fields(json, deep)?.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        percent::encode_into(&mut out, key, false);
        out.push('=');
        percent::encode_into(&mut out, value, false);
    }
    Ok(out.into_bytes())
}

/// The boundary of the multipart bodies [`multipart_form`] writes; the
/// content type to send is `multipart/form-data; boundary=` followed by it.
pub const MULTIPART_BOUNDARY: &str = "apigen-form-boundary-7d3a1c9e5b";

/// A `multipart/form-data` body from a JSON-encoded structure: one part per
/// field ([`form_fields`]); the members named in `binary` hold base64 in
/// the JSON and are sent as their raw bytes (`application/octet-stream`).
pub fn multipart_form(json: &[u8], binary: &[&str]) -> Result<Vec<u8>, String> {
    let mut out: Vec<u8> = Vec::new();
    for (key, value) in form_fields(json, &[])? {
        out.extend_from_slice(format!("--{MULTIPART_BOUNDARY}\r\n").as_bytes());
        if binary.contains(&key.as_str()) {
            let bytes = crate::base64::decode(&value)
                .ok_or_else(|| format!("form field {key} is not base64"))?;
            out.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{key}\"; filename=\"{key}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            out.extend_from_slice(&bytes);
        } else {
            out.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{key}\"\r\n\r\n{value}").as_bytes(),
            );
        }
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{MULTIPART_BOUNDARY}--\r\n").as_bytes());
    Ok(out)
}

/// The `Content-MD5` of a body (`@httpChecksumRequired`): its MD5 digest
/// in base64.
pub fn content_md5(body: &[u8]) -> String {
    crate::base64::encode(&crate::md5::digest(body))
}

/// A float as labels, query strings and headers write it.
pub fn float_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        value.to_string()
    }
}

/// A 32-bit float as labels, query strings and headers write it: the
/// shortest text that reads back as the same `f32` (`1.1`, not the
/// `1.100000023841858` of its widening to `f64`).
pub fn float32_text(value: f32) -> String {
    if value.is_nan() || value.is_infinite() {
        float_text(f64::from(value))
    } else {
        value.to_string()
    }
}

/// A float read back from [`float_text`]'s form (or any decimal).
pub fn parse_float(text: &str) -> Option<f64> {
    match text {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        other => other.parse().ok(),
    }
}

/// A timestamp in a label or query string: `date-time` unless the member
/// says otherwise. An error for a date the format cannot write (RFC 3339
/// and HTTP dates hold the years 0000/0001 to 9999 only).
pub fn timestamp_in_uri(
    value: &DateTime,
    format: Option<TimestampFormat>,
) -> Result<String, DateTimeError> {
    value.fmt(format.unwrap_or(TimestampFormat::DateTime))
}

/// A timestamp in a header: `http-date` unless the member says otherwise.
pub fn timestamp_in_header(
    value: &DateTime,
    format: Option<TimestampFormat>,
) -> Result<String, DateTimeError> {
    value.fmt(format.unwrap_or(TimestampFormat::HttpDate))
}

/// The value of a header bound to a list: items joined with `", "`, an item
/// holding a comma or a double quote written as a quoted string (with `"`
/// and `\` escaped). Lists of HTTP dates are written by
/// [`http_date_list`] instead.
pub fn header_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if item.contains([',', '"']) {
            out.push('"');
            for c in item.chars() {
                if matches!(c, '"' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// The value of a header bound to a list of `http-date` timestamps: joined
/// with `", "` unquoted, as restJson1 sends them (each date's own comma is
/// how [`split_http_date_list`] reads them back).
pub fn http_date_list(items: &[DateTime]) -> String {
    let texts: Vec<String> = items.iter().map(DateTime::to_http_date).collect();
    texts.join(", ")
}

/// The items of a list-valued header: split at commas outside quoted
/// strings, each trimmed, quoted ones unquoted and unescaped. `None` when
/// a quoted string is not closed.
pub fn split_header_list(value: &str) -> Option<Vec<String>> {
    let mut items = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next()? {
                    '"' => break,
                    '\\' => item.push(chars.next()?),
                    c => item.push(c),
                }
            }
            while chars.next_if(|c| *c == ' ' || *c == '\t').is_some() {}
            match chars.next() {
                None => {
                    items.push(item);
                    return Some(items);
                }
                Some(',') => items.push(item),
                Some(_) => return None,
            }
        } else {
            let mut at_comma = false;
            for c in chars.by_ref() {
                if c == ',' {
                    at_comma = true;
                    break;
                }
                item.push(c);
            }
            items.push(item.trim_end().to_string());
            // After a trailing comma the next round reads one empty item.
            if !at_comma {
                return Some(items);
            }
        }
    }
}

/// The items of a header holding a list of HTTP dates, which contain a
/// comma each (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, …`): every second comma
/// separates two dates.
pub fn split_http_date_list(value: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (i, b) in value.bytes().enumerate() {
        if b == b',' {
            commas += 1;
            if commas % 2 == 0 {
                items.push(value[start..i].trim());
                start = i + 1;
            }
        }
    }
    let last = value[start..].trim();
    if !last.is_empty() {
        items.push(last);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_objects_are_written_in_pairs_or_assignments() {
        let json = br#"{"R":100,"G":"2 0","B":null}"#;
        let pairs = object_pairs("color", json).unwrap();
        assert_eq!(
            pairs,
            [
                ("G".to_string(), "2 0".to_string()),
                ("R".to_string(), "100".to_string())
            ]
        );
        assert_eq!(object_text(&pairs, None, false), "G,2 0,R,100");
        assert_eq!(object_text(&pairs, Some(","), false), "G=2 0,R=100");
        assert_eq!(object_text(&pairs, Some(";"), true), "G=2%200;R=100");
        let nested = object_pairs("color", br#"{"a":{"b":1}}"#).unwrap_err();
        assert!(
            nested.contains("color") && nested.contains("property a"),
            "{nested}"
        );
        assert!(object_pairs("color", b"3").is_err());
    }

    #[test]
    fn cookies_join_one_header_and_encode_what_a_cookie_cannot_hold() {
        let mut headers = http::HeaderMap::new();
        add_cookie(&mut headers, "theme", "dark").unwrap();
        add_cookie(&mut headers, "note", "a b;c,\"d\"\\é").unwrap();
        assert_eq!(headers.get_all(http::header::COOKIE).iter().count(), 1);
        assert_eq!(
            headers[http::header::COOKIE],
            "theme=dark; note=a%20b%3Bc%2C%22d%22%5C%C3%A9"
        );
        assert!(add_cookie(&mut headers, "bad\nname", "x").is_err());
    }

    #[test]
    fn labels_are_percent_encoded_and_greedy_ones_keep_slashes() {
        // RestJsonHttpRequestLabelEscaping and
        // RestJsonHttpRequestWithGreedyLabelInPath.
        let mut uri = UriBuilder::new();
        uri.literal("/HttpRequestWithLabels/")
            .label(" %:/?#[]@!$&'()*+,;=😹", false);
        assert_eq!(
            uri.finish(),
            "/HttpRequestWithLabels/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        let mut uri = UriBuilder::new();
        uri.literal("/HttpRequestWithGreedyLabelInPath/foo/")
            .label("hello/escape", false)
            .literal("/baz/")
            .label("there/guy", true);
        assert_eq!(
            uri.finish(),
            "/HttpRequestWithGreedyLabelInPath/foo/hello%2Fescape/baz/there/guy"
        );
    }

    #[test]
    fn query_parameters_follow_the_template_literals_and_encode_spaces_as_20() {
        let mut uri = UriBuilder::new();
        uri.literal("/path")
            .query_literal("foo", Some("bar"))
            .query_literal("hello", None)
            .query("String", Some("Hello there"))
            .query("Empty", Some(""))
            .query("Flag", None);
        assert!(uri.has_query_key("String"));
        assert!(!uri.has_query_key("Str"));
        assert_eq!(
            uri.finish(),
            "/path?foo=bar&hello&String=Hello%20there&Empty=&Flag"
        );
        assert_eq!(UriBuilder::new().finish(), "/");
    }

    #[test]
    fn floats_and_timestamps_take_their_binding_forms() {
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(float_text(1.1), "1.1");
        assert_eq!(float_text(4.0), "4");
        assert!(parse_float("NaN").unwrap().is_nan());
        assert_eq!(parse_float("Infinity"), Some(f64::INFINITY));
        assert_eq!(parse_float("x"), None);
        let t = DateTime::from_secs(1576540098);
        assert_eq!(timestamp_in_uri(&t, None).unwrap(), "2019-12-16T23:48:18Z");
        assert_eq!(
            timestamp_in_header(&t, None).unwrap(),
            "Mon, 16 Dec 2019 23:48:18 GMT"
        );
        assert_eq!(
            timestamp_in_uri(&t, Some(TimestampFormat::EpochSeconds)).unwrap(),
            "1576540098"
        );
        let fractional = DateTime::from_secs_and_nanos(1576540098, 500_000_000);
        assert_eq!(
            timestamp_in_header(&fractional, Some(TimestampFormat::EpochSeconds)).unwrap(),
            "1576540098.5"
        );
        assert!(timestamp_in_header(&DateTime::from_secs(-62_200_000_000), None).is_err());
    }

    #[test]
    fn header_lists_quote_items_with_commas_or_quotes_and_read_back() {
        // RestJsonInputAndOutputWithQuotedStringHeaders.
        let items = ["b,c", "\"def\"", "a"];
        let text = header_list(items);
        assert_eq!(text, r#""b,c", "\"def\"", a"#);
        assert_eq!(split_header_list(&text).unwrap(), items);
        assert_eq!(split_header_list("a, b, c").unwrap(), ["a", "b", "c"]);
        assert_eq!(split_header_list("a,b ,  c").unwrap(), ["a", "b", "c"]);
        assert_eq!(split_header_list("a,").unwrap(), ["a", ""]);
        assert_eq!(split_header_list("").unwrap(), [""]);
        assert_eq!(split_header_list(r#""open"#), None);
        assert_eq!(split_header_list(r#""a" b"#), None);
    }

    #[test]
    fn http_date_lists_split_at_every_second_comma() {
        let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
        assert_eq!(
            split_http_date_list(value),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Mon, 16 Dec 2019 23:48:18 GMT"
            ]
        );
        // RestJsonInputAndOutputWithTimestampHeaders writes them bare.
        let t = DateTime::from_secs(1576540098);
        assert_eq!(http_date_list(&[t, t]), value);
        assert!(split_http_date_list("").is_empty());
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn form_bodies_from_json_structures() {
        let json = br#"{"user":"a b&c","tries":3,"tags":["x","y"],"gone":null,"ok":true}"#;
        assert_eq!(
            String::from_utf8(form_urlencoded(json, &[]).unwrap()).unwrap(),
            "ok=true&tags=x&tags=y&tries=3&user=a%20b%26c"
        );
        let multipart =
            String::from_utf8(multipart_form(br#"{"file":"aGk=","name":"n"}"#, &["file"]).unwrap())
                .unwrap();
        let b = MULTIPART_BOUNDARY;
        assert_eq!(
            multipart,
            format!(
                "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\nhi\r\n--{b}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nn\r\n--{b}--\r\n"
            )
        );
        assert!(form_urlencoded(b"[1]", &[]).is_err());
    }

    #[test]
    fn object_query_parameters() {
        let filter = br#"{"gt":5,"lt":{"x":"a b"},"tags":["p","q"]}"#;
        assert_eq!(
            object_query("created", filter, true).unwrap(),
            [
                ("created[gt]".to_string(), "5".to_string()),
                ("created[lt][x]".to_string(), "a b".to_string()),
                ("created[tags][0]".to_string(), "p".to_string()),
                ("created[tags][1]".to_string(), "q".to_string()),
            ]
        );
        assert_eq!(
            object_query("f", br#"{"b":1,"a":"x","tags":["p","q"]}"#, false).unwrap(),
            [
                ("a".to_string(), "x".to_string()),
                ("b".to_string(), "1".to_string()),
                ("tags".to_string(), "p".to_string()),
                ("tags".to_string(), "q".to_string()),
            ]
        );
        // An untagged union's scalar member: the parameter itself.
        assert_eq!(
            object_query("created", b"1700000000", true).unwrap(),
            [("created".to_string(), "1700000000".to_string())]
        );
    }

    #[test]
    fn deep_object_form_fields() {
        let json = br#"{"amount":500,"metadata":{"order":"6735","b":null},
            "items":[{"price":"p_1","qty":2},{"price":"p 2"}],"expand":["customer"],
            "shipping":{},"note":{"a":1}}"#;
        let body = form_urlencoded(json, &["metadata", "items", "expand", "shipping"]).unwrap();
        // Brackets are percent-encoded in keys, as form encoding requires.
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "amount=500&expand%5B0%5D=customer&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bqty%5D=2\
             &items%5B1%5D%5Bprice%5D=p%202&metadata%5Border%5D=6735&note=%7B%22a%22%3A1%7D&shipping="
        );
    }
}
