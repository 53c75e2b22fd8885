//! Shared by the tests: the binary started on a free port, clients, and the
//! push steps.
#![allow(dead_code)]

use apigen_runtime::{Blob, Credentials, RetryConfig};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const KEY: &str = "AKIDLOCALTEST";
pub const SECRET: &str = "local-test-secret";
pub const OTHER_KEY: &str = "AKIDSECONDPROFILE";
pub const OTHER_SECRET: &str = "second-secret";

/// The error code of a failed call (panics on success).
#[macro_export]
macro_rules! code {
    ($result:expr) => {{
        let err = $result.expect_err("the call should fail");
        let service = err.into_service_error().expect("a service error");
        service.code().unwrap_or_default().to_string()
    }};
}

/// A temporary directory with a credentials file of two profiles.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("credentials"),
            format!(
                "[default]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n\n\
                 [other]\naws_access_key_id = {OTHER_KEY}\naws_secret_access_key = {OTHER_SECRET}\n\
                 region = eu-west-1\n"
            ),
        )
        .unwrap();
        Workspace { dir }
    }

    pub fn credentials(&self) -> PathBuf {
        self.dir.path().join("credentials")
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }
}

/// The binary, serving until dropped (then killed).
pub struct Server {
    pub child: Child,
    pub url: String,
}

impl Server {
    /// `local-ecr --listen 127.0.0.1:0` with `args`, once it says it listens.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_local-ecr"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let Some(url) = line.trim().strip_prefix("local-ecr listening on ") else {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("no listening line: {line:?}; stderr: {err}");
        };
        Server {
            url: url.to_string(),
            child,
        }
    }

    /// On `ws`'s data directory with its credentials.
    pub fn durable(ws: &Workspace) -> Server {
        Server::start(&[
            "--data-dir",
            ws.data().to_str().unwrap(),
            "--credentials",
            ws.credentials().to_str().unwrap(),
        ])
    }

    /// A client signing with `key`/`secret` in `region`.
    pub fn client_as(&self, key: &str, secret: &str, region: &str) -> ecr::Client {
        ecr::Client::from_conf(
            ecr::Config::builder()
                .endpoint_url(&self.url)
                .region(region)
                .credentials(Credentials::new(key, secret, None))
                .retry(RetryConfig::disabled())
                .build(),
        )
    }

    /// A client with the default profile's key.
    pub fn client(&self) -> ecr::Client {
        self.client_as(KEY, SECRET, "us-east-1")
    }

    /// SIGKILL: nothing gets to flush.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn sha256(data: &[u8]) -> String {
    let d = ring::digest::digest(&ring::digest::SHA256, data);
    let hex: String = d.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Deterministic bytes.
pub fn bytes(seed: u8, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

/// Uploads `data` as a layer of `repo` in parts of `part` bytes; its digest.
pub async fn push_layer(client: &ecr::Client, repo: &str, data: &[u8], part: usize) -> String {
    let upload = client
        .initiate_layer_upload()
        .repository_name(repo)
        .send()
        .await
        .unwrap();
    let id = upload.upload_id.unwrap();
    for (i, chunk) in data.chunks(part).enumerate() {
        let first = (i * part) as i64;
        let out = client
            .upload_layer_part()
            .repository_name(repo)
            .upload_id(&id)
            .part_first_byte(first)
            .part_last_byte(first + chunk.len() as i64 - 1)
            .layer_part_blob(Blob::new(chunk.to_vec()))
            .send()
            .await
            .unwrap();
        assert_eq!(out.last_byte_received, Some(first + chunk.len() as i64 - 1));
    }
    let digest = sha256(data);
    let done = client
        .complete_layer_upload()
        .repository_name(repo)
        .upload_id(&id)
        .layer_digests(&digest)
        .send()
        .await
        .unwrap();
    assert_eq!(done.layer_digest.as_deref(), Some(digest.as_str()));
    digest
}

/// Pushes `data` as a layer of `repo` unless it is there already.
pub async fn ensure_layer(client: &ecr::Client, repo: &str, data: &[u8]) -> String {
    let there = client
        .batch_check_layer_availability()
        .repository_name(repo)
        .layer_digests(sha256(data))
        .send()
        .await
        .unwrap()
        .failures
        .unwrap_or_default()
        .is_empty();
    if there {
        sha256(data)
    } else {
        push_layer(client, repo, data, 1 << 20).await
    }
}

/// A Docker schema-2 manifest over a config and layers (digest, size).
pub fn manifest(config: (&str, usize), layers: &[(&str, usize)]) -> String {
    let layers: Vec<String> = layers
        .iter()
        .map(|(d, s)| {
            format!(
                r#"{{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":{s},"digest":"{d}"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{{"mediaType":"application/vnd.docker.container.image.v1+json","size":{},"digest":"{}"}},"layers":[{}]}}"#,
        config.1,
        config.0,
        layers.join(",")
    )
}

/// Pushes an image of one layer (`data`) with `tag`: (manifest, digest).
pub async fn push_image(
    client: &ecr::Client,
    repo: &str,
    tag: &str,
    data: &[u8],
) -> (String, String) {
    let config = format!(
        r#"{{"architecture":"amd64","os":"linux","rootfs":"{}"}}"#,
        sha256(data)
    );
    let config_digest = ensure_layer(client, repo, config.as_bytes()).await;
    let layer_digest = ensure_layer(client, repo, data).await;
    let text = manifest(
        (&config_digest, config.len()),
        &[(&layer_digest, data.len())],
    );
    let out = client
        .put_image()
        .repository_name(repo)
        .image_tag(tag)
        .image_manifest(&text)
        .send()
        .await
        .unwrap();
    let digest = out.image.unwrap().image_id.unwrap().image_digest.unwrap();
    assert_eq!(digest, sha256(text.as_bytes()));
    (text, digest)
}

/// GETs `url`: (status, body).
pub async fn get(url: &str) -> (u16, Vec<u8>) {
    use apigen_runtime::http::HttpClient as _;
    let http = apigen_runtime::http::HyperClient::new(std::time::Duration::from_secs(10));
    let request = apigen_runtime::http_types::Request::get(url)
        .body(apigen_runtime::bytes::Bytes::new())
        .unwrap();
    let response = http.send(request).await.expect("an answer");
    (response.status().as_u16(), response.body().to_vec())
}

pub fn exists(path: &Path) -> bool {
    path.exists()
}
