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
