//! Timestamp inputs: texts (hand-written edge cases, the conformance
//! suites' timestamps, freshly formatted instants, and character-level
//! mutations of them all) and instants (extremes, leap days, any `i64`).

use super::datetime_properties::{instant_to_bytes, oracle};
use super::rng::Rng;
use super::sources;
use apigen_runtime::{DateTime, TimestampFormat};
use std::path::Path;

const EDGE_CASES: &[&str] = &[
    "",
    "1985-04-12T23:20:50.52Z",
    "1996-12-19T16:39:57-08:00",
    "1990-12-31T23:59:60Z",
    "1990-12-31T15:59:60-08:00",
    "1937-01-01T12:00:27.87+00:20",
    "2024-02-29t12:00:00z",
    "2024-02-29 12:00:00Z",
    "2023-02-29T12:00:00Z",
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "9999-12-31T23:59:59.9999999999999Z",
    "0000-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-23:59",
    "+10000-01-01T00:00:00Z",
    "-0001-12-31T23:59:59Z",
    "2024-01-01T-1:00:00Z",
    "+999-01-01T00:00:00Z",
    "2024-01-01T00:00:00+99:99",
    "2024-01-01T00:00:00+-1:00",
    "2024-01-01T00:00:00+01",
    "2024-01-01T00:00:00.Z",
    "2024-01-01T24:00:00Z",
    "2024-1-01T00:00:00Z",
    "２０２４-01-01T00:00:00Z",
    "Tue, 29 Apr 2014 18:30:38 GMT",
    "Sun, 02 Jan 2000 20:34:56.456 GMT",
    "Thu, 29 Feb 2024 12:00:00 GMT",
    "Mon, 01 Jan 0001 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Sat, 01 Jan 0000 00:00:00 GMT",
    "Tue, 29 Apr 99999999999999 18:30:38 GMT",
    "Tue, 29 Apr -2014 18:30:38 GMT",
    "Tue, 29 Apr +2014 18:30:38 GMT",
    "Tue, 29 Apr 2014 -1:30:38 GMT",
    "Tue, 29 Apr 2014 18:30:38.+1 GMT",
    "Tue, 31 Feb 2014 18:30:38 GMT",
    "Wed, 29 Apr 2014 18:30:38 GMT",
    "Xyz 29 Apr 2014 18:30:38 GMT",
    "Tue,  29 Apr 2014 18:30:38 GMT",
    "Tue, 29 apr 2014 18:30:38 GMT",
    "Tue, 29 Apr 2014 18:30:38 gmt",
    "Tue, 9 Apr 2014 18:30:38 GMT",
    "Tuesday, 29-Apr-14 18:30:38 GMT",
    "Tue Apr 29 18:30:38 2014",
    "0",
    "-0",
    "1515531081",
    "1515531081.1234",
    "-1.5",
    "0.000000001",
    "1.0000000001",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775808.000000001",
    "99999999999999999999999999999999999",
    "1e9",
    "0x42",
    "1515531081.123.456",
    "Infinity",
    "NaN",
    "+1",
    " 1",
];

/// Edge cases, then every string of the conformance suites that looks
/// like a timestamp (a value under a timestamp-ish member, or any short
/// string of digits, colons and date words).
pub fn seeds(repo: &Path) -> Vec<String> {
    let mut seeds: Vec<String> = EDGE_CASES.iter().map(|s| s.to_string()).collect();
    if let Some(dir) = sources::conformance_dir(repo) {
        for file in sources::files(&dir, ".smithy") {
            for (_, text) in sources::smithy_strings(&sources::read(&file)) {
                let looks_like_one = text.len() <= 64
                    && text.bytes().filter(u8::is_ascii_digit).count() >= 4
                    && (text.contains(':')
                        || text.ends_with("GMT")
                        || text
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-'));
                if looks_like_one && !seeds.contains(&text) {
                    seeds.push(text);
                }
            }
        }
    }
    seeds
}

/// `count` texts: every seed once, then texts written from random instants
/// and mutants of both, made one at a time.
pub fn texts<'a>(
    rng: &'a mut Rng,
    seeds: &'a [String],
    count: usize,
) -> impl Iterator<Item = Vec<u8>> + 'a {
    let mutants = count.saturating_sub(seeds.len());
    let mutants = (0..mutants).map(move |_| mutant(rng, seeds).into_bytes());
    seeds
        .iter()
        .take(count)
        .map(|s| s.clone().into_bytes())
        .chain(mutants)
}

fn mutant(rng: &mut Rng, seeds: &[String]) -> String {
    let mut text = match rng.below(3) {
        0 => rng.pick(seeds).clone(),
        _ => written(rng),
    };
    let edits = match rng.below(3) {
        0 => 0,
        1 => 1,
        _ => 1 + rng.below(3),
    };
    for _ in 0..edits {
        text = edit(rng, &text);
    }
    text
}

/// `count` instants, as the bytes `instant_from_bytes` reads.
pub fn instants(rng: &mut Rng, count: usize) -> impl Iterator<Item = Vec<u8>> + '_ {
    (0..count).map(|_| instant_to_bytes(instant(rng)))
}

/// An instant at an edge, on a leap day, near the epoch, anywhere in the
/// years 0001–9999, or any `i64` seconds; with no fraction or one of
/// milli-, micro- or nanosecond precision.
pub fn instant(rng: &mut Rng) -> DateTime {
    let start = |year: i64| oracle::days_from_civil(year, 1, 1).unwrap() * 86_400;
    let first = start(1);
    let after_last = start(9999) + 365 * 86_400;
    let secs = match rng.below(8) {
        0 => *rng.pick(&[
            first,
            first - 1,
            start(0),
            start(0) - 1,
            after_last - 1,
            after_last,
            0,
            -1,
            i64::MIN,
            i64::MAX,
            10i64.pow(15),
            -(10i64.pow(15)),
            10i64.pow(17) - 1,
            10i64.pow(18) - 1,
        ]),
        1 => {
            let year = 4 * rng.range_i64(1, 2499);
            let year = if year % 100 == 0 && year % 400 != 0 {
                2000
            } else {
                year
            };
            oracle::days_from_civil(year, 2, 29).unwrap() * 86_400 + rng.range_i64(0, 86_399)
        }
        2 => rng.range_i64(-1_000_000, 1_000_000),
        3 => rng.next_u64() as i64,
        _ => rng.range_i64(first, after_last - 1),
    };
    let nanos = match rng.below(5) {
        0 => 0,
        1 => rng.below(1000) as u32 * 1_000_000,
        2 => rng.below(1_000_000) as u32 * 1000,
        3 => *rng.pick(&[1, 999_999_999, 500_000_000]),
        _ => rng.below(1_000_000_000) as u32,
    };
    DateTime::from_secs_and_nanos(secs, nanos)
}

/// A random instant written in a random format, often respelled as the
/// grammar also allows (offsets, lower case, long fractions, leap seconds).
fn written(rng: &mut Rng) -> String {
    let t = instant(rng);
    let format = *rng.pick(&[
        TimestampFormat::DateTime,
        TimestampFormat::HttpDate,
        TimestampFormat::EpochSeconds,
    ]);
    let Ok(text) = t.fmt(format) else {
        return t.to_string();
    };
    if format != TimestampFormat::DateTime || rng.below(2) == 0 {
        return text;
    }
    let (date_time, _) = text.split_at(19);
    // No fraction, or `.` and 0 (invalid) to 15 digits.
    let fraction = match rng.below(2) {
        0 => String::new(),
        _ => format!(".{}", &"0123456789876543"[..rng.below(16)]),
    };
    let offset = match rng.below(4) {
        0 => "z".to_string(),
        1 => "-00:00".to_string(),
        _ => format!(
            "{}{:02}:{:02}",
            rng.pick(&["+", "-"]),
            rng.below(24),
            rng.below(60)
        ),
    };
    let date_time = match rng.below(6) {
        0 => date_time.replace('T', " "),
        1 => format!("{}60", &date_time[..17]),
        _ => date_time.to_string(),
    };
    format!("{date_time}{fraction}{offset}")
}

/// Characters worth putting anywhere in a timestamp.
const CHARS: &[&str] = &[
    "0", "1", "9", "-", "+", ":", ".", "T", "t", "Z", "z", " ", "  ", "\t", ",", "G", "GMT", "é",
    "٣", "\0", "\u{a0}", "e", "E",
];

/// Digit runs that push a field past its range.
const NUMBERS: &[&str] = &[
    "99999999999999999999",
    "+10000",
    "-0001",
    "00000000000000000000000000001",
    "9223372036854775808",
    "60",
    "24",
    "00",
    "32",
    "13",
];

/// One character-level edit: replace, insert or delete a character,
/// duplicate or cut a piece, or put a huge number where digits were.
fn edit(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len() + 1);
    let (head, tail) = chars.split_at(at);
    let head: String = head.iter().collect();
    let tail: String = tail.iter().collect();
    let rest = |n: usize| tail.chars().skip(n).collect::<String>();
    match rng.below(6) {
        0 => format!("{head}{}{}", rng.pick(CHARS), rest(1)),
        1 => format!("{head}{}{tail}", rng.pick(CHARS)),
        2 => format!("{head}{}", rest(1 + rng.below(3))),
        3 => format!("{head}{head}{tail}"),
        4 => head,
        _ => {
            let digits = tail.chars().take_while(char::is_ascii_digit).count();
            format!("{head}{}{}", rng.pick(NUMBERS), rest(digits.max(1)))
        }
    }
}
