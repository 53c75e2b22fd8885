//! The JSON wire form of generated types.
//!
//! Generated types implement [`Encode`] and [`Decode`] by hand-shaped code
//! (no serde, no derive macros): a struct writes its members with an
//! [`ObjectWriter`] and reads them by matching keys in a loop over
//! [`Object::next`]. The value types here (strings, numbers, timestamps,
//! blobs, documents, collections) implement both traits.

mod reader;
mod writer;

pub use reader::{Array, Decode, DecodeError, Kind, Object, Reader};
pub use writer::{Encode, EncodeError, ObjectWriter, Writer};

use crate::{BigNumber, Blob, DateTime, Document, Number};
use std::collections::HashMap;
use std::hash::Hash;

/// The offset of the first `"`, `\` or control character in `b` at or
/// after `from` (or `b.len()`): what both the reader and the writer must
/// stop at in a string. Eight bytes at a time: most strings are long runs
/// of plain text, and this is the codec's hottest loop.
#[inline]
pub(crate) fn scan_plain(b: &[u8], from: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while i + 8 <= b.len() {
        let mut chunk = [0u8; 8];
        chunk.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(chunk);
        let quote = x ^ (LO * u64::from(b'"'));
        let slash = x ^ (LO * u64::from(b'\\'));
        // A byte is flagged when it is zero (quote/slash) or below 0x20;
        // bytes >= 0x80 never are, so UTF-8 text passes through.
        let flagged = (quote.wrapping_sub(LO) & !quote)
            | (slash.wrapping_sub(LO) & !slash)
            | (x.wrapping_sub(LO * 0x20) & !x);
        let flagged = flagged & HI;
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], b'"' | b'\\' | 0..=0x1f) {
        i += 1;
    }
    i
}

/// How a timestamp member travels when it is not the protocol's default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Seconds since the epoch, as a number.
    EpochSeconds,
    /// RFC 3339 string.
    DateTime,
    /// IMF-fixdate string.
    HttpDate,
}

/// Encodes a request body.
pub fn to_json_body<T: Encode + ?Sized>(input: &T) -> Result<Vec<u8>, EncodeError> {
    // Most bodies fit, so the buffer is not regrown five times on the way.
    let mut w = Writer::with_capacity(1024);
    input.encode(&mut w);
    w.finish()
}

/// Decodes a whole JSON text; an empty (or all-whitespace) text is read as
/// `{}`, as services send empty bodies for outputs without members.
pub fn from_json_str<T: Decode>(text: &str) -> Result<T, DecodeError> {
    // JSON's whitespace only: `str::trim` would also take a form feed or a
    // no-break space for an empty body.
    let text = if text.trim_start_matches([' ', '\t', '\n', '\r']).is_empty() {
        "{}"
    } else {
        text
    };
    let mut r = Reader::new(text);
    let value = T::decode(&mut r)?;
    r.finish()?;
    Ok(value)
}

/// [`from_json_slice`] with a [strict](Reader::strict) reader: what a
/// server decodes request bodies with.
pub fn from_json_slice_strict<T: Decode>(body: &[u8]) -> Result<T, DecodeError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| DecodeError::new("the body is not UTF-8", e.valid_up_to()))?;
    let text = if text.trim_start().is_empty() {
        "{}"
    } else {
        text
    };
    let mut r = Reader::strict(text);
    let value = T::decode(&mut r)?;
    r.finish()?;
    Ok(value)
}

/// [`from_json_str`] on bytes, which must be UTF-8.
pub fn from_json_slice<T: Decode>(body: &[u8]) -> Result<T, DecodeError> {
    match std::str::from_utf8(body) {
        Ok(text) => from_json_str(text),
        Err(e) => Err(DecodeError::new("the body is not UTF-8", e.valid_up_to())),
    }
}

impl<T: Decode> Decode for Option<T> {
    /// `null` is `None`, as AWS JSON services send absent members.
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        if r.null()? {
            Ok(None)
        } else {
            T::decode(r).map(Some)
        }
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, w: &mut Writer) {
        match self {
            Some(v) => v.encode(w),
            None => w.null(),
        }
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::decode(r).map(Box::new)
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w)
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut out = Vec::new();
        let mut items = r.array()?;
        let start = r.offset();
        while items.next(r)? {
            out.push(T::decode(r)?);
            if out.len() == 1 && r.depth() <= 2 {
                // A list member of the top-level output (a page of results)
                // is most of the body: size it from the first item's length
                // instead of growing it ten times (each growth copies every
                // item and makes the allocator consolidate). Bounded by twice
                // the remaining body in bytes; the surplus is given back.
                let first = (r.offset() - start).max(1);
                let by_length = r.remaining() / first;
                let by_memory = 2 * r.remaining() / std::mem::size_of::<T>().max(1);
                out.reserve(by_length.min(by_memory));
            }
        }
        if out.capacity() > 2 * out.len() + 8 {
            out.shrink_to_fit();
        }
        Ok(out)
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, w: &mut Writer) {
        w.array(self)
    }
}

impl<K, V> Decode for HashMap<K, V>
where
    K: for<'k> From<&'k str> + Eq + Hash,
    V: Decode,
{
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut out = HashMap::new();
        let mut members = r.object()?;
        while let Some(key) = members.next(r)? {
            let value = V::decode(r)?;
            if out.is_empty() {
                // Maps in responses are small: one allocation for the
                // usual sizes instead of growing (and rehashing) twice.
                out.reserve(8);
            }
            out.insert(K::from(&key), value);
        }
        Ok(out)
    }
}

impl<K: AsRef<str>, V: Encode> Encode for HashMap<K, V> {
    /// Keys in sorted order, so that equal maps give equal bodies.
    fn encode(&self, w: &mut Writer) {
        let mut entries: Vec<(&str, &V)> = self.iter().map(|(k, v)| (k.as_ref(), v)).collect();
        entries.sort_unstable_by_key(|(k, _)| *k);
        let mut o = w.object();
        for (k, v) in entries {
            o.field(k, v);
        }
        o.end();
    }
}

impl Decode for String {
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.str().map(|s| s.into_owned())
    }
}

impl Encode for String {
    fn encode(&self, w: &mut Writer) {
        w.string(self)
    }
}

impl Encode for str {
    fn encode(&self, w: &mut Writer) {
        w.string(self)
    }
}

/// `Unit` (a union member that carries no value) is an empty object.
impl Decode for () {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut object = r.object()?;
        while object.next(r)?.is_some() {
            r.skip()?;
        }
        Ok(())
    }
}

impl Encode for () {
    fn encode(&self, w: &mut Writer) {
        w.object().end();
    }
}

impl Decode for bool {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.bool()
    }
}

impl Encode for bool {
    fn encode(&self, w: &mut Writer) {
        w.bool(*self)
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Decode for $t {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                let value = r.i64()?;
                <$t>::try_from(value).map_err(|_| {
                    r.error(format!("{value} is out of range for {}", stringify!($t)))
                })
            }
        }

        impl Encode for $t {
            fn encode(&self, w: &mut Writer) {
                w.i64(i64::from(*self))
            }
        }
    )*};
}

integers!(i8, i16, i32, i64);

impl Decode for f64 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.f64()
    }
}

impl Encode for f64 {
    fn encode(&self, w: &mut Writer) {
        w.f64(*self)
    }
}

impl Decode for f32 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.f64().map(|v| v as f32)
    }
}

impl Encode for f32 {
    fn encode(&self, w: &mut Writer) {
        // Through the shortest text of the f32, so 0.1f32 is sent as 0.1.
        if self.is_finite() {
            w.raw_number(&self.to_string())
        } else {
            w.f64(f64::from(*self))
        }
    }
}

impl Decode for DateTime {
    /// Integer and fractional epoch seconds (moto sends both) and, for
    /// members in another format, RFC 3339 and HTTP-date strings.
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let kind = r.kind()?;
        let at = r.offset();
        if kind == Kind::String {
            let text = r.str()?;
            return DateTime::from_rfc3339(&text)
                .or_else(|_| DateTime::from_http_date(&text))
                .map_err(|_| DecodeError::new(format!("{text:?} is not a timestamp"), at));
        }
        if let Some((secs, nanos)) = r.epoch_seconds()? {
            return Ok(DateTime::from_secs_and_nanos(secs, nanos));
        }
        let text = r.number_text()?;
        let value: f64 = text
            .parse()
            .map_err(|_| DecodeError::new("malformed number", at))?;
        DateTime::from_fractional_secs(value).map_err(|e| DecodeError::new(e.to_string(), at))
    }
}

impl Encode for DateTime {
    /// AWS JSON's default: epoch seconds, fractional when there are
    /// nanoseconds. Written exactly, not through an `f64`, which keeps only
    /// about microseconds at today's dates, so values read back unchanged.
    fn encode(&self, w: &mut Writer) {
        w.epoch_seconds(self.secs(), self.subsec_nanos())
    }
}

impl Decode for Blob {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.kind()?;
        let at = r.offset();
        let text = r.str()?;
        crate::blob::base64_decode(&text)
            .map(Blob::new)
            .ok_or_else(|| DecodeError::new("a blob must be base64", at))
    }
}

impl Encode for Blob {
    fn encode(&self, w: &mut Writer) {
        w.string(&crate::blob::base64_encode(self.as_bytes()))
    }
}

impl Decode for BigNumber {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.number_text()
            .map(|t| BigNumber::from_checked(t.to_string()))
    }
}

impl Encode for BigNumber {
    fn encode(&self, w: &mut Writer) {
        w.raw_number(self.as_str())
    }
}

impl Decode for Document {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.kind()? {
            Kind::Null => {
                r.null()?;
                Document::Null
            }
            Kind::Bool => Document::Bool(r.bool()?),
            Kind::String => Document::String(r.str()?.into_owned()),
            Kind::Number => Document::Number(document_number(r)?),
            Kind::Array => Document::Array(Vec::decode(r)?),
            Kind::Object => Document::Object(HashMap::decode(r)?),
        })
    }
}

/// A document's number, as serde_json reads it: an integer when it is one
/// and fits, else a float. `-0` is no negative integer: it is the float
/// `-0.0`, whose sign survives a round trip (`NegInt(0)` would come back
/// as `PosInt(0)`).
fn document_number(r: &mut Reader<'_>) -> Result<Number, DecodeError> {
    let at = r.offset();
    let text = r.number_text()?;
    if let Ok(n) = text.parse::<u64>() {
        return Ok(Number::PosInt(n));
    }
    match text.parse::<i64>() {
        Ok(n) if n < 0 => Ok(Number::NegInt(n)),
        _ => reader::finite_f64(text, at).map(Number::Float),
    }
}

impl Encode for Document {
    fn encode(&self, w: &mut Writer) {
        match self {
            Document::Null => w.null(),
            Document::Bool(b) => w.bool(*b),
            Document::String(s) => w.string(s),
            Document::Number(Number::PosInt(n)) => w.raw_number(&n.to_string()),
            Document::Number(Number::NegInt(n)) => w.i64(*n),
            // `{:?}` keeps a `.0` or an exponent on integral floats (`1.0`,
            // `1e20`), so they read back as floats, not integers.
            Document::Number(Number::Float(f)) if f.is_finite() => w.raw_number(&format!("{f:?}")),
            Document::Number(Number::Float(f)) => w.f64(*f),
            Document::Array(items) => w.array(items),
            Document::Object(members) => members.encode(w),
        }
    }
}

#[cfg(test)]
mod tests;
