//! What a generated client holds: configuration, transport and the
//! service's description, and the call path every operation goes through
//! (endpoint, signing, retries, timeouts, error classification).

use crate::config::Config;
use crate::error::{service_error, RawServiceError, SdkError, TimeoutError};
use crate::http::HttpClient;
use crate::{protocol, retry, sigv4, DateTime};
use bytes::Bytes;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument as _;

/// A service's wire protocol, as generated code describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// AWS JSON 1.0 or 1.1 with its `X-Amz-Target` prefix.
    AwsJson {
        /// `1.0` or `1.1`.
        version: &'static str,
        /// The service shape's name, e.g. `AmazonEC2ContainerRegistry_V20150921`.
        target_prefix: &'static str,
    },
}

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
    /// The wire protocol.
    pub protocol: Protocol,
}

/// A successful response.
#[derive(Debug)]
pub struct Response {
    body: Bytes,
    request_id: Option<String>,
}

impl Response {
    /// Decodes the JSON body (an empty body is an empty object).
    pub fn decode_json<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return serde_json::from_slice(b"{}");
        }
        serde_json::from_slice(&self.body)
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// Shared state of a client.
pub struct Handle {
    config: Config,
    service: &'static ServiceMetadata,
    http: Arc<dyn HttpClient>,
    endpoint: Result<http::Uri, String>,
    user_agent: String,
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

impl Handle {
    /// A handle for `service` with `config`. Problems with the endpoint or
    /// credentials are reported by the first call, as construction errors.
    pub fn new(config: Config, service: &'static ServiceMetadata) -> Self {
        let http = config.http_client();
        let endpoint = resolve_endpoint(&config, service);
        let user_agent = format!(
            "apigen-runtime/{} api/{}/{} os/{} lang/rust{}",
            env!("CARGO_PKG_VERSION"),
            service.sdk_id.to_ascii_lowercase().replace(' ', "-"),
            service.api_version,
            std::env::consts::OS,
            config
                .app_name
                .as_deref()
                .map(|a| format!(" app/{a}"))
                .unwrap_or_default()
        );
        Handle {
            config,
            service,
            http,
            endpoint,
            user_agent,
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends an AWS JSON operation: `operation` is its name, `body` the JSON input.
    pub async fn send_aws_json(
        &self,
        operation: &'static str,
        body: Vec<u8>,
    ) -> Result<Response, SdkError<RawServiceError>> {
        let Protocol::AwsJson {
            version,
            target_prefix,
        } = self.service.protocol;
        let endpoint = self.endpoint.clone().map_err(SdkError::construction)?;
        let target = format!("{target_prefix}.{operation}");
        let request = protocol::aws_json::build_request(&endpoint, version, &target, body)
            .map_err(SdkError::construction)?;
        let span = tracing::debug_span!("operation", service = self.service.sdk_id, operation);
        let call = self.call(request, protocol::aws_json::parse_error);
        match self.config.timeouts.operation {
            Some(limit) => match tokio::time::timeout(limit, call).instrument(span).await {
                Ok(r) => r,
                Err(_) => Err(SdkError::Timeout(TimeoutError::new("operation", limit))),
            },
            None => call.instrument(span).await,
        }
    }

    /// Signs and sends with retries.
    async fn call(
        &self,
        mut request: http::Request<Bytes>,
        parse_error: fn(&http::Response<Bytes>) -> RawServiceError,
    ) -> Result<Response, SdkError<RawServiceError>> {
        let region = self.config.region.as_deref().unwrap_or("us-east-1");
        let credentials =
            match (&self.config.credentials, &self.config.credentials_error) {
                (Some(c), _) => c.clone(),
                (None, Some(e)) => return Err(SdkError::construction(e.clone())),
                (None, None) => return Err(SdkError::construction(
                    "no credentials configured: set them on the config or use Config::from_env()",
                )),
            };
        request.headers_mut().insert(
            http::header::USER_AGENT,
            http::HeaderValue::from_str(&self.user_agent)
                .unwrap_or(http::HeaderValue::from_static("apigen-runtime")),
        );
        let retry = self.config.retry;
        let started = Instant::now();
        let mut attempt = 1;
        loop {
            let mut attempt_request = request.clone();
            sigv4::sign(
                &mut attempt_request,
                &sigv4::SigningParams {
                    credentials: &credentials,
                    region,
                    service: self.service.signing_name,
                    time: DateTime::now(),
                },
            );
            let span = tracing::debug_span!("attempt", attempt);
            let outcome = self.attempt(attempt_request).instrument(span).await;
            let retryable = match &outcome {
                Ok(response) if response.status().is_success() => false,
                Ok(response) => parse_error(response).is_retryable(),
                Err(SdkError::Transport(e)) => e.is_transient(),
                Err(SdkError::Timeout(_)) => true,
                Err(_) => false,
            };
            if !retryable || attempt >= retry.max_attempts.max(1) {
                tracing::debug!(
                    attempts = attempt,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "call finished"
                );
                return finish(outcome?, parse_error);
            }
            let delay = retry::backoff(
                retry.base_delay,
                retry.max_delay,
                attempt,
                retry::random_unit(),
            );
            tracing::debug!(attempt, ?delay, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        request: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, SdkError<RawServiceError>> {
        let send = self.http.send(request);
        match self.config.timeouts.attempt {
            Some(limit) => match tokio::time::timeout(limit, send).await {
                Ok(r) => r.map_err(SdkError::Transport),
                Err(_) => Err(SdkError::Timeout(TimeoutError::new("attempt", limit))),
            },
            None => send.await.map_err(SdkError::Transport),
        }
    }
}

fn finish(
    response: http::Response<Bytes>,
    parse_error: fn(&http::Response<Bytes>) -> RawServiceError,
) -> Result<Response, SdkError<RawServiceError>> {
    let request_id = protocol::aws_json::request_id(&response);
    if response.status().is_success() {
        return Ok(Response {
            body: response.into_body(),
            request_id,
        });
    }
    let raw = parse_error(&response);
    let status = raw.status();
    Err(service_error(raw, status, request_id))
}

/// Explicit endpoint, then `AWS_ENDPOINT_URL_<SDK_ID>`, then the regional default.
fn resolve_endpoint(config: &Config, service: &ServiceMetadata) -> Result<http::Uri, String> {
    let env_name = format!(
        "AWS_ENDPOINT_URL_{}",
        service.sdk_id.to_ascii_uppercase().replace([' ', '-'], "_")
    );
    let url = match config.endpoint_url.clone() {
        Some(u) => u,
        None => match std::env::var(&env_name).ok().filter(|v| !v.is_empty()) {
            Some(u) => u,
            None => {
                let region = config.region.as_deref().ok_or_else(|| {
                    format!("no region: set one on the config, or AWS_REGION, or give an endpoint URL ({env_name})")
                })?;
                format!("https://{}.{region}.amazonaws.com", service.endpoint_prefix)
            }
        },
    };
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("invalid endpoint URL {url:?}: {e}"))?;
    if uri.scheme().is_none() || uri.authority().is_none() {
        return Err(format!(
            "invalid endpoint URL {url:?}: it needs a scheme and a host"
        ));
    }
    Ok(uri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::BoxFuture;
    use crate::TransportError;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;

    static SERVICE: ServiceMetadata = ServiceMetadata {
        sdk_id: "ECR",
        api_version: "2015-09-21",
        endpoint_prefix: "api.ecr",
        signing_name: "ecr",
        protocol: Protocol::AwsJson {
            version: "1.1",
            target_prefix: "Svc",
        },
    };

    /// Answers from a script of (status, body) and counts calls.
    struct Scripted {
        script: Mutex<Vec<(u16, &'static str)>>,
        calls: AtomicUsize,
    }

    impl HttpClient for Scripted {
        fn send(
            &self,
            request: http::Request<Bytes>,
        ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            assert!(request.headers().contains_key("authorization"));
            let (status, body) = self.script.lock().unwrap().remove(0);
            Box::pin(async move {
                Ok(http::Response::builder()
                    .status(status)
                    .body(Bytes::from(body))
                    .unwrap())
            })
        }
    }

    fn handle(script: Vec<(u16, &'static str)>) -> (Handle, Arc<Scripted>) {
        let http = Arc::new(Scripted {
            script: Mutex::new(script),
            calls: AtomicUsize::new(0),
        });
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("http://localhost:1")
            .credentials(crate::Credentials::new("AK", "SK", None))
            .retry(crate::RetryConfig {
                base_delay: std::time::Duration::from_millis(1),
                ..Default::default()
            })
            .http_client(http.clone())
            .build();
        (Handle::new(config, &SERVICE), http)
    }

    #[tokio::test]
    async fn retries_5xx_then_succeeds() {
        let (h, http) = handle(vec![(500, "{}"), (503, "{}"), (200, r#"{"ok":true}"#)]);
        let r = h.send_aws_json("Op", b"{}".to_vec()).await.unwrap();
        assert_eq!(r.body(), br#"{"ok":true}"#);
        assert_eq!(http.calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn gives_up_after_three_attempts() {
        let (h, http) = handle(vec![(400, r#"{"__type":"ThrottlingException"}"#); 5]);
        let e = h.send_aws_json("Op", b"{}".to_vec()).await.unwrap_err();
        assert_eq!(e.as_service_error().unwrap().code(), "ThrottlingException");
        assert_eq!(http.calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn never_retries_other_4xx() {
        let (h, http) = handle(vec![
            (
                400,
                r#"{"__type":"ns#RepositoryNotFoundException","message":"no"}"#,
            ),
            (200, "{}"),
        ]);
        let e = h.send_aws_json("Op", b"{}".to_vec()).await.unwrap_err();
        let raw = e.into_service_error().unwrap();
        assert_eq!(
            (raw.code(), raw.message()),
            ("RepositoryNotFoundException", Some("no"))
        );
        assert_eq!(http.calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn attempt_timeout_against_a_server_that_never_answers() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let accepted = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((s, _)) = listener.accept().await {
                held.push(s);
            }
        });
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url(format!("http://{addr}"))
            .credentials(crate::Credentials::new("AK", "SK", None))
            .timeouts(crate::Timeouts {
                attempt: Some(std::time::Duration::from_millis(100)),
                ..Default::default()
            })
            .retry(crate::RetryConfig {
                max_attempts: 2,
                base_delay: std::time::Duration::from_millis(1),
                ..Default::default()
            })
            .build();
        let h = Handle::new(config, &SERVICE);
        let started = Instant::now();
        let e = h.send_aws_json("Op", b"{}".to_vec()).await.unwrap_err();
        assert!(matches!(e, SdkError::Timeout(_)), "{e}");
        assert!(started.elapsed() >= std::time::Duration::from_millis(200));
        accepted.abort();
    }

    #[test]
    fn endpoint_resolution() {
        let c = Config::builder().region("eu-west-1").build();
        assert_eq!(
            resolve_endpoint(&c, &SERVICE).unwrap().to_string(),
            "https://api.ecr.eu-west-1.amazonaws.com/"
        );
        let c = Config::builder().endpoint_url("not a url").build();
        assert!(resolve_endpoint(&c, &SERVICE)
            .unwrap_err()
            .contains("invalid endpoint"));
    }
}
