//! Which syntax and which spec version a document is written in. Both are
//! read from the content, never from the file name: `.yaml` files holding
//! JSON and `.json` files named anything are common.

use super::SpecVersion;
use crate::diag::Diagnostics;
use crate::node::{Node, Value};
use crate::source::{FileId, Span};

/// Parses the text as JSON when it starts with `{`, else as YAML.
pub fn parse_text(file: FileId, text: &str, diags: &mut Diagnostics) -> Option<Node> {
    let first = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next();
    match first {
        Some('{') => crate::json::parse(file, text, diags),
        Some(_) => super::yaml::parse(file, text, diags),
        None => {
            diags.error(
                "openapi-empty",
                Span::new(file, 1, 1, 0),
                "the document is empty",
            );
            None
        }
    }
}

/// Reads `swagger: "2.0"` or `openapi: 3.0.x / 3.1.x`.
pub fn spec_version(root: &Node, diags: &mut Diagnostics) -> Option<SpecVersion> {
    if root.as_object().is_none() {
        diags.error(
            "openapi-invalid",
            root.span,
            format!(
                "expected an OpenAPI or Swagger document (an object), found {}",
                root.kind_name()
            ),
        );
        return None;
    }
    let (field, node) = match (root.get("swagger"), root.get("openapi")) {
        (Some(n), _) => ("swagger", n),
        (None, Some(n)) => ("openapi", n),
        (None, None) => {
            diags.error(
                "openapi-version",
                root.span,
                "neither a `swagger` nor an `openapi` field: this is not a Swagger / OpenAPI document",
            );
            return None;
        }
    };
    // Unquoted YAML `2.0` / `3.0` is a number; accept it as the text it was.
    let text = match &node.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let version = match field {
        "swagger" if text == "2.0" => Some(SpecVersion::Swagger2),
        "openapi" if text == "3.0" || text.starts_with("3.0.") => Some(SpecVersion::OpenApi30),
        "openapi" if text == "3.1" || text.starts_with("3.1.") => Some(SpecVersion::OpenApi31),
        _ => None,
    };
    if version.is_none() {
        let expected = if field == "swagger" {
            "\"2.0\""
        } else {
            "3.0.x or 3.1.x"
        };
        let found = if text.is_empty() {
            node.kind_name().to_string()
        } else {
            format!("\"{text}\"")
        };
        diags.error(
            "openapi-version",
            node.span,
            format!("unsupported `{field}` version {found}: apigen reads {field} {expected}"),
        );
    }
    version
}
