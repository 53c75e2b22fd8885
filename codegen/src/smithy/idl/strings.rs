//! String literal contents: escape sequences, line ending normalisation and
//! the incidental-whitespace rules of text blocks (Smithy IDL "Text blocks").

use super::lexer::LexError;
use crate::source::{Cursor, FileId};

/// Decodes the content of a quoted string (without its quotes). `start` is
/// the position of the first content character, for error locations.
pub(super) fn decode_quoted(raw: &str, start: Cursor, file: FileId) -> Result<String, LexError> {
    let mut decoder = Decoder {
        rest: raw,
        cursor: start,
        file,
        out: String::with_capacity(raw.len()),
    };
    decoder.run()?;
    Ok(decoder.out)
}

/// Decodes the content of a text block (after the line break that follows
/// the opening `"""`, up to the closing `"""`). Escapes are checked first so
/// errors point at the source; they are expanded after the incidental
/// whitespace has been removed, as the spec requires.
pub(super) fn decode_text_block(
    raw: &str,
    start: Cursor,
    file: FileId,
) -> Result<String, LexError> {
    decode_quoted(raw, start, file)?;
    let normalized = normalize_newlines(raw);
    let stripped = strip_incidental_whitespace(&normalized);
    decode_quoted(&stripped, start, file)
}

/// CRLF and lone CR become LF.
fn normalize_newlines(raw: &str) -> String {
    raw.replace("\r\n", "\n").replace('\r', "\n")
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Removes the indentation common to all lines and every line's trailing
/// whitespace. Blank lines do not count towards the common indentation,
/// except the last one: a closing `"""` on its own line sets the margin.
pub(super) fn strip_incidental_whitespace(content: &str) -> String {
    let lines: Vec<&str> = content.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    let indent = |line: &str| line.chars().take_while(|&c| is_blank(c)).count();
    let margin = lines
        .iter()
        .enumerate()
        .filter(|&(i, line)| i == last || !line.chars().all(is_blank))
        .map(|(_, line)| indent(line))
        .min()
        .unwrap_or(0);
    let stripped: Vec<&str> = lines
        .iter()
        .map(|line| {
            // Indentation is ASCII, so the character count is a byte index.
            let cut = margin.min(indent(line));
            line.get(cut..).unwrap_or("").trim_end_matches(is_blank)
        })
        .collect();
    stripped.join("\n")
}

struct Decoder<'a> {
    rest: &'a str,
    cursor: Cursor,
    file: FileId,
    out: String,
}

impl Decoder<'_> {
    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.rest = &self.rest[c.len_utf8()..];
        self.cursor.advance(c);
        Some(c)
    }

    fn run(&mut self) -> Result<(), LexError> {
        while let Some(c) = self.peek() {
            let at = self.cursor;
            self.bump();
            match c {
                '\\' => self.escape(at)?,
                '\r' => {
                    if self.peek() == Some('\n') {
                        self.bump();
                    }
                    self.out.push('\n');
                }
                '\n' | '\t' => self.out.push(c),
                c if c.is_control() && (c as u32) < 0x20 => {
                    return Err(self.error(
                        at,
                        "idl-syntax",
                        format!("control character {c:?} in a string; use an escape sequence"),
                    ));
                }
                c => self.out.push(c),
            }
        }
        Ok(())
    }

    fn error(&self, at: Cursor, code: &'static str, message: String) -> LexError {
        LexError {
            span: at.span(self.file),
            code,
            message,
        }
    }

    /// After a backslash at `at`.
    fn escape(&mut self, at: Cursor) -> Result<(), LexError> {
        let Some(c) = self.bump() else {
            return Err(self.error(
                at,
                "idl-bad-escape",
                "a backslash must be followed by an escape sequence".to_string(),
            ));
        };
        let decoded = match c {
            '"' | '\\' | '/' | '\'' => c,
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            // An escaped line break continues the line: it expands to nothing.
            '\n' => return Ok(()),
            '\r' => {
                if self.peek() == Some('\n') {
                    self.bump();
                }
                return Ok(());
            }
            'u' => self.unicode_escape(at)?,
            other => {
                return Err(self.error(
                    at,
                    "idl-bad-escape",
                    format!(
                        "invalid escape sequence '\\{other}'; expected one of \\\" \\\\ \\/ \\' \\b \\f \\n \\r \\t \\uXXXX or an escaped line break"
                    ),
                ))
            }
        };
        self.out.push(decoded);
        Ok(())
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair written as two escapes.
    fn unicode_escape(&mut self, at: Cursor) -> Result<char, LexError> {
        let unit = self.hex4(at)?;
        match unit {
            0xD800..=0xDBFF => {
                let low_at = self.cursor;
                if !self.rest.starts_with("\\u") {
                    return Err(self.error(
                        at,
                        "idl-bad-escape",
                        format!("unpaired surrogate '\\u{unit:04X}': a high surrogate must be followed by a '\\uDC00'-'\\uDFFF' escape"),
                    ));
                }
                self.bump();
                self.bump();
                let low = self.hex4(low_at)?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(self.error(
                        low_at,
                        "idl-bad-escape",
                        format!("'\\u{low:04X}' is not a low surrogate; expected '\\uDC00'-'\\uDFFF' after '\\u{unit:04X}'"),
                    ));
                }
                let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                char::from_u32(combined).ok_or_else(|| {
                    self.error(at, "idl-bad-escape", "invalid surrogate pair".to_string())
                })
            }
            0xDC00..=0xDFFF => Err(self.error(
                at,
                "idl-bad-escape",
                format!("unpaired surrogate '\\u{unit:04X}': a low surrogate must follow a high surrogate"),
            )),
            _ => char::from_u32(unit).ok_or_else(|| {
                self.error(at, "idl-bad-escape", format!("invalid code point U+{unit:04X}"))
            }),
        }
    }

    /// Four hex digits after `\u`; `at` is the escape's backslash.
    fn hex4(&mut self, at: Cursor) -> Result<u32, LexError> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = self.peek().and_then(|c| c.to_digit(16));
            let Some(digit) = digit else {
                let found = match self.peek() {
                    Some(c) => format!("{c:?}"),
                    None => "the end of the string".to_string(),
                };
                return Err(self.error(
                    at,
                    "idl-bad-escape",
                    format!("'\\u' must be followed by four hex digits, found {found}"),
                ));
            };
            self.bump();
            value = value * 16 + digit;
        }
        Ok(value)
    }
}
