//! A JSON parser that keeps the position of every value and key, so that
//! problems found long after parsing (an unknown shape in a JSON AST, a bad
//! schema in an OpenAPI document) still point at file:line:column.
//! serde_json reports positions only for syntax errors, hence this parser.

use crate::diag::Diagnostics;
use crate::node::{Key, Node, Number, Value};
use crate::source::{Cursor, FileId};

/// Deepest nesting accepted; deeper input is an error, not a stack overflow.
const MAX_DEPTH: usize = 128;

/// Parses one JSON document. Syntax errors are reported with their position
/// and yield `None`.
pub fn parse(file: FileId, text: &str, diags: &mut Diagnostics) -> Option<Node> {
    let mut p = Parser {
        file,
        text,
        pos: Cursor::default(),
    };
    let result = p.document();
    match result {
        Ok(node) => Some(node),
        Err(e) => {
            diags.error("json-syntax", e.at.span(file), e.message);
            None
        }
    }
}

struct Error {
    at: Cursor,
    message: String,
}

type Result<T> = std::result::Result<T, Error>;

struct Parser<'a> {
    file: FileId,
    text: &'a str,
    pos: Cursor,
}

impl<'a> Parser<'a> {
    fn document(&mut self) -> Result<Node> {
        // A UTF-8 byte order mark is tolerated, as most JSON tools do.
        if self.rest().starts_with('\u{feff}') {
            self.pos.offset += '\u{feff}'.len_utf8();
        }
        self.skip_ws();
        if self.peek().is_none() {
            return Err(self.err("the document is empty: expected a JSON value"));
        }
        let node = self.value(0)?;
        self.skip_ws();
        if let Some(c) = self.peek() {
            return Err(self.err(format!(
                "unexpected {} after the end of the JSON value",
                describe(c)
            )));
        }
        Ok(node)
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos.offset..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos.advance(c);
        Some(c)
    }

    fn err(&self, message: impl Into<String>) -> Error {
        Error {
            at: self.pos,
            message: message.into(),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                self.bump();
            } else {
                break;
            }
        }
    }

    fn expect(&mut self, want: char, context: &str) -> Result<()> {
        match self.peek() {
            Some(c) if c == want => {
                self.bump();
                Ok(())
            }
            Some(c) => Err(self.err(format!(
                "expected '{want}' {context}, found {}",
                describe(c)
            ))),
            None => Err(self.err(format!(
                "expected '{want}' {context}, found the end of the file"
            ))),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("JSON nested deeper than {MAX_DEPTH} levels")));
        }
        let start = self.pos.span(self.file);
        let value = match self.peek() {
            Some('{') => self.object(depth)?,
            Some('[') => self.array(depth)?,
            Some('"') => Value::String(self.string()?),
            Some('t') => self.literal("true", Value::Bool(true))?,
            Some('f') => self.literal("false", Value::Bool(false))?,
            Some('n') => self.literal("null", Value::Null)?,
            Some(c) if c == '-' || c.is_ascii_digit() => Value::Number(self.number()?),
            Some(c) => {
                return Err(self.err(format!("expected a JSON value, found {}", describe(c))))
            }
            None => return Err(self.err("expected a JSON value, found the end of the file")),
        };
        Ok(Node::new(value, start))
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value> {
        if self.rest().starts_with(word) {
            for c in word.chars() {
                self.pos.advance(c);
            }
            Ok(value)
        } else {
            let found: String = self
                .rest()
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .take(20)
                .collect();
            Err(self.err(format!("expected a JSON value, found '{found}'")))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value> {
        let open = self.pos;
        self.bump(); // '{'
        let mut entries: Vec<(Key, Node)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Value::Object(entries));
        }
        loop {
            self.skip_ws();
            let key_span = self.pos.span(self.file);
            match self.peek() {
                Some('"') => {}
                Some(c) => {
                    return Err(self.err(format!(
                        "expected a quoted object key, found {}",
                        describe(c)
                    )))
                }
                None => {
                    return Err(self.err(format!(
                    "unterminated object: the '{{' at {}:{} is not closed; expected a key or '}}'",
                    open.line, open.column
                )))
                }
            }
            let key = self.string()?;
            if entries.iter().any(|(k, _)| k.name == key) {
                return Err(Error {
                    at: Cursor {
                        offset: key_span.offset as usize,
                        line: key_span.line,
                        column: key_span.column,
                    },
                    message: format!("duplicate object key \"{key}\""),
                });
            }
            self.skip_ws();
            self.expect(':', &format!("after object key \"{key}\""))?;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            entries.push((
                Key {
                    name: key,
                    span: key_span,
                },
                value,
            ));
            self.skip_ws();
            match self.peek() {
                Some(',') => {
                    let comma = self.pos;
                    self.bump();
                    self.skip_ws();
                    if self.peek() == Some('}') {
                        return Err(Error {
                            at: comma,
                            message: "trailing comma before '}' is not allowed in JSON".into(),
                        });
                    }
                }
                Some('}') => {
                    self.bump();
                    return Ok(Value::Object(entries));
                }
                Some(c) => {
                    return Err(self.err(format!(
                        "expected ',' or '}}' in object, found {}",
                        describe(c)
                    )))
                }
                None => {
                    return Err(self.err(format!(
                    "unterminated object: the '{{' at {}:{} is not closed; expected ',' or '}}'",
                    open.line, open.column
                )))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value> {
        let open = self.pos;
        self.bump(); // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(',') => {
                    let comma = self.pos;
                    self.bump();
                    self.skip_ws();
                    if self.peek() == Some(']') {
                        return Err(Error {
                            at: comma,
                            message: "trailing comma before ']' is not allowed in JSON".into(),
                        });
                    }
                }
                Some(']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                Some(c) => {
                    return Err(self.err(format!(
                        "expected ',' or ']' in array, found {}",
                        describe(c)
                    )))
                }
                None => {
                    return Err(self.err(format!(
                        "unterminated array: the '[' at {}:{} is not closed; expected ',' or ']'",
                        open.line, open.column
                    )))
                }
            }
        }
    }

    fn string(&mut self) -> Result<String> {
        let open = self.pos;
        self.bump(); // '"'
        let mut out = String::new();
        loop {
            let at = self.pos;
            match self.bump() {
                None => {
                    return Err(Error {
                        at: open,
                        message: "unterminated string: no closing '\"'".into(),
                    })
                }
                Some('"') => return Ok(out),
                Some('\\') => out.push(self.escape(at)?),
                Some('\n' | '\r') => {
                    return Err(Error {
                        at,
                        message: format!(
                            "unterminated string: the string opened at {}:{} reaches the end of the line without a closing '\"' (a line break inside a JSON string is written \\n)",
                            open.line, open.column
                        ),
                    })
                }
                Some(c) if (c as u32) < 0x20 => {
                    return Err(Error {
                        at,
                        message: format!(
                            "control character U+{:04X} in string must be escaped",
                            c as u32
                        ),
                    })
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn escape(&mut self, at: Cursor) -> Result<char> {
        let bad = |message: String| Error { at, message };
        Ok(match self.bump() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let hi = self
                    .hex4()
                    .ok_or_else(|| bad("invalid \\u escape: expected four hex digits".into()))?;
                if (0xD800..0xDC00).contains(&hi) {
                    // A high surrogate must be followed by an escaped low one.
                    if !self.rest().starts_with("\\u") {
                        return Err(bad(format!("unpaired surrogate \\u{hi:04X} in string")));
                    }
                    self.bump();
                    self.bump();
                    let lo = self.hex4().ok_or_else(|| {
                        bad("invalid \\u escape: expected four hex digits".into())
                    })?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(bad(format!("unpaired surrogate \\u{hi:04X} in string")));
                    }
                    let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    char::from_u32(code).ok_or_else(|| bad("invalid surrogate pair".into()))?
                } else {
                    char::from_u32(hi)
                        .ok_or_else(|| bad(format!("unpaired surrogate \\u{hi:04X} in string")))?
                }
            }
            Some(c) => return Err(bad(format!("invalid escape '\\{c}' in string"))),
            None => return Err(bad("unterminated escape at the end of the file".into())),
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits: String = self.rest().chars().take(4).collect();
        if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        for c in digits.chars() {
            self.pos.advance(c);
        }
        u32::from_str_radix(&digits, 16).ok()
    }

    fn number(&mut self) -> Result<Number> {
        let start = self.pos;
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let text = &rest[..len];
        for c in text.chars() {
            self.pos.advance(c);
        }
        parse_number(text).ok_or(Error {
            at: start,
            message: format!("invalid number '{text}'"),
        })
    }
}

/// Parses JSON number syntax: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
pub fn parse_number(text: &str) -> Option<Number> {
    let bytes = text.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let int_len = i - int_start;
    if int_len == 0 || (int_len > 1 && bytes[int_start] == b'0') {
        return None;
    }
    let mut is_float = false;
    if i < bytes.len() && bytes[i] == b'.' {
        is_float = true;
        i += 1;
        let frac_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == frac_start {
            return None;
        }
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        is_float = true;
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    if !is_float {
        if let Ok(n) = text.parse::<i64>() {
            return Some(Number::Int(n));
        }
    }
    text.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Number::Float)
}

fn describe(c: char) -> String {
    if c.is_control() {
        format!("character U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Node {
        let mut d = Diagnostics::new();
        let n = parse(FileId(0), text, &mut d);
        assert!(d.is_empty(), "{:?}", d);
        n.unwrap()
    }

    fn fails(text: &str) -> (u32, u32, String) {
        let mut d = Diagnostics::new();
        assert!(parse(FileId(0), text, &mut d).is_none());
        let diag = d.iter().next().unwrap().clone();
        let span = diag.span.unwrap();
        (span.line, span.column, diag.message)
    }

    #[test]
    fn values_and_positions() {
        let n = ok("{\n  \"a\": [1, -2.5e1, true, null],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\"\n}");
        let a = n.get("a").unwrap();
        assert_eq!((a.span.line, a.span.column), (2, 8));
        assert_eq!(a.as_array().unwrap()[0].as_i64(), Some(1));
        assert_eq!(
            a.as_array().unwrap()[1].as_number(),
            Some(Number::Float(-25.0))
        );
        assert_eq!(n.get("b").unwrap().as_str(), Some("xé😀"));
        assert_eq!(n.key_span("b").map(|s| (s.line, s.column)), Some((3, 3)));
    }

    #[test]
    fn errors_are_located() {
        assert_eq!(fails("{\"a\": 1,}").0, 1);
        let (l, c, m) = fails("{\n \"a\": tru\n}");
        assert_eq!((l, c), (2, 7));
        assert!(m.contains("tru"), "{m}");
        let (l, c, m) = fails("{\"a\":1, \"a\":2}");
        assert_eq!((l, c), (1, 9));
        assert!(m.contains("duplicate"));
        let (_, c, m) = fails("\"ab\\q\"");
        assert_eq!(c, 4);
        assert!(m.contains("invalid escape"));
        let (_, _, m) = fails("[1, 2");
        assert!(m.contains("unterminated array"));
        let (_, c, _) = fails("01");
        assert_eq!(c, 1);
        let (_, _, m) = fails("");
        assert!(m.contains("empty"));
        let (_, _, m) = fails("\"\\ud800\"");
        assert!(m.contains("surrogate"));
        let deep = "[".repeat(1000);
        assert!(fails(&deep).2.contains("nested deeper"));
    }
}
