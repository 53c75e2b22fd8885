//! The sections of a file in their required order: control statements,
//! metadata, the namespace, `use` statements, then shapes and `apply`.

use super::lexer::TokenKind;
use super::parser::{PResult, Parser};
use crate::model::is_namespace;
use crate::node::Node;
use crate::smithy::ast::{RawFile, RawRef, SmithyVersion};
use crate::source::Span;

impl Parser<'_> {
    pub fn parse_file(&mut self) -> PResult<RawFile> {
        self.control_section()?;
        let mut file = RawFile {
            file: self.file,
            version: self.version,
            namespace: None,
            uses: Vec::new(),
            metadata: Vec::new(),
            shapes: Vec::new(),
            applies: Vec::new(),
            syntactic_ids: Default::default(),
        };
        let mut namespace_span: Option<Span> = None;
        let mut shapes_started = false;
        loop {
            let token = self.peek();
            let span = token.span;
            match &token.kind {
                TokenKind::Eof => break,
                TokenKind::Symbol('$') => {
                    return Err(self.error(
                        "idl-syntax",
                        span,
                        "control statements ('$name: value') must come before all other statements",
                    ))
                }
                TokenKind::Word(w) if w == "metadata" => {
                    if namespace_span.is_some() {
                        return Err(self.error(
                            "idl-syntax",
                            span,
                            "metadata statements must come before the namespace statement",
                        ));
                    }
                    let entry = self.metadata_statement()?;
                    file.metadata.push(entry);
                }
                TokenKind::Word(w) if w == "namespace" => {
                    if let Some(first) = namespace_span {
                        return Err(self.error(
                            "idl-syntax",
                            span,
                            format!(
                                "only one namespace statement is allowed per file (the first is at {}:{})",
                                first.line, first.column
                            ),
                        ));
                    }
                    namespace_span = Some(span);
                    file.namespace = Some(self.namespace_statement()?);
                }
                TokenKind::Word(w) if w == "use" => {
                    let problem = if namespace_span.is_none() {
                        Some("a 'use' statement must come after the namespace statement")
                    } else if shapes_started {
                        Some("'use' statements must come before shapes and apply statements")
                    } else {
                        None
                    };
                    if let Some(problem) = problem {
                        return Err(self.error("idl-syntax", span, problem));
                    }
                    file.uses.push(self.use_statement()?);
                }
                TokenKind::Invalid { .. } => return Err(self.unexpected("a statement")),
                _ => {
                    if namespace_span.is_none() {
                        return Err(self.error(
                            "idl-syntax",
                            span,
                            format!(
                                "expected a namespace statement before shapes and apply statements, found {}",
                                self.peek().describe()
                            ),
                        ));
                    }
                    shapes_started = true;
                    if self.is_word("apply") {
                        let apply = self.apply_statement()?;
                        file.applies.push(apply);
                    } else {
                        self.shape_statement(&mut file.shapes)?;
                    }
                }
            }
        }
        self.finish_docs();
        file.syntactic_ids = std::mem::take(&mut self.syntactic_ids);
        Ok(file)
    }

    /// `$name: value` statements at the top of the file.
    fn control_section(&mut self) -> PResult<()> {
        let mut version_span: Option<Span> = None;
        while self.is_symbol('$') {
            self.bump();
            if !self.adjacent() {
                return Err(self.unexpected("a control statement name directly after '$'"));
            }
            let (key, key_span) = match &self.peek().kind {
                TokenKind::Word(w) => (w.clone(), self.peek().span),
                TokenKind::Str(s) => (s.clone(), self.peek().span),
                _ => return Err(self.unexpected("a control statement name after '$'")),
            };
            self.bump();
            self.expect_symbol_same_line(':', &format!("after control statement '${key}'"))?;
            self.require_same_line(&format!("a value for '${key}'"))?;
            let value = self.node_value()?;
            self.expect_line_break(&format!("control statement '${key}'"))?;
            match key.as_str() {
                "version" => {
                    if let Some(first) = version_span {
                        return Err(self.error(
                            "idl-syntax",
                            key_span,
                            format!(
                                "duplicate $version statement (the first is at {}:{})",
                                first.line, first.column
                            ),
                        ));
                    }
                    version_span = Some(key_span);
                    self.version = self.version_from(&value)?;
                }
                "operationInputSuffix" => self.input_suffix = self.suffix(&key, &value)?,
                "operationOutputSuffix" => self.output_suffix = self.suffix(&key, &value)?,
                _ => self.diags.warning(
                    "idl-unknown-control",
                    key_span,
                    format!("unknown control statement '${key}' is ignored"),
                ),
            }
        }
        Ok(())
    }

    /// `"1"`, `"1.0"` → 1.0; `"2"`, `"2.0"` → 2.0; other majors are refused.
    fn version_from(&mut self, value: &Node) -> PResult<SmithyVersion> {
        let Some(text) = value.as_str() else {
            return Err(self.error(
                "idl-invalid-version",
                value.span,
                format!(
                    "$version must be a string such as \"2.0\", found {}",
                    value.kind_name()
                ),
            ));
        };
        let (major, minor) = match text.split_once('.') {
            Some((major, minor)) => (major, Some(minor)),
            None => (text, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !all_digits(major) || !minor.is_none_or(all_digits) {
            return Err(self.error(
                "idl-invalid-version",
                value.span,
                format!("invalid $version \"{text}\": expected a version such as \"2.0\""),
            ));
        }
        match major.trim_start_matches('0') {
            "1" => Ok(SmithyVersion::V1),
            "2" => Ok(SmithyVersion::V2),
            _ => Err(self.error(
                "idl-unsupported-version",
                value.span,
                format!("unsupported Smithy IDL version \"{text}\": only versions 1.x and 2.x are supported"),
            )),
        }
    }

    fn suffix(&mut self, key: &str, value: &Node) -> PResult<String> {
        match value.as_str() {
            Some(s) if crate::model::is_identifier(&format!("A{s}")) => Ok(s.to_string()),
            _ => Err(self.error(
                "idl-syntax",
                value.span,
                format!("${key} must be a string of identifier characters, such as \"Request\""),
            )),
        }
    }

    /// `metadata key = value`.
    fn metadata_statement(&mut self) -> PResult<(String, Node, Span)> {
        self.bump();
        self.require_same_line("a metadata key after 'metadata'")?;
        let (key, key_span) = match &self.peek().kind {
            TokenKind::Word(w) if crate::model::is_identifier(w) => (w.clone(), self.peek().span),
            TokenKind::Str(s) => (s.clone(), self.peek().span),
            _ => return Err(self.unexpected("a metadata key (identifier or quoted string)")),
        };
        self.bump();
        self.expect_symbol_same_line('=', &format!("after metadata key '{key}'"))?;
        self.require_same_line(&format!("a value for metadata '{key}'"))?;
        let value = self.node_value()?;
        self.expect_line_break(&format!("metadata '{key}'"))?;
        Ok((key, value, key_span))
    }

    /// `namespace a.b.c`.
    fn namespace_statement(&mut self) -> PResult<String> {
        self.bump();
        let expected = "a namespace (such as 'com.example') after 'namespace'";
        self.require_same_line(expected)?;
        let namespace = match &self.peek().kind {
            TokenKind::Word(w) if is_namespace(w) => w.clone(),
            _ => return Err(self.unexpected(expected)),
        };
        self.bump();
        self.expect_line_break("the namespace statement")?;
        Ok(namespace)
    }

    /// `use a.b#C`.
    fn use_statement(&mut self) -> PResult<RawRef> {
        self.bump();
        let expected = "an absolute shape id (such as 'com.example#Name') after 'use'";
        self.require_same_line(expected)?;
        let id = match &self.peek().kind {
            TokenKind::Word(w) if w.contains('#') && !w.contains('$') => w.clone(),
            _ => return Err(self.unexpected(expected)),
        };
        let span = self.bump().span;
        self.expect_line_break("the use statement")?;
        Ok(RawRef::new(id, span))
    }
}
