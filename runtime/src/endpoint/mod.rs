//! Endpoints: which URL a request goes to, and how it is signed there.
//!
//! Two layers live here:
//!
//! - **Overrides** ([`parse_endpoint`], [`env_suffix`], …): an explicit
//!   endpoint URL from the config, the `AWS_ENDPOINT_URL*` settings or the
//!   profile, used by [`Handle`](crate::Handle).
//! - **The Smithy rules engine**: an interpreter for a model's
//!   `smithy.rules#endpointRuleSet` document. A generated crate embeds its
//!   model's rule set as JSON, parses it once ([`RuleSet::parse`], typically
//!   into a `OnceLock`), and resolves each call's [`Params`] to an
//!   [`Endpoint`] — URL, headers and properties such as the
//!   [`auth schemes`](Endpoint::auth_schemes) — or to the rule set's own
//!   error message ([`ResolveError`]).
//!
//! Parsing checks the whole rule set up front (known functions and their
//! arities, argument kinds where they are known statically, references to
//! parameters or to variables assigned earlier in scope, templates,
//! `getAttr` paths) and compiles it into a tree of enums: templates are
//! split into literal and expression parts, references are slot numbers and
//! `getAttr` paths are pre-split, so resolving walks the tree without
//! looking up names or re-reading JSON. `aws.partition` reads the AWS
//! partitions data shipped with this crate, parsed once on first use.
//!
//! ```
//! use apigen_runtime::endpoint::{Params, RuleSet};
//!
//! let rules = RuleSet::parse(r#"{
//!     "version": "1.0",
//!     "parameters": {
//!         "Region": {"type": "String", "builtIn": "AWS::Region", "documentation": "The region."}
//!     },
//!     "rules": [
//!         {"type": "endpoint",
//!          "conditions": [
//!              {"fn": "isSet", "argv": [{"ref": "Region"}]},
//!              {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}
//!          ],
//!          "endpoint": {"url": "https://svc.{Region}.{p#dnsSuffix}"}},
//!         {"type": "error", "conditions": [], "error": "Missing Region"}
//!     ]
//! }"#)?;
//! let endpoint = rules.resolve(&Params::new().with("Region", "cn-north-1"))?;
//! assert_eq!(endpoint.url(), "https://svc.cn-north-1.amazonaws.com.cn");
//! let error = rules.resolve(&Params::new()).unwrap_err();
//! assert_eq!(error.message(), "Missing Region");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

mod aws;
mod eval;
mod functions;
mod overrides;
mod partition;
mod result;
mod ruleset;
#[cfg(test)]
mod tests;

pub use eval::{Params, Value};
pub(crate) use overrides::{configured, resolve, EndpointSources};
pub use overrides::{default_endpoint, env_suffix, parse_endpoint, validate_region};
pub use partition::Partitions;
pub use result::{AuthScheme, Endpoint, ResolveError, ResolveErrorKind};
pub use ruleset::{Parameter, ParameterType, RuleSet};

/// An endpoint that cannot be used, or a rule set that cannot be parsed
/// (the message then says what is wrong and where, as a path such as
/// `rules[2].conditions[0].argv[1]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError(String);

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EndpointError {}

impl EndpointError {
    pub(crate) fn new(message: String) -> Self {
        EndpointError(message)
    }
}

/// Where a client sends its requests and how it signs them there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientEndpoint {
    /// The endpoint URL as the rules gave it.
    pub url: String,
    /// The endpoint URL, parsed.
    pub uri: http::Uri,
    /// The SigV4 signing name the endpoint asks for, when it names one.
    pub signing_name: Option<String>,
    /// The SigV4 signing region the endpoint asks for, when it names one.
    pub signing_region: Option<String>,
}

/// The settings a client's endpoint depends on (the rule set's built-in
/// parameters `Region`, `UseFIPS`, `UseDualStack` and `Endpoint`).
#[derive(Clone, Copy, Debug)]
pub struct EndpointSettings<'a> {
    /// The configured region.
    pub region: Option<&'a str>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// The configured endpoint URL (`SDK::Endpoint`), if any.
    pub endpoint_url: Option<&'a str>,
    /// Parameters set by name (config, then the operation), applied last.
    pub params: &'a [(String, Value)],
}

/// Resolves a client's endpoint with the service's rule set (the
/// `smithy.rules#endpointRuleSet` JSON), filling each parameter from the
/// settings by its `builtIn`; a rule's `error` comes back as the error.
pub fn resolve_with_rules(
    rules: &RuleSet,
    settings: EndpointSettings<'_>,
) -> Result<ClientEndpoint, EndpointError> {
    let mut params = Params::new();
    for p in rules.parameters() {
        let name = p.name().to_string();
        match p.built_in() {
            Some("AWS::Region") => {
                if let Some(region) = settings.region {
                    params.set(name, region.to_string());
                }
            }
            Some("AWS::UseFIPS") => {
                params.set(name, settings.use_fips);
            }
            Some("AWS::UseDualStack") => {
                params.set(name, settings.use_dual_stack);
            }
            Some("SDK::Endpoint") => {
                if let Some(url) = settings.endpoint_url {
                    params.set(name, url.to_string());
                }
            }
            _ => {}
        }
    }
    for (name, value) in settings.params {
        params.set(name.clone(), value.clone());
    }
    let endpoint = rules.resolve(&params).map_err(|e| {
        let hint = if settings.region.is_none() && e.kind() == ResolveErrorKind::MissingParameter {
            " (set a region on the config, in AWS_REGION, or in the profile)"
        } else {
            ""
        };
        EndpointError(format!(
            "cannot resolve the endpoint: {}{hint}",
            e.message()
        ))
    })?;
    let url = endpoint.url().to_string();
    let uri = parse_endpoint(&url)?;
    let sigv4 = endpoint
        .auth_schemes()
        .find(|a| a.name() == "sigv4" || a.name() == "sigv4a");
    Ok(ClientEndpoint {
        url,
        uri,
        signing_name: sigv4.and_then(|a| a.signing_name()).map(str::to_string),
        signing_region: sigv4
            .and_then(|a| {
                a.signing_region()
                    .or_else(|| a.signing_region_set().and_then(|set| set.first().copied()))
            })
            .map(str::to_string),
    })
}
