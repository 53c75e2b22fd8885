//! Client-side authentication: the schemes a service (or one operation)
//! accepts, in the model's order of preference, and how each is applied to
//! a request. SigV4 signing itself lives in [`sigv4`](crate::sigv4).

use crate::sigv4::{Signer, SigningParams, SigningSettings};
use crate::{Config, Credentials};
use bytes::Bytes;

/// One way of authenticating a request, as generated code lists them from
/// the model (`@auth`, `@sigv4`, `@httpBearerAuth`, `@httpApiKeyAuth`,
/// `@httpBasicAuth`, `@optionalAuth`, OpenAPI security schemes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthScheme {
    /// AWS Signature Version 4 with the configured credentials.
    SigV4,
    /// `Authorization: Bearer <token>` with [`ConfigBuilder::bearer_token`](crate::ConfigBuilder::bearer_token).
    Bearer,
    /// An API key ([`ConfigBuilder::api_key`](crate::ConfigBuilder::api_key)) in a header or
    /// the query string, optionally after a scheme word (`Authorization: ApiKey <key>`).
    ApiKey {
        /// The header or query parameter name.
        name: &'static str,
        /// Where the key goes.
        location: ApiKeyLocation,
        /// A scheme word before the key in a header, e.g. `ApiKey`.
        scheme: Option<&'static str>,
    },
    /// `Authorization: Basic base64(user:password)` with
    /// [`ConfigBuilder::basic_auth`](crate::ConfigBuilder::basic_auth).
    Basic,
    /// No authentication (`smithy.api#noAuth`, `@optionalAuth`, an empty `@auth`).
    NoAuth,
}

/// Where an API key travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query string parameter.
    Query,
    /// A cookie of that name in the `Cookie` header (OpenAPI's `in: cookie`).
    Cookie,
}

/// The SigV4 scope of one call: the endpoint may override the service's
/// signing name and the configured region (global services, FIPS).
pub(crate) struct SigningScope<'a> {
    pub region: &'a str,
    pub name: &'a str,
}

/// What [`choose`] picked for a call: the first scheme in `schemes` whose
/// secret is configured (`NoAuth` always is).
pub(crate) enum Chosen<'a> {
    SigV4(&'a Credentials),
    Bearer(&'a str),
    ApiKey {
        key: &'a str,
        name: &'static str,
        location: ApiKeyLocation,
        scheme: Option<&'static str>,
    },
    Basic(&'a str, &'a str),
    None,
}

/// Picks the first usable scheme of `schemes`, or says why none is: the
/// error names what to configure for the first scheme listed.
pub(crate) fn choose<'a>(config: &'a Config, schemes: &[AuthScheme]) -> Result<Chosen<'a>, String> {
    for scheme in schemes {
        match scheme {
            AuthScheme::SigV4 => match config.credentials() {
                Ok(Some(c)) => return Ok(Chosen::SigV4(c)),
                Ok(None) => {}
                // A credentials source that failed is reported, not skipped.
                Err(e) => return Err(e.to_string()),
            },
            AuthScheme::Bearer => {
                if let Some(token) = config.bearer_token.as_deref() {
                    return Ok(Chosen::Bearer(token));
                }
            }
            AuthScheme::ApiKey {
                name,
                location,
                scheme,
            } => {
                if let Some(key) = config.api_key.as_deref() {
                    return Ok(Chosen::ApiKey {
                        key,
                        name,
                        location: *location,
                        scheme: *scheme,
                    });
                }
            }
            AuthScheme::Basic => {
                if let Some((user, password)) = &config.basic_auth {
                    return Ok(Chosen::Basic(user, password));
                }
            }
            AuthScheme::NoAuth => return Ok(Chosen::None),
        }
    }
    Err(match schemes.first() {
        None | Some(AuthScheme::NoAuth) => "no authentication scheme is usable".to_string(),
        Some(AuthScheme::SigV4) => {
            "no credentials configured: set them on the config builder or use Config::from_env()"
                .to_string()
        }
        Some(AuthScheme::Bearer) => {
            "no bearer token configured: set ConfigBuilder::bearer_token".to_string()
        }
        Some(AuthScheme::ApiKey { .. }) => {
            "no API key configured: set ConfigBuilder::api_key".to_string()
        }
        Some(AuthScheme::Basic) => {
            "no user name and password configured: set ConfigBuilder::basic_auth".to_string()
        }
    })
}

impl Chosen<'_> {
    /// Applies the scheme to one attempt's request (SigV4 signs it, so this
    /// runs after every other header is in place).
    pub(crate) fn apply(
        &self,
        request: &mut http::Request<Bytes>,
        signer: &Signer,
        scope: &SigningScope<'_>,
        config: &Config,
    ) -> Result<(), String> {
        match self {
            Chosen::SigV4(credentials) => {
                let params = SigningParams {
                    credentials,
                    region: scope.region,
                    service: scope.name,
                    time: config.now(),
                    settings: SigningSettings::default(),
                };
                signer.sign(request, &params);
            }
            Chosen::Bearer(token) => set_header(
                request,
                http::header::AUTHORIZATION,
                &format!("Bearer {token}"),
            )?,
            Chosen::ApiKey {
                key,
                name,
                location: ApiKeyLocation::Header,
                scheme,
            } => {
                let value = match scheme {
                    Some(s) => format!("{s} {key}"),
                    None => key.to_string(),
                };
                let name = http::HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| format!("API key header name {name:?} is not a header name"))?;
                set_header(request, name, &value)?
            }
            Chosen::ApiKey {
                key,
                name,
                location: ApiKeyLocation::Query,
                ..
            } => append_query(request, name, key)?,
            Chosen::ApiKey {
                key,
                name,
                location: ApiKeyLocation::Cookie,
                ..
            } => crate::protocol::http_binding::add_cookie(request.headers_mut(), name, key)?,
            Chosen::Basic(user, password) => {
                let encoded = crate::blob::base64_encode(format!("{user}:{password}").as_bytes());
                set_header(
                    request,
                    http::header::AUTHORIZATION,
                    &format!("Basic {encoded}"),
                )?
            }
            Chosen::None => {}
        }
        Ok(())
    }
}

fn set_header(
    request: &mut http::Request<Bytes>,
    name: http::HeaderName,
    value: &str,
) -> Result<(), String> {
    let value = http::HeaderValue::from_str(value)
        .map_err(|_| format!("the {name} credential has bytes a header cannot carry"))?;
    request.headers_mut().insert(name, value);
    Ok(())
}

fn append_query(request: &mut http::Request<Bytes>, name: &str, value: &str) -> Result<(), String> {
    let uri = request.uri();
    let pair = format!(
        "{}={}",
        crate::sigv4::uri_encode(name),
        crate::sigv4::uri_encode(value)
    );
    let path_and_query = match uri.query() {
        Some(q) if !q.is_empty() => format!("{}?{q}&{pair}", uri.path()),
        _ => format!("{}?{pair}", uri.path()),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(
        path_and_query
            .parse()
            .map_err(|e| format!("API key query: {e}"))?,
    );
    *request.uri_mut() = http::Uri::from_parts(parts).map_err(|e| format!("API key query: {e}"))?;
    Ok(())
}
