//! RFC 3986 percent-encoding, the one implementation behind SigV4's
//! canonical requests, the rules engine's `uriEncode` and HTTP-binding
//! labels and query strings.

/// RFC 3986's unreserved characters: `A-Z a-z 0-9 - . _ ~`.
pub fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Appends `value` to `out` with every byte but the unreserved ones (and
/// `/` when `keep_slash`, as greedy labels and S3-style paths want) written
/// as `%XX` with upper-case hex, byte by byte of the UTF-8 form.
pub fn encode_into(out: &mut String, value: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Runs that need no escaping are copied whole.
    let bytes = value.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            continue;
        }
        // The run before `i` is unreserved ASCII; between two escaped bytes
        // of one character it is empty (and `start` not a char boundary).
        if start < i {
            out.push_str(&value[start..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
        start = i + 1;
    }
    out.push_str(&value[start..]);
}

/// [`encode_into`] a new string.
pub fn encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    encode_into(&mut out, value, keep_slash);
    out
}

/// Decodes `%XX` escapes; malformed escapes stay as they are, and bytes that
/// do not form UTF-8 become U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    if !bytes.contains(&b'%') {
        return s.to_string();
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hi = char::from(bytes[i + 1]).to_digit(16);
            let lo = char::from(bytes[i + 2]).to_digit(16);
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_but_unreserved_is_escaped_with_upper_case_hex() {
        // Smithy's RestJsonHttpRequestLabelEscaping label value and URI.
        assert_eq!(
            encode(" %:/?#[]@!$&'()*+,;=😹", false),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(encode("AZaz09-._~", false), "AZaz09-._~");
        assert_eq!(encode("there/guy", true), "there/guy");
        assert_eq!(encode("a b/c", true), "a%20b/c");
    }

    #[test]
    fn decoding_inverts_encoding_and_keeps_malformed_escapes() {
        let text = " %:/?#[]@!$&'()*+,;=😹 plain";
        assert_eq!(decode(&encode(text, false)), text);
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%41%42"), "AB");
        assert_eq!(decode("%FF"), "\u{FFFD}");
    }
}
