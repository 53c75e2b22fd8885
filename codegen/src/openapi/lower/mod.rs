//! `openapiv3::OpenAPI` → the semantic model.
//!
//! The typed document says what things are; the node tree it was read from
//! says where they were written. Every shape and member is located by
//! looking its JSON pointer up in the tree ([`Lowerer::span`]).
//!
//! Submodules: [`names`] (identifiers and collisions), [`operations`]
//! (service, operations, inputs, outputs, errors), [`schemas`] (schemas →
//! shapes).

mod names;
mod operations;
mod schemas;
pub(crate) mod service;

use super::tree::escape;
use super::DocOperation;
use crate::diag::Diagnostics;
use crate::model::{is_namespace, Model, Shape, ShapeId, Traits};
use crate::node::{Node, Value};
use crate::source::Span;
use names::Names;
use openapiv3::{Components, OpenAPI, ReferenceOr};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::HashMap;

/// Longest chain of `$ref`s to `$ref`s followed before giving up.
const MAX_REF_CHAIN: usize = 16;

pub struct Lowered {
    pub model: Model,
    pub service: ShapeId,
    pub operations: Vec<DocOperation>,
}

pub fn lower(
    api: &OpenAPI,
    tree: &Node,
    namespace: Option<&str>,
    diags: &mut Diagnostics,
) -> Lowered {
    let namespace = match namespace {
        Some(ns) if is_namespace(ns) => ns.to_string(),
        Some(ns) => {
            diags.error(
                "openapi-namespace",
                tree.span,
                format!("\"{ns}\" is not a valid Smithy namespace; one is derived from the title"),
            );
            names::namespace_from_title(&api.info.title)
        }
        None => names::namespace_from_title(&api.info.title),
    };
    let mut l = Lowerer {
        api,
        root: tree,
        namespace,
        model: Model::default(),
        names: Names::default(),
        components: HashMap::new(),
        cache: HashMap::new(),
        error_shapes: HashMap::new(),
        diags,
        entries: EntryIndex::default(),
    };
    // Operations name first: they are the API's surface, and what a Smithy
    // model is merged by. Schemas that collide are the ones suffixed.
    let plans = l.plan_operations();
    l.allocate_components();
    let service = l.service_id();
    let operations = l.lower_operations(&service, plans);
    l.lower_components();
    Lowered {
        model: l.model,
        service,
        operations,
    }
}

/// A member's target and the traits the member carries for it (constraints
/// of an inline primitive schema, which has no shape of its own).
#[derive(Clone, Debug)]
struct Target {
    id: ShapeId,
    traits: Traits,
}

impl Target {
    fn plain(id: ShapeId) -> Self {
        Target {
            id,
            traits: Traits::new(),
        }
    }
}

struct Lowerer<'a> {
    api: &'a OpenAPI,
    root: &'a Node,
    namespace: String,
    model: Model,
    /// Shape names taken in the namespace.
    names: Names,
    /// `components/schemas` names → their shape ids (aliases excluded).
    components: HashMap<String, ShapeId>,
    /// Schemas already lowered, by JSON pointer: a schema reached twice
    /// (through `allOf`, or two `$ref`s to a nested schema) yields one shape.
    cache: HashMap<String, Target>,
    /// Error shapes made for shared `components/responses`, by name and code.
    error_shapes: HashMap<(String, String), ShapeId>,
    diags: &'a mut Diagnostics,
    /// Key lookup in the tree's large objects (`paths`, `components/schemas`).
    entries: EntryIndex<'a>,
}

/// Finds an object's entry by key: a linear search in small objects, a hash
/// index built on first use in large ones. Every shape and member is located
/// through `paths` or `components/schemas`, and searching Stripe's thousands
/// of schemas linearly was a tenth of its lowering.
#[derive(Default)]
struct EntryIndex<'a> {
    large: std::cell::RefCell<HashMap<*const Node, HashMap<&'a str, usize>>>,
}

impl<'a> EntryIndex<'a> {
    /// Objects up to this many entries are searched linearly.
    const LINEAR: usize = 32;

    fn find(
        &self,
        object: &'a Node,
        entries: &'a [(crate::node::Key, Node)],
        key: &str,
    ) -> Option<&'a (crate::node::Key, Node)> {
        if entries.len() <= Self::LINEAR {
            return entries.iter().find(|(k, _)| k.name == key);
        }
        let mut large = self.large.borrow_mut();
        let index = large.entry(object as *const Node).or_insert_with(|| {
            let mut index = HashMap::with_capacity(entries.len());
            for (i, (k, _)) in entries.iter().enumerate() {
                // The first of duplicate keys, as the linear search finds.
                index.entry(k.name.as_str()).or_insert(i);
            }
            index
        });
        index.get(key).map(|&i| &entries[i])
    }
}

impl<'a> Lowerer<'a> {
    fn id(&self, name: &str) -> ShapeId {
        ShapeId::new(self.namespace.clone(), name)
    }

    /// Takes a shape name in the namespace.
    fn allocate(&mut self, wanted: &str, span: Span, what: &str) -> ShapeId {
        let name = self.names.allocate(wanted, span, what, self.diags);
        self.id(&name)
    }

    fn insert(&mut self, shape: Shape) {
        self.model.shapes.insert(shape.id.clone(), shape);
    }

    /// Where the thing at a JSON pointer is written: the key it is written
    /// under when it is an object entry, else the value; the closest existing
    /// ancestor when the pointer leads nowhere.
    fn span(&self, pointer: &str) -> Span {
        let mut node = self.root;
        let mut key_span: Option<Span> = None;
        for raw in pointer.split('/').skip(1) {
            let part = crate::node::unescape_pointer_part(raw);
            let next = match &node.value {
                Value::Object(entries) => self
                    .entries
                    .find(node, entries, &part)
                    .map(|(k, v)| (Some(k.span), v)),
                Value::Array(items) => part
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|v| (None, v)),
                _ => None,
            };
            match next {
                Some((k, v)) => {
                    key_span = k;
                    node = v;
                }
                None => return key_span.unwrap_or(node.span),
            }
        }
        key_span.unwrap_or(node.span)
    }

    /// The node at a JSON pointer, as [`Node::pointer`] finds it, through
    /// the entry index.
    fn node_at(&self, pointer: &str) -> Option<&'a Node> {
        let mut node: &'a Node = self.root;
        if pointer.is_empty() {
            return Some(node);
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let part = crate::node::unescape_pointer_part(raw);
            node = match &node.value {
                Value::Object(entries) => &self.entries.find(node, entries, &part)?.1,
                Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The span of the value (not the key) at a pointer.
    fn value_span(&self, pointer: &str) -> Span {
        self.node_at(pointer)
            .map(|n| n.span)
            .unwrap_or_else(|| self.span(pointer))
    }

    /// Resolves a `$ref` to an item of type `T`, following chains. Returns
    /// the item and the pointer it was found at. `at` is the pointer of the
    /// object holding the `$ref`, for errors. A component (the common case)
    /// is borrowed from the typed document; any other pointer is read from
    /// the node tree, an owned copy.
    fn resolve<T: Component>(&mut self, reference: &str, at: &str) -> Option<(Cow<'a, T>, String)> {
        let api: &'a OpenAPI = self.api;
        let mut reference = reference.to_string();
        for _ in 0..MAX_REF_CHAIN {
            let Some(pointer) = reference.strip_prefix('#') else {
                self.diags.warning(
                    "openapi-unsupported",
                    self.value_span(&format!("{at}/$ref")),
                    format!("external $ref \"{reference}\" is not supported"),
                );
                return None;
            };
            let component = pointer
                .strip_prefix(T::PREFIX)
                .filter(|name| !name.contains('/'))
                .and_then(|name| {
                    let name = name.replace("~1", "/").replace("~0", "~");
                    T::component(api.components.as_ref()?, &name)
                });
            match component {
                Some(ReferenceOr::Item(item)) => {
                    return Some((Cow::Borrowed(item), pointer.to_string()))
                }
                Some(ReferenceOr::Reference { reference: next }) => {
                    reference = next.clone();
                    continue;
                }
                None => {}
            }
            let Some(node) = self.node_at(pointer) else {
                self.diags.error(
                    "openapi-ref",
                    self.value_span(&format!("{at}/$ref")),
                    format!("$ref \"{reference}\" does not resolve: nothing is defined there"),
                );
                return None;
            };
            match serde_json::from_value::<ReferenceOr<T>>(node.to_json()) {
                Ok(ReferenceOr::Item(item)) => {
                    return Some((Cow::Owned(item), pointer.to_string()))
                }
                Ok(ReferenceOr::Reference { reference: next }) => reference = next,
                Err(e) => {
                    self.diags.error(
                        "openapi-ref",
                        node.span,
                        format!("$ref \"{reference}\" points at something of the wrong kind: {e}"),
                    );
                    return None;
                }
            }
        }
        self.diags.error(
            "openapi-ref",
            self.value_span(&format!("{at}/$ref")),
            format!("$ref \"{reference}\" starts a chain of $refs that does not end"),
        );
        None
    }

    /// An inline item (borrowed), or the one a `$ref` leads to, with its
    /// pointer.
    fn item<'s, T: Component>(
        &mut self,
        r: &'s ReferenceOr<T>,
        pointer: &str,
    ) -> Option<(Cow<'s, T>, String)>
    where
        'a: 's,
    {
        match r {
            ReferenceOr::Item(item) => Some((Cow::Borrowed(item), pointer.to_string())),
            ReferenceOr::Reference { reference } => self.resolve(reference, pointer),
        }
    }

    /// A located warning for a construct apigen does not model.
    fn unsupported(&mut self, pointer: &str, feature: &str) {
        self.diags.warning(
            "openapi-unsupported",
            self.span(pointer),
            format!("{feature} are not supported; ignored"),
        );
    }

    /// An unsupported feature that is not simply ignored: `message` says
    /// what is generated instead.
    fn unsupported_as(&mut self, pointer: &str, message: &str) {
        self.diags.warning(
            "openapi-unsupported",
            self.span(pointer),
            message.to_string(),
        );
    }
}

/// What a `$ref` can lead to, and where the document's components of that
/// kind are (`#/components/schemas/…`): those are resolved by borrowing
/// from the typed document instead of being read again from the node tree.
trait Component: DeserializeOwned + Clone + 'static {
    const PREFIX: &'static str;
    fn component<'c>(c: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>>;
}

macro_rules! component {
    ($t:ty, $prefix:literal, $field:ident) => {
        impl Component for $t {
            const PREFIX: &'static str = $prefix;
            fn component<'c>(c: &'c Components, name: &str) -> Option<&'c ReferenceOr<Self>> {
                c.$field.get(name)
            }
        }
    };
}

component!(openapiv3::Schema, "/components/schemas/", schemas);
component!(openapiv3::Parameter, "/components/parameters/", parameters);
component!(openapiv3::Response, "/components/responses/", responses);
component!(
    openapiv3::RequestBody,
    "/components/requestBodies/",
    request_bodies
);
component!(openapiv3::Header, "/components/headers/", headers);

/// OpenAPI 3.0 has no path item components: a path item `$ref` is read from
/// the node tree.
impl Component for openapiv3::PathItem {
    const PREFIX: &'static str = "/components/pathItems/";
    fn component<'c>(_: &'c Components, _: &str) -> Option<&'c ReferenceOr<Self>> {
        None
    }
}

/// A pointer one level down.
fn child(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape(segment))
}

fn string_node(s: &str, span: Span) -> Node {
    Node::string(s, span)
}
