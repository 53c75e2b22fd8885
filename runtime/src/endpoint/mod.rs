//! Endpoints: which URL a request goes to.
//!
//! [`overrides`](self) resolves an explicit endpoint URL from the config,
//! the `AWS_ENDPOINT_URL*` settings or the profile, used by
//! [`Handle`](crate::Handle).

use std::fmt;

mod overrides;

pub(crate) use overrides::{resolve, EndpointSources};
pub use overrides::{default_endpoint, env_suffix, parse_endpoint, validate_region};

/// An endpoint that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError(String);

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EndpointError {}
