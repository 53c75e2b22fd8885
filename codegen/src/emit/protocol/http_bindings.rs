//! The HTTP binding traits read off an operation's input, output and errors
//! (`@http`, `@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`,
//! `@httpPrefixHeaders`, `@httpPayload`, `@httpResponseCode`), and the Rust
//! that writes bound members into a request and reads them out of a
//! response. Shared by every HTTP-binding protocol (restJson1 now, plain
//! REST from OpenAPI next); the body's codec belongs to the protocol.

use super::{explicit_timestamp_format, TimestampFormat};
use crate::emit::plan::CratePlan;
use crate::emit::rust_types::{field_ident, field_type, type_path};
use crate::model::{traits, Member, Shape, ShapeId, ShapeKind};
use crate::node::Node;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Where a member of a top-level input, output or error travels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// A path label; `greedy` for `{name+}`.
    Label { greedy: bool },
    /// `@httpQuery(name)`.
    Query(String),
    /// `@httpQueryParams`: every entry of a map.
    QueryParams,
    /// `@httpHeader(name)`, the name lowercase.
    Header(String),
    /// `apigen.api#httpCookie(name)`: a cookie of the `Cookie` header.
    Cookie(String),
    /// `@httpPrefixHeaders(prefix)`, the prefix lowercase.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
    /// A member of the JSON body.
    Body,
}

/// The location of `member` of a top-level structure.
pub fn location(member: &Member) -> Location {
    let t = &member.traits;
    let text = |id: &ShapeId| t.get(id).and_then(Node::as_str).map(str::to_string);
    if t.contains_key(&traits::http_label()) {
        // Greediness is the template's business; `template` fills it in.
        Location::Label { greedy: false }
    } else if let Some(name) = text(&traits::http_query()) {
        Location::Query(name)
    } else if t.contains_key(&traits::http_query_params()) {
        Location::QueryParams
    } else if let Some(name) = text(&traits::http_header()) {
        Location::Header(name.to_ascii_lowercase())
    } else if let Some(name) = text(&traits::http_cookie()) {
        Location::Cookie(name)
    } else if let Some(prefix) = text(&traits::http_prefix_headers()) {
        Location::PrefixHeaders(prefix.to_ascii_lowercase())
    } else if t.contains_key(&traits::http_payload()) {
        Location::Payload
    } else if t.contains_key(&traits::http_response_code()) {
        Location::ResponseCode
    } else {
        Location::Body
    }
}

/// Which message a body codec is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

/// Whether `member` of `owner` is written in the JSON body of a message in
/// `direction`: members of nested structures always are; of an input (in a
/// request) unless bound to the path, query or headers or as the payload;
/// of an output or error (in a response) unless bound to headers, the
/// status or as the payload. Bindings that do not apply to the direction
/// (`@httpQuery` on an output) are ignored, as Smithy specifies.
pub fn in_body(plan: &CratePlan, owner: &ShapeId, member: &Member, direction: Direction) -> bool {
    if !plan.protocol.as_deref().is_some_and(|p| p.binds_http()) {
        return true;
    }
    let location = location(member);
    match direction {
        Direction::Request if plan.inputs.contains(owner) => {
            matches!(location, Location::Body | Location::ResponseCode)
        }
        Direction::Response if plan.is_response_shape(owner) => {
            matches!(
                location,
                Location::Body
                    | Location::Label { .. }
                    | Location::Query(_)
                    | Location::QueryParams
                    | Location::Cookie(_)
            )
        }
        _ => true,
    }
}

/// One piece of an `@http` URI template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Label { name: String, greedy: bool },
}

/// An `@http` URI split into path segments and literal query parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub path: Vec<Segment>,
    pub query: Vec<(String, Option<String>)>,
}

/// Parses `/a/{b}/c/{d+}?x=1&y`.
pub fn template(uri: &str) -> Template {
    let (path, query) = match uri.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (uri, None),
    };
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        if open > 0 {
            segments.push(Segment::Literal(rest[..open].to_string()));
        }
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(n) => (n, true),
            None => (label, false),
        };
        segments.push(Segment::Label {
            name: name.to_string(),
            greedy,
        });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(Segment::Literal(rest.to_string()));
    }
    let query = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (p.to_string(), None),
        })
        .collect();
    Template {
        path: segments,
        query,
    }
}

/// Where a value is written: labels and query strings share one form,
/// headers another (timestamps, `@mediaType` strings).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Uri,
    Header,
}

fn timestamp_format_tokens(format: Option<TimestampFormat>) -> TokenStream {
    let path = quote!(::apigen_runtime::wire::TimestampFormat);
    match format {
        None => quote!(::std::option::Option::None),
        Some(TimestampFormat::DateTime) => quote!(::std::option::Option::Some(#path::DateTime)),
        Some(TimestampFormat::HttpDate) => quote!(::std::option::Option::Some(#path::HttpDate)),
        Some(TimestampFormat::EpochSeconds) => {
            quote!(::std::option::Option::Some(#path::EpochSeconds))
        }
    }
}

/// The text of `v` (a `&T` of shape `target`) in a URI or header, as a
/// `String` expression; fallible conversions use `?` on a `String` error.
pub fn to_text(
    plan: &CratePlan,
    member: &Member,
    target: &Shape,
    v: TokenStream,
    place: Place,
) -> TokenStream {
    use ShapeKind::*;
    let hb = quote!(::apigen_runtime::protocol::http_binding);
    match target.kind {
        String if place == Place::Header && target.traits.contains_key(&traits::media_type()) => {
            quote!(::apigen_runtime::base64::encode(#v.as_bytes()))
        }
        String => quote!(::std::string::ToString::to_string(#v)),
        Enum => quote!(::std::string::ToString::to_string(#v.as_str())),
        Boolean | Byte | Short | Integer | Long | IntEnum | BigInteger | BigDecimal => {
            quote!(::std::string::ToString::to_string(#v))
        }
        Float => quote!(#hb::float32_text(*#v)),
        Double => quote!(#hb::float_text(*#v)),
        Blob => quote!(::apigen_runtime::base64::encode(#v.as_ref())),
        Timestamp => {
            let fmt = timestamp_format_tokens(explicit_timestamp_format(member, target));
            let f = if place == Place::Header {
                quote!(#hb::timestamp_in_header)
            } else {
                quote!(#hb::timestamp_in_uri)
            };
            quote!(#f(#v, #fmt).map_err(|e| ::std::string::ToString::to_string(&e))?)
        }
        // An OpenAPI parameter that is a oneOf/anyOf of scalars: the text of
        // whichever member is set (the lowering keeps other unions out).
        Union => {
            let path = type_path(plan, &target.id);
            let unknown = format!("cannot send the Unknown member of union {}", target.id.name);
            let arms = target.members.iter().filter_map(|m| {
                let inner = plan.shape(&m.target)?;
                let variant = format_ident!("{}", crate::names::member_variant_name(&m.name));
                let text = to_text(plan, m, inner, quote!(x), place);
                Some(quote!(#path::#variant(x) => #text,))
            });
            quote! {
                match #v {
                    #(#arms)*
                    _ => return ::std::result::Result::Err(::std::string::ToString::to_string(#unknown)),
                }
            }
        }
        // Smithy's selectors and the OpenAPI lowering leave no other kind in
        // a binding; should one arrive, the call fails saying so.
        _ => {
            let why = format!("{} has no HTTP text form", target.id.name);
            quote!({
                let _ = #v;
                return ::std::result::Result::Err(::std::string::ToString::to_string(#why));
            })
        }
    }
}

/// Parses header text `t` (a `&str`) into a value of shape `target`, as an
/// expression using `?` on a `DecodeError`.
pub fn from_header_text(
    plan: &CratePlan,
    name: &str,
    member: &Member,
    target: &Shape,
    t: TokenStream,
) -> TokenStream {
    use ShapeKind::*;
    let hb = quote!(::apigen_runtime::protocol::http_binding);
    match target.kind {
        String if target.traits.contains_key(&traits::media_type()) => quote! {
            ::std::string::String::from_utf8(
                ::apigen_runtime::base64::decode(#t).ok_or_else(|| ::apigen_runtime::wire::DecodeError::new(::std::format!("header {} is not base64", #name), 0))?,
            ).map_err(|_| ::apigen_runtime::wire::DecodeError::new(::std::format!("header {} is not UTF-8 once decoded", #name), 0))?
        },
        String => quote!(::std::string::ToString::to_string(#t)),
        Enum => {
            let path = type_path(plan, &target.id);
            quote!(#path::from(#t))
        }
        Boolean | Byte | Short | Integer | Long | IntEnum => quote!(#hb::parse_header(#name, #t)?),
        Float => quote!(#hb::parse_header_float(#name, #t)? as f32),
        Double => quote!(#hb::parse_header_float(#name, #t)?),
        Blob => quote! {
            ::apigen_runtime::Blob::new(::apigen_runtime::base64::decode(#t).ok_or_else(|| ::apigen_runtime::wire::DecodeError::new(::std::format!("header {} is not base64", #name), 0))?)
        },
        Timestamp => {
            let fmt = timestamp_format_tokens(explicit_timestamp_format(member, target));
            quote!(#hb::parse_header_timestamp(#name, #t, #fmt)?)
        }
        _ => quote!(::std::default::Default::default()),
    }
}

/// Runs `body` with `v` bound to a `&T` of member `m` of `owner` held in
/// `base` (an expression of the owner's type), when it is set.
pub fn with_member(
    plan: &CratePlan,
    owner: &ShapeId,
    m: &Member,
    base: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let f = field_ident(m);
    let ft = field_type(plan, owner, m);
    match (ft.optional, ft.boxed) {
        (true, true) => {
            quote!(if let ::std::option::Option::Some(v) = #base.#f.as_deref() { #body })
        }
        (true, false) => {
            quote!(if let ::std::option::Option::Some(v) = #base.#f.as_ref() { #body })
        }
        (false, true) => quote!({ let v = &*#base.#f; #body }),
        (false, false) => quote!({ let v = &#base.#f; #body }),
    }
}

/// `base.field = value` for member `m`, wrapping in `Some`/`Box` as stored.
pub fn assign(
    plan: &CratePlan,
    owner: &ShapeId,
    m: &Member,
    base: TokenStream,
    value: TokenStream,
) -> TokenStream {
    let f = field_ident(m);
    let ft = field_type(plan, owner, m);
    let value = if ft.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    };
    if ft.optional {
        quote!(#base.#f = ::std::option::Option::Some(#value);)
    } else {
        quote!(#base.#f = #value;)
    }
}

/// The list's member, for a member targeting a list.
pub fn list_member<'m>(plan: &CratePlan<'m>, target: &Shape) -> Option<(&'m Shape, &'m Member)> {
    if target.kind != ShapeKind::List {
        return None;
    }
    let list = plan.shape(&target.id)?;
    let item = list.member("member")?;
    Some((plan.shape(&item.target)?, item))
}

/// The value shape of a map, for a member targeting a map.
pub fn map_value<'m>(plan: &CratePlan<'m>, target: &Shape) -> Option<(&'m Shape, &'m Member)> {
    if target.kind != ShapeKind::Map {
        return None;
    }
    let map = plan.shape(&target.id)?;
    let value = map.member("value")?;
    Some((plan.shape(&value.target)?, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_into_literals_labels_and_query() {
        let t = template("/a/{b}/c/{d+}?x=1&y");
        assert_eq!(
            t.path,
            vec![
                Segment::Literal("/a/".into()),
                Segment::Label {
                    name: "b".into(),
                    greedy: false
                },
                Segment::Literal("/c/".into()),
                Segment::Label {
                    name: "d".into(),
                    greedy: true
                },
            ]
        );
        assert_eq!(
            t.query,
            vec![("x".into(), Some("1".into())), ("y".into(), None)]
        );
        assert_eq!(template("/").path, vec![Segment::Literal("/".into())]);
    }
}
