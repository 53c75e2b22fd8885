//! A bounded, deterministic fuzz run of the generated dispatcher: mutated
//! request bodies and targets go through `EcrRouter` (an implementation
//! that answers every operation it is given), and every answer must be one
//! the server means: never a panic, never a 5xx other than `NotImplemented`,
//! always a JSON body with a `__type` on errors.
#![cfg(feature = "server")]

use apigen_runtime::bytes::Bytes;
use apigen_runtime::server::{RequestContext, ResponseBody};
use apigen_runtime::tower_service::Service as _;
use ecr::server::{Ecr, EcrRouter};
use http_body_util::BodyExt as _;

/// Answers the operations a push and a listing use with empty outputs.
struct Accepting;

impl Ecr for Accepting {
    async fn create_repository(
        &self,
        _: ecr::operation::create_repository::CreateRepositoryInput,
        _: RequestContext,
    ) -> Result<
        ecr::operation::create_repository::CreateRepositoryOutput,
        ecr::operation::create_repository::CreateRepositoryError,
    > {
        Ok(ecr::operation::create_repository::CreateRepositoryOutput::builder().build())
    }

    async fn put_image(
        &self,
        _: ecr::operation::put_image::PutImageInput,
        _: RequestContext,
    ) -> Result<ecr::operation::put_image::PutImageOutput, ecr::operation::put_image::PutImageError>
    {
        Ok(ecr::operation::put_image::PutImageOutput::builder().build())
    }

    async fn describe_images(
        &self,
        _: ecr::operation::describe_images::DescribeImagesInput,
        _: RequestContext,
    ) -> Result<
        ecr::operation::describe_images::DescribeImagesOutput,
        ecr::operation::describe_images::DescribeImagesError,
    > {
        Ok(ecr::operation::describe_images::DescribeImagesOutput::builder().build())
    }
}

/// splitmix64: small, seedable, good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEEDS: &[(&str, &str)] = &[
    (
        "CreateRepository",
        r#"{"repositoryName":"team/app","tags":[{"Key":"k","Value":"v"}],"imageTagMutability":"IMMUTABLE","imageScanningConfiguration":{"scanOnPush":true},"encryptionConfiguration":{"encryptionType":"KMS","kmsKey":"arn:aws:kms:us-east-1:123456789012:key/x"}}"#,
    ),
    (
        "PutImage",
        r#"{"registryId":"123456789012","repositoryName":"team/app","imageManifest":"{\"schemaVersion\":2}","imageManifestMediaType":"application/vnd.docker.distribution.manifest.v2+json","imageTag":"v1","imageDigest":"sha256:0123"}"#,
    ),
    (
        "DescribeImages",
        r#"{"repositoryName":"team/app","imageIds":[{"imageTag":"v1"},{"imageDigest":"sha256:0123"}],"filter":{"tagStatus":"TAGGED"},"maxResults":10,"nextToken":"abc"}"#,
    ),
    (
        "UploadLayerPart",
        r#"{"repositoryName":"team/app","uploadId":"u","partFirstByte":0,"partLastByte":3,"layerPartBlob":"AAECAw=="}"#,
    ),
    (
        "BatchDeleteImage",
        r#"{"repositoryName":"team/app","imageIds":[{"imageTag":"v1"}]}"#,
    ),
];

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "null",
    "true",
    "-0",
    "1e999999",
    "1E+",
    "0.0000001",
    "99999999999999999999",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\u{0}",
    "\u{feff}",
    "{\"a\":1,\"a\":2}",
    "[[[[[[[[[[",
    "\"repositoryName\"",
    "\"tags\"",
    "\"imageIds\"",
    "\"maxResults\"",
    " ",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut body = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(body.len() + 1);
        match rng.below(6) {
            0 if !body.is_empty() => {
                let i = rng.below(body.len());
                body[i] ^= 1 << rng.below(8);
            }
            1 => body.truncate(at),
            2 => {
                let f = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                body.splice(at..at, f.iter().copied());
            }
            3 if at < body.len() => {
                let end = (at + rng.below(16)).min(body.len());
                body.drain(at..end);
            }
            4 => {
                // Splice a piece of another seed in.
                let other = SEEDS[rng.below(SEEDS.len())].1.as_bytes();
                let from = rng.below(other.len());
                let to = (from + rng.below(32)).min(other.len());
                body.splice(at..at, other[from..to].iter().copied());
            }
            _ => body.insert(at.min(body.len()), rng.next() as u8),
        }
    }
    body
}

#[tokio::test]
async fn mutated_requests_never_get_an_unmeant_answer() {
    let router = EcrRouter::new(Accepting);
    let mut rng = Rng(0x5EED_0001);
    let operations: Vec<&str> = SEEDS.iter().map(|(op, _)| *op).collect();
    let runs: usize = std::env::var("FUZZ_DISPATCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for i in 0..runs {
        let (op, seed) = SEEDS[rng.below(SEEDS.len())];
        let op = if rng.below(20) == 0 {
            operations[rng.below(operations.len())]
        } else {
            op
        };
        let body = if i % 10 == 0 {
            seed.as_bytes().to_vec()
        } else {
            mutate(&mut rng, seed.as_bytes())
        };
        let request = apigen_runtime::http_types::Request::post("http://x/")
            .header(
                "x-amz-target",
                format!("AmazonEC2ContainerRegistry_V20150921.{op}"),
            )
            .header("content-type", "application/x-amz-json-1.1")
            .body(ResponseBody::new(Bytes::from(body.clone())))
            .unwrap();
        let response = router.clone().call(request).await.unwrap();
        let status = response.status().as_u16();
        *statuses.entry(status).or_default() += 1;
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let shown = String::from_utf8_lossy(&body);
        assert!(
            matches!(status, 200 | 400 | 501),
            "{op} {shown}: status {status}, {bytes:?}"
        );
        let parsed: serde_json::Value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{op} {shown}: answer is not JSON ({e}): {bytes:?}"));
        if status != 200 {
            assert!(parsed["__type"].is_string(), "{op} {shown}: {parsed}");
        }
    }
    // The run exercised both sides: decodable inputs and refusals.
    assert!(
        statuses.get(&200).copied().unwrap_or(0) > runs / 20,
        "{statuses:?}"
    );
    assert!(
        statuses.get(&400).copied().unwrap_or(0) > runs / 4,
        "{statuses:?}"
    );
    println!("fuzz_dispatch: {runs} requests, answers by status {statuses:?}");
}
