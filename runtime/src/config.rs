//! Client configuration: region, endpoint, credentials, timeouts, retries,
//! request validation, clock and the HTTP client.

use crate::credentials::{self, Credentials, CredentialsError};
use crate::endpoint::EndpointSources;
use crate::http::{HttpClient, HyperClient};
use crate::profile::{selected_profile_name, Profile, ProfileFiles, ProfileSet};
use crate::retry::{RetryConfig, RetryMode};
use crate::DateTime;
use std::borrow::Cow;
use std::fmt;
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

impl Timeouts {
    /// A builder with the names of aws-sdk-rust's `TimeoutConfig::builder()`.
    pub fn builder() -> TimeoutsBuilder {
        TimeoutsBuilder::default()
    }

    /// The connect timeout (`TimeoutConfig::connect_timeout`).
    pub fn connect_timeout(&self) -> Option<Duration> {
        Some(self.connect)
    }

    /// The attempt timeout (`TimeoutConfig::operation_attempt_timeout`).
    pub fn operation_attempt_timeout(&self) -> Option<Duration> {
        self.attempt
    }

    /// The operation timeout (`TimeoutConfig::operation_timeout`).
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation
    }
}

/// Builds [`Timeouts`] with aws-sdk-rust's names; unset limits keep their
/// defaults. (There is no read timeout: bound an attempt instead.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeoutsBuilder {
    timeouts: Timeouts,
}

impl TimeoutsBuilder {
    /// Establishing a connection, TCP and TLS.
    pub fn connect_timeout(mut self, limit: Duration) -> Self {
        self.timeouts.connect = limit;
        self
    }

    /// One attempt, from sending to the end of the response body.
    pub fn operation_attempt_timeout(mut self, limit: Duration) -> Self {
        self.timeouts.attempt = Some(limit);
        self
    }

    /// The whole operation: every attempt and every backoff.
    pub fn operation_timeout(mut self, limit: Duration) -> Self {
        self.timeouts.operation = Some(limit);
        self
    }

    /// The timeouts.
    pub fn build(self) -> Timeouts {
        self.timeouts
    }
}

/// An AWS region name, as aws-sdk-rust's `Region` (`Region::new("eu-west-1")`).
/// Anything that takes a region as `impl Into<String>` takes one of these.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(Cow<'static, str>);

impl Region {
    /// A region by name.
    pub fn new(name: impl Into<Cow<'static, str>>) -> Self {
        Region(name.into())
    }

    /// A region from a static name, in const contexts too.
    pub const fn from_static(name: &'static str) -> Self {
        Region(Cow::Borrowed(name))
    }
}

impl AsRef<str> for Region {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Region> for String {
    fn from(region: Region) -> Self {
        region.0.into_owned()
    }
}

/// Which setting a [`ConfigError`] is about (what a later explicit setting clears).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setting {
    MaxAttempts,
    RetryMode,
}

/// A setting read from the environment or a shared config file that cannot
/// be used, e.g. `AWS_MAX_ATTEMPTS=lots`. [`Config::from_env`] does not fail
/// on it: every call made with the configuration fails with it, as an
/// [`SdkError::Construction`](crate::SdkError::Construction), before
/// anything is sent — as it does for unusable credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    setting: Setting,
    origin: String,
    value: String,
    expected: &'static str,
}

impl ConfigError {
    /// Where the value came from: the variable (`AWS_MAX_ATTEMPTS`), or the
    /// key with its profile, file and line.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The value, as written.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {}: {:?} is not {}",
            self.origin, self.value, self.expected
        )
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    fn is_retry(&self) -> bool {
        matches!(self.setting, Setting::MaxAttempts | Setting::RetryMode)
    }
}

const MAX_ATTEMPTS_EXPECTED: &str = "a number of attempts (a whole number, 1 or more)";
const RETRY_MODE_EXPECTED: &str = "a retry mode (standard, adaptive or legacy)";

fn parse_max_attempts(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|n| *n >= 1)
}

/// A setting from its environment variable, else from the profile's key;
/// `None` when neither has a (non-empty) value.
fn env_or_profile<T>(
    get: &dyn Fn(&str) -> Option<String>,
    profile: Option<(&str, &Profile)>,
    (var, key): (&str, &str),
    setting: Setting,
    expected: &'static str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<Result<T, ConfigError>> {
    let invalid = |origin: String, value: &str| ConfigError {
        setting,
        origin,
        value: value.to_string(),
        expected,
    };
    if let Some(value) = get(var) {
        return Some(parse(&value).ok_or_else(|| invalid(var.to_string(), &value)));
    }
    let (name, profile) = profile?;
    let property = profile
        .property(key)
        .filter(|p| !p.value.trim().is_empty())?;
    Some(parse(&property.value).ok_or_else(|| {
        invalid(
            format!("{key} in profile [{name}] ({})", property.location()),
            &property.value,
        )
    }))
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
    /// Secrets of the non-AWS auth schemes (never printed by `Debug`).
    pub(crate) bearer_token: Option<String>,
    pub(crate) api_key: Option<String>,
    pub(crate) basic_auth: Option<(String, String)>,
    /// `@requestCompression`: off, and the smallest body compressed.
    pub(crate) disable_request_compression: Option<bool>,
    pub(crate) request_min_compression_size_bytes: Option<u32>,
    /// The token every call puts in an unset `@idempotencyToken` member
    /// instead of a fresh random one (tests that compare requests).
    pub(crate) fixed_idempotency_token: Option<String>,
    /// Settings from the environment or profile that cannot be used; every
    /// call fails with the first.
    pub(crate) invalid: Vec<ConfigError>,
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
            .field("invalid", &self.invalid)
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
    /// problems (no region, bad credentials file, `AWS_MAX_ATTEMPTS=0`) are
    /// reported by the first call, as
    /// [`SdkError::Construction`](crate::SdkError::Construction) errors
    /// naming the source.
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

    /// Whether `@requestCompression` bodies of at least this many bytes
    /// are compressed (`None`: compression is off).
    pub fn request_compression_threshold(&self) -> Option<usize> {
        if self.disable_request_compression == Some(true) {
            return None;
        }
        Some(self.request_min_compression_size_bytes.unwrap_or(10_240) as usize)
    }

    /// A token for an `@idempotencyToken` member the caller left unset: a
    /// random (version 4) UUID, as the AWS SDKs send, unless the builder
    /// fixed one.
    pub fn idempotency_token(&self) -> String {
        match &self.fixed_idempotency_token {
            Some(token) => token.clone(),
            None => crate::random_uuid(),
        }
    }

    /// Whether clients check constraints before sending.
    pub fn validates_requests(&self) -> bool {
        self.validate_requests
    }

    /// The timeouts.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// The retry settings. A setting the environment or profile gave an
    /// invalid value keeps its default here, and calls fail (see
    /// [`invalid_settings`](Self::invalid_settings)).
    pub fn retry(&self) -> RetryConfig {
        self.retry
    }

    /// Settings read from the environment or the profile that cannot be
    /// used (`AWS_MAX_ATTEMPTS=0`, `retry_mode = fast`). While there are
    /// any, every call fails with the first, before anything is sent.
    pub fn invalid_settings(&self) -> &[ConfigError] {
        &self.invalid
    }

    /// The HTTP client: the one given to the builder, or hyper with rustls,
    /// created on first use and shared by every clone of this config.
    pub fn http_client(&self) -> Arc<dyn HttpClient> {
        self.http
            .get_or_init(|| Arc::new(HyperClient::new(self.timeouts.connect)))
            .clone()
    }

    /// A builder starting from this configuration. Everything counts as
    /// set: `load_env` on it changes nothing that this configuration decided.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            config: self.clone(),
            set: Explicit::all(),
        }
    }

    /// This configuration with what was set on `config_override` in place:
    /// region, endpoint URL, FIPS and dual-stack when given, and credentials,
    /// timeouts, retries, request validation, HTTP client, app name and
    /// clock when their setters were called. Everything else, the HTTP
    /// client (and its connections) included, is shared; a new connect
    /// timeout on the default client takes a client of its own.
    pub(crate) fn overridden_by(&self, config_override: ConfigBuilder) -> Config {
        let ConfigBuilder { config: o, set } = config_override;
        let mut c = self.clone();
        if o.region.is_some() {
            c.region = o.region;
        }
        if o.endpoints.explicit.is_some() {
            c.endpoints.explicit = o.endpoints.explicit;
        }
        if o.use_fips.is_some() {
            c.use_fips = o.use_fips;
        }
        if o.use_dual_stack.is_some() {
            c.use_dual_stack = o.use_dual_stack;
        }
        // Endpoint parameters set on the override replace those of the same name.
        for (name, value) in o.endpoint_params {
            c.endpoint_params.retain(|(n, _)| *n != name);
            c.endpoint_params.push((name, value));
        }
        if set.credentials {
            c.credentials = o.credentials;
        }
        if set.http {
            c.http = o.http;
            c.custom_http = true;
        }
        if set.timeouts {
            if !c.custom_http && o.timeouts.connect != c.timeouts.connect {
                c.http = Arc::new(OnceLock::new());
            }
            c.timeouts = o.timeouts;
        }
        if set.retry {
            c.retry = o.retry;
            c.invalid.retain(|e| !e.is_retry());
        }
        if set.validate_requests {
            c.validate_requests = o.validate_requests;
        }
        if o.fixed_idempotency_token.is_some() {
            c.fixed_idempotency_token = o.fixed_idempotency_token;
        }
        if set.app_name {
            c.app_name = o.app_name;
        }
        if set.clock {
            c.clock = o.clock;
        }
        if o.bearer_token.is_some() {
            c.bearer_token = o.bearer_token;
        }
        if o.api_key.is_some() {
            c.api_key = o.api_key;
        }
        if o.basic_auth.is_some() {
            c.basic_auth = o.basic_auth;
        }
        if o.disable_request_compression.is_some() {
            c.disable_request_compression = o.disable_request_compression;
        }
        if o.request_min_compression_size_bytes.is_some() {
            c.request_min_compression_size_bytes = o.request_min_compression_size_bytes;
        }
        c.invalid.extend(o.invalid);
        c
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
    set: Explicit,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("config", &self.config)
            .field("set", &self.set)
            .finish()
    }
}

/// A configuration as a builder: as an override, it replaces every setting.
impl From<Config> for ConfigBuilder {
    fn from(config: Config) -> Self {
        config.to_builder()
    }
}

/// Which settings without an `Option` of their own were set on a builder:
/// `load_env` leaves them alone, and a per-call override applies only them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Explicit {
    pub credentials: bool,
    pub timeouts: bool,
    pub retry: bool,
    pub validate_requests: bool,
    pub http: bool,
    pub app_name: bool,
    pub clock: bool,
}

impl Explicit {
    fn all() -> Self {
        Explicit {
            credentials: true,
            timeouts: true,
            retry: true,
            validate_requests: true,
            http: true,
            app_name: true,
            clock: true,
        }
    }
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
                bearer_token: None,
                api_key: None,
                basic_auth: None,
                disable_request_compression: None,
                request_min_compression_size_bytes: None,
                fixed_idempotency_token: None,
                invalid: Vec::new(),
            },
            set: Explicit::default(),
        }
    }
}

impl ConfigBuilder {
    /// A builder with nothing set, as [`Config::builder`] (aws-sdk-rust's
    /// `config::Builder::new()`).
    pub fn new() -> Self {
        Self::default()
    }

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
        self.set.credentials = true;
        self
    }

    /// aws-sdk-rust's name for [`credentials`](Self::credentials) (static
    /// credentials are the one provider here).
    pub fn credentials_provider(self, credentials: Credentials) -> Self {
        self.credentials(credentials)
    }

    /// Timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        if !self.config.custom_http && timeouts.connect != self.config.timeouts.connect {
            // The default client bakes the connect timeout in: start a new one.
            self.config.http = Arc::new(OnceLock::new());
        }
        self.config.timeouts = timeouts;
        self.set.timeouts = true;
        self
    }

    /// aws-sdk-rust's name for [`timeouts`](Self::timeouts).
    pub fn timeout_config(self, timeouts: Timeouts) -> Self {
        self.timeouts(timeouts)
    }

    /// Retry settings. They win over `AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`
    /// and the profile, and clear an invalid value read from them.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self.config.invalid.retain(|e| !e.is_retry());
        self.set.retry = true;
        self
    }

    /// aws-sdk-rust's name for [`retry`](Self::retry).
    pub fn retry_config(self, retry: RetryConfig) -> Self {
        self.retry(retry)
    }

    /// Fill unset `@idempotencyToken` members with `token` instead of a
    /// fresh random UUID per call: for tests that compare whole requests.
    pub fn fixed_idempotency_token(mut self, token: impl Into<String>) -> Self {
        self.config.fixed_idempotency_token = Some(token.into());
        self
    }

    /// Check the model's constraints on every input before sending it.
    pub fn validate_requests(mut self, on: bool) -> Self {
        self.config.validate_requests = on;
        self.set.validate_requests = true;
        self
    }

    /// Send through this HTTP client (tests and benchmarks use in-memory ones).
    pub fn http_client(mut self, client: Arc<dyn HttpClient>) -> Self {
        let cell = OnceLock::new();
        let _ = cell.set(client);
        self.config.http = Arc::new(cell);
        self.config.custom_http = true;
        self.set.http = true;
        self
    }

    /// An application name for the user agent (`app/<name>`).
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.config.app_name = Some(name.into());
        self.set.app_name = true;
        self
    }

    /// Take signing times from `clock` instead of the system clock.
    pub fn clock(mut self, clock: impl Fn() -> DateTime + Send + Sync + 'static) -> Self {
        self.config.clock = Some(Arc::new(clock));
        self.set.clock = true;
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
    /// * retries: `AWS_MAX_ATTEMPTS` and `AWS_RETRY_MODE` (`standard`,
    ///   `adaptive`, `legacy`; all run the standard policy, see
    ///   [`retry`](crate::retry)), then the profile's `max_attempts` and
    ///   `retry_mode`, unless [`retry`](Self::retry) was set. An invalid value
    ///   is not skipped: it fails every call (see [`Config::invalid_settings`]);
    /// * credentials: the default chain (environment, then profile).
    ///
    /// Settings made in code win over the environment, the environment over
    /// the profile. The profile is `AWS_PROFILE` or `default`, in `AWS_CONFIG_FILE`
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
        if !self.set.retry {
            // Read afresh: loading twice must not report an error twice.
            c.invalid.retain(|e| !e.is_retry());
            let profile = profile.map(|p| (profile_name.as_str(), p));
            match env_or_profile(
                get,
                profile,
                ("AWS_MAX_ATTEMPTS", "max_attempts"),
                Setting::MaxAttempts,
                MAX_ATTEMPTS_EXPECTED,
                parse_max_attempts,
            ) {
                Some(Ok(n)) => c.retry.max_attempts = n,
                Some(Err(e)) => c.invalid.push(e),
                None => {}
            }
            match env_or_profile(
                get,
                profile,
                ("AWS_RETRY_MODE", "retry_mode"),
                Setting::RetryMode,
                RETRY_MODE_EXPECTED,
                |v| v.parse::<RetryMode>().ok(),
            ) {
                Some(Ok(mode)) => c.retry.mode = mode,
                Some(Err(e)) => c.invalid.push(e),
                None => {}
            }
        }
        if !self.set.credentials {
            c.credentials = credentials::chain(get, profiles).map(Some);
        }
        self
    }

    /// The token for services that take `Authorization: Bearer` (an HTTP
    /// bearer scheme, or OAuth2 / OpenID Connect with a token you obtained).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.config.bearer_token = Some(token.into());
        self
    }

    /// The key for services that take an API key (where it goes, header or
    /// query parameter, is the service's).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.config.api_key = Some(key.into());
        self
    }

    /// The user name and password for HTTP basic authentication.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.config.basic_auth = Some((user.into(), password.into()));
        self
    }

    /// Turns off compressing the bodies of `@requestCompression` operations.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.config.disable_request_compression = Some(disable);
        self
    }

    /// The smallest body (in bytes, at most 10 MiB) that `@requestCompression`
    /// operations compress; default 10,240, as in the AWS SDKs.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.config.request_min_compression_size_bytes = Some(bytes.min(10 << 20));
        self
    }

    /// The configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn idempotency_tokens_are_random_v4_uuids_unless_fixed() {
        let config = super::Config::builder().build();
        let (a, b) = (config.idempotency_token(), config.idempotency_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        let fixed = super::Config::builder()
            .fixed_idempotency_token("t-1")
            .build();
        assert_eq!(fixed.idempotency_token(), "t-1");
    }

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
    fn aws_sdk_names_build_the_same_config() {
        let timeouts = Timeouts::builder()
            .connect_timeout(Duration::from_secs(1))
            .operation_attempt_timeout(Duration::from_secs(2))
            .operation_timeout(Duration::from_secs(3))
            .build();
        assert_eq!(
            timeouts,
            Timeouts {
                connect: Duration::from_secs(1),
                attempt: Some(Duration::from_secs(2)),
                operation: Some(Duration::from_secs(3)),
            }
        );
        assert_eq!(
            (
                timeouts.connect_timeout(),
                timeouts.operation_attempt_timeout(),
                timeouts.operation_timeout()
            ),
            (
                Some(Duration::from_secs(1)),
                Some(Duration::from_secs(2)),
                Some(Duration::from_secs(3))
            )
        );
        assert_eq!(Timeouts::builder().build(), Timeouts::default());
        const REGION: Region = Region::from_static("eu-west-1");
        let c = Config::builder()
            .region(REGION)
            .credentials_provider(Credentials::from_keys("AK", "SK", None))
            .timeout_config(timeouts)
            .retry_config(RetryConfig::standard().with_max_attempts(5))
            .build();
        assert_eq!(c.region(), Some("eu-west-1"));
        assert_eq!(Region::new(String::from("x")).to_string(), "x");
        assert_eq!(c.credentials().unwrap().unwrap().access_key_id(), "AK");
        assert_eq!(c.timeouts(), timeouts);
        assert_eq!(c.retry().max_attempts, 5);
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

    /// Every variable these tests depend on, cleared, with the shared files
    /// pointed at `config` (and no credentials file).
    fn retry_env(dir: &TempDir, config: &str) -> EnvGuard {
        let config = dir.write("config", config);
        EnvGuard::new(&[
            ("AWS_CONFIG_FILE", Some(config.to_str().unwrap())),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                Some(dir.path().join("none").to_str().unwrap()),
            ),
            ("AWS_PROFILE", Some("dev")),
            ("AWS_MAX_ATTEMPTS", None),
            ("AWS_RETRY_MODE", None),
        ])
    }

    #[test]
    fn retry_settings_come_from_code_then_environment_then_profile() {
        let dir = TempDir::new("config-retry");
        let env = retry_env(
            &dir,
            "[default]\nmax_attempts = 9\n[profile dev]\nmax_attempts = 7\nretry_mode = Adaptive\n",
        );
        // The selected profile's settings.
        let c = Config::from_env();
        assert_eq!(
            (c.retry().max_attempts, c.retry().mode),
            (7, RetryMode::Adaptive)
        );
        assert!(c.invalid_settings().is_empty());
        // The rest of the policy keeps its defaults.
        assert_eq!(c.retry().base_delay, RetryConfig::default().base_delay);

        // The environment beats the profile, one setting at a time.
        env.set("AWS_MAX_ATTEMPTS", Some("5"));
        let c = Config::from_env();
        assert_eq!(
            (c.retry().max_attempts, c.retry().mode),
            (5, RetryMode::Adaptive)
        );
        env.set("AWS_RETRY_MODE", Some("legacy"));
        assert_eq!(Config::from_env().retry().mode, RetryMode::Legacy);

        // Code beats both, before or after load_env.
        let code = RetryConfig::default().with_max_attempts(2);
        for c in [
            Config::builder().retry(code).load_env().build(),
            Config::builder().load_env().retry_config(code).build(),
            Config::from_env()
                .to_builder()
                .retry(code)
                .load_env()
                .build(),
        ] {
            assert_eq!(c.retry(), code);
        }
        // An empty variable is unset.
        env.set("AWS_MAX_ATTEMPTS", Some(""));
        assert_eq!(Config::from_env().retry().max_attempts, 7);

        // Without a profile or variables: standard mode, 3 attempts.
        env.set("AWS_PROFILE", Some("none-such"));
        env.set("AWS_RETRY_MODE", None);
        let c = Config::from_env();
        assert_eq!(c.retry(), RetryConfig::default());
        assert!(c.invalid_settings().is_empty());
    }

    #[test]
    fn invalid_retry_settings_are_errors_naming_variable_and_value() {
        let dir = TempDir::new("config-retry-invalid");
        let env = retry_env(&dir, "[profile dev]\nmax_attempts = 7\nretry_mode = fast\n");
        for bad in ["0", "-1", "lots", "2.5", "4294967296"] {
            env.set("AWS_MAX_ATTEMPTS", Some(bad));
            let c = Config::from_env();
            let messages: Vec<String> =
                c.invalid_settings().iter().map(|e| e.to_string()).collect();
            assert_eq!(messages.len(), 2, "{messages:?}");
            assert_eq!(
                messages[0],
                format!(
                    "invalid AWS_MAX_ATTEMPTS: {bad:?} is not a number of attempts (a whole number, 1 or more)"
                )
            );
            // An invalid variable does not fall back to the profile's value.
            assert_eq!(c.retry().max_attempts, 3, "{bad}");
        }
        // The profile's bad value names key, profile, file and line.
        let e = Config::from_env().invalid_settings()[1].clone();
        assert_eq!(e.value(), "fast");
        assert_eq!(
            e.origin(),
            format!(
                "retry_mode in profile [dev] ({}:3)",
                dir.path().join("config").display()
            )
        );
        assert!(
            e.to_string()
                .ends_with("is not a retry mode (standard, adaptive or legacy)"),
            "{e}"
        );
        env.set("AWS_RETRY_MODE", Some("sometimes"));
        let c = Config::builder().load_env().load_env().build();
        assert_eq!(c.invalid_settings().len(), 2, "loading twice reports once");
        assert_eq!(c.invalid_settings()[1].origin(), "AWS_RETRY_MODE");
        // Settings in code clear what they replace.
        let c = Config::builder()
            .load_env()
            .retry(RetryConfig::disabled())
            .build();
        assert!(c.invalid_settings().is_empty());
    }

    #[tokio::test]
    async fn an_invalid_setting_fails_the_first_call_before_sending() {
        static SERVICE: crate::ServiceMetadata = crate::ServiceMetadata {
            sdk_id: "ECR",
            api_version: "2015-09-21",
            endpoint_prefix: "api.ecr",
            signing_name: "ecr",
            endpoint_rules: None,
            protocol: crate::Protocol::AwsJson {
                version: "1.1",
                target_prefix: "AmazonEC2ContainerRegistry_V20150921",
            },
            auth: &[crate::AuthScheme::SigV4],
            default_endpoint: None,
        };
        let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = sent.clone();
        let http = crate::http::FnClient(move |_| {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            ::http::Response::new(bytes::Bytes::from_static(b"{}"))
        });
        let dir = TempDir::new("config-retry-call");
        let env = retry_env(&dir, "");
        env.set("AWS_MAX_ATTEMPTS", Some("zero"));
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AK", "SK", None))
            .http_client(Arc::new(http))
            .load_env()
            .build();
        drop(env);
        let handle = crate::Handle::new(config.clone(), &SERVICE);
        let e = crate::test_support::send_json(&handle, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        assert!(matches!(e, crate::SdkError::Construction(_)), "{e}");
        let printed = crate::DisplayErrorContext(&e).to_string();
        assert!(
            printed.contains("AWS_MAX_ATTEMPTS") && printed.contains("\"zero\""),
            "{printed}"
        );
        assert_eq!(sent.load(std::sync::atomic::Ordering::SeqCst), 0);
        // The same configuration with the setting made in code works.
        let fixed = config.to_builder().retry(RetryConfig::default()).build();
        crate::test_support::send_json(&crate::Handle::new(fixed, &SERVICE), "Op", b"{}".to_vec())
            .await
            .unwrap();
        assert_eq!(sent.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
