//! Durable state: metadata in redb tables, layer blobs as content-addressed
//! files (or, with `--in-memory`, both in memory).

use redb::{Database, ReadableTable, TableDefinition};
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Repository name → `Repository` (the generated type's JSON).
pub const REPOS: TableDefinition<&str, &[u8]> = TableDefinition::new("repositories");
/// Repository name → the tags given at creation (`Vec<Tag>` JSON).
pub const REPO_TAGS: TableDefinition<&str, &[u8]> = TableDefinition::new("repository_tags");
/// Repository name → policy text.
pub const POLICIES: TableDefinition<&str, &str> = TableDefinition::new("policies");
/// (repository, image digest) → `ImageDetail` JSON, tags left out (see `TAGS`).
pub const IMAGES: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("images");
/// (repository, image digest) → the manifest as pushed.
pub const MANIFESTS: TableDefinition<(&str, &str), &str> = TableDefinition::new("manifests");
/// (repository, tag) → image digest.
pub const TAGS: TableDefinition<(&str, &str), &str> = TableDefinition::new("tags");
/// (repository, layer digest) → layer size in bytes.
pub const LAYERS: TableDefinition<(&str, &str), u64> = TableDefinition::new("layers");
/// Registry-wide settings (the download-URL signing key).
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Upload id → (repository, bytes received so far).
pub const UPLOADS: TableDefinition<&str, (&str, u64)> = TableDefinition::new("uploads");

/// Any failure of the storage layer; answered as a `ServerException`.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

macro_rules! store_error_from {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError(format!("storage error: {e}"))
            }
        }
    )*};
}
store_error_from!(
    redb::Error,
    redb::DatabaseError,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    io::Error,
    apigen_runtime::wire::EncodeError,
    apigen_runtime::wire::DecodeError
);

/// Opens (or creates) the database: `DIR/ecr.redb`, or in memory.
pub fn open_database(data_dir: Option<&Path>) -> Result<Database, StoreError> {
    let db = match data_dir {
        Some(dir) => {
            fs::create_dir_all(dir)?;
            Database::create(dir.join("ecr.redb"))?
        }
        None => Database::builder().create_with_backend(redb::backends::InMemoryBackend::new())?,
    };
    // Create every table once so that read transactions never miss one.
    let txn = db.begin_write()?;
    txn.open_table(REPOS)?;
    txn.open_table(REPO_TAGS)?;
    txn.open_table(POLICIES)?;
    txn.open_table(IMAGES)?;
    txn.open_table(MANIFESTS)?;
    txn.open_table(TAGS)?;
    txn.open_table(LAYERS)?;
    txn.open_table(UPLOADS)?;
    txn.open_table(META)?;
    txn.commit()?;
    Ok(db)
}

/// The keys of a (repository, _) table that belong to `repo`, in order.
pub fn keys_of_repo<V: redb::Value + 'static>(
    table: &impl ReadableTable<(&'static str, &'static str), V>,
    repo: &str,
) -> Result<Vec<String>, StoreError> {
    let mut keys = Vec::new();
    for entry in table.range((repo, "")..)? {
        let (k, _) = entry?;
        let (r, second) = k.value();
        if r != repo {
            break;
        }
        keys.push(second.to_string());
    }
    Ok(keys)
}

/// Layer blobs and in-progress uploads.
pub enum Blobs {
    /// `DIR/blobs/sha256/<hex>` and `DIR/uploads/<id>`.
    Disk { root: PathBuf },
    /// Everything in memory (`--in-memory`).
    Memory {
        blobs: Mutex<HashMap<String, Arc<Vec<u8>>>>,
        uploads: Mutex<HashMap<String, Vec<u8>>>,
    },
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

impl Blobs {
    /// The blob store under `root`, its directories created.
    pub fn disk(root: &Path) -> io::Result<Blobs> {
        fs::create_dir_all(root.join("blobs").join("sha256"))?;
        fs::create_dir_all(root.join("uploads"))?;
        Ok(Blobs::Disk {
            root: root.to_path_buf(),
        })
    }

    /// An in-memory blob store.
    pub fn memory() -> Blobs {
        Blobs::Memory {
            blobs: Mutex::default(),
            uploads: Mutex::default(),
        }
    }

    fn upload_path(root: &Path, id: &str) -> PathBuf {
        root.join("uploads").join(id)
    }

    fn blob_path(root: &Path, hex: &str) -> PathBuf {
        root.join("blobs").join("sha256").join(hex)
    }

    /// Starts an empty upload.
    pub fn create_upload(&self, id: &str) -> io::Result<()> {
        match self {
            Blobs::Disk { root } => {
                File::create(Self::upload_path(root, id))?.sync_all()?;
                sync_dir(&root.join("uploads"))
            }
            Blobs::Memory { uploads, .. } => {
                uploads.lock().unwrap().insert(id.to_string(), Vec::new());
                Ok(())
            }
        }
    }

    /// Writes `data` at `offset` (the bytes acknowledged so far: anything
    /// past it is a part whose acknowledgement never made it, and is cut
    /// off), durably.
    pub fn append_part(&self, id: &str, offset: u64, data: &[u8]) -> io::Result<()> {
        match self {
            Blobs::Disk { root } => {
                let mut file = OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(Self::upload_path(root, id))?;
                file.set_len(offset)?;
                file.seek(SeekFrom::Start(offset))?;
                file.write_all(data)?;
                file.sync_all()
            }
            Blobs::Memory { uploads, .. } => {
                let mut uploads = uploads.lock().unwrap();
                let buf = uploads.entry(id.to_string()).or_default();
                buf.truncate(offset as usize);
                buf.extend_from_slice(data);
                Ok(())
            }
        }
    }

    /// The SHA-256 (hex) of an upload's first `len` bytes; `None` when the
    /// upload's data is gone.
    pub fn hash_upload(&self, id: &str, len: u64) -> io::Result<Option<String>> {
        let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
        match self {
            Blobs::Disk { root } => {
                let file = match File::open(Self::upload_path(root, id)) {
                    Ok(f) => f,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(e),
                };
                let mut reader = file.take(len);
                let mut buf = vec![0u8; 1 << 16];
                let mut total = 0u64;
                loop {
                    let n = reader.read(&mut buf)?;
                    if n == 0 {
                        break;
                    }
                    total += n as u64;
                    ctx.update(&buf[..n]);
                }
                if total != len {
                    return Ok(None);
                }
            }
            Blobs::Memory { uploads, .. } => {
                let uploads = uploads.lock().unwrap();
                match uploads.get(id) {
                    Some(buf) if buf.len() as u64 >= len => ctx.update(&buf[..len as usize]),
                    _ => return Ok(None),
                }
            }
        }
        Ok(Some(crate::util::hex(ctx.finish().as_ref())))
    }

    /// Makes upload `id` (its first `len` bytes) the blob `hex`: the upload
    /// file, already synced, is renamed into place, then the directory is
    /// synced. A blob already present is kept and the upload dropped.
    pub fn commit_upload(&self, id: &str, len: u64, hex: &str) -> io::Result<()> {
        match self {
            Blobs::Disk { root } => {
                let upload = Self::upload_path(root, id);
                let blob = Self::blob_path(root, hex);
                if blob.exists() {
                    let _ = fs::remove_file(&upload);
                    return Ok(());
                }
                let file = OpenOptions::new().write(true).open(&upload)?;
                file.set_len(len)?;
                file.sync_all()?;
                drop(file);
                fs::rename(&upload, &blob)?;
                sync_dir(blob.parent().unwrap())?;
                sync_dir(&root.join("uploads"))
            }
            Blobs::Memory { blobs, uploads } => {
                let mut data = uploads.lock().unwrap().remove(id).unwrap_or_default();
                data.truncate(len as usize);
                blobs
                    .lock()
                    .unwrap()
                    .entry(hex.to_string())
                    .or_insert_with(|| Arc::new(data));
                Ok(())
            }
        }
    }

    /// Drops an upload's data.
    pub fn discard_upload(&self, id: &str) {
        match self {
            Blobs::Disk { root } => {
                let _ = fs::remove_file(Self::upload_path(root, id));
            }
            Blobs::Memory { uploads, .. } => {
                uploads.lock().unwrap().remove(id);
            }
        }
    }

    /// Whether blob `hex` is stored.
    pub fn has_blob(&self, hex: &str) -> bool {
        match self {
            Blobs::Disk { root } => Self::blob_path(root, hex).is_file(),
            Blobs::Memory { blobs, .. } => blobs.lock().unwrap().contains_key(hex),
        }
    }

    /// Blob `hex`'s bytes.
    pub fn read_blob(&self, hex: &str) -> io::Result<Option<Vec<u8>>> {
        match self {
            Blobs::Disk { root } => match fs::read(Self::blob_path(root, hex)) {
                Ok(data) => Ok(Some(data)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
            Blobs::Memory { blobs, .. } => {
                Ok(blobs.lock().unwrap().get(hex).map(|b| b.as_ref().clone()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(blobs: &Blobs) {
        blobs.create_upload("u").unwrap();
        blobs.append_part("u", 0, b"hello ").unwrap();
        // A part written but never acknowledged (the process died before
        // its commit) is cut off by the next part at the acknowledged offset.
        blobs.append_part("u", 6, b"XXXXXXXX").unwrap();
        blobs.append_part("u", 6, b"world").unwrap();
        let hex = crate::util::sha256_digest(b"hello world")[7..].to_string();
        assert_eq!(
            blobs.hash_upload("u", 11).unwrap().as_deref(),
            Some(hex.as_str())
        );
        assert_eq!(blobs.hash_upload("u", 12).unwrap(), None);
        assert!(!blobs.has_blob(&hex));
        blobs.commit_upload("u", 11, &hex).unwrap();
        assert!(blobs.has_blob(&hex));
        assert_eq!(blobs.read_blob(&hex).unwrap().unwrap(), b"hello world");
        assert_eq!(blobs.hash_upload("u", 11).unwrap(), None);
        // The same content again: the stored blob is kept.
        blobs.create_upload("v").unwrap();
        blobs.append_part("v", 0, b"hello world").unwrap();
        blobs.commit_upload("v", 11, &hex).unwrap();
        assert_eq!(blobs.read_blob(&hex).unwrap().unwrap(), b"hello world");
        assert_eq!(blobs.read_blob(&"0".repeat(64)).unwrap(), None);
    }

    #[test]
    fn blobs_on_disk_and_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let disk = Blobs::disk(dir.path()).unwrap();
        check(&disk);
        assert!(std::fs::read_dir(dir.path().join("uploads"))
            .unwrap()
            .next()
            .is_none());
        check(&Blobs::memory());
    }
}
