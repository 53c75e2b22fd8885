//! The parsed, unresolved form of one Smithy model file. The IDL parser and
//! the JSON AST reader both produce it; [`super::assemble`] resolves names,
//! mixins, target elision and `apply` statements across all files and builds
//! the semantic [`crate::model::Model`].

use crate::model::ShapeKind;
use crate::node::Node;
use crate::source::{FileId, Span};

/// The Smithy IDL / JSON AST version a file declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SmithyVersion {
    V1,
    V2,
}

/// A shape reference as written: relative (`String`, `Foo$bar`) in the IDL,
/// absolute (`ns#Foo`) in the JSON AST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRef {
    pub text: String,
    pub span: Span,
}

impl RawRef {
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        RawRef {
            text: text.into(),
            span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawTrait {
    /// Trait shape id as written (relative names resolve like shape targets).
    pub id: RawRef,
    /// The trait value; annotation traits (`@required`) carry an empty object.
    /// In the IDL, an annotation trait written without parentheses has
    /// `annotation: true` so the assembler can coerce it to `[]`/`{}` by the
    /// trait's definition, as Smithy does.
    pub value: Node,
    pub annotation: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawMember {
    pub name: String,
    /// `None` when the target was elided (`$name`) and must come from a mixin
    /// or the resource named by `for`.
    pub target: Option<RawRef>,
    pub traits: Vec<RawTrait>,
    /// `= value` in the IDL, the same as a `@default` trait.
    pub default: Option<Node>,
    pub span: Span,
}

/// Service / resource / operation properties as written.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RawProps {
    pub version: Option<Node>,
    pub operations: Vec<RawRef>,
    pub resources: Vec<RawRef>,
    pub errors: Vec<RawRef>,
    pub rename: Vec<(RawRef, String)>,
    pub input: Option<RawRef>,
    pub output: Option<RawRef>,
    pub identifiers: Vec<(String, RawRef)>,
    pub properties: Vec<(String, RawRef)>,
    pub create: Option<RawRef>,
    pub put: Option<RawRef>,
    pub read: Option<RawRef>,
    pub update: Option<RawRef>,
    pub delete: Option<RawRef>,
    pub list: Option<RawRef>,
    pub collection_operations: Vec<RawRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawShape {
    /// The shape's name: a bare identifier in the IDL (the file's namespace
    /// applies), an absolute id in the JSON AST.
    pub name: String,
    pub kind: ShapeKind,
    /// Written as `set` (Smithy 1.0): becomes a list with `@uniqueItems`.
    pub was_set: bool,
    pub traits: Vec<RawTrait>,
    pub mixins: Vec<RawRef>,
    /// `for Resource`: the resource whose identifiers/properties elided members may name.
    pub for_resource: Option<RawRef>,
    pub members: Vec<RawMember>,
    pub props: RawProps,
    /// Span of the shape's name.
    pub span: Span,
}

/// `apply Target @trait` / `apply Target { @a @b }`.
#[derive(Clone, Debug, PartialEq)]
pub struct RawApply {
    pub target: RawRef,
    pub traits: Vec<RawTrait>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RawFile {
    pub file: FileId,
    pub version: SmithyVersion,
    /// `None` for JSON AST files, whose ids are all absolute.
    pub namespace: Option<String>,
    /// `use` statements: absolute ids.
    pub uses: Vec<RawRef>,
    pub metadata: Vec<(String, Node, Span)>,
    pub shapes: Vec<RawShape>,
    pub applies: Vec<RawApply>,
    /// Byte offsets of the unquoted strings in node values (IDL only):
    /// syntactic shape ids, resolved like any other reference.
    pub syntactic_ids: std::collections::HashSet<u32>,
}
