//! The generated ECR client against moto's ECR server (a real peer, from
//! PyPI): the whole push flow, reads, policies, deletes, and typed errors.

mod support;

use ecr::types::{ImageIdentifier, LayerAvailability, TagStatus};

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test(flavor = "current_thread")]
async fn push_flow_against_moto() {
    let moto = support::Moto::start();
    let client = support::client(&moto.endpoint);
    let repo = "apigen/push-flow";

    // Create, and creating again is a typed error.
    let created = client
        .create_repository()
        .repository_name(repo)
        .send()
        .await
        .expect("create");
    let repository = created.repository().expect("repository in output");
    assert_eq!(repository.repository_name(), Some(repo));
    assert!(repository
        .repository_uri()
        .unwrap_or_default()
        .ends_with(repo));
    assert!(repository.created_at().is_some());
    let again = client
        .create_repository()
        .repository_name(repo)
        .send()
        .await
        .unwrap_err();
    let again = again.into_service_error().expect("a service error");
    assert!(again.is_repository_already_exists_exception(), "{again:?}");

    // Describe finds it.
    let described = client
        .describe_repositories()
        .repository_names(repo)
        .send()
        .await
        .unwrap();
    assert_eq!(described.repositories().len(), 1);
    assert_eq!(described.repositories()[0].repository_name(), Some(repo));

    // Upload a layer in two parts.
    let layer: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let upload = client
        .initiate_layer_upload()
        .repository_name(repo)
        .send()
        .await
        .unwrap();
    let upload_id = upload.upload_id().expect("upload id").to_string();
    assert!(upload.part_size().unwrap_or_default() > 0);
    let (first, second) = layer.split_at(1000);
    let part = client
        .upload_layer_part()
        .repository_name(repo)
        .upload_id(&upload_id)
        .part_first_byte(0)
        .part_last_byte(999)
        .layer_part_blob(first.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(part.upload_id(), Some(upload_id.as_str()));
    client
        .upload_layer_part()
        .repository_name(repo)
        .upload_id(&upload_id)
        .part_first_byte(1000)
        .part_last_byte(2999)
        .layer_part_blob(second.to_vec())
        .send()
        .await
        .unwrap();
    let digest = format!("sha256:{}", sha256_hex(&layer));
    let completed = client
        .complete_layer_upload()
        .repository_name(repo)
        .upload_id(&upload_id)
        .layer_digests(&digest)
        .send()
        .await
        .unwrap();
    // moto hashes the bytes it received: equal digests prove the blob went out intact.
    assert_eq!(completed.layer_digest(), Some(digest.as_str()));

    let availability = client
        .batch_check_layer_availability()
        .repository_name(repo)
        .layer_digests(&digest)
        .send()
        .await
        .unwrap();
    assert_eq!(availability.layers().len(), 1);
    assert_eq!(
        availability.layers()[0].layer_availability(),
        Some(&LayerAvailability::Available)
    );

    // Put an image manifest that references the layer.
    let manifest = format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{{"mediaType":"application/vnd.docker.container.image.v1+json","size":3000,"digest":"{digest}"}},"layers":[{{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3000,"digest":"{digest}"}}]}}"#
    );
    let put = client
        .put_image()
        .repository_name(repo)
        .image_manifest(&manifest)
        .image_tag("v1")
        .send()
        .await
        .unwrap();
    let image = put.image().expect("image");
    assert_eq!(image.image_id().and_then(|i| i.image_tag()), Some("v1"));

    // List, describe, batch-get.
    let listed = client
        .list_images()
        .repository_name(repo)
        .send()
        .await
        .unwrap();
    assert!(listed
        .image_ids()
        .iter()
        .any(|i| i.image_tag() == Some("v1")));
    let tagged = client
        .list_images()
        .repository_name(repo)
        .filter(
            ecr::types::ListImagesFilter::builder()
                .tag_status(TagStatus::Tagged)
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(tagged.image_ids().len(), 1);
    let details = client
        .describe_images()
        .repository_name(repo)
        .send()
        .await
        .unwrap();
    assert_eq!(details.image_details().len(), 1);
    let detail = &details.image_details()[0];
    assert_eq!(detail.image_tags(), ["v1".to_string()]);
    let pushed = detail.image_pushed_at().expect("pushed-at timestamp");
    assert!(pushed.secs() > 1_600_000_000, "{pushed:?}");
    let got = client
        .batch_get_image()
        .repository_name(repo)
        .image_ids(ImageIdentifier::builder().image_tag("v1").build())
        .send()
        .await
        .unwrap();
    assert_eq!(got.images().len(), 1);
    assert_eq!(got.images()[0].image_manifest(), Some(manifest.as_str()));

    // Describing an image that is not there is a typed error.
    let missing = client
        .describe_images()
        .repository_name(repo)
        .image_ids(ImageIdentifier::builder().image_tag("nope").build())
        .send()
        .await
        .unwrap_err();
    assert!(missing
        .into_service_error()
        .unwrap()
        .is_image_not_found_exception());

    // Policies round-trip.
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"]}]}"#;
    let set = client
        .set_repository_policy()
        .repository_name(repo)
        .policy_text(policy)
        .send()
        .await
        .unwrap();
    assert_eq!(set.repository_name(), Some(repo));
    let got_policy = client
        .get_repository_policy()
        .repository_name(repo)
        .send()
        .await
        .unwrap();
    let got_text: serde_json::Value =
        serde_json::from_str(got_policy.policy_text().unwrap()).unwrap();
    assert_eq!(
        got_text,
        serde_json::from_str::<serde_json::Value>(policy).unwrap()
    );
    client
        .delete_repository_policy()
        .repository_name(repo)
        .send()
        .await
        .unwrap();
    let gone = client
        .get_repository_policy()
        .repository_name(repo)
        .send()
        .await
        .unwrap_err();
    assert!(gone
        .into_service_error()
        .unwrap()
        .is_repository_policy_not_found_exception());

    // An authorization token for docker login.
    let token = client.get_authorization_token().send().await.unwrap();
    let data = &token.authorization_data()[0];
    assert!(data.authorization_token().is_some_and(|t| !t.is_empty()));
    assert!(data.expires_at().is_some());

    // A repository with images is not deleted without force.
    let not_empty = client
        .delete_repository()
        .repository_name(repo)
        .send()
        .await
        .unwrap_err();
    assert!(not_empty
        .into_service_error()
        .unwrap()
        .is_repository_not_empty_exception());

    // Batch-delete the image; a second time it is a failure entry, not an error.
    let deleted = client
        .batch_delete_image()
        .repository_name(repo)
        .image_ids(ImageIdentifier::builder().image_tag("v1").build())
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.image_ids().len(), 1);
    let twice = client
        .batch_delete_image()
        .repository_name(repo)
        .image_ids(ImageIdentifier::builder().image_tag("v1").build())
        .send()
        .await
        .unwrap();
    assert_eq!(twice.failures().len(), 1);

    // Put it back, then delete the repository with force.
    client
        .put_image()
        .repository_name(repo)
        .image_manifest(&manifest)
        .image_tag("v2")
        .send()
        .await
        .unwrap();
    let removed = client
        .delete_repository()
        .repository_name(repo)
        .force(true)
        .send()
        .await
        .unwrap();
    assert_eq!(
        removed.repository().and_then(|r| r.repository_name()),
        Some(repo)
    );
    let absent = client
        .describe_repositories()
        .repository_names(repo)
        .send()
        .await
        .unwrap_err();
    let absent = absent.into_service_error().unwrap();
    assert!(absent.is_repository_not_found_exception(), "{absent:?}");
    assert!(
        absent.message().is_some_and(|m| m.contains(repo)),
        "{absent:?}"
    );
}
