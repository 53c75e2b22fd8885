//! Rules on what the typed model does not keep of an OpenAPI document: the
//! request and response media types (the lowering picks one), the success
//! status codes beside the one it keeps, parameter `style`/`explode`, and
//! security schemes and requirements. They read each side's documents as
//! OpenAPI 3.0 trees (Swagger 2.0 upgraded, 3.1 downleveled), whose nodes
//! keep their places in the files.

use super::rules::Found;
use super::wire::{self, Facts};
use super::{Change, Pair, Semver, Side, Subject};
use crate::node::Node;
use crate::source::Span;
use std::collections::{BTreeMap, BTreeSet};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// What one operation of a document says beyond the model.
#[derive(Default)]
struct Op {
    label: String,
    span: Span,
    request_media: BTreeMap<String, Span>,
    /// Status key -> (its span, media type -> span).
    responses: BTreeMap<String, (Span, BTreeMap<String, Span>)>,
    /// `in:name` -> (style, explode, span).
    params: BTreeMap<String, (String, bool, Span)>,
    /// Each requirement: the scheme names it needs together.
    security: BTreeSet<BTreeSet<String>>,
    security_span: Span,
}

#[derive(Default)]
struct Doc {
    ops: BTreeMap<String, Op>,
    /// Scheme name -> (a description of what identifies it, span).
    schemes: BTreeMap<String, (String, Span)>,
}

fn keys(node: Option<&Node>) -> BTreeMap<String, Span> {
    node.and_then(Node::as_object)
        .map(|o| o.iter().map(|(k, v)| (k.name.clone(), v.span)).collect())
        .unwrap_or_default()
}

fn security(node: Option<&Node>) -> Option<BTreeSet<BTreeSet<String>>> {
    let list = node?.as_array()?;
    Some(
        list.iter()
            .map(|req| {
                req.as_object()
                    .map(|o| o.iter().map(|(k, _)| k.name.clone()).collect())
                    .unwrap_or_default()
            })
            .collect(),
    )
}

/// Resolves a local `$ref` (`#/components/...`) once.
fn resolve<'n>(root: &'n Node, node: &'n Node) -> &'n Node {
    match node.get("$ref").and_then(Node::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|p| root.pointer(p))
            .unwrap_or(node),
        None => node,
    }
}

fn read(root: &Node, into: &mut Doc) {
    let global_security = security(root.get("security")).unwrap_or_default();
    if let Some(schemes) = root
        .pointer("/components/securitySchemes")
        .and_then(Node::as_object)
    {
        for (k, v) in schemes {
            let v = resolve(root, v);
            let field = |f: &str| v.get(f).and_then(Node::as_str).unwrap_or("").to_string();
            let what = format!(
                "type {} {} {} {}",
                field("type"),
                field("scheme"),
                field("in"),
                field("name")
            );
            into.schemes
                .insert(k.name.clone(), (what.trim().to_string(), k.span));
        }
    }
    let Some(paths) = root.get("paths").and_then(Node::as_object) else {
        return;
    };
    for (path, item) in paths {
        let item = resolve(root, item);
        let shared: Vec<&Node> = item
            .get("parameters")
            .and_then(Node::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let label = format!("{} {}", method.to_uppercase(), path.name);
            let mut o = Op {
                label: label.clone(),
                span: item.key_span(method).unwrap_or(op.span),
                ..Op::default()
            };
            if let Some(body) = op.get("requestBody") {
                o.request_media = keys(resolve(root, body).get("content"));
            }
            if let Some(responses) = op.get("responses").and_then(Node::as_object) {
                for (code, r) in responses {
                    let media = keys(resolve(root, r).get("content"));
                    o.responses.insert(code.name.clone(), (code.span, media));
                }
            }
            let own: Vec<&Node> = op
                .get("parameters")
                .and_then(Node::as_array)
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            for p in shared.iter().chain(&own) {
                let p = resolve(root, p);
                let s = |f: &str| p.get(f).and_then(Node::as_str).unwrap_or("").to_string();
                let (loc, name) = (s("in"), s("name"));
                let default_style = if matches!(loc.as_str(), "query" | "cookie") {
                    "form"
                } else {
                    "simple"
                };
                let style = p
                    .get("style")
                    .and_then(Node::as_str)
                    .unwrap_or(default_style)
                    .to_string();
                let explode = p
                    .get("explode")
                    .and_then(Node::as_bool)
                    .unwrap_or(style == "form");
                o.params
                    .insert(format!("{loc}:{name}"), (style, explode, p.span));
            }
            o.security = security(op.get("security")).unwrap_or_else(|| global_security.clone());
            o.security_span = op
                .get("security")
                .or(root.get("security"))
                .map(|n| n.span)
                .unwrap_or(o.span);
            let key = op
                .get("operationId")
                .and_then(Node::as_str)
                .map(|id| format!("{label} ({id})"))
                .unwrap_or(label);
            into.ops.insert(key, o);
        }
    }
}

fn documents(side: &Side) -> Doc {
    let mut doc = Doc::default();
    for (id, file) in side.loaded.sources.files() {
        if file.path.to_string_lossy().starts_with('<') {
            continue;
        }
        let t = &file.text;
        if !(t.contains("openapi") || t.contains("swagger")) {
            continue;
        }
        if let Some(root) = crate::openapi::document_tree(id, t) {
            read(&root, &mut doc);
        }
    }
    doc
}

struct Out<'a> {
    old: &'a Side<'a>,
    new: &'a Side<'a>,
    found: Vec<Found>,
}

impl Out<'_> {
    fn push(
        &mut self,
        rule: &'static str,
        message: String,
        operation: Option<&str>,
        spans: (Span, Span),
        facts: Facts,
    ) {
        self.found.push(Found {
            change: Change {
                rule,
                message,
                subject: Subject {
                    operation: operation.map(str::to_string),
                    ..Subject::default()
                },
                old: self.old.location(spans.0),
                new: self.new.location(spans.1),
                wire: wire::verdict(rule, &facts),
                semver: Pair::both(Semver::Patch),
                rust: Vec::new(),
            },
            claims: Vec::new(),
        });
    }
}

fn is_success(code: &str) -> bool {
    code.starts_with('2') || code.starts_with('3')
}

pub fn compare(old: &Side, new: &Side) -> Vec<Found> {
    let (od, nd) = (documents(old), documents(new));
    let mut out = Out {
        old,
        new,
        found: Vec::new(),
    };
    if od.ops.is_empty() && nd.ops.is_empty() && od.schemes.is_empty() && nd.schemes.is_empty() {
        return out.found;
    }
    let f = Facts::default();
    for (name, (what, span)) in &od.schemes {
        match nd.schemes.get(name) {
            None => out.push(
                "RemovedSecurityScheme",
                format!("security scheme {name} was removed"),
                None,
                (*span, Span::default()),
                f,
            ),
            Some((w, s)) if w != what => out.push(
                "ChangedSecurityScheme",
                format!("security scheme {name} changed from {what} to {w}"),
                None,
                (*span, *s),
                f,
            ),
            _ => {}
        }
    }
    for (name, (_, span)) in &nd.schemes {
        if !od.schemes.contains_key(name) {
            out.push(
                "AddedSecurityScheme",
                format!("security scheme {name} was added"),
                None,
                (Span::default(), *span),
                f,
            );
        }
    }
    // Operations pair up by method and path; one whose path or method
    // changed is the model rules' business.
    let by_label = |d: &Doc| -> BTreeMap<String, String> {
        d.ops
            .iter()
            .map(|(k, o)| (o.label.clone(), k.clone()))
            .collect()
    };
    let (ol, nl) = (by_label(&od), by_label(&nd));
    for (label, ok) in &ol {
        let Some(nk) = nl.get(label) else { continue };
        let (o, n) = (&od.ops[ok], &nd.ops[nk]);
        let op = Some(label.as_str());
        for (mt, s) in &o.request_media {
            if !n.request_media.contains_key(mt) {
                out.push(
                    "RemovedRequestMediaType",
                    format!("{label}: request media type {mt} is no longer accepted"),
                    op,
                    (*s, n.span),
                    f,
                );
            }
        }
        for (mt, s) in &n.request_media {
            if !o.request_media.contains_key(mt) {
                out.push(
                    "AddedRequestMediaType",
                    format!("{label}: request media type {mt} is now accepted"),
                    op,
                    (o.span, *s),
                    f,
                );
            }
        }
        // One success code on each side is the one the model keeps: a change
        // of it is `ChangedHttpStatusCode`.
        let successes = |op: &Op| op.responses.keys().filter(|c| is_success(c)).count();
        let single = successes(o) == 1 && successes(n) == 1;
        let reported = |code: &str| (is_success(code) && !single) || code == "default";
        for (code, (cs, media)) in &o.responses {
            match n.responses.get(code) {
                None if reported(code) => {
                    out.push(
                        "RemovedResponseStatus",
                        format!("{label}: no longer answers {code}"),
                        op,
                        (*cs, n.span),
                        f,
                    );
                }
                None => {}
                Some((ns, nmedia)) => {
                    for (mt, s) in media {
                        if !nmedia.contains_key(mt) {
                            out.push(
                                "RemovedResponseMediaType",
                                format!("{label}: the {code} response no longer comes as {mt}"),
                                op,
                                (*s, *ns),
                                f,
                            );
                        }
                    }
                    for (mt, s) in nmedia {
                        if !media.contains_key(mt) {
                            out.push(
                                "AddedResponseMediaType",
                                format!("{label}: the {code} response can now come as {mt}"),
                                op,
                                (*cs, *s),
                                f,
                            );
                        }
                    }
                }
            }
        }
        for (code, (cs, _)) in &n.responses {
            if !o.responses.contains_key(code) && reported(code) {
                out.push(
                    "AddedResponseStatus",
                    format!("{label}: can now answer {code}"),
                    op,
                    (o.span, *cs),
                    f,
                );
            }
        }
        for (key, (style, explode, s)) in &o.params {
            if let Some((ns, ne, nsp)) = n.params.get(key) {
                if ns != style || ne != explode {
                    out.push(
                        "ChangedParameterStyle",
                        format!("{label}: parameter {key} changed from style {style} explode {explode} to style {ns} explode {ne}"),
                        op,
                        (*s, *nsp),
                        f,
                    );
                }
            }
        }
        if o.security != n.security {
            // An old way in that is gone narrows; a new one widens.
            let anonymous =
                |s: &BTreeSet<BTreeSet<String>>| s.is_empty() || s.contains(&BTreeSet::new());
            let (narrowed, widened) = match (anonymous(&o.security), anonymous(&n.security)) {
                (true, false) => (true, false),
                (false, true) => (false, true),
                _ => (
                    o.security.iter().any(|r| !n.security.contains(r)),
                    n.security.iter().any(|r| !o.security.contains(r)),
                ),
            };
            let show = |s: &BTreeSet<BTreeSet<String>>| {
                if s.is_empty() {
                    return "none".to_string();
                }
                s.iter()
                    .map(|r| {
                        if r.is_empty() {
                            "anonymous".to_string()
                        } else {
                            r.iter().cloned().collect::<Vec<_>>().join("+")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" or ")
            };
            out.push(
                "ChangedSecurityRequirement",
                format!(
                    "{label}: security changed from {} to {}",
                    show(&o.security),
                    show(&n.security)
                ),
                op,
                (o.security_span, n.security_span),
                Facts {
                    narrowed,
                    widened,
                    ..f
                },
            );
        }
    }
    out.found
}
