//! Turns IDL text into tokens. Commas, spaces and comments are whitespace;
//! the lexer only remembers whether a line break came before each token (the
//! few places where the grammar needs one) and which documentation comment
//! lines (`///`) came before it.
//!
//! A lexical error becomes an [`TokenKind::Invalid`] token that ends the
//! stream, so the parser reports it only if it gets that far: errors are
//! always reported in source order.

use super::strings;
use crate::source::{Cursor, FileId, Span};

#[derive(Clone, Debug, PartialEq)]
pub(super) enum TokenKind {
    /// An identifier, namespace or shape id (`foo`, `a.b#C`, `C$member`).
    Word(String),
    /// A number exactly as written; already checked against the grammar.
    Number(String),
    /// A quoted string or text block, escapes already decoded.
    Str(String),
    /// One of `{ } [ ] ( ) : = @ $`.
    Symbol(char),
    /// `:=`, which introduces inline operation input and output.
    Walrus,
    Eof,
    /// A lexical error; the stream ends here.
    Invalid {
        code: &'static str,
        message: String,
    },
}

/// Consecutive `///` lines, joined with `\n`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DocComment {
    pub text: String,
    /// Where the first `///` was written.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// The position just after the token, for "expected X after Y" errors.
    pub end: Span,
    /// A line break (or a comment, which ends with one) precedes the token.
    pub newline_before: bool,
    /// Documentation comment lines written since the previous token.
    pub docs: Option<DocComment>,
}

impl Token {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match &self.kind {
            TokenKind::Word(w) => format!("'{w}'"),
            TokenKind::Number(n) => format!("number {n}"),
            TokenKind::Str(s) => {
                let mut shown: String = s.chars().take(30).collect();
                if shown.len() < s.len() {
                    shown.push('…');
                }
                format!("string {shown:?}")
            }
            TokenKind::Symbol(c) => format!("'{c}'"),
            TokenKind::Walrus => "':='".to_string(),
            TokenKind::Eof => "end of file".to_string(),
            TokenKind::Invalid { .. } => "invalid input".to_string(),
        }
    }
}

/// Lexes the whole file. The last token is always `Eof` or `Invalid`.
pub(super) fn tokenize(file: FileId, text: &str) -> Vec<Token> {
    let mut lexer = Lexer {
        file,
        text,
        cursor: Cursor::default(),
        tokens: Vec::new(),
        newline_before: false,
        token_on_line: false,
        docs: None,
    };
    lexer.run();
    lexer.tokens
}

struct Lexer<'a> {
    file: FileId,
    text: &'a str,
    cursor: Cursor,
    tokens: Vec<Token>,
    newline_before: bool,
    /// A token already started on the current line, so `///` here is an
    /// ordinary comment rather than documentation.
    token_on_line: bool,
    docs: Option<DocComment>,
}

/// A lexical error: where, which code, what.
pub(super) struct LexError {
    pub span: Span,
    pub code: &'static str,
    pub message: String,
}

pub(super) fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

pub(super) fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.cursor.offset..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_nth(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.cursor.advance(c);
        Some(c)
    }

    fn span(&self) -> Span {
        self.cursor.span(self.file)
    }

    fn run(&mut self) {
        if self.peek() == Some('\u{feff}') {
            self.bump();
        }
        loop {
            self.skip_whitespace();
            let start = self.span();
            let Some(c) = self.peek() else {
                self.push(TokenKind::Eof, start);
                return;
            };
            let kind = match self.token(c) {
                Ok(kind) => kind,
                Err(e) => {
                    let invalid = TokenKind::Invalid {
                        code: e.code,
                        message: e.message,
                    };
                    self.push(invalid, e.span);
                    return;
                }
            };
            self.push(kind, start);
        }
    }

    fn push(&mut self, kind: TokenKind, span: Span) {
        self.tokens.push(Token {
            kind,
            span,
            end: self.span(),
            newline_before: self.newline_before,
            docs: self.docs.take(),
        });
        self.newline_before = false;
        self.token_on_line = true;
    }

    fn skip_whitespace(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | ',' | '\r' => {
                    self.bump();
                }
                '\n' => {
                    self.bump();
                    self.newline_before = true;
                    self.token_on_line = false;
                }
                '/' if self.peek_nth(1) == Some('/') => self.comment(),
                _ => return,
            }
        }
    }

    /// Skips a `//` comment up to (not including) the line break; collects
    /// it when it is a documentation comment.
    fn comment(&mut self) {
        let start = self.span();
        let line_end = self.rest().find('\n').unwrap_or(self.rest().len());
        let line = &self.rest()[..line_end];
        let is_doc = !self.token_on_line && line.starts_with("///");
        if is_doc {
            let body = line[3..].strip_suffix('\r').unwrap_or(&line[3..]);
            let body = body.strip_prefix(' ').unwrap_or(body);
            match &mut self.docs {
                Some(docs) => {
                    docs.text.push('\n');
                    docs.text.push_str(body);
                }
                None => {
                    self.docs = Some(DocComment {
                        text: body.to_string(),
                        span: start,
                    })
                }
            }
        }
        for c in line.chars() {
            self.cursor.advance(c);
        }
        // A comment always ends a line, even the last one of the file.
        self.newline_before = true;
    }

    fn token(&mut self, c: char) -> Result<TokenKind, LexError> {
        match c {
            '{' | '}' | '[' | ']' | '(' | ')' | '=' | '@' | '$' => {
                self.bump();
                Ok(TokenKind::Symbol(c))
            }
            ':' => {
                self.bump();
                if self.peek() == Some('=') {
                    self.bump();
                    Ok(TokenKind::Walrus)
                } else {
                    Ok(TokenKind::Symbol(':'))
                }
            }
            '"' => self.string(),
            '-' | '0'..='9' => self.number(),
            c if is_ident_start(c) => Ok(TokenKind::Word(self.word())),
            other => Err(LexError {
                span: self.span(),
                code: "idl-syntax",
                message: format!("unexpected character {other:?}"),
            }),
        }
    }

    /// An identifier, optionally extended into a namespace (`a.b`), an
    /// absolute id (`a.b#C`) and a member id (`C$m`). The parser checks
    /// which of those forms a position allows.
    fn word(&mut self) -> String {
        let mut word = String::new();
        self.identifier_into(&mut word);
        let mut seen_hash = false;
        let mut seen_dollar = false;
        loop {
            let next = self.peek_nth(1).is_some_and(is_ident_start);
            match self.peek() {
                Some('.') if next && !seen_hash && !seen_dollar => {}
                Some('#') if next && !seen_hash && !seen_dollar => seen_hash = true,
                Some('$') if next && !seen_dollar => seen_dollar = true,
                _ => return word,
            }
            if let Some(sep) = self.bump() {
                word.push(sep);
            }
            self.identifier_into(&mut word);
        }
    }

    fn identifier_into(&mut self, out: &mut String) {
        while let Some(c) = self.peek().filter(|&c| is_ident_char(c)) {
            self.bump();
            out.push(c);
        }
    }

    /// `[-] int [frac] [exp]`, as in JSON.
    fn number(&mut self) -> Result<TokenKind, LexError> {
        let start = self.cursor.offset;
        if self.peek() == Some('-') {
            self.bump();
        }
        let first_digit = self.span();
        match self.peek() {
            Some('0') => {
                self.bump();
                if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    return Err(
                        self.number_error(first_digit, "a number cannot have leading zeros")
                    );
                }
            }
            Some(c) if c.is_ascii_digit() => self.digits(),
            _ => return Err(self.number_error(first_digit, "expected a digit after '-'")),
        }
        if self.peek() == Some('.') {
            self.bump();
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                let at = self.span();
                return Err(self.number_error(at, "expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                let at = self.span();
                return Err(self.number_error(at, "expected a digit in the exponent"));
            }
            self.digits();
        }
        let text = self.text.get(start..self.cursor.offset).unwrap_or("");
        Ok(TokenKind::Number(text.to_string()))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
    }

    fn number_error(&self, span: Span, message: &str) -> LexError {
        let found = match self
            .text
            .get(span.offset as usize..)
            .and_then(|r| r.chars().next())
        {
            Some(c) => format!("{c:?}"),
            None => "end of file".to_string(),
        };
        LexError {
            span,
            code: "idl-syntax",
            message: format!("invalid number: {message}, found {found}"),
        }
    }

    /// A quoted string or, after `"""`, a text block.
    fn string(&mut self) -> Result<TokenKind, LexError> {
        let open = self.span();
        if self.rest().starts_with("\"\"\"") {
            return self.text_block(open);
        }
        self.bump();
        let content_start = self.cursor;
        loop {
            match self.peek() {
                None => return Err(unterminated(open, "string", "'\"'")),
                Some('"') => break,
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some(_) => {
                    self.bump();
                }
            }
        }
        let raw = self
            .text
            .get(content_start.offset..self.cursor.offset)
            .unwrap_or("");
        self.bump();
        strings::decode_quoted(raw, content_start, self.file).map(TokenKind::Str)
    }

    fn text_block(&mut self, open: Span) -> Result<TokenKind, LexError> {
        for _ in 0..3 {
            self.bump();
        }
        // The opening delimiter must end its line (spaces allowed).
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
        if self.rest().starts_with("\r\n") {
            self.bump();
        }
        if self.peek() != Some('\n') {
            let found = match self.peek() {
                Some(c) => format!("{c:?}"),
                None => "end of file".to_string(),
            };
            return Err(LexError {
                span: self.span(),
                code: "idl-syntax",
                message: format!(
                    "expected a line break after the opening '\"\"\"' of a text block, found {found}"
                ),
            });
        }
        self.bump();
        let content_start = self.cursor;
        loop {
            if self.rest().starts_with("\"\"\"") {
                break;
            }
            match self.peek() {
                None => return Err(unterminated(open, "text block", "'\"\"\"'")),
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some(_) => {
                    self.bump();
                }
            }
        }
        let raw = self
            .text
            .get(content_start.offset..self.cursor.offset)
            .unwrap_or("");
        for _ in 0..3 {
            self.bump();
        }
        strings::decode_text_block(raw, content_start, self.file).map(TokenKind::Str)
    }
}

fn unterminated(open: Span, what: &str, closer: &str) -> LexError {
    LexError {
        span: open,
        code: "idl-unterminated-string",
        message: format!("unterminated {what}: no closing {closer} before the end of the file"),
    }
}
