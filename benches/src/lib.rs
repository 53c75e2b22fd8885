//! Shared pieces of the benchmarks: deterministic response bodies, the two
//! clients over an in-memory transport or a loopback endpoint, and a small
//! keep-alive HTTP/1.1 server.
//!
//! Both in-memory transports do the same thing: hand back a clone of one
//! prepared `Bytes` body (a reference-count increment) with the same three
//! headers, so the measured difference is the clients' own work.

use bytes::Bytes;
use std::fmt::Write as _;
use std::sync::Arc;

pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
pub const REQUEST_ID: &str = "5f1c7d2e-9a3b-4c8d-8e7f-0a1b2c3d4e5f";
pub const ACCESS_KEY: &str = "AKIDEXAMPLE";
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A small deterministic generator (xorshift64*), so the body is the same
/// on every run and every machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn hex(&mut self, out: &mut String, digits: usize) {
        let mut left = digits;
        while left > 0 {
            let v = self.next();
            let n = left.min(16);
            let _ = write!(out, "{:016x}", v);
            out.truncate(out.len() - (16 - n));
            left -= n;
        }
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A fractional epoch-seconds timestamp as AWS JSON protocols send it.
fn epoch(out: &mut String, rng: &mut Rng, base: u64) {
    let secs = base + rng.below(10_000_000);
    let millis = rng.below(1000);
    let _ = write!(out, "{secs}.{millis:03}");
}

/// A `DescribeImages` response with `n` `imageDetails`, every member of
/// `ImageDetail` filled (all 15, including the newer `subjectManifestDigest`,
/// `imageStatus`, `lastArchivedAt` and `lastActivatedAt`), four tags each,
/// and a `nextToken`. With n = 1000 it is 981,468 bytes.
pub fn describe_images_body(n: usize) -> Bytes {
    const STATUSES: [(&str, &str); 3] = [
        ("COMPLETE", "The scan was completed successfully."),
        ("ACTIVE", "Continuous scanning is active for this image."),
        (
            "FAILED",
            "UnsupportedImageError: the operating system is not supported.",
        ),
    ];
    const MEDIA: [(&str, &str); 2] = [
        (
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.container.image.v1+json",
        ),
        (
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.config.v1+json",
        ),
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut s = String::with_capacity(n * 800 + 64);
    s.push_str("{\"imageDetails\":[");
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let (status, description) = STATUSES[i % STATUSES.len()];
        let (manifest, artifact) = MEDIA[i % MEDIA.len()];
        s.push_str("{\"registryId\":\"123456789012\"");
        let _ = write!(s, ",\"repositoryName\":\"platform/service-{:04}\"", i % 37);
        s.push_str(",\"imageDigest\":\"sha256:");
        rng.hex(&mut s, 64);
        let _ = write!(
            s,
            "\",\"imageTags\":[\"v{}.{}.{}\",\"build-{:06}\",\"git-",
            1 + i % 3,
            i % 17,
            i % 101,
            100_000 + i
        );
        rng.hex(&mut s, 12);
        let _ = write!(
            s,
            "\",\"release-2024-{:02}-{:02}\"]",
            1 + i % 12,
            1 + i % 28
        );
        let _ = write!(
            s,
            ",\"imageSizeInBytes\":{}",
            20_000_000 + rng.below(900_000_000)
        );
        s.push_str(",\"imagePushedAt\":");
        epoch(&mut s, &mut rng, 1_700_000_000);
        let _ = write!(
            s,
            ",\"imageScanStatus\":{{\"status\":\"{status}\",\"description\":\"{description}\"}}"
        );
        s.push_str(",\"imageScanFindingsSummary\":{\"imageScanCompletedAt\":");
        epoch(&mut s, &mut rng, 1_710_000_000);
        s.push_str(",\"vulnerabilitySourceUpdatedAt\":");
        epoch(&mut s, &mut rng, 1_709_000_000);
        let _ = write!(
            s,
            ",\"findingSeverityCounts\":{{\"CRITICAL\":{},\"HIGH\":{},\"MEDIUM\":{},\"LOW\":{},\"INFORMATIONAL\":{},\"UNDEFINED\":{}}}}}",
            rng.below(4),
            rng.below(20),
            rng.below(60),
            rng.below(120),
            rng.below(40),
            rng.below(3)
        );
        let _ = write!(
            s,
            ",\"imageManifestMediaType\":\"{manifest}\",\"artifactMediaType\":\"{artifact}\""
        );
        s.push_str(",\"lastRecordedPullTime\":");
        epoch(&mut s, &mut rng, 1_720_000_000);
        s.push_str(",\"subjectManifestDigest\":\"sha256:");
        rng.hex(&mut s, 64);
        s.push_str("\",\"imageStatus\":\"ACTIVE\",\"lastArchivedAt\":");
        epoch(&mut s, &mut rng, 1_715_000_000);
        s.push_str(",\"lastActivatedAt\":");
        epoch(&mut s, &mut rng, 1_716_000_000);
        s.push('}');
    }
    s.push_str("],\"nextToken\":\"");
    rng.hex(&mut s, 96);
    s.push_str("\"}");
    Bytes::from(s)
}

/// A small `DescribeRepositories` response: one repository, every member.
pub fn describe_repositories_body() -> Bytes {
    Bytes::from_static(
        br#"{"repositories":[{"repositoryArn":"arn:aws:ecr:us-east-1:123456789012:repository/platform/service","registryId":"123456789012","repositoryName":"platform/service","repositoryUri":"123456789012.dkr.ecr.us-east-1.amazonaws.com/platform/service","createdAt":1700000000.123,"imageTagMutability":"MUTABLE","imageScanningConfiguration":{"scanOnPush":true},"encryptionConfiguration":{"encryptionType":"AES256"}}]}"#,
    )
}

// ---------------------------------------------------------------- ours

/// apigen's in-memory transport: the same fixed response (body and content
/// type) for every request.
struct OursStatic(Bytes, &'static str);

impl apigen_runtime::http::HttpClient for OursStatic {
    fn send(
        &self,
        _request: http::Request<Bytes>,
    ) -> apigen_runtime::http::BoxFuture<
        '_,
        Result<http::Response<Bytes>, apigen_runtime::TransportError>,
    > {
        let response = http::Response::builder()
            .status(200)
            .header("content-type", self.1)
            .header("content-length", self.0.len())
            .header("x-amzn-requestid", REQUEST_ID)
            .body(self.0.clone())
            .expect("a valid response");
        Box::pin(std::future::ready(Ok(response)))
    }
}

fn ours_builder() -> apigen_runtime::ConfigBuilder {
    ecr::Config::builder()
        .region("us-east-1")
        .credentials(apigen_runtime::Credentials::new(
            ACCESS_KEY, SECRET_KEY, None,
        ))
}

/// Our client answering every call with `body`, on its default endpoint.
pub fn ours_in_memory(body: Bytes) -> ecr::Client {
    let config = ours_builder()
        .http_client(Arc::new(OursStatic(body, CONTENT_TYPE)))
        .build();
    ecr::Client::from_conf(config)
}

/// Our client with its default HTTP client, pointed at `endpoint`.
pub fn ours_at(endpoint: &str) -> ecr::Client {
    ecr::Client::from_conf(ours_builder().endpoint_url(endpoint).build())
}

// ---------------------------------------------------------------- aws-sdk-ecr

mod aws_static {
    use aws_smithy_runtime_api::client::http::{
        HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
    };
    use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
    use aws_smithy_runtime_api::http::{Response, StatusCode};
    use aws_smithy_types::body::SdkBody;
    use bytes::Bytes;

    /// aws-sdk-ecr's in-memory transport: the same fixed response for every
    /// request (its `HttpClient` hands out one shared connector).
    #[derive(Clone, Debug)]
    pub struct AwsStatic(pub Bytes, pub &'static str);

    impl HttpConnector for AwsStatic {
        fn call(&self, _request: HttpRequest) -> HttpConnectorFuture {
            let mut response = Response::new(
                StatusCode::try_from(200).expect("200"),
                SdkBody::from(self.0.clone()),
            );
            let headers = response.headers_mut();
            headers.insert("content-type", self.1);
            headers.insert("content-length", self.0.len().to_string());
            headers.insert("x-amzn-requestid", super::REQUEST_ID);
            HttpConnectorFuture::ready(Ok(response))
        }
    }

    #[derive(Debug)]
    pub struct AwsStaticClient(pub SharedHttpConnector);

    impl HttpClient for AwsStaticClient {
        fn http_connector(
            &self,
            _settings: &HttpConnectorSettings,
            _components: &RuntimeComponents,
        ) -> SharedHttpConnector {
            self.0.clone()
        }
    }
}

fn aws_builder() -> aws_sdk_ecr::config::Builder {
    aws_sdk_ecr::Config::builder()
        .behavior_version(aws_sdk_ecr::config::BehaviorVersion::latest())
        .region(aws_sdk_ecr::config::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new(
            ACCESS_KEY, SECRET_KEY, None, None, "bench",
        ))
}

/// aws-sdk-ecr answering every call with `body`, on its default endpoint.
pub fn aws_in_memory(body: Bytes) -> aws_sdk_ecr::Client {
    use aws_smithy_runtime_api::client::http::SharedHttpConnector;
    let connector = SharedHttpConnector::new(aws_static::AwsStatic(body, CONTENT_TYPE));
    let config = aws_builder()
        .http_client(aws_static::AwsStaticClient(connector))
        .build();
    aws_sdk_ecr::Client::from_conf(config)
}

/// aws-sdk-ecr with its default HTTP client, pointed at `endpoint`.
pub fn aws_at(endpoint: &str) -> aws_sdk_ecr::Client {
    aws_sdk_ecr::Client::from_conf(aws_builder().endpoint_url(endpoint).build())
}

// ---------------------------------------------------------------- server

/// A keep-alive HTTP/1.1 server on 127.0.0.1 answering every request with
/// `body` (status 200, JSON content type). It runs on its own thread with a
/// single-threaded runtime and lives until the process exits. Returns the
/// endpoint URL.
pub fn spawn_server(body: Bytes) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    std_listener.set_nonblocking(true).expect("non-blocking");
    let addr = std_listener.local_addr().expect("local address");
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: {CONTENT_TYPE}\r\nx-amzn-requestid: {REQUEST_ID}\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    let response: Arc<[u8]> = response.into();
    std::thread::Builder::new()
        .name("loopback-server".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener).expect("listener");
                loop {
                    let Ok((mut stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    let response = response.clone();
                    tokio::spawn(async move {
                        let mut buf = Vec::with_capacity(8192);
                        let mut chunk = [0u8; 8192];
                        loop {
                            // One request: headers up to the blank line, then
                            // content-length bytes of body.
                            let (head_end, body_len) = loop {
                                if let Some(end) = find_head_end(&buf) {
                                    break (end, content_length(&buf[..end]));
                                }
                                match stream.read(&mut chunk).await {
                                    Ok(0) | Err(_) => return,
                                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                                }
                            };
                            while buf.len() < head_end + body_len {
                                match stream.read(&mut chunk).await {
                                    Ok(0) | Err(_) => return,
                                    Ok(n) => buf.extend_from_slice(&chunk[..n]),
                                }
                            }
                            buf.drain(..head_end + body_len);
                            if stream.write_all(&response).await.is_err() {
                                return;
                            }
                        }
                    });
                }
            });
        })
        .expect("server thread");
    format!("http://{addr}")
}

fn find_head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4)
}

fn content_length(head: &[u8]) -> usize {
    let head = String::from_utf8_lossy(head);
    head.split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0)
}

/// A single-threaded runtime for the client side of a benchmark.
pub fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime")
}

#[cfg(test)]
mod tests {
    #[test]
    fn body_is_about_980_kb_and_valid_json() {
        let body = super::describe_images_body(1000);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["imageDetails"].as_array().unwrap().len(), 1000);
        assert!((950_000..1_000_000).contains(&body.len()), "{}", body.len());
    }
}

/// One case of a paired measurement: a name and a function timing `n` calls.
pub type Case<'a> = (&'a str, &'a mut dyn FnMut(u64) -> std::time::Duration);

/// Interleaved measurement, robust to this machine's load swings: `rounds`
/// rounds, each timing `batch` calls of every case back to back (the order
/// rotating every round, one untimed call before each batch), so each round
/// compares the cases under the same conditions. Prints, per case, the median time per call over the rounds,
/// and the median over rounds of each case's time relative to the second
/// case (aws-sdk-ecr by convention), as `paired|group|case|median|ratio`.
///
/// Skipped when `NO_PAIRED` is set (e.g. to profile one case with
/// criterion's `--profile-time`).
pub fn paired(group: &str, rounds: usize, batch: u64, cases: &mut [Case<'_>]) {
    if std::env::var_os("NO_PAIRED").is_some() {
        return;
    }
    let k = cases.len();
    let mut per_call: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); k];
    for round in 0..rounds {
        let mut this = vec![0.0; k];
        for j in 0..k {
            let i = (round + j) % k;
            // One untimed call first: the previous case left the heap (and
            // caches) in its own state, and the first call after a switch
            // pays for that transition, whichever client it is.
            (cases[i].1)(1);
            let elapsed = (cases[i].1)(batch);
            this[i] = elapsed.as_secs_f64() / batch as f64;
        }
        for i in 0..k {
            per_call[i].push(this[i]);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
        v[v.len() / 2]
    };
    println!("paired {group}: {rounds} rounds x {batch} calls per case, order rotating");
    for i in 0..k {
        let mut ratios: Vec<f64> = (0..rounds)
            .map(|r| per_call[i][r] / per_call[1.min(k - 1)][r])
            .collect();
        let mut own = per_call[i].clone();
        let m = median(&mut own);
        let q1 = own[own.len() / 4];
        let q3 = own[own.len() * 3 / 4];
        let ratio = median(&mut ratios);
        println!(
            "paired|{group}|{}|{:.3}|{:.4}|{:.3}|{:.3}",
            cases[i].0,
            m * 1e6,
            ratio,
            q1 * 1e6,
            q3 * 1e6
        );
    }
}

// ---------------------------------------------------------------- REST (Lambda)

/// The content type of a restJson1 response.
pub const REST_CONTENT_TYPE: &str = "application/json";

/// A small GetFunctionConfiguration answer (~330 B).
pub fn function_configuration_body() -> Bytes {
    Bytes::from_static(
        br#"{"FunctionName":"bench","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:bench","Runtime":"python3.12","Role":"arn:aws:iam::123456789012:role/bench","Handler":"app.handler","CodeSize":1024,"Timeout":3,"MemorySize":128,"LastModified":"2026-12-03T10:00:00.000+0000","Version":"$LATEST","State":"Active","PackageType":"Zip"}"#,
    )
}

/// Our Lambda client (generated from the official model by
/// `benches/run.sh`) answering every call with `body`.
pub fn ours_lambda_in_memory(body: Bytes) -> lambda::Client {
    let config = ours_builder()
        .http_client(Arc::new(OursStatic(body, REST_CONTENT_TYPE)))
        .build();
    lambda::Client::from_conf(config)
}

/// aws-sdk-lambda answering every call with `body`.
pub fn aws_lambda_in_memory(body: Bytes) -> aws_sdk_lambda::Client {
    use aws_smithy_runtime_api::client::http::SharedHttpConnector;
    let connector = SharedHttpConnector::new(aws_static::AwsStatic(body, REST_CONTENT_TYPE));
    let config = aws_sdk_lambda::Config::builder()
        .behavior_version(aws_sdk_lambda::config::BehaviorVersion::latest())
        .region(aws_sdk_lambda::config::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new(
            ACCESS_KEY, SECRET_KEY, None, None, "bench",
        ))
        .http_client(aws_static::AwsStaticClient(connector))
        .build();
    aws_sdk_lambda::Client::from_conf(config)
}
