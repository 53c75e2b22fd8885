//! Timestamps: an instant with nanosecond precision, convertible from and to
//! epoch seconds (integer or fractional), RFC 3339 and HTTP dates.

pub use crate::wire::TimestampFormat;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time, as seconds and nanoseconds since the Unix epoch (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    secs: i64,
    nanos: u32,
}

/// A timestamp that could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError(String);

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// From whole seconds since the epoch.
    pub const fn from_secs(secs: i64) -> Self {
        DateTime { secs, nanos: 0 }
    }

    /// From seconds and nanoseconds (normalised so that nanos < 1e9).
    pub fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        DateTime {
            secs: secs + i64::from(nanos / 1_000_000_000),
            nanos: nanos % 1_000_000_000,
        }
    }

    /// From fractional epoch seconds (`1700000000.123`), as services send them.
    pub fn from_fractional_secs(value: f64) -> Result<Self, DateTimeError> {
        if !value.is_finite() || value.abs() > 1e15 {
            return Err(DateTimeError(format!(
                "{value} is not a valid epoch timestamp"
            )));
        }
        let secs = value.floor();
        // Round to microseconds: doubles carry about that much precision here.
        let micros = ((value - secs) * 1e6).round() as u32;
        // 0.9999997 rounds up to a whole second; the constructor carries it.
        Ok(DateTime::from_secs_and_nanos(secs as i64, micros * 1000))
    }

    /// The current time.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// Whole seconds since the epoch (rounded down).
    pub fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds within the second.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Epoch seconds as a float.
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / 1e9
    }

    /// Parses RFC 3339 / ISO 8601 (`2024-05-01T12:30:00Z`, offsets, fractions).
    pub fn from_rfc3339(text: &str) -> Result<Self, DateTimeError> {
        let bad = || DateTimeError(format!("{text:?} is not an RFC 3339 date-time"));
        let b = text.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't' | b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(bad());
        }
        // Digits only: `str::parse` also took a sign (`+999-…`, `T-1:…`).
        let num = |r: std::ops::Range<usize>| b.get(r).and_then(digits).ok_or_else(bad);
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let mut i = 19;
        let mut nanos: u32 = 0;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &text[start..i];
            if digits.is_empty() {
                return Err(bad());
            }
            let mut padded: String = digits.chars().take(9).collect();
            while padded.len() < 9 {
                padded.push('0');
            }
            nanos = padded.parse().map_err(|_| bad())?;
        }
        let offset_secs = match b.get(i) {
            Some(b'Z' | b'z') if i + 1 == b.len() => 0,
            Some(&sign @ (b'+' | b'-')) if b.len() == i + 6 && b[i + 3] == b':' => {
                let h = num(i + 1..i + 3)?;
                let m = num(i + 4..i + 6)?;
                if h > 23 || m > 59 {
                    return Err(bad()); // RFC 3339's time-numoffset
                }
                let total = h * 3600 + m * 60;
                if sign == b'+' {
                    total
                } else {
                    -total
                }
            }
            _ => return Err(bad()),
        };
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(bad());
        }
        let secs =
            days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second.min(59)
                - offset_secs;
        Ok(DateTime { secs, nanos })
    }

    /// Formats as RFC 3339 in UTC (`2024-01-02T03:04:05Z`), with fractional
    /// seconds only when there are any, as many digits as needed (up to
    /// nanoseconds): `2024-01-02T03:04:05.25Z`. This is also what `Display`
    /// writes. Years outside 0000–9999, which RFC 3339 cannot express, are
    /// written in ISO 8601's expanded form (`+10000-01-01T00:00:00Z`);
    /// [`fmt`](Self::fmt) refuses them instead.
    pub fn to_rfc3339(&self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        let mut out = if (0..=9999).contains(&y) {
            format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
        } else {
            format!("{y:+05}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")
        };
        push_fraction(&mut out, self.nanos);
        out.push('Z');
        out
    }

    /// Formats in `format`, as aws-smithy-types' `DateTime::fmt` does:
    /// [`DateTime`](TimestampFormat::DateTime) is [`to_rfc3339`](Self::to_rfc3339)
    /// (an error outside the years 0000–9999), [`HttpDate`](TimestampFormat::HttpDate)
    /// is [`to_http_date`](Self::to_http_date) (whole seconds; an error outside
    /// 0001–9999), [`EpochSeconds`](TimestampFormat::EpochSeconds) is the decimal
    /// number of seconds (`1700000000`, `1700000000.5`, `-1.5`).
    ///
    /// Unlike aws-smithy-types, fractions keep nanosecond precision rather
    /// than microseconds (RFC 3339) or milliseconds (HTTP dates get none).
    pub fn fmt(&self, format: TimestampFormat) -> Result<String, DateTimeError> {
        let year = self.civil().0;
        let out_of_range = |range: &str| {
            DateTimeError(format!(
                "{self} cannot be written as {}: only the years {range} can",
                match format {
                    TimestampFormat::DateTime => "an RFC 3339 date-time",
                    _ => "an HTTP date",
                }
            ))
        };
        match format {
            TimestampFormat::DateTime if !(0..=9999).contains(&year) => {
                Err(out_of_range("0000 to 9999"))
            }
            TimestampFormat::DateTime => Ok(self.to_rfc3339()),
            TimestampFormat::HttpDate if !(1..=9999).contains(&year) => {
                Err(out_of_range("0001 to 9999"))
            }
            TimestampFormat::HttpDate => Ok(self.to_http_date()),
            TimestampFormat::EpochSeconds => Ok(self.epoch_seconds_text()),
        }
    }

    /// Parses `text` in `format` (aws-smithy-types' `DateTime::from_str`).
    /// RFC 3339 accepts offsets and any fraction; epoch seconds are a
    /// decimal number with at most nine fractional digits. For the
    /// one-argument RFC 3339 parse, use `text.parse::<DateTime>()`.
    pub fn from_str(text: &str, format: TimestampFormat) -> Result<Self, DateTimeError> {
        match format {
            TimestampFormat::DateTime => Self::from_rfc3339(text),
            TimestampFormat::HttpDate => Self::from_http_date(text),
            TimestampFormat::EpochSeconds => Self::from_epoch_seconds_text(text),
        }
    }

    /// From milliseconds since the epoch.
    pub fn from_millis(millis: i64) -> Self {
        DateTime {
            secs: millis.div_euclid(1000),
            nanos: (millis.rem_euclid(1000) as u32) * 1_000_000,
        }
    }

    /// Milliseconds since the epoch (rounded down); an error when they do
    /// not fit in an `i64`.
    pub fn to_millis(&self) -> Result<i64, DateTimeError> {
        self.secs
            .checked_mul(1000)
            .and_then(|ms| ms.checked_add(i64::from(self.nanos / 1_000_000)))
            .ok_or_else(|| DateTimeError(format!("{self} is out of range for milliseconds")))
    }

    /// Whether there is a fraction of a second.
    pub fn has_subsec_nanos(&self) -> bool {
        self.nanos != 0
    }

    /// `1700000000`, `1700000000.123`, `-1.5`: exact, not through a float.
    pub(crate) fn epoch_seconds_text(&self) -> String {
        let total = i128::from(self.secs) * 1_000_000_000 + i128::from(self.nanos);
        let (whole, frac) = (
            total.abs() / 1_000_000_000,
            (total.abs() % 1_000_000_000) as u32,
        );
        let mut out = format!("{}{whole}", if total < 0 { "-" } else { "" });
        push_fraction(&mut out, frac);
        out
    }

    fn from_epoch_seconds_text(text: &str) -> Result<Self, DateTimeError> {
        let bad = || DateTimeError(format!("{text:?} is not a number of epoch seconds"));
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(frac)
            || frac.len() > 9
            || (digits.contains('.') && frac.is_empty())
        {
            return Err(bad());
        }
        let whole: i128 = whole.parse().map_err(|_| bad())?;
        let frac: i128 = format!("{frac:0<9}").parse().map_err(|_| bad())?;
        // Checked: 30 digits fit an i128 but not once scaled to nanoseconds.
        let mut total = whole
            .checked_mul(1_000_000_000)
            .map(|nanos| nanos + frac)
            .ok_or_else(bad)?;
        if negative {
            total = -total;
        }
        let secs = i64::try_from(total.div_euclid(1_000_000_000)).map_err(|_| bad())?;
        Ok(DateTime {
            secs,
            nanos: total.rem_euclid(1_000_000_000) as u32,
        })
    }

    /// Parses an IMF-fixdate HTTP date (`Tue, 29 Apr 2014 18:30:38 GMT`),
    /// RFC 7231 §7.1.1.1's fixed layout exactly: a four-digit year, a date
    /// that exists and its own day name (RFC 5322 §3.3). A fraction of a
    /// second before ` GMT` is also read, as aws-smithy-types reads it.
    pub fn from_http_date(text: &str) -> Result<Self, DateTimeError> {
        let bad = || DateTimeError(format!("{text:?} is not an HTTP date"));
        let b = text.as_bytes();
        // `Tue, 29 Apr 2014 18:30:38`, then `[.fraction] GMT`.
        let (head, tail) = b.split_at_checked(25).ok_or_else(bad)?;
        if &head[3..5] != b", " || [7, 11, 16].iter().any(|&i| head[i] != b' ') {
            return Err(bad());
        }
        if head[19] != b':' || head[22] != b':' {
            return Err(bad());
        }
        let name = |names: &[&str], at: usize| {
            names
                .iter()
                .position(|n| n.as_bytes() == &head[at..at + 3])
                .ok_or_else(bad)
        };
        let (weekday, month) = (name(&DAYS, 0)?, name(&MONTHS, 8)? as i64 + 1);
        // Fixed-width digits only: a year of any length overflowed the
        // seconds (a panic, or a wrapped instant in release builds).
        let field = |at: usize, len: usize| digits(&head[at..at + len]).ok_or_else(bad);
        let (day, year) = (field(5, 2)?, field(12, 4)?);
        let (h, m, s) = (field(17, 2)?, field(20, 2)?, field(23, 2)?);
        let nanos = match tail.strip_suffix(b" GMT").ok_or_else(bad)? {
            [] => 0,
            [b'.', fraction @ ..] => fraction_nanos(fraction).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        if !(1..=days_in_month(year, month)).contains(&day) || h > 23 || m > 59 || s > 60 {
            return Err(bad());
        }
        let days = days_from_civil(year, month, day);
        if (days + 4).rem_euclid(7) as usize != weekday {
            return Err(bad()); // 1970-01-01 was a Thursday
        }
        Ok(DateTime {
            secs: days * 86_400 + h * 3600 + m * 60 + s.min(59),
            nanos,
        })
    }

    /// Formats as an IMF-fixdate HTTP date.
    pub fn to_http_date(&self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        let weekday = (self.secs.div_euclid(86_400) + 4).rem_euclid(7) as usize; // 1970-01-01 was a Thursday
        format!(
            "{}, {d:02} {} {y:04} {h:02}:{mi:02}:{s:02} GMT",
            DAYS[weekday],
            MONTHS[(mo - 1) as usize]
        )
    }

    /// `YYYYMMDDTHHMMSSZ`, the SigV4 timestamp.
    pub fn to_amz_date(&self) -> String {
        let (y, mo, d, h, mi, s) = self.civil();
        format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
    }

    /// Parses the SigV4 timestamp `YYYYMMDDTHHMMSSZ` (ISO 8601 basic format).
    pub fn from_amz_date(text: &str) -> Result<Self, DateTimeError> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' || !digits(0..8) || !digits(9..15) {
            return Err(DateTimeError(format!(
                "{text:?} is not a YYYYMMDDTHHMMSSZ timestamp"
            )));
        }
        // Same fields as RFC 3339 with the separators left out: one validator.
        let t = text;
        DateTime::from_rfc3339(&format!(
            "{}-{}-{}T{}:{}:{}Z",
            &t[0..4],
            &t[4..6],
            &t[6..8],
            &t[9..11],
            &t[11..13],
            &t[13..15]
        ))
        .map_err(|_| DateTimeError(format!("{text:?} is not a valid date and time")))
    }

    /// (year, month, day, hour, minute, second) in UTC.
    fn civil(&self) -> (i64, i64, i64, i64, i64, i64) {
        let days = self.secs.div_euclid(86_400);
        let rem = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
    }
}

/// The value of a run of ASCII digits (no sign, no space), at most 18.
fn digits(text: &[u8]) -> Option<i64> {
    if text.is_empty() || text.len() > 18 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(text.iter().fold(0, |v, d| v * 10 + i64::from(d - b'0')))
}

/// The digits after a decimal point as nanoseconds; digits past the ninth
/// are dropped.
fn fraction_nanos(text: &[u8]) -> Option<u32> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let nanos = (0..9).fold(0, |v, i| {
        v * 10 + text.get(i).map_or(0, |d| u32::from(d - b'0'))
    });
    Some(nanos)
}

/// `.5`, `.123456789`: the fraction's digits without trailing zeros, nothing for 0.
fn push_fraction(out: &mut String, nanos: u32) {
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl From<SystemTime> for DateTime {
    fn from(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => DateTime::from_secs_and_nanos(d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => {
                let d = e.duration();
                let secs = -(d.as_secs() as i64);
                if d.subsec_nanos() == 0 {
                    DateTime::from_secs(secs)
                } else {
                    DateTime::from_secs_and_nanos(secs - 1, 1_000_000_000 - d.subsec_nanos())
                }
            }
        }
    }
}

impl From<DateTime> for SystemTime {
    fn from(t: DateTime) -> Self {
        if t.secs >= 0 {
            UNIX_EPOCH + Duration::new(t.secs as u64, t.nanos)
        } else {
            UNIX_EPOCH - Duration::from_secs(t.secs.unsigned_abs())
                + Duration::from_nanos(u64::from(t.nanos))
        }
    }
}

/// Parses RFC 3339, the form `Display` writes (`"…".parse::<DateTime>()`).
impl std::str::FromStr for DateTime {
    type Err = DateTimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::from_rfc3339(s)
    }
}

/// RFC 3339 in UTC, fractional seconds only when present:
/// `2024-01-02T03:04:05Z`, `2024-01-02T03:04:05.5Z` (see [`DateTime::to_rfc3339`]).
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_forms() {
        let t = DateTime::from_fractional_secs(1_700_000_000.123).unwrap();
        assert_eq!(t.secs(), 1_700_000_000);
        assert_eq!(t.subsec_nanos(), 123_000_000);
        assert_eq!(
            DateTime::from_fractional_secs(1.7e9).unwrap(),
            DateTime::from_secs(1_700_000_000)
        );
        let neg = DateTime::from_fractional_secs(-1.5).unwrap();
        assert_eq!((neg.secs(), neg.subsec_nanos()), (-2, 500_000_000));
        assert!(DateTime::from_fractional_secs(f64::NAN).is_err());
    }

    #[test]
    fn rfc3339_and_http_dates() {
        let t = DateTime::from_rfc3339("2014-04-29T18:30:38Z").unwrap();
        assert_eq!(t.secs(), 1_398_796_238);
        assert_eq!(t.to_rfc3339(), "2014-04-29T18:30:38Z");
        assert_eq!(t.to_http_date(), "Tue, 29 Apr 2014 18:30:38 GMT");
        assert_eq!(
            DateTime::from_http_date("Tue, 29 Apr 2014 18:30:38 GMT").unwrap(),
            t
        );
        let offset = DateTime::from_rfc3339("2014-04-29T20:30:38.5+02:00").unwrap();
        assert_eq!(
            (offset.secs(), offset.subsec_nanos()),
            (1_398_796_238, 500_000_000)
        );
        assert_eq!(offset.to_rfc3339(), "2014-04-29T18:30:38.5Z");
        assert_eq!(t.to_amz_date(), "20140429T183038Z");
        for bad in [
            "2014-13-01T00:00:00Z",
            "2014-02-30T00:00:00Z",
            "yesterday",
            "2014-04-29T18:30:38",
        ] {
            assert!(DateTime::from_rfc3339(bad).is_err(), "{bad}");
        }
        for bad in [
            "Tue, 29 Apr 99999999999999999 18:30:38 GMT",
            "Tue, 29 Apr 14 18:30:38 GMT",
            "Tue, 29 Apr +014 18:30:38 GMT",
        ] {
            assert!(DateTime::from_http_date(bad).is_err(), "{bad}");
        }
        let round: SystemTime = t.into();
        assert_eq!(DateTime::from(round), t);
    }

    #[test]
    fn more_rfc3339_forms() {
        let base = DateTime::from_rfc3339("2024-02-29T23:59:59Z").unwrap();
        assert_eq!(base.to_rfc3339(), "2024-02-29T23:59:59Z");
        // Lower-case separators, negative offsets crossing midnight, long fractions.
        let t = DateTime::from_rfc3339("2024-02-29t18:29:59.123456789-05:30").unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (base.secs(), 123_456_789));
        assert_eq!(t.to_rfc3339(), "2024-02-29T23:59:59.123456789Z");
        let t = DateTime::from_rfc3339("2024-03-01T01:00:00+01:00").unwrap();
        assert_eq!(t.secs(), base.secs() + 1);
        assert_eq!(
            "1970-01-01T00:00:00.000001z"
                .parse::<DateTime>()
                .unwrap()
                .subsec_nanos(),
            1000
        );
        assert_eq!(DateTime::from_secs(-1).to_rfc3339(), "1969-12-31T23:59:59Z");
        assert_eq!(
            DateTime::from_secs(0).to_http_date(),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
        for bad in [
            "2023-02-29T00:00:00Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00+0100",
            "2024-01-01T00:00:00.Z",
        ] {
            assert!(DateTime::from_rfc3339(bad).is_err(), "{bad}");
        }
        assert!(DateTime::from_http_date("Thu, 01 Foo 1970 00:00:00 GMT").is_err());
    }

    #[test]
    fn http_dates_with_huge_years_are_errors() {
        // The known bug, also found by tests/fuzz_wire.rs: the year was
        // parsed as any i64, and days * 86 400 overflowed (a panic in
        // debug builds, a wrapped instant in release builds).
        for text in [
            "Tue, 29 Apr 99999999999999 18:30:38 GMT",
            "Tue, 29 Apr 9223372036854775807 18:30:38 GMT",
            "Tue, 29 Apr 10000 18:30:38 GMT",
        ] {
            assert!(DateTime::from_http_date(text).is_err(), "{text}");
            assert!(crate::wire::from_json_str::<DateTime>(&format!("{text:?}")).is_err());
        }
        let last = DateTime::from_http_date("Fri, 31 Dec 9999 23:59:59 GMT").unwrap();
        assert_eq!(last.to_http_date(), "Fri, 31 Dec 9999 23:59:59 GMT");
    }

    #[test]
    fn http_dates_are_imf_fixdates_exactly() {
        // Found by tests/fuzz_datetime.rs: signs, other widths, other
        // spacing, any day name and days past the month's end were read.
        let t = DateTime::from_secs(1_398_796_238);
        assert_eq!(
            DateTime::from_http_date("Tue, 29 Apr 2014 18:30:38 GMT"),
            Ok(t)
        );
        let with_fraction = DateTime::from_http_date("Tue, 29 Apr 2014 18:30:38.25 GMT").unwrap();
        assert_eq!(
            with_fraction,
            DateTime::from_secs_and_nanos(t.secs(), 250_000_000)
        );
        for bad in [
            "Tue, 29 Apr 2014 -1:30:38 GMT",
            "Tue, 29 Apr +2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38.+1 GMT",
            "Tue, 29 Apr 2014 18:30:38. GMT",
            "Tue, 31 Feb 2014 18:30:38 GMT",
            "Tue, 31 Apr 2014 18:30:38 GMT",
            "Wed, 29 Apr 2014 18:30:38 GMT",
            "Xyz 29 Apr 2014 18:30:38 GMT",
            "Tue 29 Apr 2014 18:30:38 GMT",
            "Tue,  29 Apr 2014 18:30:38 GMT",
            "Tue, 9 Apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 14 18:30:38 GMT",
            "Tue, 29 apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38 gmt",
            "Tue, 29 Apr 2014 18:30:38 GMT ",
            "Tue, 29 Apr 2014 18:30:38",
            "Tue, 29 Apr 2014 24:00:00 GMT",
            "Tuesday, 29-Apr-14 18:30:38 GMT",
            "Tue Apr 29 18:30:38 2014",
        ] {
            assert!(DateTime::from_http_date(bad).is_err(), "{bad}");
        }
        // A leap second is the last second of its minute, as in RFC 3339.
        assert_eq!(
            DateTime::from_http_date("Wed, 31 Dec 2014 23:59:60 GMT").unwrap(),
            DateTime::from_http_date("Wed, 31 Dec 2014 23:59:59 GMT").unwrap()
        );
    }

    #[test]
    fn rfc3339_fields_are_digits_in_range() {
        // Found by tests/fuzz_datetime.rs: fields took a sign, and offsets
        // any two digits.
        for bad in [
            "2024-01-01T-1:00:00Z",
            "+999-01-01T00:00:00Z",
            "2024-+1-01T00:00:00Z",
            "2024-01-01T00:00:00+-1:00",
            "2024-01-01T00:00:00+24:00",
            "2024-01-01T00:00:00+99:99",
            "2024-01-01T00:00:00-00:60",
        ] {
            assert!(DateTime::from_rfc3339(bad).is_err(), "{bad}");
        }
        let t = DateTime::from_rfc3339("2024-01-01T00:00:00+23:59").unwrap();
        assert_eq!(t.to_rfc3339(), "2023-12-31T00:01:00Z");
    }

    #[test]
    fn epoch_seconds_out_of_range_are_errors() {
        // Found by tests/fuzz_datetime.rs: 30 digits overflowed the
        // nanosecond count (a panic in debug builds).
        use TimestampFormat::EpochSeconds;
        for text in [
            "999999999999999999999999999999",
            "-999999999999999999999999999999.5",
            "9223372036854775808",
            "-9223372036854775808.000000001",
        ] {
            assert!(DateTime::from_str(text, EpochSeconds).is_err(), "{text}");
        }
        let min = DateTime::from_str("-9223372036854775808", EpochSeconds).unwrap();
        assert_eq!(min, DateTime::from_secs(i64::MIN));
    }

    #[test]
    fn fractional_edges_and_system_time() {
        let t = DateTime::from_fractional_secs(1.9999999).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (2, 0));
        assert_eq!(
            DateTime::from_fractional_secs(0.5).unwrap().as_secs_f64(),
            0.5
        );
        assert!(DateTime::from_fractional_secs(f64::INFINITY).is_err());
        let before_epoch = DateTime::from_secs_and_nanos(-2, 500_000_000);
        let st: SystemTime = before_epoch.into();
        assert_eq!(DateTime::from(st), before_epoch);
        assert_eq!(
            DateTime::from_secs_and_nanos(1, 1_500_000_000),
            DateTime::from_secs_and_nanos(2, 500_000_000)
        );
        let now = DateTime::now();
        assert!(now.secs() > 1_700_000_000);
    }

    #[test]
    fn display_is_rfc3339_with_a_fraction_only_when_there_is_one() {
        let t = DateTime::from_rfc3339("2024-01-02T03:04:05Z").unwrap();
        assert_eq!(t.to_string(), "2024-01-02T03:04:05Z");
        assert_eq!(format!("{t}"), t.to_rfc3339());
        let t = DateTime::from_secs_and_nanos(t.secs(), 250_000_000);
        assert_eq!(t.to_string(), "2024-01-02T03:04:05.25Z");
        assert_eq!(
            DateTime::from_secs_and_nanos(0, 1).to_string(),
            "1970-01-01T00:00:00.000000001Z"
        );
        // Display and parse round-trip.
        assert_eq!(t.to_string().parse::<DateTime>().unwrap(), t);
        // Outside what RFC 3339 can express: ISO 8601's expanded years, never a panic.
        let far = DateTime::from_rfc3339("9999-12-31T23:59:59Z")
            .unwrap()
            .secs()
            + 1;
        assert_eq!(
            DateTime::from_secs(far).to_string(),
            "+10000-01-01T00:00:00Z"
        );
        let before_year_zero = DateTime::from_rfc3339("0000-01-01T00:00:00Z")
            .unwrap()
            .secs()
            - 1;
        assert_eq!(
            DateTime::from_secs(before_year_zero).to_string(),
            "-0001-12-31T23:59:59Z"
        );
    }

    #[test]
    fn fmt_and_from_str_in_each_format() {
        use TimestampFormat::{DateTime as Rfc3339, EpochSeconds, HttpDate};
        let t = DateTime::from_secs(1_398_796_238);
        assert_eq!(t.fmt(Rfc3339).unwrap(), "2014-04-29T18:30:38Z");
        assert_eq!(t.fmt(HttpDate).unwrap(), "Tue, 29 Apr 2014 18:30:38 GMT");
        assert_eq!(t.fmt(EpochSeconds).unwrap(), "1398796238");
        let frac = DateTime::from_secs_and_nanos(1_398_796_238, 120_000_000);
        assert_eq!(frac.fmt(Rfc3339).unwrap(), "2014-04-29T18:30:38.12Z");
        assert_eq!(frac.fmt(EpochSeconds).unwrap(), "1398796238.12");
        let neg = DateTime::from_secs_and_nanos(-2, 500_000_000);
        assert_eq!(neg.fmt(EpochSeconds).unwrap(), "-1.5");
        assert_eq!(DateTime::from_secs(-3).fmt(EpochSeconds).unwrap(), "-3");
        for (text, format) in [
            ("2014-04-29T18:30:38.12Z", Rfc3339),
            ("1398796238.12", EpochSeconds),
            ("-1.5", EpochSeconds),
        ] {
            let parsed = DateTime::from_str(text, format).unwrap();
            assert_eq!(parsed.fmt(format).unwrap(), text);
        }
        assert_eq!(
            DateTime::from_str("Tue, 29 Apr 2014 18:30:38 GMT", HttpDate).unwrap(),
            t
        );
        assert_eq!(
            DateTime::from_str("0.000000001", EpochSeconds).unwrap(),
            DateTime::from_secs_and_nanos(0, 1)
        );
        for bad in [
            "",
            "1.",
            ".5",
            "1.0000000001",
            "1e9",
            "+1",
            "--1",
            "1.-5",
            " 1",
        ] {
            assert!(DateTime::from_str(bad, EpochSeconds).is_err(), "{bad:?}");
        }
        // The formats that have a year range say so instead of writing nonsense.
        let far = DateTime::from_secs(253_402_300_800);
        let e = far.fmt(Rfc3339).unwrap_err().to_string();
        assert!(e.contains("0000 to 9999"), "{e}");
        assert!(far.fmt(HttpDate).is_err());
        assert_eq!(far.fmt(EpochSeconds).unwrap(), "253402300800");
        assert!(DateTime::from_secs(-62_135_596_801).fmt(HttpDate).is_err());
    }

    #[test]
    fn amz_dates_round_trip_and_reject_other_forms() {
        let t = DateTime::from_amz_date("20150830T123600Z").unwrap();
        assert_eq!(t, DateTime::from_rfc3339("2015-08-30T12:36:00Z").unwrap());
        assert_eq!(t.to_amz_date(), "20150830T123600Z");
        for bad in [
            "",
            "20150830T123600",
            "20150830 123600Z",
            "2015-08-30T12:36:00Z",
            "20151330T123600Z",
            "20150230T123600Z",
            "20150830T246000Z",
            "2015083aT123600Z",
            "+0150830T123600Z",
        ] {
            assert!(DateTime::from_amz_date(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn millis() {
        let t = DateTime::from_millis(1_700_000_000_123);
        assert_eq!((t.secs(), t.subsec_nanos()), (1_700_000_000, 123_000_000));
        assert_eq!(t.to_millis().unwrap(), 1_700_000_000_123);
        let neg = DateTime::from_millis(-1);
        assert_eq!((neg.secs(), neg.subsec_nanos()), (-1, 999_000_000));
        assert_eq!(neg.to_millis().unwrap(), -1);
        assert!(t.has_subsec_nanos() && !DateTime::from_secs(1).has_subsec_nanos());
        assert!(DateTime::from_secs(i64::MAX).to_millis().is_err());
    }

    #[test]
    fn json_as_epoch_seconds() {
        let whole = DateTime::from_secs(1_700_000_000);
        assert_eq!(
            String::from_utf8(crate::wire::to_json_body(&whole).unwrap()).unwrap(),
            "1700000000"
        );
        let frac = DateTime::from_secs_and_nanos(1_700_000_000, 123_000_000);
        assert_eq!(
            String::from_utf8(crate::wire::to_json_body(&frac).unwrap()).unwrap(),
            "1700000000.123"
        );
        for (json, want) in [
            ("1700000000", whole),
            ("1.7e9", whole),
            ("1700000000.0", whole),
            ("1700000000.123", frac),
            ("\"2023-11-14T22:13:20.123Z\"", frac),
        ] {
            assert_eq!(
                crate::wire::from_json_str::<DateTime>(json).unwrap(),
                want,
                "{json}"
            );
        }
        assert!(crate::wire::from_json_str::<DateTime>("\"soon\"").is_err());
        assert!(crate::wire::from_json_str::<DateTime>("true").is_err());
    }
}
