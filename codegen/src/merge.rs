//! Merges Swagger / OpenAPI documents into a Smithy model.
//!
//! The document supplies the operation set, summaries, tags and parameter
//! names; the Smithy model supplies types, protocol, auth and errors and wins
//! on conflict. Disagreements are warnings (errors under `--strict`).

use crate::diag::Diagnostics;
use crate::model::{traits, Model, ShapeId, ShapeKind};
use crate::node::{Node, Value};
use crate::openapi::{DocOperation, DocParameter, LoadedDocument};

/// Enriches the Smithy model's service with what the documents say.
pub fn merge_documents(model: &mut Model, documents: &[LoadedDocument], diags: &mut Diagnostics) {
    for doc in documents {
        let Some(service_id) = pick_service(model, doc) else {
            let span = doc.operations.first().map(|o| o.span);
            diags.warning(
                "merge-no-service",
                span,
                format!(
                    "the Smithy model defines no service to merge \"{}\" into; its operations are ignored",
                    doc.title
                ),
            );
            continue;
        };
        let operations: Vec<ShapeId> = model
            .shape(&service_id)
            .map(|s| model.service_operations(s).into_iter().collect())
            .unwrap_or_default();
        for op in &doc.operations {
            match find_operation(&operations, op) {
                Some(op_id) => merge_operation(model, &op_id, op, diags),
                None => diags.warning(
                    "merge-missing-operation",
                    op.span,
                    format!(
                        "operation {} ({} {}) is in the OpenAPI document but not in service {service_id} of the Smithy model",
                        op.name,
                        op.method.to_uppercase(),
                        op.path
                    ),
                ),
            }
        }
    }
}

/// With no Smithy model, the documents are the model.
pub fn adopt_documents(model: &mut Model, documents: Vec<LoadedDocument>, diags: &mut Diagnostics) {
    for doc in documents {
        for (id, shape) in doc.model.shapes {
            if let Some(existing) = model.shapes.get(&id) {
                if !id.is_prelude() && !crate::smithy::builtin::is_builtin_namespace(&id.namespace)
                {
                    diags.error(
                        "duplicate-shape",
                        shape.span,
                        format!(
                            "{id} is defined by two documents (first at line {})",
                            existing.span.line
                        ),
                    );
                }
                continue;
            }
            model.shapes.insert(id, shape);
        }
    }
}

/// The service whose operations the document names most often.
fn pick_service(model: &Model, doc: &LoadedDocument) -> Option<ShapeId> {
    model
        .services()
        .filter(|s| !crate::smithy::builtin::is_builtin_namespace(&s.id.namespace))
        .map(|s| {
            let ops = model.service_operations(s);
            let overlap = doc
                .operations
                .iter()
                .filter(|o| ops.iter().any(|id| names_match(&id.name, o)))
                .count();
            (overlap, s.id.clone())
        })
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
        .map(|(_, id)| id)
}

fn names_match(model_name: &str, op: &DocOperation) -> bool {
    model_name == op.name
        || op
            .operation_id
            .as_deref()
            .is_some_and(|id| crate::case::upper_camel(id) == model_name)
}

fn find_operation(operations: &[ShapeId], op: &DocOperation) -> Option<ShapeId> {
    operations
        .iter()
        .find(|id| names_match(&id.name, op))
        .cloned()
}

fn merge_operation(model: &mut Model, op_id: &ShapeId, op: &DocOperation, diags: &mut Diagnostics) {
    let input = model
        .shape(op_id)
        .and_then(|s| s.operation())
        .map(|o| o.input.clone());
    if let Some(input) = &input {
        for param in &op.parameters {
            check_parameter(model, op_id, &op.path, input, param, diags);
        }
    }
    let Some(shape) = model.shapes.get_mut(op_id) else {
        return;
    };
    if let Some(summary) = &op.summary {
        shape
            .traits
            .get_or_insert_with(traits::summary(), || Node::string(summary.clone(), op.span));
    }
    if let Some(description) = &op.description {
        shape
            .traits
            .get_or_insert_with(traits::documentation(), || {
                Node::string(description.clone(), op.span)
            });
    }
    if !op.tags.is_empty() {
        let entry = shape.traits.get_or_insert_with(traits::tags(), || {
            Node::new(Value::Array(Vec::new()), op.span)
        });
        if let Value::Array(existing) = &mut entry.value {
            for tag in &op.tags {
                if !existing.iter().any(|t| t.as_str() == Some(tag)) {
                    existing.push(Node::string(tag.clone(), op.span));
                }
            }
        }
    }
}

/// A document parameter must name a member of the operation's input, with a
/// compatible type.
fn check_parameter(
    model: &Model,
    op_id: &ShapeId,
    op_path: &str,
    input: &ShapeId,
    param: &DocParameter,
    diags: &mut Diagnostics,
) {
    let Some(input_shape) = model.shape(input) else {
        return;
    };
    let member = match input_shape.member(&param.name) {
        Some(m) => m,
        None => {
            let near = input_shape
                .members
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case(&param.name))
                .map(|m| format!(" (the model has \"{}\")", m.name))
                .unwrap_or_default();
            diags.warning(
                "merge-parameter",
                param.span,
                format!(
                    "parameter \"{}\" of {} is not a member of its input {input}{near}",
                    param.name, op_id.name
                ),
            );
            return;
        }
    };
    let Some(declared) = param.schema_type.as_deref() else {
        return;
    };
    let Some(target) = model.shape(&member.target) else {
        return;
    };
    // `?Action=X` documents describe AWS's query encoding, where every value,
    // structures included, is flattened into string-valued query keys.
    let query_encoded = param.location == "query" && op_path_is_action_style(op_path);
    if !query_encoded && !type_compatible(declared, &param.location, target.kind) {
        diags.warning(
            "merge-parameter-type",
            param.span,
            format!(
                "parameter \"{}\" of {} is typed {declared}, but member {} targets {} {}",
                param.name,
                op_id.name,
                member.name,
                target.kind.name(),
                target.id
            ),
        );
    }
}

fn op_path_is_action_style(path: &str) -> bool {
    path.split_once('?')
        .is_some_and(|(_, query)| query.split('&').any(|kv| kv.starts_with("Action=")))
}

/// Whether a document's parameter type can carry values of the model's shape.
/// Query, path and header parameters travel as text, so `string` there is
/// compatible with any scalar or list; elsewhere types must agree.
fn type_compatible(declared: &str, location: &str, kind: ShapeKind) -> bool {
    use ShapeKind::*;
    let textual = matches!(location, "query" | "path" | "header");
    match declared {
        "string" if textual => !matches!(kind, Structure | Union | Map | Document),
        "string" => matches!(
            kind,
            String | Enum | Timestamp | Blob | BigInteger | BigDecimal
        ),
        "integer" => matches!(kind, Byte | Short | Integer | Long | IntEnum | BigInteger),
        "number" => kind.is_number(),
        "boolean" => kind == Boolean,
        "array" => kind == List,
        "object" => matches!(kind, Structure | Union | Map | Document),
        "file" => kind == Blob,
        _ => true,
    }
}
