//! The rules engine's standard library, as plain functions on `&str`.
//!
//! Results that are parts of the input are byte ranges, so the evaluator
//! can borrow them from the input when it is borrowed itself.

use std::borrow::Cow;
use std::ops::Range;

/// `isValidHostLabel`: an RFC 1123 label (`[A-Za-z0-9][A-Za-z0-9-]{0,62}`),
/// or with `allow_dots` labels joined by single dots.
pub(super) fn is_valid_host_label(value: &str, allow_dots: bool) -> bool {
    if value.is_empty() {
        return false;
    }
    if allow_dots {
        value.split('.').all(is_single_label)
    } else {
        is_single_label(value)
    }
}

fn is_single_label(label: &str) -> bool {
    let b = label.as_bytes();
    (1..=63).contains(&b.len())
        && b[0].is_ascii_alphanumeric()
        && b[1..]
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-')
}

/// The parts of a URL that `parseURL` returns, as ranges of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct UrlParts {
    /// As written; the caller lower-cases it.
    pub scheme: Range<usize>,
    /// Host and port as written (and user info, as the reference
    /// implementations keep it).
    pub authority: Range<usize>,
    /// As written, possibly empty; never includes a fragment.
    pub path: Range<usize>,
    pub is_ip: bool,
}

/// `parseURL`: an absolute `http` or `https` URL with a host and without a
/// query. A fragment is dropped (as `java.net.URL` does in the reference
/// implementation); anything else that does not look like a URL is `None`.
pub(super) fn parse_url(url: &str) -> Option<UrlParts> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = &url[colon + 1..];
    let rest = rest.strip_prefix("//")?;
    let authority_start = colon + 3;
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority_end = authority_start + authority_len;
    let after = &url[authority_end..];
    let path_len = after.find(['?', '#']).unwrap_or(after.len());
    if after[path_len..].starts_with('?') {
        return None;
    }
    let path = authority_end..authority_end + path_len;
    if !url[path.clone()].bytes().all(is_path_byte) {
        return None;
    }
    let host = authority_host(&url[authority_start..authority_end])?;
    Some(UrlParts {
        scheme: 0..colon,
        authority: authority_start..authority_end,
        path,
        is_ip: is_ip_address(host),
    })
}

/// The host of an authority (`[user@]host[:port]`), checked.
fn authority_host(authority: &str) -> Option<&str> {
    let host_port = match authority.rfind('@') {
        Some(at) => {
            if !authority[..at].bytes().all(is_userinfo_byte) {
                return None;
            }
            &authority[at + 1..]
        }
        None => authority,
    };
    let (host, port) = if host_port.starts_with('[') {
        let close = host_port.find(']')?;
        let (host, port) = host_port.split_at(close + 1);
        if !is_ipv6_literal(&host[1..close]) {
            return None;
        }
        (host, port)
    } else {
        match host_port.find(':') {
            Some(c) => host_port.split_at(c),
            None => (host_port, ""),
        }
    };
    if let Some(port) = port.strip_prefix(':') {
        if port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !port.is_empty() && port.parse::<u32>().ok()? > 65535 {
            return None;
        }
    } else if !port.is_empty() {
        return None;
    }
    if host.is_empty() || !(host.starts_with('[') || host.bytes().all(is_reg_name_byte)) {
        return None;
    }
    Some(host)
}

use crate::percent::is_unreserved;

fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

fn is_reg_name_byte(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b) || b == b'%'
}

fn is_userinfo_byte(b: u8) -> bool {
    is_reg_name_byte(b) || b == b':'
}

fn is_path_byte(b: u8) -> bool {
    is_reg_name_byte(b) || matches!(b, b':' | b'@' | b'/')
}

/// The inside of `[...]`: hex groups and colons, optionally a trailing
/// dotted IPv4 part and a `%zone`.
fn is_ipv6_literal(s: &str) -> bool {
    let addr = s.split_once('%').map_or(s, |(a, _)| a);
    addr.bytes().filter(|&b| b == b':').count() >= 2
        && addr
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
}

/// Whether a URL host is an IP address: an IPv6 literal in brackets, or
/// four dot-separated decimal groups of one to three digits without leading
/// zeros (the reference implementation's check; it does not check 0–255).
pub(super) fn is_ip_address(host: &str) -> bool {
    if host.len() >= 2 && host.starts_with('[') && host.ends_with(']') {
        return true;
    }
    let mut groups = 0;
    for group in host.split('.') {
        groups += 1;
        let b = group.as_bytes();
        let ok = match b.len() {
            1 => b[0].is_ascii_digit(),
            2 | 3 => (b'1'..=b'9').contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit),
            _ => false,
        };
        if !ok || groups > 4 {
            return false;
        }
    }
    groups == 4
}

/// `normalizedPath`: the path with a leading and a trailing `/` (a blank
/// path is `/`).
pub(super) fn normalize_path(path: &str) -> Cow<'_, str> {
    if path.trim().is_empty() {
        return Cow::Borrowed("/");
    }
    match (path.starts_with('/'), path.ends_with('/')) {
        (true, true) => Cow::Borrowed(path),
        (true, false) => Cow::Owned(format!("{path}/")),
        (false, true) => Cow::Owned(format!("/{path}")),
        (false, false) => Cow::Owned(format!("/{path}/")),
    }
}

/// `substring`: `start..stop` (counted from the end when `reverse`), or
/// `None` when the range is empty or longer than the input, or when the
/// input is not ASCII.
pub(super) fn substring(value: &str, start: i64, stop: i64, reverse: bool) -> Option<Range<usize>> {
    let start = usize::try_from(start).ok()?;
    let stop = usize::try_from(stop).ok()?;
    let len = value.len();
    if start >= stop || stop > len || !value.is_ascii() {
        return None;
    }
    Some(if reverse {
        len - stop..len - start
    } else {
        start..stop
    })
}

/// `uriEncode`: percent-encodes every byte but RFC 3986's unreserved
/// characters, with upper-case hex. `None` when nothing needs encoding.
pub(super) fn uri_encode(value: &str) -> Option<String> {
    if value.bytes().all(is_unreserved) {
        return None;
    }
    Some(crate::percent::encode(value, false))
}

/// `split`: the parts of `value` between occurrences of `delimiter`; with
/// `limit > 0`, at most `limit` parts (the last one holds the rest).
pub(super) fn split(
    value: &str,
    delimiter: &str,
    limit: i64,
) -> Result<Vec<Range<usize>>, &'static str> {
    if delimiter.is_empty() {
        return Err("the delimiter of `split` must not be empty");
    }
    if limit < 0 {
        return Err("the limit of `split` must not be negative");
    }
    if value.is_empty() || limit == 1 {
        let whole = 0..value.len();
        return Ok(vec![whole]);
    }
    let mut parts = Vec::new();
    let mut start = 0;
    while limit == 0 || (parts.len() as i64) < limit - 1 {
        let Some(at) = value[start..].find(delimiter) else {
            break;
        };
        parts.push(start..start + at);
        start += at + delimiter.len();
    }
    parts.push(start..value.len());
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels() {
        for (label, dots, ok) in [
            ("", false, false),
            ("", true, false),
            ("a", false, true),
            ("us-east-1", false, true),
            ("0abc", false, true),
            ("-abc", false, false),
            ("abc-", false, true),
            ("a_b", false, false),
            ("a.b", false, false),
            ("a.b", true, true),
            ("a.b.c", true, true),
            (".a", true, false),
            ("a.", true, false),
            ("a..b", true, false),
            ("a.-b", true, false),
            ("café", false, false),
            ("UPPER", false, true),
        ] {
            assert_eq!(is_valid_host_label(label, dots), ok, "{label:?} {dots}");
        }
        assert!(is_valid_host_label(&"a".repeat(63), false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        let two = format!("{0}.{0}", "a".repeat(63));
        assert!(is_valid_host_label(&two, true));
        assert!(!is_valid_host_label(&format!("{}.a", "a".repeat(64)), true));
    }

    fn url(s: &str) -> Option<(String, String, String, bool)> {
        parse_url(s).map(|p| {
            (
                s[p.scheme].to_ascii_lowercase(),
                s[p.authority].to_string(),
                s[p.path].to_string(),
                p.is_ip,
            )
        })
    }

    fn parts(
        scheme: &str,
        authority: &str,
        path: &str,
        ip: bool,
    ) -> Option<(String, String, String, bool)> {
        Some((scheme.into(), authority.into(), path.into(), ip))
    }

    #[test]
    fn urls() {
        assert_eq!(
            url("https://example.com"),
            parts("https", "example.com", "", false)
        );
        assert_eq!(
            url("https://example.com/"),
            parts("https", "example.com", "/", false)
        );
        assert_eq!(
            url("http://example.com:80/foo/bar"),
            parts("http", "example.com:80", "/foo/bar", false)
        );
        assert_eq!(
            url("HTTPS://Example.COM"),
            parts("https", "Example.COM", "", false)
        );
        assert_eq!(
            url("https://127.0.0.1"),
            parts("https", "127.0.0.1", "", true)
        );
        assert_eq!(
            url("https://10.0.1.12:433"),
            parts("https", "10.0.1.12:433", "", true)
        );
        assert_eq!(
            url("https://[fe80::1]"),
            parts("https", "[fe80::1]", "", true)
        );
        assert_eq!(
            url("http://[::ffff:10.0.0.1]:8080/p"),
            parts("http", "[::ffff:10.0.0.1]:8080", "/p", true)
        );
        assert_eq!(
            url("http://host/p#frag"),
            parts("http", "host", "/p", false)
        );
        assert_eq!(url("http://host:/"), parts("http", "host:", "/", false));
        assert_eq!(
            url("http://u:p@host/x"),
            parts("http", "u:p@host", "/x", false)
        );
        for bad in [
            "https://example.com:8443?foo=bar&faz=baz",
            "https://example.com/?",
            "https://example.com/path?x",
            "beta.example.com",
            "abcde://nota#url",
            "ftp://example.com",
            "https:example.com",
            "https://",
            "https:///path",
            "https://host:port",
            "https://host:99999",
            "https://[fe80::1",
            "https://[zz]/",
            "https://exa mple.com",
            "https://host/a b",
            "",
            ":",
        ] {
            assert_eq!(url(bad), None, "{bad}");
        }
    }

    #[test]
    fn ip_addresses() {
        for (host, ip) in [
            ("127.0.0.1", true),
            ("0.0.0.0", true),
            ("999.999.999.999", true),
            ("01.2.3.4", false),
            ("1.2.3", false),
            ("1.2.3.4.5", false),
            ("1.2.3.", false),
            ("123.com", false),
            ("a.b.c.d", false),
            ("1234.1.1.1", false),
            ("[::1]", true),
            ("[", false),
            ("", false),
        ] {
            assert_eq!(is_ip_address(host), ip, "{host}");
        }
    }

    #[test]
    fn normalized_paths() {
        assert_eq!(normalize_path(""), "/");
        assert_eq!(normalize_path(" "), "/");
        assert_eq!(normalize_path("/"), "/");
        assert_eq!(normalize_path("/a"), "/a/");
        assert_eq!(normalize_path("a/"), "/a/");
        assert_eq!(normalize_path("a"), "/a/");
        assert_eq!(normalize_path("/a/b/"), "/a/b/");
    }

    #[test]
    fn substrings() {
        let sub = |s: &'static str, a, b, r| substring(s, a, b, r).map(|x| &s[x]);
        assert_eq!(sub("hello", 0, 2, false), Some("he"));
        assert_eq!(sub("hello", 1, 3, false), Some("el"));
        assert_eq!(sub("hello", 0, 5, false), Some("hello"));
        assert_eq!(sub("hello", 0, 6, false), None);
        assert_eq!(sub("hello", 0, 0, false), None);
        assert_eq!(sub("hello", 3, 2, false), None);
        assert_eq!(sub("hello", -1, 2, false), None);
        assert_eq!(sub("hello", 0, 2, true), Some("lo"));
        assert_eq!(sub("hello", 1, 3, true), Some("ll"));
        assert_eq!(sub("hello", 0, 5, true), Some("hello"));
        assert_eq!(sub("hello", 0, 6, true), None);
        assert_eq!(sub("a🐱b", 0, 1, false), None);
        assert_eq!(sub("", 0, 1, false), None);
    }

    #[test]
    fn uri_encoding() {
        assert_eq!(uri_encode("abcXYZ019-_.~"), None);
        assert_eq!(
            uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\").as_deref(),
            Some("%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C")
        );
        assert_eq!(uri_encode("a b").as_deref(), Some("a%20b"));
        assert_eq!(uri_encode("é").as_deref(), Some("%C3%A9"));
        assert_eq!(uri_encode("\u{1F600}").as_deref(), Some("%F0%9F%98%80"));
    }

    #[test]
    fn splits() {
        let run = |s: &'static str, d, l| {
            split(s, d, l).map(|v| v.into_iter().map(|r| &s[r]).collect::<Vec<_>>())
        };
        assert_eq!(run("a--b--c", "--", 0), Ok(vec!["a", "b", "c"]));
        assert_eq!(run("a--b--c", "--", 2), Ok(vec!["a", "b--c"]));
        assert_eq!(run("a--b--c", "--", 1), Ok(vec!["a--b--c"]));
        assert_eq!(run("a--b--c--d", "--", 3), Ok(vec!["a", "b", "c--d"]));
        assert_eq!(run("", "--", 0), Ok(vec![""]));
        assert_eq!(run("--", "--", 0), Ok(vec!["", ""]));
        assert_eq!(run("----", "--", 0), Ok(vec!["", "", ""]));
        assert_eq!(run("--b--", "--", 0), Ok(vec!["", "b", ""]));
        assert_eq!(
            run("--x-s3--azid--suffix", "--", 0),
            Ok(vec!["", "x-s3", "azid", "suffix"])
        );
        assert_eq!(
            run("--x-s3--azid--suffix", "--", 4),
            Ok(vec!["", "x-s3", "azid", "suffix"])
        );
        assert_eq!(
            run("--x-s3--azid--suffix", "--", 2),
            Ok(vec!["", "x-s3--azid--suffix"])
        );
        assert_eq!(run("abc", "x", 0), Ok(vec!["abc"]));
        assert_eq!(run("a-b-c", "--", 0), Ok(vec!["a-b-c"]));
        assert!(run("abc", "", 0).is_err());
        assert!(run("abc", "-", -1).is_err());
    }
}
