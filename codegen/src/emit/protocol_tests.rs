//! `protocol_tests.rs`: the model's `smithy.test#httpRequestTests` and
//! `httpResponseTests` for the crate's protocol, as `#[test]`s inside the
//! crate (they reach `invoke` and the router's error encoding), one per
//! case and side:
//!
//! - request, client: the input built from `params` is sent through a
//!   capturing transport; method, path, query, headers, host and body must
//!   match (JSON bodies compared as JSON values);
//! - request, server: the case's request goes through the router to an
//!   implementation that records its input, which must equal `params`;
//! - response, client: the case's response is parsed into the output, or
//!   the modeled error, which must equal `params`;
//! - response, server: the implementation returns `params` as the output
//!   or error; the router's response must match status, headers and body.
//!
//! A case whose `params` the generator cannot express is an `#[ignore]`d
//! test whose reason says why. `apigen conformance` runs the module.

use super::errors::{is_boxed_error, op_error_path};
use super::plan::{CratePlan, OperationPlan};
use super::rust_types::{
    correction_default, default_value, field_ident, field_type, ident, type_path,
};
use crate::model::{traits, Shape, ShapeId, ShapeKind};
use crate::node::{Node, Value};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// Which half of the exchange a test checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Client,
    Server,
}

/// What a case describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
    /// `smithy.test#httpMalformedRequestTests`: not run yet (reported as
    /// skipped, never silently dropped).
    Malformed,
}

/// One test: a case of the model on one side.
pub struct Case<'p, 'm> {
    /// The case's `id`.
    pub id: String,
    pub kind: Kind,
    pub side: Side,
    pub op: &'p OperationPlan<'m>,
    /// The error shape, for a response case on an error structure.
    pub error: Option<ShapeId>,
    pub node: &'m Node,
}

impl Case<'_, '_> {
    /// The `#[test]` function's name.
    pub fn test_name(&self) -> String {
        test_name(&self.id, self.kind, self.side)
    }
}

/// The name of the test for case `id` of `kind` on `side` (an id may
/// name both a request and a response case).
pub fn test_name(id: &str, kind: Kind, side: Side) -> String {
    let base = crate::names::field_name(id);
    let kind = match kind {
        Kind::Request => "request",
        Kind::Response => "response",
        Kind::Malformed => "malformed",
    };
    let side = match side {
        Side::Client => "client",
        Side::Server => "server",
    };
    format!("{base}_{kind}_{side}")
}

fn test_trait(name: &str) -> ShapeId {
    ShapeId::new("smithy.test", name)
}

/// Every case of the plan's service for its protocol, each on the sides
/// it applies to (the server side only when the crate has one).
pub fn cases<'p, 'm>(plan: &'p CratePlan<'m>) -> Vec<Case<'p, 'm>> {
    let Some(protocol) = plan.protocol.as_deref() else {
        return Vec::new();
    };
    let protocol_id = format!("aws.protocols#{}", protocol.name());
    let mut out = Vec::new();
    let mut push = |node: &'m Node, kind, op, error: Option<ShapeId>| {
        if node.get("protocol").and_then(Node::as_str) != Some(protocol_id.as_str()) {
            return;
        }
        let Some(id) = node.get("id").and_then(Node::as_str) else {
            return;
        };
        let applies = node.get("appliesTo").and_then(Node::as_str);
        for side in [Side::Client, Side::Server] {
            // Malformed-request cases are the server's alone.
            if kind == Kind::Malformed && side == Side::Client {
                continue;
            }
            let wanted = match (side, applies) {
                (Side::Client, Some("server")) | (Side::Server, Some("client")) => false,
                // A protocol without a generated server still lists its
                // server cases, as skips saying so.
                (Side::Server, _) => plan.features.server || !protocol.has_server(),
                (Side::Client, _) => true,
            };
            if wanted {
                out.push(Case {
                    id: id.to_string(),
                    kind,
                    side,
                    op,
                    error: error.clone(),
                    node,
                });
            }
        }
    };
    for op in &plan.operations {
        for (name, kind) in [
            ("httpRequestTests", Kind::Request),
            ("httpResponseTests", Kind::Response),
            ("httpMalformedRequestTests", Kind::Malformed),
        ] {
            for node in op
                .shape
                .traits
                .get(&test_trait(name))
                .and_then(Node::as_array)
                .unwrap_or(&[])
            {
                push(node, kind, op, None);
            }
        }
    }
    // A response case on an error structure runs through the first
    // operation that can return it.
    for t in plan.errors() {
        let Some(shape) = plan.shape(&t.id) else {
            continue;
        };
        let Some(op) = plan
            .operations
            .iter()
            .find(|o| o.info.errors.contains(&t.id))
        else {
            continue;
        };
        for node in shape
            .traits
            .get(&test_trait("httpResponseTests"))
            .and_then(Node::as_array)
            .unwrap_or(&[])
        {
            push(node, Kind::Response, op, Some(t.id.clone()));
        }
    }
    out
}

/// The module, when the model has cases for this crate's protocol.
pub fn tests_file(plan: &CratePlan) -> Option<(String, TokenStream)> {
    if !plan.features.client {
        return None;
    }
    let cases = cases(plan);
    if cases.is_empty() {
        return None;
    }
    let tests = cases.iter().map(|case| {
        let name = format_ident!("{}", case.test_name());
        match test_body(plan, case) {
            Ok(body) => quote! {
                #[test]
                fn #name() {
                    #body
                }
            },
            Err(reason) => {
                let reason = format!("apigen cannot run this case: {reason}");
                quote! {
                    #[test]
                    #[ignore = #reason]
                    fn #name() {}
                }
            }
        }
    });
    let server_impls = plan.features.server.then(|| server_impls(plan));
    let tokens = quote! {
        //! The model's protocol tests (`smithy.test`), one test per case and
        //! side, generated by apigen; `apigen conformance` runs them.
        #![allow(clippy::needless_update, clippy::redundant_clone, clippy::approx_constant)]

        use ::apigen_runtime::protocol_test as pt;

        #server_impls

        #(#tests)*
    };
    Some(("protocol_tests.rs".into(), tokens))
}

fn str_field<'a>(node: &'a Node, key: &str) -> Option<&'a str> {
    node.get(key).and_then(Node::as_str)
}

fn string_list(node: &Node, key: &str) -> Vec<String> {
    node.get(key)
        .and_then(Node::as_array)
        .unwrap_or(&[])
        .iter()
        .filter_map(Node::as_str)
        .map(str::to_string)
        .collect()
}

fn header_pairs(node: &Node, key: &str) -> Vec<(String, String)> {
    node.get(key)
        .and_then(Node::as_object)
        .unwrap_or(&[])
        .iter()
        .filter_map(|(k, v)| Some((k.name.to_ascii_lowercase(), v.as_str()?.to_string())))
        .collect()
}

fn pairs_tokens(pairs: &[(String, String)]) -> TokenStream {
    let items = pairs.iter().map(|(k, v)| quote!((#k, #v)));
    quote!(&[#(#items),*])
}

fn strs_tokens(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn empty_object() -> Node {
    Node::empty_object(crate::source::Span::default())
}

fn test_body(plan: &CratePlan, case: &Case) -> Result<TokenStream, String> {
    let op = case.op;
    let m = ident(&op.module);
    let input_path = {
        let i = format_ident!("{}Input", op.rust_name);
        quote!(crate::operation::#m::#i)
    };
    let output_path = {
        let o = format_ident!("{}Output", op.rust_name);
        quote!(crate::operation::#m::#o)
    };
    let error_path = op_error_path(op);
    let empty = empty_object();
    let params = case.node.get("params").unwrap_or(&empty);
    match (case.kind, case.side) {
        (_, Side::Server) if !plan.features.server => Err(format!(
            "apigen generates no {} server yet",
            plan.protocol.as_deref().map(|p| p.name()).unwrap_or_default()
        )),
        (Kind::Malformed, _) => Err(
            "httpMalformedRequestTests are not run yet: the generator would need to send the case's raw request through the router and compare its answer, as the request and response cases do".into(),
        ),
        (Kind::Request, Side::Client) => {
            let input = structure(plan, &op.info.input, &input_path, params)?;
            let host = str_field(case.node, "host");
            let endpoint = format!("https://{}", host.unwrap_or("example.com"));
            let expected_host = str_field(case.node, "resolvedHost")
                .map(str::to_string)
                .or_else(|| host.map(|h| h.split('/').next().unwrap_or(h).to_string()));
            let expected = expected_request(case.node, expected_host.as_deref())?;
            Ok(quote! {
                let capture = pt::Capture::answering(200, &[], b"{}");
                let handle = ::apigen_runtime::Handle::new(capture.config(#endpoint), &crate::SERVICE);
                let input = #input;
                let _ = pt::block_on(crate::operation::#m::invoke(&handle, input));
                let request = capture.request();
                if let ::std::result::Result::Err(e) = pt::check_request(&request, &#expected) {
                    panic!("{e}");
                }
            })
        }
        (Kind::Response, Side::Client) => {
            let status = case.node.get("code").and_then(Node::as_i64).unwrap_or(200) as u16;
            let headers = pairs_tokens(&header_pairs(case.node, "headers"));
            let body = Literal::byte_string(str_field(case.node, "body").unwrap_or("").as_bytes());
            let check = match &case.error {
                None => {
                    let expected = structure(plan, &op.info.output, &output_path, params)?;
                    quote! {
                        let output = result.expect("the response parses as the output");
                        let expected = #expected;
                        if let ::std::result::Result::Err(e) = pt::check_same(&output, &expected) {
                            panic!("{e}");
                        }
                    }
                }
                Some(error) => {
                    let (variant, expected) = error_value(plan, error, params)?;
                    quote! {
                        let error = result.expect_err("the response is an error");
                        match error.into_service_error() {
                            ::std::option::Option::Some(#error_path::#variant(actual)) => {
                                let expected = #expected;
                                if let ::std::result::Result::Err(e) = pt::check_same(&actual, &expected) {
                                    panic!("{e}");
                                }
                            }
                            other => panic!("expected {}, got {other:?}", ::std::stringify!(#variant)),
                        }
                    }
                }
            };
            Ok(quote! {
                let capture = pt::Capture::answering(#status, #headers, #body);
                let handle = ::apigen_runtime::Handle::new(capture.config("https://example.com"), &crate::SERVICE);
                let result = pt::block_on(crate::operation::#m::invoke(&handle, <#input_path as ::std::default::Default>::default()));
                #check
            })
        }
        (Kind::Request, Side::Server) => {
            if super::protocol::request_compression(op).is_some()
                && header_pairs(case.node, "headers")
                    .iter()
                    .any(|(k, _)| k == "content-encoding")
            {
                return Err("the case's body is the uncompressed input while its headers declare the compression: it describes what a client sends, not a request a server receives (servers decompress gzip bodies; tests/server.rs checks that)".into());
            }
            let expected = structure(plan, &op.info.input, &input_path, params)?;
            let request = server_request(case.node)?;
            Ok(quote! {
                let recorder = Recorder::default();
                let router = crate::server::Router::new(recorder.clone());
                let request = #request;
                let response = pt::block_on(::apigen_runtime::tower_service::Service::call(&mut router.clone(), request)).unwrap();
                let status = response.status();
                let seen = recorder.seen.lock().unwrap().take();
                let Some(seen) = seen else {
                    panic!("the implementation was not called; the router answered {status}");
                };
                let actual = seen.downcast::<#input_path>().expect("the operation's input");
                let expected = #expected;
                if let ::std::result::Result::Err(e) = pt::check_same(&*actual, &expected) {
                    panic!("{e}");
                }
            })
        }
        (Kind::Response, Side::Server) => {
            let result = match &case.error {
                None => {
                    let output = structure(plan, &op.info.output, &output_path, params)?;
                    quote!(::std::result::Result::<#output_path, #error_path>::Ok(#output))
                }
                Some(error) => {
                    let (variant, value) = error_value(plan, error, params)?;
                    quote!(::std::result::Result::<#output_path, #error_path>::Err(#error_path::#variant(#value)))
                }
            };
            let status = case.node.get("code").and_then(Node::as_i64).unwrap_or(200) as u16;
            let headers = pairs_tokens(&header_pairs(case.node, "headers"));
            let forbid = strs_tokens(&string_list(case.node, "forbidHeaders"));
            let require = strs_tokens(&string_list(case.node, "requireHeaders"));
            let body = str_field(case.node, "body")
                .map(|b| quote!(::std::option::Option::Some(#b)))
                .unwrap_or(quote!(::std::option::Option::None));
            let media = str_field(case.node, "bodyMediaType")
                .map(|b| quote!(::std::option::Option::Some(#b)))
                .unwrap_or(quote!(::std::option::Option::None));
            let wire = op.wire_name().to_string();
            Ok(quote! {
                let responder = Responder::default();
                *responder.result.lock().unwrap() = ::std::option::Option::Some(::std::boxed::Box::new(#result));
                let router = crate::server::Router::new(responder);
                // The request a client of this protocol sends with an empty input.
                let request = ::apigen_runtime::protocol::aws_json::request(&crate::SERVICE.protocol, #wire, b"{}".to_vec())
                    .into_http(&"http://localhost".parse().unwrap())
                    .unwrap()
                    .map(::apigen_runtime::server::ResponseBody::new);
                let response = pt::block_on(::apigen_runtime::tower_service::Service::call(&mut router.clone(), request)).unwrap();
                let (parts, body) = response.into_parts();
                let body = pt::block_on(::apigen_runtime::protocol_test::collect(body));
                let mut problems = pt::check_headers(&parts.headers, #headers, #forbid, #require);
                if parts.status.as_u16() != #status {
                    problems.push(::std::format!("status {} instead of {}", parts.status, #status));
                }
                if let ::std::option::Option::Some(expected) = #body {
                    if let ::std::result::Result::Err(e) = pt::check_body(&body, expected, #media) {
                        problems.push(e);
                    }
                }
                assert!(problems.is_empty(), "{}", problems.join("; "));
            })
        }
    }
}

/// The expected request of a request case.
fn expected_request(node: &Node, host: Option<&str>) -> Result<TokenStream, String> {
    let method = str_field(node, "method").ok_or("the case has no method")?;
    let uri = str_field(node, "uri").ok_or("the case has no uri")?;
    let host = match host {
        Some(h) => quote!(::std::option::Option::Some(#h)),
        None => quote!(::std::option::Option::None),
    };
    let query = strs_tokens(&string_list(node, "queryParams"));
    let forbid_query = strs_tokens(&string_list(node, "forbidQueryParams"));
    let require_query = strs_tokens(&string_list(node, "requireQueryParams"));
    let headers = pairs_tokens(&header_pairs(node, "headers"));
    let forbid = strs_tokens(&string_list(node, "forbidHeaders"));
    let require = strs_tokens(&string_list(node, "requireHeaders"));
    let body = str_field(node, "body")
        .map(|b| quote!(::std::option::Option::Some(#b)))
        .unwrap_or(quote!(::std::option::Option::None));
    let media = str_field(node, "bodyMediaType")
        .map(|b| quote!(::std::option::Option::Some(#b)))
        .unwrap_or(quote!(::std::option::Option::None));
    Ok(quote! {
        pt::ExpectedRequest {
            method: #method,
            uri: #uri,
            host: #host,
            query_params: #query,
            forbid_query_params: #forbid_query,
            require_query_params: #require_query,
            headers: #headers,
            forbid_headers: #forbid,
            require_headers: #require,
            body: #body,
            body_media_type: #media,
        }
    })
}

/// The case's request as the router receives it.
fn server_request(node: &Node) -> Result<TokenStream, String> {
    let method = str_field(node, "method").ok_or("the case has no method")?;
    let mut uri = str_field(node, "uri")
        .ok_or("the case has no uri")?
        .to_string();
    let query = string_list(node, "queryParams");
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query.join("&"));
    }
    let headers = header_pairs(node, "headers");
    let header_calls = headers.iter().map(|(k, v)| quote!(.header(#k, #v)));
    let body = Literal::byte_string(str_field(node, "body").unwrap_or("").as_bytes());
    Ok(quote! {
        ::apigen_runtime::http_types::Request::builder()
            .method(#method)
            .uri(#uri)
            #(#header_calls)*
            .body(::apigen_runtime::server::ResponseBody::new(::apigen_runtime::bytes::Bytes::from_static(#body)))
            .unwrap()
    })
}

/// The variant of the operation's error enum for `error`, and its value.
fn error_value(
    plan: &CratePlan,
    error: &ShapeId,
    params: &Node,
) -> Result<(proc_macro2::Ident, TokenStream), String> {
    let t = plan
        .types
        .get(error)
        .ok_or("the error is not a generated type")?;
    let variant = format_ident!("{}", t.rust_name);
    let path = type_path(plan, error);
    let value = structure(plan, error, &path, params)?;
    let value = if is_boxed_error(plan, error) {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    };
    Ok((variant, value))
}

/// A structure literal (inside the crate, so `#[non_exhaustive]` does not
/// stop it): every member from `node`, else its default, `None`, or the
/// error-correction value of a required member.
fn structure(
    plan: &CratePlan,
    id: &ShapeId,
    path: &TokenStream,
    node: &Node,
) -> Result<TokenStream, String> {
    let shape = plan.shape(id).ok_or_else(|| format!("no shape {id}"))?;
    let given = node
        .as_object()
        .ok_or_else(|| format!("params of {id} are not an object"))?;
    for (key, _) in given {
        if shape.member(&key.name).is_none() {
            return Err(format!("{id} has no member {:?}", key.name));
        }
    }
    let mut fields = Vec::new();
    for member in &shape.members {
        let f = field_ident(member);
        let ft = field_type(plan, id, member);
        let value = given
            .iter()
            .find(|(k, _)| k.name == member.name)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.value, Value::Null));
        let expr = match value {
            Some(v) => {
                let inner = value_of(plan, &member.target, v, 0)?;
                let inner = if ft.boxed {
                    quote!(::std::boxed::Box::new(#inner))
                } else {
                    inner
                };
                if ft.optional {
                    quote!(::std::option::Option::Some(#inner))
                } else {
                    inner
                }
            }
            None if ft.optional => quote!(::std::option::Option::None),
            None => match default_value(plan, member)
                .or_else(|| correction_default(plan, &member.target))
            {
                Some(d) if ft.boxed => quote!(::std::boxed::Box::new(#d)),
                Some(d) => d,
                None => return Err(format!("no value for required member {id}${}", member.name)),
            },
        };
        fields.push(quote!(#f: #expr,));
    }
    if shape.has_trait(&traits::error()) && plan.types.contains_key(id) {
        fields.push(quote!(request_id: ::std::option::Option::None,));
    }
    Ok(quote!(#path { #(#fields)* }))
}

/// The Rust value of `node` for a value of shape `target`.
fn value_of(
    plan: &CratePlan,
    target: &ShapeId,
    node: &Node,
    depth: usize,
) -> Result<TokenStream, String> {
    if depth > 32 {
        return Err("params nest too deep".into());
    }
    let shape: &Shape = plan
        .shape(target)
        .ok_or_else(|| format!("no shape {target}"))?;
    use ShapeKind::*;
    let bad = || {
        format!(
            "{:?} is not a value of {target}",
            node.to_json().to_string()
        )
    };
    Ok(match (&shape.kind, &node.value) {
        (String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (Enum, Value::String(s)) => {
            let path = type_path(plan, target);
            quote!(#path::from(#s))
        }
        (Boolean, Value::Bool(b)) => quote!(#b),
        (Byte | Short | Integer | Long | IntEnum, Value::Number(n)) => {
            let v = n.as_i64().ok_or_else(bad)?;
            match shape.kind {
                Byte => {
                    let l = Literal::i8_suffixed(i8::try_from(v).map_err(|_| bad())?);
                    quote!(#l)
                }
                Short => {
                    let l = Literal::i16_suffixed(i16::try_from(v).map_err(|_| bad())?);
                    quote!(#l)
                }
                Long => {
                    let l = Literal::i64_suffixed(v);
                    quote!(#l)
                }
                _ => {
                    let l = Literal::i32_suffixed(i32::try_from(v).map_err(|_| bad())?);
                    quote!(#l)
                }
            }
        }
        (Float | Double, Value::Number(n)) => {
            let v = n.as_f64();
            if shape.kind == Float {
                let l = Literal::f32_suffixed(v as f32);
                quote!(#l)
            } else {
                let l = Literal::f64_suffixed(v);
                quote!(#l)
            }
        }
        (Float | Double, Value::String(s)) => {
            let ty = if shape.kind == Float {
                quote!(f32)
            } else {
                quote!(f64)
            };
            match s.as_str() {
                "NaN" => quote!(#ty::NAN),
                "Infinity" => quote!(#ty::INFINITY),
                "-Infinity" => quote!(#ty::NEG_INFINITY),
                _ => return Err(bad()),
            }
        }
        (BigInteger | BigDecimal, Value::Number(_) | Value::String(_)) => {
            let text = match &node.value {
                Value::String(s) => s.clone(),
                _ => node.to_json().to_string(),
            };
            quote!(#text.parse::<::apigen_runtime::BigNumber>().unwrap())
        }
        (Timestamp, Value::Number(n)) => match n.as_i64() {
            Some(secs) => quote!(::apigen_runtime::DateTime::from_secs(#secs)),
            None => {
                let f = n.as_f64();
                quote!(::apigen_runtime::DateTime::from_fractional_secs(#f).unwrap())
            }
        },
        (Timestamp, Value::String(s)) => {
            quote!(::apigen_runtime::DateTime::from_rfc3339(#s).unwrap())
        }
        (Blob, Value::String(s)) => quote!(::apigen_runtime::Blob::from(#s)),
        (Document, _) => {
            let json = node.to_json().to_string();
            quote!(pt::document(#json))
        }
        (List, Value::Array(items)) => {
            let member = shape.member("member").ok_or_else(bad)?;
            let sparse = shape.has_trait(&traits::sparse());
            let mut out = Vec::new();
            for item in items {
                out.push(match (&item.value, sparse) {
                    (Value::Null, true) => quote!(::std::option::Option::None),
                    (_, true) => {
                        let v = value_of(plan, &member.target, item, depth + 1)?;
                        quote!(::std::option::Option::Some(#v))
                    }
                    (_, false) => value_of(plan, &member.target, item, depth + 1)?,
                });
            }
            quote!(::std::vec![#(#out),*])
        }
        (Map, Value::Object(entries)) => {
            let key = shape.member("key").ok_or_else(bad)?;
            let value = shape.member("value").ok_or_else(bad)?;
            let sparse = shape.has_trait(&traits::sparse());
            let mut out = Vec::new();
            for (k, v) in entries {
                let key_node = Node::string(k.name.clone(), k.span);
                let kexpr = value_of(plan, &key.target, &key_node, depth + 1)?;
                let vexpr = match (&v.value, sparse) {
                    (Value::Null, true) => quote!(::std::option::Option::None),
                    (_, true) => {
                        let x = value_of(plan, &value.target, v, depth + 1)?;
                        quote!(::std::option::Option::Some(#x))
                    }
                    (_, false) => value_of(plan, &value.target, v, depth + 1)?,
                };
                out.push(quote!((#kexpr, #vexpr)));
            }
            quote!(::std::collections::HashMap::from([#(#out),*]))
        }
        (Union, Value::Object(entries)) => {
            let [(k, v)] = entries.as_slice() else {
                return Err(format!("a union value has {} members", entries.len()));
            };
            let member = shape
                .member(&k.name)
                .ok_or_else(|| format!("{target} has no member {:?}", k.name))?;
            let path = type_path(plan, target);
            let variant = format_ident!("{}", crate::names::member_variant_name(&member.name));
            let inner = value_of(plan, &member.target, v, depth + 1)?;
            let inner = if plan.is_boxed(target, &member.name) {
                quote!(::std::boxed::Box::new(#inner))
            } else {
                inner
            };
            quote!(#path::#variant(#inner))
        }
        // A union member targeting `Unit` holds `()`.
        (Structure, Value::Object(_)) if target.is_prelude() && target.name == "Unit" => quote!(()),
        (Structure, Value::Object(_)) => {
            let path = type_path(plan, target);
            structure(plan, target, &path, node)?
        }
        _ => return Err(bad()),
    })
}

/// The implementations the server-side tests run behind the router: one
/// records the input it is called with, one returns a prepared result.
fn server_impls(plan: &CratePlan) -> TokenStream {
    let service = format_ident!("{}", super::server::trait_name(plan));
    let mut record = Vec::new();
    let mut respond = Vec::new();
    for op in &plan.operations {
        let m = ident(&op.module);
        let i = format_ident!("{}Input", op.rust_name);
        let o = format_ident!("{}Output", op.rust_name);
        let input = quote!(crate::operation::#m::#i);
        let output_path = quote!(crate::operation::#m::#o);
        let error = op_error_path(op);
        let Ok(default_output) = structure(plan, &op.info.output, &output_path, &empty_object())
        else {
            continue;
        };
        record.push(quote! {
            async fn #m(&self, input: #input, _: ::apigen_runtime::server::RequestContext) -> ::std::result::Result<#output_path, #error> {
                *self.seen.lock().unwrap() = ::std::option::Option::Some(::std::boxed::Box::new(input));
                ::std::result::Result::Ok(#default_output)
            }
        });
        respond.push(quote! {
            async fn #m(&self, _: #input, _: ::apigen_runtime::server::RequestContext) -> ::std::result::Result<#output_path, #error> {
                let prepared = self.result.lock().unwrap().take().expect("a prepared result");
                *prepared.downcast::<::std::result::Result<#output_path, #error>>().expect("the operation's result")
            }
        });
    }
    quote! {
        type Slot = ::std::sync::Arc<::std::sync::Mutex<::std::option::Option<::std::boxed::Box<dyn ::std::any::Any + ::std::marker::Send>>>>;

        #[derive(Clone, Default)]
        struct Recorder {
            seen: Slot,
        }

        impl crate::server::#service for Recorder {
            #(#record)*
        }

        #[derive(Clone, Default)]
        struct Responder {
            result: Slot,
        }

        impl crate::server::#service for Responder {
            #(#respond)*
        }
    }
}
