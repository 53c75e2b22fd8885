//! Small value types generated code is built from.

use std::collections::HashMap;
use std::fmt;

/// A `document` value: untyped JSON-like data.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// An object.
    Object(HashMap<String, Document>),
    /// An array.
    Array(Vec<Document>),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
}

/// A number in a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// Any other number.
    Float(f64),
}

impl Document {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(s) => Some(s),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&HashMap<String, Document>> {
        match self {
            Document::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Document]> {
        match self {
            Document::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The number as `f64`, if this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Document::Number(Number::PosInt(n)) => Some(*n as f64),
            Document::Number(Number::NegInt(n)) => Some(*n as f64),
            Document::Number(Number::Float(f)) => Some(*f),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }
}

impl From<&str> for Document {
    fn from(s: &str) -> Self {
        Document::String(s.to_string())
    }
}

impl From<String> for Document {
    fn from(s: String) -> Self {
        Document::String(s)
    }
}

impl From<bool> for Document {
    fn from(b: bool) -> Self {
        Document::Bool(b)
    }
}

impl From<i64> for Document {
    fn from(n: i64) -> Self {
        Document::Number(match u64::try_from(n) {
            Ok(p) => Number::PosInt(p),
            Err(_) => Number::NegInt(n),
        })
    }
}

impl From<f64> for Document {
    fn from(f: f64) -> Self {
        Document::Number(Number::Float(f))
    }
}

impl From<Vec<Document>> for Document {
    fn from(items: Vec<Document>) -> Self {
        Document::Array(items)
    }
}

impl From<HashMap<String, Document>> for Document {
    fn from(members: HashMap<String, Document>) -> Self {
        Document::Object(members)
    }
}

/// A `bigInteger` or `bigDecimal` value, kept as its exact JSON number text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigNumber(String);

impl BigNumber {
    /// Text that the JSON reader has already checked.
    pub(crate) fn from_checked(text: String) -> Self {
        BigNumber(text)
    }

    /// The number as written, e.g. `12345678901234567890` or `1.5e300`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for BigNumber {
    type Err = crate::wire::DecodeError;
    /// Accepts a JSON number, e.g. `-12`, `3.25`, `1e400`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut r = crate::wire::Reader::new(text);
        let checked = r.number_text()?.to_string();
        r.finish()?;
        Ok(BigNumber(checked))
    }
}

impl From<i64> for BigNumber {
    fn from(n: i64) -> Self {
        BigNumber(n.to_string())
    }
}

impl From<u64> for BigNumber {
    fn from(n: u64) -> Self {
        BigNumber(n.to_string())
    }
}

impl fmt::Display for BigNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An enum value this version of a crate does not know. It keeps the text,
/// so the value round-trips to the service unchanged; it cannot be built by
/// users, so matching on known variants stays exhaustive in meaning.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(String);

impl UnknownVariantValue {
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        UnknownVariantValue(value.to_string())
    }

    /// The value as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownVariantValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A builder's `build()` failed: a required member was not set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    field: &'static str,
}

impl BuildError {
    /// The member named `field` is required but was not set.
    pub fn missing_field(field: &'static str) -> Self {
        BuildError { field }
    }

    /// The missing member's name.
    pub fn field(&self) -> &'static str {
        self.field
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "required member `{}` is not set", self.field)
    }
}

impl std::error::Error for BuildError {}
