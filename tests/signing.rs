//! The Authorization header the generated client sends equals the one
//! botocore's own SigV4 signer computes for the same request, time and
//! credentials.

mod support;

use std::process::{Command, Stdio};

fn botocore_authorization(
    request: &support::Recorded,
    endpoint: &str,
    session_token: Option<&str>,
) -> String {
    let amz_date = request.header("x-amz-date").expect("X-Amz-Date");
    let headers: serde_json::Map<String, serde_json::Value> = request
        .headers
        .iter()
        .map(|(n, v)| (n.clone(), serde_json::Value::String(v.clone())))
        .collect();
    let spec = serde_json::json!({
        "method": request.method,
        "url": format!("{endpoint}{}", request.path),
        "headers": headers,
        "body": String::from_utf8(request.body.clone()).unwrap(),
        "access_key": "AKIDEXAMPLE",
        "secret_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        "session_token": session_token,
        "region": "us-east-1",
        "service": "ecr",
        "amz_date": amz_date,
    });
    let mut child = Command::new(support::venv_bin("python"))
        .arg(support::root().join("tests/peers/sigv4_reference.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running the botocore reference signer");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(spec.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "reference signer failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[tokio::test(flavor = "current_thread")]
async fn authorization_matches_botocore() {
    let (endpoint, log) = support::serve(|_| {
        (
            200,
            vec![("content-type".into(), "application/x-amz-json-1.1".into())],
            b"{}".to_vec(),
        )
    })
    .await;
    let client = support::client(&endpoint);
    client
        .describe_repositories()
        .repository_names("team/app")
        .max_results(5)
        .send()
        .await
        .unwrap();
    client.get_authorization_token().send().await.unwrap();
    let requests = log.lock().unwrap().clone();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/");
        assert_eq!(
            request.header("content-type"),
            Some("application/x-amz-json-1.1")
        );
        assert!(request
            .header("x-amz-target")
            .unwrap()
            .starts_with("AmazonEC2ContainerRegistry_V20150921."));
        let ours = request.header("authorization").expect("signed");
        assert!(
            ours.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
            "{ours}"
        );
        assert_eq!(ours, botocore_authorization(request, &endpoint, None));
    }
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"repositoryNames": ["team/app"], "maxResults": 5})
    );
}
