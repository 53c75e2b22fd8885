//! The service and its operations: one operation shape per path and method,
//! with `@http`, an `<Op>Input` structure bound to the parameters and body,
//! an `<Op>Output` structure from the success response, and an error
//! structure per 4xx / 5xx response.

use super::names::{member_ident, type_ident, Names};
use super::schemas::member;
use super::{child, string_node, Lowerer, Target};
use crate::model::{traits, OperationProps, Props, ServiceProps, Shape, ShapeId, ShapeKind};
use crate::node::{Key, Node, Number, Value};
use crate::openapi::{DocOperation, DocParameter};
use crate::source::Span;
use openapiv3::{
    Header, MediaType, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, PathItem,
    ReferenceOr, RequestBody, Response, Schema, SchemaKind, StatusCode, Type,
};
use std::borrow::Cow;

/// An operation with its names reserved, waiting to be lowered.
pub(super) struct Plan<'a> {
    path: String,
    method: &'static str,
    pointer: String,
    /// Borrowed from the typed document, unless the path item was a `$ref`
    /// read from elsewhere.
    operation: Cow<'a, Operation>,
    /// Path-level parameters, with the pointer of the path item.
    shared: Cow<'a, [ReferenceOr<Parameter>]>,
    path_pointer: String,
    id: ShapeId,
    input: ShapeId,
    output: ShapeId,
}

/// A parameter with where it was written.
struct Param<'a> {
    parameter: Cow<'a, Parameter>,
    pointer: String,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl<'a> Lowerer<'a> {
    /// Whether a parameter of shape `id` has a text form: a scalar, a list
    /// of them, or a union whose members are all scalars.
    fn bindable(&self, id: &ShapeId, depth: usize) -> bool {
        let Some(shape) = self.model.shapes.get(id) else {
            // Prelude simple types are not in the document's model.
            return id.is_prelude() && id.name != "Document";
        };
        match shape.kind {
            ShapeKind::Structure | ShapeKind::Map | ShapeKind::Document => false,
            ShapeKind::List => {
                depth == 0
                    && shape
                        .members
                        .first()
                        .is_some_and(|m| self.bindable(&m.target, 1))
            }
            // Depth 1 also keeps a list out of a union.
            ShapeKind::Union => shape.members.iter().all(|m| self.bindable(&m.target, 1)),
            _ => true,
        }
    }

    /// Whether a parameter of shape `id` is an object of single values (a
    /// structure or map whose members are scalars), which the `simple`,
    /// `label`, `matrix` and unexploded `form` styles can write.
    fn flat_object(&self, id: &ShapeId) -> bool {
        let Some(shape) = self.model.shapes.get(id) else {
            return false;
        };
        let scalar = |m: &crate::model::Member| {
            self.bindable(&m.target, 1)
                && self
                    .model
                    .shapes
                    .get(&m.target)
                    .is_none_or(|t| t.kind != ShapeKind::Union)
        };
        match shape.kind {
            ShapeKind::Structure => shape.members.iter().all(scalar),
            ShapeKind::Map => shape.member("value").is_some_and(scalar),
            _ => false,
        }
    }

    /// Names every operation and its input and output, in document order.
    pub(super) fn plan_operations(&mut self) -> Vec<Plan<'a>> {
        let api: &'a OpenAPI = self.api;
        let mut plans = Vec::new();
        for (path, item) in &api.paths.paths {
            let path_pointer = child("/paths", path);
            let Some((item, item_pointer)) = self.item::<PathItem>(item, &path_pointer) else {
                continue;
            };
            for &method in METHODS {
                let (operation, shared) = match &item {
                    Cow::Borrowed(item) => match operation_of(item, method) {
                        Some(op) => (Cow::Borrowed(op), Cow::Borrowed(item.parameters.as_slice())),
                        None => continue,
                    },
                    Cow::Owned(item) => match operation_of(item, method) {
                        Some(op) => (Cow::Owned(op.clone()), Cow::Owned(item.parameters.clone())),
                        None => continue,
                    },
                };
                let pointer = child(&item_pointer, method);
                let span = self.span(&pointer);
                let wanted = operation_name(path, method, operation.operation_id.as_deref());
                let what = format!("operation {} {path}", method.to_uppercase());
                let id = self.allocate(&wanted, span, &what);
                let input = self.allocate(&format!("{}Input", id.name), span, &what);
                let output = self.allocate(&format!("{}Output", id.name), span, &what);
                plans.push(Plan {
                    path: path.clone(),
                    method,
                    pointer,
                    operation,
                    shared,
                    path_pointer: item_pointer.clone(),
                    id,
                    input,
                    output,
                });
            }
        }
        plans
    }

    pub(super) fn service_id(&mut self) -> ShapeId {
        let title = &self.api.info.title;
        let span = self.span("/info/title");
        let wanted = if title.trim().is_empty() {
            "Service".to_string()
        } else {
            type_ident(title)
        };
        self.allocate(&wanted, span, "the service (from info.title)")
    }

    pub(super) fn lower_operations(
        &mut self,
        service: &ShapeId,
        plans: Vec<Plan<'a>>,
    ) -> Vec<DocOperation> {
        let mut docs = Vec::new();
        let mut operation_ids = Vec::new();
        for plan in plans {
            operation_ids.push(plan.id.clone());
            docs.push(self.operation(plan));
        }
        let info = &self.api.info;
        let span = self.span("/info");
        let mut shape = Shape::new(
            service.clone(),
            ShapeKind::Service,
            self.span("/info/title"),
        );
        shape.props = Props::Service(Box::new(ServiceProps {
            version: Some(info.version.clone()),
            operations: operation_ids,
            ..ServiceProps::default()
        }));
        shape
            .traits
            .insert(traits::title(), string_node(&info.title, span));
        self.service_traits(&mut shape.traits);
        if let Some(d) = info.description.as_deref().filter(|d| !d.trim().is_empty()) {
            shape.traits.insert(
                traits::documentation(),
                string_node(d, self.value_span("/info/description")),
            );
        }
        self.insert(shape);
        docs
    }

    fn operation(&mut self, plan: Plan<'a>) -> DocOperation {
        let op = &plan.operation;
        let span = self.span(&plan.pointer);
        let mut shape = Shape::new(plan.id.clone(), ShapeKind::Operation, span);

        let (doc_params, input, path_prefixes) = self.input(&plan);
        let (code, output) = self.output(&plan);
        let errors = self.errors(&plan);
        self.insert(input);
        self.insert(output);

        let mut uri = match plan.path.split('?').next() {
            Some(u) if !u.is_empty() => u.to_string(),
            _ => "/".to_string(),
        };
        // `label` and `matrix` path parameters: the prefix is literal text
        // of the template, so the label itself stays a plain `{name}`.
        for (name, prefix) in &path_prefixes {
            let label = format!("{{{name}}}");
            uri = uri.replace(&label, &format!("{prefix}{label}"));
        }
        shape.traits.insert(
            traits::http(),
            object(
                span,
                vec![
                    ("method", string_node(&plan.method.to_uppercase(), span)),
                    ("uri", string_node(&uri, span)),
                    (
                        "code",
                        Node::new(Value::Number(Number::Int(code.into())), span),
                    ),
                ],
            ),
        );
        if let Some(requirements) = &op.security {
            let auth = self.operation_auth(requirements, span);
            shape.traits.insert(traits::auth(), auth);
        }
        match plan.method {
            "get" => {
                shape
                    .traits
                    .insert(traits::readonly(), Node::empty_object(span));
            }
            "put" | "delete" => {
                shape
                    .traits
                    .insert(traits::idempotent(), Node::empty_object(span));
            }
            _ => {}
        }
        if let Some(d) = op.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let at = self.value_span(&child(&plan.pointer, "description"));
            shape
                .traits
                .insert(traits::documentation(), string_node(d, at));
        }
        if let Some(s) = op.summary.as_deref().filter(|s| !s.trim().is_empty()) {
            let at = self.value_span(&child(&plan.pointer, "summary"));
            shape.traits.insert(traits::summary(), string_node(s, at));
        }
        if !op.tags.is_empty() {
            let tags = op.tags.iter().map(|t| string_node(t, span)).collect();
            shape
                .traits
                .insert(traits::tags(), Node::new(Value::Array(tags), span));
        }
        if op.deprecated {
            shape
                .traits
                .insert(traits::deprecated(), Node::empty_object(span));
        }
        if !op.callbacks.is_empty() {
            self.unsupported(&child(&plan.pointer, "callbacks"), "callbacks");
        }
        shape.props = Props::Operation(OperationProps {
            input: plan.input.clone(),
            output: plan.output.clone(),
            errors,
        });
        self.insert(shape);

        DocOperation {
            name: plan.id.name.clone(),
            operation_id: op.operation_id.clone(),
            method: plan.method.to_string(),
            path: plan.path.clone(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            tags: op.tags.clone(),
            parameters: doc_params,
            span,
        }
    }

    /// Path-level parameters overridden by the operation's own (same name
    /// and location), resolved.
    fn parameters<'p>(&mut self, plan: &'p Plan<'a>) -> Vec<Param<'p>> {
        let mut out: Vec<Param> = Vec::new();
        let shared = plan.shared.iter().enumerate().map(|(i, p)| {
            (
                p,
                child(&child(&plan.path_pointer, "parameters"), &i.to_string()),
            )
        });
        let own = plan.operation.parameters.iter().enumerate().map(|(i, p)| {
            (
                p,
                child(&child(&plan.pointer, "parameters"), &i.to_string()),
            )
        });
        for (r, pointer) in shared.chain(own).collect::<Vec<_>>() {
            let Some((parameter, pointer)) = self.item::<Parameter>(r, &pointer) else {
                continue;
            };
            let same = |p: &Param| {
                p.parameter.parameter_data_ref().name == parameter.parameter_data_ref().name
                    && location(&p.parameter) == location(&parameter)
            };
            out.retain(|p| !same(p));
            out.push(Param { parameter, pointer });
        }
        out
    }

    /// The input structure, the parameters as the document wrote them, and
    /// the scalar path parameters in `label` or `matrix` style with the text
    /// their value follows in the path (`.`, `;name=`), for the URI template.
    fn input(&mut self, plan: &Plan<'a>) -> (Vec<DocParameter>, Shape, Vec<(String, String)>) {
        let span = self.span(&plan.pointer);
        let mut shape = Shape::new(plan.input.clone(), ShapeKind::Structure, span);
        shape
            .traits
            .insert(traits::input(), Node::empty_object(span));
        let mut names = Names::default();
        let mut docs = Vec::new();
        let mut path_prefixes = Vec::new();
        for Param { parameter, pointer } in self.parameters(plan) {
            let data = parameter.parameter_data_ref();
            let where_ = location(&parameter);
            let name_span = self.value_span(&child(&pointer, "name"));
            let (schema, schema_pointer) = match &data.format {
                ParameterSchemaOrContent::Schema(s) => (Some(s), child(&pointer, "schema")),
                ParameterSchemaOrContent::Content(content) => match pick_media(content) {
                    Some((mt, m)) => (
                        m.schema.as_ref(),
                        child(&child(&child(&pointer, "content"), mt), "schema"),
                    ),
                    None => (None, pointer.clone()),
                },
            };
            docs.push(DocParameter {
                name: data.name.clone(),
                location: where_.to_string(),
                schema_type: schema
                    .as_ref()
                    .and_then(|s| self.schema_type(s, &schema_pointer)),
                span: name_span,
            });
            let binding = match where_ {
                "path" => traits::http_label(),
                "query" => traits::http_query(),
                "header" => traits::http_header(),
                _ => traits::http_cookie(),
            };
            let style = query_delimiter(&parameter);
            let path_style = match &*parameter {
                Parameter::Path { style, .. } => Some(style.clone()),
                _ => None,
            };
            let member_name = names.allocate_member(
                &member_ident(&data.name),
                name_span,
                &format!("parameter \"{}\" of {}", data.name, plan.id.name),
                self.diags,
            );
            let hint = format!("{}{}", plan.input.name, type_ident(&member_name));
            let target = match schema {
                Some(s) => self.target(s.into(), &schema_pointer, &hint),
                None => Target::plain(ShapeId::prelude("String")),
            };
            // A value that can be an object: in the query as a deepObject
            // (`f[a]=1`) or an exploded form (`a=1`); elsewhere, and as an
            // unexploded form, left out with a located warning rather than
            // sent wrong.
            let mut object_style = None;
            let mut flat_object = None;
            if !self.bindable(&target.id, 0) {
                object_style = match &*parameter {
                    Parameter::Query { style, .. } => match style {
                        openapiv3::QueryStyle::DeepObject => Some("deepObject"),
                        openapiv3::QueryStyle::Form if data.explode != Some(false) => Some("form"),
                        _ => None,
                    },
                    _ => None,
                };
                if object_style.is_none() {
                    // Elsewhere, an object of single values in its style.
                    let exploded = data.explode == Some(true)
                        || (where_ == "cookie" && data.explode.is_none());
                    let query_form = matches!(
                        &*parameter,
                        Parameter::Query {
                            style: openapiv3::QueryStyle::Form,
                            ..
                        }
                    );
                    flat_object = match (where_, &path_style, exploded) {
                        ("query", _, _) if !query_form => None,
                        (_, _, false) => Some("pairs"),
                        (_, Some(openapiv3::PathStyle::Label), true) => Some("."),
                        (_, Some(openapiv3::PathStyle::Matrix), true) => Some(";"),
                        ("path" | "header", _, true) => Some(","),
                        ("cookie", _, true) => Some("cookies"),
                        _ => None,
                    }
                    .filter(|_| self.flat_object(&target.id));
                }
                if object_style.is_none() && flat_object.is_none() {
                    self.unsupported_as(
                        &pointer,
                        &format!(
                            "{where_} parameters whose value can be an object are supported as objects of single values (in the query also as deepObject): \"{}\" is left out of the input",
                            data.name
                        ),
                    );
                    continue;
                }
            }
            // Label and matrix style are the simple form behind a fixed
            // prefix (RFC 6570's `{.x}`, `{;x}`); an array's items are
            // separated by a delimiter that depends on the style.
            let is_list = self
                .model
                .shapes
                .get(&target.id)
                .is_some_and(|s| s.kind == ShapeKind::List);
            if is_list && where_ == "cookie" {
                // `form` style gives no reading of an array in a cookie
                // that servers agree on.
                self.unsupported_as(
                    &pointer,
                    &format!(
                        "cookie parameters that are arrays are not supported: \"{}\" is left out of the input",
                        data.name
                    ),
                );
                continue;
            }
            let exploded = data.explode == Some(true);
            let label_delimiter = match &path_style {
                Some(openapiv3::PathStyle::Label) => {
                    path_prefixes.push((data.name.clone(), ".".into()));
                    if exploded { "." } else { "," }.to_string()
                }
                Some(openapiv3::PathStyle::Matrix) => {
                    // An exploded object names its properties, not itself.
                    let prefix = if flat_object == Some(";") {
                        ";".to_string()
                    } else {
                        format!(";{}=", data.name)
                    };
                    path_prefixes.push((data.name.clone(), prefix.clone()));
                    if exploded {
                        prefix
                    } else {
                        ",".into()
                    }
                }
                _ => ",".into(),
            };
            let mut m = member(&member_name, target, name_span);
            if is_list && where_ == "path" {
                m.traits.insert(
                    traits::http_label_delimiter(),
                    string_node(&label_delimiter, name_span),
                );
            }
            if where_ == "path" {
                m.traits.insert(binding, Node::empty_object(name_span));
                m.traits
                    .insert(traits::required(), Node::empty_object(name_span));
            } else {
                m.traits.insert(binding, string_node(&data.name, name_span));
                if data.required {
                    m.traits
                        .insert(traits::required(), Node::empty_object(name_span));
                }
            }
            if let Some(style) = flat_object {
                m.traits
                    .insert(traits::http_object_style(), string_node(style, name_span));
            }
            if let Some(object_style) = object_style {
                m.traits.insert(
                    traits::http_query_object(),
                    string_node(object_style, name_span),
                );
            }
            if let Some(delimiter) = style {
                m.traits.insert(
                    traits::http_query_delimiter(),
                    string_node(delimiter, name_span),
                );
            }
            if let Some(d) = data.description.as_deref().filter(|d| !d.trim().is_empty()) {
                m.traits
                    .insert(traits::documentation(), string_node(d, name_span));
            }
            if data.deprecated == Some(true) {
                m.traits
                    .insert(traits::deprecated(), Node::empty_object(name_span));
            }
            shape.members.push(m);
        }

        let body_pointer = child(&plan.pointer, "requestBody");
        let body = plan.operation.request_body.as_ref();
        if let Some((body, pointer)) = body.and_then(|b| self.item::<RequestBody>(b, &body_pointer))
        {
            let span = self.span(&body_pointer);
            let picked = pick_media(&body.content);
            let (target, schema_type) = match &picked {
                Some((
                    mt,
                    MediaType {
                        schema: Some(s), ..
                    },
                )) => {
                    let schema_pointer = child(&child(&child(&pointer, "content"), mt), "schema");
                    let hint = format!("{}Body", plan.input.name);
                    (
                        self.target(s.into(), &schema_pointer, &hint),
                        self.schema_type(s, &schema_pointer),
                    )
                }
                Some((mt, _)) if !mt.contains("json") => {
                    (Target::plain(ShapeId::prelude("Blob")), None)
                }
                _ => (Target::plain(ShapeId::prelude("Document")), None),
            };
            docs.extend(self.body_parameters(&body, &pointer, span, schema_type));
            let name = names.allocate_member("body", span, "the request body", self.diags);
            let mut m = member(&name, target, span);
            m.traits
                .insert(traits::http_payload(), Node::empty_object(span));
            if let Some((mt, media)) = &picked {
                let mt = mt.to_ascii_lowercase();
                // `*/*` accepts anything: the client sends JSON.
                let structured = media.schema.is_some()
                    && !mt.contains("json")
                    && !mt.contains('*')
                    && !mt.starts_with("text/")
                    && mt != "application/octet-stream";
                if structured
                    && mt != "application/x-www-form-urlencoded"
                    && mt != "multipart/form-data"
                {
                    self.unsupported_as(
                        &child(&child(&pointer, "content"), &mt),
                        &format!("{mt} request bodies are not supported: the client sends the structure as JSON"),
                    );
                }
                m.traits
                    .insert(traits::payload_media_type(), string_node(&mt, span));
                // Properties the document encodes as `key[sub]=value`.
                let deep: Vec<Node> = media
                    .encoding
                    .iter()
                    .filter(|(_, e)| {
                        mt == "application/x-www-form-urlencoded"
                            && e.style == Some(openapiv3::QueryStyle::DeepObject)
                    })
                    .map(|(name, _)| string_node(name, span))
                    .collect();
                if !deep.is_empty() {
                    m.traits.insert(
                        traits::form_deep_object(),
                        Node::new(Value::Array(deep), span),
                    );
                }
            }
            if body.required {
                m.traits
                    .insert(traits::required(), Node::empty_object(span));
            }
            if let Some(d) = body.description.as_deref().filter(|d| !d.trim().is_empty()) {
                m.traits
                    .insert(traits::documentation(), string_node(d, span));
            }
            shape.members.push(m);
        }
        (docs, shape, path_prefixes)
    }

    /// The body as parameters, the way the document wrote it: a Swagger 2.0
    /// body parameter keeps its name, form fields are one parameter each.
    fn body_parameters(
        &self,
        body: &RequestBody,
        pointer: &str,
        span: Span,
        schema_type: Option<String>,
    ) -> Vec<DocParameter> {
        if body.extensions.get("x-apigen-form-params").is_some() {
            let form = body
                .content
                .iter()
                .next()
                .and_then(|(mt, m)| Some((mt, m.schema.as_ref()?)));
            if let Some((mt, ReferenceOr::Item(schema))) = form {
                if let SchemaKind::Type(Type::Object(o)) = &schema.schema_kind {
                    let props = child(
                        &child(&child(&child(pointer, "content"), mt), "schema"),
                        "properties",
                    );
                    return o
                        .properties
                        .iter()
                        .map(|(name, s)| DocParameter {
                            name: name.clone(),
                            location: "formData".into(),
                            schema_type: match s {
                                ReferenceOr::Item(s) => simple_type(s),
                                ReferenceOr::Reference { .. } => None,
                            },
                            span: self.span(&child(&props, name)),
                        })
                        .collect();
                }
            }
        }
        let name = body
            .extensions
            .get("x-apigen-body-param")
            .and_then(|v| v.as_str())
            .unwrap_or("body")
            .to_string();
        let span = if name == "body" {
            span
        } else {
            self.value_span(&child(pointer, "x-apigen-body-param"))
        };
        vec![DocParameter {
            name,
            location: "body".into(),
            schema_type,
            span,
        }]
    }

    /// The JSON type a schema declares, following `$ref`s.
    fn schema_type(&mut self, schema: &ReferenceOr<Schema>, pointer: &str) -> Option<String> {
        match schema {
            ReferenceOr::Item(s) => simple_type(s),
            ReferenceOr::Reference { reference } => {
                let node = self.node_at(reference.strip_prefix('#')?)?;
                let schema: Schema = serde_json::from_value(node.to_json()).ok()?;
                let _ = pointer;
                simple_type(&schema)
            }
        }
    }

    fn output(&mut self, plan: &Plan<'a>) -> (u16, Shape) {
        let span = self.span(&plan.pointer);
        let responses = &plan.operation.responses;
        let success = responses
            .responses
            .iter()
            .filter_map(|(code, r)| success_code(code).map(|c| (c, code, r)))
            .min_by_key(|(c, ..)| *c);
        let responses_pointer = child(&plan.pointer, "responses");
        let (code, picked) = match success {
            Some((c, code, r)) => (c, Some((r, child(&responses_pointer, &status_key(code))))),
            None => (
                200,
                responses
                    .default
                    .as_ref()
                    .map(|r| (r, child(&responses_pointer, "default"))),
            ),
        };
        let mut shape = Shape::new(plan.output.clone(), ShapeKind::Structure, span);
        shape
            .traits
            .insert(traits::output(), Node::empty_object(span));
        let mut picked_body = None;
        if let Some((r, pointer)) = picked {
            if let Some((response, resolved)) = self.item::<Response>(r, &pointer) {
                shape.members = self.response_members(&response, &resolved, &plan.output);
                picked_body = Some(body_schema(&response));
            }
        }
        let mut others: Vec<(u16, &StatusCode, &ReferenceOr<Response>)> = responses
            .responses
            .iter()
            .filter_map(|(k, r)| success_code(k).map(|c| (c, k, r)))
            .filter(|(c, ..)| *c != code)
            .collect();
        others.sort_by_key(|(c, ..)| *c);
        if !others.is_empty() {
            self.several_successes(plan, &mut shape, code, picked_body.flatten(), &others);
        }
        (code, shape)
    }

    /// An operation answering with several success statuses: the output
    /// gains a `status` member (`@httpResponseCode`), and a body read only
    /// when the lowest status came (`apigen.api#payloadStatus`) if another
    /// status declares a different body, which is then not read (a located
    /// warning) rather than misread.
    fn several_successes(
        &mut self,
        plan: &Plan<'a>,
        shape: &mut Shape,
        code: u16,
        picked_body: Option<ReferenceOr<Schema>>,
        others: &[(u16, &StatusCode, &ReferenceOr<Response>)],
    ) {
        let span = shape.span;
        let responses_pointer = child(&plan.pointer, "responses");
        let mut codes = vec![code.to_string()];
        let mut differs = false;
        for (c, key, r) in others {
            codes.push(c.to_string());
            let pointer = child(&responses_pointer, &status_key(key));
            let Some((response, _)) = self.item::<Response>(r, &pointer) else {
                continue;
            };
            let Some(body) = body_schema(&response) else {
                continue;
            };
            if picked_body.as_ref() != Some(&body) {
                differs = true;
                self.unsupported_as(
                    &pointer,
                    &format!(
                        "a body for each of several success statuses is not supported: the {c} response's body is not read ({} holds the body of {code}; its `status` tells the answers apart)",
                        plan.output.name
                    ),
                );
            }
        }
        if differs {
            if let Some(body) = shape
                .members
                .iter_mut()
                .find(|m| m.traits.contains_key(&traits::http_payload()))
            {
                body.traits.insert(
                    traits::payload_status(),
                    Node::new(Value::Number(Number::Int(code.into())), span),
                );
            }
        }
        if shape.members.iter().any(|m| m.name == "status") {
            return;
        }
        let mut status = member("status", Target::plain(ShapeId::prelude("Integer")), span);
        status
            .traits
            .insert(traits::http_response_code(), Node::empty_object(span));
        status.traits.insert(
            traits::documentation(),
            string_node(
                &format!(
                    "The HTTP status the service answered with: {}.",
                    codes.join(", ")
                ),
                span,
            ),
        );
        shape.members.push(status);
    }

    fn errors(&mut self, plan: &Plan<'a>) -> Vec<ShapeId> {
        let responses = &plan.operation.responses;
        let responses_pointer = child(&plan.pointer, "responses");
        let has_success = responses
            .responses
            .keys()
            .any(|c| success_code(c).is_some());
        let mut list: Vec<(Option<u16>, String, &ReferenceOr<Response>)> = responses
            .responses
            .iter()
            .filter_map(|(code, r)| {
                let c = error_code(code)?;
                Some((Some(c), status_key(code), r))
            })
            .collect();
        if has_success {
            if let Some(d) = &responses.default {
                list.push((None, "default".into(), d));
            }
        }
        let mut ids = Vec::new();
        for (code, key, r) in list {
            let pointer = child(&responses_pointer, &key);
            if let Some(id) = self.error_shape(plan, code, &key, r, &pointer) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }

    fn error_shape(
        &mut self,
        plan: &Plan<'a>,
        code: Option<u16>,
        key: &str,
        r: &ReferenceOr<Response>,
        pointer: &str,
    ) -> Option<ShapeId> {
        // A shared response (`components/responses/NotFound`) is one error
        // shape for every operation that uses it with the same code.
        let shared = match r {
            ReferenceOr::Reference { reference } => reference
                .strip_prefix("#/components/responses/")
                .map(|n| n.replace("~1", "/").replace("~0", "~")),
            ReferenceOr::Item(_) => None,
        };
        if let Some(name) = &shared {
            if let Some(id) = self.error_shapes.get(&(name.clone(), key.to_string())) {
                return Some(id.clone());
            }
        }
        let (response, resolved) = self.item::<Response>(r, pointer)?;
        let span = self.span(&resolved);
        let wanted = match &shared {
            Some(name) => type_ident(name),
            None => {
                let reason = reason(code);
                if reason.ends_with("Error") {
                    format!("{}{reason}", plan.id.name)
                } else {
                    format!("{}{reason}Error", plan.id.name)
                }
            }
        };
        let id = self.allocate(
            &wanted,
            span,
            &format!("the {key} response of {}", plan.id.name),
        );
        if let Some(name) = shared {
            self.error_shapes
                .insert((name, key.to_string()), id.clone());
        }
        let mut shape = Shape::new(id.clone(), ShapeKind::Structure, span);
        let kind = if code.is_some_and(|c| c < 500) {
            "client"
        } else {
            "server"
        };
        shape
            .traits
            .insert(traits::error(), string_node(kind, span));
        if let Some(c) = code {
            shape.traits.insert(
                traits::http_error(),
                Node::new(Value::Number(Number::Int(c.into())), span),
            );
        }
        if !response.description.trim().is_empty() {
            shape.traits.insert(
                traits::documentation(),
                string_node(&response.description, span),
            );
        }
        // Placeholder first: the members may name shapes after this one.
        self.insert(shape.clone());
        shape.members = self.response_members(&response, &resolved, &id);
        self.insert(shape);
        Some(id)
    }

    /// A response's body (`@httpPayload`) and headers (`@httpHeader`).
    fn response_members(
        &mut self,
        response: &Response,
        pointer: &str,
        owner: &ShapeId,
    ) -> Vec<crate::model::Member> {
        let mut names = Names::default();
        let mut members = Vec::new();
        if let Some((mt, media)) = pick_media(&response.content) {
            let content_pointer = child(&child(pointer, "content"), mt);
            let span = self.span(&content_pointer);
            let target = match &media.schema {
                Some(s) => self.target(
                    s.into(),
                    &child(&content_pointer, "schema"),
                    &format!("{}Body", owner.name),
                ),
                None if mt.contains("json") => Target::plain(ShapeId::prelude("Document")),
                None => Target::plain(ShapeId::prelude("Blob")),
            };
            let name = names.allocate_member("body", span, "the response body", self.diags);
            let mut m = member(&name, target, span);
            m.traits
                .insert(traits::http_payload(), Node::empty_object(span));
            members.push(m);
        }
        for (header_name, h) in &response.headers {
            let header_pointer = child(&child(pointer, "headers"), header_name);
            let Some((header, resolved)) = self.item::<Header>(h, &header_pointer) else {
                continue;
            };
            let span = self.span(&header_pointer);
            let name = names.allocate_member(
                &member_ident(header_name),
                span,
                &format!("header \"{header_name}\" of {}", owner.name),
                self.diags,
            );
            let hint = format!("{}{}", owner.name, type_ident(&name));
            let target = match &header.format {
                ParameterSchemaOrContent::Schema(s) => {
                    self.target(s.into(), &child(&resolved, "schema"), &hint)
                }
                ParameterSchemaOrContent::Content(_) => Target::plain(ShapeId::prelude("String")),
            };
            let mut m = member(&name, target, span);
            m.traits
                .insert(traits::http_header(), string_node(header_name, span));
            if header.required {
                m.traits
                    .insert(traits::required(), Node::empty_object(span));
            }
            if let Some(d) = header
                .description
                .as_deref()
                .filter(|d| !d.trim().is_empty())
            {
                m.traits
                    .insert(traits::documentation(), string_node(d, span));
            }
            members.push(m);
        }
        members
    }
}

fn operation_of<'i>(item: &'i PathItem, method: &str) -> Option<&'i Operation> {
    match method {
        "get" => item.get.as_ref(),
        "put" => item.put.as_ref(),
        "post" => item.post.as_ref(),
        "delete" => item.delete.as_ref(),
        "options" => item.options.as_ref(),
        "head" => item.head.as_ref(),
        "patch" => item.patch.as_ref(),
        "trace" => item.trace.as_ref(),
        _ => None,
    }
}

/// The delimiter of a query array that is not one key per item (`form`
/// with `explode: false`: `,`; `spaceDelimited`: ` `; `pipeDelimited`:
/// `|`). Path arrays get theirs from the path style (`httpLabelDelimiter`).
fn query_delimiter(p: &Parameter) -> Option<&'static str> {
    use openapiv3::QueryStyle;
    let explode = p.parameter_data_ref().explode;
    match p {
        Parameter::Query { style, .. } => match (style, explode) {
            (QueryStyle::Form, Some(false)) => Some(","),
            (QueryStyle::SpaceDelimited, _) => Some(" "),
            (QueryStyle::PipeDelimited, _) => Some("|"),
            _ => None,
        },
        _ => None,
    }
}

fn location(p: &Parameter) -> &'static str {
    match p {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
    }
}

/// `Action=X` for AWS query-style paths, else the operationId, else the
/// method and path (`GET /pets/{id}` → `GetPetsById`).
fn operation_name(path: &str, method: &str, operation_id: Option<&str>) -> String {
    if let Some((_, query)) = path.split_once('?') {
        let action = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("Action="))
            .filter(|a| !a.is_empty());
        if let Some(a) = action {
            return type_ident(a);
        }
    }
    if let Some(id) = operation_id.filter(|id| !id.trim().is_empty()) {
        return type_ident(id);
    }
    let mut words = vec![method.to_string()];
    for segment in path.split('?').next().unwrap_or("").split('/') {
        if segment.is_empty() {
            continue;
        }
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => words.push(format!("by {param}")),
            None => words.push(segment.to_string()),
        }
    }
    if words.len() == 1 {
        words.push("root".into());
    }
    type_ident(&crate::case::upper_camel(&words.join(" ")))
}

fn pick_media<'c, I>(content: I) -> Option<(&'c String, &'c MediaType)>
where
    I: IntoIterator<Item = (&'c String, &'c MediaType)>,
{
    let all: Vec<(&String, &MediaType)> = content.into_iter().collect();
    all.iter()
        .find(|(mt, _)| mt.as_str() == "application/json")
        .or_else(|| all.iter().find(|(mt, _)| mt.contains("json")))
        .or_else(|| all.first())
        .copied()
}

fn simple_type(s: &Schema) -> Option<String> {
    Some(
        match &s.schema_kind {
            SchemaKind::Type(Type::String(_)) => "string",
            SchemaKind::Type(Type::Integer(_)) => "integer",
            SchemaKind::Type(Type::Number(_)) => "number",
            SchemaKind::Type(Type::Boolean(_)) => "boolean",
            SchemaKind::Type(Type::Array(_)) => "array",
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => "object",
            SchemaKind::Any(a) => return a.typ.clone(),
            _ => return None,
        }
        .to_string(),
    )
}

/// The schema of a response's body (the media type the client reads), or
/// `None` when it has no body or its body no schema.
fn body_schema(response: &Response) -> Option<ReferenceOr<Schema>> {
    pick_media(&response.content).and_then(|(_, m)| m.schema.clone())
}

fn success_code(code: &StatusCode) -> Option<u16> {
    match code {
        StatusCode::Code(c) if (200..300).contains(c) => Some(*c),
        StatusCode::Range(2) => Some(200),
        _ => None,
    }
}

fn error_code(code: &StatusCode) -> Option<u16> {
    match code {
        StatusCode::Code(c) if (400..600).contains(c) => Some(*c),
        StatusCode::Range(r @ (4 | 5)) => Some(r * 100),
        _ => None,
    }
}

/// The key a status code is written under.
fn status_key(code: &StatusCode) -> String {
    match code {
        StatusCode::Code(c) => c.to_string(),
        StatusCode::Range(r) => format!("{r}XX"),
    }
}

fn reason(code: Option<u16>) -> String {
    let Some(code) = code else {
        return "Default".into();
    };
    match code {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{code}"),
    }
    .to_string()
}

pub(super) fn object(span: Span, entries: Vec<(&str, Node)>) -> Node {
    Node::new(
        Value::Object(
            entries
                .into_iter()
                .map(|(name, v)| {
                    (
                        Key {
                            name: name.to_string(),
                            span,
                        },
                        v,
                    )
                })
                .collect(),
        ),
        span,
    )
}
