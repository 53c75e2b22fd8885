//! Summaries of a loaded model for `apigen inspect`: text for people, JSON
//! (byte-identical across runs) for tools.

use crate::diag::Severity;
use crate::load::Loaded;
use crate::model::Model;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// The JSON report: services, shape counts and diagnostics.
pub fn to_json(loaded: &Loaded) -> Value {
    let model = &loaded.model;
    let services: Vec<Value> = user_services(model)
        .map(|svc| {
            let info = model.service_info(svc);
            let info = info.as_ref();
            json!({
                "id": svc.id.to_string(),
                "version": info.and_then(|i| i.version.clone()),
                "protocol": info.and_then(|i| i.protocol()).map(|p| p.name()),
                "auth": info.map(|i| i.auth.iter().map(|a| a.to_string()).collect::<Vec<_>>()).unwrap_or_default(),
                "endpointPrefix": info.and_then(|i| i.endpoint_prefix.clone()),
                "operations": info.map(|i| i.operations.iter().map(|o| o.name.clone()).collect::<Vec<_>>()).unwrap_or_default(),
            })
        })
        .collect();
    let shapes: serde_json::Map<String, Value> = model
        .shape_counts()
        .into_iter()
        .map(|(kind, n)| (kind.name().to_string(), json!(n)))
        .collect();
    let diagnostics: Vec<Value> = loaded
        .diagnostics
        .iter()
        .map(|d| {
            let span = d.span;
            json!({
                "severity": d.severity.as_str(),
                "code": d.code,
                "file": span.map(|s| loaded.sources.path(s.file).display().to_string()),
                "line": span.map(|s| s.line),
                "column": span.map(|s| s.column),
                "message": d.message,
            })
        })
        .collect();
    json!({ "services": services, "shapes": shapes, "diagnostics": diagnostics })
}

fn user_services(model: &Model) -> impl Iterator<Item = &crate::model::Shape> {
    model
        .services()
        .filter(|s| !crate::smithy::builtin::is_builtin_namespace(&s.id.namespace))
}

/// The text report.
pub fn to_text(loaded: &Loaded) -> String {
    let model = &loaded.model;
    let mut out = String::new();
    let mut any = false;
    for svc in user_services(model) {
        any = true;
        let Some(info) = model.service_info(svc) else {
            continue;
        };
        let _ = writeln!(
            out,
            "service {}{}",
            info.id,
            info.version
                .as_deref()
                .map(|v| format!(" (version {v})"))
                .unwrap_or_default()
        );
        let protocols: Vec<String> = info.protocols.iter().map(|p| p.name()).collect();
        let _ = writeln!(
            out,
            "  protocol: {}",
            if protocols.is_empty() {
                "none".to_string()
            } else {
                protocols.join(", ")
            }
        );
        if !info.auth.is_empty() {
            let auth: Vec<String> = info.auth.iter().map(|a| a.to_string()).collect();
            let signing = info
                .signing_name
                .as_deref()
                .map(|n| format!(" (signing name {n})"))
                .unwrap_or_default();
            let _ = writeln!(out, "  auth: {}{signing}", auth.join(", "));
        }
        if let Some(prefix) = &info.endpoint_prefix {
            let _ = writeln!(out, "  endpoint prefix: {prefix}");
        }
        let _ = writeln!(out, "  operations ({}):", info.operations.len());
        let width = info
            .operations
            .iter()
            .map(|o| o.name.len())
            .max()
            .unwrap_or(0);
        for op_id in &info.operations {
            let Some(op) = model
                .shape(op_id)
                .and_then(|s| model.operation_info(Some(svc), s))
            else {
                continue;
            };
            let mut flags = Vec::new();
            if op.readonly {
                flags.push("readonly".to_string());
            }
            if op.idempotent {
                flags.push("idempotent".to_string());
            }
            if op.pagination.is_some() {
                flags.push("paginated".to_string());
            }
            if op.deprecated.is_some() {
                flags.push("deprecated".to_string());
            }
            if let Some(http) = &op.http {
                flags.push(format!("{} {}", http.method, http.uri));
            }
            let _ = writeln!(
                out,
                "    {:width$}  {} -> {}{}{}",
                op_id.name,
                op.input.name,
                op.output.name,
                if op.errors.is_empty() {
                    String::new()
                } else {
                    format!(
                        "  errors: {}",
                        op.errors
                            .iter()
                            .map(|e| e.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                if flags.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", flags.join(", "))
                },
            );
            if op.http.is_some() {
                let bindings = member_bindings(model, &op.input);
                if !bindings.is_empty() {
                    let _ = writeln!(out, "    {:width$}    in: {}", "", bindings.join(", "));
                }
            }
        }
    }
    if !any {
        let _ = writeln!(out, "no service");
    }
    let counts = model.shape_counts();
    let total: usize = counts.values().sum();
    let parts: Vec<String> = counts
        .iter()
        .map(|(k, n)| format!("{} {n}", k.name()))
        .collect();
    let _ = writeln!(out, "shapes: {total} ({})", parts.join(", "));
    let _ = writeln!(
        out,
        "diagnostics: {} errors, {} warnings, {} notes",
        loaded.diagnostics.count(Severity::Error),
        loaded.diagnostics.count(Severity::Warning),
        loaded.diagnostics.count(Severity::Note)
    );
    for d in loaded.diagnostics.iter() {
        let _ = writeln!(out, "{}", d.render(&loaded.sources));
    }
    out
}

/// Where the members of an HTTP-bound input travel: `label petId`,
/// `query status`, `header api_key`, `payload body`, …; body members last,
/// as `body (n members)`.
fn member_bindings(model: &Model, input: &crate::model::ShapeId) -> Vec<String> {
    use crate::emit::protocol::http_bindings::{location, Location};
    let Some(shape) = model.shape(input) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut body = 0;
    for m in &shape.members {
        match location(m) {
            Location::Label { .. } => out.push(format!("label {}", m.name)),
            Location::Query(name) => out.push(format!("query {name}")),
            Location::QueryParams => out.push(format!("query map {}", m.name)),
            Location::Header(name) => out.push(format!("header {name}")),
            Location::Cookie(name) => out.push(format!("cookie {name}")),
            Location::PrefixHeaders(prefix) => out.push(format!("headers {prefix}*")),
            Location::Payload => out.push(format!("payload {}", m.name)),
            Location::ResponseCode | Location::Body => body += 1,
        }
    }
    if body > 0 {
        out.push(format!(
            "body ({body} member{})",
            if body == 1 { "" } else { "s" }
        ));
    }
    out
}
