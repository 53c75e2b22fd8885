//! A JSON writer for generated encoders: objects are written member by
//! member into one buffer, with no intermediate tree.

use super::TimestampFormat;
use crate::DateTime;

/// A value that can be written as JSON.
pub trait Encode {
    /// Writes this value.
    fn encode(&self, w: &mut Writer);
}

/// A JSON text being written.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
    error: Option<String>,
}

/// A value that cannot be sent, such as a union's `Unknown` member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError(String);

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

/// An object being written; see [`Writer::object`].
#[must_use = "an object must be closed with `end()`"]
pub struct ObjectWriter<'w> {
    w: &'w mut Writer,
    first: bool,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Writer::default()
    }

    /// A writer whose buffer starts with room for `bytes`.
    pub fn with_capacity(bytes: usize) -> Self {
        Writer {
            buf: Vec::with_capacity(bytes),
            error: None,
        }
    }

    /// Records that the value cannot be encoded; [`Writer::finish`] reports
    /// the first such problem.
    pub fn fail(&mut self, message: impl Into<String>) {
        self.error.get_or_insert_with(|| message.into());
    }

    /// The JSON text, or the first encoding problem.
    pub fn finish(self) -> Result<Vec<u8>, EncodeError> {
        match self.error {
            None => Ok(self.buf),
            Some(e) => Err(EncodeError(e)),
        }
    }

    /// Starts an object.
    pub fn object(&mut self) -> ObjectWriter<'_> {
        self.buf.push(b'{');
        ObjectWriter {
            w: self,
            first: true,
        }
    }

    /// Writes an array of `items`.
    pub fn array<T: Encode>(&mut self, items: &[T]) {
        self.buf.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            item.encode(self);
        }
        self.buf.push(b']');
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.buf.extend_from_slice(b"null");
    }

    /// Writes a boolean.
    pub fn bool(&mut self, value: bool) {
        self.buf
            .extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// Writes an integer.
    pub fn i64(&mut self, value: i64) {
        if value < 0 {
            self.buf.push(b'-');
        }
        self.u64(value.unsigned_abs());
    }

    fn u64(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&digits[i..]);
    }

    /// Writes `secs + nanos / 10^9` exactly (`1700000000.123`, `-1.5`),
    /// not through an `f64`, and without allocating: it is in every
    /// timestamp a server sends.
    pub(crate) fn epoch_seconds(&mut self, secs: i64, nanos: u32) {
        let total = i128::from(secs) * 1_000_000_000 + i128::from(nanos);
        let magnitude = total.unsigned_abs();
        if total < 0 {
            self.buf.push(b'-');
        }
        let whole = u64::try_from(magnitude / 1_000_000_000).unwrap_or(u64::MAX);
        self.u64(whole);
        let mut frac = (magnitude % 1_000_000_000) as u32;
        if frac == 0 {
            return;
        }
        let mut width = 9;
        while frac.is_multiple_of(10) {
            frac /= 10;
            width -= 1;
        }
        let mut digits = [b'0'; 9];
        for slot in digits[..width].iter_mut().rev() {
            *slot = b'0' + (frac % 10) as u8;
            frac /= 10;
        }
        self.buf.push(b'.');
        self.buf.extend_from_slice(&digits[..width]);
    }

    /// Writes a number; non-finite values as the strings `"NaN"`,
    /// `"Infinity"` and `"-Infinity"`, as AWS protocols expect.
    pub fn f64(&mut self, value: f64) {
        if value.is_nan() {
            self.string("NaN");
        } else if value.is_infinite() {
            self.string(if value > 0.0 { "Infinity" } else { "-Infinity" });
        } else {
            // Rust prints the shortest text that reads back as the same value.
            use std::io::Write as _;
            let _ = write!(self.buf, "{value}");
        }
    }

    /// Writes text as it is: a number kept as text (big numbers).
    pub fn raw_number(&mut self, text: &str) {
        self.buf.extend_from_slice(text.as_bytes());
    }

    /// Writes a string, escaped.
    pub fn string(&mut self, value: &str) {
        self.buf.reserve(value.len() + 2);
        self.buf.push(b'"');
        let bytes = value.as_bytes();
        let mut start = 0;
        loop {
            // Copy the plain run up to the next byte that needs escaping.
            let i = super::scan_plain(bytes, start);
            self.buf.extend_from_slice(&bytes[start..i]);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                _ => b"",
            };
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.buf.extend_from_slice(b"\\u00");
                self.buf.push(HEX[usize::from(b >> 4)]);
                self.buf.push(HEX[usize::from(b & 15)]);
            } else {
                self.buf.extend_from_slice(escape);
            }
            start = i + 1;
        }
        self.buf.push(b'"');
    }

    /// Writes a timestamp in `format`.
    pub fn timestamp(&mut self, value: &DateTime, format: TimestampFormat) {
        match format {
            TimestampFormat::EpochSeconds => value.encode(self),
            TimestampFormat::DateTime => self.string(&value.to_rfc3339()),
            TimestampFormat::HttpDate => self.string(&value.to_http_date()),
        }
    }
}

impl ObjectWriter<'_> {
    fn key(&mut self, name: &str) -> &mut Writer {
        if !self.first {
            self.w.buf.push(b',');
        }
        self.first = false;
        self.w.string(name);
        self.w.buf.push(b':');
        self.w
    }

    /// Writes a member.
    #[inline]
    pub fn field<T: Encode + ?Sized>(&mut self, name: &str, value: &T) {
        value.encode(self.key(name));
    }

    /// Writes a member when it is set (`None` is left out).
    #[inline]
    pub fn opt<T: Encode>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(name, value);
        }
    }

    /// Writes a timestamp member in `format` when it is set.
    pub fn timestamp(&mut self, name: &str, value: Option<&DateTime>, format: TimestampFormat) {
        if let Some(value) = value {
            self.key(name).timestamp(value, format);
        }
    }

    /// Records that the value cannot be encoded (see [`Writer::fail`]).
    pub fn fail(&mut self, message: &str) {
        self.w.fail(message);
    }

    /// Closes the object.
    pub fn end(self) {
        self.w.buf.push(b'}');
    }
}
