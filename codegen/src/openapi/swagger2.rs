//! Swagger 2.0 → OpenAPI 3.0, on the node tree.
//!
//! The same moves swagger2openapi makes: `definitions` → `components/schemas`
//! (with every `$ref` rewritten), body parameters → `requestBody`, `formData`
//! → a form `requestBody`, `consumes` / `produces` → media types, response
//! `schema` → `content`, `securityDefinitions` → `securitySchemes`, and
//! `host` / `basePath` / `schemes` → `servers`. Nodes are moved or cloned,
//! never rebuilt from text, so spans still point at the Swagger file.
//!
//! The original body parameter's name is kept as `x-apigen-body-param` and
//! form bodies are marked `x-apigen-form-params`, so the loader can report
//! parameters as written.

use super::tree::{self, array, key, object, set, strings, take};
use crate::diag::Diagnostics;
use crate::node::{Key, Node, Value};
use crate::source::Span;

/// Schema keywords a 2.0 non-body parameter or header carries inline; 3.0
/// moves them under `schema`.
const SCHEMA_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

pub fn upgrade(root: Node, diags: &mut Diagnostics) -> Node {
    let span = root.span;
    let Value::Object(entries) = root.value else {
        return root;
    };
    let find = |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v);
    let ctx = Context {
        consumes: media_types(find("consumes")),
        produces: media_types(find("produces")),
        global_params: find("parameters").cloned(),
    };
    let servers = servers(find("host"), find("basePath"), find("schemes"));

    let mut out: Vec<(Key, Node)> = Vec::new();
    let mut components: Vec<(Key, Node)> = Vec::new();
    let mut components_key: Option<Key> = None;
    let mut servers = Some(servers);
    for (k, v) in entries {
        match k.name.as_str() {
            "swagger" => out.push((key("openapi", k.span), Node::string("3.0.3", v.span))),
            "host" | "basePath" | "schemes" => {
                if let Some(list) = servers.take().flatten() {
                    out.push((key("servers", k.span), list));
                }
            }
            "consumes" | "produces" => {}
            "paths" => out.push((k, paths(v, &ctx, diags))),
            "definitions" | "parameters" | "responses" | "securityDefinitions" => {
                components_key.get_or_insert_with(|| key("components", k.span));
                let section = match k.name.as_str() {
                    "definitions" => "schemas",
                    "parameters" => "parameters",
                    "responses" => "responses",
                    _ => "securitySchemes",
                };
                let value = match section {
                    "parameters" => component_parameters(v),
                    "responses" => map_values(v, |r| response(r, &ctx.produces)),
                    "securitySchemes" => map_values(v, security_scheme),
                    _ => v,
                };
                components.push((key(section, k.span), value));
            }
            _ => out.push((k, v)),
        }
    }
    if let Some(k) = components_key {
        let span = k.span;
        out.push((k, object(span, components)));
    }
    let mut doc = object(span, out);
    rewrite(&mut doc, "");
    doc
}

struct Context {
    consumes: Vec<Node>,
    produces: Vec<Node>,
    /// The raw 2.0 `parameters` section, for inlining `$ref`s to body and
    /// form parameters (3.0 has no such parameters to point at).
    global_params: Option<Node>,
}

/// Media type list nodes; `application/json` when none is given.
fn media_types(node: Option<&Node>) -> Vec<Node> {
    let list: Vec<Node> = node
        .and_then(Node::as_array)
        .map(|items| {
            items
                .iter()
                .filter(|n| n.as_str().is_some())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    if list.is_empty() {
        vec![Node::string(
            "application/json",
            node.map(|n| n.span).unwrap_or_default(),
        )]
    } else {
        list
    }
}

fn servers(host: Option<&Node>, base: Option<&Node>, schemes: Option<&Node>) -> Option<Node> {
    let anchor = host.or(base).or(schemes)?;
    let base_path = base.and_then(Node::as_str).unwrap_or("");
    let urls: Vec<Node> = match host.and_then(Node::as_str) {
        Some(h) => {
            let mut names = strings(schemes);
            if names.is_empty() {
                names.push("https".to_string());
            }
            names
                .iter()
                .map(|s| Node::string(format!("{s}://{h}{base_path}"), anchor.span))
                .collect()
        }
        None => vec![Node::string(
            if base_path.is_empty() { "/" } else { base_path },
            anchor.span,
        )],
    };
    Some(array(
        anchor.span,
        urls.into_iter()
            .map(|u| {
                let span = u.span;
                object(span, vec![(key("url", span), u)])
            })
            .collect(),
    ))
}

fn map_values(node: Node, f: impl Fn(Node) -> Node) -> Node {
    let span = node.span;
    match node.value {
        Value::Object(entries) => {
            object(span, entries.into_iter().map(|(k, v)| (k, f(v))).collect())
        }
        other => Node::new(other, span),
    }
}

fn paths(node: Node, ctx: &Context, diags: &mut Diagnostics) -> Node {
    let span = node.span;
    let Value::Object(entries) = node.value else {
        return Node::new(node.value, span);
    };
    let mut out = Vec::new();
    for (path_key, item) in entries {
        if path_key.name.starts_with("x-") {
            out.push((path_key, item));
            continue;
        }
        out.push((path_key, path_item(item, ctx, diags)));
    }
    object(span, out)
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

fn path_item(mut item: Node, ctx: &Context, diags: &mut Diagnostics) -> Node {
    // Path-level parameters: body and form ones move into each operation.
    let shared: Vec<Node> = take(&mut item, "parameters")
        .map(|(k, list)| {
            let params = list.as_array().map(<[Node]>::to_vec).unwrap_or_default();
            let (bodies, plain): (Vec<Node>, Vec<Node>) = params
                .into_iter()
                .map(|p| resolve_param(p, ctx))
                .partition(is_body_or_form);
            if !plain.is_empty() {
                let converted = plain.into_iter().map(parameter).collect();
                set(&mut item, k.clone(), array(list.span, converted));
            }
            bodies
        })
        .unwrap_or_default();
    if let Some(entries) = tree::entries_mut(&mut item) {
        for (k, op) in entries.iter_mut() {
            if METHODS.contains(&k.name.as_str()) {
                let taken = std::mem::replace(op, Node::null(op.span));
                *op = operation(taken, &shared, ctx, diags);
            }
        }
    }
    item
}

fn is_body_or_form(p: &Node) -> bool {
    matches!(
        p.get("in").and_then(Node::as_str),
        Some("body") | Some("formData")
    )
}

/// Inlines `$ref: '#/parameters/X'` when X is a body or form parameter.
fn resolve_param(p: Node, ctx: &Context) -> Node {
    let target = p
        .get("$ref")
        .and_then(Node::as_str)
        .and_then(|r| r.strip_prefix("#/parameters/"))
        .and_then(|name| ctx.global_params.as_ref()?.get(name));
    match target {
        Some(t) if is_body_or_form(t) => t.clone(),
        _ => p,
    }
}

fn operation(mut op: Node, shared: &[Node], ctx: &Context, diags: &mut Diagnostics) -> Node {
    let consumes = take(&mut op, "consumes")
        .map(|(_, v)| media_types(Some(&v)))
        .unwrap_or_else(|| ctx.consumes.clone());
    let produces = take(&mut op, "produces")
        .map(|(_, v)| media_types(Some(&v)))
        .unwrap_or_else(|| ctx.produces.clone());
    take(&mut op, "schemes");

    let mut body: Option<Node> = None;
    let mut form: Vec<Node> = Vec::new();
    if let Some((k, list)) = take(&mut op, "parameters") {
        let mut plain = Vec::new();
        let own: Vec<Node> = list.as_array().map(<[Node]>::to_vec).unwrap_or_default();
        let mut all: Vec<Node> = own.into_iter().map(|p| resolve_param(p, ctx)).collect();
        for s in shared {
            let same = |p: &Node| p.get("name") == s.get("name") && p.get("in") == s.get("in");
            if !all.iter().any(same) {
                all.push(s.clone());
            }
        }
        for p in all {
            match p.get("in").and_then(Node::as_str) {
                Some("body") => {
                    if body.is_some() {
                        diags.warning(
                            "openapi-invalid",
                            p.span,
                            "a second body parameter; Swagger 2.0 allows one, the first is used",
                        );
                    } else {
                        body = Some(p);
                    }
                }
                Some("formData") => form.push(p),
                _ => plain.push(parameter(p)),
            }
        }
        if !plain.is_empty() {
            set(&mut op, k.clone(), array(list.span, plain));
        }
        if let Some(b) = body {
            let span = b.span;
            set(
                &mut op,
                key("requestBody", k.span),
                body_request(b, &consumes),
            );
            if !form.is_empty() {
                diags.warning(
                    "openapi-invalid",
                    span,
                    "an operation has both a body and formData parameters; the formData parameters are ignored",
                );
            }
        } else if !form.is_empty() {
            set(
                &mut op,
                key("requestBody", k.span),
                form_request(form, &consumes),
            );
        }
    }
    if let Some(responses) = tree::get_mut(&mut op, "responses") {
        let taken = std::mem::replace(responses, Node::null(responses.span));
        *responses = map_values(taken, |r| {
            if r.get("$ref").is_some() {
                r
            } else {
                response(r, &produces)
            }
        });
    }
    op
}

/// A 2.0 non-body parameter: schema keywords move under `schema`,
/// `collectionFormat` becomes `style` / `explode`.
fn parameter(mut p: Node) -> Node {
    if p.get("$ref").is_some() {
        return p;
    }
    let location = p.get("in").and_then(Node::as_str).unwrap_or("").to_string();
    let schema = take_schema(&mut p);
    if let Some((k, format)) = take(&mut p, "collectionFormat") {
        let (style, explode) = match (format.as_str(), location.as_str()) {
            (Some("multi"), _) => ("form", true),
            (Some("ssv"), _) => ("spaceDelimited", false),
            (Some("pipes"), _) => ("pipeDelimited", false),
            (_, "query") => ("form", false),
            _ => ("simple", false),
        };
        set(
            &mut p,
            key("style", k.span),
            Node::string(style, format.span),
        );
        set(
            &mut p,
            key("explode", k.span),
            tree::boolean(explode, format.span),
        );
    }
    if let Some((k, s)) = schema {
        set(&mut p, k, s);
    }
    p
}

/// Moves the inline schema keywords of a parameter or header into a schema
/// node (keyed where `type` was written).
fn take_schema(node: &mut Node) -> Option<(Key, Node)> {
    let mut fields = Vec::new();
    let mut first: Option<Key> = None;
    for &kw in SCHEMA_KEYWORDS {
        if let Some((k, mut v)) = take(node, kw) {
            if kw == "items" {
                strip_collection_format(&mut v);
            }
            first.get_or_insert_with(|| key("schema", k.span));
            fields.push((k, v));
        }
    }
    let k = first?;
    let span = k.span;
    Some((k, object(span, fields)))
}

fn strip_collection_format(items: &mut Node) {
    take(items, "collectionFormat");
    if let Some(inner) = tree::get_mut(items, "items") {
        strip_collection_format(inner);
    }
}

fn body_request(mut b: Node, consumes: &[Node]) -> Node {
    let span = b.span;
    let name = take(&mut b, "name");
    let schema = take(&mut b, "schema");
    let mut out = Vec::new();
    if let Some(d) = take(&mut b, "description") {
        out.push(d);
    }
    if let Some(r) = take(&mut b, "required") {
        out.push(r);
    }
    let schema_node = schema
        .map(|(_, s)| s)
        .unwrap_or_else(|| Node::empty_object(span));
    let content = consumes
        .iter()
        .map(|ct| media_type_entry(ct, schema_node.clone()))
        .collect();
    out.push((key("content", span), object(span, content)));
    if let Some((k, n)) = name {
        out.push((key("x-apigen-body-param", k.span), n));
    }
    object(span, out)
}

/// `formData` parameters → one object schema, form-encoded (multipart when
/// the operation consumes it or uploads a file).
fn form_request(params: Vec<Node>, consumes: &[Node]) -> Node {
    let span = params.first().map(|p| p.span).unwrap_or_default();
    let multipart = consumes
        .iter()
        .any(|c| c.as_str() == Some("multipart/form-data"))
        || params
            .iter()
            .any(|p| p.get("type").and_then(Node::as_str) == Some("file"));
    let media = if multipart {
        "multipart/form-data"
    } else {
        "application/x-www-form-urlencoded"
    };
    let mut properties = Vec::new();
    let mut required = Vec::new();
    for mut p in params {
        let Some((name_key, name)) = take(&mut p, "name") else {
            continue;
        };
        let Some(name_text) = name.as_str().map(str::to_string) else {
            continue;
        };
        if p.get("required").and_then(Node::as_bool) == Some(true) {
            required.push(Node::string(name_text.clone(), name.span));
        }
        let description = take(&mut p, "description");
        let mut schema = take_schema(&mut p)
            .map(|(_, s)| s)
            .unwrap_or_else(|| Node::empty_object(p.span));
        if let Some((k, d)) = description {
            set(&mut schema, k, d);
        }
        properties.push((key(&name_text, name_key.span), schema));
    }
    let mut schema = vec![
        (key("type", span), Node::string("object", span)),
        (key("properties", span), object(span, properties)),
    ];
    if !required.is_empty() {
        schema.push((key("required", span), array(span, required)));
    }
    let media_node = Node::string(media, span);
    object(
        span,
        vec![
            (
                key("content", span),
                object(
                    span,
                    vec![media_type_entry(&media_node, object(span, schema))],
                ),
            ),
            (key("x-apigen-form-params", span), tree::boolean(true, span)),
        ],
    )
}

fn media_type_entry(media: &Node, schema: Node) -> (Key, Node) {
    let span = schema.span;
    (
        key(media.as_str().unwrap_or("application/json"), media.span),
        object(span, vec![(key("schema", span), schema)]),
    )
}

/// A 2.0 response: `schema` → `content`, header keywords → header `schema`.
fn response(mut r: Node, produces: &[Node]) -> Node {
    if r.get("$ref").is_some() {
        return r;
    }
    take(&mut r, "examples");
    if let Some((k, schema)) = take(&mut r, "schema") {
        let content = produces
            .iter()
            .map(|ct| media_type_entry(ct, schema.clone()))
            .collect();
        set(&mut r, key("content", k.span), object(schema.span, content));
    }
    if let Some(headers) = tree::get_mut(&mut r, "headers") {
        if let Some(entries) = tree::entries_mut(headers) {
            for (_, h) in entries.iter_mut() {
                if let Some((k, s)) = take_schema(h) {
                    set(h, k, s);
                }
            }
        }
    }
    // 3.0 requires a description.
    if r.get("description").is_none() {
        let span = r.span;
        set(&mut r, key("description", span), Node::string("", span));
    }
    r
}

/// `parameters` section: plain parameters stay parameters; body and form
/// ones are inlined where used, so they are left out here.
fn component_parameters(node: Node) -> Node {
    let span = node.span;
    let Value::Object(entries) = node.value else {
        return Node::new(node.value, span);
    };
    let kept = entries
        .into_iter()
        .filter(|(_, p)| !is_body_or_form(p))
        .map(|(k, p)| (k, parameter(p)))
        .collect();
    object(span, kept)
}

fn security_scheme(mut s: Node) -> Node {
    let span = s.span;
    let Some((type_key, kind)) = take(&mut s, "type") else {
        return s;
    };
    let mut out: Vec<(Key, Node)> = Vec::new();
    match kind.as_str() {
        Some("basic") => {
            out.push((type_key.clone(), Node::string("http", kind.span)));
            out.push((
                key("scheme", type_key.span),
                Node::string("basic", kind.span),
            ));
        }
        Some("oauth2") => {
            out.push((type_key.clone(), kind.clone()));
            let flow = take(&mut s, "flow");
            let name = match flow.as_ref().and_then(|(_, f)| f.as_str()) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                _ => "authorizationCode",
            };
            let flow_span = flow.as_ref().map(|(k, _)| k.span).unwrap_or(span);
            let mut fields = Vec::new();
            for field in ["authorizationUrl", "tokenUrl"] {
                if let Some(f) = take(&mut s, field) {
                    fields.push(f);
                }
            }
            let scopes = take(&mut s, "scopes")
                .unwrap_or_else(|| (key("scopes", span), Node::empty_object(span)));
            fields.push(scopes);
            out.push((
                key("flows", flow_span),
                object(
                    flow_span,
                    vec![(key(name, flow_span), object(flow_span, fields))],
                ),
            ));
        }
        _ => out.push((type_key, kind)),
    }
    if let Value::Object(rest) = s.value {
        out.extend(rest);
    }
    object(span, out)
}

/// Rewrites `$ref`s to their 3.0 homes and 2.0-only schema spellings
/// (`type: file`, `x-nullable`, a string `discriminator`), everywhere
/// outside example and extension data.
fn rewrite(node: &mut Node, parent: &str) {
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| rewrite(n, "")),
        Value::Object(entries) => {
            let mut nullable: Option<(Span, Node)> = None;
            let mut file: Option<Span> = None;
            for (k, v) in entries.iter_mut() {
                match k.name.as_str() {
                    "$ref" => {
                        if let Value::String(r) = &mut v.value {
                            for (from, to) in [
                                ("#/definitions/", "#/components/schemas/"),
                                ("#/parameters/", "#/components/parameters/"),
                                ("#/responses/", "#/components/responses/"),
                            ] {
                                if let Some(rest) = r.strip_prefix(from) {
                                    *r = format!("{to}{rest}");
                                    break;
                                }
                            }
                        }
                    }
                    "x-nullable" => nullable = Some((k.span, v.clone())),
                    "type" if v.as_str() == Some("file") => {
                        v.value = Value::String("string".into());
                        file = Some(v.span);
                    }
                    "discriminator" if v.as_str().is_some() => {
                        let span = v.span;
                        let name = std::mem::replace(v, Node::null(span));
                        *v = object(span, vec![(key("propertyName", span), name)]);
                    }
                    // Under a name map (`responses`, `properties`) a key like
                    // `default` is a name, elsewhere it is data.
                    name if tree::is_literal_key(name) && !tree::NAME_MAPS.contains(&parent) => {}
                    name => rewrite(v, name),
                }
            }
            if let Some(span) = file {
                if !entries.iter().any(|(k, _)| k.name == "format") {
                    entries.push((key("format", span), Node::string("binary", span)));
                }
            }
            if let Some((span, value)) = nullable {
                if !entries.iter().any(|(k, _)| k.name == "nullable") {
                    entries.push((key("nullable", span), value));
                }
            }
        }
        _ => {}
    }
}
