//! What must hold for any timestamp text a client sends, and for any
//! instant the runtime formats (`apigen_runtime::DateTime`). Shared by
//! `tests/fuzz_datetime.rs` (bounded, in CI) and the cargo-fuzz target
//! `datetime_parse` in `../fuzz`; every check panics when a property fails.
//!
//! The oracle is written here from the grammars, apart from the runtime's
//! code: RFC 3339 §5.6 `date-time`, RFC 7231 §7.1.1.1 `IMF-fixdate`, and
//! a decimal number of epoch seconds; day numbers are counted another way
//! (leap years before a year) than the runtime counts them (eras).

use apigen_runtime::wire::{from_json_slice, to_json_body};
use apigen_runtime::{DateTime, TimestampFormat};

const FORMATS: [TimestampFormat; 3] = [
    TimestampFormat::DateTime,
    TimestampFormat::HttpDate,
    TimestampFormat::EpochSeconds,
];

/// Parsing any text in each format never panics, accepts exactly what the
/// format's grammar allows, to the instant the oracle computes, and what
/// it accepts formats back to text that parses to the same instant. The
/// JSON decoder reads a string timestamp in either date format. Returns
/// whether some format accepted the text.
pub fn check_parse(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut accepted = false;
    for format in FORMATS {
        let parsed = DateTime::from_str(text, format);
        match (&parsed, oracle::parse(text, format)) {
            (Ok(t), Some(want)) => assert_eq!(
                (t.secs(), t.subsec_nanos()),
                want,
                "{format:?} reads {text:?} as the wrong instant"
            ),
            (Err(_), None) => {}
            (Ok(t), None) => {
                panic!("{format:?} accepts {text:?} (as {t:?}), which its grammar does not allow")
            }
            (Err(e), Some(_)) => {
                panic!("{format:?} rejects {text:?}, which its grammar allows: {e}")
            }
        }
        if let Ok(t) = parsed {
            accepted = true;
            check_instant(t);
        }
    }
    let json = serde_json::to_string(text).unwrap();
    let either = DateTime::from_rfc3339(text).or_else(|_| DateTime::from_http_date(text));
    assert_eq!(
        from_json_slice::<DateTime>(json.as_bytes()).ok(),
        either.ok(),
        "the JSON decoder reads the string {json} unlike the parsers"
    );
    accepted
}

/// Formatting an instant in each format succeeds exactly for the years the
/// format can write, writes text its grammar allows, and that text parses
/// back to the instant (HTTP dates to the whole second, as they have no
/// fraction). `Display` never panics; JSON round-trips it exactly.
/// Returns whether every format could write it.
pub fn check_instant(t: DateTime) -> bool {
    let mut every_format = true;
    for format in FORMATS {
        let writable = match format {
            TimestampFormat::DateTime => oracle::in_years(t.secs(), 0, 9999),
            TimestampFormat::HttpDate => oracle::in_years(t.secs(), 1, 9999),
            TimestampFormat::EpochSeconds => true,
        };
        let text = match t.fmt(format) {
            Ok(text) => text,
            Err(e) => {
                assert!(
                    !writable,
                    "{format:?} refuses {t:?}, which it can write: {e}"
                );
                every_format = false;
                continue;
            }
        };
        assert!(
            writable,
            "{format:?} writes {t:?}, outside its years, as {text:?}"
        );
        let want = match format {
            TimestampFormat::HttpDate => (t.secs(), 0),
            _ => (t.secs(), t.subsec_nanos()),
        };
        assert_eq!(
            oracle::parse(&text, format),
            Some(want),
            "{format:?} writes {t:?} as {text:?}, which does not mean it"
        );
        let back = DateTime::from_str(&text, format)
            .unwrap_or_else(|e| panic!("{format:?} does not read back its own {text:?}: {e}"));
        assert_eq!(
            (back.secs(), back.subsec_nanos()),
            want,
            "{format:?} via {text:?}"
        );
    }
    let shown = t.to_string();
    if let Ok(rfc3339) = t.fmt(TimestampFormat::DateTime) {
        assert_eq!(shown, rfc3339);
    }
    let body = to_json_body(&t).expect("a timestamp always encodes");
    match from_json_slice::<DateTime>(&body) {
        Ok(back) => assert_eq!(back, t, "JSON changes {t:?} via {body:?}"),
        // Epoch seconds with more than 18 digits are read through an f64,
        // which refuses them: an error, never a wrong instant.
        Err(_) => assert!(
            t.secs().unsigned_abs() >= 10u64.pow(17),
            "JSON refuses {t:?}"
        ),
    }
    every_format
}

/// An instant from the first 12 bytes (seconds, then nanoseconds modulo a
/// second), so that a fuzzer can reach every instant.
pub fn instant_from_bytes(bytes: &[u8]) -> Option<DateTime> {
    let secs = i64::from_le_bytes(bytes.get(..8)?.try_into().unwrap());
    let nanos = u32::from_le_bytes(bytes.get(8..12)?.try_into().unwrap());
    Some(DateTime::from_secs_and_nanos(secs, nanos % 1_000_000_000))
}

pub fn instant_to_bytes(t: DateTime) -> Vec<u8> {
    let mut bytes = t.secs().to_le_bytes().to_vec();
    bytes.extend_from_slice(&t.subsec_nanos().to_le_bytes());
    bytes
}

/// The grammars, and the instant a text means (seconds, nanoseconds).
pub mod oracle {
    use apigen_runtime::TimestampFormat;

    pub fn parse(text: &str, format: TimestampFormat) -> Option<(i64, u32)> {
        match format {
            TimestampFormat::DateTime => rfc3339(text),
            TimestampFormat::HttpDate => imf_fixdate(text),
            TimestampFormat::EpochSeconds => epoch_seconds(text),
        }
    }

    /// RFC 3339 §5.6:
    /// `date-time = full-date "T" full-time`, `full-date = 4DIGIT "-" 2DIGIT "-" 2DIGIT`,
    /// `full-time = time-hour ":" time-minute ":" time-second ["." 1*DIGIT] time-offset`,
    /// `time-offset = "Z" / ("+" / "-") time-hour ":" time-minute`.
    /// "T" and "Z" may be lower case (§5.6 NOTE), and the runtime takes the
    /// space that §5.6 lets applications use instead of "T". A leap second
    /// (`:60`) is the last second of its minute: Unix time has no other.
    fn rfc3339(text: &str) -> Option<(i64, u32)> {
        let mut p = Cursor(text.as_bytes());
        let year = p.digits(4)?;
        p.byte(b'-')?;
        let month = p.digits(2)?;
        p.byte(b'-')?;
        let day = p.digits(2)?;
        p.one_of(b"Tt ")?;
        let (hour, minute, second) = time_of_day(&mut p)?;
        let nanos = fraction(&mut p)?;
        let offset = match p.one_of(b"Zz+-")? {
            b'Z' | b'z' => 0,
            sign => {
                let h = p.digits(2)?;
                p.byte(b':')?;
                let m = p.digits(2)?;
                if h > 23 || m > 59 {
                    return None;
                }
                if sign == b'+' {
                    h * 3600 + m * 60
                } else {
                    -(h * 3600 + m * 60)
                }
            }
        };
        p.end()?;
        let days = days_from_civil(year, month, day)?;
        Some((
            days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset,
            nanos,
        ))
    }

    const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];

    /// RFC 7231 §7.1.1.1:
    /// `IMF-fixdate = day-name "," SP date1 SP time-of-day SP GMT`,
    /// `date1 = day SP month SP year` (`2DIGIT`, a month name, `4DIGIT`),
    /// names case-sensitive; the date must exist and the day name must be
    /// its weekday (RFC 5322 §3.3, which IMF-fixdate is a form of). The
    /// runtime also reads a fraction of a second before " GMT", as
    /// Smithy's protocol tests and aws-smithy-types do.
    fn imf_fixdate(text: &str) -> Option<(i64, u32)> {
        let mut p = Cursor(text.as_bytes());
        let day_name = p.word(&DAY_NAMES)?;
        p.bytes(b", ")?;
        let day = p.digits(2)?;
        p.byte(b' ')?;
        let month = p.word(&MONTHS)? as i64 + 1;
        p.byte(b' ')?;
        let year = p.digits(4)?;
        p.byte(b' ')?;
        let (hour, minute, second) = time_of_day(&mut p)?;
        let nanos = fraction(&mut p)?;
        p.bytes(b" GMT")?;
        p.end()?;
        let days = days_from_civil(year, month, day)?;
        if (days + 4).rem_euclid(7) != day_name as i64 {
            return None; // 1970-01-01 was a Thursday
        }
        Some((
            days * 86_400 + hour * 3600 + minute * 60 + second.min(59),
            nanos,
        ))
    }

    /// `["-"] 1*DIGIT ["." 1*9DIGIT]` that fits `i64` seconds. Leading
    /// zeros are allowed: this is header and query text, not JSON.
    fn epoch_seconds(text: &str) -> Option<(i64, u32)> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match rest.split_once('.') {
            Some((w, f)) if (1..=9).contains(&f.len()) => (w, f),
            Some(_) => return None,
            None => (rest, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        let significant = whole.trim_start_matches('0');
        if significant.len() > 19 {
            return None;
        }
        let whole: i128 = significant.parse().unwrap_or(0);
        let nanos: i128 = format!("{fraction:0<9}").parse().unwrap();
        let mut total = whole * 1_000_000_000 + nanos;
        if negative {
            total = -total;
        }
        let secs = i64::try_from(total.div_euclid(1_000_000_000)).ok()?;
        Some((secs, total.rem_euclid(1_000_000_000) as u32))
    }

    /// `time-hour ":" time-minute ":" time-second`, 00:00:00 to 23:59:60.
    fn time_of_day(p: &mut Cursor<'_>) -> Option<(i64, i64, i64)> {
        let hour = p.digits(2)?;
        p.byte(b':')?;
        let minute = p.digits(2)?;
        p.byte(b':')?;
        let second = p.digits(2)?;
        (hour <= 23 && minute <= 59 && second <= 60).then_some((hour, minute, second))
    }

    /// `["." 1*DIGIT]` as nanoseconds; digits past the ninth are dropped.
    fn fraction(p: &mut Cursor<'_>) -> Option<u32> {
        if p.byte(b'.').is_none() {
            return Some(0);
        }
        let digits = p.while_digits();
        if digits.is_empty() {
            return None;
        }
        let kept: String = digits.chars().take(9).collect();
        Some(format!("{kept:0<9}").parse().unwrap())
    }

    /// Days from 1970-01-01 to a date that exists, years 0000–9999,
    /// counted as 365 a year plus the leap years in between.
    pub fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let lengths = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if !(0..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day < 1 || day > lengths[month as usize - 1] {
            return None;
        }
        let before_month: i64 = lengths[..month as usize - 1].iter().sum();
        Some(
            365 * (year - 1970) + leap_years_before(year) - leap_years_before(1970)
                + before_month
                + day
                - 1,
        )
    }

    /// Leap years in `0..year` (year 0 is one), for `year >= 0`.
    fn leap_years_before(year: i64) -> i64 {
        (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400
    }

    /// Whether the instant falls in the years `first..=last`.
    pub fn in_years(secs: i64, first: i64, last: i64) -> bool {
        let start = days_from_civil(first, 1, 1).unwrap() * 86_400;
        let end = (days_from_civil(last, 12, 31).unwrap() + 1) * 86_400;
        (start..end).contains(&secs)
    }

    struct Cursor<'a>(&'a [u8]);

    impl Cursor<'_> {
        fn byte(&mut self, b: u8) -> Option<()> {
            self.one_of(&[b]).map(drop)
        }

        fn one_of(&mut self, set: &[u8]) -> Option<u8> {
            let (&first, rest) = self.0.split_first()?;
            set.contains(&first).then(|| {
                self.0 = rest;
                first
            })
        }

        fn bytes(&mut self, expected: &[u8]) -> Option<()> {
            self.0 = self.0.strip_prefix(expected)?;
            Some(())
        }

        /// Exactly `n` ASCII digits.
        fn digits(&mut self, n: usize) -> Option<i64> {
            let digits = self.0.get(..n)?;
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            self.0 = &self.0[n..];
            Some(digits.iter().fold(0, |v, d| v * 10 + i64::from(d - b'0')))
        }

        fn while_digits(&mut self) -> String {
            let n = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
            let digits = String::from_utf8(self.0[..n].to_vec()).unwrap();
            self.0 = &self.0[n..];
            digits
        }

        /// Which of `words` comes next (case-sensitive).
        fn word(&mut self, words: &[&str]) -> Option<usize> {
            let i = words
                .iter()
                .position(|w| self.0.starts_with(w.as_bytes()))?;
            self.0 = &self.0[words[i].len()..];
            Some(i)
        }

        fn end(&self) -> Option<()> {
            self.0.is_empty().then_some(())
        }
    }
}
