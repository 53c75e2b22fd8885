//! The OpenAPI 3.0 node tree → typed `openapiv3::OpenAPI`.
//!
//! openapiv3's errors carry no position, and serde's `flatten` (which
//! openapiv3 uses for extensions on nearly every object) hides the path
//! below the flattened struct. So on failure the tree is searched: each
//! known child (path item, operation, response, schema…) is deserialized on
//! its own, the deepest one that fails is the culprit, and serde_path_to_error
//! gives the rest of the path inside it. The error is reported at the
//! deepest node that exists on that path.

use crate::diag::Diagnostics;
use crate::node::{Key, Node, Value};
use openapiv3::{
    Components, Header, Info, MediaType, OpenAPI, Operation, Parameter, PathItem, Paths,
    ReferenceOr, RequestBody, Response, Responses, Schema, SecurityScheme,
};
use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

/// Deepest the search descends (schemas nest).
const MAX_SEARCH_DEPTH: usize = 64;

pub fn deserialize(tree: &Node, diags: &mut Diagnostics) -> Option<OpenAPI> {
    // Paths are tracked only to explain a failure: tracking them on every
    // document cost a third of this step on Stripe's.
    if let Some(api) = deserialize_in_parts(tree) {
        return Some(api);
    }
    match serde_path_to_error::deserialize::<_, OpenAPI>(tree.to_json()) {
        Ok(api) => Some(api),
        Err(top) => {
            let found = search(tree, Vec::new(), Kind::OpenApi, 0);
            let (segments, message) =
                found.unwrap_or_else(|| (path_segments(top.path()), top.inner().to_string()));
            let node = closest(tree, &segments);
            let message = if segments.is_empty() {
                message
            } else {
                format!("{}: {message}", segments.join("."))
            };
            diags.error("openapi-invalid", node.span, message);
            None
        }
    }
}

/// One part of the document, deserialized on its own.
enum Part<'a> {
    /// Everything but `paths` and `components` (they become `{}`).
    Rest,
    Components(&'a Node),
    /// A run of the `paths` object's entries.
    Paths(&'a [(Key, Node)]),
}

enum Deserialized {
    Rest(Box<OpenAPI>),
    Components(Box<Option<Components>>),
    Paths(Paths),
}

/// The whole document as `OpenAPI`, or `None` if any part of it fails
/// (the caller then locates the failure). `components` and two halves of
/// `paths` are nearly all of a large document and independent of each
/// other, so they are converted and deserialized side by side: Stripe's
/// spends 0.1 s here. The result is the same as deserializing the whole:
/// keys are distinct, and the halves' maps are joined in document order.
fn deserialize_in_parts(tree: &Node) -> Option<OpenAPI> {
    let Value::Object(entries) = &tree.value else {
        return serde_json::from_value(tree.to_json()).ok();
    };
    let components = tree.get("components");
    let paths = tree.get("paths").and_then(Node::as_object);
    let mut parts = Vec::new();
    parts.extend(components.map(Part::Components));
    if let Some(paths) = paths {
        let (first, second) = paths.split_at(paths.len() / 2);
        parts.extend([Part::Paths(first), Part::Paths(second)]);
    }
    parts.push(Part::Rest);
    let split_paths = paths.is_some();
    let done = crate::parallel::map_in_order(&parts, |part| match part {
        Part::Rest => {
            let rest = entries
                .iter()
                .map(|(k, v)| {
                    let value = match k.name.as_str() {
                        "components" => serde_json::Value::Object(Default::default()),
                        "paths" if split_paths => serde_json::Value::Object(Default::default()),
                        _ => v.to_json(),
                    };
                    (k.name.clone(), value)
                })
                .collect();
            serde_json::from_value(serde_json::Value::Object(rest))
                .ok()
                .map(|api| Deserialized::Rest(Box::new(api)))
        }
        Part::Components(node) => serde_json::from_value(node.to_json())
            .ok()
            .map(|c| Deserialized::Components(Box::new(c))),
        Part::Paths(run) => {
            let object = run.iter().map(|(k, v)| (k.name.clone(), v.to_json()));
            serde_json::from_value(serde_json::Value::Object(object.collect()))
                .ok()
                .map(Deserialized::Paths)
        }
    });
    let mut api = None;
    let mut components = None;
    let mut paths = Paths::default();
    for part in done {
        match part? {
            Deserialized::Rest(rest) => api = Some(*rest),
            Deserialized::Components(c) => components = Some(*c),
            Deserialized::Paths(run) => {
                paths.paths.extend(run.paths);
                paths.extensions.extend(run.extensions);
            }
        }
    }
    let mut api = api?;
    if let Some(components) = components {
        api.components = components;
    }
    if split_paths {
        api.paths = paths;
    }
    Some(api)
}

/// The kinds of object the search knows the children of.
#[derive(Clone, Copy)]
enum Kind {
    OpenApi,
    Info,
    Paths,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    MediaType,
    Header,
    Schema,
    Components,
    SecurityScheme,
}

/// Deserializes `node` as `kind` (a `$ref` is accepted where the spec allows
/// one); the error with its path inside the node, if it fails.
fn check(node: &Node, kind: Kind) -> Option<(Vec<String>, String)> {
    fn run<T: DeserializeOwned>(node: &Node) -> Option<(Vec<String>, String)> {
        serde_path_to_error::deserialize::<_, T>(node.to_json())
            .err()
            .map(|e| (path_segments(e.path()), e.inner().to_string()))
    }
    match kind {
        Kind::OpenApi => run::<OpenAPI>(node),
        Kind::Info => run::<Info>(node),
        Kind::Paths => run::<openapiv3::Paths>(node),
        Kind::PathItem => run::<ReferenceOr<PathItem>>(node),
        Kind::Operation => run::<Operation>(node),
        Kind::Parameter => run::<ReferenceOr<Parameter>>(node),
        Kind::RequestBody => run::<ReferenceOr<RequestBody>>(node),
        Kind::Responses => run::<Responses>(node),
        Kind::Response => run::<ReferenceOr<Response>>(node),
        Kind::MediaType => run::<MediaType>(node),
        Kind::Header => run::<ReferenceOr<Header>>(node),
        Kind::Schema => run::<ReferenceOr<Schema>>(node),
        Kind::Components => run::<Components>(node),
        Kind::SecurityScheme => run::<ReferenceOr<SecurityScheme>>(node),
    }
}

/// The children of a node of some kind that have a kind of their own.
fn children(node: &Node, kind: Kind) -> Vec<(Vec<String>, Kind)> {
    let mut out = Vec::new();
    let entries = |n: Option<&Node>| -> Vec<String> {
        n.and_then(Node::as_object)
            .map(|e| {
                e.iter()
                    .filter(|(k, _)| !k.name.starts_with("x-"))
                    .map(|(k, _)| k.name.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    let items = |n: Option<&Node>| n.and_then(Node::as_array).map_or(0, <[Node]>::len);
    let map_of = |out: &mut Vec<(Vec<String>, Kind)>, field: &str, child: Kind| {
        for k in entries(node.get(field)) {
            out.push((vec![field.to_string(), k], child));
        }
    };
    match kind {
        Kind::OpenApi => {
            out.push((vec!["info".into()], Kind::Info));
            out.push((vec!["paths".into()], Kind::Paths));
            out.push((vec!["components".into()], Kind::Components));
        }
        Kind::Paths => {
            for k in entries(Some(node)) {
                out.push((vec![k], Kind::PathItem));
            }
        }
        Kind::PathItem | Kind::Operation => {
            for m in [
                "get", "put", "post", "delete", "options", "head", "patch", "trace",
            ] {
                if matches!(kind, Kind::PathItem) && node.get(m).is_some() {
                    out.push((vec![m.into()], Kind::Operation));
                }
            }
            for i in 0..items(node.get("parameters")) {
                out.push((vec!["parameters".into(), i.to_string()], Kind::Parameter));
            }
            if matches!(kind, Kind::Operation) {
                out.push((vec!["requestBody".into()], Kind::RequestBody));
                out.push((vec!["responses".into()], Kind::Responses));
            }
        }
        Kind::Parameter | Kind::Header => {
            out.push((vec!["schema".into()], Kind::Schema));
            map_of(&mut out, "content", Kind::MediaType);
        }
        Kind::RequestBody => map_of(&mut out, "content", Kind::MediaType),
        Kind::Responses => {
            for k in entries(Some(node)) {
                out.push((vec![k], Kind::Response));
            }
        }
        Kind::Response => {
            map_of(&mut out, "content", Kind::MediaType);
            map_of(&mut out, "headers", Kind::Header);
        }
        Kind::MediaType => out.push((vec!["schema".into()], Kind::Schema)),
        Kind::Schema => {
            map_of(&mut out, "properties", Kind::Schema);
            for field in ["items", "additionalProperties", "not"] {
                out.push((vec![field.into()], Kind::Schema));
            }
            for field in ["allOf", "oneOf", "anyOf"] {
                for i in 0..items(node.get(field)) {
                    out.push((vec![field.into(), i.to_string()], Kind::Schema));
                }
            }
        }
        Kind::Components => {
            map_of(&mut out, "schemas", Kind::Schema);
            map_of(&mut out, "responses", Kind::Response);
            map_of(&mut out, "parameters", Kind::Parameter);
            map_of(&mut out, "requestBodies", Kind::RequestBody);
            map_of(&mut out, "headers", Kind::Header);
            map_of(&mut out, "securitySchemes", Kind::SecurityScheme);
        }
        Kind::Info | Kind::SecurityScheme => {}
    }
    out
}

/// The deepest failing object under `node` (at `at`), with the full path of
/// the error and its message.
fn search(node: &Node, at: Vec<String>, kind: Kind, depth: usize) -> Option<(Vec<String>, String)> {
    let (inner, message) = check(node, kind)?;
    if depth < MAX_SEARCH_DEPTH {
        for (rel, child_kind) in children(node, kind) {
            let Some(child) = walk(node, &rel) else {
                continue;
            };
            // `additionalProperties: true` is not a schema object.
            if matches!(child.value, Value::Bool(_)) {
                continue;
            }
            let mut path = at.clone();
            path.extend(rel);
            if let Some(found) = search(child, path, child_kind, depth + 1) {
                return Some(found);
            }
        }
    }
    let mut path = at;
    if inner.is_empty() {
        path.extend(culprit_key(node, kind));
    }
    path.extend(inner);
    Some((path, message))
}

/// The field of a failing object whose removal makes it deserialize. serde's
/// `flatten` loses the path inside the flattened part (a schema's `type`,
/// `properties`…), so without this the error would point at the whole
/// object instead of the field that is wrong.
fn culprit_key(node: &Node, kind: Kind) -> Option<String> {
    let entries = node.as_object()?;
    entries.iter().find_map(|(key, _)| {
        let rest: Vec<_> = entries
            .iter()
            .filter(|(k, _)| k.name != key.name)
            .cloned()
            .collect();
        let without = Node::new(Value::Object(rest), node.span);
        check(&without, kind).is_none().then(|| key.name.clone())
    })
}

fn walk<'a>(node: &'a Node, segments: &[String]) -> Option<&'a Node> {
    let mut n = node;
    for s in segments {
        n = match &n.value {
            Value::Object(_) => n.get(s)?,
            Value::Array(items) => items.get(s.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(n)
}

fn path_segments(path: &serde_path_to_error::Path) -> Vec<String> {
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// The deepest node that exists along a path of keys and indices.
fn closest<'a>(root: &'a Node, segments: &[String]) -> &'a Node {
    let mut node = root;
    for seg in segments {
        match walk(node, std::slice::from_ref(seg)) {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        let mut sources = crate::source::SourceMap::new();
        let file = sources.add("doc.yaml", text);
        let mut diags = Diagnostics::new();
        super::super::detect::parse_text(file, text, &mut diags).expect("parses")
    }

    /// Deserializing the parts side by side gives what deserializing the
    /// whole document gives, or fails where the whole fails.
    #[test]
    fn parts_deserialize_as_the_whole_does() {
        let petstore = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/openapi/petstore3-openapi-3.0.yaml"
        ));
        let minimal = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\n";
        let cases = [
            petstore.to_string(),
            format!("{minimal}paths: {{}}\n"),
            format!("{minimal}paths:\n  x-note: a\n  /a: {{}}\n  x-other: b\n  /b: {{}}\n  /c: {{}}\n"),
            format!("{minimal}paths: {{}}\ncomponents: null\n"),
            format!("{minimal}paths: {{}}\ncomponents: {{schemas: {{A: {{type: string}}}}}}\nx-top: 1\n"),
            // Failures: the whole fails, so must the parts.
            minimal.to_string(),
            format!("{minimal}paths: [1]\n"),
            format!("{minimal}paths: {{}}\ncomponents: abc\n"),
            format!("{minimal}paths: {{/a: {{get: {{parameters: x}}}}}}\n"),
        ];
        let mut failures = 0;
        for text in &cases {
            let tree = tree(text);
            let whole = serde_json::from_value::<OpenAPI>(tree.to_json()).ok();
            failures += usize::from(whole.is_none());
            assert_eq!(deserialize_in_parts(&tree), whole, "{text}");
        }
        assert_eq!(failures, 4);
        let tree = tree(&cases[2]);
        let api = deserialize_in_parts(&tree).expect("valid");
        let paths: Vec<&str> = api.paths.paths.keys().map(String::as_str).collect();
        assert_eq!(paths, ["/a", "/b", "/c"]);
        assert_eq!(api.paths.extensions.len(), 2);
    }
}
