//! Well-known trait ids and typed readers for the traits code generation and
//! diffing depend on. Everything else stays available as raw nodes.

use super::{ShapeId, Traits};
use crate::node::Node;

/// Defines `fn NAME() -> ShapeId` for prelude traits.
macro_rules! prelude_traits {
    ($($fn_name:ident => $name:literal),* $(,)?) => {
        $(
            pub fn $fn_name() -> ShapeId {
                ShapeId::prelude($name)
            }
        )*
    };
}

prelude_traits! {
    documentation => "documentation",
    required => "required",
    default => "default",
    client_optional => "clientOptional",
    length => "length",
    range => "range",
    pattern => "pattern",
    enum_value => "enumValue",
    enum_trait => "enum",
    json_name => "jsonName",
    timestamp_format => "timestampFormat",
    http => "http",
    http_error => "httpError",
    http_label => "httpLabel",
    http_query => "httpQuery",
    http_query_params => "httpQueryParams",
    http_header => "httpHeader",
    http_prefix_headers => "httpPrefixHeaders",
    http_payload => "httpPayload",
    http_response_code => "httpResponseCode",
    error => "error",
    paginated => "paginated",
    readonly => "readonly",
    idempotent => "idempotent",
    idempotency_token => "idempotencyToken",
    deprecated => "deprecated",
    sparse => "sparse",
    unique_items => "uniqueItems",
    sensitive => "sensitive",
    streaming => "streaming",
    input => "input",
    output => "output",
    mixin => "mixin",
    trait_def => "trait",
    tags => "tags",
    title => "title",
    media_type => "mediaType",
    box_trait => "box",
    unit_type => "unitType",
    event_payload => "eventPayload",
    recommended => "recommended",
    auth => "auth",
    auth_definition => "authDefinition",
    protocol_definition => "protocolDefinition",
    private => "private",
    suppress => "suppress",
    retryable => "retryable",
    add_ed => "addedDefault",
    unstable => "unstable",
    internal => "internal",
}

/// `apigen.api#summary`: the one-line summary an OpenAPI document gave an operation.
pub fn summary() -> ShapeId {
    ShapeId::new("apigen.api", "summary")
}

pub fn get<'a>(traits: &'a Traits, id: &ShapeId) -> Option<&'a Node> {
    traits.get(id)
}

pub fn docs(traits: &Traits) -> Option<&str> {
    traits.get(&documentation())?.as_str()
}

pub fn is_required(traits: &Traits) -> bool {
    traits.contains_key(&required())
}

/// `@length(min, max)`.
pub fn length_of(traits: &Traits) -> Option<(Option<i64>, Option<i64>)> {
    let node = traits.get(&length())?;
    Some((
        node.get("min").and_then(Node::as_i64),
        node.get("max").and_then(Node::as_i64),
    ))
}

/// `@range(min, max)` as floats (ranges may be fractional).
pub fn range_of(traits: &Traits) -> Option<(Option<f64>, Option<f64>)> {
    let node = traits.get(&range())?;
    Some((
        node.get("min")
            .and_then(Node::as_number)
            .map(|n| n.as_f64()),
        node.get("max")
            .and_then(Node::as_number)
            .map(|n| n.as_f64()),
    ))
}

pub fn pattern_of(traits: &Traits) -> Option<&str> {
    traits.get(&pattern())?.as_str()
}

pub fn deprecation(traits: &Traits) -> Option<Deprecation> {
    let node = traits.get(&deprecated())?;
    Some(Deprecation {
        message: node
            .get("message")
            .and_then(Node::as_str)
            .map(str::to_string),
        since: node.get("since").and_then(Node::as_str).map(str::to_string),
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    pub message: Option<String>,
    pub since: Option<String>,
}

/// `@error("client" | "server")`.
pub fn error_kind(traits: &Traits) -> Option<&str> {
    traits.get(&error())?.as_str()
}

pub fn http_error_code(traits: &Traits) -> Option<u16> {
    traits
        .get(&http_error())?
        .as_i64()
        .and_then(|c| u16::try_from(c).ok())
}
