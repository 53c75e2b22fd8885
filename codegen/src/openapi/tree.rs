//! Small editing helpers for [`Node`] trees. The version converters move and
//! clone existing nodes rather than rebuilding them, so spans keep pointing
//! into the file the user wrote.

use crate::node::{Key, Node, Value};
use crate::source::Span;

pub fn key(name: &str, span: Span) -> Key {
    Key {
        name: name.to_string(),
        span,
    }
}

pub fn object(span: Span, entries: Vec<(Key, Node)>) -> Node {
    Node::new(Value::Object(entries), span)
}

pub fn array(span: Span, items: Vec<Node>) -> Node {
    Node::new(Value::Array(items), span)
}

pub fn boolean(b: bool, span: Span) -> Node {
    Node::new(Value::Bool(b), span)
}

pub fn entries_mut(node: &mut Node) -> Option<&mut Vec<(Key, Node)>> {
    match &mut node.value {
        Value::Object(entries) => Some(entries),
        _ => None,
    }
}

pub fn get_mut<'a>(node: &'a mut Node, name: &str) -> Option<&'a mut Node> {
    entries_mut(node)?
        .iter_mut()
        .find(|(k, _)| k.name == name)
        .map(|(_, v)| v)
}

/// Removes a key from an object node and returns it with its value.
pub fn take(node: &mut Node, name: &str) -> Option<(Key, Node)> {
    let entries = entries_mut(node)?;
    let i = entries.iter().position(|(k, _)| k.name == name)?;
    Some(entries.remove(i))
}

/// Sets a key, replacing its value in place or appending it.
pub fn set(node: &mut Node, k: Key, value: Node) {
    let Some(entries) = entries_mut(node) else {
        return;
    };
    match entries.iter_mut().find(|(e, _)| e.name == k.name) {
        Some((_, v)) => *v = value,
        None => entries.push((k, value)),
    }
}

/// String items of an array node (`consumes`, `required`).
pub fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Node::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Keys whose values are example or extension data, never spec structure:
/// walks that rewrite spec constructs must leave them alone.
pub fn is_literal_key(name: &str) -> bool {
    matches!(name, "example" | "default" | "enum" | "const") || name.starts_with("x-")
}

/// Escapes one JSON pointer segment.
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Keys whose value maps names (property names, status codes, media types)
/// to spec objects: the map itself is not a schema.
pub const NAME_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "schemas",
    "responses",
    "parameters",
    "headers",
    "requestBodies",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
    "paths",
    "content",
    "encoding",
    "variables",
    "examples",
    "mapping",
    "scopes",
];
