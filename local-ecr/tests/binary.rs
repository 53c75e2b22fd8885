//! The built `local-ecr` binary on a free port with a temporary data
//! directory and credentials file, driven by the generated client.

mod common;

use apigen_runtime::Blob;
use common::*;
use ecr::types::{ImageIdentifier, LayerAvailability};
use std::process::Command;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repositories_with_each_modeled_error() {
    let ws = Workspace::new();
    let server = Server::durable(&ws);
    let client = server.client();
    let created = client
        .create_repository()
        .repository_name("team/app")
        .send()
        .await
        .unwrap()
        .repository
        .unwrap();
    assert_eq!(
        created.repository_arn.as_deref(),
        Some("arn:aws:ecr:us-east-1:000000000000:repository/team/app")
    );
    assert_eq!(
        created.repository_uri.as_deref(),
        Some("000000000000.dkr.ecr.us-east-1.amazonaws.com/team/app")
    );
    assert_eq!(created.registry_id.as_deref(), Some("000000000000"));
    assert_eq!(
        created.image_tag_mutability.as_ref().map(|m| m.as_str()),
        Some("MUTABLE")
    );
    let age = apigen_runtime::DateTime::now().secs() - created.created_at.unwrap().secs();
    assert!((0..60).contains(&age), "{age}");

    assert_eq!(
        code!(
            client
                .create_repository()
                .repository_name("team/app")
                .send()
                .await
        ),
        "RepositoryAlreadyExistsException"
    );
    // The model's validation, run by the router.
    assert_eq!(
        code!(
            client
                .create_repository()
                .repository_name("Team/App")
                .send()
                .await
        ),
        "InvalidParameterException"
    );

    let described = client
        .describe_repositories()
        .repository_names("team/app")
        .send()
        .await
        .unwrap();
    assert_eq!(described.repositories.unwrap(), vec![created.clone()]);
    let missing = client
        .describe_repositories()
        .repository_names("team/app")
        .repository_names("team/nope")
        .send()
        .await
        .expect_err("one is missing")
        .into_service_error()
        .unwrap();
    assert!(missing.is_repository_not_found_exception(), "{missing:?}");
    assert!(
        missing.message().unwrap().contains("'team/nope'"),
        "{missing:?}"
    );
    assert_eq!(
        code!(
            client
                .describe_repositories()
                .repository_names("team/app")
                .max_results(5)
                .send()
                .await
        ),
        "InvalidParameterException"
    );

    // Not empty: refused, unless forced.
    push_image(&client, "team/app", "v1", &bytes(1, 3000)).await;
    assert_eq!(
        code!(
            client
                .delete_repository()
                .repository_name("team/app")
                .send()
                .await
        ),
        "RepositoryNotEmptyException"
    );
    let deleted = client
        .delete_repository()
        .repository_name("team/app")
        .force(true)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.repository.unwrap(), created);
    assert_eq!(
        code!(
            client
                .delete_repository()
                .repository_name("team/app")
                .send()
                .await
        ),
        "RepositoryNotFoundException"
    );
    // An empty repository goes without force.
    client
        .create_repository()
        .repository_name("empty")
        .send()
        .await
        .unwrap();
    client
        .delete_repository()
        .repository_name("empty")
        .send()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagination_over_250_repositories() {
    let ws = Workspace::new();
    let server = Server::durable(&ws);
    let client = server.client();
    let mut names: Vec<String> = (0..250).map(|i| format!("repo-{i:03}/x")).collect();
    for name in &names {
        client
            .create_repository()
            .repository_name(name)
            .send()
            .await
            .unwrap();
    }
    names.sort();
    let mut seen = Vec::new();
    let mut token = None;
    let mut pages = 0;
    loop {
        let page = client
            .describe_repositories()
            .max_results(100)
            .set_next_token(token.take())
            .send()
            .await
            .unwrap();
        pages += 1;
        let repos = page.repositories.unwrap_or_default();
        assert!(repos.len() <= 100);
        seen.extend(repos.into_iter().map(|r| r.repository_name.unwrap()));
        match page.next_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, names);
    // The default page is 100, and tokens are opaque: a made-up one is refused.
    let first = client.describe_repositories().send().await.unwrap();
    assert_eq!(first.repositories.unwrap().len(), 100);
    let token = first.next_token.unwrap();
    assert!(!token.contains("repo-"), "{token}");
    assert_eq!(
        code!(
            client
                .describe_repositories()
                .next_token("repo-099/x")
                .send()
                .await
        ),
        "InvalidParameterException"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_pull_and_a_restart_after_sigkill() {
    let ws = Workspace::new();
    let server = Server::durable(&ws);
    let client = server.client();
    client
        .create_repository()
        .repository_name("team/app")
        .send()
        .await
        .unwrap();

    // A layer in three parts, with the part rules checked on the way.
    let layer = bytes(7, 250_000);
    let upload = client
        .initiate_layer_upload()
        .repository_name("team/app")
        .send()
        .await
        .unwrap();
    assert_eq!(upload.part_size, Some(local_ecr::PART_SIZE));
    let id = upload.upload_id.unwrap();
    let part = |first: usize, last: usize| {
        client
            .upload_layer_part()
            .repository_name("team/app")
            .upload_id(&id)
            .part_first_byte(first as i64)
            .part_last_byte(last as i64)
            .layer_part_blob(Blob::new(layer[first..=last].to_vec()))
            .send()
    };
    part(0, 99_999).await.unwrap();
    // A gap, then an overlap: the first byte must be the next one expected.
    let gap = part(100_001, 199_999)
        .await
        .expect_err("a gap")
        .into_service_error()
        .unwrap();
    match &gap {
        ecr::operation::upload_layer_part::UploadLayerPartError::InvalidLayerPartException(e) => {
            assert_eq!(e.last_valid_byte_received, Some(99_999));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(code!(part(50, 99).await), "InvalidLayerPartException");
    assert_eq!(
        code!(
            client
                .upload_layer_part()
                .repository_name("team/app")
                .upload_id("00000000-0000-4000-8000-000000000000")
                .part_first_byte(0)
                .part_last_byte(0)
                .layer_part_blob(Blob::new(vec![1]))
                .send()
                .await
        ),
        "UploadNotFoundException"
    );
    part(100_000, 199_999).await.unwrap();
    part(200_000, 249_999).await.unwrap();
    let digest = sha256(&layer);
    // A digest that is not the bytes': InvalidLayerException.
    assert_eq!(
        code!(
            client
                .complete_layer_upload()
                .repository_name("team/app")
                .upload_id(&id)
                .layer_digests(sha256(b"something else"))
                .send()
                .await
        ),
        "InvalidLayerException"
    );
    client
        .complete_layer_upload()
        .repository_name("team/app")
        .upload_id(&id)
        .layer_digests(&digest)
        .send()
        .await
        .unwrap();
    // The upload is done with.
    assert_eq!(
        code!(
            client
                .complete_layer_upload()
                .repository_name("team/app")
                .upload_id(&id)
                .layer_digests(&digest)
                .send()
                .await
        ),
        "UploadNotFoundException"
    );
    // The same layer again: LayerAlreadyExistsException; nothing: EmptyUpload.
    let again = client
        .initiate_layer_upload()
        .repository_name("team/app")
        .send()
        .await
        .unwrap()
        .upload_id
        .unwrap();
    assert_eq!(
        code!(
            client
                .complete_layer_upload()
                .repository_name("team/app")
                .upload_id(&again)
                .layer_digests(&digest)
                .send()
                .await
        ),
        "EmptyUploadException"
    );
    client
        .upload_layer_part()
        .repository_name("team/app")
        .upload_id(&again)
        .part_first_byte(0)
        .part_last_byte(layer.len() as i64 - 1)
        .layer_part_blob(Blob::new(layer.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        code!(
            client
                .complete_layer_upload()
                .repository_name("team/app")
                .upload_id(&again)
                .layer_digests(&digest)
                .send()
                .await
        ),
        "LayerAlreadyExistsException"
    );
    let blob_file = ws
        .data()
        .join("blobs/sha256")
        .join(digest.strip_prefix("sha256:").unwrap());
    assert_eq!(std::fs::read(&blob_file).unwrap(), layer);

    let check = client
        .batch_check_layer_availability()
        .repository_name("team/app")
        .layer_digests(&digest)
        .layer_digests(sha256(b"absent"))
        .send()
        .await
        .unwrap();
    let layers = check.layers.unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(
        layers[0].layer_availability,
        Some(LayerAvailability::Available)
    );
    assert_eq!(layers[0].layer_size, Some(layer.len() as i64));
    assert_eq!(check.failures.unwrap().len(), 1);

    // The image: its config, then the manifest.
    let config = br#"{"architecture":"amd64","os":"linux"}"#;
    let config_digest = push_layer(&client, "team/app", config, 16).await;
    let text = manifest((&config_digest, config.len()), &[(&digest, layer.len())]);
    let missing = manifest((&config_digest, config.len()), &[(&sha256(b"gone"), 4)]);
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("team/app")
                .image_tag("v1")
                .image_manifest(&missing)
                .send()
                .await
        ),
        "LayersNotFoundException"
    );
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("team/app")
                .image_tag("v1")
                .image_manifest(&text)
                .image_digest(sha256(b"not the manifest"))
                .send()
                .await
        ),
        "ImageDigestDoesNotMatchException"
    );
    let put = client
        .put_image()
        .repository_name("team/app")
        .image_tag("v1")
        .image_manifest(&text)
        .image_digest(sha256(text.as_bytes()))
        .send()
        .await
        .unwrap();
    let image_digest = sha256(text.as_bytes());
    assert_eq!(
        put.image.unwrap().image_id.unwrap().image_digest.as_deref(),
        Some(image_digest.as_str())
    );
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("team/app")
                .image_tag("v1")
                .image_manifest(&text)
                .send()
                .await
        ),
        "ImageAlreadyExistsException"
    );

    // An upload under way when the process is killed.
    let pending = client
        .initiate_layer_upload()
        .repository_name("team/app")
        .send()
        .await
        .unwrap()
        .upload_id
        .unwrap();
    let big = bytes(9, 40_000);
    client
        .upload_layer_part()
        .repository_name("team/app")
        .upload_id(&pending)
        .part_first_byte(0)
        .part_last_byte(19_999)
        .layer_part_blob(Blob::new(big[..20_000].to_vec()))
        .send()
        .await
        .unwrap();
    client
        .set_repository_policy()
        .repository_name("team/app")
        .policy_text(r#"{"Version":"2012-10-17","Statement":[]}"#)
        .send()
        .await
        .unwrap();

    let pulled = pull(&client, &image_digest).await;
    assert_eq!(pulled, (text.clone(), layer.clone()));

    server.kill();
    let server = Server::durable(&ws);
    let client = server.client();

    // Everything acknowledged is there.
    let repos = client
        .describe_repositories()
        .send()
        .await
        .unwrap()
        .repositories
        .unwrap();
    assert_eq!(repos.len(), 1);
    assert_eq!(pull(&client, &image_digest).await, (text.clone(), layer));
    let details = client
        .describe_images()
        .repository_name("team/app")
        .send()
        .await
        .unwrap()
        .image_details
        .unwrap();
    assert_eq!(details.len(), 1);
    assert_eq!(
        details[0].image_tags.as_deref(),
        Some(&["v1".to_string()][..])
    );
    assert_eq!(details[0].image_size_in_bytes, Some(250_000));
    assert!(details[0].image_pushed_at.is_some());
    let policy = client
        .get_repository_policy()
        .repository_name("team/app")
        .send()
        .await
        .unwrap();
    assert!(policy.policy_text.unwrap().contains("2012-10-17"));
    // The upload goes on where it stopped.
    client
        .upload_layer_part()
        .repository_name("team/app")
        .upload_id(&pending)
        .part_first_byte(20_000)
        .part_last_byte(39_999)
        .layer_part_blob(Blob::new(big[20_000..].to_vec()))
        .send()
        .await
        .unwrap();
    client
        .complete_layer_upload()
        .repository_name("team/app")
        .upload_id(&pending)
        .layer_digests(sha256(&big))
        .send()
        .await
        .unwrap();
}

/// BatchGetImage by tag, then every layer through its download URL.
async fn pull(client: &ecr::Client, image_digest: &str) -> (String, Vec<u8>) {
    let got = client
        .batch_get_image()
        .repository_name("team/app")
        .image_ids(ImageIdentifier::builder().image_tag("v1").build())
        .image_ids(ImageIdentifier::builder().image_tag("v9").build())
        .send()
        .await
        .unwrap();
    let images = got.images.unwrap();
    assert_eq!(images.len(), 1);
    assert_eq!(
        images[0].image_id.as_ref().unwrap().image_digest.as_deref(),
        Some(image_digest)
    );
    let failures = got.failures.unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0].failure_code.as_ref().unwrap().as_str(),
        "ImageNotFound"
    );
    let text = images[0].image_manifest.clone().unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    let layer_digest = manifest["layers"][0]["digest"].as_str().unwrap();
    let url = client
        .get_download_url_for_layer()
        .repository_name("team/app")
        .layer_digest(layer_digest)
        .send()
        .await
        .unwrap()
        .download_url
        .unwrap();
    let (status, body) = get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(sha256(&body), layer_digest);
    // A tampered URL is refused.
    let (status, _) = get(&url.replace("signature=", "signature=0")).await;
    assert_eq!(status, 403);
    (text, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_credentials_are_refused() {
    let ws = Workspace::new();
    let server = Server::durable(&ws);
    let call = |client: ecr::Client| async move {
        client
            .describe_repositories()
            .send()
            .await
            .map(|_| ())
            .map_err(|e| e.into_service_error().unwrap().code().unwrap().to_string())
    };
    call(server.client()).await.expect("the default profile");
    call(server.client_as(OTHER_KEY, OTHER_SECRET, "us-east-1"))
        .await
        .expect("every profile's key");
    assert_eq!(
        call(server.client_as(KEY, "wrong", "us-east-1"))
            .await
            .unwrap_err(),
        "InvalidSignatureException"
    );
    assert_eq!(
        call(server.client_as("AKIDNOBODY", SECRET, "us-east-1"))
            .await
            .unwrap_err(),
        "UnrecognizedClientException"
    );
    assert_eq!(
        call(server.client_as(KEY, SECRET, "eu-west-1"))
            .await
            .unwrap_err(),
        "InvalidSignatureException"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_memory_without_auth() {
    let server = Server::start(&["--in-memory", "--no-auth"]);
    let client = server.client_as("anyone", "anything", "us-east-1");
    client
        .create_repository()
        .repository_name("mem/app")
        .send()
        .await
        .unwrap();
    let (_, digest) = push_image(&client, "mem/app", "latest", &bytes(3, 5000)).await;
    let listed = client
        .list_images()
        .repository_name("mem/app")
        .send()
        .await
        .unwrap()
        .image_ids
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].image_digest.as_deref(), Some(digest.as_str()));
    let token = client
        .get_authorization_token()
        .send()
        .await
        .unwrap()
        .authorization_data
        .unwrap();
    assert_eq!(
        token[0].proxy_endpoint.as_deref(),
        Some(server.url.as_str())
    );
}

fn run(args: &[&str], home: &std::path::Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_local-ecr"))
        .args(args)
        .env_remove("AWS_SHARED_CREDENTIALS_FILE")
        .env("HOME", home)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_usage_exits_2_with_a_reason() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, _) = run(&["--help"], home.path());
    assert_eq!(code, 0);
    assert!(out.contains("--data-dir"), "{out}");
    for (args, says) in [
        (&[][..], "--data-dir DIR or --in-memory"),
        (&["--in-memory", "--frobnicate"], "unknown argument"),
        (&["--in-memory", "--listen"], "--listen needs a value"),
        (&["--in-memory"], "--no-auth"),
        (
            &["--in-memory", "--credentials", "/nonexistent/credentials"],
            "/nonexistent/credentials",
        ),
    ] {
        let (code, _, err) = run(args, home.path());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pushes_then_sigterm() {
    let ws = Workspace::new();
    let server = Server::durable(&ws);
    let client = server.client();
    for r in ["par/a", "par/b"] {
        client
            .create_repository()
            .repository_name(r)
            .send()
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for i in 0..8u8 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let repo = if i % 2 == 0 { "par/a" } else { "par/b" };
            let data = bytes(i, 50_000 + i as usize);
            let d = push_layer(&client, repo, &data, 9_000).await;
            (repo, d, data.len())
        }));
    }
    for t in tasks {
        let (repo, d, len) = t.await.unwrap();
        let check = client
            .batch_check_layer_availability()
            .repository_name(repo)
            .layer_digests(&d)
            .send()
            .await
            .unwrap();
        assert_eq!(check.layers.unwrap()[0].layer_size, Some(len as i64));
    }
    // HEAD of a download URL: the length, no body.
    let d = sha256(&bytes(0, 50_000));
    let url = client
        .get_download_url_for_layer()
        .repository_name("par/a")
        .layer_digest(&d)
        .send()
        .await
        .unwrap()
        .download_url
        .unwrap();
    use apigen_runtime::http::HttpClient as _;
    let http = apigen_runtime::http::HyperClient::new(std::time::Duration::from_secs(10));
    let head = apigen_runtime::http_types::Request::head(&url)
        .body(apigen_runtime::bytes::Bytes::new())
        .unwrap();
    let response = http.send(head).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-length"], "50000");
    assert_eq!(response.headers()["docker-content-digest"], d.as_str());
    assert!(response.body().is_empty());
    // The layer of another repository is not served from this one's URL.
    let (status, _) = get(&url.replace("/par/a/", "/par/b/")).await;
    assert_eq!(status, 403);

    // SIGTERM: a clean exit.
    let mut server = server;
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = server.child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn a_data_directory_serves_one_process_at_a_time() {
    let ws = Workspace::new();
    let _first = Server::durable(&ws);
    let out = Command::new(env!("CARGO_BIN_EXE_local-ecr"))
        .args(["--listen", "127.0.0.1:0", "--no-auth", "--data-dir"])
        .arg(ws.data())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot open the data directory"), "{err}");
}
