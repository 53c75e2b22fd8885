//! Node values: arrays, objects, numbers, keywords, strings and unquoted
//! shape ids (which are strings too).

use super::lexer::TokenKind;
use super::parser::{PResult, Parser};
use crate::model::is_identifier;
use crate::node::{Key, Node, Number, Value};
use crate::source::Span;

impl Parser<'_> {
    pub fn node_value(&mut self) -> PResult<Node> {
        match &self.peek().kind {
            TokenKind::Symbol('[') => self.node_array(),
            TokenKind::Symbol('{') => {
                let open = self.bump().span;
                let entries = self.object_entries('}', open, "object")?;
                Ok(Node::new(Value::Object(entries), open))
            }
            TokenKind::Number(_) | TokenKind::Word(_) | TokenKind::Str(_) => {
                let token = self.bump();
                let value = match token.kind {
                    TokenKind::Number(text) => Value::Number(number_value(&text)),
                    TokenKind::Word(w) => match w.as_str() {
                        "true" => Value::Bool(true),
                        "false" => Value::Bool(false),
                        "null" => Value::Null,
                        _ => {
                            self.syntactic_ids.insert(token.span.offset);
                            Value::String(w)
                        }
                    },
                    TokenKind::Str(s) => Value::String(s),
                    _ => Value::Null,
                };
                Ok(Node::new(value, token.span))
            }
            _ => Err(self.unexpected("a node value")),
        }
    }

    fn node_array(&mut self) -> PResult<Node> {
        let open = self.bump().span;
        self.enter(open)?;
        let mut items = Vec::new();
        loop {
            if self.is_symbol(']') {
                self.bump();
                break;
            }
            if self.at_eof() {
                return Err(self.unexpected(&format!(
                    "']' to close the array opened at {}:{}",
                    open.line, open.column
                )));
            }
            items.push(self.node_value()?);
        }
        self.leave();
        Ok(Node::new(Value::Array(items), open))
    }

    /// `key: value` pairs up to `close`, which is consumed. Used for `{...}`
    /// objects and for the structure form of trait values `@t(a: 1)`.
    pub fn object_entries(
        &mut self,
        close: char,
        open: Span,
        what: &str,
    ) -> PResult<Vec<(Key, Node)>> {
        self.enter(open)?;
        let mut entries: Vec<(Key, Node)> = Vec::new();
        loop {
            if self.is_symbol(close) {
                self.bump();
                break;
            }
            let key = match &self.peek().kind {
                TokenKind::Word(w) if is_identifier(w) => w.clone(),
                TokenKind::Str(s) => s.clone(),
                TokenKind::Eof => {
                    return Err(self.unexpected(&format!(
                        "'{close}' to close the {what} opened at {}:{}",
                        open.line, open.column
                    )))
                }
                _ => {
                    return Err(self.unexpected(&format!(
                        "an object key (identifier or quoted string) or '{close}'"
                    )))
                }
            };
            let key_span = self.bump().span;
            self.expect_symbol(':', &format!("after object key '{key}'"))?;
            let value = self.node_value()?;
            if let Some((first, _)) = entries.iter().find(|(k, _)| k.name == key) {
                let first = first.span;
                self.diags.error(
                    "idl-duplicate-key",
                    key_span,
                    format!(
                        "duplicate key '{key}' (first written at {}:{})",
                        first.line, first.column
                    ),
                );
                continue;
            }
            entries.push((
                Key {
                    name: key,
                    span: key_span,
                },
                value,
            ));
        }
        self.leave();
        Ok(entries)
    }
}

/// An integer when it is written as one and fits `i64`, else a float.
pub(super) fn number_value(text: &str) -> Number {
    let is_integer = !text.contains(['.', 'e', 'E']);
    if is_integer {
        if let Ok(i) = text.parse::<i64>() {
            return Number::Int(i);
        }
    }
    Number::Float(text.parse::<f64>().unwrap_or(f64::NAN))
}
