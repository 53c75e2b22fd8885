//! One module per wire protocol. A protocol decides member wire names,
//! timestamp formats, and how an operation call becomes an HTTP exchange.

pub mod aws_json;
pub mod http_bindings;
pub mod rest_json;

use super::plan::{CratePlan, OperationPlan};
use crate::model::{Member, Protocol, ServiceInfo, Shape, ShapeId};
use crate::node::Node;
use proc_macro2::TokenStream;
use quote::quote;

/// How timestamps travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

pub trait ProtocolEmitter: Send + Sync {
    /// The protocol's trait name, e.g. `awsJson1_1`.
    fn name(&self) -> &'static str;

    /// The JSON key of a member.
    fn wire_name(&self, member: &Member) -> String;

    /// The timestamp format of a member targeting `target`.
    fn timestamp_format(&self, member: &Member, target: &Shape) -> TimestampFormat;

    /// Items the operation module needs to send a request and decode the
    /// response: a `pub(crate) async fn invoke(handle, input)`.
    fn operation_invoke(&self, plan: &CratePlan, op: &OperationPlan) -> TokenStream;

    /// The static service description handed to the runtime.
    fn service_metadata(&self, plan: &CratePlan) -> TokenStream;

    /// Whether members of top-level structures may be bound outside the
    /// body (the HTTP binding traits), so the body codec leaves them out.
    fn binds_http(&self) -> bool {
        false
    }

    /// Whether error responses are told apart by status code (`@httpError`)
    /// rather than by an error code the response names.
    fn errors_by_status(&self) -> bool {
        false
    }

    /// Whether apigen generates a server for this protocol.
    fn has_server(&self) -> bool {
        true
    }

    /// Statements filling members of a decoded error `e` from the error
    /// response `raw` beyond its body (headers, for HTTP-binding protocols).
    fn error_bindings(&self, plan: &CratePlan, error: &ShapeId) -> Option<TokenStream> {
        let _ = (plan, error);
        None
    }
}

/// The emitter for the service's protocol, if apigen supports it.
/// A Smithy protocol wins over the plain REST an OpenAPI document implies,
/// so a document merged with a Smithy model speaks the model's protocol.
pub fn for_service(info: &ServiceInfo) -> Option<Box<dyn ProtocolEmitter>> {
    for p in &info.protocols {
        match p {
            Protocol::AwsJson1_0 => return Some(Box::new(aws_json::AwsJson { version: "1.0" })),
            Protocol::AwsJson1_1 => return Some(Box::new(aws_json::AwsJson { version: "1.1" })),
            Protocol::RestJson1 => return Some(Box::new(rest_json::RestJson { openapi: false })),
            _ => {}
        }
    }
    let openapi = crate::model::traits::openapi_rest_json();
    info.protocols
        .iter()
        .any(|p| matches!(p, Protocol::Other(id) if *id == openapi))
        .then(|| Box::new(rest_json::RestJson { openapi: true }) as Box<dyn ProtocolEmitter>)
}

/// What every protocol's `invoke` adds to a request beside its encoding:
/// the operation's endpoint parameters (`&[...]`), and the statements that
/// set its own auth schemes, host prefix and request compression on a
/// mutable `request`, when it has any.
pub struct CallSettings {
    pub params: TokenStream,
    pub request_settings: Option<TokenStream>,
}

impl CallSettings {
    /// `let request` or, when there are settings to apply, `let mut request`.
    pub fn request_binding(&self) -> TokenStream {
        if self.request_settings.is_some() {
            quote!(let mut request)
        } else {
            quote!(let request)
        }
    }
}

pub fn call_settings(plan: &CratePlan, op: &OperationPlan) -> CallSettings {
    // Operations with endpoint parameters of their own resolve per call.
    let params = crate::emit::endpoints::operation_params(plan, op)
        .map(|params| quote!(&#params))
        .unwrap_or_else(|| quote!(&[]));
    let auth = operation_auth(plan, op).map(|schemes| {
        quote! { request.auth = ::std::option::Option::Some(#schemes); }
    });
    let host_prefix = host_prefix(plan, op).map(|prefix| {
        quote! { request.host_prefix = ::std::option::Option::Some(#prefix); }
    });
    let compression = request_compression(op).map(|encodings| {
        quote! { request.compression = &[#(#encodings),*]; }
    });
    let request_settings = match (auth, host_prefix, compression) {
        (None, None, None) => None,
        (a, h, c) => Some(quote!(#a #h #c)),
    };
    CallSettings {
        params,
        request_settings,
    }
}

/// The `ServiceMetadata` of the service, `protocol` its runtime description.
pub fn service_metadata(plan: &CratePlan, protocol: TokenStream) -> TokenStream {
    let info = &plan.info;
    let sdk_id = info.sdk_id.clone().unwrap_or_else(|| info.id.name.clone());
    let endpoint_prefix = info
        .endpoint_prefix
        .clone()
        .unwrap_or_else(|| crate::names::field_name(&sdk_id).replace('_', "-"));
    let signing_name = info
        .signing_name
        .clone()
        .unwrap_or_else(|| endpoint_prefix.clone());
    let api_version = info.version.clone().unwrap_or_default();
    let auth = service_auth(plan);
    let default_endpoint = match plan
        .service
        .traits
        .get(&crate::model::traits::default_endpoint())
        .and_then(Node::as_str)
    {
        Some(url) => quote!(::std::option::Option::Some(#url)),
        None => quote!(::std::option::Option::None),
    };
    let rules = match plan
        .service
        .traits
        .get(&ShapeId::new("smithy.rules", "endpointRuleSet"))
    {
        Some(rules) => {
            let json = rules.to_json().to_string();
            quote!(::std::option::Option::Some(#json))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        ::apigen_runtime::ServiceMetadata {
            sdk_id: #sdk_id,
            api_version: #api_version,
            endpoint_prefix: #endpoint_prefix,
            signing_name: #signing_name,
            endpoint_rules: #rules,
            protocol: #protocol,
            auth: #auth,
            default_endpoint: #default_endpoint,
        }
    }
}

/// Statements giving each unset `@idempotencyToken` member of the input a
/// token (a random UUID unless the config fixes one), as the AWS SDKs do;
/// `None` when the input has no such member.
pub fn idempotency_tokens(plan: &CratePlan, op: &OperationPlan) -> Option<TokenStream> {
    let input = plan.shape(&op.info.input)?;
    let fills: Vec<TokenStream> = input
        .members
        .iter()
        .filter(|m| {
            m.traits
                .contains_key(&crate::model::traits::idempotency_token())
        })
        .filter(|m| {
            plan.shape(&m.target)
                .is_some_and(|t| t.kind == crate::model::ShapeKind::String)
        })
        .filter(|m| super::rust_types::field_type(plan, &input.id, m).optional)
        .map(|m| {
            let f = super::rust_types::field_ident(m);
            quote! {
                if input.#f.is_none() {
                    input.#f = ::std::option::Option::Some(handle.config().idempotency_token());
                }
            }
        })
        .collect();
    (!fills.is_empty()).then(|| quote!(let mut input = input; #(#fills)*))
}

/// Reads `@timestampFormat` from a member, then from its target.
pub fn explicit_timestamp_format(member: &Member, target: &Shape) -> Option<TimestampFormat> {
    let node = member
        .traits
        .get(&crate::model::traits::timestamp_format())
        .or_else(|| target.traits.get(&crate::model::traits::timestamp_format()))?;
    match node.as_str()? {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}

/// The runtime's description of the auth schemes `ids` (trait ids, in order
/// of preference) as a `&[AuthScheme]` expression; schemes the runtime does
/// not implement are left out, and an empty list is `NoAuth`.
fn auth_schemes(service: &Shape, ids: &[ShapeId]) -> TokenStream {
    let scheme = quote!(::apigen_runtime::AuthScheme);
    let mut out: Vec<TokenStream> = Vec::new();
    for id in ids {
        let item = match (id.namespace.as_str(), id.name.as_str()) {
            ("aws.auth", "sigv4") => quote!(#scheme::SigV4),
            ("smithy.api", "httpBearerAuth") => quote!(#scheme::Bearer),
            ("smithy.api", "httpBasicAuth") => quote!(#scheme::Basic),
            ("smithy.api", "noAuth") => quote!(#scheme::NoAuth),
            ("smithy.api", "httpApiKeyAuth") => {
                let value = service.traits.get(id);
                let field = |k: &str| value.and_then(|v| v.get(k)).and_then(Node::as_str);
                let name = field("name").unwrap_or("x-api-key");
                let location = match field("in") {
                    Some("query") => quote!(::apigen_runtime::auth::ApiKeyLocation::Query),
                    _ => quote!(::apigen_runtime::auth::ApiKeyLocation::Header),
                };
                let prefix = match field("scheme") {
                    Some(s) => quote!(::std::option::Option::Some(#s)),
                    None => quote!(::std::option::Option::None),
                };
                quote!(#scheme::ApiKey { name: #name, location: #location, scheme: #prefix })
            }
            ("apigen.api", "cookieApiKeyAuth") => {
                let name = service
                    .traits
                    .get(id)
                    .and_then(|v| v.get("name"))
                    .and_then(Node::as_str)
                    .unwrap_or("api_key");
                quote!(#scheme::ApiKey {
                    name: #name,
                    location: ::apigen_runtime::auth::ApiKeyLocation::Cookie,
                    scheme: ::std::option::Option::None,
                })
            }
            _ => continue,
        };
        out.push(item);
    }
    if out.is_empty() {
        out.push(quote!(#scheme::NoAuth));
    }
    quote!(&[#(#out),*])
}

/// The service's auth schemes.
pub fn service_auth(plan: &CratePlan) -> TokenStream {
    auth_schemes(plan.service, &plan.info.auth)
}

/// The operation's auth schemes when they differ from the service's: an
/// `@auth` list of its own, or `@optionalAuth` (the service's, then none).
pub fn operation_auth(plan: &CratePlan, op: &OperationPlan) -> Option<TokenStream> {
    let traits = &op.shape.traits;
    let own: Option<Vec<ShapeId>> = traits
        .get(&crate::model::traits::auth())
        .and_then(Node::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Node::as_str)
                .filter_map(ShapeId::parse)
                .collect()
        });
    let optional = traits.contains_key(&ShapeId::new("smithy.api", "optionalAuth"));
    if own.is_none() && !optional {
        return None;
    }
    let mut ids = own.unwrap_or_else(|| plan.info.auth.clone());
    if optional {
        ids.push(ShapeId::new("smithy.api", "noAuth"));
    }
    Some(auth_schemes(plan.service, &ids))
}

/// The host prefix of an operation with `@endpoint(hostPrefix)`, as an
/// expression of type `String` over `input` (`{label}`s are its
/// `@hostLabel` members, which must be set and non-empty, else the call is
/// a construction error).
pub fn host_prefix(plan: &CratePlan, op: &OperationPlan) -> Option<TokenStream> {
    let template = op
        .shape
        .traits
        .get(&ShapeId::new("smithy.api", "endpoint"))?
        .get("hostPrefix")?
        .as_str()?;
    let input = plan.shape(&op.info.input)?;
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        format.push_str(&rest[..open].replace('}', "}}"));
        let close = rest[open..].find('}')? + open;
        let label = &rest[open + 1..close];
        let member = input.member(label)?;
        let field = super::rust_types::field_ident(member);
        let optional = super::rust_types::field_type(plan, &input.id, member).optional;
        let message = format!("the host label `{label}` must be set to a non-empty value");
        let value = if optional {
            quote!(input.#field.as_deref().unwrap_or_default())
        } else {
            quote!(input.#field.as_str())
        };
        args.push(quote! {
            {
                let value: &str = #value;
                if value.is_empty() {
                    return ::std::result::Result::Err(::apigen_runtime::SdkError::construction(#message));
                }
                value
            }
        });
        format.push_str("{}");
        rest = &rest[close + 1..];
    }
    if args.is_empty() {
        return Some(quote!(::std::string::String::from(#template)));
    }
    format.push_str(&rest.replace('}', "}}"));
    Some(quote!(::std::format!(#format #(, #args)*)))
}

/// The encodings of an operation's `@requestCompression` that the runtime
/// implements (gzip), when it has the trait.
pub fn request_compression(op: &OperationPlan) -> Option<Vec<String>> {
    let encodings: Vec<String> = op
        .shape
        .traits
        .get(&ShapeId::new("smithy.api", "requestCompression"))?
        .get("encodings")?
        .as_array()?
        .iter()
        .filter_map(Node::as_str)
        .filter(|e| e.eq_ignore_ascii_case("gzip"))
        .map(str::to_ascii_lowercase)
        .collect();
    (!encodings.is_empty()).then_some(encodings)
}
