//! The implementation bound to the generated client in process (no socket):
//! image semantics, listings, policies and tokens.

mod common;

use common::*;
use ecr::types::{
    ImageIdentifier, ImageTagMutability, ImageTagMutabilityExclusionFilter,
    ImageTagMutabilityExclusionFilterType, ListImagesFilter, TagStatus,
};
use local_ecr::{LocalEcr, Settings};

fn client() -> ecr::Client {
    let settings = Settings {
        account_id: "123456789012".into(),
        region: "eu-central-1".into(),
        public_url: "http://registry.test:5000".into(),
    };
    let ecr = LocalEcr::open(None, settings).unwrap();
    ecr::Client::in_process(
        ecr,
        ecr::Config::builder()
            .retry(apigen_runtime::RetryConfig::disabled())
            .build(),
    )
}

async fn create(client: &ecr::Client, name: &str) {
    client
        .create_repository()
        .repository_name(name)
        .send()
        .await
        .unwrap();
}

fn tag(t: &str) -> ImageIdentifier {
    ImageIdentifier::builder().image_tag(t).build()
}

fn digest(d: &str) -> ImageIdentifier {
    ImageIdentifier::builder().image_digest(d).build()
}

#[tokio::test]
async fn settings_shape_arns_uris_and_registry_ids() {
    let client = client();
    let repo = client
        .create_repository()
        .repository_name("a/b")
        .image_tag_mutability(ImageTagMutability::Immutable)
        .tags(
            ecr::types::Tag::builder()
                .key("team")
                .value("x")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap()
        .repository
        .unwrap();
    assert_eq!(
        repo.repository_arn.as_deref(),
        Some("arn:aws:ecr:eu-central-1:123456789012:repository/a/b")
    );
    assert_eq!(
        repo.repository_uri.as_deref(),
        Some("123456789012.dkr.ecr.eu-central-1.amazonaws.com/a/b")
    );
    assert_eq!(
        repo.image_tag_mutability,
        Some(ImageTagMutability::Immutable)
    );
    // Another registry's id is refused.
    assert_eq!(
        code!(
            client
                .describe_repositories()
                .registry_id("999999999999")
                .send()
                .await
        ),
        "InvalidParameterException"
    );
    let twice = |v: &str| {
        ecr::types::Tag::builder()
            .key("k")
            .value(v)
            .build()
            .unwrap()
    };
    assert_eq!(
        code!(
            client
                .create_repository()
                .repository_name("dup/tags")
                .tags(twice("1"))
                .tags(twice("2"))
                .send()
                .await
        ),
        "InvalidTagParameterException"
    );
    let tags: Vec<ecr::types::Tag> = (0..51)
        .map(|i| {
            ecr::types::Tag::builder()
                .key(format!("k{i}"))
                .value("v")
                .build()
                .unwrap()
        })
        .collect();
    assert_eq!(
        code!(
            client
                .create_repository()
                .repository_name("many/tags")
                .set_tags(Some(tags))
                .send()
                .await
        ),
        "TooManyTagsException"
    );
}

#[tokio::test]
async fn tags_move_unless_immutable() {
    let client = client();
    create(&client, "mutable").await;
    let (_, first) = push_image(&client, "mutable", "latest", &bytes(1, 100)).await;
    let (_, second) = push_image(&client, "mutable", "latest", &bytes(2, 100)).await;
    assert_ne!(first, second);
    // The first image lost its tag and stays, untagged.
    let untagged = client
        .list_images()
        .repository_name("mutable")
        .filter(
            ListImagesFilter::builder()
                .tag_status(TagStatus::Untagged)
                .build(),
        )
        .send()
        .await
        .unwrap()
        .image_ids
        .unwrap();
    assert_eq!(untagged, vec![digest(&first)]);
    let tagged = client
        .list_images()
        .repository_name("mutable")
        .filter(
            ListImagesFilter::builder()
                .tag_status(TagStatus::Tagged)
                .build(),
        )
        .send()
        .await
        .unwrap()
        .image_ids
        .unwrap();
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0].image_digest.as_deref(), Some(second.as_str()));

    client
        .create_repository()
        .repository_name("immutable")
        .image_tag_mutability(ImageTagMutability::ImmutableWithExclusion)
        .image_tag_mutability_exclusion_filters(
            ImageTagMutabilityExclusionFilter::builder()
                .filter_type(ImageTagMutabilityExclusionFilterType::Wildcard)
                .filter("dev-*")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    push_image(&client, "immutable", "v1", &bytes(1, 100)).await;
    let other = manifest_of(&client, "mutable", &second).await;
    // Layers are per repository: the other repository's are not here.
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("immutable")
                .image_tag("v1")
                .image_manifest(&other)
                .send()
                .await
        ),
        "LayersNotFoundException"
    );
    let (text2, _) = push_image(&client, "immutable", "v2", &bytes(2, 100)).await;
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("immutable")
                .image_tag("v1")
                .image_manifest(&text2)
                .send()
                .await
        ),
        "ImageTagAlreadyExistsException"
    );
    // An excluded tag moves.
    push_image(&client, "immutable", "dev-1", &bytes(1, 100)).await;
    client
        .put_image()
        .repository_name("immutable")
        .image_tag("dev-1")
        .image_manifest(&text2)
        .send()
        .await
        .unwrap();
    // A second tag on the same image is fine, the same tag again is not.
    client
        .put_image()
        .repository_name("immutable")
        .image_tag("v2-alias")
        .image_manifest(&text2)
        .send()
        .await
        .unwrap();
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("immutable")
                .image_tag("v2")
                .image_manifest(&text2)
                .send()
                .await
        ),
        "ImageAlreadyExistsException"
    );
}

async fn manifest_of(client: &ecr::Client, repo: &str, d: &str) -> String {
    client
        .batch_get_image()
        .repository_name(repo)
        .image_ids(digest(d))
        .send()
        .await
        .unwrap()
        .images
        .unwrap()
        .remove(0)
        .image_manifest
        .unwrap()
}

#[tokio::test]
async fn batch_delete_by_tag_and_by_digest() {
    let client = client();
    create(&client, "r1").await;
    let (text, d) = push_image(&client, "r1", "a", &bytes(1, 10)).await;
    client
        .put_image()
        .repository_name("r1")
        .image_tag("b")
        .image_manifest(&text)
        .send()
        .await
        .unwrap();
    let (_, d2) = push_image(&client, "r1", "c", &bytes(2, 10)).await;
    // One tag of two: the image stays with the other.
    let out = client
        .batch_delete_image()
        .repository_name("r1")
        .image_ids(tag("a"))
        .image_ids(tag("nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.image_ids.unwrap(),
        vec![ImageIdentifier::builder()
            .image_digest(&d)
            .image_tag("a")
            .build()]
    );
    let failures = out.failures.unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(
        failures[0].failure_code.as_ref().unwrap().as_str(),
        "ImageNotFound"
    );
    let details = client
        .describe_images()
        .repository_name("r1")
        .image_ids(digest(&d))
        .send()
        .await
        .unwrap()
        .image_details
        .unwrap();
    assert_eq!(
        details[0].image_tags.as_deref(),
        Some(&["b".to_string()][..])
    );
    // The last tag: the image goes.
    client
        .batch_delete_image()
        .repository_name("r1")
        .image_ids(tag("b"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        code!(
            client
                .describe_images()
                .repository_name("r1")
                .image_ids(digest(&d))
                .send()
                .await
        ),
        "ImageNotFoundException"
    );
    // By digest: the image and all its tags.
    let out = client
        .batch_delete_image()
        .repository_name("r1")
        .image_ids(digest(&d2))
        .image_ids(ImageIdentifier::builder().build())
        .send()
        .await
        .unwrap();
    assert_eq!(out.image_ids.unwrap().len(), 1);
    assert_eq!(
        out.failures.unwrap()[0]
            .failure_code
            .as_ref()
            .unwrap()
            .as_str(),
        "MissingDigestAndTag"
    );
    let left = client
        .list_images()
        .repository_name("r1")
        .send()
        .await
        .unwrap();
    assert!(left.image_ids.unwrap().is_empty());
    // Now empty, it is deleted without force.
    client
        .delete_repository()
        .repository_name("r1")
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn listings_page() {
    let client = client();
    create(&client, "many").await;
    let mut digests = Vec::new();
    for i in 0..7u8 {
        let (_, d) = push_image(&client, "many", &format!("t{i}"), &bytes(i, 50)).await;
        digests.push(d);
    }
    digests.sort();
    let mut seen = Vec::new();
    let mut token = None;
    loop {
        let page = client
            .list_images()
            .repository_name("many")
            .max_results(3)
            .set_next_token(token.take())
            .send()
            .await
            .unwrap();
        let ids = page.image_ids.unwrap();
        assert!(ids.len() <= 3);
        seen.extend(ids.into_iter().map(|i| i.image_digest.unwrap()));
        match page.next_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(seen, digests);
    let mut seen = Vec::new();
    let mut token = None;
    loop {
        let page = client
            .describe_images()
            .repository_name("many")
            .max_results(2)
            .set_next_token(token.take())
            .send()
            .await
            .unwrap();
        for d in page.image_details.unwrap() {
            assert_eq!(d.image_size_in_bytes, Some(50));
            assert_eq!(d.image_tags.as_ref().map(Vec::len), Some(1));
            seen.push(d.image_digest.unwrap());
        }
        match page.next_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(seen, digests);
    assert_eq!(
        code!(
            client
                .describe_images()
                .repository_name("many")
                .image_ids(tag("t1"))
                .max_results(2)
                .send()
                .await
        ),
        "InvalidParameterException"
    );
    assert_eq!(
        code!(client.list_images().repository_name("absent").send().await),
        "RepositoryNotFoundException"
    );
}

#[tokio::test]
async fn manifest_lists_need_their_images() {
    let client = client();
    create(&client, "multi").await;
    let (_, d) = push_image(&client, "multi", "amd64", &bytes(1, 10)).await;
    let list = |digests: &[&str]| {
        let entries: Vec<String> = digests
            .iter()
            .map(|d| {
                format!(
                    r#"{{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":1,"digest":"{d}","platform":{{"architecture":"amd64","os":"linux"}}}}"#
                )
            })
            .collect();
        format!(
            r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[{}]}}"#,
            entries.join(",")
        )
    };
    let absent = sha256(b"absent");
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("multi")
                .image_tag("all")
                .image_manifest(list(&[&d, &absent]))
                .send()
                .await
        ),
        "ReferencedImagesNotFoundException"
    );
    let out = client
        .put_image()
        .repository_name("multi")
        .image_tag("all")
        .image_manifest(list(&[&d]))
        .send()
        .await
        .unwrap()
        .image
        .unwrap();
    assert_eq!(
        out.image_manifest_media_type.as_deref(),
        Some("application/vnd.docker.distribution.manifest.list.v2+json")
    );
    // The list holds its image: deleting the image is refused while it does.
    let refused = client
        .batch_delete_image()
        .repository_name("multi")
        .image_ids(digest(&d))
        .send()
        .await
        .unwrap();
    assert!(refused.image_ids.unwrap().is_empty());
    assert_eq!(
        refused.failures.unwrap()[0]
            .failure_code
            .as_ref()
            .unwrap()
            .as_str(),
        "ImageReferencedByManifestList"
    );
    client
        .batch_delete_image()
        .repository_name("multi")
        .image_ids(tag("all"))
        .send()
        .await
        .unwrap();
    let gone = client
        .batch_delete_image()
        .repository_name("multi")
        .image_ids(digest(&d))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.image_ids.unwrap().len(), 1);
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("multi")
                .image_manifest(list(&[]))
                .image_manifest_media_type("application/vnd.oci.image.index.v1+json")
                .send()
                .await
        ),
        "InvalidParameterException"
    );
    assert_eq!(
        code!(
            client
                .put_image()
                .repository_name("multi")
                .image_manifest("not json")
                .send()
                .await
        ),
        "InvalidParameterException"
    );
}

#[tokio::test]
async fn repository_policies() {
    let client = client();
    create(&client, "pol").await;
    assert_eq!(
        code!(
            client
                .get_repository_policy()
                .repository_name("pol")
                .send()
                .await
        ),
        "RepositoryPolicyNotFoundException"
    );
    assert_eq!(
        code!(
            client
                .set_repository_policy()
                .repository_name("pol")
                .policy_text("{nope")
                .send()
                .await
        ),
        "InvalidParameterException"
    );
    assert_eq!(
        code!(
            client
                .set_repository_policy()
                .repository_name("absent")
                .policy_text("{}")
                .send()
                .await
        ),
        "RepositoryNotFoundException"
    );
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}"#;
    let set = client
        .set_repository_policy()
        .repository_name("pol")
        .policy_text(text)
        .send()
        .await
        .unwrap();
    assert_eq!(set.registry_id.as_deref(), Some("123456789012"));
    let got = client
        .get_repository_policy()
        .repository_name("pol")
        .send()
        .await
        .unwrap();
    assert_eq!(got.policy_text.as_deref(), Some(text));
    let deleted = client
        .delete_repository_policy()
        .repository_name("pol")
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.policy_text.as_deref(), Some(text));
    assert_eq!(
        code!(
            client
                .delete_repository_policy()
                .repository_name("pol")
                .send()
                .await
        ),
        "RepositoryPolicyNotFoundException"
    );
}

#[tokio::test]
async fn authorization_tokens_and_download_urls() {
    let client = client();
    let data = client
        .get_authorization_token()
        .send()
        .await
        .unwrap()
        .authorization_data
        .unwrap();
    assert_eq!(data.len(), 1);
    let token = data[0].authorization_token.as_deref().unwrap();
    let text = String::from_utf8(base64_decode(token)).unwrap();
    assert!(text.starts_with("AWS:") && text.len() > 20, "{text}");
    assert_eq!(
        data[0].proxy_endpoint.as_deref(),
        Some("http://registry.test:5000")
    );
    let ttl = data[0].expires_at.unwrap().secs() - apigen_runtime::DateTime::now().secs();
    assert!((local_ecr::TOKEN_TTL_SECS - 60..=local_ecr::TOKEN_TTL_SECS).contains(&ttl));

    create(&client, "dl").await;
    let layer = bytes(5, 64);
    let d = push_layer(&client, "dl", &layer, 10).await;
    let url = client
        .get_download_url_for_layer()
        .repository_name("dl")
        .layer_digest(&d)
        .send()
        .await
        .unwrap()
        .download_url
        .unwrap();
    assert!(
        url.starts_with(&format!("http://registry.test:5000/layers/dl/{d}?expires=")),
        "{url}"
    );
    assert_eq!(
        code!(
            client
                .get_download_url_for_layer()
                .repository_name("dl")
                .layer_digest(sha256(b"absent"))
                .send()
                .await
        ),
        "LayersNotFoundException"
    );
}

/// Standard base64, for the token check.
fn base64_decode(text: &str) -> Vec<u8> {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|&c| c != b'=') {
        bits = (bits << 6) | B64.iter().position(|&x| x == c).unwrap() as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}
