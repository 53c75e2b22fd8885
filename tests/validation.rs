//! Opt-in request validation: constraint violations stop the request before
//! anything is sent, with the path and the broken constraint.

mod support;

#[tokio::test(flavor = "current_thread")]
async fn invalid_input_is_refused_before_sending() {
    let (endpoint, log) = support::serve(|_| (200, vec![], b"{}".to_vec())).await;
    let config = ecr::Config::builder()
        .region("us-east-1")
        .endpoint_url(&endpoint)
        .credentials(ecr::config::Credentials::new("AKIDEXAMPLE", "secret", None))
        .validate_requests(true)
        .build();
    let client = ecr::Client::from_conf(config);

    // "__" matches nothing of the (unanchored) repository name pattern;
    // 0 is below maxResults' range.
    let err = client
        .describe_repositories()
        .repository_names("__")
        .max_results(0)
        .send()
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, ecr::SdkError::Construction(_)), "{message}");
    assert!(message.contains("/repositoryNames/0"), "{message}");
    assert!(message.contains("does not match the pattern"), "{message}");
    assert!(message.contains("/maxResults"), "{message}");
    assert!(message.contains("below the minimum 1"), "{message}");

    // A missing required member is caught by the builder.
    let err = client.create_repository().send().await.unwrap_err();
    assert!(err.to_string().contains("repositoryName"), "{err}");
    assert!(log.lock().unwrap().is_empty(), "nothing may be sent");

    // Valid input goes through.
    client
        .describe_repositories()
        .repository_names("team/app")
        .max_results(5)
        .send()
        .await
        .unwrap();
    assert_eq!(log.lock().unwrap().len(), 1);

    // Validation is off by default: the service judges the input.
    let lenient = support::client(&endpoint);
    lenient
        .describe_repositories()
        .max_results(0)
        .send()
        .await
        .unwrap();
    assert_eq!(log.lock().unwrap().len(), 2);
}

#[test]
fn validate_reports_every_violation_with_its_path() {
    let input = ecr::types::ImageIdentifier::builder()
        .image_digest("not-a-digest")
        .image_tag("")
        .build();
    let err = input.validate().unwrap_err();
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path.as_str()).collect();
    assert!(paths.contains(&"/imageTag"), "{err}");
    assert!(!err.violations().is_empty());
    let ok = ecr::types::ImageIdentifier::builder()
        .image_tag("v1")
        .build();
    assert!(ok.validate().is_ok());
}
