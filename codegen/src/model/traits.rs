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

/// `apigen.api#untagged`: a union written as its member's own JSON (an
/// OpenAPI `oneOf`/`anyOf`), with the discriminator that picks it, if any.
pub fn untagged() -> ShapeId {
    ShapeId::new("apigen.api", "untagged")
}

// apigen's own traits (`codegen/src/smithy/builtin/apigen.smithy`): what
// an OpenAPI document says that Smithy's traits cannot.

/// `apigen.api#restJson`: the protocol of every service lowered from OpenAPI.
pub fn openapi_rest_json() -> ShapeId {
    ShapeId::new("apigen.api", "restJson")
}

/// `apigen.api#httpQueryDelimiter`: the delimiter an array query parameter's
/// items are joined with when they are not one key per item (OpenAPI's
/// `explode: false`, `spaceDelimited`, `pipeDelimited`; Swagger 2.0's
/// `collectionFormat`).
pub fn http_query_delimiter() -> ShapeId {
    ShapeId::new("apigen.api", "httpQueryDelimiter")
}

/// `apigen.api#httpLabelDelimiter`: the text between the items of an
/// array path parameter (`,`, `.` or `;name=`, by the OpenAPI style).
pub fn http_label_delimiter() -> ShapeId {
    ShapeId::new("apigen.api", "httpLabelDelimiter")
}

/// `apigen.api#httpCookie`: an OpenAPI cookie parameter, sent as
/// `name=value` in the `Cookie` header.
pub fn http_cookie() -> ShapeId {
    ShapeId::new("apigen.api", "httpCookie")
}

/// `apigen.api#httpObjectStyle`: how a flat object parameter outside the
/// query's deepObject and exploded form is written (`pairs`, `,`, `.`,
/// `;`, `cookies`).
pub fn http_object_style() -> ShapeId {
    ShapeId::new("apigen.api", "httpObjectStyle")
}

/// `apigen.api#httpQueryObject`: how an object-valued query parameter is
/// spread into keys, `deepObject` (`f[a]=1`) or `form` (exploded: `a=1`).
pub fn http_query_object() -> ShapeId {
    ShapeId::new("apigen.api", "httpQueryObject")
}

/// `apigen.api#payloadMediaType`: the media type of a request body the
/// document gives (the one the client sends when it offers several).
pub fn payload_media_type() -> ShapeId {
    ShapeId::new("apigen.api", "payloadMediaType")
}

/// `apigen.api#formDeepObject`: the properties of a form body encoded as
/// deep objects (`metadata[key]=value`, `items[0][price]=…`).
pub fn form_deep_object() -> ShapeId {
    ShapeId::new("apigen.api", "formDeepObject")
}

/// `apigen.api#payloadStatus`: on an output's payload member, the status
/// whose body it is (other success statuses carry other bodies).
pub fn payload_status() -> ShapeId {
    ShapeId::new("apigen.api", "payloadStatus")
}

/// `apigen.api#cookieApiKeyAuth`: an API key sent as a cookie.
pub fn cookie_api_key_auth() -> ShapeId {
    ShapeId::new("apigen.api", "cookieApiKeyAuth")
}

/// `apigen.api#inlineSchema`: a shape lowered from an inline OpenAPI
/// schema, which may be generated as an alias of an identical one.
pub fn inline_schema() -> ShapeId {
    ShapeId::new("apigen.api", "inlineSchema")
}

/// `apigen.api#defaultEndpoint`: the endpoint used when none is configured.
pub fn default_endpoint() -> ShapeId {
    ShapeId::new("apigen.api", "defaultEndpoint")
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

/// `smithy.waiters#waitable`.
pub fn waitable() -> ShapeId {
    ShapeId::new("smithy.waiters", "waitable")
}

/// One waiter of an operation's `smithy.waiters#waitable` value.
#[derive(Clone, Debug, PartialEq)]
pub struct Waiter {
    /// `TableExists`.
    pub name: String,
    /// Where the waiter's definition (its key in the trait value) is.
    pub span: crate::source::Span,
    pub docs: Option<String>,
    /// Seconds (default 2).
    pub min_delay: u64,
    /// Seconds (default 120).
    pub max_delay: u64,
    pub deprecated: bool,
    pub acceptors: Vec<Acceptor>,
}

/// An acceptor: the state to move to when its matcher matches.
#[derive(Clone, Debug, PartialEq)]
pub struct Acceptor {
    pub state: AcceptorState,
    pub matcher: Matcher,
    pub span: crate::source::Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    Success,
    Failure,
    Retry,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Matcher {
    /// A JMESPath test of the successful output.
    Output(PathMatcher),
    /// A JMESPath test of `{input, output}` of a successful call.
    InputOutput(PathMatcher),
    /// `true`: the call succeeded; `false`: it failed with any error.
    Success(bool),
    /// The call failed with this error (the name part of a shape id).
    ErrorType(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PathMatcher {
    pub path: String,
    /// Where the `path` string is written.
    pub path_span: crate::source::Span,
    pub expected: String,
    pub comparator: PathComparator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathComparator {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

impl PathComparator {
    pub fn as_str(self) -> &'static str {
        match self {
            PathComparator::StringEquals => "stringEquals",
            PathComparator::BooleanEquals => "booleanEquals",
            PathComparator::AllStringEquals => "allStringEquals",
            PathComparator::AnyStringEquals => "anyStringEquals",
        }
    }
}

/// A waiter whose trait value cannot be read: its name, where, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct WaiterProblem {
    pub name: String,
    pub span: crate::source::Span,
    pub message: String,
}

/// The waiters of an operation (`smithy.waiters#waitable`), in the order the
/// model writes them; a waiter whose value is malformed is a problem, not
/// left out silently.
pub fn waiters(traits: &Traits) -> Vec<Result<Waiter, WaiterProblem>> {
    let Some(node) = traits.get(&waitable()) else {
        return Vec::new();
    };
    let Some(entries) = node.as_object() else {
        return vec![Err(WaiterProblem {
            name: String::new(),
            span: node.span,
            message: format!(
                "the waitable trait value is {}, not an object",
                node.kind_name()
            ),
        })];
    };
    entries
        .iter()
        .map(|(key, value)| {
            read_waiter(&key.name, key.span, value).map_err(|message| WaiterProblem {
                name: key.name.clone(),
                span: key.span,
                message,
            })
        })
        .collect()
}

fn read_waiter(name: &str, span: crate::source::Span, node: &Node) -> Result<Waiter, String> {
    let delay = |key: &str, default: u64| -> Result<u64, String> {
        match node.get(key) {
            None => Ok(default),
            Some(n) => n
                .as_i64()
                .and_then(|v| u64::try_from(v).ok())
                .filter(|v| *v >= 1)
                .ok_or_else(|| format!("{key} must be a whole number of seconds, at least 1")),
        }
    };
    let min_delay = delay("minDelay", 2)?;
    let max_delay = delay("maxDelay", 120)?;
    if min_delay > max_delay {
        return Err(format!(
            "minDelay ({min_delay}) is greater than maxDelay ({max_delay})"
        ));
    }
    let list = node
        .get("acceptors")
        .and_then(Node::as_array)
        .ok_or("it has no acceptors list")?;
    let mut acceptors = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let state = match a.get("state").and_then(Node::as_str) {
            Some("success") => AcceptorState::Success,
            Some("failure") => AcceptorState::Failure,
            Some("retry") => AcceptorState::Retry,
            other => {
                return Err(format!(
                    "acceptor {} has state {other:?}, not success, failure or retry",
                    i + 1
                ))
            }
        };
        let m = a
            .get("matcher")
            .and_then(Node::as_object)
            .ok_or_else(|| format!("acceptor {} has no matcher", i + 1))?;
        let [(kind, value)] = m else {
            return Err(format!(
                "the matcher of acceptor {} must set exactly one member",
                i + 1
            ));
        };
        let path_matcher = |value: &Node| -> Result<PathMatcher, String> {
            let field = |k: &str| {
                value
                    .get(k)
                    .and_then(Node::as_str)
                    .ok_or_else(|| format!("acceptor {}: the path matcher has no {k}", i + 1))
            };
            let comparator = match field("comparator")? {
                "stringEquals" => PathComparator::StringEquals,
                "booleanEquals" => PathComparator::BooleanEquals,
                "allStringEquals" => PathComparator::AllStringEquals,
                "anyStringEquals" => PathComparator::AnyStringEquals,
                other => return Err(format!("acceptor {}: unknown comparator {other:?}", i + 1)),
            };
            Ok(PathMatcher {
                path: field("path")?.to_string(),
                path_span: value.get("path").map(|n| n.span).unwrap_or(value.span),
                expected: field("expected")?.to_string(),
                comparator,
            })
        };
        let matcher = match kind.name.as_str() {
            "output" => Matcher::Output(path_matcher(value)?),
            "inputOutput" => Matcher::InputOutput(path_matcher(value)?),
            "success" => Matcher::Success(
                value
                    .as_bool()
                    .ok_or_else(|| format!("acceptor {}: success must be a boolean", i + 1))?,
            ),
            "errorType" => {
                let id = value
                    .as_str()
                    .ok_or_else(|| format!("acceptor {}: errorType must be a string", i + 1))?;
                // An absolute shape id matches by its name part.
                let name = id.rsplit_once('#').map_or(id, |(_, n)| n);
                Matcher::ErrorType(name.to_string())
            }
            other => {
                return Err(format!(
                    "acceptor {} has an unknown matcher {other:?}",
                    i + 1
                ))
            }
        };
        acceptors.push(Acceptor {
            state,
            matcher,
            span: a.span,
        });
    }
    Ok(Waiter {
        name: name.to_string(),
        span,
        docs: node
            .get("documentation")
            .and_then(Node::as_str)
            .map(str::to_string),
        min_delay,
        max_delay,
        deprecated: node.get("deprecated").and_then(Node::as_bool) == Some(true),
        acceptors,
    })
}
