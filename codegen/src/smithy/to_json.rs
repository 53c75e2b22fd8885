//! Writes a model as Smithy JSON AST 2.0 (`apigen convert --to smithy-json`).
//! Shapes from the prelude and the built-in trait libraries are left out, as
//! Smithy's own tools leave out shapes that come from dependencies.

use crate::model::{Member, Model, Props, Shape, ShapeKind, Traits};
use serde_json::{json, Map, Value};

pub fn to_json_ast(model: &Model) -> Value {
    let mut shapes = Map::new();
    for shape in model.user_shapes() {
        shapes.insert(shape.id.to_string(), shape_json(shape));
    }
    let mut root = Map::new();
    root.insert("smithy".into(), json!("2.0"));
    if !model.metadata.is_empty() {
        root.insert(
            "metadata".into(),
            Value::Object(
                model
                    .metadata
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        );
    }
    root.insert("shapes".into(), Value::Object(shapes));
    Value::Object(root)
}

/// Pretty JSON with a trailing newline, as written to files.
pub fn to_json_ast_string(model: &Model) -> String {
    let mut text = serde_json::to_string_pretty(&to_json_ast(model)).unwrap_or_default();
    text.push('\n');
    text
}

fn target(id: &crate::model::ShapeId) -> Value {
    json!({ "target": id.to_string() })
}

fn targets(ids: &[crate::model::ShapeId]) -> Value {
    Value::Array(ids.iter().map(target).collect())
}

fn traits_json(traits: &Traits) -> Value {
    Value::Object(
        traits
            .iter()
            .map(|(id, v)| (id.to_string(), v.to_json()))
            .collect(),
    )
}

fn member_json(m: &Member) -> Value {
    let mut obj = Map::new();
    obj.insert("target".into(), json!(m.target.to_string()));
    if !m.traits.is_empty() {
        obj.insert("traits".into(), traits_json(&m.traits));
    }
    Value::Object(obj)
}

fn shape_json(shape: &Shape) -> Value {
    let mut obj = Map::new();
    obj.insert("type".into(), json!(shape.kind.name()));
    if !shape.mixins.is_empty() {
        obj.insert("mixins".into(), targets(&shape.mixins));
    }
    match shape.kind {
        ShapeKind::List => {
            if let Some(m) = shape.member("member") {
                obj.insert("member".into(), member_json(m));
            }
        }
        ShapeKind::Map => {
            for name in ["key", "value"] {
                if let Some(m) = shape.member(name) {
                    obj.insert(name.into(), member_json(m));
                }
            }
        }
        ShapeKind::Structure | ShapeKind::Union | ShapeKind::Enum | ShapeKind::IntEnum => {
            obj.insert(
                "members".into(),
                Value::Object(
                    shape
                        .members
                        .iter()
                        .map(|m| (m.name.clone(), member_json(m)))
                        .collect(),
                ),
            );
        }
        _ => {}
    }
    match &shape.props {
        Props::Service(s) => {
            if let Some(v) = &s.version {
                obj.insert("version".into(), json!(v));
            }
            if !s.operations.is_empty() {
                obj.insert("operations".into(), targets(&s.operations));
            }
            if !s.resources.is_empty() {
                obj.insert("resources".into(), targets(&s.resources));
            }
            if !s.errors.is_empty() {
                obj.insert("errors".into(), targets(&s.errors));
            }
            if !s.rename.is_empty() {
                obj.insert(
                    "rename".into(),
                    Value::Object(
                        s.rename
                            .iter()
                            .map(|(k, v)| (k.to_string(), json!(v)))
                            .collect(),
                    ),
                );
            }
        }
        Props::Operation(o) => {
            obj.insert("input".into(), target(&o.input));
            obj.insert("output".into(), target(&o.output));
            if !o.errors.is_empty() {
                obj.insert("errors".into(), targets(&o.errors));
            }
        }
        Props::Resource(r) => {
            let named = |items: &[(String, crate::model::ShapeId)]| {
                Value::Object(items.iter().map(|(k, v)| (k.clone(), target(v))).collect())
            };
            if !r.identifiers.is_empty() {
                obj.insert("identifiers".into(), named(&r.identifiers));
            }
            if !r.properties.is_empty() {
                obj.insert("properties".into(), named(&r.properties));
            }
            for (key, value) in [
                ("create", &r.create),
                ("put", &r.put),
                ("read", &r.read),
                ("update", &r.update),
                ("delete", &r.delete),
                ("list", &r.list),
            ] {
                if let Some(v) = value {
                    obj.insert(key.into(), target(v));
                }
            }
            for (key, value) in [
                ("operations", &r.operations),
                ("collectionOperations", &r.collection_operations),
                ("resources", &r.resources),
            ] {
                if !value.is_empty() {
                    obj.insert(key.into(), targets(value));
                }
            }
        }
        Props::None => {}
    }
    if !shape.traits.is_empty() {
        obj.insert("traits".into(), traits_json(&shape.traits));
    }
    Value::Object(obj)
}
