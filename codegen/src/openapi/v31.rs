//! OpenAPI 3.1 → 3.0, on the node tree, so that `openapiv3` (a 3.0 model)
//! can read 3.1 documents.
//!
//! 3.1 schemas are JSON Schema 2020-12; the rewrites below cover what real
//! documents use: `type: [x, "null"]`, `const`, `examples` arrays, numeric
//! `exclusiveMinimum/Maximum`, `contentEncoding` / `contentMediaType`, and
//! `null` alternatives in `oneOf` / `anyOf`. `webhooks` have no 3.0 form and
//! are dropped with a note. `$ref` siblings are left in place: openapiv3
//! ignores them and the lowering reads their `description` from the tree.

use super::tree::{self, array, boolean, key, set, take};
use crate::diag::Diagnostics;
use crate::node::{Key, Node, Value};

/// JSON Schema keywords with no 3.0 counterpart that change what a value may
/// be; reported so that a looser generated type is no surprise.
const UNSUPPORTED: &[&str] = &[
    "prefixItems",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "contains",
];

pub fn downlevel(mut root: Node, diags: &mut Diagnostics) -> Node {
    if let Some((k, hooks)) = take(&mut root, "webhooks") {
        let names: Vec<&str> = hooks
            .as_object()
            .map(|e| e.iter().map(|(k, _)| k.name.as_str()).collect())
            .unwrap_or_default();
        diags.note(
            "openapi-webhooks",
            k.span,
            format!(
                "webhooks ({}) describe requests the API sends, not operations a client calls; they are not loaded",
                names.join(", ")
            ),
        );
    }
    take(&mut root, "jsonSchemaDialect");
    if let Some(v) = tree::get_mut(&mut root, "openapi") {
        v.value = Value::String("3.0.3".into());
    }
    if root.get("paths").is_none() {
        let span = root.span;
        set(&mut root, key("paths", span), Node::empty_object(span));
    }
    // `responses` is optional in 3.1 (required in 3.0): an operation
    // without it declares no answer, so any success has an empty output.
    if let Some(paths) = tree::get_mut(&mut root, "paths").and_then(tree::entries_mut) {
        for (_, item) in paths.iter_mut() {
            for (method, op) in tree::entries_mut(item).into_iter().flatten() {
                let is_operation = matches!(
                    method.name.as_str(),
                    "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
                );
                if is_operation && op.as_object().is_some() && op.get("responses").is_none() {
                    let span = op.span;
                    set(op, key("responses", span), Node::empty_object(span));
                }
            }
        }
    }
    if let Some(components) = tree::get_mut(&mut root, "components") {
        take(components, "pathItems");
        // 3.1's mutual TLS scheme has no 3.0 form (and nothing to send).
        if let Some(schemes) =
            tree::get_mut(components, "securitySchemes").and_then(tree::entries_mut)
        {
            schemes.retain(|(k, v)| {
                let mtls = v.get("type").and_then(Node::as_str) == Some("mutualTLS");
                if mtls {
                    diags.warning(
                        "openapi-unsupported",
                        k.span,
                        format!("security scheme \"{}\" uses mutualTLS, which is not supported; ignored", k.name),
                    );
                }
                !mtls
            });
        }
    }
    walk(&mut root, false, diags);
    root
}

/// Rewrites spec objects; `names` is true for a map whose keys are names.
fn walk(node: &mut Node, names: bool, diags: &mut Diagnostics) {
    match &mut node.value {
        Value::Array(items) => {
            for item in items {
                walk(item, false, diags);
            }
        }
        Value::Object(_) => {
            if !names {
                schema_rules(node, diags);
            }
            let Some(entries) = tree::entries_mut(node) else {
                return;
            };
            for (k, v) in entries.iter_mut() {
                if names {
                    walk(v, false, diags);
                } else if tree::is_literal_key(&k.name) {
                    continue;
                } else {
                    walk(v, tree::NAME_MAPS.contains(&k.name.as_str()), diags);
                }
            }
        }
        _ => {}
    }
}

fn schema_rules(node: &mut Node, diags: &mut Diagnostics) {
    let mut nullable: Option<Key> = None;

    // `type: [x, "null"]` and `type: "null"`.
    if let Some((k, types)) = take(node, "type") {
        match &types.value {
            Value::Array(items) => {
                let names: Vec<&Node> = items
                    .iter()
                    .filter(|t| t.as_str() != Some("null"))
                    .collect();
                if names.len() != items.len() {
                    nullable = Some(k.clone());
                }
                match names.as_slice() {
                    [] => {}
                    [one] => set(node, k, (*one).clone()),
                    _ => diags.warning(
                        "openapi-unsupported",
                        types.span,
                        "a schema with several types is read as an untyped value (document)",
                    ),
                }
            }
            Value::String(s) if s == "null" => nullable = Some(k),
            _ => set(node, k, types),
        }
    }

    // `null` alternatives of oneOf / anyOf make the value nullable instead.
    for keyword in ["oneOf", "anyOf"] {
        if let Some(Value::Array(items)) = tree::get_mut(node, keyword).map(|n| &mut n.value) {
            let before = items.len();
            items.retain(|s| !is_null_schema(s));
            if items.len() != before {
                nullable = nullable.or_else(|| Some(key("nullable", node.span)));
            }
        }
    }

    if let Some(k) = nullable {
        let span = k.span;
        set(node, key("nullable", span), boolean(true, span));
    }

    if let Some((k, value)) = take(node, "const") {
        let span = value.span;
        set(node, key("enum", k.span), array(span, vec![value]));
    }

    if let Some((k, examples)) = take(node, "examples") {
        match examples.value {
            Value::Array(items) => {
                if node.get("example").is_none() {
                    if let Some(first) = items.into_iter().next() {
                        set(node, key("example", k.span), first);
                    }
                }
            }
            // A map of named examples (media types, parameters): keep it.
            other => set(node, k, Node::new(other, examples.span)),
        }
    }

    for (keyword, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        let numeric = node.get(keyword).and_then(Node::as_number).is_some();
        if numeric {
            if let Some((k, n)) = take(node, keyword) {
                let span = n.span;
                set(node, key(bound, k.span), n);
                set(node, k, boolean(true, span));
            }
        }
    }

    let encoding = take(node, "contentEncoding");
    let media = take(node, "contentMediaType");
    if node.get("format").is_none() {
        let format = match (&encoding, &media) {
            (Some((_, e)), _) if e.as_str() == Some("base64") => Some(("byte", e.span)),
            (_, Some((_, m))) if !m.as_str().unwrap_or("").starts_with("text/") => {
                Some(("binary", m.span))
            }
            _ => None,
        };
        if let Some((f, span)) = format {
            set(node, key("format", span), Node::string(f, span));
        }
    }

    for &keyword in UNSUPPORTED {
        if let Some(span) = node.key_span(keyword) {
            diags.warning(
                "openapi-unsupported",
                span,
                format!("JSON Schema `{keyword}` is not supported; the constraint is ignored"),
            );
        }
    }
}

fn is_null_schema(s: &Node) -> bool {
    match s.get("type").map(|t| &t.value) {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(items)) => items.iter().all(|t| t.as_str() == Some("null")),
        _ => s.get("const").is_some_and(Node::is_null),
    }
}
