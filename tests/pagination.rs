//! Paginators follow the service's next token (moto ignores maxResults, so a
//! local server that pages stands in for it here).

mod support;

#[tokio::test(flavor = "current_thread")]
async fn paginator_follows_tokens_and_items_flatten_pages() {
    let names: Vec<String> = (0..5).map(|i| format!("repo-{i}")).collect();
    let all = names.clone();
    let (endpoint, log) = support::serve(move |req| {
        assert_eq!(
            req.header("x-amz-target"),
            Some("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories")
        );
        let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
        let page = body["maxResults"].as_u64().unwrap() as usize;
        let start: usize = body["nextToken"]
            .as_str()
            .map(|t| t.trim_start_matches("t").parse().unwrap())
            .unwrap_or(0);
        let end = (start + page).min(all.len());
        let repos: Vec<_> = all[start..end]
            .iter()
            .map(|n| serde_json::json!({"repositoryName": n, "createdAt": 1.7e9}))
            .collect();
        let mut out = serde_json::json!({ "repositories": repos });
        if end < all.len() {
            out["nextToken"] = serde_json::json!(format!("t{end}"));
        }
        (200, vec![], out.to_string().into_bytes())
    })
    .await;
    let client = support::client(&endpoint);

    let mut pages = client
        .describe_repositories()
        .max_results(2)
        .into_paginator();
    let mut sizes = Vec::new();
    while let Some(page) = support::next(&mut pages).await {
        sizes.push(page.unwrap().repositories().len());
    }
    assert_eq!(sizes, [2, 2, 1]);

    let mut items = client
        .describe_repositories()
        .max_results(2)
        .into_paginator()
        .items();
    let mut seen = Vec::new();
    while let Some(repo) = support::next(&mut items).await {
        seen.push(repo.unwrap().repository_name().unwrap().to_string());
    }
    assert_eq!(seen, names);

    let requests = log.lock().unwrap().clone();
    assert_eq!(requests.len(), 6);
    let tokens: Vec<Option<String>> = requests[..3]
        .iter()
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["nextToken"]
                .as_str()
                .map(String::from)
        })
        .collect();
    assert_eq!(tokens, [None, Some("t2".into()), Some("t4".into())]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_repeated_token_ends_the_stream_instead_of_looping() {
    let (endpoint, log) = support::serve(|_| {
        (
            200,
            vec![],
            br#"{"repositories":[{"repositoryName":"x"}],"nextToken":"same"}"#.to_vec(),
        )
    })
    .await;
    let client = support::client(&endpoint);
    let mut pages = client.describe_repositories().into_paginator();
    let mut count = 0;
    while let Some(page) = support::next(&mut pages).await {
        page.unwrap();
        count += 1;
    }
    assert_eq!(
        count, 2,
        "first page, then the page that repeated the token"
    );
    assert_eq!(log.lock().unwrap().len(), 2);
}
