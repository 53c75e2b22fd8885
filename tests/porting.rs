//! What a program ported from aws-sdk-ecr writes, with `ecr::` paths only
//! (no `apigen_runtime` anywhere in this file): the re-exported config,
//! primitives and error types, errors printed with their causes, and
//! per-call configuration overrides.

mod support;

use ecr::config::retry::{RetryConfig, RetryMode};
use ecr::config::timeout::TimeoutConfig;
use ecr::config::{Builder, Credentials, Region};
use ecr::error::{DisplayErrorContext, SdkError};
use ecr::primitives::{Blob, DateTime, DateTimeFormat, Document};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A port that refuses connections: bound, then released.
fn closed_port_url() -> String {
    format!("http://127.0.0.1:{}", support::free_port())
}

fn config(endpoint: &str) -> Builder {
    Builder::default()
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::from_keys("AKIDEXAMPLE", "secret", None))
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_base_delay(Duration::from_millis(1)),
        )
}

#[test]
fn configuration_and_primitives_under_aws_sdk_names() {
    let timeouts = TimeoutConfig::builder()
        .operation_timeout(Duration::from_secs(30))
        .operation_attempt_timeout(Duration::from_secs(5))
        .build();
    let config: ecr::Config = config("http://localhost:1")
        .timeout_config(timeouts)
        .retry_config(RetryConfig::adaptive().with_max_attempts(5))
        .build();
    assert_eq!(config.region(), Some("us-east-1"));
    assert_eq!(
        config.timeouts().operation_timeout(),
        Some(Duration::from_secs(30))
    );
    assert_eq!(
        (config.retry().max_attempts, config.retry().mode()),
        (5, RetryMode::Adaptive)
    );
    let client = ecr::Client::from_conf(config);
    assert_eq!(client.config().region(), Some("us-east-1"));

    let t = DateTime::from_secs(1_704_164_645);
    assert_eq!(t.to_string(), "2024-01-02T03:04:05Z");
    assert_eq!(
        t.fmt(DateTimeFormat::DateTime).unwrap(),
        "2024-01-02T03:04:05Z"
    );
    assert_eq!(
        DateTime::from_str("2024-01-02T03:04:05Z", DateTimeFormat::DateTime).unwrap(),
        t
    );
    assert_eq!(Blob::new(b"x".to_vec()).as_ref(), b"x");
    assert_eq!(Document::Bool(true), Document::Bool(true));
    // The old paths still work.
    let _: ecr::DateTime = t;
    let _: fn() -> ecr::config::Builder = ecr::Config::builder;
    assert_eq!(
        Builder::new().region("x").build().region(),
        ecr::Config::builder().region("x").build().region()
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_refused_connection_shows_in_the_printed_error() {
    let client = ecr::Client::from_conf(config(&closed_port_url()).build());
    let e = client.describe_repositories().send().await.unwrap_err();
    assert!(matches!(e, SdkError::Transport(_)), "{e}");
    let printed = DisplayErrorContext(&e).to_string();
    assert!(printed.contains("Connection refused"), "{printed}");

    // Through `?` into the crate-wide error, plain `{}` shows the cause too.
    async fn call(client: &ecr::Client) -> Result<(), ecr::Error> {
        client.describe_repositories().send().await?;
        Ok(())
    }
    let e = call(&client).await.unwrap_err();
    assert!(e.to_string().contains("Connection refused"), "{e}");
    assert!(
        DisplayErrorContext(&e)
            .to_string()
            .contains("Connection refused"),
        "{}",
        DisplayErrorContext(&e)
    );
}

#[tokio::test(flavor = "current_thread")]
async fn config_override_applies_to_its_call_only() {
    let (live, log) = support::serve(|_| (200, vec![], br#"{"repositories":[]}"#.to_vec())).await;
    // The client points at a closed port; overrides point calls at the server.
    let client = ecr::Client::from_conf(config(&closed_port_url()).build());

    // aws-sdk-rust's long form.
    client
        .describe_repositories()
        .customize()
        .config_override(Builder::default().endpoint_url(&live).region("eu-west-1"))
        .send()
        .await
        .expect("the override's endpoint");
    // And the short one, on the fluent builder.
    client
        .describe_repositories()
        .config_override(Builder::default().endpoint_url(&live))
        .send()
        .await
        .expect("the override's endpoint");
    {
        let log = log.lock().unwrap();
        assert_eq!(log.len(), 2);
        let auth = log[0].header("authorization").unwrap();
        assert!(auth.contains("/eu-west-1/ecr/aws4_request"), "{auth}");
        let auth = log[1].header("authorization").unwrap();
        assert!(auth.contains("/us-east-1/ecr/aws4_request"), "{auth}");
    }

    // Without an override the client's own (refusing) endpoint is used.
    let e = client.describe_repositories().send().await.unwrap_err();
    assert!(matches!(e, SdkError::Transport(_)), "{e}");

    // Paginators send every page with the override.
    let mut pages = client
        .describe_repositories()
        .config_override(Builder::default().endpoint_url(&live))
        .into_paginator();
    assert!(support::next(&mut pages).await.unwrap().is_ok());
    assert_eq!(log.lock().unwrap().len(), 3);
}

#[tokio::test(flavor = "current_thread")]
async fn config_override_replaces_retries_and_timeouts() {
    let hits = Arc::new(AtomicUsize::new(0));
    let count = hits.clone();
    let (live, _) = support::serve(move |_| {
        count.fetch_add(1, Ordering::SeqCst);
        (500, vec![], br#"{"__type":"ServerException"}"#.to_vec())
    })
    .await;
    let client = ecr::Client::from_conf(config(&live).build());

    client.describe_repositories().send().await.unwrap_err();
    assert_eq!(hits.swap(0, Ordering::SeqCst), 3, "the client retries");

    let e = client
        .describe_repositories()
        .customize()
        .config_override(Builder::default().retry_config(RetryConfig::disabled()))
        .send()
        .await
        .unwrap_err();
    assert!(e.into_service_error().unwrap().is_server_exception());
    assert_eq!(hits.swap(0, Ordering::SeqCst), 1, "this call does not");

    // An operation timeout of (next to) nothing for one call.
    let e = client
        .describe_repositories()
        .config_override(
            Builder::default().timeout_config(
                TimeoutConfig::builder()
                    .operation_timeout(Duration::from_nanos(1))
                    .build(),
            ),
        )
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, SdkError::Timeout(_)), "{e}");
    // The client's own settings are untouched.
    assert_eq!(client.config().timeouts().operation_timeout(), None);
    assert_eq!(client.config().retry().max_attempts, 3);
}
