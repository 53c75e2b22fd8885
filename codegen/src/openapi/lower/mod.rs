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
    let mut l = Lowerer::new(api, tree, namespace, diags);
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
    /// The previous pointer walk, resumed by the next ([`Lowerer::walk`]).
    last_walk: std::cell::RefCell<LastWalk<'a>>,
}

/// A pointer walked, and the node reached after each of its parts.
struct LastWalk<'a> {
    pointer: String,
    /// The root first; `end` is where each part ends in `pointer`.
    steps: Vec<Step<'a>>,
}

#[derive(Clone, Copy)]
struct Step<'a> {
    end: usize,
    node: &'a Node,
    /// The span of the key the node is written under (none for the root
    /// and array items).
    key_span: Option<Span>,
    /// Whether the whole pointer was followed.
    complete: bool,
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
    fn new(
        api: &'a OpenAPI,
        root: &'a Node,
        namespace: String,
        diags: &'a mut Diagnostics,
    ) -> Self {
        Lowerer {
            api,
            root,
            namespace,
            model: Model::default(),
            names: Names::default(),
            components: HashMap::new(),
            cache: HashMap::new(),
            error_shapes: HashMap::new(),
            diags,
            entries: EntryIndex::default(),
            last_walk: std::cell::RefCell::new(LastWalk {
                pointer: String::new(),
                steps: vec![Step {
                    end: 0,
                    node: root,
                    key_span: None,
                    complete: true,
                }],
            }),
        }
    }

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
        let walk = self.walk(pointer);
        walk.key_span.unwrap_or(walk.node.span)
    }

    /// The node at a JSON pointer, as [`Node::pointer`] finds it, through
    /// the entry index.
    fn node_at(&self, pointer: &str) -> Option<&'a Node> {
        if pointer.is_empty() {
            return Some(self.root);
        }
        if !pointer.starts_with('/') {
            return None;
        }
        let walk = self.walk(pointer);
        walk.complete.then_some(walk.node)
    }

    /// Follows a pointer from the root as far as it leads. Consecutive
    /// lookups share most of their path (a schema, then each of its
    /// properties), so the walk resumes from the deepest step of the
    /// previous one that is a prefix of this pointer: resolving every
    /// pointer from the root was a fifth of Stripe's lowering.
    fn walk(&self, pointer: &str) -> Step<'a> {
        let mut last = self.last_walk.borrow_mut();
        let LastWalk {
            pointer: previous,
            steps,
        } = &mut *last;
        let common = previous
            .bytes()
            .zip(pointer.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // Steps end where a part ends; the one kept must end at a part
        // boundary of this pointer too.
        let keep = steps
            .iter()
            .rposition(|s| {
                s.end <= common && matches!(pointer.as_bytes().get(s.end), None | Some(b'/'))
            })
            .unwrap_or(0);
        steps.truncate(keep + 1);
        let mut step = steps[keep];
        // `split('/').skip(1)`: a pointer's parts follow its first `/`.
        let rest = &pointer[step.end..];
        let mut offset = step.end;
        for (i, raw) in rest.split('/').enumerate() {
            if i == 0 {
                // What precedes the first `/` (nothing for a pointer that
                // starts with one, or the already-walked prefix).
                offset += raw.len();
                continue;
            }
            offset += 1 + raw.len();
            let part = crate::node::unescape_pointer_part(raw);
            let next = match &step.node.value {
                Value::Object(entries) => self
                    .entries
                    .find(step.node, entries, &part)
                    .map(|(k, v)| (Some(k.span), v)),
                Value::Array(items) => part
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|v| (None, v)),
                _ => None,
            };
            let Some((key_span, node)) = next else {
                previous.clear();
                previous.push_str(pointer);
                return Step {
                    complete: false,
                    ..step
                };
            };
            step = Step {
                end: offset,
                node,
                key_span,
                complete: true,
            };
            steps.push(step);
        }
        previous.clear();
        previous.push_str(pointer);
        step
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Pointer walks resume from the previous one: every answer must be the
    /// one a walk from the root gives, whatever came before (siblings whose
    /// names extend each other, array items, dead ends, `~` escapes).
    #[test]
    fn resumed_walks_answer_as_walks_from_the_root() {
        let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a/{b}:\n    get:\n      parameters:\n        - {name: b, in: path, required: true, schema: {type: string}}\n        - {name: bc, in: query, schema: {type: string}}\n      responses: {'200': {description: ok}}\n  /a:\n    get: {responses: {'200': {description: ok}}}\ncomponents:\n  schemas:\n    P: {type: object, properties: {ab: {type: string}, a: {type: integer}}}\n";
        let mut sources = crate::source::SourceMap::new();
        let file = sources.add("t.yaml", text);
        let mut diags = Diagnostics::new();
        let root = super::super::detect::parse_text(file, text, &mut diags).expect("parses");
        let api = super::super::typed::deserialize(&root, &mut diags).expect("typed");
        let pointers = [
            "/paths/~1a~1{b}/get/parameters/1/name",
            "/paths/~1a~1{b}/get/parameters/1",
            "/paths/~1a~1{b}/get/parameters/0/in",
            "/paths/~1a/get/responses",
            "/paths/~1a~1{b}/get/responses/200",
            "/components/schemas/P/properties/ab",
            "/components/schemas/P/properties/a",
            "/components/schemas/P/properties/ab/type",
            "/components/schemas/P/properties/missing/type",
            "/components/schemas/P/properties/a/type",
            "/components/schemas/P/properties",
            "/paths/~1a~1{b}/get/parameters/7",
            "/paths/~1a~1{b}/get/parameters/0",
            "",
            "/",
            "/components/schemas/P",
            "components/schemas",
        ];
        let mut scratch = Diagnostics::new();
        let resumed = Lowerer::new(&api, &root, "t".into(), &mut scratch);
        for pointer in pointers {
            let mut fresh_diags = Diagnostics::new();
            let fresh = Lowerer::new(&api, &root, "t".into(), &mut fresh_diags);
            assert_eq!(
                resumed.span(pointer),
                fresh.span(pointer),
                "span of {pointer:?}"
            );
            assert_eq!(
                resumed.node_at(pointer).map(|n| n as *const Node),
                root.pointer(pointer).map(|n| n as *const Node),
                "node at {pointer:?}"
            );
        }
        // The fresh walks themselves locate keys: a property's span is its key's.
        let mut fresh_diags = Diagnostics::new();
        let fresh = Lowerer::new(&api, &root, "t".into(), &mut fresh_diags);
        let ab = fresh.span("/components/schemas/P/properties/ab");
        let a = fresh.span("/components/schemas/P/properties/a");
        assert_ne!(ab, a);
        assert_eq!(
            fresh.span("/components/schemas/P/properties/nothing"),
            fresh.span("/components/schemas/P/properties")
        );
    }
}
