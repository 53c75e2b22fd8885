//! YAML → located [`Node`] tree.
//!
//! Built on yaml-rust2's event parser because every event carries a
//! [`Marker`]: the tree keeps the line and column of each key and value, so
//! a schema problem found long after parsing still points into the file.
//! serde_yaml is not used: it is archived, and like any serde deserializer it
//! drops positions.
//!
//! Scalars are typed by the YAML 1.2 core schema (plain `true`, `null`, `~`,
//! ints, floats); quoted scalars stay strings. Keys keep the text they were
//! written with (`200:` is the key `"200"`), which is what OpenAPI means.
//!
//! A large document is parsed in parts on all cores ([`parts`]), with the
//! same tree and positions as the whole parse.

use crate::diag::Diagnostics;
use crate::node::{Key, Node, Number, Value};
use crate::source::{FileId, Span};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

mod parts;

/// Documents at least this large are parsed in parts side by side
/// ([`parts`]); smaller ones take a few milliseconds whole.
const SPLIT_MIN_BYTES: usize = 256 * 1024;
/// Deepest nesting accepted; deeper input is an error, not a stack overflow.
const MAX_DEPTH: usize = 128;
/// Nodes that alias expansion may create in one document, against
/// "billion laughs" inputs that expand a few lines into gigabytes.
const MAX_ALIAS_NODES: usize = 1_000_000;

/// Parses a YAML stream and returns its one non-empty document. Problems are
/// reported located and yield `None`.
pub fn parse(file: FileId, text: &str, diags: &mut Diagnostics) -> Option<Node> {
    if text.len() >= SPLIT_MIN_BYTES {
        if let Some(node) = parts::parse(file, text) {
            return Some(node);
        }
    }
    let positions = Positions::new(text);
    let mut loader = Loader::new(file, text, &positions, Base::default());
    match loader.stream() {
        Ok(Some(node)) => Some(node),
        Ok(None) => {
            diags.error(
                "yaml-syntax",
                Span::new(file, 1, 1, 0),
                "the document is empty",
            );
            None
        }
        Err(e) => {
            diags.error("yaml-syntax", e.span, e.message);
            None
        }
    }
}

struct Error {
    span: Span,
    message: String,
}

/// Where a part of the file parsed on its own ([`parts`]) starts: the
/// lines before it, and the depth of the node it is in.
#[derive(Clone, Copy, Default)]
struct Base {
    lines: u32,
    depth: usize,
}

/// Converts yaml-rust2 markers (1-based line, 0-based column in
/// characters) into spans (byte offset, 1-based column). The offset is
/// worked out from the line and column, not from the marker's character
/// index: after a folded block scalar that index runs ahead of the text
/// (by 126 characters at one place in Stripe's document).
struct Positions<'t> {
    text: &'t str,
    /// Where each line starts, and whether it is ASCII (its columns are
    /// then its bytes). [`parts`] cuts the text at these starts.
    lines: Vec<(u32, bool)>,
}

impl<'t> Positions<'t> {
    fn new(text: &'t str) -> Self {
        // Lines end as yaml-rust2 ends them: at LF, CRLF or a lone CR.
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut ascii = true;
        for (i, &b) in bytes.iter().enumerate() {
            ascii &= b.is_ascii();
            let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends {
                lines.push((start as u32, ascii));
                start = i + 1;
                ascii = true;
            }
        }
        if start < bytes.len() {
            lines.push((start as u32, ascii));
        }
        Positions { text, lines }
    }

    fn span(&self, file: FileId, m: &Marker, base: Base) -> Span {
        let line = m.line().max(1) as u32 + base.lines;
        let len = self.text.len();
        let offset = match self.lines.get(line as usize - 1) {
            None => len,
            Some(&(start, ascii)) => {
                let start = start as usize;
                // The line, its break included, ends where the next starts.
                let next = self
                    .lines
                    .get(line as usize)
                    .map_or(len, |&(s, _)| s as usize);
                let in_line = next - start;
                let col = if ascii {
                    m.col().min(in_line)
                } else {
                    self.text[start..start + in_line]
                        .char_indices()
                        .nth(m.col())
                        .map_or(in_line, |(i, _)| i)
                };
                start + col
            }
        };
        Span::new(file, line, m.col() as u32 + 1, offset as u32)
    }
}

struct Loader<'a> {
    file: FileId,
    text: &'a str,
    /// Where each sequence and mapping being read started, outermost first.
    open: Vec<Span>,
    positions: &'a Positions<'a>,
    base: Base,
    parser: Parser<std::str::Chars<'a>>,
    anchors: HashMap<usize, (Node, usize)>,
    alias_nodes: usize,
}

impl<'a> Loader<'a> {
    fn new(file: FileId, text: &'a str, positions: &'a Positions<'a>, base: Base) -> Self {
        Loader {
            file,
            text,
            open: Vec::new(),
            positions,
            base,
            parser: Parser::new_from_str(text),
            anchors: HashMap::new(),
            alias_nodes: 0,
        }
    }

    fn next(&mut self) -> Result<(Event, Span), Error> {
        match self.parser.next_token() {
            Ok((ev, m)) => Ok((ev, self.positions.span(self.file, &m, self.base))),
            Err(e) => Err(self.scan_error(&e)),
        }
    }

    fn scan_error(&self, e: &ScanError) -> Error {
        let mut span = self.positions.span(self.file, e.marker(), self.base);
        let info = e.info();
        let before = |span: &Span| self.text.get(..span.offset as usize).unwrap_or("");
        if info.contains("tab") {
            // The scanner reports the position after the tabs; point at them.
            while span.column > 1 && before(&span).ends_with('\t') {
                span.column -= 1;
                span.offset -= 1;
            }
        }
        if info.contains("flow") {
            // A flow collection left open runs into the next lines, where the
            // scanner stumbles; the mistake is the missing closing bracket.
            let opener = self.open.iter().rev().find_map(|s| {
                match self.text.get(s.offset as usize..)?.chars().next()? {
                    '[' => Some((*s, "sequence '['", ']')),
                    '{' => Some((*s, "mapping '{'", '}')),
                    _ => None,
                }
            });
            if let Some((open, what, close)) = opener {
                return Error {
                    span: open,
                    message: format!(
                        "invalid YAML: the flow {what} is not closed with '{close}' (the scanner stopped at line {}, column {}: {info})",
                        span.line, span.column
                    ),
                };
            }
        }
        Error {
            span,
            message: format!("invalid YAML: {info}"),
        }
    }

    /// The first non-empty document of the stream; a second one is an error,
    /// since a loader cannot guess which of two specs was meant.
    fn stream(&mut self) -> Result<Option<Node>, Error> {
        let mut found: Option<Node> = None;
        loop {
            let (ev, span) = self.next()?;
            match ev {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::StreamEnd => return Ok(found),
                Event::DocumentStart => {
                    self.anchors.clear();
                    self.alias_nodes = 0;
                    let (ev, span) = self.next()?;
                    // An empty document (`---` with nothing after it) is
                    // reported as an empty plain scalar.
                    if matches!(&ev, Event::Scalar(t, TScalarStyle::Plain, _, None) if t.is_empty())
                    {
                        continue;
                    }
                    let node = self.node(ev, span, self.base.depth)?;
                    if let Some(first) = &found {
                        return Err(Error {
                            span: node.span,
                            message: format!(
                                "a second YAML document starts here; only one is expected (the first starts at line {})",
                                first.span.line
                            ),
                        });
                    }
                    found = Some(node);
                }
                other => {
                    return Err(Error {
                        span,
                        message: format!("unexpected YAML event {other:?}"),
                    })
                }
            }
        }
    }

    fn node(&mut self, ev: Event, span: Span, depth: usize) -> Result<Node, Error> {
        if depth > MAX_DEPTH {
            return Err(Error {
                span,
                message: format!("YAML nested deeper than {MAX_DEPTH} levels"),
            });
        }
        let (node, anchor) = match ev {
            Event::Scalar(text, style, anchor, tag) => {
                (self.scalar(text, style, tag.as_ref(), span)?, anchor)
            }
            Event::SequenceStart(anchor, _) => {
                self.open.push(span);
                let mut items = Vec::new();
                loop {
                    let (ev, item_span) = self.next()?;
                    if ev == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(ev, item_span, depth + 1)?);
                }
                self.open.pop();
                (Node::new(Value::Array(items), span), anchor)
            }
            Event::MappingStart(anchor, _) => {
                self.open.push(span);
                let mapping = self.mapping(span, depth)?;
                self.open.pop();
                (mapping, anchor)
            }
            Event::Alias(id) => {
                let Some((target, size)) = self.anchors.get(&id) else {
                    return Err(Error {
                        span,
                        message: "alias to an unknown anchor".into(),
                    });
                };
                self.alias_nodes += size;
                if self.alias_nodes > MAX_ALIAS_NODES {
                    return Err(Error {
                        span,
                        message: format!(
                            "aliases expand to more than {MAX_ALIAS_NODES} nodes; refusing to expand further"
                        ),
                    });
                }
                let mut node = target.clone();
                node.span = span;
                return Ok(node);
            }
            other => {
                return Err(Error {
                    span,
                    message: format!("unexpected YAML event {other:?}"),
                })
            }
        };
        if anchor != 0 {
            let size = count_nodes(&node);
            self.anchors.insert(anchor, (node.clone(), size));
        }
        Ok(node)
    }

    fn mapping(&mut self, start: Span, depth: usize) -> Result<Node, Error> {
        let mut entries: Vec<(Key, Node)> = Vec::new();
        let mut merges: Vec<Node> = Vec::new();
        let mut span = start;
        loop {
            let (ev, key_span) = self.next()?;
            if ev == Event::MappingEnd {
                break;
            }
            // Block mappings report their start one column after the first key.
            if entries.is_empty() && merges.is_empty() && key_span.offset < span.offset {
                span = key_span;
            }
            let name = match ev {
                Event::Scalar(text, ..) => text,
                Event::Alias(_) => {
                    // An aliased key must still be a scalar.
                    let node = self.node(ev, key_span, depth + 1)?;
                    match node.value {
                        Value::String(s) => s,
                        Value::Number(n) => n.to_string(),
                        Value::Bool(b) => b.to_string(),
                        _ => return Err(non_scalar_key(key_span)),
                    }
                }
                _ => return Err(non_scalar_key(key_span)),
            };
            let (ev, value_span) = self.next()?;
            let value = self.node(ev, value_span, depth + 1)?;
            if name == "<<" {
                // YAML 1.1 merge key, common in hand-written specs with anchors.
                merges.push(value);
                continue;
            }
            if let Some((first, _)) = entries.iter().find(|(k, _)| k.name == name) {
                return Err(Error {
                    span: key_span,
                    message: format!(
                        "duplicate key \"{name}\" (first defined at line {}, column {})",
                        first.span.line, first.span.column
                    ),
                });
            }
            entries.push((
                Key {
                    name,
                    span: key_span,
                },
                value,
            ));
        }
        for merge in merges {
            let sources: Vec<Node> = match merge.value {
                Value::Array(items) => items,
                _ => vec![merge],
            };
            for source in sources {
                let Value::Object(source_entries) = source.value else {
                    return Err(Error {
                        span: source.span,
                        message: "a merge key (<<) must be given a mapping or a list of mappings"
                            .into(),
                    });
                };
                for (k, v) in source_entries {
                    if !entries.iter().any(|(e, _)| e.name == k.name) {
                        entries.push((k, v));
                    }
                }
            }
        }
        Ok(Node::new(Value::Object(entries), span))
    }

    fn scalar(
        &self,
        text: String,
        style: TScalarStyle,
        tag: Option<&Tag>,
        span: Span,
    ) -> Result<Node, Error> {
        let core_tag = tag
            .filter(|t| t.handle == "tag:yaml.org,2002:" || t.handle == "!!")
            .map(|t| t.suffix.as_str());
        let value = match core_tag {
            Some("str") => Value::String(text),
            Some("null") => Value::Null,
            Some("bool") => match text.as_str() {
                "true" | "True" | "TRUE" => Value::Bool(true),
                "false" | "False" | "FALSE" => Value::Bool(false),
                _ => return Err(bad_tagged(span, &text, "bool")),
            },
            Some(t @ ("int" | "float")) => match resolve_plain(&text) {
                Value::Number(n) => Value::Number(n),
                _ => return Err(bad_tagged(span, &text, t)),
            },
            _ if style == TScalarStyle::Plain => resolve_plain(&text),
            _ => Value::String(text),
        };
        Ok(Node::new(value, span))
    }
}

fn non_scalar_key(span: Span) -> Error {
    Error {
        span,
        message: "mapping keys must be scalars".into(),
    }
}

fn bad_tagged(span: Span, text: &str, tag: &str) -> Error {
    Error {
        span,
        message: format!("\"{text}\" is not a valid !!{tag}"),
    }
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(entries) => entries.iter().map(|(_, v)| count_nodes(v)).sum(),
        _ => 0,
    }
}

/// Types a plain scalar by the YAML 1.2 core schema.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Number(Number::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Number(Number::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Value::Number(Number::Float(f64::NAN)),
        _ => {}
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            if let Ok(i) = i64::from_str_radix(hex, 16) {
                return Value::Number(Number::Int(i));
            }
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if !oct.is_empty() && oct.chars().all(|c| matches!(c, '0'..='7')) {
            if let Ok(i) = i64::from_str_radix(oct, 8) {
                return Value::Number(Number::Int(i));
            }
        }
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return match text.parse::<i64>() {
            Ok(i) => Value::Number(Number::Int(i)),
            // Too big for i64: still a number, with the precision f64 has.
            Err(_) => text
                .parse::<f64>()
                .map(|f| Value::Number(Number::Float(f)))
                .unwrap_or_else(|_| Value::String(text.to_string())),
        };
    }
    if is_core_float(digits) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Number(Number::Float(f));
        }
    }
    Value::String(text.to_string())
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (sign already stripped).
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => all_digits(int) && all_digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && all_digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}
