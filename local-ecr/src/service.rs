//! The generated `Ecr` trait implemented over the store, with ECR's rules.

use crate::store::{
    self, Blobs, StoreError, IMAGES, LAYERS, MANIFESTS, META, POLICIES, REPOS, REPO_TAGS, TAGS,
    UPLOADS,
};
use crate::util;
use apigen_runtime::server::RequestContext;
use apigen_runtime::wire::{from_json_slice, to_json_body};
use apigen_runtime::DateTime;
use ecr::operation::batch_check_layer_availability::*;
use ecr::operation::batch_delete_image::*;
use ecr::operation::batch_get_image::*;
use ecr::operation::complete_layer_upload::*;
use ecr::operation::create_repository::*;
use ecr::operation::delete_repository::*;
use ecr::operation::delete_repository_policy::*;
use ecr::operation::describe_images::*;
use ecr::operation::describe_repositories::*;
use ecr::operation::get_authorization_token::*;
use ecr::operation::get_download_url_for_layer::*;
use ecr::operation::get_repository_policy::*;
use ecr::operation::initiate_layer_upload::*;
use ecr::operation::list_images::*;
use ecr::operation::put_image::*;
use ecr::operation::set_repository_policy::*;
use ecr::operation::upload_layer_part::*;
use ecr::types::error::*;
use ecr::types::{
    AuthorizationData, EncryptionConfiguration, EncryptionType, Image, ImageDetail, ImageFailure,
    ImageFailureCode, ImageIdentifier, ImageScanningConfiguration, ImageTagMutability,
    ImageTagMutabilityExclusionFilter, Layer, LayerAvailability, LayerFailure, LayerFailureCode,
    Repository, TagStatus,
};
use redb::{Database, ReadableTable};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;

/// The part size `InitiateLayerUpload` answers (ECR's).
pub const PART_SIZE: i64 = 10 * 1024 * 1024;
/// How long a layer download URL stays valid.
pub const DOWNLOAD_URL_TTL_SECS: i64 = 3600;
/// How long an authorization token is said to be valid (ECR's 12 hours).
pub const TOKEN_TTL_SECS: i64 = 12 * 3600;
/// The media type of a layer whose manifest has not said otherwise.
const LAYER_MEDIA_TYPE: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
const DOCKER_MANIFEST_V2: &str = "application/vnd.docker.distribution.manifest.v2+json";

/// Who this registry is.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The account id (registry id) of every repository.
    pub account_id: String,
    /// The region in ARNs and URIs.
    pub region: String,
    /// This server's own base URL (`http://127.0.0.1:5000`), for download
    /// URLs and the authorization token's proxy endpoint.
    pub public_url: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            account_id: "000000000000".into(),
            region: "us-east-1".into(),
            public_url: "http://127.0.0.1:5000".into(),
        }
    }
}

/// A local ECR: cheap to clone (shared state).
#[derive(Clone)]
pub struct LocalEcr {
    inner: Arc<Inner>,
}

struct Inner {
    db: Database,
    blobs: Blobs,
    settings: Settings,
    url_key: ring::hmac::Key,
    /// Every repository, decoded: DescribeRepositories pages from here
    /// instead of decoding each stored record again (redb stays the record
    /// of truth; this mirrors the REPOS table).
    repositories: std::sync::RwLock<std::collections::BTreeMap<String, Repository>>,
    /// Held across a write that changes REPOS and the mirror's update, so
    /// the mirror changes in commit order.
    repository_writes: std::sync::Mutex<()>,
}

impl LocalEcr {
    /// A registry stored under `data_dir` (created if needed), or in memory
    /// when `None`.
    pub fn open(data_dir: Option<&Path>, settings: Settings) -> Result<LocalEcr, StoreError> {
        let db = store::open_database(data_dir)?;
        let blobs = match data_dir {
            Some(dir) => Blobs::disk(dir)?,
            None => Blobs::memory(),
        };
        // The download-URL signing key, kept so that URLs survive restarts.
        let txn = db.begin_write()?;
        let key = {
            let mut meta = txn.open_table(META)?;
            let existing = meta.get("url_key")?.map(|v| v.value().to_vec());
            match existing {
                Some(k) => k,
                None => {
                    let k = util::random_bytes(32);
                    meta.insert("url_key", k.as_slice())?;
                    k
                }
            }
        };
        txn.commit()?;
        let mut repositories = std::collections::BTreeMap::new();
        {
            let txn = db.begin_read()?;
            let table = txn.open_table(REPOS)?;
            for entry in table.iter()? {
                let (name, record) = entry?;
                repositories.insert(
                    name.value().to_string(),
                    decode::<Repository>(record.value())?,
                );
            }
        }
        Ok(LocalEcr {
            inner: Arc::new(Inner {
                db,
                blobs,
                settings,
                url_key: ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key),
                repositories: std::sync::RwLock::new(repositories),
                repository_writes: std::sync::Mutex::new(()),
            }),
        })
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    /// Runs `f` on a blocking thread (redb and file I/O block).
    async fn run<T: Send + 'static>(&self, f: impl FnOnce(&Inner) -> T + Send + 'static) -> T {
        let inner = self.inner.clone();
        match tokio::task::spawn_blocking(move || f(&inner)).await {
            Ok(v) => v,
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }

    /// The bytes of layer `digest` of `repo` when `expires` and `signature`
    /// (from a download URL) check out: `Ok(None)` when there is no such
    /// layer, `Err` with a reason when the URL is not valid.
    pub async fn download(
        &self,
        repo: String,
        digest: String,
        expires: i64,
        signature: String,
    ) -> Result<Option<Vec<u8>>, String> {
        self.run(move |inner| {
            let valid = util::unhex(&signature).is_some_and(|tag| {
                ring::hmac::verify(
                    &inner.url_key,
                    url_message(&repo, &digest, expires).as_bytes(),
                    &tag,
                )
                .is_ok()
            });
            if !valid {
                return Err("the download URL's signature does not match".to_string());
            }
            if DateTime::now().secs() > expires {
                return Err("the download URL has expired".to_string());
            }
            let hex = util::sha256_hex(&digest).ok_or("not a sha256 digest")?;
            let known = (|| -> Result<bool, StoreError> {
                let txn = inner.db.begin_read()?;
                let layers = txn.open_table(LAYERS)?;
                Ok(layers.get((repo.as_str(), digest.as_str()))?.is_some())
            })()
            .map_err(|e| e.0)?;
            if !known {
                return Ok(None);
            }
            inner.blobs.read_blob(hex).map_err(|e| e.to_string())
        })
        .await
    }
}

/// Errors every operation has: storage failures become `ServerException`,
/// bad parameters `InvalidParameterException`.
trait OpError: From<StoreError> {
    fn invalid(message: String) -> Self;
}

/// Errors of operations on one repository.
trait RepoError: OpError {
    fn repo_not_found(e: RepositoryNotFoundException) -> Self;
}

macro_rules! op_errors {
    ($($e:ident),* $(,)?) => {$(
        impl From<StoreError> for $e {
            fn from(e: StoreError) -> Self {
                $e::ServerException(ServerException::builder().message(e.0).build())
            }
        }
        impl OpError for $e {
            fn invalid(message: String) -> Self {
                $e::InvalidParameterException(
                    InvalidParameterException::builder().message(message).build(),
                )
            }
        }
    )*};
}
op_errors!(
    BatchCheckLayerAvailabilityError,
    BatchDeleteImageError,
    BatchGetImageError,
    CompleteLayerUploadError,
    CreateRepositoryError,
    DeleteRepositoryError,
    DeleteRepositoryPolicyError,
    DescribeImagesError,
    DescribeRepositoriesError,
    GetAuthorizationTokenError,
    GetDownloadUrlForLayerError,
    GetRepositoryPolicyError,
    InitiateLayerUploadError,
    ListImagesError,
    PutImageError,
    SetRepositoryPolicyError,
    UploadLayerPartError,
);

macro_rules! repo_errors {
    ($($e:ident),* $(,)?) => {$(
        impl RepoError for $e {
            fn repo_not_found(e: RepositoryNotFoundException) -> Self {
                $e::RepositoryNotFoundException(e)
            }
        }
    )*};
}
repo_errors!(
    BatchCheckLayerAvailabilityError,
    BatchDeleteImageError,
    BatchGetImageError,
    CompleteLayerUploadError,
    DeleteRepositoryError,
    DeleteRepositoryPolicyError,
    DescribeImagesError,
    DescribeRepositoriesError,
    GetDownloadUrlForLayerError,
    GetRepositoryPolicyError,
    InitiateLayerUploadError,
    ListImagesError,
    PutImageError,
    SetRepositoryPolicyError,
    UploadLayerPartError,
);

macro_rules! modeled {
    ($t:ident, $($arg:tt)*) => {
        $t::builder().message(format!($($arg)*)).build()
    };
}

fn decode<T: apigen_runtime::wire::Decode>(bytes: &[u8]) -> Result<T, StoreError> {
    Ok(from_json_slice(bytes)?)
}

fn encode<T: apigen_runtime::wire::Encode>(value: &T) -> Result<Vec<u8>, StoreError> {
    Ok(to_json_body(value)?)
}

/// The page size asked for, or the default (the router checked the range).
fn page_size(max_results: Option<i32>) -> usize {
    max_results.map(|n| n.max(1) as usize).unwrap_or(100)
}

/// Whether `tag` matches an exclusion filter (`*` matches any run).
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}

/// ECR's repository-name rule, anchored (the model's `@pattern` is not,
/// so the router lets `Team/App` through): `/`-separated components of
/// lowercase letters and digits joined by `.`, `_`, `__` or runs of `-`.
pub(crate) fn valid_repository_name(name: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    (2..=256).contains(&name.len())
        && name.split('/').all(|component| {
            let mut rest = component;
            loop {
                let run = rest.find(|c: char| !alnum(c)).unwrap_or(rest.len());
                if run == 0 {
                    return false;
                }
                rest = &rest[run..];
                if rest.is_empty() {
                    return true;
                }
                let sep = rest.find(alnum).unwrap_or(rest.len());
                let separator = &rest[..sep];
                if !(matches!(separator, "." | "_" | "__") || separator.bytes().all(|b| b == b'-'))
                {
                    return false;
                }
                rest = &rest[sep..];
            }
        })
}

fn tag_is_immutable(repo: &Repository, tag: &str) -> bool {
    let excluded = || {
        repo.image_tag_mutability_exclusion_filters
            .iter()
            .flatten()
            .any(|f: &ImageTagMutabilityExclusionFilter| wildcard_match(f.filter(), tag))
    };
    match repo.image_tag_mutability {
        Some(ImageTagMutability::Immutable) => true,
        Some(ImageTagMutability::ImmutableWithExclusion) => !excluded(),
        Some(ImageTagMutability::MutableWithExclusion) => excluded(),
        _ => false,
    }
}

fn describe_id(id: &ImageIdentifier) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &id.image_digest {
        parts.push(format!("imageDigest:'{d}'"));
    }
    if let Some(t) = &id.image_tag {
        parts.push(format!("imageTag:'{t}'"));
    }
    format!("{{{}}}", parts.join(", "))
}

fn failure(id: &ImageIdentifier, code: ImageFailureCode, reason: &str) -> ImageFailure {
    ImageFailure::builder()
        .image_id(id.clone())
        .failure_code(code)
        .failure_reason(reason)
        .build()
}

/// The digests a manifest references: (layers and config, child images).
fn manifest_references(manifest: &serde_json::Value) -> (Vec<(String, bool)>, Vec<String>) {
    let mut blobs = Vec::new();
    if let Some(d) = manifest["config"]["digest"].as_str() {
        blobs.push((d.to_string(), false));
    }
    for layer in manifest["layers"].as_array().into_iter().flatten() {
        if let Some(d) = layer["digest"].as_str() {
            blobs.push((d.to_string(), true));
        }
    }
    // Schema 1 manifests name their layers under `fsLayers`.
    for layer in manifest["fsLayers"].as_array().into_iter().flatten() {
        if let Some(d) = layer["blobSum"].as_str() {
            blobs.push((d.to_string(), true));
        }
    }
    let images = manifest["manifests"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["digest"].as_str().map(str::to_string))
        .collect();
    (blobs, images)
}

/// What a download URL's signature covers.
fn url_message(repo: &str, digest: &str, expires: i64) -> String {
    format!("{repo}\n{digest}\n{expires}")
}

type Tables<'t> = redb::Table<'t, (&'static str, &'static str), &'static str>;

impl Inner {
    fn repo_not_found(&self, name: &str) -> RepositoryNotFoundException {
        modeled!(
            RepositoryNotFoundException,
            "The repository with name '{name}' does not exist in the registry with id '{}'",
            self.settings.account_id
        )
    }

    fn check_registry<E: OpError>(&self, registry_id: Option<&str>) -> Result<(), E> {
        match registry_id {
            Some(id) if id != self.settings.account_id => Err(E::invalid(format!(
                "Invalid parameter at 'registryId' failed to satisfy constraint: 'this registry's id is {}, not {id}'",
                self.settings.account_id
            ))),
            _ => Ok(()),
        }
    }

    /// The repository `name`, or `RepositoryNotFoundException`.
    fn require_repo<E: RepoError>(
        &self,
        repos: &impl ReadableTable<&'static str, &'static [u8]>,
        name: &str,
    ) -> Result<Repository, E> {
        match repos.get(name).map_err(StoreError::from)? {
            Some(v) => Ok(decode(v.value())?),
            None => Err(E::repo_not_found(self.repo_not_found(name))),
        }
    }

    fn url_signature(&self, repo: &str, digest: &str, expires: i64) -> String {
        let tag = ring::hmac::sign(&self.url_key, url_message(repo, digest, expires).as_bytes());
        util::hex(tag.as_ref())
    }

    /// Tags of `repo` by image digest.
    fn tags_by_digest(
        tags: &impl ReadableTable<(&'static str, &'static str), &'static str>,
        repo: &str,
    ) -> Result<BTreeMap<String, Vec<String>>, StoreError> {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for entry in tags.range((repo, "")..)? {
            let (k, v) = entry?;
            let (r, tag) = k.value();
            if r != repo {
                break;
            }
            map.entry(v.value().to_string())
                .or_default()
                .push(tag.to_string());
        }
        Ok(map)
    }

    /// The manifest lists of `repo` that name image `digest`.
    fn manifest_lists_referencing(
        manifests: &impl ReadableTable<(&'static str, &'static str), &'static str>,
        repo: &str,
        digest: &str,
    ) -> Result<Vec<String>, StoreError> {
        let mut lists = Vec::new();
        for entry in manifests.range((repo, "")..)? {
            let (k, v) = entry?;
            let (r, list) = k.value();
            if r != repo {
                break;
            }
            let text = v.value();
            if list == digest || !text.contains(digest) {
                continue;
            }
            if let Ok(m) = serde_json::from_str::<serde_json::Value>(text) {
                if manifest_references(&m).1.iter().any(|d| d == digest) {
                    lists.push(list.to_string());
                }
            }
        }
        Ok(lists)
    }

    /// The digest an image id names in `repo`, or why not.
    fn resolve(
        images: &impl ReadableTable<(&'static str, &'static str), &'static [u8]>,
        tags: &impl ReadableTable<(&'static str, &'static str), &'static str>,
        repo: &str,
        id: &ImageIdentifier,
    ) -> Result<Result<String, ImageFailure>, StoreError> {
        let by_tag = match &id.image_tag {
            Some(tag) => match tags.get((repo, tag.as_str()))? {
                Some(d) => Some(d.value().to_string()),
                None => {
                    return Ok(Err(failure(
                        id,
                        ImageFailureCode::ImageNotFound,
                        "Requested image not found",
                    )))
                }
            },
            None => None,
        };
        match (&id.image_digest, by_tag) {
            (None, None) => Ok(Err(failure(
                id,
                ImageFailureCode::MissingDigestAndTag,
                "Invalid request parameters: both tag and digest cannot be null",
            ))),
            (Some(d), Some(t)) if *d != t => Ok(Err(failure(
                id,
                ImageFailureCode::ImageTagDoesNotMatchDigest,
                "Invalid request parameters: image tag digest mismatch",
            ))),
            (_, Some(t)) => Ok(Ok(t)),
            (Some(d), None) => {
                if util::sha256_hex(d).is_none() {
                    return Ok(Err(failure(
                        id,
                        ImageFailureCode::InvalidImageDigest,
                        "Invalid request parameters: image digest should satisfy the regex 'sha256:[a-f0-9]{64}'",
                    )));
                }
                if images.get((repo, d.as_str()))?.is_some() {
                    Ok(Ok(d.clone()))
                } else {
                    Ok(Err(failure(
                        id,
                        ImageFailureCode::ImageNotFound,
                        "Requested image not found",
                    )))
                }
            }
        }
    }

    fn create_repository(
        &self,
        input: CreateRepositoryInput,
    ) -> Result<CreateRepositoryOutput, CreateRepositoryError> {
        self.check_registry::<CreateRepositoryError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        if !valid_repository_name(&name) {
            return Err(CreateRepositoryError::invalid(format!(
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*' and be 2 to 256 characters': {name:?}"
            )));
        }
        let tags = input.tags.unwrap_or_default();
        if tags.len() > 50 {
            return Err(CreateRepositoryError::TooManyTagsException(modeled!(
                TooManyTagsException,
                "The repository can have at most 50 tags; {} were given",
                tags.len()
            )));
        }
        let mut keys = BTreeSet::new();
        for t in &tags {
            if !keys.insert(t.key.as_str()) {
                return Err(CreateRepositoryError::InvalidTagParameterException(
                    modeled!(
                        InvalidTagParameterException,
                        "The tag key '{}' is given more than once",
                        t.key
                    ),
                ));
            }
        }
        let s = &self.settings;
        let mut repo = Repository::default();
        repo.repository_arn = Some(format!(
            "arn:aws:ecr:{}:{}:repository/{name}",
            s.region, s.account_id
        ));
        repo.registry_id = Some(s.account_id.clone());
        repo.repository_name = Some(name.clone());
        repo.repository_uri = Some(format!(
            "{}.dkr.ecr.{}.amazonaws.com/{name}",
            s.account_id, s.region
        ));
        repo.created_at = Some(DateTime::from_millis(
            DateTime::now().to_millis().unwrap_or_default(),
        ));
        repo.image_tag_mutability = Some(
            input
                .image_tag_mutability
                .unwrap_or(ImageTagMutability::Mutable),
        );
        repo.image_tag_mutability_exclusion_filters = input.image_tag_mutability_exclusion_filters;
        repo.image_scanning_configuration =
            Some(input.image_scanning_configuration.unwrap_or_else(|| {
                ImageScanningConfiguration::builder()
                    .scan_on_push(false)
                    .build()
            }));
        repo.encryption_configuration = Some(input.encryption_configuration.unwrap_or_else(|| {
            let mut e = EncryptionConfiguration::default();
            e.encryption_type = EncryptionType::Aes256;
            e
        }));
        let _writing = self
            .repository_writes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        {
            let mut repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            if repos
                .get(name.as_str())
                .map_err(StoreError::from)?
                .is_some()
            {
                return Err(CreateRepositoryError::RepositoryAlreadyExistsException(
                    modeled!(
                        RepositoryAlreadyExistsException,
                        "The repository with name '{name}' already exists in the registry with id '{}'",
                        s.account_id
                    ),
                ));
            }
            repos
                .insert(name.as_str(), encode(&repo)?.as_slice())
                .map_err(StoreError::from)?;
            let mut repo_tags = txn.open_table(REPO_TAGS).map_err(StoreError::from)?;
            repo_tags
                .insert(name.as_str(), encode(&tags)?.as_slice())
                .map_err(StoreError::from)?;
        }
        txn.commit().map_err(StoreError::from)?;
        self.mirror().insert(name.clone(), repo.clone());
        Ok(CreateRepositoryOutput::builder().repository(repo).build())
    }

    /// The repository mirror, for a writer holding `repository_writes`.
    fn mirror(
        &self,
    ) -> std::sync::RwLockWriteGuard<'_, std::collections::BTreeMap<String, Repository>> {
        self.repositories
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn describe_repositories(
        &self,
        input: DescribeRepositoriesInput,
    ) -> Result<DescribeRepositoriesOutput, DescribeRepositoriesError> {
        self.check_registry::<DescribeRepositoriesError>(input.registry_id.as_deref())?;
        if let Some(names) = input.repository_names {
            if input.max_results.is_some() || input.next_token.is_some() {
                return Err(DescribeRepositoriesError::invalid(
                    "maxResults and nextToken cannot be used together with repositoryNames".into(),
                ));
            }
            let txn = self.db.begin_read().map_err(StoreError::from)?;
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            let mut found = Vec::new();
            for name in names {
                found.push(self.require_repo::<DescribeRepositoriesError>(&repos, &name)?);
            }
            return Ok(DescribeRepositoriesOutput::builder()
                .set_repositories(Some(found))
                .build());
        }
        let limit = page_size(input.max_results);
        let after = match &input.next_token {
            Some(t) => Some(util::parse_page_token("repositories", t).ok_or_else(|| {
                DescribeRepositoriesError::invalid("Invalid parameter at 'nextToken'".into())
            })?),
            None => None,
        };
        let lower = match &after {
            Some(a) => Bound::Excluded(a.as_str()),
            None => Bound::Unbounded,
        };
        let mut page = Vec::new();
        let mut more = false;
        {
            let mirror = self
                .repositories
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            for repository in mirror
                .range::<str, _>((lower, Bound::Unbounded))
                .map(|(_, r)| r)
            {
                if page.len() == limit {
                    more = true;
                    break;
                }
                page.push(repository.clone());
            }
        }
        let next = more.then(|| {
            util::page_token(
                "repositories",
                page.last().unwrap().repository_name.as_deref().unwrap(),
            )
        });
        Ok(DescribeRepositoriesOutput::builder()
            .set_repositories(Some(page))
            .set_next_token(next)
            .build())
    }

    fn delete_repository(
        &self,
        input: DeleteRepositoryInput,
    ) -> Result<(DeleteRepositoryOutput, Vec<String>), DeleteRepositoryError> {
        self.check_registry::<DeleteRepositoryError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let _writing = self
            .repository_writes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let mut dropped_uploads = Vec::new();
        let repo;
        {
            let mut repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            repo = self.require_repo::<DeleteRepositoryError>(&repos, &name)?;
            let mut images = txn.open_table(IMAGES).map_err(StoreError::from)?;
            let digests = store::keys_of_repo(&images, &name)?;
            if !digests.is_empty() && !input.force.unwrap_or(false) {
                return Err(DeleteRepositoryError::RepositoryNotEmptyException(modeled!(
                    RepositoryNotEmptyException,
                    "The repository with name '{name}' in registry with id '{}' cannot be deleted because it still contains images",
                    self.settings.account_id
                )));
            }
            for d in &digests {
                images
                    .remove((name.as_str(), d.as_str()))
                    .map_err(StoreError::from)?;
            }
            let mut manifests = txn.open_table(MANIFESTS).map_err(StoreError::from)?;
            for d in store::keys_of_repo(&manifests, &name)? {
                manifests
                    .remove((name.as_str(), d.as_str()))
                    .map_err(StoreError::from)?;
            }
            let mut tags: Tables = txn.open_table(TAGS).map_err(StoreError::from)?;
            for t in store::keys_of_repo(&tags, &name)? {
                tags.remove((name.as_str(), t.as_str()))
                    .map_err(StoreError::from)?;
            }
            let mut layers = txn.open_table(LAYERS).map_err(StoreError::from)?;
            for d in store::keys_of_repo(&layers, &name)? {
                layers
                    .remove((name.as_str(), d.as_str()))
                    .map_err(StoreError::from)?;
            }
            let mut uploads = txn.open_table(UPLOADS).map_err(StoreError::from)?;
            for entry in uploads.iter().map_err(StoreError::from)? {
                let (k, v) = entry.map_err(StoreError::from)?;
                if v.value().0 == name {
                    dropped_uploads.push(k.value().to_string());
                }
            }
            for id in &dropped_uploads {
                uploads.remove(id.as_str()).map_err(StoreError::from)?;
            }
            let mut policies = txn.open_table(POLICIES).map_err(StoreError::from)?;
            policies.remove(name.as_str()).map_err(StoreError::from)?;
            let mut repo_tags = txn.open_table(REPO_TAGS).map_err(StoreError::from)?;
            repo_tags.remove(name.as_str()).map_err(StoreError::from)?;
            repos.remove(name.as_str()).map_err(StoreError::from)?;
        }
        txn.commit().map_err(StoreError::from)?;
        self.mirror().remove(&name);
        Ok((
            DeleteRepositoryOutput::builder().repository(repo).build(),
            dropped_uploads,
        ))
    }

    fn initiate_layer_upload(
        &self,
        input: InitiateLayerUploadInput,
    ) -> Result<InitiateLayerUploadOutput, InitiateLayerUploadError> {
        self.check_registry::<InitiateLayerUploadError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let id = util::uuid();
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        {
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            self.require_repo::<InitiateLayerUploadError>(&repos, &name)?;
            self.blobs.create_upload(&id).map_err(StoreError::from)?;
            let mut uploads = txn.open_table(UPLOADS).map_err(StoreError::from)?;
            uploads
                .insert(id.as_str(), (name.as_str(), 0u64))
                .map_err(StoreError::from)?;
        }
        txn.commit().map_err(StoreError::from)?;
        Ok(InitiateLayerUploadOutput::builder()
            .upload_id(id)
            .part_size(PART_SIZE)
            .build())
    }

    fn upload_not_found(&self, id: &str, repo: &str) -> UploadNotFoundException {
        modeled!(
            UploadNotFoundException,
            "Upload with id '{id}' is not found in the repository with name '{repo}' in the registry with id '{}'",
            self.settings.account_id
        )
    }

    fn upload_layer_part(
        &self,
        input: UploadLayerPartInput,
    ) -> Result<UploadLayerPartOutput, UploadLayerPartError> {
        self.check_registry::<UploadLayerPartError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let id = input.upload_id.unwrap_or_default();
        let data = input
            .layer_part_blob
            .map(|b| b.into_inner())
            .unwrap_or_default();
        let first = input.part_first_byte.unwrap_or(0);
        let last = input.part_last_byte.unwrap_or(-1);
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let received;
        {
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            self.require_repo::<UploadLayerPartError>(&repos, &name)?;
            let mut uploads = txn.open_table(UPLOADS).map_err(StoreError::from)?;
            let so_far = match uploads.get(id.as_str()).map_err(StoreError::from)? {
                Some(v) if v.value().0 == name => v.value().1,
                _ => {
                    return Err(UploadLayerPartError::UploadNotFoundException(
                        self.upload_not_found(&id, &name),
                    ))
                }
            };
            let invalid = |message: String| {
                let mut e = InvalidLayerPartException::builder()
                    .registry_id(&self.settings.account_id)
                    .repository_name(&name)
                    .upload_id(&id)
                    .message(message);
                if so_far > 0 {
                    e = e.last_valid_byte_received(so_far as i64 - 1);
                }
                UploadLayerPartError::InvalidLayerPartException(Box::new(e.build()))
            };
            if first != so_far as i64 {
                return Err(invalid(format!(
                    "The part's first byte {first} is not the next byte of the upload ({so_far}): parts must be uploaded in order, without gaps or overlaps"
                )));
            }
            if data.is_empty() || last != first + data.len() as i64 - 1 {
                return Err(invalid(format!(
                    "The part spans bytes {first}-{last} but carries {} bytes",
                    data.len()
                )));
            }
            self.blobs
                .append_part(&id, so_far, &data)
                .map_err(StoreError::from)?;
            received = so_far + data.len() as u64;
            uploads
                .insert(id.as_str(), (name.as_str(), received))
                .map_err(StoreError::from)?;
        }
        txn.commit().map_err(StoreError::from)?;
        Ok(UploadLayerPartOutput::builder()
            .registry_id(&self.settings.account_id)
            .repository_name(name)
            .upload_id(id)
            .last_byte_received(received as i64 - 1)
            .build())
    }

    fn complete_layer_upload(
        &self,
        input: CompleteLayerUploadInput,
    ) -> Result<CompleteLayerUploadOutput, CompleteLayerUploadError> {
        self.check_registry::<CompleteLayerUploadError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let id = input.upload_id.unwrap_or_default();
        let digests = input.layer_digests.unwrap_or_default();
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let digest;
        let mut outcome = Ok(());
        {
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            self.require_repo::<CompleteLayerUploadError>(&repos, &name)?;
            let mut uploads = txn.open_table(UPLOADS).map_err(StoreError::from)?;
            let received = match uploads.get(id.as_str()).map_err(StoreError::from)? {
                Some(v) if v.value().0 == name => v.value().1,
                _ => {
                    return Err(CompleteLayerUploadError::UploadNotFoundException(
                        self.upload_not_found(&id, &name),
                    ))
                }
            };
            if digests.len() != 1 {
                return Err(CompleteLayerUploadError::invalid(format!(
                    "Invalid parameter at 'layerDigests': exactly one digest is expected, {} were given",
                    digests.len()
                )));
            }
            digest = digests[0].clone();
            if received == 0 {
                return Err(CompleteLayerUploadError::EmptyUploadException(modeled!(
                    EmptyUploadException,
                    "The upload with id '{id}' contains no data"
                )));
            }
            let Some(claimed) = util::sha256_hex(&digest) else {
                return Err(CompleteLayerUploadError::InvalidLayerException(modeled!(
                    InvalidLayerException,
                    "The layer digest '{digest}' is not a valid sha256 digest"
                )));
            };
            let actual = match self
                .blobs
                .hash_upload(&id, received)
                .map_err(StoreError::from)?
            {
                Some(h) => h,
                // Renamed into place by an earlier attempt that crashed
                // before its commit.
                None if self.blobs.has_blob(claimed) => claimed.to_string(),
                None => {
                    return Err(StoreError(format!("the data of upload {id} is missing")).into())
                }
            };
            if actual != claimed {
                return Err(CompleteLayerUploadError::InvalidLayerException(modeled!(
                    InvalidLayerException,
                    "The layer digest '{digest}' does not match the digest of the uploaded bytes, 'sha256:{actual}'"
                )));
            }
            let mut layers = txn.open_table(LAYERS).map_err(StoreError::from)?;
            uploads.remove(id.as_str()).map_err(StoreError::from)?;
            if layers
                .get((name.as_str(), digest.as_str()))
                .map_err(StoreError::from)?
                .is_some()
            {
                outcome = Err(CompleteLayerUploadError::LayerAlreadyExistsException(
                    modeled!(
                        LayerAlreadyExistsException,
                        "The layer with digest '{digest}' already exists in the repository with name '{name}' in the registry with id '{}'",
                        self.settings.account_id
                    ),
                ));
            } else {
                self.blobs
                    .commit_upload(&id, received, claimed)
                    .map_err(StoreError::from)?;
                layers
                    .insert((name.as_str(), digest.as_str()), received)
                    .map_err(StoreError::from)?;
            }
        }
        txn.commit().map_err(StoreError::from)?;
        if outcome.is_err() {
            self.blobs.discard_upload(&id);
        }
        outcome?;
        Ok(CompleteLayerUploadOutput::builder()
            .registry_id(&self.settings.account_id)
            .repository_name(name)
            .upload_id(id)
            .layer_digest(digest)
            .build())
    }

    fn batch_check_layer_availability(
        &self,
        input: BatchCheckLayerAvailabilityInput,
    ) -> Result<BatchCheckLayerAvailabilityOutput, BatchCheckLayerAvailabilityError> {
        self.check_registry::<BatchCheckLayerAvailabilityError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let txn = self.db.begin_read().map_err(StoreError::from)?;
        let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
        self.require_repo::<BatchCheckLayerAvailabilityError>(&repos, &name)?;
        let layers_table = txn.open_table(LAYERS).map_err(StoreError::from)?;
        let mut layers = Vec::new();
        let mut failures = Vec::new();
        for digest in input.layer_digests.unwrap_or_default() {
            if util::sha256_hex(&digest).is_none() {
                failures.push(
                    LayerFailure::builder()
                        .layer_digest(&digest)
                        .failure_code(LayerFailureCode::InvalidLayerDigest)
                        .failure_reason(format!("Invalid layer digest '{digest}'"))
                        .build(),
                );
                continue;
            }
            match layers_table
                .get((name.as_str(), digest.as_str()))
                .map_err(StoreError::from)?
            {
                Some(size) => layers.push(
                    Layer::builder()
                        .layer_digest(&digest)
                        .layer_availability(LayerAvailability::Available)
                        .layer_size(size.value() as i64)
                        .media_type(LAYER_MEDIA_TYPE)
                        .build(),
                ),
                None => failures.push(
                    LayerFailure::builder()
                        .layer_digest(&digest)
                        .failure_code(LayerFailureCode::MissingLayerDigest)
                        .failure_reason("Could not find layer")
                        .build(),
                ),
            }
        }
        Ok(BatchCheckLayerAvailabilityOutput::builder()
            .set_layers(Some(layers))
            .set_failures(Some(failures))
            .build())
    }

    fn put_image(&self, input: PutImageInput) -> Result<PutImageOutput, PutImageError> {
        self.check_registry::<PutImageError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let manifest_text = input.image_manifest.unwrap_or_default();
        let digest = util::sha256_digest(manifest_text.as_bytes());
        if let Some(given) = &input.image_digest {
            if *given != digest {
                return Err(PutImageError::ImageDigestDoesNotMatchException(modeled!(
                    ImageDigestDoesNotMatchException,
                    "Invalid parameter at 'imageDigest' failed to satisfy constraint: '{given}' is not the digest of the manifest, '{digest}'"
                )));
            }
        }
        let manifest: serde_json::Value = serde_json::from_str(&manifest_text).map_err(|e| {
            PutImageError::invalid(format!(
                "Invalid parameter at 'imageManifest' failed to satisfy constraint: 'Invalid JSON syntax: {e}'"
            ))
        })?;
        if !manifest.is_object() {
            return Err(PutImageError::invalid(
                "Invalid parameter at 'imageManifest' failed to satisfy constraint: 'a manifest is a JSON object'".into(),
            ));
        }
        let declared = manifest["mediaType"].as_str();
        if let (Some(given), Some(declared)) = (&input.image_manifest_media_type, declared) {
            if given != declared {
                return Err(PutImageError::invalid(format!(
                    "Invalid parameter at 'imageManifestMediaType' failed to satisfy constraint: '{given}' is not the manifest's mediaType '{declared}'"
                )));
            }
        }
        let media_type = input
            .image_manifest_media_type
            .clone()
            .or_else(|| declared.map(str::to_string))
            .unwrap_or_else(|| DOCKER_MANIFEST_V2.to_string());
        let (blob_refs, image_refs) = manifest_references(&manifest);
        let account = &self.settings.account_id;
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        {
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            let repo = self.require_repo::<PutImageError>(&repos, &name)?;
            let layers = txn.open_table(LAYERS).map_err(StoreError::from)?;
            let mut missing = Vec::new();
            let mut size = 0u64;
            for (d, is_layer) in &blob_refs {
                match layers
                    .get((name.as_str(), d.as_str()))
                    .map_err(StoreError::from)?
                {
                    Some(s) if *is_layer => size += s.value(),
                    Some(_) => {}
                    None => missing.push(format!("'{d}'")),
                }
            }
            if !missing.is_empty() {
                return Err(PutImageError::LayersNotFoundException(modeled!(
                    LayersNotFoundException,
                    "Layers with digests [{}] required for pushing image into repository with name '{name}' in the registry with id '{account}' do not exist",
                    missing.join(", ")
                )));
            }
            let mut images = txn.open_table(IMAGES).map_err(StoreError::from)?;
            let mut missing = Vec::new();
            for d in &image_refs {
                if images
                    .get((name.as_str(), d.as_str()))
                    .map_err(StoreError::from)?
                    .is_none()
                {
                    missing.push(format!("'{d}'"));
                }
            }
            if !missing.is_empty() {
                return Err(PutImageError::ReferencedImagesNotFoundException(modeled!(
                    ReferencedImagesNotFoundException,
                    "Images with digests [{}] referenced by the manifest list do not exist in the repository with name '{name}'",
                    missing.join(", ")
                )));
            }
            let exists = images
                .get((name.as_str(), digest.as_str()))
                .map_err(StoreError::from)?
                .is_some();
            let mut tags: Tables = txn.open_table(TAGS).map_err(StoreError::from)?;
            match &input.image_tag {
                Some(tag) => {
                    let current = tags
                        .get((name.as_str(), tag.as_str()))
                        .map_err(StoreError::from)?
                        .map(|v| v.value().to_string());
                    if current.as_deref() == Some(digest.as_str()) {
                        return Err(PutImageError::ImageAlreadyExistsException(modeled!(
                            ImageAlreadyExistsException,
                            "Image with digest '{digest}' and tag '{tag}' already exists in the repository with name '{name}' in registry with id '{account}'"
                        )));
                    }
                    if current.is_some() && tag_is_immutable(&repo, tag) {
                        return Err(PutImageError::ImageTagAlreadyExistsException(modeled!(
                            ImageTagAlreadyExistsException,
                            "The image tag '{tag}' already exists in the '{name}' repository and cannot be overwritten because the tag is immutable."
                        )));
                    }
                    tags.insert((name.as_str(), tag.as_str()), digest.as_str())
                        .map_err(StoreError::from)?;
                }
                None if exists => {
                    return Err(PutImageError::ImageAlreadyExistsException(modeled!(
                        ImageAlreadyExistsException,
                        "Image with digest '{digest}' already exists in the repository with name '{name}' in registry with id '{account}'"
                    )));
                }
                None => {}
            }
            if !exists {
                let mut detail = ImageDetail::default();
                detail.registry_id = Some(account.clone());
                detail.repository_name = Some(name.clone());
                detail.image_digest = Some(digest.clone());
                detail.image_size_in_bytes = Some(size as i64);
                detail.image_pushed_at = Some(DateTime::from_millis(
                    DateTime::now().to_millis().unwrap_or_default(),
                ));
                detail.image_manifest_media_type = Some(media_type.clone());
                detail.artifact_media_type =
                    manifest["config"]["mediaType"].as_str().map(str::to_string);
                images
                    .insert(
                        (name.as_str(), digest.as_str()),
                        encode(&detail)?.as_slice(),
                    )
                    .map_err(StoreError::from)?;
                let mut manifests = txn.open_table(MANIFESTS).map_err(StoreError::from)?;
                manifests
                    .insert((name.as_str(), digest.as_str()), manifest_text.as_str())
                    .map_err(StoreError::from)?;
            }
        }
        txn.commit().map_err(StoreError::from)?;
        let image = Image::builder()
            .registry_id(account)
            .repository_name(name)
            .image_id(
                ImageIdentifier::builder()
                    .image_digest(digest)
                    .set_image_tag(input.image_tag)
                    .build(),
            )
            .image_manifest(manifest_text)
            .image_manifest_media_type(media_type)
            .build();
        Ok(PutImageOutput::builder().image(image).build())
    }

    fn batch_get_image(
        &self,
        input: BatchGetImageInput,
    ) -> Result<BatchGetImageOutput, BatchGetImageError> {
        self.check_registry::<BatchGetImageError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let txn = self.db.begin_read().map_err(StoreError::from)?;
        let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
        self.require_repo::<BatchGetImageError>(&repos, &name)?;
        let images_table = txn.open_table(IMAGES).map_err(StoreError::from)?;
        let tags = txn.open_table(TAGS).map_err(StoreError::from)?;
        let manifests = txn.open_table(MANIFESTS).map_err(StoreError::from)?;
        let mut images = Vec::new();
        let mut failures = Vec::new();
        let mut seen = BTreeSet::new();
        for id in input.image_ids.unwrap_or_default() {
            let digest = match Self::resolve(&images_table, &tags, &name, &id)? {
                Ok(d) => d,
                Err(f) => {
                    failures.push(f);
                    continue;
                }
            };
            if !seen.insert((digest.clone(), id.image_tag.clone())) {
                continue;
            }
            let detail: ImageDetail = match images_table
                .get((name.as_str(), digest.as_str()))
                .map_err(StoreError::from)?
            {
                Some(v) => decode(v.value())?,
                None => continue,
            };
            let manifest = manifests
                .get((name.as_str(), digest.as_str()))
                .map_err(StoreError::from)?
                .map(|v| v.value().to_string())
                .unwrap_or_default();
            images.push(
                Image::builder()
                    .registry_id(&self.settings.account_id)
                    .repository_name(&name)
                    .image_id(
                        ImageIdentifier::builder()
                            .image_digest(&digest)
                            .set_image_tag(id.image_tag.clone())
                            .build(),
                    )
                    .image_manifest(manifest)
                    .set_image_manifest_media_type(detail.image_manifest_media_type)
                    .build(),
            );
        }
        Ok(BatchGetImageOutput::builder()
            .set_images(Some(images))
            .set_failures(Some(failures))
            .build())
    }

    fn batch_delete_image(
        &self,
        input: BatchDeleteImageInput,
    ) -> Result<BatchDeleteImageOutput, BatchDeleteImageError> {
        self.check_registry::<BatchDeleteImageError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let mut deleted = Vec::new();
        let mut failures = Vec::new();
        {
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            self.require_repo::<BatchDeleteImageError>(&repos, &name)?;
            let mut images = txn.open_table(IMAGES).map_err(StoreError::from)?;
            let mut tags: Tables = txn.open_table(TAGS).map_err(StoreError::from)?;
            let mut manifests = txn.open_table(MANIFESTS).map_err(StoreError::from)?;
            for id in input.image_ids.unwrap_or_default() {
                let digest = match Self::resolve(&images, &tags, &name, &id)? {
                    Ok(d) => d,
                    Err(f) => {
                        failures.push(f);
                        continue;
                    }
                };
                let tags_of_image = Self::tags_by_digest(&tags, &name)?
                    .remove(&digest)
                    .unwrap_or_default();
                let removed_tags = match &id.image_tag {
                    Some(t) => vec![t.clone()],
                    None => tags_of_image.clone(),
                };
                if removed_tags.len() == tags_of_image.len() {
                    let lists = Self::manifest_lists_referencing(&manifests, &name, &digest)?;
                    if !lists.is_empty() {
                        failures.push(failure(
                            &id,
                            ImageFailureCode::ImageReferencedByManifestList,
                            &format!(
                                "Requested image referenced by manifest list: [{}]",
                                lists.join(", ")
                            ),
                        ));
                        continue;
                    }
                }
                for t in &removed_tags {
                    tags.remove((name.as_str(), t.as_str()))
                        .map_err(StoreError::from)?;
                }
                let image_goes = removed_tags.len() == tags_of_image.len();
                if image_goes {
                    images
                        .remove((name.as_str(), digest.as_str()))
                        .map_err(StoreError::from)?;
                    manifests
                        .remove((name.as_str(), digest.as_str()))
                        .map_err(StoreError::from)?;
                }
                if removed_tags.is_empty() {
                    deleted.push(ImageIdentifier::builder().image_digest(&digest).build());
                }
                for t in removed_tags {
                    deleted.push(
                        ImageIdentifier::builder()
                            .image_digest(&digest)
                            .image_tag(t)
                            .build(),
                    );
                }
            }
        }
        txn.commit().map_err(StoreError::from)?;
        Ok(BatchDeleteImageOutput::builder()
            .set_image_ids(Some(deleted))
            .set_failures(Some(failures))
            .build())
    }

    fn list_images(&self, input: ListImagesInput) -> Result<ListImagesOutput, ListImagesError> {
        self.check_registry::<ListImagesError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let txn = self.db.begin_read().map_err(StoreError::from)?;
        let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
        self.require_repo::<ListImagesError>(&repos, &name)?;
        let images = txn.open_table(IMAGES).map_err(StoreError::from)?;
        let tags = txn.open_table(TAGS).map_err(StoreError::from)?;
        let by_digest = Self::tags_by_digest(&tags, &name)?;
        let status = input
            .filter
            .and_then(|f| f.tag_status)
            .unwrap_or(TagStatus::Any);
        // Every entry with its sort key: digest, then tag.
        let mut entries = Vec::new();
        for digest in store::keys_of_repo(&images, &name)? {
            match by_digest.get(&digest) {
                Some(ts) => {
                    if status != TagStatus::Untagged {
                        for t in ts {
                            entries.push((
                                format!("{digest}/{t}"),
                                digest.clone(),
                                Some(t.clone()),
                            ));
                        }
                    }
                }
                None => {
                    if status != TagStatus::Tagged {
                        entries.push((format!("{digest}/"), digest.clone(), None));
                    }
                }
            }
        }
        let after = match &input.next_token {
            Some(t) => Some(util::parse_page_token("images", t).ok_or_else(|| {
                ListImagesError::invalid("Invalid parameter at 'nextToken'".into())
            })?),
            None => None,
        };
        let limit = page_size(input.max_results);
        let mut rest = entries
            .into_iter()
            .filter(|(k, _, _)| after.as_ref().is_none_or(|a| k > a))
            .peekable();
        let mut page = Vec::new();
        let mut last_key = String::new();
        while page.len() < limit {
            let Some((k, digest, tag)) = rest.next() else {
                break;
            };
            last_key = k;
            page.push(
                ImageIdentifier::builder()
                    .image_digest(digest)
                    .set_image_tag(tag)
                    .build(),
            );
        }
        let next = rest
            .peek()
            .is_some()
            .then(|| util::page_token("images", &last_key));
        Ok(ListImagesOutput::builder()
            .set_image_ids(Some(page))
            .set_next_token(next)
            .build())
    }

    fn describe_images(
        &self,
        input: DescribeImagesInput,
    ) -> Result<DescribeImagesOutput, DescribeImagesError> {
        self.check_registry::<DescribeImagesError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let txn = self.db.begin_read().map_err(StoreError::from)?;
        let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
        self.require_repo::<DescribeImagesError>(&repos, &name)?;
        let images = txn.open_table(IMAGES).map_err(StoreError::from)?;
        let tags = txn.open_table(TAGS).map_err(StoreError::from)?;
        let by_digest = Self::tags_by_digest(&tags, &name)?;
        let detail = |digest: &str| -> Result<Option<ImageDetail>, StoreError> {
            let Some(v) = images.get((name.as_str(), digest))? else {
                return Ok(None);
            };
            let mut d: ImageDetail = decode(v.value())?;
            d.image_tags = by_digest.get(digest).cloned();
            Ok(Some(d))
        };
        if let Some(ids) = input.image_ids {
            if input.max_results.is_some() || input.next_token.is_some() {
                return Err(DescribeImagesError::invalid(
                    "maxResults and nextToken cannot be used together with imageIds".into(),
                ));
            }
            let mut found = Vec::new();
            let mut seen = BTreeSet::new();
            for id in ids {
                match Self::resolve(&images, &tags, &name, &id)? {
                    Ok(digest) => {
                        if seen.insert(digest.clone()) {
                            found.extend(detail(&digest)?);
                        }
                    }
                    Err(_) => {
                        return Err(DescribeImagesError::ImageNotFoundException(modeled!(
                            ImageNotFoundException,
                            "The image with imageId {} does not exist within the repository with name '{name}' in the registry with id '{}'",
                            describe_id(&id),
                            self.settings.account_id
                        )))
                    }
                }
            }
            return Ok(DescribeImagesOutput::builder()
                .set_image_details(Some(found))
                .build());
        }
        let status = input
            .filter
            .and_then(|f| f.tag_status)
            .unwrap_or(TagStatus::Any);
        let after = match &input.next_token {
            Some(t) => Some(util::parse_page_token("image-details", t).ok_or_else(|| {
                DescribeImagesError::invalid("Invalid parameter at 'nextToken'".into())
            })?),
            None => None,
        };
        let limit = page_size(input.max_results);
        let mut page = Vec::new();
        let mut more = false;
        for digest in store::keys_of_repo(&images, &name)? {
            if after.as_ref().is_some_and(|a| digest <= *a) {
                continue;
            }
            let tagged = by_digest.contains_key(&digest);
            if (status == TagStatus::Tagged && !tagged) || (status == TagStatus::Untagged && tagged)
            {
                continue;
            }
            if page.len() == limit {
                more = true;
                break;
            }
            page.extend(detail(&digest)?);
        }
        let next = more.then(|| {
            let last: &ImageDetail = page.last().unwrap();
            util::page_token("image-details", last.image_digest.as_deref().unwrap())
        });
        Ok(DescribeImagesOutput::builder()
            .set_image_details(Some(page))
            .set_next_token(next)
            .build())
    }

    fn get_authorization_token(
        &self,
        input: GetAuthorizationTokenInput,
    ) -> Result<GetAuthorizationTokenOutput, GetAuthorizationTokenError> {
        let ids = input.registry_ids.unwrap_or_default();
        for id in &ids {
            self.check_registry::<GetAuthorizationTokenError>(Some(id))?;
        }
        let count = ids.len().max(1);
        let expires = DateTime::from_secs_and_nanos(DateTime::now().secs() + TOKEN_TTL_SECS, 0);
        let data = (0..count)
            .map(|_| {
                let token = util::hex(&util::random_bytes(32));
                AuthorizationData::builder()
                    .authorization_token(util::base64_encode(format!("AWS:{token}").as_bytes()))
                    .expires_at(expires)
                    .proxy_endpoint(&self.settings.public_url)
                    .build()
            })
            .collect();
        Ok(GetAuthorizationTokenOutput::builder()
            .set_authorization_data(Some(data))
            .build())
    }

    fn get_download_url_for_layer(
        &self,
        input: GetDownloadUrlForLayerInput,
    ) -> Result<GetDownloadUrlForLayerOutput, GetDownloadUrlForLayerError> {
        self.check_registry::<GetDownloadUrlForLayerError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let digest = input.layer_digest.unwrap_or_default();
        let txn = self.db.begin_read().map_err(StoreError::from)?;
        let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
        self.require_repo::<GetDownloadUrlForLayerError>(&repos, &name)?;
        let layers = txn.open_table(LAYERS).map_err(StoreError::from)?;
        let known = layers
            .get((name.as_str(), digest.as_str()))
            .map_err(StoreError::from)?
            .is_some();
        if !known {
            return Err(GetDownloadUrlForLayerError::LayersNotFoundException(modeled!(
                LayersNotFoundException,
                "The layer with digest '{digest}' does not exist in the repository with name '{name}' in the registry with id '{}'",
                self.settings.account_id
            )));
        }
        if !util::sha256_hex(&digest).is_some_and(|h| self.blobs.has_blob(h)) {
            return Err(GetDownloadUrlForLayerError::LayerInaccessibleException(
                modeled!(
                    LayerInaccessibleException,
                    "The data of layer '{digest}' is missing from this registry's blob store"
                ),
            ));
        }
        let expires = DateTime::now().secs() + DOWNLOAD_URL_TTL_SECS;
        let signature = self.url_signature(&name, &digest, expires);
        let url = format!(
            "{}/layers/{name}/{digest}?expires={expires}&signature={signature}",
            self.settings.public_url
        );
        Ok(GetDownloadUrlForLayerOutput::builder()
            .download_url(url)
            .layer_digest(digest)
            .build())
    }

    fn policy_not_found(&self, name: &str) -> RepositoryPolicyNotFoundException {
        modeled!(
            RepositoryPolicyNotFoundException,
            "Repository policy does not exist for the repository with name '{name}' in the registry with id '{}'",
            self.settings.account_id
        )
    }

    fn set_repository_policy(
        &self,
        input: SetRepositoryPolicyInput,
    ) -> Result<SetRepositoryPolicyOutput, SetRepositoryPolicyError> {
        self.check_registry::<SetRepositoryPolicyError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let text = input.policy_text.unwrap_or_default();
        let valid = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .is_some_and(|v| v.is_object());
        if !valid {
            return Err(SetRepositoryPolicyError::invalid(
                "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'".into(),
            ));
        }
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        {
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            self.require_repo::<SetRepositoryPolicyError>(&repos, &name)?;
            let mut policies = txn.open_table(POLICIES).map_err(StoreError::from)?;
            policies
                .insert(name.as_str(), text.as_str())
                .map_err(StoreError::from)?;
        }
        txn.commit().map_err(StoreError::from)?;
        Ok(SetRepositoryPolicyOutput::builder()
            .registry_id(&self.settings.account_id)
            .repository_name(name)
            .policy_text(text)
            .build())
    }

    fn get_repository_policy(
        &self,
        input: GetRepositoryPolicyInput,
    ) -> Result<GetRepositoryPolicyOutput, GetRepositoryPolicyError> {
        self.check_registry::<GetRepositoryPolicyError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let txn = self.db.begin_read().map_err(StoreError::from)?;
        let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
        self.require_repo::<GetRepositoryPolicyError>(&repos, &name)?;
        let policies = txn.open_table(POLICIES).map_err(StoreError::from)?;
        let text = policies
            .get(name.as_str())
            .map_err(StoreError::from)?
            .map(|v| v.value().to_string())
            .ok_or_else(|| {
                GetRepositoryPolicyError::RepositoryPolicyNotFoundException(
                    self.policy_not_found(&name),
                )
            })?;
        Ok(GetRepositoryPolicyOutput::builder()
            .registry_id(&self.settings.account_id)
            .repository_name(name)
            .policy_text(text)
            .build())
    }

    fn delete_repository_policy(
        &self,
        input: DeleteRepositoryPolicyInput,
    ) -> Result<DeleteRepositoryPolicyOutput, DeleteRepositoryPolicyError> {
        self.check_registry::<DeleteRepositoryPolicyError>(input.registry_id.as_deref())?;
        let name = input.repository_name.unwrap_or_default();
        let txn = self.db.begin_write().map_err(StoreError::from)?;
        let text;
        {
            let repos = txn.open_table(REPOS).map_err(StoreError::from)?;
            self.require_repo::<DeleteRepositoryPolicyError>(&repos, &name)?;
            let mut policies = txn.open_table(POLICIES).map_err(StoreError::from)?;
            let removed = policies
                .remove(name.as_str())
                .map_err(StoreError::from)?
                .map(|v| v.value().to_string());
            text = removed.ok_or_else(|| {
                DeleteRepositoryPolicyError::RepositoryPolicyNotFoundException(
                    self.policy_not_found(&name),
                )
            })?;
        }
        txn.commit().map_err(StoreError::from)?;
        Ok(DeleteRepositoryPolicyOutput::builder()
            .registry_id(&self.settings.account_id)
            .repository_name(name)
            .policy_text(text)
            .build())
    }
}

/// Writes (which commit, and may fsync or write blob files) run on a
/// blocking thread; reads run where the request is, since a redb read
/// transaction takes microseconds and a hop to the blocking pool and back
/// cost more than the read itself (it was most of DescribeRepositories'
/// CPU in `benches/server.sh`).
macro_rules! delegate {
    (
        writes { $($method:ident: $input:ty => $output:ty, $error:ty;)* }
        reads { $($read:ident: $rinput:ty => $routput:ty, $rerror:ty;)* }
    ) => {
        impl ecr::server::Ecr for LocalEcr {
            $(
                async fn $method(
                    &self,
                    input: $input,
                    _context: RequestContext,
                ) -> Result<$output, $error> {
                    self.run(move |inner| inner.$method(input)).await
                }
            )*
            $(
                async fn $read(
                    &self,
                    input: $rinput,
                    _context: RequestContext,
                ) -> Result<$routput, $rerror> {
                    self.inner.$read(input)
                }
            )*

            async fn delete_repository(
                &self,
                input: DeleteRepositoryInput,
                _context: RequestContext,
            ) -> Result<DeleteRepositoryOutput, DeleteRepositoryError> {
                self.run(move |inner| {
                    let (output, uploads) = inner.delete_repository(input)?;
                    for id in uploads {
                        inner.blobs.discard_upload(&id);
                    }
                    Ok(output)
                })
                .await
            }
        }
    };
}

delegate! {
    writes {
        create_repository: CreateRepositoryInput => CreateRepositoryOutput, CreateRepositoryError;
        initiate_layer_upload: InitiateLayerUploadInput => InitiateLayerUploadOutput, InitiateLayerUploadError;
        upload_layer_part: UploadLayerPartInput => UploadLayerPartOutput, UploadLayerPartError;
        complete_layer_upload: CompleteLayerUploadInput => CompleteLayerUploadOutput, CompleteLayerUploadError;
        put_image: PutImageInput => PutImageOutput, PutImageError;
        batch_delete_image: BatchDeleteImageInput => BatchDeleteImageOutput, BatchDeleteImageError;
        get_authorization_token: GetAuthorizationTokenInput => GetAuthorizationTokenOutput, GetAuthorizationTokenError;
        set_repository_policy: SetRepositoryPolicyInput => SetRepositoryPolicyOutput, SetRepositoryPolicyError;
        delete_repository_policy: DeleteRepositoryPolicyInput => DeleteRepositoryPolicyOutput, DeleteRepositoryPolicyError;
    }
    reads {
        describe_repositories: DescribeRepositoriesInput => DescribeRepositoriesOutput, DescribeRepositoriesError;
        batch_check_layer_availability: BatchCheckLayerAvailabilityInput => BatchCheckLayerAvailabilityOutput, BatchCheckLayerAvailabilityError;
        batch_get_image: BatchGetImageInput => BatchGetImageOutput, BatchGetImageError;
        list_images: ListImagesInput => ListImagesOutput, ListImagesError;
        describe_images: DescribeImagesInput => DescribeImagesOutput, DescribeImagesError;
        get_download_url_for_layer: GetDownloadUrlForLayerInput => GetDownloadUrlForLayerOutput, GetDownloadUrlForLayerError;
        get_repository_policy: GetRepositoryPolicyInput => GetRepositoryPolicyOutput, GetRepositoryPolicyError;
    }
}

#[cfg(test)]
mod tests {
    use super::{valid_repository_name, wildcard_match};

    #[test]
    fn repository_names() {
        for ok in [
            "ab",
            "a/b",
            "team/app",
            "a.b_c__d---e/f0",
            "project-a/nginx-web-app",
        ] {
            assert!(valid_repository_name(ok), "{ok}");
        }
        for bad in [
            "a", "Team/App", "a/", "/a", "a//b", "a..b", "a___b", "-ab", "ab-", "a.-b", "a b",
        ] {
            assert!(!valid_repository_name(bad), "{bad}");
        }
        assert!(!valid_repository_name(&"a".repeat(257)));
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("latest", "latest"));
        assert!(!wildcard_match("latest", "latest2"));
        assert!(wildcard_match("dev-*", "dev-1"));
        assert!(wildcard_match("*-rc*", "1.0-rc2"));
        assert!(!wildcard_match("*-rc*", "1.0"));
        assert!(wildcard_match("*", ""));
        assert!(!wildcard_match("a*a", "a"));
    }
}
