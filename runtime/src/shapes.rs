//! Small value types generated code is built from.

use std::fmt;

/// A `document` value: untyped JSON-like data.
pub type Document = serde_json::Value;

/// A `bigInteger` or `bigDecimal` value, kept as its exact JSON number.
pub type BigNumber = serde_json::Number;

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
