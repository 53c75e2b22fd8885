//! Modeled errors decode to their structures and carry the request id of
//! the response they came in.

mod support;

#[tokio::test(flavor = "current_thread")]
async fn a_modeled_error_carries_its_request_id() {
    let (endpoint, _log) = support::serve(|_req| {
        (
            400,
            vec![
                ("x-amzn-requestid".to_string(), "req-1234".to_string()),
                (
                    "content-type".to_string(),
                    "application/x-amz-json-1.1".to_string(),
                ),
            ],
            br#"{"__type":"RepositoryNotFoundException","message":"no repo"}"#.to_vec(),
        )
    })
    .await;
    let client = support::client(&endpoint);
    let err = client
        .describe_repositories()
        .repository_names("absent")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("req-1234"));
    match err.into_service_error() {
        Some(ecr::operation::describe_repositories::DescribeRepositoriesError::RepositoryNotFoundException(e)) => {
            assert_eq!(e.request_id(), Some("req-1234"));
            assert_eq!(e.message(), Some("no repo"));
        }
        other => panic!("expected RepositoryNotFoundException, got {other:?}"),
    }
}

/// A required member the response leaves out decodes to its zero value
/// (Smithy's error correction) rather than failing the call; one that is
/// present reads as a plain value, not an `Option`.
#[tokio::test(flavor = "current_thread")]
async fn required_members_are_plain_values_corrected_when_missing() {
    let (endpoint, _log) = support::serve(|_req| {
        let body = serde_json::json!({"repositories": [
            {"repositoryName": "with", "encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": "k"}},
            {"repositoryName": "without", "encryptionConfiguration": {"kmsKey": "k"}}
        ]});
        (200, vec![], body.to_string().into_bytes())
    })
    .await;
    let client = support::client(&endpoint);
    let out = client.describe_repositories().send().await.unwrap();
    let types: Vec<&ecr::types::EncryptionType> = out
        .repositories()
        .iter()
        .map(|r| r.encryption_configuration().unwrap().encryption_type())
        .collect();
    assert_eq!(types[0], &ecr::types::EncryptionType::Kms);
    // Corrected: the enum's unknown empty value, which round-trips as "".
    assert_eq!(types[1].as_str(), "");
    // A builder still requires it.
    assert!(ecr::types::EncryptionConfiguration::builder()
        .kms_key("k")
        .build()
        .is_err());
}
