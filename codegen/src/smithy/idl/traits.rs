//! Trait applications (`@id`, `@id(value)`, `@id(k: v)`), documentation
//! comments as traits, and `apply` statements.

use super::lexer::{DocComment, TokenKind};
use super::parser::{PResult, Parser};
use crate::node::{Node, Value};
use crate::smithy::ast::{RawApply, RawRef, RawTrait};

pub(super) const DOCUMENTATION: &str = "smithy.api#documentation";

/// The `smithy.api#documentation` trait a `///` comment stands for.
pub(super) fn documentation_trait(docs: DocComment) -> RawTrait {
    RawTrait {
        id: RawRef::new(DOCUMENTATION, docs.span),
        value: Node::string(docs.text, docs.span),
        annotation: false,
        span: docs.span,
    }
}

impl Parser<'_> {
    /// The documentation comment before the current token (if any) and the
    /// traits that follow it: everything written before a shape or member.
    pub fn docs_and_traits(&mut self) -> PResult<Vec<RawTrait>> {
        let mut traits: Vec<RawTrait> = self
            .take_docs()
            .map(documentation_trait)
            .into_iter()
            .collect();
        while self.is_symbol('@') {
            traits.push(self.trait_application()?);
        }
        Ok(traits)
    }

    /// `@ShapeId` with an optional body written directly after the id.
    pub fn trait_application(&mut self) -> PResult<RawTrait> {
        let at = self.expect_symbol('@', "to start a trait")?.span;
        if !self.adjacent() {
            return Err(self.unexpected("a trait shape id directly after '@'"));
        }
        let (id, id_span) = self.expect_shape_id("a trait shape id after '@'", false)?;
        let id_ref = RawRef::new(id, id_span);
        if !(self.is_symbol('(') && self.adjacent()) {
            return Ok(RawTrait {
                id: id_ref,
                value: Node::empty_object(at),
                annotation: true,
                span: at,
            });
        }
        let open = self.bump().span;
        let structure_form = matches!(self.peek().kind, TokenKind::Word(_) | TokenKind::Str(_))
            && self.peek_nth(1).kind == TokenKind::Symbol(':');
        let value = if self.is_symbol(')') {
            self.bump();
            Node::empty_object(open)
        } else if structure_form {
            let entries = self.object_entries(')', open, "trait value")?;
            Node::new(Value::Object(entries), open)
        } else {
            let value = self.node_value()?;
            let context = format!("to close the value of trait '{}'", id_ref.text);
            self.expect_symbol(')', &context)?;
            value
        };
        Ok(RawTrait {
            id: id_ref,
            value,
            annotation: false,
            span: at,
        })
    }

    /// `apply Target @trait` or `apply Target { @a @b }`.
    pub fn apply_statement(&mut self) -> PResult<RawApply> {
        let span = self.bump().span;
        self.require_same_line("a shape id after 'apply'")?;
        let (target, target_span) = self.expect_shape_id("a shape id after 'apply'", true)?;
        let target = RawRef::new(target, target_span);
        let context = format!("a trait or '{{' after 'apply {}'", target.text);
        self.require_same_line(&context)?;
        let traits = if self.is_symbol('{') {
            self.bump();
            let mut traits = Vec::new();
            while self.is_symbol('@') {
                traits.push(self.trait_application()?);
            }
            let context = format!("or a trait in the body of 'apply {}'", target.text);
            self.expect_symbol('}', &context)?;
            traits
        } else if self.is_symbol('@') {
            vec![self.trait_application()?]
        } else {
            return Err(self.unexpected(&context));
        };
        self.expect_line_break("an apply statement")?;
        Ok(RawApply {
            target,
            traits,
            span,
        })
    }
}
