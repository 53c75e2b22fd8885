//! What an OpenAPI document says about the whole API, as traits of the
//! service shape: the protocol (`apigen.api#restJson`: HTTP bindings, JSON
//! bodies, errors told apart by status code), the security schemes as
//! Smithy's auth traits in the order the document prefers them, and the
//! first server as the default endpoint (`apigen.api#defaultEndpoint`).

use super::{child, string_node, Lowerer};
use crate::model::{ShapeId, Traits};
use crate::node::{Node, Value};
use openapiv3::{APIKeyLocation, ReferenceOr, SecurityRequirement, SecurityScheme};

impl Lowerer<'_> {
    /// The service's protocol, auth and endpoint traits.
    pub(super) fn service_traits(&mut self, traits: &mut Traits) {
        let span = self.span("/info");
        traits.insert(
            crate::model::traits::openapi_rest_json(),
            Node::empty_object(span),
        );
        let schemes = self.auth_schemes();
        // The document's own preference: the root `security` list, in order;
        // without one, every scheme it defines, none required.
        let mut order: Vec<ShapeId> = Vec::new();
        match &self.api.security {
            Some(requirements) => {
                for id in self.required_schemes(requirements, &schemes) {
                    if !order.contains(&id) {
                        order.push(id);
                    }
                }
            }
            None => order.extend(schemes.values().map(|(id, _)| id.clone())),
        }
        for (id, value) in schemes.values() {
            traits.insert(id.clone(), value.clone());
        }
        if !schemes.is_empty() {
            let list = order
                .iter()
                .map(|id| string_node(&id.to_string(), span))
                .collect();
            traits.insert(
                ShapeId::new("smithy.api", "auth"),
                Node::new(Value::Array(list), span),
            );
        }
        if let Some(url) = self.default_endpoint() {
            traits.insert(
                crate::model::traits::default_endpoint(),
                string_node(&url, span),
            );
        }
    }

    /// `@auth` for an operation whose `security` differs from the document's.
    pub(super) fn operation_auth(
        &mut self,
        requirements: &[SecurityRequirement],
        span: crate::source::Span,
    ) -> Node {
        let schemes = self.auth_schemes();
        let ids = self.required_schemes(requirements, &schemes);
        Node::new(
            Value::Array(
                ids.iter()
                    .map(|id| string_node(&id.to_string(), span))
                    .collect(),
            ),
            span,
        )
    }

    /// Each security scheme the runtime can apply, by its name in the
    /// document: the auth trait and its value. OAuth2 and OpenID Connect
    /// send a bearer token the caller supplies; an API key in a cookie is
    /// `apigen.api#cookieApiKeyAuth`.
    fn auth_schemes(&mut self) -> indexmap_like::Map {
        let mut out = indexmap_like::Map::default();
        let Some(components) = &self.api.components else {
            return out;
        };
        for (name, scheme) in &components.security_schemes {
            let pointer = child("/components/securitySchemes", name);
            let span = self.span(&pointer);
            let ReferenceOr::Item(scheme) = scheme else {
                self.unsupported_as(
                    &pointer,
                    "security schemes given by $ref are not supported: this one is ignored",
                );
                continue;
            };
            let entry = match scheme {
                SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => (
                    ShapeId::new("smithy.api", "httpBearerAuth"),
                    Node::empty_object(span),
                ),
                SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => (
                    ShapeId::new("smithy.api", "httpBasicAuth"),
                    Node::empty_object(span),
                ),
                SecurityScheme::HTTP { scheme, .. } => {
                    self.unsupported_as(
                        &pointer,
                        &format!("the HTTP auth scheme {scheme:?} is not supported (bearer and basic are): it is ignored"),
                    );
                    continue;
                }
                SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => (
                    ShapeId::new("smithy.api", "httpBearerAuth"),
                    Node::empty_object(span),
                ),
                SecurityScheme::APIKey {
                    location,
                    name: key,
                    ..
                } => {
                    let value = |place: Option<&str>| {
                        let mut fields = vec![("name", string_node(key, span))];
                        fields.extend(place.map(|p| ("in", string_node(p, span))));
                        super::operations::object(span, fields)
                    };
                    match location {
                        APIKeyLocation::Header => (
                            ShapeId::new("smithy.api", "httpApiKeyAuth"),
                            value(Some("header")),
                        ),
                        APIKeyLocation::Query => (
                            ShapeId::new("smithy.api", "httpApiKeyAuth"),
                            value(Some("query")),
                        ),
                        // Smithy's `@httpApiKeyAuth` has no cookie: apigen's own trait.
                        APIKeyLocation::Cookie => {
                            (crate::model::traits::cookie_api_key_auth(), value(None))
                        }
                    }
                }
            };
            out.insert(name.clone(), entry);
        }
        out
    }

    /// The auth traits of the schemes a `security` list names, in order
    /// (an empty requirement `{}` means no auth is also accepted).
    fn required_schemes(
        &self,
        requirements: &[SecurityRequirement],
        schemes: &indexmap_like::Map,
    ) -> Vec<ShapeId> {
        let mut out = Vec::new();
        for requirement in requirements {
            for name in requirement.keys() {
                if let Some((id, _)) = schemes.get(name) {
                    if !out.contains(id) {
                        out.push(id.clone());
                    }
                }
            }
        }
        out
    }

    /// The first server's URL with its variables at their defaults, when it
    /// is absolute (a relative one is resolved against where the document
    /// was served from, which a client cannot know).
    fn default_endpoint(&mut self) -> Option<String> {
        let server = self.api.servers.first()?;
        let mut url = server.url.clone();
        if let Some(variables) = &server.variables {
            for (name, variable) in variables {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
            }
        }
        if url.starts_with("http://") || url.starts_with("https://") {
            Some(url.trim_end_matches('/').to_string())
        } else {
            self.diags.note(
                "openapi-relative-server",
                self.span("/servers/0/url"),
                format!(
                    "the server URL {url:?} is relative: the client has no default endpoint, set one with `endpoint_url`"
                ),
            );
            None
        }
    }
}

/// An insertion-ordered map of scheme names (the document's order).
mod indexmap_like {
    use crate::model::ShapeId;
    use crate::node::Node;

    #[derive(Default)]
    pub struct Map(Vec<(String, (ShapeId, Node))>);

    impl Map {
        pub fn insert(&mut self, name: String, value: (ShapeId, Node)) {
            self.0.push((name, value));
        }
        pub fn get(&self, name: &str) -> Option<&(ShapeId, Node)> {
            self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
        }
        pub fn values(&self) -> impl Iterator<Item = &(ShapeId, Node)> {
            self.0.iter().map(|(_, v)| v)
        }
        pub fn is_empty(&self) -> bool {
            self.0.is_empty()
        }
    }
}
