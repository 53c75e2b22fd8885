//! Smithy's restJson1: `@http` gives each operation its method and URI;
//! members bound by the HTTP binding traits travel in the path, query
//! string and headers ([`super::http_bindings`]), the rest as a JSON object
//! (`@jsonName` respected), or the `@httpPayload` member alone as the body.

use super::http_bindings::{
    assign, from_header_text, list_member, location, map_value, template, to_text, with_member,
    Location, Place, Segment,
};
use super::{explicit_timestamp_format, ProtocolEmitter, TimestampFormat};
use crate::emit::plan::{CratePlan, OperationPlan};
use crate::model::{traits, Member, Shape, ShapeId, ShapeKind};
use crate::node::Node;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Smithy's restJson1, or (`openapi`) the plain REST JSON an OpenAPI
/// document describes: the same bindings and bodies, errors by status.
pub struct RestJson {
    pub openapi: bool,
}

impl ProtocolEmitter for RestJson {
    fn name(&self) -> &'static str {
        if self.openapi {
            "restJson"
        } else {
            "restJson1"
        }
    }

    fn errors_by_status(&self) -> bool {
        self.openapi
    }

    fn wire_name(&self, member: &Member) -> String {
        member
            .traits
            .get(&traits::json_name())
            .and_then(Node::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| member.name.clone())
    }

    fn timestamp_format(&self, member: &Member, target: &Shape) -> TimestampFormat {
        explicit_timestamp_format(member, target).unwrap_or(TimestampFormat::EpochSeconds)
    }

    fn binds_http(&self) -> bool {
        true
    }

    fn has_server(&self) -> bool {
        false
    }

    fn operation_invoke(&self, plan: &CratePlan, op: &OperationPlan) -> TokenStream {
        let input = format_ident!("{}Input", op.rust_name);
        let output = format_ident!("{}Output", op.rust_name);
        let error = format_ident!("{}Error", op.rust_name);
        let wire = op.wire_name().to_string();
        let tokens = super::idempotency_tokens(plan, op);
        let settings = super::call_settings(plan, op);
        let binding = settings.request_binding();
        let super::CallSettings {
            params,
            request_settings,
        } = settings;
        let build = build_request(plan, op);
        let parse = parse_response(plan, op);
        quote! {
            /// Writes the input into an HTTP request by its bindings.
            fn request(input: &#input) -> ::std::result::Result<::apigen_runtime::OperationRequest, ::std::string::String> {
                #build
            }

            /// Reads the output out of a successful response.
            fn output(response: &::apigen_runtime::Response) -> ::std::result::Result<#output, ::apigen_runtime::wire::DecodeError> {
                #parse
            }

            /// Serializes the input, sends it, and decodes the response.
            pub(crate) async fn invoke(
                handle: &::apigen_runtime::Handle,
                input: #input,
            ) -> ::std::result::Result<#output, ::apigen_runtime::SdkError<#error>> {
                #tokens
                if handle.config().validates_requests() {
                    input.validate().map_err(::apigen_runtime::SdkError::construction)?;
                }
                #binding = request(&input).map_err(::apigen_runtime::SdkError::construction)?;
                #request_settings
                let response = handle
                    .send(#wire, request, #params)
                    .await
                    .map_err(|e| e.map_service_error(#error::from_raw))?;
                output(&response).map_err(::apigen_runtime::SdkError::decode)
            }
        }
    }

    fn error_bindings(&self, plan: &CratePlan, error: &ShapeId) -> Option<TokenStream> {
        let shape = plan.shape(error)?;
        let reads: Vec<TokenStream> = shape
            .members
            .iter()
            .filter_map(|m| header_read(plan, &shape.id, m, quote!(e), quote!(raw.headers())))
            .collect();
        if reads.is_empty() {
            return None;
        }
        // A header that does not parse leaves its member unset: the error
        // itself was still recognised.
        Some(quote! {
            let _ = (|| -> ::std::result::Result<(), ::apigen_runtime::wire::DecodeError> {
                #(#reads)*
                Ok(())
            })();
        })
    }

    fn service_metadata(&self, plan: &CratePlan) -> TokenStream {
        let protocol = if self.openapi {
            quote!(::apigen_runtime::Protocol::RestJson)
        } else {
            quote!(::apigen_runtime::Protocol::RestJson1)
        };
        super::service_metadata(plan, protocol)
    }
}

fn method_tokens(method: &str) -> TokenStream {
    let m = quote!(::apigen_runtime::http_types::Method);
    match method.to_ascii_uppercase().as_str() {
        "GET" => quote!(#m::GET),
        "PUT" => quote!(#m::PUT),
        "POST" => quote!(#m::POST),
        "DELETE" => quote!(#m::DELETE),
        "PATCH" => quote!(#m::PATCH),
        "HEAD" => quote!(#m::HEAD),
        "OPTIONS" => quote!(#m::OPTIONS),
        other => {
            quote!(#m::from_bytes(#other.as_bytes()).map_err(|e| ::std::string::ToString::to_string(&e))?)
        }
    }
}

/// The body of `fn request(input) -> Result<OperationRequest, String>`.
fn build_request(plan: &CratePlan, op: &OperationPlan) -> TokenStream {
    let hb = quote!(::apigen_runtime::protocol::http_binding);
    let http = op.info.http.clone().unwrap_or(crate::model::HttpBinding {
        method: "POST".into(),
        uri: "/".into(),
        code: 200,
    });
    let method = method_tokens(&http.method);
    let tpl = template(&http.uri);
    let input_shape = plan.shape(&op.info.input);
    let owner = op.info.input.clone();
    let members: Vec<&Member> = input_shape
        .map(|s| s.members.iter().collect())
        .unwrap_or_default();
    let mut uri = Vec::new();
    for segment in &tpl.path {
        match segment {
            Segment::Literal(text) => uri.push(quote!(uri.literal(#text);)),
            Segment::Label { name, greedy } => {
                let Some(m) = members.iter().find(|m| m.name == *name) else {
                    continue;
                };
                let Some(target) = plan.shape(&m.target) else {
                    continue;
                };
                let missing = format!("the label `{name}` must be set to a non-empty value");
                let write = match list_label(plan, m, target).or_else(|| object_label(m, name)) {
                    Some(items) => items,
                    None => {
                        let text = to_text(plan, m, target, quote!(v), Place::Uri);
                        quote! {
                            let text: ::std::string::String = #text;
                            if text.is_empty() {
                                return ::std::result::Result::Err(::std::string::String::from(#missing));
                            }
                            uri.label(&text, #greedy);
                            labelled = true;
                        }
                    }
                };
                let set = with_member(plan, &owner, m, quote!(input), write);
                uri.push(quote! {
                    let mut labelled = false;
                    #set
                    if !labelled {
                        return ::std::result::Result::Err(::std::string::String::from(#missing));
                    }
                });
            }
        }
    }
    for (key, value) in &tpl.query {
        let value = match value {
            Some(v) => quote!(::std::option::Option::Some(#v)),
            None => quote!(::std::option::Option::None),
        };
        uri.push(quote!(uri.query_literal(#key, #value);));
    }
    let mut query_params = Vec::new();
    let mut headers = Vec::new();
    let mut payload: Option<&Member> = None;
    let mut has_body = false;
    for m in &members {
        let Some(target) = plan.shape(&m.target) else {
            continue;
        };
        match location(m) {
            Location::Query(name) => {
                let delimiter = m
                    .traits
                    .get(&traits::http_query_delimiter())
                    .and_then(Node::as_str);
                let object_style = m
                    .traits
                    .get(&traits::http_query_object())
                    .and_then(Node::as_str);
                if let Some(style) = object_style {
                    // An object (or a union that may be one) in the query:
                    // its JSON spread into keys by the runtime.
                    let deep = style == "deepObject";
                    let body = quote! {
                        let json = ::apigen_runtime::wire::to_json_body(v)
                            .map_err(|e| ::std::string::ToString::to_string(&e))?;
                        for (key, text) in ::apigen_runtime::protocol::http_binding::object_query(#name, &json, #deep)? {
                            uri.query(&key, ::std::option::Option::Some(&text));
                        }
                    };
                    uri.push(with_member(plan, &owner, m, quote!(input), body));
                    continue;
                }
                if let Some(FlatObject { pairs, .. }) = flat_object(m, &name) {
                    let body = quote! {
                        #pairs
                        uri.query_encoded(#name, &#hb::object_text(&pairs, ::std::option::Option::None, true));
                    };
                    uri.push(with_member(plan, &owner, m, quote!(input), body));
                    continue;
                }
                let body = match (list_member(plan, target), delimiter) {
                    // One value, the items joined (OpenAPI `explode: false`).
                    (Some((item_shape, item)), Some(delimiter)) => {
                        let text = to_text(plan, item, item_shape, quote!(item), Place::Uri);
                        quote! {
                            let mut texts: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                            for item in v.iter() {
                                texts.push(#text);
                            }
                            uri.query(#name, ::std::option::Option::Some(&texts.join(#delimiter)));
                        }
                    }
                    (Some((item_shape, item)), None) => {
                        let text = to_text(plan, item, item_shape, quote!(item), Place::Uri);
                        quote! {
                            for item in v.iter() {
                                let text: ::std::string::String = #text;
                                uri.query(#name, ::std::option::Option::Some(&text));
                            }
                        }
                    }
                    (None, _) => {
                        let text = to_text(plan, m, target, quote!(v), Place::Uri);
                        quote! {
                            let text: ::std::string::String = #text;
                            uri.query(#name, ::std::option::Option::Some(&text));
                        }
                    }
                };
                uri.push(with_member(plan, &owner, m, quote!(input), body));
            }
            Location::QueryParams => {
                // `@httpQuery` members win over map entries of the same key.
                let body = match map_value(plan, target) {
                    Some((value_shape, value)) => match list_member(plan, value_shape) {
                        Some((item_shape, item)) => {
                            let text = to_text(plan, item, item_shape, quote!(item), Place::Uri);
                            quote! {
                                let mut keys: ::std::vec::Vec<_> = v.iter().collect();
                                keys.sort_by(|a, b| a.0.cmp(b.0));
                                for (key, items) in keys {
                                    if taken.contains(&key.as_str()) { continue; }
                                    for item in items.iter() {
                                        let text: ::std::string::String = #text;
                                        uri.query(key, ::std::option::Option::Some(&text));
                                    }
                                }
                            }
                        }
                        None => {
                            let text = to_text(plan, value, value_shape, quote!(value), Place::Uri);
                            quote! {
                                let mut keys: ::std::vec::Vec<_> = v.iter().collect();
                                keys.sort_by(|a, b| a.0.cmp(b.0));
                                for (key, value) in keys {
                                    if taken.contains(&key.as_str()) { continue; }
                                    let text: ::std::string::String = #text;
                                    uri.query(key, ::std::option::Option::Some(&text));
                                }
                            }
                        }
                    },
                    None => quote!(),
                };
                query_params.push(with_member(plan, &owner, m, quote!(input), body));
            }
            Location::Header(name) => {
                let body = match (flat_object(m, &name), list_member(plan, target)) {
                    (Some(FlatObject { pairs, assign, .. }), _) => quote! {
                        #pairs
                        #hb::set_header(&mut request.headers, #name, &#hb::object_text(&pairs, #assign, false))?;
                    },
                    (None, Some((item_shape, item))) => {
                        if is_http_date_list(item, item_shape) {
                            quote! {
                                #hb::set_header(&mut request.headers, #name, &#hb::http_date_list(v))?;
                            }
                        } else {
                            let text = to_text(plan, item, item_shape, quote!(item), Place::Header);
                            quote! {
                                let mut texts: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                                for item in v.iter() {
                                    texts.push(#text);
                                }
                                #hb::set_header(&mut request.headers, #name, &#hb::header_list(texts.iter().map(::std::string::String::as_str)))?;
                            }
                        }
                    }
                    (None, None) => {
                        let text = to_text(plan, m, target, quote!(v), Place::Header);
                        quote! {
                            let text: ::std::string::String = #text;
                            #hb::set_header(&mut request.headers, #name, &text)?;
                        }
                    }
                };
                headers.push(with_member(plan, &owner, m, quote!(input), body));
            }
            Location::Cookie(name) => {
                // After the cookies already set; a cookie API key is added
                // after these. An object is one cookie of its pairs, or
                // (exploded) a cookie per property.
                let body = match flat_object(m, &name) {
                    Some(FlatObject {
                        pairs,
                        per_cookie: true,
                        ..
                    }) => quote! {
                        #pairs
                        for (key, text) in &pairs {
                            #hb::add_cookie(&mut request.headers, key, text)?;
                        }
                    },
                    Some(FlatObject { pairs, .. }) => quote! {
                        #pairs
                        #hb::add_cookie(&mut request.headers, #name, &#hb::object_text(&pairs, ::std::option::Option::None, false))?;
                    },
                    None => {
                        let text = to_text(plan, m, target, quote!(v), Place::Header);
                        quote! {
                            let text: ::std::string::String = #text;
                            #hb::add_cookie(&mut request.headers, #name, &text)?;
                        }
                    }
                };
                headers.push(with_member(plan, &owner, m, quote!(input), body));
            }
            Location::PrefixHeaders(prefix) => {
                let body = quote! {
                    let mut keys: ::std::vec::Vec<_> = v.iter().collect();
                    keys.sort_by(|a, b| a.0.cmp(b.0));
                    for (key, value) in keys {
                        #hb::set_header(&mut request.headers, &::std::format!("{}{}", #prefix, key), value)?;
                    }
                };
                headers.push(with_member(plan, &owner, m, quote!(input), body));
            }
            Location::Payload => payload = Some(m),
            // `@httpResponseCode` means nothing in a request.
            Location::Body | Location::ResponseCode => has_body = true,
            Location::Label { .. } => {}
        }
    }
    let taken: Vec<String> = members
        .iter()
        .filter_map(|m| match location(m) {
            Location::Query(name) => Some(name),
            _ => None,
        })
        .collect();
    let query_params = if query_params.is_empty() {
        quote!()
    } else {
        quote! {
            let taken: &[&str] = &[#(#taken),*];
            #(#query_params)*
        }
    };
    let body = match payload {
        Some(m) => payload_body(plan, &owner, m),
        None if has_body => quote! {
            (
                ::apigen_runtime::wire::to_json_body(input).map_err(|e| ::std::string::ToString::to_string(&e))?,
                ::std::option::Option::Some("application/json"),
            )
        },
        None => quote!((::std::vec::Vec::new(), ::std::option::Option::None)),
    };
    let set_content_type = (payload.is_some() || has_body).then(|| {
        quote! {
            if let ::std::option::Option::Some(content_type) = content_type {
                #hb::set_header(&mut request.headers, "content-type", content_type)?;
            }
        }
    });
    // `@httpChecksumRequired`: the body's MD5, as the protocol tests expect.
    let checksum = op
        .shape
        .traits
        .contains_key(&ShapeId::new("smithy.api", "httpChecksumRequired"))
        .then(|| {
            quote! {
                #hb::set_header(&mut request.headers, "content-md5", &#hb::content_md5(&request.body))?;
            }
        });
    let content_type_binding = if set_content_type.is_some() {
        quote!(content_type)
    } else {
        quote!(_)
    };
    let uses_input = payload.is_some()
        || has_body
        || !headers.is_empty()
        || !query_params.is_empty()
        || members
            .iter()
            .any(|m| matches!(location(m), Location::Label { .. } | Location::Query(_)));
    let unused = (!uses_input).then(|| quote!(let _ = input;));
    let uri_mut = if uri.is_empty() && query_params.is_empty() {
        quote!(let uri)
    } else {
        quote!(let mut uri)
    };
    let request_mut = if headers.is_empty() && payload.is_none() && !has_body && checksum.is_none()
    {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    quote! {
        #unused
        #uri_mut = #hb::UriBuilder::new();
        #(#uri)*
        #query_params
        let (body, #content_type_binding): (::std::vec::Vec<u8>, ::std::option::Option<&str>) = #body;
        #request_mut = ::apigen_runtime::OperationRequest::new(#method, uri.finish(), ::apigen_runtime::bytes::Bytes::from(body));
        #set_content_type
        #(#headers)*
        #checksum
        Ok(request)
    }
}

/// Whether a header list holds HTTP dates, which contain commas and so are
/// joined and split by their own rules.
/// An array path parameter (OpenAPI; Smithy labels are never lists): each
/// item percent-encoded on its own, the style's delimiter between them as
/// written (`,`, `.`, `;name=`). `None` when `target` is not a list.
fn list_label(plan: &CratePlan, m: &Member, target: &Shape) -> Option<TokenStream> {
    if target.kind != ShapeKind::List {
        return None;
    }
    let item = target.member("member")?;
    let item_shape = plan.shape(&item.target)?;
    let text = to_text(plan, item, item_shape, quote!(item), Place::Uri);
    let delimiter = m
        .traits
        .get(&traits::http_label_delimiter())
        .and_then(Node::as_str)
        .unwrap_or(",");
    let each = quote! {
        if written > 0 {
            uri.literal(#delimiter);
        }
        let text: ::std::string::String = #text;
        uri.label(&text, false);
        written += 1;
    };
    let each = if target.has_trait(&traits::sparse()) {
        quote!(if let ::std::option::Option::Some(item) = item { #each })
    } else {
        each
    };
    Some(quote! {
        let mut written = 0usize;
        for item in v.iter() {
            #each
        }
        labelled = written > 0;
    })
}

/// A flat object parameter `v` (`apigen.api#httpObjectStyle`): the
/// statements binding its `pairs`, the separator of its `k=v` assignments
/// (an `Option<&str>` expression: `None` for `k1,v1,k2,v2`), and whether
/// each property is a cookie of its own.
struct FlatObject {
    pairs: TokenStream,
    assign: TokenStream,
    per_cookie: bool,
}

/// `m`'s [`FlatObject`], when it is one.
fn flat_object(m: &Member, name: &str) -> Option<FlatObject> {
    let style = m
        .traits
        .get(&traits::http_object_style())
        .and_then(Node::as_str)?;
    let assign = match style {
        "pairs" | "cookies" => quote!(::std::option::Option::None),
        sep => quote!(::std::option::Option::Some(#sep)),
    };
    Some(FlatObject {
        pairs: quote! {
            let json = ::apigen_runtime::wire::to_json_body(v)
                .map_err(|e| ::std::string::ToString::to_string(&e))?;
            let pairs = ::apigen_runtime::protocol::http_binding::object_pairs(#name, &json)?;
        },
        assign,
        per_cookie: style == "cookies",
    })
}

/// A flat object path parameter, its properties percent-encoded one by
/// one and the style's separators (the prefix is in the template).
fn object_label(m: &Member, name: &str) -> Option<TokenStream> {
    let FlatObject { pairs, assign, .. } = flat_object(m, name)?;
    Some(quote! {
        #pairs
        uri.literal(&::apigen_runtime::protocol::http_binding::object_text(&pairs, #assign, true));
        labelled = !pairs.is_empty();
    })
}

fn is_http_date_list(item: &Member, item_shape: &Shape) -> bool {
    item_shape.kind == ShapeKind::Timestamp
        && matches!(
            explicit_timestamp_format(item, item_shape),
            None | Some(TimestampFormat::HttpDate)
        )
}

/// `(body, content type)` of an `@httpPayload` member: its bytes (a blob or
/// string as is, anything else as JSON), or nothing when it is unset.
fn payload_body(plan: &CratePlan, owner: &ShapeId, m: &Member) -> TokenStream {
    let Some(target) = plan.shape(&m.target) else {
        return quote!((::std::vec::Vec::new(), ::std::option::Option::None));
    };
    let media = target
        .traits
        .get(&traits::media_type())
        .and_then(Node::as_str)
        .map(str::to_string);
    // The media type an OpenAPI document gave the body, if any.
    let document_type = m
        .traits
        .get(&traits::payload_media_type())
        .and_then(Node::as_str);
    let form = document_type.filter(|_| target.kind == ShapeKind::Structure);
    let hb = quote!(::apigen_runtime::protocol::http_binding);
    let json = quote!(::apigen_runtime::wire::to_json_body(v)
        .map_err(|e| ::std::string::ToString::to_string(&e))?);
    let (bytes, default_type) = match (target.kind, form) {
        // Forms are written from the structure's JSON members.
        (_, Some("application/x-www-form-urlencoded")) => {
            let deep: Vec<&str> = m
                .traits
                .get(&traits::form_deep_object())
                .and_then(Node::as_array)
                .unwrap_or_default()
                .iter()
                .filter_map(Node::as_str)
                .collect();
            (
                quote!(#hb::form_urlencoded(&#json, &[#(#deep),*])?),
                "application/x-www-form-urlencoded",
            )
        }
        (_, Some("multipart/form-data")) => {
            let binary: Vec<String> = target
                .members
                .iter()
                .filter(|f| {
                    plan.shape(&f.target)
                        .is_some_and(|t| t.kind == ShapeKind::Blob)
                })
                .map(|f| f.name.clone())
                .collect();
            let content_type = format!(
                "multipart/form-data; boundary={}",
                "apigen-form-boundary-7d3a1c9e5b"
            );
            let value = member_ref(plan, owner, m, quote!(input));
            return quote! {
                match #value {
                    ::std::option::Option::Some(v) => (#hb::multipart_form(&#json, &[#(#binary),*])?, ::std::option::Option::Some(#content_type)),
                    ::std::option::Option::None => (::std::vec::Vec::new(), ::std::option::Option::None),
                }
            };
        }
        (ShapeKind::Blob, _) => (quote!(v.as_ref().to_vec()), "application/octet-stream"),
        (ShapeKind::String, _) => (quote!(v.as_bytes().to_vec()), "text/plain"),
        (ShapeKind::Enum, _) => (quote!(v.as_str().as_bytes().to_vec()), "text/plain"),
        _ => (json, "application/json"),
    };
    // A JSON media type the document names (`application/merge-patch+json`
    // tells a Kubernetes PATCH what kind it is) goes as the content type.
    let named_json = document_type
        .filter(|mt| mt.contains("json") && default_type == "application/json")
        .map(str::to_string);
    let content_type = media
        .or(named_json)
        .unwrap_or_else(|| default_type.to_string());
    let value = member_ref(plan, owner, m, quote!(input));
    // An unset structure payload is an empty object; anything else unset
    // is no body at all.
    let unset = if target.kind == ShapeKind::Structure && form.is_none() {
        quote!((
            b"{}".to_vec(),
            ::std::option::Option::Some("application/json")
        ))
    } else {
        quote!((::std::vec::Vec::new(), ::std::option::Option::None))
    };
    quote! {
        match #value {
            ::std::option::Option::Some(v) => (#bytes, ::std::option::Option::Some(#content_type)),
            ::std::option::Option::None => #unset,
        }
    }
}

/// `Option<&T>` of member `m` of `owner` held in `base`.
fn member_ref(plan: &CratePlan, owner: &ShapeId, m: &Member, base: TokenStream) -> TokenStream {
    let f = crate::emit::rust_types::field_ident(m);
    let ft = crate::emit::rust_types::field_type(plan, owner, m);
    match (ft.optional, ft.boxed) {
        (true, true) => quote!(#base.#f.as_deref()),
        (true, false) => quote!(#base.#f.as_ref()),
        (false, true) => quote!(::std::option::Option::Some(&*#base.#f)),
        (false, false) => quote!(::std::option::Option::Some(&#base.#f)),
    }
}

/// A statement reading header-bound member `m` of `owner` from `headers`
/// into `base`, using `?` on a `DecodeError`.
fn header_read(
    plan: &CratePlan,
    owner: &ShapeId,
    m: &Member,
    base: TokenStream,
    headers: TokenStream,
) -> Option<TokenStream> {
    let hb = quote!(::apigen_runtime::protocol::http_binding);
    let target = plan.shape(&m.target)?;
    match location(m) {
        Location::Header(name) => {
            let value = match list_member(plan, target) {
                Some((item_shape, item)) => {
                    let parse = from_header_text(plan, &name, item, item_shape, quote!(t));
                    if is_http_date_list(item, item_shape) {
                        quote! {{
                            let mut items = ::std::vec::Vec::new();
                            for t in #hb::split_http_date_list(text) {
                                items.push(#parse);
                            }
                            items
                        }}
                    } else {
                        quote! {{
                            let mut items = ::std::vec::Vec::new();
                            for t in #hb::header_items(#name, text)? {
                                let t: &str = &t;
                                items.push(#parse);
                            }
                            items
                        }}
                    }
                }
                None => from_header_text(plan, &name, m, target, quote!(text)),
            };
            let set = assign(plan, owner, m, base, value);
            Some(quote! {
                if let ::std::option::Option::Some(text) = #hb::header_text(#headers, #name)? {
                    #set
                }
            })
        }
        Location::PrefixHeaders(prefix) => {
            let set = assign(plan, owner, m, base, quote!(map));
            Some(quote! {
                let map: ::std::collections::HashMap<::std::string::String, ::std::string::String> =
                    #hb::prefixed_headers(#headers, #prefix)?.into_iter().collect();
                #set
            })
        }
        _ => None,
    }
}

/// The body of `fn output(response) -> Result<Output, DecodeError>`.
fn parse_response(plan: &CratePlan, op: &OperationPlan) -> TokenStream {
    let owner = op.info.output.clone();
    let Some(shape) = plan.shape(&owner) else {
        return quote!(Ok(::std::default::Default::default()));
    };
    let output_ty = format_ident!("{}Output", op.rust_name);
    let mut statements = Vec::new();
    let mut payload: Option<&Member> = None;
    let mut status_member: Option<&Member> = None;
    let mut has_body = false;
    for m in &shape.members {
        match location(m) {
            // Path, query and cookie bindings mean nothing in a response.
            Location::Body
            | Location::Label { .. }
            | Location::Query(_)
            | Location::QueryParams
            | Location::Cookie(_) => has_body = true,
            Location::Payload => payload = Some(m),
            Location::ResponseCode => status_member = Some(m),
            _ => {
                if let Some(read) =
                    header_read(plan, &owner, m, quote!(out), quote!(response.headers()))
                {
                    statements.push(read);
                }
            }
        }
    }
    let status = status_member.map(|m| {
        let f = crate::emit::rust_types::field_ident(m);
        let value = quote!(i32::from(response.status()));
        if crate::emit::rust_types::field_type(plan, &owner, m).optional {
            (f, quote!(::std::option::Option::Some(#value)))
        } else {
            (f, value)
        }
    });
    let start = match (&status, has_body) {
        (Some((f, value)), true) => quote! {
            let mut out: #output_ty = response.decode_json()?;
            out.#f = #value;
        },
        (None, true) => quote!(let mut out: #output_ty = response.decode_json()?;),
        // A literal, not an assignment after `default()`: the status is
        // known before anything else is read.
        (Some((f, value)), false) if shape.members.len() == 1 => {
            quote!(let out = #output_ty { #f: #value };)
        }
        (Some((f, value)), false) => quote! {
            let mut out = #output_ty { #f: #value, ..::std::default::Default::default() };
        },
        (None, false) => quote!(let mut out = <#output_ty as ::std::default::Default>::default();),
    };
    if status.is_some() && statements.is_empty() && payload.is_none() && !has_body {
        return quote! {
            #start
            Ok(out)
        };
    }
    if let Some(m) = payload {
        if let Some(target) = plan.shape(&m.target) {
            let value = match target.kind {
                ShapeKind::Blob => quote!(::apigen_runtime::Blob::new(body.to_vec())),
                ShapeKind::String => quote! {
                    ::std::string::String::from_utf8(body.to_vec())
                        .map_err(|_| ::apigen_runtime::wire::DecodeError::new("the payload is not UTF-8", 0))?
                },
                ShapeKind::Enum => {
                    let path = crate::emit::rust_types::type_path(plan, &target.id);
                    quote! {
                        #path::from(::std::str::from_utf8(body)
                            .map_err(|_| ::apigen_runtime::wire::DecodeError::new("the payload is not UTF-8", 0))?)
                    }
                }
                _ => quote!(::apigen_runtime::wire::from_json_slice(body)?),
            };
            let set = assign(plan, &owner, m, quote!(out), value);
            // An OpenAPI body declared for one success status only.
            let only_status = m
                .traits
                .get(&traits::payload_status())
                .and_then(Node::as_i64)
                .and_then(|c| u16::try_from(c).ok())
                .map(|c| quote!(&& response.status() == #c));
            statements.push(quote! {
                let body = response.body();
                if !body.is_empty() #only_status {
                    #set
                }
            });
        }
    }
    match (has_body, statements.is_empty() && status.is_none()) {
        (false, true) => quote! {
            let _ = response;
            Ok(<#output_ty as ::std::default::Default>::default())
        },
        (true, true) => quote!(response.decode_json()),
        _ => quote! {
            #start
            #(#statements)*
            Ok(out)
        },
    }
}
