//! Serde helpers that generated types use for their wire forms.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// Serializes a request body as JSON.
pub fn to_json_body<T: serde::Serialize>(input: &T) -> Result<Vec<u8>, serde_json::Error> {
    serde_json::to_vec(input)
}

/// A map key that borrows from the input when it can (no allocation for
/// keys without escapes).
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// Deserializes a string through `from` without an intermediate `String`
/// (enum values are decoded this way).
pub fn deserialize_str_with<'de, D: Deserializer<'de>, T>(
    d: D,
    from: fn(&str) -> T,
) -> Result<T, D::Error> {
    struct StrVisitor<T>(fn(&str) -> T);
    impl<T> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }
    d.deserialize_str(StrVisitor(from))
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

/// Serializes a timestamp in a given format.
pub struct Timestamp<'a>(pub &'a crate::DateTime, pub TimestampFormat);

impl serde::Serialize for Timestamp<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            TimestampFormat::EpochSeconds => self.0.serialize(s),
            TimestampFormat::DateTime => s.serialize_str(&self.0.to_rfc3339()),
            TimestampFormat::HttpDate => s.serialize_str(&self.0.to_http_date()),
        }
    }
}

/// Deserializes a timestamp written in any format: numbers as epoch
/// seconds, strings as RFC 3339 or HTTP dates.
pub struct TimestampIn(pub crate::DateTime);

impl<'de> Deserialize<'de> for TimestampIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TimestampVisitor).map(TimestampIn)
    }
}

pub(crate) struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = crate::DateTime;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp (epoch seconds or a date string)")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(crate::DateTime::from_secs(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(crate::DateTime::from_secs)
            .map_err(|_| E::custom("timestamp out of range"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        crate::DateTime::from_fractional_secs(v).map_err(E::custom)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        crate::DateTime::from_rfc3339(v)
            .or_else(|_| crate::DateTime::from_http_date(v))
            .map_err(|_| E::custom(format!("{v:?} is not a timestamp")))
    }
}
