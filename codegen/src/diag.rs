//! Diagnostics: what went wrong, where, and how bad it is.

use crate::source::{SourceMap, Span};
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding about the input. `span` is `None` only for problems that have
/// no place in a file (a missing file, an empty input set).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code, e.g. `unresolved-target`.
    pub code: &'static str,
    pub message: String,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn error(
        code: &'static str,
        span: impl Into<Option<Span>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: span.into(),
        }
    }

    pub fn warning(
        code: &'static str,
        span: impl Into<Option<Span>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            span: span.into(),
        }
    }

    pub fn note(
        code: &'static str,
        span: impl Into<Option<Span>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Note,
            code,
            message: message.into(),
            span: span.into(),
        }
    }

    /// `path:line:column: severity[code]: message`, then the source line and
    /// a caret under the column.
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        match self.span {
            Some(span) => {
                let _ = write!(
                    out,
                    "{}:{}:{}: {}[{}]: {}",
                    sources.path(span.file).display(),
                    span.line,
                    span.column,
                    self.severity.as_str(),
                    self.code,
                    self.message
                );
                if let Some(line) = sources.line_text(span.file, span.line) {
                    let gutter = span.line.to_string();
                    let pad = " ".repeat(gutter.len());
                    let caret_pad: String = line
                        .chars()
                        .take(span.column.saturating_sub(1) as usize)
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    let _ = write!(out, "\n{pad} |\n{gutter} | {line}\n{pad} | {caret_pad}^");
                }
            }
            None => {
                let _ = write!(
                    out,
                    "{}[{}]: {}",
                    self.severity.as_str(),
                    self.code,
                    self.message
                );
            }
        }
        out
    }
}

/// A growing list of diagnostics, shared by every stage of the pipeline.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn error(
        &mut self,
        code: &'static str,
        span: impl Into<Option<Span>>,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::error(code, span, message));
    }

    pub fn warning(
        &mut self,
        code: &'static str,
        span: impl Into<Option<Span>>,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::warning(code, span, message));
    }

    pub fn note(
        &mut self,
        code: &'static str,
        span: impl Into<Option<Span>>,
        message: impl Into<String>,
    ) {
        self.push(Diagnostic::note(code, span, message));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Turns every warning into an error (`--strict`).
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    /// Sorts by file, position, then message, and drops exact repeats, so that
    /// output does not depend on the order in which stages ran.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            a.span
                .map(|s| (s.file, s.line, s.column))
                .cmp(&b.span.map(|s| (s.file, s.line, s.column)))
                .then_with(|| b.severity.cmp(&a.severity))
                .then_with(|| a.message.cmp(&b.message))
        });
        self.items.dedup();
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}
