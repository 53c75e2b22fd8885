//! What a generated client holds: configuration, transport and the
//! service's description, and the call path every operation goes through:
//! endpoint, user agent, signing, retries, timeouts, error decoding.

use crate::auth::{self, AuthScheme};
use crate::config::{Config, ConfigBuilder};
use crate::endpoint::{self, EndpointError};
use crate::error::{
    service_error, RawServiceError, SdkError, TimeoutError, TimeoutKind, TransportErrorKind,
};
use crate::http::HttpClient;
use crate::protocol::{OperationRequest, Protocol};
use crate::retry::{self, RetryKind, RetryQuota};
use crate::sigv4::Signer;
use bytes::Bytes;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument as _;

/// The static facts about a service a generated crate hands the runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceMetadata {
    /// SDK id, e.g. `ECR` (also names `AWS_ENDPOINT_URL_ECR`).
    pub sdk_id: &'static str,
    /// API version, e.g. `2015-09-21`.
    pub api_version: &'static str,
    /// Endpoint prefix, e.g. `api.ecr`.
    pub endpoint_prefix: &'static str,
    /// SigV4 signing name, e.g. `ecr`.
    pub signing_name: &'static str,
    /// The service's endpoint rule set (`smithy.rules#endpointRuleSet`, as
    /// JSON), when the model has one; without it the endpoint is
    /// `https://{endpoint_prefix}.{region}.amazonaws.com`.
    pub endpoint_rules: Option<&'static str>,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The auth schemes the service accepts, in order of preference: the
    /// first whose secret is configured authenticates a call.
    pub auth: &'static [AuthScheme],
    /// The endpoint when neither the configuration nor a rule set gives one
    /// (an OpenAPI document's first server, say). Without it, and without
    /// rules, a service signed with SigV4 uses the regional AWS template and
    /// any other needs an endpoint URL configured.
    pub default_endpoint: Option<&'static str>,
}

/// A successful response.
#[derive(Debug)]
pub struct Response {
    status: u16,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Response {
    /// Decodes the JSON body (an empty body is an empty object).
    pub fn decode_json<T: crate::wire::Decode>(&self) -> Result<T, crate::wire::DecodeError> {
        crate::wire::from_json_slice(&self.body)
    }

    /// The request id the service gave.
    pub fn request_id(&self) -> Option<String> {
        crate::protocol::request_id_from(&self.headers)
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// Shared state of a client: one per generated `Client`, shared by its clones.
pub struct Handle {
    config: Config,
    service: &'static ServiceMetadata,
    http: Arc<dyn HttpClient>,
    endpoint: Result<endpoint::ClientEndpoint, EndpointError>,
    /// The parsed rule set, kept for operations whose endpoint depends on
    /// their own parameters (`staticContextParams`, `contextParam`).
    rules: Option<Result<std::sync::Arc<endpoint::RuleSet>, EndpointError>>,
    user_agent: http::HeaderValue,
    signer: Arc<Signer>,
    quota: Arc<RetryQuota>,
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle")
            .field("service", &self.service.sdk_id)
            .field("endpoint", &self.endpoint)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The client's own endpoint (no operation parameters), from the rule set
/// parsed for it, or the error that parsing it gave.
fn endpoint_of_client(
    config: &Config,
    service: &ServiceMetadata,
    rules: Option<&Result<std::sync::Arc<endpoint::RuleSet>, EndpointError>>,
) -> Result<endpoint::ClientEndpoint, EndpointError> {
    match rules {
        None => client_endpoint(config, service, None, &[]),
        Some(Ok(rules)) => client_endpoint(config, service, Some(rules), &[]),
        Some(Err(e)) => Err(e.clone()),
    }
}

/// The endpoint from the service's rule set when it has one, else from the
/// configured URL or the regional template.
fn client_endpoint(
    config: &Config,
    service: &ServiceMetadata,
    rules: Option<&endpoint::RuleSet>,
    operation_params: &[(String, endpoint::Value)],
) -> Result<endpoint::ClientEndpoint, EndpointError> {
    let Some(rules) = rules else {
        let fixed = endpoint::configured(&config.endpoints, service.sdk_id)
            .or_else(|| service.default_endpoint.map(str::to_string));
        let uri = match fixed {
            Some(url) => endpoint::parse_endpoint(&url),
            // Only AWS services have a regional template to fall back on.
            None if service.auth.contains(&AuthScheme::SigV4) => endpoint::resolve(
                &config.endpoints,
                config.region(),
                service.sdk_id,
                service.endpoint_prefix,
            ),
            None => Err(EndpointError::new(format!(
                "no endpoint: set an endpoint URL on the config or in AWS_ENDPOINT_URL_{}",
                endpoint::env_suffix(service.sdk_id)
            ))),
        };
        return uri.map(|uri| endpoint::ClientEndpoint {
            url: uri.to_string(),
            uri,
            signing_name: None,
            signing_region: None,
        });
    };
    if let Some(region) = config.region() {
        endpoint::validate_region(region)?;
    }
    let configured = endpoint::configured(&config.endpoints, service.sdk_id);
    let mut params = config.endpoint_params.clone();
    for (name, value) in operation_params {
        params.retain(|(n, _)| n != name);
        params.push((name.clone(), value.clone()));
    }
    endpoint::resolve_with_rules(
        rules,
        endpoint::EndpointSettings {
            region: config.region(),
            use_fips: config.use_fips(),
            use_dual_stack: config.use_dual_stack(),
            endpoint_url: configured.as_deref(),
            params: &params,
        },
    )
}

/// How one attempt ended, for the retry loop.
enum Outcome {
    Success(http::Response<Bytes>),
    ServiceError(RawServiceError),
    Failed(SdkError<RawServiceError>),
}

impl Handle {
    /// A handle for `service` with `config`. Never fails: a bad endpoint or
    /// missing credentials are reported by each call as construction errors.
    pub fn new(config: Config, service: &'static ServiceMetadata) -> Self {
        let http = config.http_client();
        let rules = service
            .endpoint_rules
            .map(|json| endpoint::RuleSet::parse(json).map(std::sync::Arc::new));
        let endpoint = endpoint_of_client(&config, service, rules.as_ref());
        let user_agent = user_agent(service, config.app_name.as_deref());
        Handle {
            config,
            service,
            http,
            endpoint,
            rules,
            user_agent,
            signer: Arc::new(Signer::new()),
            quota: Arc::new(RetryQuota::new()),
        }
    }

    /// A handle for one call (or one paginator) with the settings made on
    /// `config_override` in place of this one's: region, endpoint URL, FIPS,
    /// dual-stack, credentials, timeouts, retries, request validation, HTTP
    /// client, app name and clock, each only when set on the override (see
    /// [`CustomizableOperation`](crate::customize::CustomizableOperation)).
    /// Cheap: the HTTP client (and so its connections), the retry quota and
    /// the signing-key cache are shared, and the endpoint is resolved again
    /// only when a setting it depends on changed. A new connect timeout on
    /// the default HTTP client is the exception: the call gets a client of
    /// its own, since the timeout is built into the client.
    pub fn with_override(&self, config_override: ConfigBuilder) -> Handle {
        let config = self.config.overridden_by(config_override);
        let http = if Arc::ptr_eq(&config.http, &self.config.http) {
            self.http.clone()
        } else {
            config.http_client()
        };
        let same_endpoint = config.region == self.config.region
            && config.endpoints == self.config.endpoints
            && config.use_fips == self.config.use_fips
            && config.use_dual_stack == self.config.use_dual_stack
            && config.endpoint_params == self.config.endpoint_params;
        let endpoint = if same_endpoint {
            self.endpoint.clone()
        } else {
            endpoint_of_client(&config, self.service, self.rules.as_ref())
        };
        let user_agent = if config.app_name == self.config.app_name {
            self.user_agent.clone()
        } else {
            user_agent(self.service, config.app_name.as_deref())
        };
        Handle {
            config,
            service: self.service,
            http,
            endpoint,
            rules: self.rules.clone(),
            user_agent,
            signer: self.signer.clone(),
            quota: self.quota.clone(),
        }
    }

    /// `self`, or with `Some` override a handle made by
    /// [`with_override`](Self::with_override): what generated `send()` and
    /// `into_paginator()` call.
    pub fn for_call(self: Arc<Self>, config_override: Option<ConfigBuilder>) -> Arc<Handle> {
        match config_override {
            Some(o) => Arc::new(self.with_override(o)),
            None => self,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The service's description.
    pub fn service(&self) -> &'static ServiceMetadata {
        self.service
    }

    /// The resolved endpoint, or why there is none.
    pub fn endpoint(&self) -> Result<&http::Uri, &EndpointError> {
        self.endpoint.as_ref().map(|e| &e.uri)
    }

    /// The endpoint URL exactly as resolved (the rule set's text, without
    /// the `/` a parsed URI adds), or why there is none.
    pub fn endpoint_url(&self) -> Result<&str, &EndpointError> {
        self.endpoint.as_ref().map(|e| e.url.as_str())
    }

    /// The endpoint for one call of an operation that sets endpoint
    /// parameters of its own; without any, the client's.
    pub fn endpoint_for(
        &self,
        operation_params: &[(String, endpoint::Value)],
    ) -> Result<std::borrow::Cow<'_, endpoint::ClientEndpoint>, EndpointError> {
        match (&self.rules, operation_params.is_empty()) {
            (Some(Ok(rules)), false) => {
                client_endpoint(&self.config, self.service, Some(rules), operation_params)
                    .map(std::borrow::Cow::Owned)
            }
            _ => self
                .endpoint
                .as_ref()
                .map(std::borrow::Cow::Borrowed)
                .map_err(Clone::clone),
        }
    }

    /// Sends one operation call: `request` as the service's protocol built
    /// it, completed here with the endpoint (the client's, or resolved for
    /// this call when the operation sets `endpoint_params` of its own), the
    /// user agent and the auth scheme, then sent with retries and timeouts.
    /// Returns the successful response, or the error response as a
    /// [`RawServiceError`] (named the protocol's way) for the generated code
    /// to classify with [`SdkError::map_service_error`].
    pub async fn send(
        &self,
        operation: &'static str,
        request: OperationRequest,
        endpoint_params: &[(String, endpoint::Value)],
    ) -> Result<Response, SdkError<RawServiceError>> {
        if let Some(invalid) = self.config.invalid_settings().first() {
            return Err(SdkError::construction(invalid.clone()));
        }
        let endpoint = self
            .endpoint_for(endpoint_params)
            .map_err(SdkError::construction)?;
        let schemes = request.auth.unwrap_or(self.service.auth);
        let chosen = auth::choose(&self.config, schemes).map_err(SdkError::construction)?;
        let request = compress(request, &self.config);
        let request = request
            .into_http(&endpoint.uri)
            .map_err(SdkError::construction)?;
        let span = tracing::debug_span!("operation", service = self.service.sdk_id, operation);
        let call = self.retry_loop(request, &endpoint, &chosen);
        match self.config.timeouts.operation {
            Some(limit) => match tokio::time::timeout(limit, call).instrument(span).await {
                Ok(result) => result,
                Err(_) => Err(SdkError::Timeout(TimeoutError::new(
                    TimeoutKind::Operation,
                    limit,
                ))),
            },
            None => call.instrument(span).await,
        }
    }

    async fn retry_loop(
        &self,
        mut request: http::Request<Bytes>,
        endpoint: &endpoint::ClientEndpoint,
        chosen: &auth::Chosen<'_>,
    ) -> Result<Response, SdkError<RawServiceError>> {
        // The endpoint's auth scheme may sign for another region or name
        // (global services, FIPS); else the configured region.
        let region = endpoint
            .signing_region
            .as_deref()
            .or(self.config.region())
            .unwrap_or("us-east-1");
        let signing_name = endpoint
            .signing_name
            .as_deref()
            .unwrap_or(self.service.signing_name);
        let scope = auth::SigningScope {
            region,
            name: signing_name,
        };
        request
            .headers_mut()
            .insert(http::header::USER_AGENT, self.user_agent.clone());
        let policy = self.config.retry;
        let max_attempts = policy.max_attempts.max(1);
        let started = Instant::now();
        let mut last_retry_cost = None;
        for attempt in 1.. {
            let mut attempt_request = request.clone();
            chosen
                .apply(&mut attempt_request, &self.signer, &scope, &self.config)
                .map_err(SdkError::construction)?;
            let outcome = self
                .attempt(attempt_request)
                .instrument(tracing::debug_span!("attempt", attempt))
                .await;
            let (retry_kind, failure) = match outcome {
                Outcome::Success(response) => {
                    self.quota
                        .release(last_retry_cost.unwrap_or(RetryQuota::SUCCESS_REFUND));
                    let (parts, body) = response.into_parts();
                    tracing::debug!(
                        attempts = attempt,
                        status = parts.status.as_u16(),
                        elapsed_ms = elapsed_ms(started),
                        "succeeded"
                    );
                    return Ok(Response {
                        status: parts.status.as_u16(),
                        headers: parts.headers,
                        body,
                    });
                }
                Outcome::ServiceError(raw) => {
                    let kind = retry::classify_response(raw.code(), raw.status());
                    let status = raw.status();
                    let request_id = raw.request_id().map(str::to_string);
                    (kind, service_error(raw, status, request_id))
                }
                Outcome::Failed(e) => (transient_kind(&e), e),
            };
            let Some(kind) = retry_kind.filter(|_| attempt < max_attempts) else {
                tracing::debug!(attempts = attempt, elapsed_ms = elapsed_ms(started), error = %failure, "failed");
                return Err(failure);
            };
            if policy.quota {
                match self.quota.acquire(kind) {
                    Some(cost) => last_retry_cost = Some(cost),
                    None => {
                        tracing::debug!(attempts = attempt, "retry quota exhausted");
                        return Err(failure);
                    }
                }
            }
            let delay = retry::backoff(&policy, kind, attempt, retry::random_unit());
            tracing::debug!(attempt, ?kind, ?delay, error = %failure, "retrying");
            tokio::time::sleep(delay).await;
        }
        unreachable!("the attempt loop returns")
    }

    async fn attempt(&self, request: http::Request<Bytes>) -> Outcome {
        let send = self.http.send(request);
        let result = match self.config.timeouts.attempt {
            Some(limit) => match tokio::time::timeout(limit, send).await {
                Ok(r) => r,
                Err(_) => {
                    return Outcome::Failed(SdkError::Timeout(TimeoutError::new(
                        TimeoutKind::Attempt,
                        limit,
                    )))
                }
            },
            None => send.await,
        };
        match result {
            Ok(response) if response.status().is_success() => Outcome::Success(response),
            Ok(response) => Outcome::ServiceError(self.service.protocol.parse_error(&response)),
            Err(e) if e.kind() == TransportErrorKind::ConnectTimeout => {
                Outcome::Failed(SdkError::Timeout(TimeoutError::new(
                    TimeoutKind::Connect,
                    self.config.timeouts.connect,
                )))
            }
            Err(e) => Outcome::Failed(SdkError::Transport(e)),
        }
    }
}

/// The body gzip-compressed when the operation accepts gzip
/// (`@requestCompression`), compression is on and the body is at least the
/// configured size; `gzip` is appended to any `Content-Encoding` already set.
/// Without the `compression` feature bodies are sent as they are.
#[cfg(feature = "compression")]
fn compress(mut request: OperationRequest, config: &Config) -> OperationRequest {
    let Some(threshold) = config.request_compression_threshold() else {
        return request;
    };
    if request.compression.contains(&"gzip") && request.body.len() >= threshold {
        request.body = Bytes::from(crate::compression::gzip(&request.body));
        let encoding = match request.headers.get(http::header::CONTENT_ENCODING) {
            Some(v) => format!("{}, gzip", String::from_utf8_lossy(v.as_bytes())),
            None => "gzip".to_string(),
        };
        if let Ok(v) = http::HeaderValue::try_from(encoding) {
            request.headers.insert(http::header::CONTENT_ENCODING, v);
        }
    }
    request
}

#[cfg(not(feature = "compression"))]
fn compress(request: OperationRequest, _: &Config) -> OperationRequest {
    request
}

/// Failures without a response: timeouts and transient transport errors retry.
fn transient_kind(e: &SdkError<RawServiceError>) -> Option<RetryKind> {
    match e {
        SdkError::Transport(t) if t.is_transient() => Some(RetryKind::Transient),
        SdkError::Timeout(_) => Some(RetryKind::Transient),
        _ => None,
    }
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// `apigen-runtime/0.1.0 ecr/2015-09-21 os/linux lang/rust [app/name]`.
fn user_agent(service: &ServiceMetadata, app_name: Option<&str>) -> http::HeaderValue {
    let mut ua = format!(
        "apigen-runtime/{} {}/{} os/{} lang/rust",
        env!("CARGO_PKG_VERSION"),
        service.sdk_id.to_ascii_lowercase().replace(' ', "-"),
        service.api_version,
        std::env::consts::OS,
    );
    if let Some(app) = app_name {
        ua.push_str(" app/");
        ua.push_str(app);
    }
    // An app name with bytes a header cannot carry is dropped, not fatal.
    http::HeaderValue::from_str(&ua)
        .unwrap_or_else(|_| http::HeaderValue::from_static("apigen-runtime"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::FnClient;
    use crate::test_support::{serve, Reply};
    use crate::{Credentials, DateTime, RetryConfig, Timeouts};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    use std::time::Duration;

    static SERVICE: ServiceMetadata = ServiceMetadata {
        sdk_id: "ECR",
        api_version: "2015-09-21",
        endpoint_prefix: "api.ecr",
        signing_name: "ecr",
        endpoint_rules: None,
        protocol: Protocol::AwsJson {
            version: "1.1",
            target_prefix: "AmazonEC2ContainerRegistry_V20150921",
        },
        auth: &[crate::AuthScheme::SigV4],
        default_endpoint: None,
    };

    fn fast_retries() -> RetryConfig {
        RetryConfig::default().with_base_delay(Duration::from_millis(1))
    }

    fn builder(endpoint: &str) -> crate::ConfigBuilder {
        Config::builder()
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials(Credentials::new(
                "AKIDEXAMPLE",
                "SECRET",
                Some("TOKEN".into()),
            ))
            .retry(fast_retries())
    }

    type Seen = Arc<Mutex<Vec<http::Request<Bytes>>>>;

    /// An in-memory transport answering from a script and recording requests.
    fn scripted(script: Vec<(u16, &'static str)>) -> (Arc<dyn HttpClient>, Seen) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Mutex::new(script);
        let log = seen.clone();
        let client = FnClient(move |req: http::Request<Bytes>| {
            log.lock().unwrap().push(req);
            let (status, body) = script.lock().unwrap().remove(0);
            http::Response::builder()
                .status(status)
                .header("x-amzn-requestid", "rid-1")
                .body(Bytes::from(body))
                .unwrap()
        });
        (Arc::new(client), seen)
    }

    /// A plain HTTP service: no SigV4, no rules, a default endpoint.
    fn plain_service(auth: &'static [AuthScheme]) -> &'static ServiceMetadata {
        Box::leak(Box::new(ServiceMetadata {
            sdk_id: "Pets",
            api_version: "1",
            endpoint_prefix: "pets",
            signing_name: "pets",
            endpoint_rules: None,
            protocol: SERVICE.protocol,
            auth,
            default_endpoint: Some("https://pets.example.com/v1"),
        }))
    }

    #[tokio::test]
    async fn plain_http_services_need_no_aws_credentials() {
        let send = |auth: &'static [AuthScheme], config: ConfigBuilder| async move {
            let (http, seen) = scripted(vec![(200, "{}")]);
            let handle = Handle::new(config.http_client(http).build(), plain_service(auth));
            let request = OperationRequest::new(http::Method::GET, "/pets/1?x=1", Bytes::new());
            let result = handle.send("GetPet", request, &[]).await;
            let seen = seen.lock().unwrap().pop();
            (result.map(|_| ()), seen)
        };
        // No auth, no region, no credentials: the default endpoint's base path.
        let (result, req) = send(&[AuthScheme::NoAuth], Config::builder()).await;
        result.unwrap();
        let req = req.unwrap();
        assert_eq!(
            req.uri().to_string(),
            "https://pets.example.com/v1/pets/1?x=1"
        );
        assert!(req.headers().get("authorization").is_none());
        // Bearer, then API key in a header or the query, then basic.
        let (_, req) = send(
            &[AuthScheme::Bearer, AuthScheme::NoAuth],
            Config::builder().bearer_token("tok"),
        )
        .await;
        assert_eq!(req.unwrap().headers()["authorization"], "Bearer tok");
        let header_key: &'static [AuthScheme] = &[AuthScheme::ApiKey {
            name: "x-api-key",
            location: crate::auth::ApiKeyLocation::Header,
            scheme: None,
        }];
        let (_, req) = send(header_key, Config::builder().api_key("k 1")).await;
        assert_eq!(req.unwrap().headers()["x-api-key"], "k 1");
        let query_key: &'static [AuthScheme] = &[AuthScheme::ApiKey {
            name: "api_key",
            location: crate::auth::ApiKeyLocation::Query,
            scheme: None,
        }];
        let (_, req) = send(query_key, Config::builder().api_key("k 1")).await;
        assert_eq!(req.unwrap().uri().query(), Some("x=1&api_key=k%201"));
        let cookie_key: &'static [AuthScheme] = &[AuthScheme::ApiKey {
            name: "session",
            location: crate::auth::ApiKeyLocation::Cookie,
            scheme: None,
        }];
        let (_, req) = send(cookie_key, Config::builder().api_key("k 1;x")).await;
        assert_eq!(req.unwrap().headers()["cookie"], "session=k%201%3Bx");
        let (_, req) = send(&[AuthScheme::Basic], Config::builder().basic_auth("u", "p")).await;
        assert_eq!(req.unwrap().headers()["authorization"], "Basic dTpw");
        // A scheme whose secret is missing is skipped for the next; when none
        // is usable the first scheme's setting is named and nothing is sent.
        let (result, req) = send(&[AuthScheme::Bearer], Config::builder()).await;
        let e = result.unwrap_err();
        assert!(e.to_string().contains("bearer_token"), "{e}");
        assert!(req.is_none());
        // An endpoint URL in the config wins over the default.
        let (_, req) = send(
            &[AuthScheme::NoAuth],
            Config::builder().endpoint_url("http://127.0.0.1:9"),
        )
        .await;
        assert_eq!(
            req.unwrap().uri().to_string(),
            "http://127.0.0.1:9/pets/1?x=1"
        );
    }

    #[tokio::test]
    async fn request_is_shaped_signed_and_decoded() {
        let (http, seen) = scripted(vec![(200, r#"{"ok":true}"#)]);
        let config = builder("http://localhost:1")
            .clock(|| DateTime::from_secs(1_440_938_160))
            .http_client(http)
            .build();
        let handle = Handle::new(config, &SERVICE);
        let response = crate::test_support::send_json(&handle, "ListImages", b"{\"a\":1}".to_vec())
            .await
            .unwrap();
        assert_eq!(
            response
                .decode_json::<crate::Document>()
                .unwrap()
                .as_object()
                .unwrap()["ok"],
            crate::Document::Bool(true)
        );
        assert_eq!(response.request_id().as_deref(), Some("rid-1"));
        let seen = seen.lock().unwrap();
        let req = &seen[0];
        assert_eq!(
            req.headers()["x-amz-target"],
            "AmazonEC2ContainerRegistry_V20150921.ListImages"
        );
        assert_eq!(req.headers()["x-amz-date"], "20150830T123600Z");
        assert_eq!(req.headers()["x-amz-security-token"], "TOKEN");
        assert!(req.headers().get("x-amz-content-sha256").is_none());
        let auth = req.headers()["authorization"].to_str().unwrap();
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/ecr/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="), "{auth}");
        let ua = req.headers()["user-agent"].to_str().unwrap();
        assert!(
            ua.starts_with(&format!(
                "apigen-runtime/{} ecr/2015-09-21 os/",
                env!("CARGO_PKG_VERSION")
            )),
            "{ua}"
        );
        assert!(ua.ends_with(" lang/rust"), "{ua}");
    }

    #[tokio::test]
    async fn retries_in_memory_and_gives_up_after_three_attempts() {
        let (http, seen) = scripted(vec![(400, r#"{"__type":"ThrottlingException"}"#); 5]);
        let handle = Handle::new(
            builder("http://localhost:1").http_client(http).build(),
            &SERVICE,
        );
        let e = crate::test_support::send_json(&handle, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        assert_eq!(e.as_service_error().unwrap().code(), "ThrottlingException");
        assert_eq!(e.request_id(), Some("rid-1"));
        assert_eq!(seen.lock().unwrap().len(), 3);
        // Each attempt is signed afresh.
        assert!(seen
            .lock()
            .unwrap()
            .iter()
            .all(|r| r.headers().contains_key("authorization")));
    }

    #[tokio::test]
    async fn construction_errors_send_nothing() {
        let (http, seen) = scripted(vec![]);
        let config = Config::builder()
            .http_client(http.clone())
            .credentials(Credentials::new("A", "B", None))
            .build();
        let e = crate::test_support::send_json(&Handle::new(config, &SERVICE), "Op", Vec::new())
            .await
            .unwrap_err();
        assert!(
            matches!(e, SdkError::Construction(_)) && e.to_string().contains("no region"),
            "{e}"
        );
        let config = Config::builder()
            .region("us-east-1")
            .http_client(http)
            .build();
        let e = crate::test_support::send_json(&Handle::new(config, &SERVICE), "Op", Vec::new())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("no credentials"), "{e}");
        assert!(seen.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn retries_500_twice_then_succeeds_against_a_local_server() {
        let server = serve(vec![
            Reply::status(500, r#"{"__type":"InternalFailure"}"#),
            Reply::status(500, "{}"),
            Reply::status(200, r#"{"repositories":[]}"#),
        ])
        .await;
        let handle = Handle::new(builder(&server.url()).build(), &SERVICE);
        let response =
            crate::test_support::send_json(&handle, "DescribeRepositories", b"{}".to_vec())
                .await
                .unwrap();
        assert_eq!(response.body(), br#"{"repositories":[]}"#);
        assert_eq!(server.requests(), 3);
        assert_eq!(
            server.targets()[0],
            "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories"
        );
    }

    #[tokio::test]
    async fn a_400_is_not_retried() {
        let server = serve(vec![
            Reply::status(
                400,
                r#"{"__type":"com.amazonaws.ecr#RepositoryNotFoundException","message":"no repo"}"#,
            ),
            Reply::status(200, "{}"),
        ])
        .await;
        let handle = Handle::new(builder(&server.url()).build(), &SERVICE);
        let e = crate::test_support::send_json(&handle, "DescribeRepositories", b"{}".to_vec())
            .await
            .unwrap_err();
        let raw = e.into_service_error().unwrap();
        assert_eq!(
            (raw.code(), raw.message(), raw.status()),
            ("RepositoryNotFoundException", Some("no repo"), 400)
        );
        assert_eq!(server.requests(), 1);
    }

    #[tokio::test]
    async fn attempt_timeout_against_a_server_that_never_answers() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = accepted.clone();
        let server = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                held.push(socket); // keep it open, never answer
            }
        });
        let config = builder(&format!("http://{addr}"))
            .timeouts(Timeouts {
                attempt: Some(Duration::from_millis(100)),
                ..Default::default()
            })
            .retry(fast_retries().with_max_attempts(2))
            .build();
        let handle = Handle::new(config, &SERVICE);
        let started = Instant::now();
        let e = crate::test_support::send_json(&handle, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        match &e {
            SdkError::Timeout(t) => assert_eq!(t.kind(), TimeoutKind::Attempt),
            other => panic!("expected a timeout, got {other}"),
        }
        let elapsed = started.elapsed();
        assert!(
            elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(5),
            "{elapsed:?}"
        );
        assert_eq!(
            accepted.load(Ordering::SeqCst),
            2,
            "each attempt opens a new connection"
        );
        server.abort();
    }

    #[tokio::test]
    async fn operation_timeout_bounds_all_attempts() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        let config = builder(&format!("http://{addr}"))
            .timeouts(Timeouts {
                operation: Some(Duration::from_millis(150)),
                ..Default::default()
            })
            .build();
        let started = Instant::now();
        let e =
            crate::test_support::send_json(&Handle::new(config, &SERVICE), "Op", b"{}".to_vec())
                .await
                .unwrap_err();
        assert!(
            matches!(&e, SdkError::Timeout(t) if t.kind() == TimeoutKind::Operation),
            "{e}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        server.abort();
    }

    #[tokio::test]
    async fn refused_connections_are_retried_then_reported() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let handle = Handle::new(
            builder(&format!("http://127.0.0.1:{port}")).build(),
            &SERVICE,
        );
        let e = crate::test_support::send_json(&handle, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        match &e {
            SdkError::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Connect),
            other => panic!("expected a transport error, got {other}"),
        }
        // The cause reaches the user through the source chain: SdkError ->
        // TransportError -> hyper-util's error -> the connector's -> io::Error.
        let printed = crate::DisplayErrorContext(&e).to_string();
        assert!(printed.contains("Connection refused"), "{printed}");
        assert!(printed.starts_with("transport error: "), "{printed}");
        let mut root: &dyn std::error::Error = &e;
        while let Some(next) = root.source() {
            root = next;
        }
        assert_eq!(
            root.downcast_ref::<std::io::Error>().map(|io| io.kind()),
            Some(std::io::ErrorKind::ConnectionRefused),
            "{printed}"
        );
        // Two retries were paid from the quota.
        assert_eq!(
            handle.quota.available(),
            RetryQuota::CAPACITY - 2 * RetryQuota::TRANSIENT_RETRY_COST
        );
    }

    #[tokio::test]
    async fn an_override_replaces_settings_for_its_call_only() {
        let throttled = (400, r#"{"__type":"ThrottlingException"}"#);
        let (http, seen) = scripted(vec![throttled; 4]);
        let base = Arc::new(Handle::new(
            builder("http://localhost:1").http_client(http).build(),
            &SERVICE,
        ));
        let over = base.clone().for_call(Some(
            Config::builder()
                .region("eu-west-1")
                .endpoint_url("http://override:2")
                .credentials(Credentials::new("OTHER", "S2", None))
                .retry(RetryConfig::disabled())
                .app_name("per-call"),
        ));
        assert!(!Arc::ptr_eq(&base, &over));
        // One attempt (retries disabled), to the override's endpoint, signed
        // with its credentials for its region.
        crate::test_support::send_json(&over, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        {
            let seen = seen.lock().unwrap();
            assert_eq!(seen.len(), 1);
            assert_eq!(seen[0].uri().to_string(), "http://override:2/");
            let auth = seen[0].headers()["authorization"].to_str().unwrap();
            assert!(
                auth.contains("Credential=OTHER/") && auth.contains("/eu-west-1/ecr/"),
                "{auth}"
            );
            assert!(seen[0].headers().get("x-amz-security-token").is_none());
            let ua = seen[0].headers()["user-agent"].to_str().unwrap();
            assert!(ua.ends_with(" app/per-call"), "{ua}");
        }
        // The client itself is unchanged: three attempts, its own endpoint,
        // credentials and region, through the same HTTP client.
        crate::test_support::send_json(&base, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 4);
        for req in &seen[1..] {
            assert_eq!(req.uri().to_string(), "http://localhost:1/");
            let auth = req.headers()["authorization"].to_str().unwrap();
            assert!(auth.contains("Credential=AKIDEXAMPLE/") && auth.contains("/us-east-1/ecr/"));
        }
        assert!(Arc::ptr_eq(&base.http, &over.http));
        // Both draw on the one retry quota: the client's two retries cost it.
        assert_eq!(
            over.quota.available(),
            RetryQuota::CAPACITY - 2 * RetryQuota::RETRY_COST
        );
        assert_eq!(base.config().region(), Some("us-east-1"));
        // No override is the handle itself.
        assert!(Arc::ptr_eq(&base.clone().for_call(None), &base));
    }

    #[tokio::test]
    async fn an_override_sets_timeouts_and_keeps_what_it_does_not_set() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket); // never answers
            }
        });
        let base = Handle::new(builder(&format!("http://{addr}")).build(), &SERVICE);
        assert_eq!(base.config().timeouts().attempt, None);
        let over = base.with_override(
            Config::builder()
                .timeouts(
                    Timeouts::builder()
                        .operation_attempt_timeout(Duration::from_millis(50))
                        .build(),
                )
                .retry(RetryConfig::disabled()),
        );
        let started = Instant::now();
        let e = crate::test_support::send_json(&over, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        assert!(
            matches!(&e, SdkError::Timeout(t) if t.kind() == TimeoutKind::Attempt),
            "{e}"
        );
        assert!(started.elapsed() < Duration::from_secs(5));
        // What the override did not set is the client's.
        let c = over.config();
        assert_eq!(c.region(), Some("us-east-1"));
        assert_eq!(
            c.credentials().unwrap().unwrap().access_key_id(),
            "AKIDEXAMPLE"
        );
        assert_eq!(over.endpoint().unwrap(), base.endpoint().unwrap());
        // The connect timeout is the default one, so the connections are shared.
        assert!(Arc::ptr_eq(&over.http, &base.http));
        let other_connect = base.with_override(Config::builder().timeouts(Timeouts {
            connect: Duration::from_secs(1),
            ..Default::default()
        }));
        assert!(!Arc::ptr_eq(&other_connect.http, &base.http));
        // An empty override changes nothing.
        let same = base.with_override(Config::builder());
        assert_eq!(
            format!("{:?}", same.config()),
            format!("{:?}", base.config())
        );
        assert!(Arc::ptr_eq(&same.http, &base.http));
        server.abort();
    }

    #[tokio::test]
    async fn an_override_with_a_region_resolves_the_endpoint_again() {
        let base = Handle::new(
            Config::builder()
                .region("eu-west-1")
                .credentials(Credentials::new("A", "B", None))
                .build(),
            &SERVICE,
        );
        let over = base.with_override(Config::builder().region("ap-south-1"));
        assert_eq!(
            over.endpoint().unwrap().to_string(),
            "https://api.ecr.ap-south-1.amazonaws.com/"
        );
        assert_eq!(
            base.endpoint().unwrap().to_string(),
            "https://api.ecr.eu-west-1.amazonaws.com/"
        );
        // A bad override is that call's construction error, not the client's.
        let bad = base.with_override(Config::builder().endpoint_url("not a url"));
        let e = crate::test_support::send_json(&bad, "Op", Vec::new())
            .await
            .unwrap_err();
        assert!(matches!(e, SdkError::Construction(_)), "{e}");
        assert!(base.endpoint().is_ok());
    }

    /// A rule set in the shape AWS models use: an explicit endpoint wins,
    /// FIPS and dual-stack pick other hosts, an unsupported combination is
    /// an `error` rule, and the auth scheme names the signing region.
    const RULES: &str = r#"{"version":"1.0","parameters":{
        "Region":{"builtIn":"AWS::Region","required":false,"type":"String"},
        "UseFIPS":{"builtIn":"AWS::UseFIPS","required":true,"default":false,"type":"Boolean"},
        "UseDualStack":{"builtIn":"AWS::UseDualStack","required":true,"default":false,"type":"Boolean"},
        "Endpoint":{"builtIn":"SDK::Endpoint","required":false,"type":"String"},
        "Stage":{"required":false,"type":"String"}},
      "rules":[
        {"conditions":[{"fn":"isSet","argv":[{"ref":"Stage"}]}],"endpoint":{"url":"https://{Stage}.example.com"},"type":"endpoint"},
        {"conditions":[{"fn":"isSet","argv":[{"ref":"Endpoint"}]}],"endpoint":{"url":{"ref":"Endpoint"}},"type":"endpoint"},
        {"conditions":[{"fn":"isSet","argv":[{"ref":"Region"}]}],"type":"tree","rules":[
          {"conditions":[{"fn":"booleanEquals","argv":[{"ref":"UseFIPS"},true]},{"fn":"booleanEquals","argv":[{"ref":"UseDualStack"},true]}],
           "error":"FIPS and DualStack are enabled, but this partition does not support one or both","type":"error"},
          {"conditions":[{"fn":"booleanEquals","argv":[{"ref":"UseFIPS"},true]}],
           "endpoint":{"url":"https://svc-fips.{Region}.example.com","properties":{"authSchemes":[{"name":"sigv4","signingName":"svc","signingRegion":"{Region}"}]}},"type":"endpoint"},
          {"conditions":[],"endpoint":{"url":"https://svc.{Region}.example.com","properties":{"authSchemes":[{"name":"sigv4","signingName":"other","signingRegion":"us-east-1"}]}},"type":"endpoint"}]},
        {"conditions":[],"error":"Invalid Configuration: Missing Region","type":"error"}]}"#;

    static RULED: ServiceMetadata = ServiceMetadata {
        sdk_id: "Svc",
        api_version: "2020-01-01",
        endpoint_prefix: "svc",
        signing_name: "svc",
        endpoint_rules: Some(RULES),
        protocol: Protocol::AwsJson {
            version: "1.1",
            target_prefix: "Svc",
        },
        auth: &[crate::AuthScheme::SigV4],
        default_endpoint: None,
    };

    #[test]
    fn endpoints_come_from_the_rule_set() {
        let resolve = |b: crate::ConfigBuilder| {
            let handle = Handle::new(b.build(), &RULED);
            let signing = handle
                .endpoint
                .as_ref()
                .ok()
                .map(|e| (e.signing_name.clone(), e.signing_region.clone()));
            (
                handle
                    .endpoint()
                    .map(|u| u.to_string())
                    .map_err(|e| e.to_string()),
                signing,
            )
        };
        let (url, signing) = resolve(Config::builder().region("eu-west-1"));
        assert_eq!(url.unwrap(), "https://svc.eu-west-1.example.com/");
        assert_eq!(
            signing,
            Some((Some("other".into()), Some("us-east-1".into())))
        );
        let (url, _) = resolve(Config::builder().region("eu-west-1").use_fips(true));
        assert_eq!(url.unwrap(), "https://svc-fips.eu-west-1.example.com/");
        let (url, _) = resolve(
            Config::builder()
                .region("eu-west-1")
                .use_fips(true)
                .use_dual_stack(true),
        );
        assert!(url.unwrap_err().contains("FIPS and DualStack are enabled"));
        let (url, _) = resolve(Config::builder());
        assert!(url.unwrap_err().contains("Missing Region"));
        let (url, signing) = resolve(
            Config::builder()
                .region("eu-west-1")
                .endpoint_url("http://127.0.0.1:5000"),
        );
        assert_eq!(url.unwrap(), "http://127.0.0.1:5000/");
        assert_eq!(signing, Some((None, None)));
        let (url, _) = resolve(Config::builder().region("eu-west-1/../evil"));
        assert!(url.unwrap_err().contains("invalid region"));
        // A parameter set by name on the config, and one an operation sets
        // for its own calls, which wins.
        let handle = Handle::new(
            Config::builder()
                .region("eu-west-1")
                .endpoint_param("Stage", "beta")
                .build(),
            &RULED,
        );
        assert_eq!(handle.endpoint_url().unwrap(), "https://beta.example.com");
        let per_call = handle
            .endpoint_for(&[("Stage".to_string(), "gamma".into())])
            .unwrap();
        assert_eq!(per_call.url, "https://gamma.example.com");
        assert_eq!(
            handle.endpoint_for(&[]).unwrap().url,
            "https://beta.example.com"
        );
    }

    #[tokio::test]
    async fn a_rule_error_fails_the_call_before_anything_is_sent() {
        let handle = Handle::new(
            Config::builder()
                .region("eu-west-1")
                .use_fips(true)
                .use_dual_stack(true)
                .credentials(crate::Credentials::new("AKID", "SECRET", None))
                .build(),
            &RULED,
        );
        let e = crate::test_support::send_json(&handle, "Op", b"{}".to_vec())
            .await
            .unwrap_err();
        assert!(matches!(e, SdkError::Construction(_)), "{e}");
        assert!(e.to_string().contains("does not support"), "{e}");
    }

    #[test]
    fn handle_and_call_futures_are_send_and_sync() {
        fn send_sync<T: Send + Sync>(_: &T) {}
        fn send<T: Send>(_: &T) {}
        let handle = Handle::new(Config::builder().region("eu-west-1").build(), &SERVICE);
        send_sync(&handle);
        let call = crate::test_support::send_json(&handle, "Op", Vec::new());
        send(&call);
    }

    #[test]
    fn endpoint_and_user_agent() {
        let handle = Handle::new(Config::builder().region("eu-west-1").build(), &SERVICE);
        assert_eq!(
            handle.endpoint().unwrap().to_string(),
            "https://api.ecr.eu-west-1.amazonaws.com/"
        );
        let handle = Handle::new(
            Config::builder().endpoint_url("not a url").build(),
            &SERVICE,
        );
        assert!(handle
            .endpoint()
            .unwrap_err()
            .to_string()
            .contains("invalid endpoint"));
        let ua = user_agent(&SERVICE, Some("my-app"));
        assert!(ua.to_str().unwrap().ends_with("lang/rust app/my-app"));
    }
}
