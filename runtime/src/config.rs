//! Client configuration: region, endpoint, credentials, timeouts, retries,
//! request validation, clock and the HTTP client.

use crate::credentials::{self, Credentials, CredentialsError};
use crate::endpoint::EndpointSources;
use crate::http::{HttpClient, HyperClient};
use crate::profile::{selected_profile_name, ProfileFiles, ProfileSet};
use crate::retry::RetryConfig;
use crate::DateTime;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Timeouts of a call. `None` means no limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection, TCP and TLS (default 3.1 s, as the AWS SDKs).
    pub connect: Duration,
    /// One attempt, from sending to the end of the response body.
    pub attempt: Option<Duration>,
    /// The whole operation: every attempt and every backoff.
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

/// The signing time source. Tests inject a fixed time.
pub type Clock = Arc<dyn Fn() -> DateTime + Send + Sync>;

/// Configuration of a generated client. Cheap to clone; clones share the
/// HTTP client (and so its connection pool).
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoints: EndpointSources,
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dual_stack: Option<bool>,
    pub(crate) endpoint_params: Vec<(String, crate::endpoint::Value)>,
    pub(crate) credentials: Result<Option<Credentials>, CredentialsError>,
    pub(crate) timeouts: Timeouts,
    pub(crate) retry: RetryConfig,
    pub(crate) validate_requests: bool,
    pub(crate) http: Arc<OnceLock<Arc<dyn HttpClient>>>,
    /// Whether `http` holds a client given to the builder (kept as is) or
    /// the default one (rebuilt when the connect timeout changes).
    pub(crate) custom_http: bool,
    pub(crate) app_name: Option<String>,
    pub(crate) clock: Option<Clock>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoints.explicit)
            .field("credentials", &self.credentials)
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("validate_requests", &self.validate_requests)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A builder with nothing set: no region, no credentials, defaults for
    /// the rest. Nothing is read from the environment.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Everything from the environment and the shared files, as the AWS
    /// SDKs read it (see [`ConfigBuilder::load_env`]).
    ///
    /// Synchronous: it reads two small files at most, which is cheap enough
    /// to do anywhere, including inside an async task. It never fails:
    /// problems (no region, bad credentials file) are reported by the first
    /// call, as [`SdkError::Construction`](crate::SdkError::Construction)
    /// errors naming the source.
    pub fn from_env() -> Config {
        ConfigBuilder::default().load_env().build()
    }

    /// The region, when set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Whether FIPS endpoints are used (`AWS_USE_FIPS_ENDPOINT`, the
    /// profile's `use_fips_endpoint`).
    pub fn use_fips(&self) -> bool {
        self.use_fips.unwrap_or(false)
    }

    /// Whether dual-stack (IPv4 and IPv6) endpoints are used
    /// (`AWS_USE_DUALSTACK_ENDPOINT`, the profile's `use_dualstack_endpoint`).
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack.unwrap_or(false)
    }

    /// The explicit endpoint override, when set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoints.explicit.as_deref()
    }

    /// The credentials, or why there are none.
    pub fn credentials(&self) -> Result<Option<&Credentials>, &CredentialsError> {
        self.credentials.as_ref().map(Option::as_ref)
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

    /// The HTTP client: the one given to the builder, or hyper with rustls,
    /// created on first use and shared by every clone of this config.
    pub fn http_client(&self) -> Arc<dyn HttpClient> {
        self.http
            .get_or_init(|| Arc::new(HyperClient::new(self.timeouts.connect)))
            .clone()
    }

    /// A builder starting from this configuration.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            config: self.clone(),
            credentials_set: true,
        }
    }

    pub(crate) fn now(&self) -> DateTime {
        match &self.clock {
            Some(clock) => clock(),
            None => DateTime::now(),
        }
    }
}

/// Builds a [`Config`].
#[derive(Clone)]
pub struct ConfigBuilder {
    config: Config,
    credentials_set: bool,
}

impl Default for ConfigBuilder {
    fn default() -> Self {
        ConfigBuilder {
            config: Config {
                region: None,
                endpoints: EndpointSources::default(),
                use_fips: None,
                use_dual_stack: None,
                endpoint_params: Vec::new(),
                credentials: Ok(None),
                timeouts: Timeouts::default(),
                retry: RetryConfig::default(),
                validate_requests: false,
                http: Arc::new(OnceLock::new()),
                custom_http: false,
                app_name: None,
                clock: None,
            },
            credentials_set: false,
        }
    }
}

impl ConfigBuilder {
    /// The AWS region, e.g. `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Sets a parameter of the service's endpoint rule set by name: a
    /// client context parameter (S3's `ForcePathStyle`, DynamoDB's
    /// `AccountIdEndpointMode`, …) or any other the rule set declares. It
    /// wins over what the config would otherwise supply.
    pub fn endpoint_param(
        mut self,
        name: impl Into<String>,
        value: impl Into<crate::endpoint::Value>,
    ) -> Self {
        let name = name.into();
        self.config.endpoint_params.retain(|(n, _)| *n != name);
        self.config.endpoint_params.push((name, value.into()));
        self
    }

    /// Use the service's FIPS 140 endpoints (the rule set says where they are).
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = Some(use_fips);
        self
    }

    /// Use the service's dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = Some(use_dual_stack);
        self
    }

    /// Send to this endpoint instead of the service's regional one (e.g.
    /// `http://127.0.0.1:5000` for a local server). Beats every
    /// `AWS_ENDPOINT_URL*` variable.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoints.explicit = Some(url.into());
        self
    }

    /// Sign with these credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.config.credentials = Ok(Some(credentials));
        self.credentials_set = true;
        self
    }

    /// Timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        if !self.config.custom_http && timeouts.connect != self.config.timeouts.connect {
            // The default client bakes the connect timeout in: start a new one.
            self.config.http = Arc::new(OnceLock::new());
        }
        self.config.timeouts = timeouts;
        self
    }

    /// Retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// Check the model's constraints on every input before sending it.
    pub fn validate_requests(mut self, on: bool) -> Self {
        self.config.validate_requests = on;
        self
    }

    /// Send through this HTTP client (tests and benchmarks use in-memory ones).
    pub fn http_client(mut self, client: Arc<dyn HttpClient>) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(client);
        self.config.http = Arc::new(cell);
        self.config.custom_http = true;
        self
    }

    /// An application name for the user agent (`app/<name>`).
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.config.app_name = Some(name.into());
        self
    }

    /// Take signing times from `clock` instead of the system clock.
    pub fn clock(mut self, clock: impl Fn() -> DateTime + Send + Sync + 'static) -> Self {
        self.config.clock = Some(Arc::new(clock));
        self
    }

    /// Fills what is still unset from the environment and the shared files:
    ///
    /// * region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region`;
    /// * FIPS and dual-stack endpoints: `AWS_USE_FIPS_ENDPOINT` and
    ///   `AWS_USE_DUALSTACK_ENDPOINT`, then the profile's `use_fips_endpoint`
    ///   and `use_dualstack_endpoint`;
    /// * endpoint: `AWS_ENDPOINT_URL_<SERVICE>` (the service id upper-snake,
    ///   e.g. `AWS_ENDPOINT_URL_ECR`), `AWS_ENDPOINT_URL`, then the profile's
    ///   `endpoint_url`, all skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`
    ///   is `true`;
    /// * credentials: the default chain (environment, then profile).
    ///
    /// The profile is `AWS_PROFILE` or `default`, in `AWS_CONFIG_FILE`
    /// (`~/.aws/config`) and `AWS_SHARED_CREDENTIALS_FILE` (`~/.aws/credentials`).
    pub fn load_env(self) -> Self {
        let profiles = ProfileFiles::from_env().load();
        self.load_from(
            &credentials::env_var,
            &std::env::vars().collect::<Vec<_>>(),
            profiles,
        )
    }

    pub(crate) fn load_from(
        mut self,
        get: &dyn Fn(&str) -> Option<String>,
        all_vars: &[(String, String)],
        profiles: Result<ProfileSet, crate::profile::ProfileFileError>,
    ) -> Self {
        let (profile_name, _) = selected_profile_name(get);
        let profile = profiles.as_ref().ok().and_then(|p| p.get(&profile_name));
        let c = &mut self.config;
        if c.region.is_none() {
            c.region = get("AWS_REGION")
                .or_else(|| get("AWS_DEFAULT_REGION"))
                .or_else(|| profile.and_then(|p| p.get("region")).map(str::to_string));
        }
        let flag = |var: &str, key: &str| {
            get(var)
                .or_else(|| profile.and_then(|p| p.get(key)).map(str::to_string))
                .map(|v| v.trim().eq_ignore_ascii_case("true"))
        };
        if c.use_fips.is_none() {
            c.use_fips = flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
        }
        if c.use_dual_stack.is_none() {
            c.use_dual_stack = flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
        }
        let ignore = get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if !ignore {
            c.endpoints.env_services = all_vars
                .iter()
                .filter_map(|(k, v)| {
                    Some((k.strip_prefix("AWS_ENDPOINT_URL_")?.to_string(), v.clone()))
                })
                .filter(|(_, v)| !v.is_empty())
                .collect();
            c.endpoints.env_global = get("AWS_ENDPOINT_URL");
            c.endpoints.profile_global = profile
                .and_then(|p| p.get("endpoint_url"))
                .map(str::to_string);
        }
        if !self.credentials_set {
            c.credentials = credentials::chain(get, profiles).map(Some);
        }
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{EnvGuard, TempDir};

    #[test]
    fn builder_sets_everything() {
        let c = Config::builder()
            .region("eu-west-1")
            .endpoint_url("http://127.0.0.1:5000")
            .credentials(Credentials::new("AK", "SK", None))
            .timeouts(Timeouts {
                attempt: Some(Duration::from_secs(2)),
                ..Default::default()
            })
            .retry(RetryConfig::disabled())
            .validate_requests(true)
            .clock(|| DateTime::from_secs(7))
            .build();
        assert_eq!(c.region(), Some("eu-west-1"));
        assert_eq!(c.endpoint_url(), Some("http://127.0.0.1:5000"));
        assert_eq!(c.credentials().unwrap().unwrap().access_key_id(), "AK");
        assert_eq!(c.timeouts().attempt, Some(Duration::from_secs(2)));
        assert_eq!(c.retry().max_attempts, 1);
        assert!(c.validates_requests());
        assert_eq!(c.now(), DateTime::from_secs(7));
        assert!(!format!("{c:?}").contains("SK"));
        // Clones share one HTTP client.
        let d = c.clone();
        assert!(Arc::ptr_eq(&c.http_client(), &d.http_client()));
        assert_eq!(
            c.to_builder().region("us-west-2").build().region(),
            Some("us-west-2")
        );
    }

    #[test]
    fn environment_and_profile() {
        let dir = TempDir::new("config-env");
        let config = dir.write(
            "config",
            "[default]\nregion = ap-south-1\n[profile dev]\nregion = eu-central-1\nendpoint_url = http://profile:1\nuse_dualstack_endpoint = true\n",
        );
        let creds = dir.write(
            "credentials",
            "[dev]\naws_access_key_id = DEV\naws_secret_access_key = S\n",
        );
        let env = EnvGuard::new(&[
            ("AWS_CONFIG_FILE", Some(config.to_str().unwrap())),
            ("AWS_SHARED_CREDENTIALS_FILE", Some(creds.to_str().unwrap())),
            ("AWS_PROFILE", Some("dev")),
            ("AWS_REGION", None),
            ("AWS_DEFAULT_REGION", None),
            ("AWS_ACCESS_KEY_ID", None),
            ("AWS_SECRET_ACCESS_KEY", None),
            ("AWS_SESSION_TOKEN", None),
            ("AWS_ENDPOINT_URL", None),
            ("AWS_ENDPOINT_URL_ECR", None),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", None),
            ("AWS_USE_FIPS_ENDPOINT", Some("TRUE")),
            ("AWS_USE_DUALSTACK_ENDPOINT", None),
        ]);
        let c = Config::from_env();
        assert_eq!(c.region(), Some("eu-central-1"));
        // FIPS from the environment, dual-stack from the profile; code wins over both.
        assert!(c.use_fips() && c.use_dual_stack());
        assert!(!Config::builder()
            .use_fips(false)
            .load_env()
            .build()
            .use_fips());
        assert_eq!(c.credentials().unwrap().unwrap().access_key_id(), "DEV");
        assert_eq!(
            c.endpoints.profile_global.as_deref(),
            Some("http://profile:1")
        );

        env.set("AWS_DEFAULT_REGION", Some("us-west-1"));
        assert_eq!(Config::from_env().region(), Some("us-west-1"));
        env.set("AWS_REGION", Some("us-east-2"));
        env.set("AWS_ENDPOINT_URL_ECR", Some("http://ecr:2"));
        env.set("AWS_ENDPOINT_URL", Some("http://all:3"));
        let c = Config::from_env();
        assert_eq!(c.region(), Some("us-east-2"));
        assert_eq!(
            c.endpoints.env_services,
            vec![("ECR".to_string(), "http://ecr:2".to_string())]
        );
        assert_eq!(c.endpoints.env_global.as_deref(), Some("http://all:3"));
        // Explicit settings win over the environment.
        let c = Config::builder()
            .region("sa-east-1")
            .credentials(Credentials::new("X", "Y", None))
            .load_env()
            .build();
        assert_eq!(
            (
                c.region(),
                c.credentials().unwrap().unwrap().access_key_id()
            ),
            (Some("sa-east-1"), "X")
        );

        env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", Some("true"));
        let c = Config::from_env();
        assert!(c.endpoints.env_services.is_empty() && c.endpoints.env_global.is_none());

        // A broken file does not fail `from_env`; the error waits for the first call.
        env.set(
            "AWS_SHARED_CREDENTIALS_FILE",
            Some(dir.write("bad", "[dev\n").to_str().unwrap()),
        );
        let c = Config::from_env();
        let e = c.credentials().unwrap_err().to_string();
        assert!(e.contains("bad:1: section header"), "{e}");
    }
}
