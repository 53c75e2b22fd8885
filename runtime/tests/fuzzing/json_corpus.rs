//! JSON inputs: real bodies and hand-written edge cases as seeds, and
//! mutations of them that keep some structure (a value tree re-written
//! with odd spellings, odd values and broken syntax) or none (byte edits).

use super::rng::Rng;
use super::sources;
use serde_json::Value;
use std::path::Path;

/// Edge cases no real body has, and bodies of the shapes the typed
/// decoders read (so that their mutations reach the typed code).
const EDGE_CASES: &[&str] = &[
    "",
    " \t\r\n",
    "{}",
    "[]",
    "null",
    "true",
    "0",
    "-0",
    "-0.0",
    "1.0",
    "1e2",
    "1E+2",
    "1e-2",
    "1e999999",
    "-1e999999",
    "1e-999999",
    "1E+",
    "1.",
    ".5",
    "01",
    "-",
    "+1",
    "0x10",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "2.2250738585072011e-308",
    "4.9e-324",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "\"\"",
    r#""\ud800""#,
    r#""\udc00""#,
    r#""\ud83d\ude00""#,
    r#""\ud83d\u0041""#,
    r#""\u0000""#,
    r#""\u00e9\/\b\f\n\r\t\"\\""#,
    r#""\x41""#,
    r#""\u12""#,
    "\"\u{0}\"",
    "\"\u{7f}\u{80}\u{ffff}\u{10ffff}\"",
    "\u{feff}{}",
    "{}\u{a0}",
    "\u{b}{}",
    "{\"a\":1,\"a\":2}",
    "{\"a\":1,}",
    "[1,]",
    "[,1]",
    "{\"a\" 1}",
    "{'a':1}",
    "{a:1}",
    "[1 2]",
    "{} {}",
    "[NaN, Infinity, -Infinity]",
    "[\"NaN\",\"Infinity\",\"-Infinity\",1.5,-0,1e308]",
    "[1,null,-3,2147483647,-2147483648]",
    "[127,-128,0]",
    "[32767,-32768]",
    "[9223372036854775807,-9223372036854775808]",
    "[3.4028235e38,1.4e-45,0.1,16777217]",
    "[true,false]",
    "[1700000000,1700000000.5,-1.5,-0.000000001,1700000000.123456789,1.7e9]",
    "[\"2024-02-29T23:59:59.999999999Z\",\"0001-01-01T00:00:00Z\",\"9999-12-31T23:59:60+01:00\"]",
    "[\"Thu, 29 Feb 2024 12:00:00 GMT\",\"Mon, 01 Jan 0001 00:00:00 GMT\"]",
    "[\"aGVsbG8=\",\"\",\"Zg\",\"Zm8=\",\"////\",\"Zm9v=\",\"Z===\"]",
    "[1e400,-0,0.0,12345678901234567890123]",
    "\"aGVsbG8=\"",
    "\"YmxvYg==\"",
    "\"YmxvYg\"",
    "\"YmxvYg=\"",
    "\"xyz\"",
    "\"Zm9vYmFy\"",
    "\"+/+/\"",
    "{\"a\":[\"x\",\"y\"],\"b\":[]}",
    "{\"a\":{\"b\":1,\"c\":-2},\"d\":{}}",
    "[[\"a\",null],[],[null]]",
    "{\"a\":null,\"b\":{\"c\":[1,{\"d\":\"e\"}]}}",
];

/// Bodies that are not UTF-8.
const NOT_UTF8: &[&[u8]] = &[
    b"\"\xff\"",
    b"{\"a\":\"\x80\"}",
    b"\"\xc0\xaf\"",
    b"\"\xed\xa0\x80\"",
    b"\"\xf0\x9f\x98\"",
    b"\"\xf4\x90\x80\x80\"",
    b"\xef\xbb\xbf{}",
];

/// The seeds: edge cases, then every JSON body of the conformance suites'
/// test cases, the ECR tests' bodies and the repository's JSON files.
pub fn seeds(repo: &Path) -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = EDGE_CASES.iter().map(|s| s.as_bytes().to_vec()).collect();
    seeds.extend(NOT_UTF8.iter().map(|b| b.to_vec()));
    if let Some(dir) = sources::conformance_dir(repo) {
        for file in sources::files(&dir, ".smithy") {
            for (member, text) in sources::smithy_strings(&sources::read(&file)) {
                if member == "body" && !text.trim().is_empty() {
                    seeds.push(text.into_bytes());
                }
            }
        }
    }
    for file in sources::files(&repo.join("tests"), ".rs") {
        seeds.extend(
            sources::rust_raw_strings(&sources::read(&file))
                .into_iter()
                .map(String::into_bytes),
        );
    }
    for dir in ["runtime/data", "tests/fixtures", "tests/malformed/json-ast"] {
        for file in sources::files(&repo.join(dir), ".json") {
            seeds.push(sources::read(&file).into_bytes());
        }
    }
    seeds
}

/// `count` inputs: every seed once, then mutants, made one at a time.
pub fn inputs<'a>(
    rng: &'a mut Rng,
    seeds: &'a [Vec<u8>],
    count: usize,
) -> impl Iterator<Item = Vec<u8>> + 'a {
    let mutants = count.saturating_sub(seeds.len());
    let mutants = (0..mutants).map(move |_| mutant(rng, seeds));
    seeds.iter().take(count).cloned().chain(mutants)
}

fn mutant(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let base = rng.pick(seeds);
    let structured = match serde_json::from_slice::<Value>(base) {
        Ok(value) if rng.below(2) == 0 => {
            let text = Rewriter::new(rng).rewrite(&value);
            Some(text.into_bytes())
        }
        _ => None,
    };
    let mut bytes = structured.unwrap_or_else(|| base.clone());
    let edits = match rng.below(4) {
        0 => 0,
        1 | 2 => 1,
        _ => 1 + rng.below(4),
    };
    for _ in 0..edits {
        edit_bytes(rng, &mut bytes, seeds);
    }
    bytes
}

/// Numbers, strings and words that strict JSON readers disagree on or
/// that sit at the edges of what a value type holds.
const FRAGMENTS: &[&str] = &[
    "-0",
    "-0.0",
    "0e0",
    "1e999999",
    "-1e999999",
    "1e-999999",
    "1E+",
    "1e",
    "1.",
    ".1",
    "01",
    "-01",
    "+1",
    "00",
    "1.5e3",
    "18446744073709551616",
    "-9223372036854775809",
    "9223372036854775807",
    "4.9e-324",
    "1.7976931348623159e308",
    "NaN",
    "Infinity",
    "-Infinity",
    "\"NaN\"",
    "\"-Infinity\"",
    "nul",
    "tru",
    "True",
    "undefined",
    r#""\ud800""#,
    r#""\udbff\udfff""#,
    r#""\ud800\ud800""#,
    r#""\udfff""#,
    r#""\u00""#,
    r#""\U0041""#,
    r#""\'""#,
    "\"\u{0}\"",
    "\"\t\"",
    r#""\u0000""#,
    "\"1970-01-01T00:00:00Z\"",
    "\"Thu, 01 Jan 1970 00:00:00 GMT\"",
    "\"Tue, 29 Apr 99999999999999 18:30:38 GMT\"",
    "\"+275760-09-13T00:00:00Z\"",
    "99999999999999999999.5",
    "\"aGVsbG8\"",
    "\"a=b=\"",
    "[]",
    "{}",
    "",
];

/// Writes a value tree back as text, with a few of its nodes (one in
/// `rate`) replaced, respelled or broken.
struct Rewriter<'r> {
    rng: &'r mut Rng,
    rate: usize,
    out: String,
}

impl<'r> Rewriter<'r> {
    fn new(rng: &'r mut Rng) -> Self {
        let rate = *rng.pick(&[2, 8, 32, 256, usize::MAX]);
        Rewriter {
            rng,
            rate,
            out: String::new(),
        }
    }

    fn rewrite(mut self, value: &Value) -> String {
        self.value(value);
        self.out
    }

    fn hit(&mut self) -> bool {
        self.rate != usize::MAX && self.rng.one_in(self.rate)
    }

    fn space(&mut self) {
        if self.hit() {
            // JSON's four, and others it does not allow.
            let ws = *self.rng.pick(&[
                " ", "\t", "\n", "\r", " \r\n\t ", "\u{b}", "\u{c}", "\u{a0}", "\u{feff}",
                "\u{2028}", "\0",
            ]);
            self.out.push_str(ws);
        }
    }

    fn value(&mut self, value: &Value) {
        self.space();
        if self.hit() {
            self.odd_value(value);
        } else {
            match value {
                Value::Null => self.out.push_str("null"),
                Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => self.number(n),
                Value::String(s) => self.string(s),
                Value::Array(items) => {
                    self.out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.comma();
                        }
                        self.value(item);
                    }
                    if !items.is_empty() && self.hit() {
                        self.out.push(','); // a trailing comma
                    }
                    self.space();
                    self.out.push(']');
                }
                Value::Object(members) => {
                    self.out.push('{');
                    for (i, (key, item)) in members.iter().enumerate() {
                        if i > 0 {
                            self.comma();
                        }
                        self.member(key, item);
                        if self.hit() {
                            self.comma(); // the same key again, another value
                            let other = Value::from(*self.rng.pick(&["x", "", "\u{0}"]));
                            self.member(key, &other);
                        }
                    }
                    if !members.is_empty() && self.hit() {
                        self.out.push(',');
                    }
                    self.space();
                    self.out.push('}');
                }
            }
        }
        self.space();
    }

    fn comma(&mut self) {
        if !self.hit() || self.rng.below(3) > 0 {
            self.out.push(',');
        } else {
            let odd = *self.rng.pick(&["", ",,", ";", ":"]);
            self.out.push_str(odd);
        }
    }

    fn member(&mut self, key: &str, value: &Value) {
        self.space();
        if self.hit() && self.rng.below(4) == 0 {
            self.out.push_str(&format!("'{key}'")); // not a JSON key
        } else {
            self.string(key);
        }
        self.space();
        let colon = if self.hit() && self.rng.below(4) == 0 {
            '='
        } else {
            ':'
        };
        self.out.push(colon);
        self.value(value);
    }

    /// A value no seed has: an edge-case fragment, a long string, a huge
    /// number, or the value nested past (or just at) the depth limit.
    fn odd_value(&mut self, value: &Value) {
        // Long strings, deep nests and huge numbers stay rare per input, so
        // that an input stays small enough to check quickly.
        let kinds = if self.out.len() > 64 * 1024 { 4 } else { 8 };
        match self.rng.below(kinds) {
            0..=3 => {
                let fragment = *self.rng.pick(FRAGMENTS);
                self.out.push_str(fragment);
            }
            4 => {
                let levels = *self.rng.pick(&[126, 127, 128, 129, 130, 1000]);
                let (open, close) = if self.rng.below(2) == 0 {
                    ("[", "]")
                } else {
                    ("{\"k\":", "}")
                };
                self.out.push_str(&open.repeat(levels));
                let inner = Rewriter::new(self.rng).rewrite(value);
                self.out.push_str(&inner);
                self.out.push_str(&close.repeat(levels));
            }
            5 => {
                let len = *self.rng.pick(&[9, 4096, 100_000]);
                let unit = *self
                    .rng
                    .pick(&["x", "é", "\\n", "\\u00e9", "\\ud83d\\ude00", "😀"]);
                self.out.push('"');
                self.out.push_str(&unit.repeat(len / unit.len().max(1)));
                self.out.push('"');
            }
            6 => {
                let digits = *self.rng.pick(&[20, 400, 5000]);
                let form = self.rng.below(3);
                let nines = "9".repeat(digits);
                self.out.push_str(&match form {
                    0 => nines,
                    1 => format!("0.{nines}"),
                    _ => format!("1e{nines}"),
                });
            }
            _ => {} // the value left out
        }
    }

    /// The number, sometimes spelled another valid (or invalid) way.
    fn number(&mut self, n: &serde_json::Number) {
        let text = n.to_string();
        if !self.hit() {
            self.out.push_str(&text);
            return;
        }
        let respelled = match self.rng.below(6) {
            0 => format!("{text}e0"),
            1 => format!("{text}E+00"),
            2 if !text.contains(['.', 'e', 'E']) => format!("{text}.000"),
            3 => format!("-{text}"),
            4 => format!("0{text}"),
            _ => format!("{text}.e1"),
        };
        self.out.push_str(&respelled);
    }

    /// The string, JSON-escaped, with some characters escaped needlessly
    /// (`\u00e9`, surrogate pairs, `\/`) and sometimes a broken escape.
    fn string(&mut self, s: &str) {
        let odd = self.hit();
        self.out.push('"');
        for c in s.chars() {
            if odd && self.rng.one_in(3) {
                self.escaped(c);
                continue;
            }
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                c if (c as u32) < 0x20 => self.out.push_str(&format!("\\u{:04x}", c as u32)),
                c => self.out.push(c),
            }
        }
        if odd && self.rng.one_in(4) {
            let broken = *self
                .rng
                .pick(&["\\", "\\u", "\\ud800", "\\udc00x", "\\q", "\u{1}"]);
            self.out.push_str(broken);
        }
        self.out.push('"');
    }

    fn escaped(&mut self, c: char) {
        if c == '/' {
            self.out.push_str("\\/");
            return;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            self.out.push_str(&format!("\\u{unit:04X}"));
        }
    }
}

/// Tokens worth inserting anywhere: invalid UTF-8, escapes, numbers and
/// the structural bytes.
const TOKENS: &[&[u8]] = &[
    b"\xff",
    b"\x80",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xf0\x9f\x98",
    b"\xef\xbb\xbf",
    b"\0",
    b"\\ud800",
    b"\\u",
    b"\\",
    b"\"",
    b"1e999999",
    b"-0",
    b"1E+",
    b"00",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"null",
    b"\xc2\xa0",
    b"\x0b",
];

/// One byte-level edit: a bit flip, an inserted token, a deleted,
/// duplicated or truncated range, or a splice with another seed.
fn edit_bytes(rng: &mut Rng, bytes: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    let len = bytes.len();
    let at = rng.below(len + 1);
    match rng.below(7) {
        0 if len > 0 => {
            let i = rng.below(len);
            bytes[i] ^= 1 << rng.below(8);
        }
        1 => {
            let token = rng.pick(TOKENS);
            bytes.splice(at..at, token.iter().copied());
        }
        2 if len > 0 => {
            let end = (at + 1 + rng.below(16)).min(len);
            bytes.drain(at.min(end)..end);
        }
        3 => bytes.truncate(at),
        4 if len > 0 => {
            let from = rng.below(len);
            let end = (from + 1 + rng.below(64)).min(len);
            let copy = bytes[from..end].to_vec();
            bytes.splice(at..at, copy);
        }
        5 => {
            let other = rng.pick(seeds);
            let from = rng.below(other.len() + 1);
            bytes.truncate(at);
            bytes.extend_from_slice(&other[from..]);
        }
        _ => {
            let i = rng.below(len.max(1));
            let byte = *rng.pick(&[
                0x00, 0x1f, 0x20, 0x22, 0x5c, 0x7f, 0x80, 0xff, b'0', b'9', b'e', b'-', b'.',
            ]);
            if len == 0 {
                bytes.push(byte);
            } else {
                bytes[i] = byte;
            }
        }
    }
}
