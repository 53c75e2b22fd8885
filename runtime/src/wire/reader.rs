//! A pull reader of JSON text, made for generated decoders.
//!
//! Generated code walks an object with [`Reader::object`] and
//! [`Object::next`], matches keys as `&str` (borrowed from the input unless
//! they contain escapes) and decodes each member with [`Reader::decode`].
//! Everything is checked as it is read: a body that is not JSON, or not the
//! JSON the model describes, is a [`DecodeError`] naming the byte offset.
//! Nesting is limited, so a hostile body cannot exhaust the stack.

use std::borrow::Cow;
use std::fmt;

/// How deep objects and arrays may nest.
const MAX_DEPTH: u32 = 128;

/// A body that could not be decoded: what was wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    message: String,
    offset: usize,
}

impl DecodeError {
    /// `message` at byte `offset`.
    pub fn new(message: impl Into<String>, offset: usize) -> Self {
        DecodeError {
            message: message.into(),
            offset,
        }
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The byte offset in the body where it was found.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.message, self.offset)
    }
}

impl std::error::Error for DecodeError {}

/// A value that can be read from JSON.
pub trait Decode: Sized {
    /// Reads one value; the reader is left after it.
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

/// The reader: a position in a JSON text. Cloning it is cheap, so a value
/// can be looked at ahead, or tried as one type and then another.
#[derive(Clone)]
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
    /// Servers read strictly: a key repeated in one object is an error
    /// rather than the last value winning.
    strict: bool,
}

/// An object being read; see [`Reader::object`].
#[derive(Debug)]
#[must_use]
pub struct Object {
    first: bool,
    /// Keys seen so far, kept only by a strict reader.
    seen: Option<SeenKeys>,
}

/// The keys of one object: a short list scanned linearly, turned into a
/// hash set once it grows, so a huge object cannot make the check quadratic.
#[derive(Debug)]
struct SeenKeys(Vec<Box<str>>, Option<std::collections::HashSet<Box<str>>>);

impl SeenKeys {
    const LINEAR: usize = 16;

    /// Records `key`; false when it was already there.
    fn insert(&mut self, key: &str) -> bool {
        if let Some(set) = &mut self.1 {
            return set.insert(key.into());
        }
        if self.0.iter().any(|k| **k == *key) {
            return false;
        }
        self.0.push(key.into());
        if self.0.len() > Self::LINEAR {
            self.1 = Some(self.0.drain(..).collect());
        }
        true
    }
}

/// An array being read; see [`Reader::array`].
#[derive(Debug)]
#[must_use]
pub struct Array {
    first: bool,
}

/// What kind of value comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// `[`
    Array,
    /// `{`
    Object,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
            strict: false,
        }
    }

    /// A reader that refuses a key repeated within one object (what a
    /// server reading strangers' requests wants; a client reading its
    /// service's responses does not pay for the check).
    pub fn strict(text: &'a str) -> Self {
        Reader {
            strict: true,
            ..Reader::new(text)
        }
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<String>) -> DecodeError {
        DecodeError::new(message, self.pos)
    }

    /// The current byte offset.
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// How many objects and arrays enclose the current position.
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// Bytes left after the current position.
    pub fn remaining(&self) -> usize {
        self.text.len() - self.pos
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn skip_ws(&mut self) {
        let b = self.bytes();
        while let Some(&c) = b.get(self.pos) {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            self.pos += 1;
        }
    }

    /// The next non-whitespace byte, not consumed.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.pos).copied()
    }

    #[inline]
    fn expect(&mut self, c: u8, what: &str) -> Result<(), DecodeError> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    #[cold]
    fn unexpected(&self, what: &str) -> DecodeError {
        match self.bytes().get(self.pos) {
            None => self.error(format!("expected {what}, found the end of the body")),
            Some(&c) if c.is_ascii_graphic() => {
                self.error(format!("expected {what}, found `{}`", c as char))
            }
            Some(&c) => self.error(format!("expected {what}, found byte 0x{c:02x}")),
        }
    }

    /// The kind of the next value.
    #[inline]
    pub fn kind(&mut self) -> Result<Kind, DecodeError> {
        Ok(match self.peek() {
            Some(b'n') => Kind::Null,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            Some(b'"') => Kind::String,
            Some(b'[') => Kind::Array,
            Some(b'{') => Kind::Object,
            _ => return Err(self.unexpected("a value")),
        })
    }

    /// Consumes `null` if it comes next.
    #[inline]
    pub fn null(&mut self) -> Result<bool, DecodeError> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal("null")?;
        Ok(true)
    }

    fn literal(&mut self, word: &str) -> Result<(), DecodeError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.unexpected(word))
        }
    }

    /// Decodes one value of type `T`.
    #[inline]
    pub fn decode<T: Decode>(&mut self) -> Result<T, DecodeError> {
        T::decode(self)
    }

    /// Starts reading an object: `{` must come next.
    #[inline]
    pub fn object(&mut self) -> Result<Object, DecodeError> {
        self.expect(b'{', "an object")?;
        self.enter()?;
        Ok(Object {
            first: true,
            seen: self.strict.then(|| SeenKeys(Vec::new(), None)),
        })
    }

    /// Starts reading an array: `[` must come next.
    #[inline]
    pub fn array(&mut self) -> Result<Array, DecodeError> {
        self.expect(b'[', "an array")?;
        self.enter()?;
        Ok(Array { first: true })
    }

    #[inline]
    fn enter(&mut self) -> Result<(), DecodeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[cold]
    fn too_deep(&self) -> DecodeError {
        self.error(format!("values nest deeper than {MAX_DEPTH} levels"))
    }

    /// Reads a string, borrowed from the input when it has no escapes.
    #[inline]
    pub fn str(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        self.expect(b'"', "a string")?;
        let start = self.pos;
        let end = self.scan_plain(start);
        if self.bytes().get(end) == Some(&b'"') {
            self.pos = end + 1;
            return Ok(Cow::Borrowed(&self.text[start..end]));
        }
        self.string_rest(start, end)
    }

    /// The slow path of a string (escapes, or an error): `start` is after
    /// the opening quote and `end` at the first byte that is not plain text.
    #[cold]
    fn string_rest(&mut self, start: usize, end: usize) -> Result<Cow<'a, str>, DecodeError> {
        match self.bytes().get(end) {
            Some(b'\\') => {
                let mut out = String::with_capacity(end - start + 16);
                out.push_str(&self.text[start..end]);
                self.pos = end;
                self.unescape_into(&mut out)?;
                Ok(Cow::Owned(out))
            }
            Some(_) => {
                self.pos = end;
                Err(self.error("control character in a string"))
            }
            None => {
                self.pos = end;
                Err(self.error("unterminated string"))
            }
        }
    }

    /// The offset of the first `"`, `\` or control character at or after
    /// `from` (or the end).
    #[inline]
    fn scan_plain(&self, from: usize) -> usize {
        super::scan_plain(self.bytes(), from)
    }

    /// Unescapes from the current position (inside a string) to the closing
    /// quote, appending to `out`.
    fn unescape_into(&mut self, out: &mut String) -> Result<(), DecodeError> {
        loop {
            let end = self.scan_plain(self.pos);
            out.push_str(&self.text[self.pos..end]);
            self.pos = end;
            match self.bytes().get(end) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    /// One escape sequence after its backslash.
    fn escape(&mut self) -> Result<char, DecodeError> {
        let Some(&c) = self.bytes().get(self.pos) else {
            return Err(self.error("unterminated string"));
        };
        self.pos += 1;
        Ok(match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                if (0xD800..0xDC00).contains(&first) {
                    if !self.text[self.pos..].starts_with("\\u") {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("unpaired surrogate in a \\u escape"));
                    }
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                } else {
                    char::from_u32(first)
                        .ok_or_else(|| self.error("unpaired surrogate in a \\u escape"))?
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape in a string"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, DecodeError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("a \\u escape needs four hex digits"))?;
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))
    }

    /// Reads a boolean.
    pub fn bool(&mut self) -> Result<bool, DecodeError> {
        match self.peek() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(self.unexpected("a boolean")),
        }
    }

    /// The text of the next number, checked against JSON's grammar.
    pub fn number_text(&mut self) -> Result<&'a str, DecodeError> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(self.unexpected("a number"));
        }
        let b = self.bytes();
        let start = self.pos;
        let mut i = start;
        if b[i] == b'-' {
            i += 1;
        }
        let digits = |mut i: usize| {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            i
        };
        let int_end = digits(i);
        let bad = |i: usize| DecodeError::new("malformed number", i);
        if int_end == i || (b[i] == b'0' && int_end > i + 1) {
            return Err(bad(i));
        }
        i = int_end;
        if b.get(i) == Some(&b'.') {
            let end = digits(i + 1);
            if end == i + 1 {
                return Err(bad(end));
            }
            i = end;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let end = digits(i);
            if end == i {
                return Err(bad(end));
            }
            i = end;
        }
        self.pos = i;
        Ok(&self.text[start..i])
    }

    /// Reads an integer that fits `i64`.
    #[inline]
    pub fn i64(&mut self) -> Result<i64, DecodeError> {
        self.skip_ws();
        let b = self.bytes();
        let start = self.pos;
        // Fast path: up to 18 plain digits cannot overflow and need no
        // second pass; anything else goes through the full grammar.
        let mut i = start;
        let mut value: i64 = 0;
        while i < b.len() && i - start < 18 && b[i].is_ascii_digit() {
            value = value * 10 + i64::from(b[i] - b'0');
            i += 1;
        }
        let plain_end = i == b.len() || !matches!(b[i], b'0'..=b'9' | b'.' | b'e' | b'E');
        if i > start && plain_end && !(b[start] == b'0' && i > start + 1) {
            self.pos = i;
            return Ok(value);
        }
        let text = self.number_text()?;
        text.parse()
            .map_err(|_| DecodeError::new(format!("expected an integer, found {text}"), start))
    }

    /// Reads epoch seconds, whole or with a decimal fraction, exactly
    /// (no trip through `f64`): `(seconds, nanoseconds)`, nanoseconds
    /// in `0..1e9` (so `-1.5` is `(-2, 500_000_000)`). `None` when the number
    /// has an exponent or more digits than fit; the caller falls back to `f64`.
    pub fn epoch_seconds(&mut self) -> Result<Option<(i64, u32)>, DecodeError> {
        self.skip_ws();
        let b = self.bytes();
        let start = self.pos;
        let mut i = start;
        let negative = b.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        let whole_start = i;
        let mut secs: i64 = 0;
        while i < b.len() && b[i].is_ascii_digit() && i - whole_start < 18 {
            secs = secs * 10 + i64::from(b[i] - b'0');
            i += 1;
        }
        let whole_len = i - whole_start;
        let mut nanos: u32 = 0;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let fraction_start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                // Digits past nanoseconds are read and dropped.
                if i - fraction_start < 9 {
                    nanos = nanos * 10 + u32::from(b[i] - b'0');
                }
                i += 1;
            }
            let digits = (i - fraction_start).min(9);
            if digits == 0 {
                return Err(DecodeError::new("malformed number", i));
            }
            const SCALE: [u32; 10] = [
                1_000_000_000,
                100_000_000,
                10_000_000,
                1_000_000,
                100_000,
                10_000,
                1_000,
                100,
                10,
                1,
            ];
            nanos *= SCALE[digits];
        }
        let leading_zero = whole_len > 1 && b[whole_start] == b'0';
        if whole_len == 0 || leading_zero {
            return Err(DecodeError::new("malformed number", whole_start));
        }
        if matches!(b.get(i), Some(b'0'..=b'9' | b'e' | b'E' | b'.')) {
            // An exponent, or more digits than fit: the caller uses `f64`.
            return Ok(None);
        }
        self.pos = i;
        Ok(Some(match (negative, nanos) {
            (false, _) => (secs, nanos),
            (true, 0) => (-secs, 0),
            (true, n) => (-secs - 1, 1_000_000_000 - n),
        }))
    }

    /// Reads a number as `f64` (one too large for it, like `1e400`, is an
    /// error); also accepts `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`, as AWS protocols send non-finite values.
    pub fn f64(&mut self) -> Result<f64, DecodeError> {
        if self.peek() == Some(b'"') {
            let at = self.pos;
            return match &*self.str()? {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                other => Err(DecodeError::new(
                    format!("expected a number, found the string {other:?}"),
                    at,
                )),
            };
        }
        let at = self.pos;
        let text = self.number_text()?;
        finite_f64(text, at)
    }

    /// Skips one value of any kind (an unknown member).
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        match self.kind()? {
            Kind::Null => self.literal("null"),
            Kind::Bool => self.bool().map(drop),
            Kind::Number => self.number_text().map(drop),
            // Borrowed unless it has escapes: skipping allocates no more.
            Kind::String => self.str().map(drop),
            Kind::Array => {
                let mut items = self.array()?;
                while items.next(self)? {
                    self.skip()?;
                }
                Ok(())
            }
            Kind::Object => {
                let mut members = self.object()?;
                while members.next(self)?.is_some() {
                    self.skip()?;
                }
                Ok(())
            }
        }
    }

    /// Decodes a `T` if the next value is one, leaving the reader after it;
    /// otherwise `None`, with the reader where it was. How an untagged union
    /// tries its members in declared order.
    pub fn attempt<T: Decode>(&mut self) -> Option<T> {
        let mut trial = self.clone();
        let value = T::decode(&mut trial).ok()?;
        *self = trial;
        Some(value)
    }

    /// Whether the next value is an object holding every key of `required`
    /// and, for each `(key, value)` of `constants`, that key with that
    /// string value when present. Nothing is consumed: this looks ahead, so an untagged
    /// union can tell two object members apart before decoding either.
    pub fn object_fits(&self, required: &[&str], constants: &[(&str, &str)]) -> bool {
        let mut ahead = self.clone();
        ahead.fits(required, constants).unwrap_or(false)
    }

    fn fits(&mut self, required: &[&str], constants: &[(&str, &str)]) -> Result<bool, DecodeError> {
        if self.kind()? != Kind::Object {
            return Ok(false);
        }
        let mut present = vec![false; required.len()];
        let mut object = self.object()?;
        while let Some(key) = object.next(self)? {
            if let Some(i) = required.iter().position(|k| *k == key) {
                present[i] = true;
            }
            match constants.iter().find(|(k, _)| *k == key) {
                Some((_, wanted)) => {
                    if self.kind()? != Kind::String || self.str()? != *wanted {
                        return Ok(false);
                    }
                }
                None => self.skip()?,
            }
        }
        Ok(present.into_iter().all(|p| p))
    }

    /// The string value of `key` in the object that comes next, looked at
    /// ahead without consuming anything: an OpenAPI discriminator.
    pub fn peek_field(&self, key: &str) -> Option<String> {
        let mut ahead = self.clone();
        let mut object = ahead.object().ok()?;
        while let Some(k) = object.next(&mut ahead).ok()? {
            if k == key {
                return ahead.str().ok().map(Cow::into_owned);
            }
            ahead.skip().ok()?;
        }
        None
    }

    /// Checks that only whitespace follows.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("unexpected data after the value")),
        }
    }
}

/// A number's text (checked against the grammar) at offset `at` as `f64`.
/// One too large for an `f64` (`1e400`) is an error, as in serde_json, not
/// infinity: that would be written back as the string `"Infinity"`.
pub(super) fn finite_f64(text: &str, at: usize) -> Result<f64, DecodeError> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(DecodeError::new("number out of range for a double", at)),
        Err(_) => Err(DecodeError::new("malformed number", at)),
    }
}

impl Object {
    /// The next member's key (the reader is then at its value), or `None`
    /// at the closing `}`.
    #[inline(always)]
    pub fn next<'a>(&mut self, r: &mut Reader<'a>) -> Result<Option<Cow<'a, str>>, DecodeError> {
        match r.peek() {
            Some(b'}') => {
                r.pos += 1;
                r.depth -= 1;
                return Ok(None);
            }
            Some(b',') if !self.first => {
                r.pos += 1;
                r.skip_ws();
            }
            _ if !self.first => return Err(r.unexpected("`,` or `}`")),
            _ => {}
        }
        self.first = false;
        let at = r.pos;
        let key = r.str()?;
        if let Some(seen) = &mut self.seen {
            if !seen.insert(&key) {
                return Err(DecodeError::new(format!("duplicate key {key:?}"), at));
            }
        }
        r.expect(b':', "`:`")?;
        Ok(Some(key))
    }
}

impl Array {
    /// Whether another item follows (the reader is then at it).
    #[inline]
    pub fn next(&mut self, r: &mut Reader<'_>) -> Result<bool, DecodeError> {
        match r.peek() {
            Some(b']') => {
                r.pos += 1;
                r.depth -= 1;
                return Ok(false);
            }
            Some(b',') if !self.first => r.pos += 1,
            _ if !self.first => return Err(r.unexpected("`,` or `]`")),
            _ => {}
        }
        self.first = false;
        Ok(true)
    }
}
