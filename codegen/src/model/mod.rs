//! The typed semantic model that every input format loads into.
//!
//! It follows Smithy's semantic model: shapes keyed by absolute id, members in
//! declaration order, traits as node values keyed by trait id. Mixins and
//! `apply` statements are already resolved. Typed views ([`ServiceInfo`],
//! [`OperationInfo`], the accessors in [`traits`]) read the traits that code
//! generation and diffing care about.

mod graph;
mod shape_id;
mod shape_index;
mod trait_map;
pub mod traits;
mod views;

pub use graph::{AggregateComponents, MemberGraph};
pub use shape_id::{is_identifier, is_namespace, ShapeId, PRELUDE_NAMESPACE};
pub use shape_index::{ShapeIndex, WordHashMap, WordHashSet};
pub use trait_map::Traits;
pub use views::*;

use crate::node::Node;
use crate::source::Span;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShapeKind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    Enum,
    IntEnum,
    List,
    Map,
    Structure,
    Union,
    Service,
    Resource,
    Operation,
}

impl ShapeKind {
    /// The keyword used in the IDL and the JSON AST (`"type"`).
    pub fn name(self) -> &'static str {
        use ShapeKind::*;
        match self {
            Blob => "blob",
            Boolean => "boolean",
            String => "string",
            Byte => "byte",
            Short => "short",
            Integer => "integer",
            Long => "long",
            Float => "float",
            Double => "double",
            BigInteger => "bigInteger",
            BigDecimal => "bigDecimal",
            Timestamp => "timestamp",
            Document => "document",
            Enum => "enum",
            IntEnum => "intEnum",
            List => "list",
            Map => "map",
            Structure => "structure",
            Union => "union",
            Service => "service",
            Resource => "resource",
            Operation => "operation",
        }
    }

    /// Parses a shape type keyword. `set` is Smithy 1.0's list of unique items
    /// and is read as a list (the caller adds `@uniqueItems`).
    pub fn from_name(name: &str) -> Option<Self> {
        use ShapeKind::*;
        Some(match name {
            "blob" => Blob,
            "boolean" => Boolean,
            "string" => String,
            "byte" => Byte,
            "short" => Short,
            "integer" => Integer,
            "long" => Long,
            "float" => Float,
            "double" => Double,
            "bigInteger" => BigInteger,
            "bigDecimal" => BigDecimal,
            "timestamp" => Timestamp,
            "document" => Document,
            "enum" => Enum,
            "intEnum" => IntEnum,
            "list" | "set" => List,
            "map" => Map,
            "structure" => Structure,
            "union" => Union,
            "service" => Service,
            "resource" => Resource,
            "operation" => Operation,
            _ => return None,
        })
    }

    pub fn is_simple(self) -> bool {
        !self.is_aggregate() && !self.is_service_kind()
    }

    pub fn is_aggregate(self) -> bool {
        matches!(
            self,
            ShapeKind::List | ShapeKind::Map | ShapeKind::Structure | ShapeKind::Union
        )
    }

    pub fn is_service_kind(self) -> bool {
        matches!(
            self,
            ShapeKind::Service | ShapeKind::Resource | ShapeKind::Operation
        )
    }

    pub fn is_number(self) -> bool {
        use ShapeKind::*;
        matches!(
            self,
            Byte | Short | Integer | Long | Float | Double | BigInteger | BigDecimal | IntEnum
        )
    }

    /// Shapes that may carry members.
    pub fn has_members(self) -> bool {
        use ShapeKind::*;
        matches!(self, Enum | IntEnum | List | Map | Structure | Union)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
    pub span: Span,
}

/// Service, resource and operation properties; `None` for other shapes.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Props {
    #[default]
    None,
    Service(Box<ServiceProps>),
    Operation(OperationProps),
    Resource(Box<ResourceProps>),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ServiceProps {
    pub version: Option<String>,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    pub rename: BTreeMap<ShapeId, String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OperationProps {
    /// `smithy.api#Unit` when the operation takes no input.
    pub input: ShapeId,
    pub output: ShapeId,
    pub errors: Vec<ShapeId>,
}

impl Default for OperationProps {
    fn default() -> Self {
        OperationProps {
            input: ShapeId::prelude("Unit"),
            output: ShapeId::prelude("Unit"),
            errors: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct ResourceProps {
    pub identifiers: Vec<(String, ShapeId)>,
    pub properties: Vec<(String, ShapeId)>,
    pub create: Option<ShapeId>,
    pub put: Option<ShapeId>,
    pub read: Option<ShapeId>,
    pub update: Option<ShapeId>,
    pub delete: Option<ShapeId>,
    pub list: Option<ShapeId>,
    pub operations: Vec<ShapeId>,
    pub collection_operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

impl ResourceProps {
    /// Every operation the resource binds, lifecycle ones first.
    pub fn all_operations(&self) -> impl Iterator<Item = &ShapeId> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub kind: ShapeKind,
    pub traits: Traits,
    /// Members in declaration order (mixin members first, as Smithy orders them).
    pub members: Vec<Member>,
    /// Mixins the shape was declared with; their members and traits are already copied in.
    pub mixins: Vec<ShapeId>,
    pub props: Props,
    pub span: Span,
}

impl Shape {
    pub fn new(id: ShapeId, kind: ShapeKind, span: Span) -> Self {
        Shape {
            id,
            kind,
            traits: Traits::new(),
            members: Vec::new(),
            mixins: Vec::new(),
            props: Props::None,
            span,
        }
    }

    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    pub fn has_trait(&self, id: &ShapeId) -> bool {
        self.traits.contains_key(id)
    }

    pub fn service(&self) -> Option<&ServiceProps> {
        match &self.props {
            Props::Service(s) => Some(s),
            _ => None,
        }
    }

    pub fn operation(&self) -> Option<&OperationProps> {
        match &self.props {
            Props::Operation(o) => Some(o),
            _ => None,
        }
    }

    pub fn resource(&self) -> Option<&ResourceProps> {
        match &self.props {
            Props::Resource(r) => Some(r),
            _ => None,
        }
    }
}

/// A loaded, resolved model. Shapes are ordered by id, so every walk is
/// deterministic. Prelude shapes are included.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub shapes: BTreeMap<ShapeId, Shape>,
    pub metadata: BTreeMap<String, Node>,
}

impl Model {
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        // Most lookups are of shapes, not members: no copy of the id then.
        match id.member {
            None => self.shapes.get(id),
            Some(_) => self.shapes.get(&id.root()),
        }
    }

    /// The member a member id names.
    pub fn member(&self, id: &ShapeId) -> Option<&Member> {
        self.shape(id)?.member(id.member.as_deref()?)
    }

    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes
            .values()
            .filter(|s| s.kind == ShapeKind::Service)
    }

    /// Shapes outside the prelude and the built-in trait libraries.
    pub fn user_shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes
            .values()
            .filter(|s| !crate::smithy::builtin::is_builtin_namespace(&s.id.namespace))
    }
}

impl Model {
    /// Whether two models say the same thing, wherever they were read from:
    /// positions are ignored, everything else (shapes, members and their
    /// order, traits, properties, metadata) must match.
    pub fn same_as(&self, other: &Model) -> bool {
        fn strip(model: &Model) -> Model {
            let mut m = model.clone();
            for shape in m.shapes.values_mut() {
                shape.span = Span::default();
                for member in &mut shape.members {
                    member.span = Span::default();
                }
            }
            m
        }
        strip(self) == strip(other)
    }
}
