//! Client configuration: region, endpoint, credentials, timeouts, retries,
//! request validation and the HTTP client.

use crate::credentials::{Credentials, CredentialsError, ProfileFiles};
use crate::http::{HttpClient, HyperClient};
use std::sync::Arc;
use std::time::Duration;

/// Timeouts of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection (TCP and TLS).
    pub connect: Duration,
    /// One attempt, from sending to the whole response body.
    pub attempt: Option<Duration>,
    /// The whole operation, all attempts and backoff included.
    pub operation: Option<Duration>,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_millis(3100),
            attempt: None,
            operation: None,
        }
    }
}

/// Standard retry mode settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (standard mode: 3).
    pub max_attempts: u32,
    /// Base of the exponential backoff (standard mode: 1 s, capped at 20 s).
    pub base_delay: Duration,
    /// Upper bound of one backoff delay.
    pub max_delay: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// No retries.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..Self::default()
        }
    }
}

/// Configuration of a generated client.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) credentials_error: Option<CredentialsError>,
    pub(crate) timeouts: Timeouts,
    pub(crate) retry: RetryConfig,
    pub(crate) validate_requests: bool,
    pub(crate) http: Option<Arc<dyn HttpClient>>,
    pub(crate) app_name: Option<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("validate_requests", &self.validate_requests)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A builder with nothing set.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Everything from the environment, as the AWS SDKs read it: region from
    /// `AWS_REGION`, `AWS_DEFAULT_REGION` or the profile; credentials from the
    /// default chain; endpoint from `AWS_ENDPOINT_URL` (the service-specific
    /// `AWS_ENDPOINT_URL_<SERVICE>` is applied when the client is created).
    /// Missing credentials are reported when a request is made, not here.
    pub fn from_env() -> Config {
        ConfigBuilder::default().load_env().build()
    }

    /// The region, when set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint override, when set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether clients check constraints before sending.
    pub fn validates_requests(&self) -> bool {
        self.validate_requests
    }

    /// The timeouts.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// The retry settings.
    pub fn retry(&self) -> RetryConfig {
        self.retry
    }

    pub(crate) fn http_client(&self) -> Arc<dyn HttpClient> {
        match &self.http {
            Some(c) => c.clone(),
            None => Arc::new(HyperClient::new(self.timeouts.connect)),
        }
    }
}

/// Builds a [`Config`].
#[derive(Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint_url: Option<String>,
    credentials: Option<Credentials>,
    credentials_error: Option<CredentialsError>,
    timeouts: Timeouts,
    retry: RetryConfig,
    validate_requests: bool,
    http: Option<Arc<dyn HttpClient>>,
    app_name: Option<String>,
}

impl ConfigBuilder {
    /// The AWS region, e.g. `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Send to this endpoint instead of the service's regional one
    /// (e.g. `http://127.0.0.1:5000` for a local server).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Sign with these credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self.credentials_error = None;
        self
    }

    /// Timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Check the model's constraints on every input before sending it.
    pub fn validate_requests(mut self, on: bool) -> Self {
        self.validate_requests = on;
        self
    }

    /// Send through this HTTP client (tests and benchmarks use in-memory ones).
    pub fn http_client(mut self, client: Arc<dyn HttpClient>) -> Self {
        self.http = Some(client);
        self
    }

    /// An application name for the user agent.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    /// Fills what is unset from the environment and the shared files.
    pub fn load_env(mut self) -> Self {
        let profile_name = std::env::var("AWS_PROFILE")
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "default".into());
        if self.region.is_none() {
            self.region = std::env::var("AWS_REGION")
                .ok()
                .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
                .filter(|r| !r.is_empty())
                .or_else(|| {
                    ProfileFiles::from_env()
                        .setting(&profile_name, "region")
                        .ok()
                        .flatten()
                });
        }
        if self.endpoint_url.is_none() {
            self.endpoint_url = std::env::var("AWS_ENDPOINT_URL")
                .ok()
                .filter(|e| !e.is_empty());
        }
        if self.credentials.is_none() {
            match Credentials::default_chain() {
                Ok(c) => self.credentials = Some(c),
                Err(e) => self.credentials_error = Some(e),
            }
        }
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        Config {
            region: self.region,
            endpoint_url: self.endpoint_url,
            credentials: self.credentials,
            credentials_error: self.credentials_error,
            timeouts: self.timeouts,
            retry: self.retry,
            validate_requests: self.validate_requests,
            http: self.http,
            app_name: self.app_name,
        }
    }
}
