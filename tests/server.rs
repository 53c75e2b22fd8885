//! The generated server side: a fake ECR behind the generated router,
//! called by the generated client in process and over TCP, and a corpus of
//! malformed requests sent raw, each answered with the status and `__type`
//! AWS JSON clients expect.
#![cfg(feature = "server")]

use apigen_runtime::bytes::Bytes;
use apigen_runtime::http::HttpClient as _;
use apigen_runtime::server::{self, RequestContext};
use ecr::operation::create_repository::{
    CreateRepositoryError, CreateRepositoryInput, CreateRepositoryOutput,
};
use ecr::operation::delete_repository::{
    DeleteRepositoryError, DeleteRepositoryInput, DeleteRepositoryOutput,
};
use ecr::operation::describe_repositories::{
    DescribeRepositoriesError, DescribeRepositoriesInput, DescribeRepositoriesOutput,
};
use ecr::server::{Ecr, EcrRouter};
use ecr::types::error::{RepositoryAlreadyExistsException, RepositoryNotFoundException};
use ecr::types::Repository;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// Repositories by name; `DeleteRepository` of `boom` panics.
#[derive(Default)]
struct FakeEcr {
    repositories: Mutex<BTreeMap<String, Repository>>,
}

impl Ecr for FakeEcr {
    async fn create_repository(
        &self,
        input: CreateRepositoryInput,
        context: RequestContext,
    ) -> Result<CreateRepositoryOutput, CreateRepositoryError> {
        assert_eq!(context.request_id().len(), 36);
        let name = input.repository_name.unwrap_or_default();
        let mut repos = self.repositories.lock().unwrap();
        if repos.contains_key(&name) {
            return Err(CreateRepositoryError::RepositoryAlreadyExistsException(
                RepositoryAlreadyExistsException::builder()
                    .message(format!("The repository with name '{name}' already exists"))
                    .build(),
            ));
        }
        let repository = Repository::builder()
            .repository_name(&name)
            .registry_id("123456789012")
            .repository_arn(format!(
                "arn:aws:ecr:us-east-1:123456789012:repository/{name}"
            ))
            .build();
        repos.insert(name, repository.clone());
        Ok(CreateRepositoryOutput::builder()
            .repository(repository)
            .build())
    }

    async fn describe_repositories(
        &self,
        input: DescribeRepositoriesInput,
        _: RequestContext,
    ) -> Result<DescribeRepositoriesOutput, DescribeRepositoriesError> {
        let repos = self.repositories.lock().unwrap();
        let mut found = Vec::new();
        for name in input.repository_names.unwrap_or_default() {
            match repos.get(&name) {
                Some(r) => found.push(r.clone()),
                None => {
                    return Err(DescribeRepositoriesError::RepositoryNotFoundException(
                        RepositoryNotFoundException::builder()
                            .message(format!("The repository with name '{name}' does not exist"))
                            .build(),
                    ))
                }
            }
        }
        Ok(DescribeRepositoriesOutput::builder()
            .set_repositories(Some(found))
            .build())
    }

    async fn delete_repository(
        &self,
        input: DeleteRepositoryInput,
        _: RequestContext,
    ) -> Result<DeleteRepositoryOutput, DeleteRepositoryError> {
        if input.repository_name.as_deref() == Some("boom") {
            panic!("a bug in the implementation");
        }
        Ok(DeleteRepositoryOutput::builder().build())
    }
}

/// The calls every binding must get right, with typed outputs and errors.
async fn exercise(client: &ecr::Client) {
    let created = client
        .create_repository()
        .repository_name("team/app")
        .send()
        .await
        .expect("created");
    assert_eq!(
        created.repository().unwrap().repository_name(),
        Some("team/app")
    );
    let again = client
        .create_repository()
        .repository_name("team/app")
        .send()
        .await
        .expect_err("exists");
    let service = again.into_service_error().expect("a modeled error");
    assert!(
        matches!(service, CreateRepositoryError::RepositoryAlreadyExistsException(ref e)
            if e.message() == Some("The repository with name 'team/app' already exists")),
        "{service:?}"
    );
    let described = client
        .describe_repositories()
        .repository_names("team/app")
        .send()
        .await
        .unwrap();
    assert_eq!(described.repositories().len(), 1);
    let missing = client
        .describe_repositories()
        .repository_names("nope")
        .send()
        .await
        .expect_err("not found")
        .into_service_error()
        .unwrap();
    assert!(missing.is_repository_not_found_exception(), "{missing:?}");

    // The client's own validation is off by default, so the server's runs:
    // a name too short (and without a lowercase letter for the pattern,
    // which Smithy leaves unanchored) is ECR's InvalidParameterException
    // naming the member.
    let invalid = client
        .create_repository()
        .repository_name("X")
        .send()
        .await
        .expect_err("invalid name")
        .into_service_error()
        .unwrap();
    match &invalid {
        CreateRepositoryError::InvalidParameterException(e) => {
            let message = e.message().unwrap();
            assert!(message.contains("/repositoryName"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }

    // Operations the fake leaves out answer NotImplemented (501).
    let err = client
        .list_images()
        .repository_name("team/app")
        .send()
        .await
        .expect_err("not implemented");
    let meta = err.into_service_error().unwrap();
    assert_eq!(meta.code(), Some("NotImplemented"), "{meta:?}");

    // A panic is a 500 InternalFailure, and the server goes on.
    let err = client
        .delete_repository()
        .repository_name("boom")
        .send()
        .await
        .expect_err("panics");
    let raw = err.into_service_error().unwrap();
    assert_eq!(raw.code(), Some("InternalFailure"), "{raw:?}");
    client
        .delete_repository()
        .repository_name("team/app")
        .send()
        .await
        .expect("still serving");
}

fn no_retries() -> ecr::Config {
    ecr::Config::builder()
        .retry(apigen_runtime::RetryConfig::disabled())
        .build()
}

#[tokio::test]
async fn an_in_process_client_calls_the_implementation() {
    let client = ecr::Client::in_process(FakeEcr::default(), no_retries());
    exercise(&client).await;
}

/// The fake served on a loopback port, with the shutdown trigger.
async fn start() -> (
    std::net::SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let options = server::ServerOptions {
        body_limit: 64 * 1024,
        ..Default::default()
    };
    let router = EcrRouter::with_options(FakeEcr::default(), options);
    let task = tokio::spawn(server::serve(
        listener,
        router,
        server::ServeOptions::default(),
        async {
            let _ = stopped.await;
        },
    ));
    (addr, stop, task)
}

#[tokio::test]
async fn a_client_calls_the_router_over_tcp_until_shutdown() {
    let (addr, stop, task) = start().await;
    let config = no_retries()
        .to_builder()
        .endpoint_url(format!("http://{addr}"))
        .region("us-east-1")
        .credentials(apigen_runtime::Credentials::new("AK", "SK", None))
        .build();
    let client = ecr::Client::from_conf(config);
    exercise(&client).await;
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

const TARGET: &str = "AmazonEC2ContainerRegistry_V20150921";
const JSON: &str = "application/x-amz-json-1.1";

struct Malformed {
    name: &'static str,
    method: &'static str,
    target: Option<String>,
    content_type: Option<&'static str>,
    content_encoding: Option<&'static str>,
    body: Vec<u8>,
    status: u16,
    code: &'static str,
}

fn case(name: &'static str, op: &str, body: &str, status: u16, code: &'static str) -> Malformed {
    Malformed {
        name,
        method: "POST",
        target: Some(format!("{TARGET}.{op}")),
        content_type: Some(JSON),
        content_encoding: None,
        body: body.as_bytes().to_vec(),
        status,
        code,
    }
}

fn corpus() -> Vec<Malformed> {
    let mut cases = vec![
        case(
            "truncated JSON",
            "CreateRepository",
            r#"{"repositoryName":"a"#,
            400,
            "SerializationException",
        ),
        case(
            "not JSON",
            "CreateRepository",
            "hello",
            400,
            "SerializationException",
        ),
        case(
            "trailing garbage",
            "CreateRepository",
            r#"{"repositoryName":"ab"} x"#,
            400,
            "SerializationException",
        ),
        case(
            "an array body",
            "CreateRepository",
            "[]",
            400,
            "SerializationException",
        ),
        case(
            "a string body",
            "CreateRepository",
            r#""x""#,
            400,
            "SerializationException",
        ),
        case(
            "name is a number",
            "CreateRepository",
            r#"{"repositoryName":5}"#,
            400,
            "SerializationException",
        ),
        case(
            "tags is an object",
            "CreateRepository",
            r#"{"repositoryName":"ab","tags":{}}"#,
            400,
            "SerializationException",
        ),
        case(
            "maxResults is a string",
            "DescribeRepositories",
            r#"{"maxResults":"5"}"#,
            400,
            "SerializationException",
        ),
        case(
            "maxResults is fractional",
            "DescribeRepositories",
            r#"{"maxResults":1.5}"#,
            400,
            "SerializationException",
        ),
        case(
            "maxResults overflows i32",
            "DescribeRepositories",
            r#"{"maxResults":99999999999}"#,
            400,
            "SerializationException",
        ),
        case(
            "duplicate key",
            "CreateRepository",
            r#"{"repositoryName":"ab","repositoryName":"cd"}"#,
            400,
            "SerializationException",
        ),
        case(
            "duplicate nested key",
            "CreateRepository",
            r#"{"repositoryName":"ab","tags":[{"Key":"a","Key":"b"}]}"#,
            400,
            "SerializationException",
        ),
        case(
            "invalid UTF-8",
            "CreateRepository",
            "",
            400,
            "SerializationException",
        ),
        case(
            "lone surrogate",
            "CreateRepository",
            r#"{"repositoryName":"\ud800"}"#,
            400,
            "SerializationException",
        ),
        case(
            "nesting past the limit",
            "CreateRepository",
            &format!("{}{}", "[".repeat(200), "]".repeat(200)),
            400,
            "SerializationException",
        ),
        case(
            "missing required name",
            "CreateRepository",
            "{}",
            400,
            "InvalidParameterException",
        ),
        case(
            "name too short",
            "CreateRepository",
            r#"{"repositoryName":"a"}"#,
            400,
            "InvalidParameterException",
        ),
        case(
            "name breaks the pattern",
            "CreateRepository",
            r#"{"repositoryName":"UPPER"}"#,
            400,
            "InvalidParameterException",
        ),
        case(
            "maxResults out of range",
            "DescribeRepositories",
            r#"{"maxResults":0}"#,
            400,
            "InvalidParameterException",
        ),
        case(
            "unknown enum value",
            "CreateRepository",
            r#"{"repositoryName":"ab","imageTagMutability":"SOMETIMES"}"#,
            400,
            "InvalidParameterException",
        ),
        case(
            "registry id breaks the pattern",
            "DescribeRepositories",
            r#"{"registryId":"12"}"#,
            400,
            "InvalidParameterException",
        ),
        case(
            "unknown operation",
            "FlyToTheMoon",
            "{}",
            400,
            "UnknownOperationException",
        ),
        case(
            "empty operation name",
            "",
            "{}",
            400,
            "UnknownOperationException",
        ),
    ];
    cases[12].body = b"{\"repositoryName\":\"\xff\xfe\"}".to_vec();
    cases.extend([
        Malformed {
            name: "no target header",
            target: None,
            ..case("", "", "{}", 400, "UnknownOperationException")
        },
        Malformed {
            name: "another service's target",
            target: Some("DynamoDB_20120810.ListTables".into()),
            ..case("", "", "{}", 400, "UnknownOperationException")
        },
        Malformed {
            name: "wrong content type",
            content_type: Some("application/json"),
            ..case(
                "",
                "CreateRepository",
                r#"{"repositoryName":"ab"}"#,
                415,
                "UnsupportedMediaTypeException",
            )
        },
        Malformed {
            name: "AWS JSON 1.0 content type",
            content_type: Some("application/x-amz-json-1.0"),
            ..case(
                "",
                "CreateRepository",
                r#"{"repositoryName":"ab"}"#,
                415,
                "UnsupportedMediaTypeException",
            )
        },
        Malformed {
            name: "no content type",
            content_type: None,
            ..case(
                "",
                "CreateRepository",
                r#"{"repositoryName":"ab"}"#,
                415,
                "UnsupportedMediaTypeException",
            )
        },
        Malformed {
            name: "a body that says gzip and is not",
            content_encoding: Some("gzip"),
            ..case(
                "",
                "CreateRepository",
                r#"{"repositoryName":"ab"}"#,
                400,
                "SerializationException",
            )
        },
        Malformed {
            name: "an encoding the server does not know",
            content_encoding: Some("br"),
            ..case(
                "",
                "CreateRepository",
                r#"{"repositoryName":"ab"}"#,
                415,
                "UnsupportedMediaTypeException",
            )
        },
        Malformed {
            name: "gzip that inflates past the body limit",
            content_encoding: Some("gzip"),
            body: apigen_runtime::compression::gzip(&vec![b' '; 1 << 20]),
            ..case("", "CreateRepository", "", 400, "SerializationException")
        },
        Malformed {
            name: "GET",
            method: "GET",
            ..case("", "CreateRepository", "", 405, "UnknownOperationException")
        },
        Malformed {
            name: "oversized body",
            body: format!(r#"{{"repositoryName":"ab","x":"{}"}}"#, "y".repeat(100_000))
                .into_bytes(),
            ..case(
                "",
                "CreateRepository",
                "",
                413,
                "RequestEntityTooLargeException",
            )
        },
    ]);
    cases
}

#[tokio::test]
async fn malformed_requests_get_the_protocol_error_they_deserve() {
    let (addr, stop, task) = start().await;
    let http = apigen_runtime::http::HyperClient::new(std::time::Duration::from_secs(5));
    let cases = corpus();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let mut request = apigen_runtime::http_types::Request::builder()
            .method(c.method)
            .uri(format!("http://{addr}/"));
        if let Some(t) = &c.target {
            request = request.header("x-amz-target", t);
        }
        if let Some(t) = c.content_type {
            request = request.header("content-type", t);
        }
        if let Some(e) = c.content_encoding {
            request = request.header("content-encoding", e);
        }
        let request = request.body(Bytes::from(c.body.clone())).unwrap();
        let response = http.send(request).await.expect("an answer");
        let code = response
            .headers()
            .get("x-amzn-errortype")
            .map(|v| v.to_str().unwrap().to_string());
        let body: serde_json::Value =
            serde_json::from_slice(response.body()).unwrap_or(serde_json::Value::Null);
        let got = (
            response.status().as_u16(),
            code.as_deref(),
            body["__type"].as_str(),
        );
        if got != (c.status, Some(c.code), Some(c.code)) {
            failures.push(format!(
                "{}: expected {} {}, got {got:?} {body}",
                c.name, c.status, c.code
            ));
        }
        assert!(
            response.headers().contains_key("x-amzn-requestid"),
            "{}",
            c.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A gzip body, as SDKs send for @requestCompression operations.
    let gzipped = apigen_runtime::http_types::Request::post(format!("http://{addr}/"))
        .header("x-amz-target", format!("{TARGET}.CreateRepository"))
        .header("content-type", JSON)
        .header("content-encoding", "gzip")
        .body(Bytes::from(apigen_runtime::compression::gzip(
            br#"{"repositoryName":"compressed"}"#,
        )))
        .unwrap();
    let response = http.send(gzipped).await.unwrap();
    assert_eq!(response.status(), 200, "{:?}", response.body());
    // The server survived all of it.
    let ok = apigen_runtime::http_types::Request::post(format!("http://{addr}/"))
        .header("x-amz-target", format!("{TARGET}.CreateRepository"))
        .header("content-type", "application/x-amz-json-1.1; charset=utf-8")
        .body(Bytes::from_static(br#"{"repositoryName":"survivor"}"#))
        .unwrap();
    let response = http.send(ok).await.unwrap();
    assert_eq!(response.status(), 200, "{:?}", response.body());
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
}

#[tokio::test]
async fn sigv4_verification_admits_the_right_key_and_refuses_the_rest() {
    use apigen_runtime::server::auth::{AcceptedRegions, SigV4Verifier};
    use apigen_runtime::server::credential_store::InMemoryCredentialStore;
    let store = InMemoryCredentialStore::from_pairs([("AKIDGOOD", "good-secret")]);
    let verifier = SigV4Verifier::new(store, "ecr", AcceptedRegions::one("us-east-1"));
    let options = server::ServerOptions {
        authenticator: Some(std::sync::Arc::new(verifier)),
        ..Default::default()
    };
    let router = EcrRouter::with_options(FakeEcr::default(), options);
    let client = |key: &str, secret: &str, region: &str| {
        let config = no_retries()
            .to_builder()
            .credentials(apigen_runtime::Credentials::new(key, secret, None))
            .region(region)
            .build();
        ecr::Client::in_process_router(router.clone(), config)
    };
    let call = |c: ecr::Client| async move {
        c.create_repository()
            .repository_name("signed/app")
            .send()
            .await
            .map(|_| ())
            .map_err(|e| {
                let e = e.into_service_error().expect("a service error");
                e.code().unwrap_or_default().to_string()
            })
    };
    call(client("AKIDGOOD", "good-secret", "us-east-1"))
        .await
        .expect("the right key passes");
    for (key, secret, region, code) in [
        (
            "AKIDGOOD",
            "wrong-secret",
            "us-east-1",
            "InvalidSignatureException",
        ),
        (
            "AKIDUNKNOWN",
            "good-secret",
            "us-east-1",
            "UnrecognizedClientException",
        ),
        (
            "AKIDGOOD",
            "good-secret",
            "eu-west-1",
            "InvalidSignatureException",
        ),
    ] {
        assert_eq!(
            call(client(key, secret, region)).await.unwrap_err(),
            code,
            "{key} {region}"
        );
    }
    // No signature at all.
    let mut router = router.clone();
    let unsigned = apigen_runtime::http_types::Request::post("http://x/")
        .header("x-amz-target", format!("{TARGET}.CreateRepository"))
        .header("content-type", JSON)
        .body(server::ResponseBody::new(Bytes::from_static(b"{}")))
        .unwrap();
    let response = apigen_runtime::tower_service::Service::call(&mut router, unsigned)
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["x-amzn-errortype"],
        "MissingAuthenticationTokenException"
    );
}

#[tokio::test]
async fn the_server_speaks_h2c_with_prior_knowledge() {
    use http_body_util::BodyExt as _;
    let (addr, stop, task) = start().await;
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .expect("an HTTP/2 handshake without TLS");
    tokio::spawn(connection);
    let request = apigen_runtime::http_types::Request::post(format!("http://{addr}/"))
        .header("x-amz-target", format!("{TARGET}.CreateRepository"))
        .header("content-type", JSON)
        .body(http_body_util::Full::new(Bytes::from_static(
            br#"{"repositoryName":"over/h2"}"#,
        )))
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    assert_eq!(
        response.version(),
        apigen_runtime::http_types::Version::HTTP_2
    );
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["repository"]["repositoryName"], "over/h2");
    drop(sender);
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
}

/// A body that arrives after the headers is waited for up to the body
/// timeout, then refused with 408; one that arrives in time is answered.
#[tokio::test]
async fn a_slow_body_is_waited_for_until_the_body_timeout() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let options = server::ServerOptions {
        body_timeout: std::time::Duration::from_millis(300),
        ..Default::default()
    };
    let router = EcrRouter::with_options(FakeEcr::default(), options);
    tokio::spawn(server::serve(
        listener,
        router,
        server::ServeOptions::default(),
        std::future::pending::<()>(),
    ));
    let body = br#"{"repositoryName":"late/body"}"#;
    // Headers, then the body in two parts; `complete` says whether the
    // second part is ever sent.
    async fn send(addr: std::net::SocketAddr, body: &[u8], complete: bool) -> String {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST / HTTP/1.1\r\nhost: x\r\ncontent-type: {JSON}\r\nx-amz-target: {TARGET}.CreateRepository\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&body[..5]).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if complete {
            stream.write_all(&body[5..]).await.unwrap();
        }
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        answer
    }
    let answer = send(addr, body, true).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("late/body"), "{answer}");
    let answer = send(addr, body, false).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("RequestTimeoutException"), "{answer}");
}
