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
pub use overrides::{default_endpoint, env_suffix, parse_endpoint, validate_region};
pub(crate) use overrides::{resolve, EndpointSources};
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
