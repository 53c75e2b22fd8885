//! Reads Smithy JSON AST files (`{"smithy": "2.0", "shapes": {...}}`) into the
//! same raw form the IDL parser produces, so both go through one assembler.

use super::ast::*;
use crate::diag::Diagnostics;
use crate::model::{ShapeId, ShapeKind};
use crate::node::{Node, Value};
use crate::source::FileId;

/// Parses a JSON AST document. `None` when it is not usable; problems are in `diags`.
pub fn parse(file: FileId, text: &str, diags: &mut Diagnostics) -> Option<RawFile> {
    let root = crate::json::parse(file, text, diags)?;
    from_node(file, &root, diags)
}

/// Converts an already parsed JSON document.
pub fn from_node(file: FileId, root: &Node, diags: &mut Diagnostics) -> Option<RawFile> {
    let Some(entries) = root.as_object() else {
        diags.error(
            "ast-shape",
            root.span,
            format!(
                "a Smithy JSON AST must be an object, found {}",
                root.kind_name()
            ),
        );
        return None;
    };
    let Some(version_node) = root.get("smithy") else {
        diags.error(
            "ast-version",
            root.span,
            "missing \"smithy\" version key: this is not a Smithy JSON AST model",
        );
        return None;
    };
    let version = match version_node.as_str() {
        Some(v) if v == "2" || v.starts_with("2.") => SmithyVersion::V2,
        Some(v) if v == "1" || v.starts_with("1.") => SmithyVersion::V1,
        Some(v) => {
            diags.error(
                "ast-version",
                version_node.span,
                format!("unsupported Smithy version \"{v}\": apigen reads 1.0 and 2.0 models"),
            );
            return None;
        }
        None => {
            diags.error(
                "ast-version",
                version_node.span,
                format!(
                    "\"smithy\" must be a version string, found {}",
                    version_node.kind_name()
                ),
            );
            return None;
        }
    };
    let mut out = RawFile {
        file,
        version,
        namespace: None,
        uses: Vec::new(),
        metadata: Vec::new(),
        shapes: Vec::new(),
        applies: Vec::new(),
        syntactic_ids: Default::default(),
    };
    let errors_before = diags.count(crate::diag::Severity::Error);
    for (key, value) in entries {
        match key.name.as_str() {
            "smithy" => {}
            "metadata" => match value.as_object() {
                Some(meta) => out.metadata.extend(
                    meta.iter()
                        .map(|(k, v)| (k.name.clone(), v.clone(), k.span)),
                ),
                None => expected(diags, value, "an object for \"metadata\""),
            },
            "shapes" => match value.as_object() {
                Some(shapes) => {
                    for (id_key, shape_node) in shapes {
                        read_shape(&id_key.name, id_key.span, shape_node, &mut out, diags);
                    }
                }
                None => expected(diags, value, "an object for \"shapes\""),
            },
            other => diags.warning(
                "ast-unknown-key",
                key.span,
                format!("unknown top-level key \"{other}\" in Smithy JSON AST is ignored"),
            ),
        }
    }
    (diags.count(crate::diag::Severity::Error) == errors_before).then_some(out)
}

fn expected(diags: &mut Diagnostics, node: &Node, what: &str) {
    diags.error(
        "ast-shape",
        node.span,
        format!("expected {what}, found {}", node.kind_name()),
    );
}

fn read_shape(
    id_text: &str,
    span: crate::source::Span,
    node: &Node,
    out: &mut RawFile,
    diags: &mut Diagnostics,
) {
    let Some(id) = ShapeId::parse(id_text) else {
        diags.error(
            "ast-shape-id",
            span,
            format!("\"{id_text}\" is not an absolute shape id (namespace#Name)"),
        );
        return;
    };
    if node.as_object().is_none() {
        return expected(diags, node, &format!("an object for shape {id_text}"));
    }
    let Some(type_node) = node.get("type") else {
        diags.error(
            "ast-shape",
            span,
            format!("shape {id_text} has no \"type\""),
        );
        return;
    };
    let Some(type_name) = type_node.as_str() else {
        return expected(diags, type_node, "a string for \"type\"");
    };
    let traits = read_traits(node.get("traits"), diags);
    if type_name == "apply" {
        out.applies.push(RawApply {
            target: RawRef::new(id_text, span),
            traits,
            span,
        });
        return;
    }
    if id.member.is_some() {
        diags.error(
            "ast-shape-id",
            span,
            format!("a shape definition cannot have a member id: \"{id_text}\""),
        );
        return;
    }
    let Some(kind) = ShapeKind::from_name(type_name) else {
        diags.error(
            "ast-unknown-shape-type",
            type_node.span,
            format!("unknown shape type \"{type_name}\""),
        );
        return;
    };
    let mut shape = RawShape {
        name: id_text.to_string(),
        kind,
        was_set: type_name == "set",
        traits,
        mixins: read_targets(node.get("mixins"), diags),
        for_resource: None,
        members: Vec::new(),
        props: RawProps::default(),
        span,
    };
    match kind {
        ShapeKind::List => {
            if let Some(m) = node.get("member") {
                shape
                    .members
                    .extend(read_member("member", m.span, m, diags));
            }
        }
        ShapeKind::Map => {
            for name in ["key", "value"] {
                if let Some(m) = node.get(name) {
                    shape.members.extend(read_member(name, m.span, m, diags));
                }
            }
        }
        ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum | ShapeKind::IntEnum => {
            if let Some(members) = node.get("members") {
                match members.as_object() {
                    Some(entries) => {
                        for (k, m) in entries {
                            shape.members.extend(read_member(&k.name, k.span, m, diags));
                        }
                    }
                    None => expected(diags, members, "an object for \"members\""),
                }
            }
        }
        _ => {}
    }
    let p = &mut shape.props;
    match kind {
        ShapeKind::Service => {
            p.version = node.get("version").cloned();
            p.operations = read_targets(node.get("operations"), diags);
            p.resources = read_targets(node.get("resources"), diags);
            p.errors = read_targets(node.get("errors"), diags);
            if let Some(rename) = node.get("rename") {
                for (k, v) in rename.as_object().unwrap_or_default() {
                    match v.as_str() {
                        Some(name) => p
                            .rename
                            .push((RawRef::new(&k.name, k.span), name.to_string())),
                        None => expected(diags, v, "a string in \"rename\""),
                    }
                }
            }
        }
        ShapeKind::Operation => {
            p.input = read_target(node.get("input"), diags);
            p.output = read_target(node.get("output"), diags);
            p.errors = read_targets(node.get("errors"), diags);
        }
        ShapeKind::Resource => {
            p.identifiers = read_named_targets(node.get("identifiers"), diags);
            p.properties = read_named_targets(node.get("properties"), diags);
            p.create = read_target(node.get("create"), diags);
            p.put = read_target(node.get("put"), diags);
            p.read = read_target(node.get("read"), diags);
            p.update = read_target(node.get("update"), diags);
            p.delete = read_target(node.get("delete"), diags);
            p.list = read_target(node.get("list"), diags);
            p.operations = read_targets(node.get("operations"), diags);
            p.collection_operations = read_targets(node.get("collectionOperations"), diags);
            p.resources = read_targets(node.get("resources"), diags);
        }
        _ => {}
    }
    out.shapes.push(shape);
}

fn read_member(
    name: &str,
    span: crate::source::Span,
    node: &Node,
    diags: &mut Diagnostics,
) -> Option<RawMember> {
    let target = match node.get("target") {
        Some(t) => match t.as_str() {
            Some(text) => RawRef::new(text, t.span),
            None => {
                expected(diags, t, "a shape id string for \"target\"");
                return None;
            }
        },
        None => {
            diags.error(
                "ast-shape",
                span,
                format!("member \"{name}\" has no \"target\""),
            );
            return None;
        }
    };
    Some(RawMember {
        name: name.to_string(),
        target: Some(target),
        traits: read_traits(node.get("traits"), diags),
        default: None,
        span,
    })
}

fn read_traits(node: Option<&Node>, diags: &mut Diagnostics) -> Vec<RawTrait> {
    let Some(node) = node else { return Vec::new() };
    let Some(entries) = node.as_object() else {
        expected(diags, node, "an object for \"traits\"");
        return Vec::new();
    };
    entries
        .iter()
        .map(|(k, v)| RawTrait {
            id: RawRef::new(&k.name, k.span),
            value: v.clone(),
            annotation: false,
            span: k.span,
        })
        .collect()
}

fn read_target(node: Option<&Node>, diags: &mut Diagnostics) -> Option<RawRef> {
    let node = node?;
    match node
        .get("target")
        .and_then(|t| t.as_str().map(|s| (s, t.span)))
    {
        Some((text, span)) => Some(RawRef::new(text, span)),
        None => {
            expected(diags, node, "an object with a \"target\" shape id");
            None
        }
    }
}

fn read_targets(node: Option<&Node>, diags: &mut Diagnostics) -> Vec<RawRef> {
    let Some(node) = node else { return Vec::new() };
    match &node.value {
        Value::Array(items) => items
            .iter()
            .filter_map(|item| read_target(Some(item), diags))
            .collect(),
        _ => {
            expected(diags, node, "an array of {\"target\": ...} objects");
            Vec::new()
        }
    }
}

fn read_named_targets(node: Option<&Node>, diags: &mut Diagnostics) -> Vec<(String, RawRef)> {
    let Some(node) = node else { return Vec::new() };
    let Some(entries) = node.as_object() else {
        expected(diags, node, "an object of {\"target\": ...} values");
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(k, v)| read_target(Some(v), diags).map(|r| (k.name.clone(), r)))
        .collect()
}
