//! The token cursor every grammar module builds on: lookahead, "expected X,
//! found Y" errors, the few line-break rules, nesting limits and
//! documentation comment bookkeeping.

use super::lexer::{DocComment, Token, TokenKind};
use crate::diag::Diagnostics;
use crate::model::is_identifier;
use crate::smithy::ast::SmithyVersion;
use crate::source::{FileId, Span};

/// Deepest nesting of arrays and objects accepted, so hostile input cannot
/// exhaust the stack.
const MAX_DEPTH: u32 = 64;

/// Parsing stopped at an error that has already been reported.
#[derive(Debug)]
pub(super) struct Fatal;

pub(super) type PResult<T> = Result<T, Fatal>;

pub(super) struct Parser<'d> {
    tokens: Vec<Token>,
    pos: usize,
    pub file: FileId,
    pub diags: &'d mut Diagnostics,
    depth: u32,
    pub version: SmithyVersion,
    /// Name suffixes of inline operation input and output shapes.
    pub input_suffix: String,
    pub output_suffix: String,
    /// Offsets of unquoted strings in node values (see `RawFile::syntactic_ids`).
    pub syntactic_ids: std::collections::HashSet<u32>,
}

impl<'d> Parser<'d> {
    /// `tokens` must end with an `Eof` or `Invalid` token.
    pub fn new(file: FileId, tokens: Vec<Token>, diags: &'d mut Diagnostics) -> Self {
        Parser {
            tokens,
            pos: 0,
            file,
            diags,
            depth: 0,
            version: SmithyVersion::V2,
            input_suffix: "Input".to_string(),
            output_suffix: "Output".to_string(),
            syntactic_ids: std::collections::HashSet::new(),
        }
    }

    pub fn peek(&self) -> &Token {
        self.peek_nth(0)
    }

    pub fn peek_nth(&self, n: usize) -> &Token {
        let last = self.tokens.len().saturating_sub(1);
        &self.tokens[(self.pos + n).min(last)]
    }

    pub fn is_symbol(&self, c: char) -> bool {
        self.peek().kind == TokenKind::Symbol(c)
    }

    pub fn is_word(&self, word: &str) -> bool {
        matches!(&self.peek().kind, TokenKind::Word(w) if w == word)
    }

    pub fn at_eof(&self) -> bool {
        self.peek().kind == TokenKind::Eof
    }

    /// Consumes the current token. Documentation comments nobody claimed
    /// (with [`Parser::take_docs`]) are reported as ignored, as Smithy does.
    pub fn bump(&mut self) -> Token {
        let token = self.peek().clone();
        if let Some(docs) = &token.docs {
            self.warn_unattached_docs(docs);
        }
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    /// Claims the documentation comment written before the current token.
    pub fn take_docs(&mut self) -> Option<DocComment> {
        let last = self.tokens.len().saturating_sub(1);
        self.tokens.get_mut(self.pos.min(last))?.docs.take()
    }

    /// Reports a documentation comment left before the end of the file.
    pub fn finish_docs(&mut self) {
        if let Some(docs) = self.take_docs() {
            self.warn_unattached_docs(&docs);
        }
    }

    fn warn_unattached_docs(&mut self, docs: &DocComment) {
        self.diags.warning(
            "idl-dangling-doc-comment",
            docs.span,
            "documentation comment is not directly before a shape or member (or comes after its traits) and is ignored",
        );
    }

    /// Where the previous token ended: the place to point at when something
    /// is missing after it.
    pub fn prev_end(&self) -> Span {
        match self.pos.checked_sub(1).and_then(|p| self.tokens.get(p)) {
            Some(prev) => prev.end,
            None => self.peek().span,
        }
    }

    /// The current token touches the previous one (no whitespace between).
    pub fn adjacent(&self) -> bool {
        self.pos > 0 && self.prev_end().offset == self.peek().span.offset
    }

    pub fn error(&mut self, code: &'static str, span: Span, message: impl Into<String>) -> Fatal {
        self.diags.error(code, span, message);
        Fatal
    }

    /// Reports that the current token is not what the grammar wants. A
    /// lexical error at this point is reported instead, being the real cause.
    pub fn unexpected(&mut self, expected: &str) -> Fatal {
        let token = self.peek().clone();
        match token.kind {
            TokenKind::Invalid { code, message } => self.error(code, token.span, message),
            _ => self.error(
                "idl-syntax",
                token.span,
                format!("expected {expected}, found {}", token.describe()),
            ),
        }
    }

    /// Consumes `c` or reports `expected 'c' <context>, found ...`.
    pub fn expect_symbol(&mut self, c: char, context: &str) -> PResult<Token> {
        if self.is_symbol(c) {
            Ok(self.bump())
        } else {
            Err(self.unexpected(&format!("'{c}' {context}")))
        }
    }

    /// Consumes `c`, which the grammar wants on the current line.
    pub fn expect_symbol_same_line(&mut self, c: char, context: &str) -> PResult<Token> {
        if !self.is_symbol(c) {
            return Err(self.unexpected(&format!("'{c}' {context}")));
        }
        self.require_same_line(&format!("'{c}' {context}"))?;
        Ok(self.bump())
    }

    /// Consumes a word (identifier or shape id) or reports what was expected.
    pub fn expect_word(&mut self, expected: &str) -> PResult<(String, Span)> {
        match &self.peek().kind {
            TokenKind::Word(w) => {
                let w = w.clone();
                let span = self.bump().span;
                Ok((w, span))
            }
            _ => Err(self.unexpected(expected)),
        }
    }

    /// Consumes a plain identifier (no `.`, `#` or `$`).
    pub fn expect_identifier(&mut self, expected: &str) -> PResult<(String, Span)> {
        match &self.peek().kind {
            TokenKind::Word(w) if is_identifier(w) => self.expect_word(expected),
            _ => Err(self.unexpected(expected)),
        }
    }

    /// Consumes a shape id; member ids (`A$b`) only when `allow_member`.
    pub fn expect_shape_id(
        &mut self,
        expected: &str,
        allow_member: bool,
    ) -> PResult<(String, Span)> {
        match &self.peek().kind {
            TokenKind::Word(w) if allow_member || !w.contains('$') => self.expect_word(expected),
            _ => Err(self.unexpected(expected)),
        }
    }

    /// The grammar allows only spaces before the current token (`SP`): a
    /// line break here means something is missing at the end of the line.
    pub fn require_same_line(&mut self, expected: &str) -> PResult<()> {
        let token = self.peek();
        if matches!(token.kind, TokenKind::Invalid { .. }) {
            return Err(self.unexpected(expected));
        }
        if token.newline_before || token.kind == TokenKind::Eof {
            let at = self.prev_end();
            let found = if token.kind == TokenKind::Eof {
                "end of file"
            } else {
                "a line break"
            };
            return Err(self.error(
                "idl-syntax",
                at,
                format!("expected {expected}, found {found}"),
            ));
        }
        Ok(())
    }

    /// The grammar requires a line break (`BR`) before the current token.
    pub fn expect_line_break(&mut self, after: &str) -> PResult<()> {
        let token = self.peek();
        match token.kind {
            TokenKind::Eof => Ok(()),
            TokenKind::Invalid { .. } => Err(self.unexpected("a line break")),
            _ if token.newline_before => Ok(()),
            _ => Err(self.unexpected(&format!("a line break after {after}"))),
        }
    }

    /// Enters one level of array/object nesting at `span`.
    pub fn enter(&mut self, span: Span) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                "idl-too-deep",
                span,
                format!("values are nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        Ok(())
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Reports a construct that needs `$version: "2.0"`.
    pub fn require_v2(&mut self, span: Span, what: &str) -> PResult<()> {
        if self.version == SmithyVersion::V1 {
            return Err(self.error(
                "idl-version-feature",
                span,
                format!("{what} requires Smithy IDL 2.0, but this file declares $version \"1.0\""),
            ));
        }
        Ok(())
    }
}
