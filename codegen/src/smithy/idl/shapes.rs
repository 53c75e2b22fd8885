//! Shape statements: the shape type and name, `for` and `with` clauses, and
//! the member bodies of enums, lists, maps, structures and unions.

use super::lexer::TokenKind;
use super::parser::{PResult, Parser};
use crate::model::ShapeKind;
use crate::smithy::ast::{RawMember, RawProps, RawRef, RawShape, RawTrait, SmithyVersion};
use crate::source::Span;

const ENUM_VALUE: &str = "smithy.api#enumValue";
const UNIT: &str = "smithy.api#Unit";

const SHAPE_TYPES: &str = "blob, boolean, string, byte, short, integer, long, float, double, \
    bigInteger, bigDecimal, timestamp, document, enum, intEnum, list, set, map, structure, \
    union, service, resource, operation";

impl Parser<'_> {
    /// One shape definition with its documentation and traits. Operations
    /// with inline input/output add those structures after themselves.
    pub fn shape_statement(&mut self, shapes: &mut Vec<RawShape>) -> PResult<()> {
        let traits = self.docs_and_traits()?;
        let (keyword, keyword_span) = match &self.peek().kind {
            TokenKind::Word(w) => (w.clone(), self.peek().span),
            _ if traits.is_empty() => return Err(self.unexpected("a shape definition")),
            _ => return Err(self.unexpected("a shape definition after its traits")),
        };
        if keyword == "apply" {
            return Err(self.error(
                "idl-syntax",
                keyword_span,
                "traits cannot be written before an apply statement; put them after the target",
            ));
        }
        let Some(kind) = ShapeKind::from_name(&keyword) else {
            return Err(self.error(
                "idl-unknown-shape-type",
                keyword_span,
                format!("unknown shape type '{keyword}'; expected one of {SHAPE_TYPES}"),
            ));
        };
        if matches!(kind, ShapeKind::Enum | ShapeKind::IntEnum) {
            self.require_v2(keyword_span, &format!("the '{keyword}' shape"))?;
        }
        let was_set = keyword == "set";
        if was_set && self.version == SmithyVersion::V2 {
            self.diags.warning(
                "idl-deprecated-set",
                keyword_span,
                "'set' is a Smithy 1.0 shape; in IDL 2.0 use a list with @uniqueItems",
            );
        }
        self.bump();
        let expected_name = format!("a shape name after '{keyword}'");
        self.require_same_line(&expected_name)?;
        let (name, span) = self.expect_identifier(&expected_name)?;
        let mut shape = RawShape {
            name,
            kind,
            was_set,
            traits,
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            props: RawProps::default(),
            span,
        };
        let mut inline_shapes = Vec::new();
        if kind == ShapeKind::Structure {
            self.for_resource(&mut shape, true)?;
        }
        self.mixins(&mut shape, true)?;
        match kind {
            ShapeKind::Enum | ShapeKind::IntEnum => self.enum_members(&mut shape)?,
            ShapeKind::List | ShapeKind::Map | ShapeKind::Structure | ShapeKind::Union => {
                self.members(&mut shape)?
            }
            ShapeKind::Service | ShapeKind::Resource => {
                self.service_or_resource_body(&mut shape)?
            }
            ShapeKind::Operation => inline_shapes = self.operation_body(&mut shape)?,
            _ => {}
        }
        let after = format!("the definition of {keyword} '{}'", shape.name);
        self.expect_line_break(&after)?;
        shapes.push(shape);
        shapes.extend(inline_shapes);
        Ok(())
    }

    /// `for Resource`; on the line of the structure's name unless the
    /// structure is inline (`input := ...`), where any whitespace may precede.
    pub fn for_resource(&mut self, shape: &mut RawShape, same_line: bool) -> PResult<()> {
        if !self.is_word("for") || (same_line && self.peek().newline_before) {
            return Ok(());
        }
        let span = self.bump().span;
        self.require_v2(span, "'for' (target elision from a resource)")?;
        self.require_same_line("a resource shape id after 'for'")?;
        let (id, id_span) = self.expect_shape_id("a resource shape id after 'for'", false)?;
        shape.for_resource = Some(RawRef::new(id, id_span));
        Ok(())
    }

    /// `with [A, B]`; on the line of the shape's name unless the shape is
    /// an inline structure.
    pub fn mixins(&mut self, shape: &mut RawShape, same_line: bool) -> PResult<()> {
        if !self.is_word("with") || (same_line && self.peek().newline_before) {
            return Ok(());
        }
        let span = self.bump().span;
        self.require_v2(span, "mixins ('with')")?;
        self.expect_symbol('[', "after 'with'")?;
        loop {
            match &self.peek().kind {
                TokenKind::Symbol(']') => {
                    self.bump();
                    return Ok(());
                }
                TokenKind::Word(_) => {
                    let (id, id_span) = self.expect_shape_id("a mixin shape id", false)?;
                    shape.mixins.push(RawRef::new(id, id_span));
                }
                _ => return Err(self.unexpected("a mixin shape id or ']'")),
            }
        }
    }

    /// `{ MEMBER [= value] ... }` of an enum or intEnum. Members target
    /// `smithy.api#Unit`; values become `@enumValue`.
    fn enum_members(&mut self, shape: &mut RawShape) -> PResult<()> {
        let context = format!(
            "to open the members of {} '{}'",
            shape.kind.name(),
            shape.name
        );
        let open = self.expect_symbol('{', &context)?.span;
        while !self.is_symbol('}') {
            self.check_unclosed(shape, open)?;
            let mut traits = self.docs_and_traits()?;
            let expected = if traits.is_empty() {
                "an enum member name or '}'"
            } else {
                "an enum member name after its traits"
            };
            let (name, span) = self.expect_identifier(expected)?;
            if self.is_symbol('=') && !self.peek().newline_before {
                let eq = self.bump().span;
                self.require_same_line(&format!("a value for enum member '{name}' after '='"))?;
                let value = self.node_value()?;
                self.expect_line_break(&format!("the value of enum member '{name}'"))?;
                traits.push(RawTrait {
                    id: RawRef::new(ENUM_VALUE, eq),
                    value,
                    annotation: false,
                    span: eq,
                });
            }
            let member = RawMember {
                name,
                target: Some(RawRef::new(UNIT, span)),
                traits,
                default: None,
                span,
            };
            self.add_member(shape, member);
        }
        self.bump();
        Ok(())
    }

    /// `{ ... }` of a list, map, structure or union (and of inline input and
    /// output structures).
    pub fn members(&mut self, shape: &mut RawShape) -> PResult<()> {
        let context = format!(
            "to open the members of {} '{}'",
            shape.kind.name(),
            shape.name
        );
        let open = self.expect_symbol('{', &context)?.span;
        while !self.is_symbol('}') {
            self.check_unclosed(shape, open)?;
            let member = self.member(shape)?;
            self.check_member_name(shape, &member);
            self.add_member(shape, member);
        }
        self.bump();
        Ok(())
    }

    /// At the end of the file inside a member list: says which body is
    /// left open, which "expected a member name" alone would not.
    fn check_unclosed(&mut self, shape: &RawShape, open: Span) -> PResult<()> {
        if !self.at_eof() {
            return Ok(());
        }
        Err(self.unexpected(&format!(
            "'}}' to close the members of {} '{}' opened at {}:{}",
            shape.kind.name(),
            shape.name,
            open.line,
            open.column
        )))
    }

    /// `name: Target [= default]` or `$name [= default]`, after its traits.
    fn member(&mut self, shape: &RawShape) -> PResult<RawMember> {
        let traits = self.docs_and_traits()?;
        let elided = self.is_symbol('$');
        if elided {
            let dollar = self.bump().span;
            self.require_v2(dollar, "target elision ('$name')")?;
            if !self.adjacent() {
                return Err(self.unexpected("a member name directly after '$'"));
            }
        }
        let expected = if elided {
            "a member name after '$'"
        } else if traits.is_empty() {
            "a member name or '}'"
        } else {
            "a member name after its traits"
        };
        let (name, span) = self.expect_identifier(expected)?;
        let target = if elided {
            None
        } else {
            self.expect_symbol_same_line(':', &format!("after member name '{name}'"))?;
            let expected = format!("a target shape id after '{name}:'");
            self.require_same_line(&expected)?;
            let (id, id_span) = self.expect_shape_id(&expected, false)?;
            Some(RawRef::new(id, id_span))
        };
        let default = if self.is_symbol('=') && !self.peek().newline_before {
            Some(self.default_value(shape, &name)?)
        } else {
            None
        };
        Ok(RawMember {
            name,
            target,
            traits,
            default,
            span,
        })
    }

    /// `= value` after a structure member.
    fn default_value(&mut self, shape: &RawShape, member: &str) -> PResult<crate::node::Node> {
        let eq = self.bump().span;
        self.require_v2(eq, "a member default value ('= value')")?;
        if shape.kind != ShapeKind::Structure {
            return Err(self.error(
                "idl-syntax",
                eq,
                format!(
                    "default values are only allowed on structure members, but '{}' is a {}",
                    shape.name,
                    shape.kind.name()
                ),
            ));
        }
        self.require_same_line(&format!("a default value for member '{member}' after '='"))?;
        let value = self.node_value()?;
        self.expect_line_break(&format!("the default value of member '{member}'"))?;
        Ok(value)
    }

    /// Lists have only `member`; maps only `key` and `value`.
    fn check_member_name(&mut self, shape: &RawShape, member: &RawMember) {
        let allowed: &[&str] = match shape.kind {
            ShapeKind::List => &["member"],
            ShapeKind::Map => &["key", "value"],
            _ => return,
        };
        if !allowed.contains(&member.name.as_str()) {
            let keyword = if shape.was_set {
                "set"
            } else {
                shape.kind.name()
            };
            self.diags.error(
                "idl-syntax",
                member.span,
                format!(
                    "{keyword} '{}' cannot have a member named '{}'; expected {}",
                    shape.name,
                    member.name,
                    allowed
                        .iter()
                        .map(|m| format!("'{m}'"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            );
        }
    }

    /// Adds a member unless one of that name exists (then reports it).
    fn add_member(&mut self, shape: &mut RawShape, member: RawMember) {
        if let Some(first) = shape.members.iter().find(|m| m.name == member.name) {
            let first: Span = first.span;
            self.diags.error(
                "idl-duplicate-member",
                member.span,
                format!(
                    "duplicate member '{}' in '{}' (first defined at {}:{})",
                    member.name, shape.name, first.line, first.column
                ),
            );
            return;
        }
        shape.members.push(member);
    }
}
