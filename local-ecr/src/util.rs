//! Small encodings: hex, base64, digests, random ids, page tokens.

use ring::rand::SecureRandom;

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Decodes lowercase or uppercase hex; `None` when malformed.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// `sha256:<hex>` of `data`.
pub fn sha256_digest(data: &[u8]) -> String {
    format!(
        "sha256:{}",
        hex(ring::digest::digest(&ring::digest::SHA256, data).as_ref())
    )
}

/// The hex of a well-formed `sha256:<64 lowercase hex>` digest.
pub fn sha256_hex(digest: &str) -> Option<&str> {
    let hex = digest.strip_prefix("sha256:")?;
    (hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))).then_some(hex)
}

/// `n` random bytes.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    ring::rand::SystemRandom::new()
        .fill(&mut buf)
        .expect("the system random source");
    buf
}

/// A random UUID (version 4), lowercase: the runtime's.
pub fn uuid() -> String {
    apigen_runtime::random_uuid()
}

/// Standard base64, the runtime's (the encoding blobs travel in).
pub use apigen_runtime::base64::{decode as base64_decode, encode as base64_encode};

/// An opaque page token naming the last key of a page of `kind`.
pub fn page_token(kind: &str, last: &str) -> String {
    base64_encode(format!("{kind}\n{last}").as_bytes())
}

/// The key a token of `kind` names; `None` when it is not one of ours.
pub fn parse_page_token(kind: &str, token: &str) -> Option<String> {
    let text = String::from_utf8(base64_decode(token)?).ok()?;
    let (k, last) = text.split_once('\n')?;
    (k == kind).then(|| last.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in ["", "f", "fo", "foo", "foob", "fooba", "foobar"] {
            let e = base64_encode(s.as_bytes());
            assert_eq!(base64_decode(&e).unwrap(), s.as_bytes(), "{e}");
        }
        assert_eq!(base64_encode(b"AWS:x"), "QVdTOng=");
        assert!(base64_decode("a").is_none());
        assert!(base64_decode("a=bc").is_none());
    }

    #[test]
    fn digests_and_tokens() {
        let d = sha256_digest(b"");
        assert_eq!(
            d,
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert!(sha256_hex(&d).is_some());
        assert!(sha256_hex("sha256:abc").is_none());
        assert!(sha256_hex(&d.to_uppercase()).is_none());
        let t = page_token("repos", "a/b");
        assert_eq!(parse_page_token("repos", &t).as_deref(), Some("a/b"));
        assert_eq!(parse_page_token("images", &t), None);
        assert_eq!(parse_page_token("repos", "!!"), None);
        assert_eq!(uuid().len(), 36);
        assert_eq!(unhex(&hex(&[0, 1, 254, 255])).unwrap(), [0, 1, 254, 255]);
        assert!(unhex("abc").is_none() && unhex("zz").is_none());
    }
}
