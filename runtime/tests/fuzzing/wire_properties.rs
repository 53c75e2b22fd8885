//! What must hold for any body a client sends to the runtime's JSON codec
//! (`apigen_runtime::wire`). Shared by `tests/fuzz_wire.rs` (bounded, in
//! CI) and the cargo-fuzz targets in `../fuzz` (long runs); every check
//! panics when a property fails, which both of them report.
//!
//! The oracle is serde_json, a strict RFC 8259 parser, on the same bytes
//! (and, for blobs, a base64 decoder written here from RFC 4648).

use apigen_runtime::wire::{from_json_slice, to_json_body, Decode, DecodeError, Encode, Reader};
use apigen_runtime::{BigNumber, Blob, DateTime, Document, Number};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Debug;

/// How deep the runtime's reader lets values nest (its `MAX_DEPTH`).
const READER_MAX_DEPTH: usize = 128;

/// The reader accepts exactly what serde_json accepts, decodes it to the
/// same value, rejects everything else with a located error, and
/// `Reader::skip` (which reads unknown members) agrees with it. Returns
/// whether the body was accepted.
///
/// Deliberate differences from serde_json, each checked exactly:
/// - an empty or all-whitespace body reads as `{}` (`from_json_str`:
///   services send empty bodies for outputs without members);
/// - serde_json refuses values nested 128 deep, the reader only past 128;
/// - `skip` checks the grammar only, so it passes numbers that do not fit
///   an `f64` (`1e400`), which a decoded value refuses.
///
/// Duplicate keys are not an exception: both accept them, the last wins.
pub fn check_reader(bytes: &[u8]) -> bool {
    let ours = from_json_slice::<Document>(bytes);
    let theirs = serde_json::from_slice::<Value>(bytes);
    match (&ours, &theirs) {
        (Ok(doc), Ok(value)) => assert_same(doc, value, "$"),
        (Err(_), Err(_)) => {}
        (Ok(doc), Err(e)) => {
            let empty_body = is_json_whitespace(bytes) && *doc == Document::Object(HashMap::new());
            let one_level_deeper = e.to_string().starts_with("recursion limit exceeded")
                && nesting(bytes) == READER_MAX_DEPTH;
            assert!(
                empty_body || one_level_deeper,
                "the reader accepts what serde_json rejects ({e}): {doc:?}"
            );
        }
        (Err(e), Ok(_)) => panic!("the reader rejects JSON that serde_json accepts: {e}"),
    }
    if let Err(e) = &ours {
        assert_located(e, bytes);
    }
    check_skip(bytes, &ours);
    ours.is_ok()
}

fn check_skip(bytes: &[u8], decoded: &Result<Document, DecodeError>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if is_json_whitespace(bytes) {
        return; // the empty-body rule is from_json_str's, not the reader's
    }
    let mut r = Reader::new(text);
    let skipped = r.skip().and_then(|()| r.finish());
    match (&skipped, decoded) {
        (Ok(()), Ok(_)) | (Err(_), Err(_)) => {}
        (Ok(()), Err(e)) => assert!(
            e.message().contains("out of range"),
            "skip accepts what decoding rejects: {e}"
        ),
        (Err(e), Ok(_)) => panic!("skip rejects what decoding accepts: {e}"),
    }
    if let Err(e) = &skipped {
        assert_located(e, bytes);
    }
}

/// decode → encode → decode gives the same value, the writer's text is
/// JSON, and encoding is then a fixpoint, for `Document` and for the value
/// and collection impls generated types are built from. Every typed
/// decoder also sees every body: none may panic, all errors are located.
/// Returns how many of the types read the body.
pub fn check_roundtrips(bytes: &[u8]) -> usize {
    [
        round_trip::<Document>(bytes),
        round_trip::<Option<Box<Document>>>(bytes),
        round_trip::<Vec<Document>>(bytes),
        round_trip::<HashMap<String, Option<Document>>>(bytes),
        round_trip::<String>(bytes),
        round_trip::<Vec<Option<i32>>>(bytes),
        round_trip::<Vec<i8>>(bytes),
        round_trip::<Vec<i16>>(bytes),
        round_trip::<Vec<i64>>(bytes),
        round_trip::<Vec<f64>>(bytes),
        round_trip::<Vec<f32>>(bytes),
        round_trip::<Vec<bool>>(bytes),
        round_trip::<Vec<DateTime>>(bytes),
        round_trip::<Vec<Blob>>(bytes),
        round_trip::<Vec<BigNumber>>(bytes),
        round_trip::<HashMap<String, Vec<String>>>(bytes),
        round_trip::<HashMap<String, HashMap<String, i64>>>(bytes),
        round_trip::<Vec<Vec<Option<String>>>>(bytes),
    ]
    .into_iter()
    .filter(|&accepted| accepted)
    .count()
        + usize::from(check_blob(bytes))
}

/// A blob is read from a JSON string exactly when the string is base64
/// (RFC 4648 §4), to the same bytes. Padding may be left out (the
/// runtime's choice, for services that send it so), but padding that is
/// there must fill the last group of four; unused bits must be zero
/// (§3.5 lets a decoder require that).
fn check_blob(bytes: &[u8]) -> bool {
    let Ok(text) = serde_json::from_slice::<String>(bytes) else {
        return false;
    };
    let ours = from_json_slice::<Blob>(bytes).map(Blob::into_inner);
    assert_eq!(
        ours.as_ref().ok(),
        base64(&text).as_ref(),
        "the blob {text:?} reads as {ours:?}"
    );
    ours.is_ok()
}

/// The bytes `text` encodes in base64, decoded six bits at a time.
fn base64(text: &str) -> Option<Vec<u8>> {
    let data = text.trim_end_matches('=');
    let padding = text.len() - data.len();
    if padding > 2 || (padding > 0 && !text.len().is_multiple_of(4)) || data.len() % 4 == 1 {
        return None;
    }
    let mut bits = String::new();
    for c in data.chars() {
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '+' => 62,
            '/' => 63,
            _ => return None,
        };
        bits.push_str(&format!("{value:06b}"));
    }
    let whole = bits.len() / 8 * 8;
    if bits[whole..].contains('1') {
        return None;
    }
    Some(
        (0..whole)
            .step_by(8)
            .map(|i| u8::from_str_radix(&bits[i..i + 8], 2).unwrap())
            .collect(),
    )
}

fn round_trip<T: Decode + Encode + PartialEq + Debug>(bytes: &[u8]) -> bool {
    let value = match from_json_slice::<T>(bytes) {
        Ok(value) => value,
        Err(e) => {
            assert_located(&e, bytes);
            return false;
        }
    };
    let type_name = std::any::type_name::<T>();
    let encoded = to_json_body(&value)
        .unwrap_or_else(|e| panic!("a decoded {type_name} does not encode: {e}"));
    // Still JSON, though serde_json refuses it: a big number's text that
    // does not fit its f64 (`1e400`), and the reader's 128th level.
    match serde_json::from_slice::<Value>(&encoded) {
        Err(e)
            if !e.to_string().starts_with("number out of range")
                && !e.to_string().starts_with("recursion limit exceeded") =>
        {
            panic!(
                "the writer wrote invalid JSON for {value:?} ({e}): {:?}",
                String::from_utf8_lossy(&encoded)
            )
        }
        _ => {}
    }
    let again = from_json_slice::<T>(&encoded).unwrap_or_else(|e| {
        panic!(
            "the reader rejects what the writer wrote for {value:?} ({e}): {:?}",
            String::from_utf8_lossy(&encoded)
        )
    });
    // Debug text stands in for equality where a value holds NaN.
    assert!(
        again == value || format!("{again:?}") == format!("{value:?}"),
        "{type_name} changes in a round trip through {:?}: {value:?} became {again:?}",
        String::from_utf8_lossy(&encoded)
    );
    assert_eq!(
        to_json_body(&again).unwrap(),
        encoded,
        "encoding {type_name} is not a fixpoint"
    );
    true
}

/// An error names a byte offset inside the body (or its end) and says why.
fn assert_located(e: &DecodeError, bytes: &[u8]) {
    assert!(
        e.offset() <= bytes.len(),
        "error offset {} is past the {}-byte body: {e}",
        e.offset(),
        bytes.len()
    );
    assert!(!e.message().is_empty(), "an error without a message");
}

fn is_json_whitespace(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// How deep the text's arrays and objects nest (of the text, not the
/// value: a duplicate key's first value may nest deeper than its last).
fn nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in bytes {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'[' | b'{' if !in_string => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The reader's value and serde_json's are the same JSON value: numbers of
/// the same kind and value, floats bit for bit (serde_json's
/// `float_roundtrip` feature makes its parsing correctly rounded).
fn assert_same(doc: &Document, value: &Value, path: &str) {
    match (doc, value) {
        (Document::Null, Value::Null) => {}
        (Document::Bool(a), Value::Bool(b)) if a == b => {}
        (Document::String(a), Value::String(b)) if a == b => {}
        (Document::Number(n), Value::Number(m)) => {
            let same = match *n {
                Number::PosInt(a) => m.as_u64() == Some(a),
                Number::NegInt(a) => a < 0 && m.is_i64() && m.as_i64() == Some(a),
                Number::Float(a) => m.is_f64() && m.as_f64().map(f64::to_bits) == Some(a.to_bits()),
            };
            assert!(same, "{path}: the reader read {n:?}, serde_json {m:?}");
        }
        (Document::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_same(x, y, &format!("{path}[{i}]"));
            }
        }
        (Document::Object(a), Value::Object(b)) if a.len() == b.len() => {
            for (k, y) in b {
                let x = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}: the reader lost the member {k:?}"));
                assert_same(x, y, &format!("{path}.{k}"));
            }
        }
        _ => panic!("{path}: the reader read {doc:?}, serde_json {value:?}"),
    }
}
