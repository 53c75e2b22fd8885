//! Where a server finds the secret of an access key id: a
//! [`CredentialStore`], kept in memory or read from an AWS shared-credentials
//! file.

use crate::credentials::static_keys;
use crate::profile::ProfileSet;
use crate::{Credentials, CredentialsError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Looks up the credentials of an access key id: the secret to verify
/// signatures with and, when they carry one, the session token a request
/// must present in `X-Amz-Security-Token`.
pub trait CredentialStore: Send + Sync {
    /// The credentials of `access_key_id`, `None` when the key is unknown.
    fn credentials(&self, access_key_id: &str) -> Option<Credentials>;
}

/// A shared store (for example one another task replaces) is a store.
impl<T: CredentialStore + ?Sized> CredentialStore for Arc<T> {
    fn credentials(&self, access_key_id: &str) -> Option<Credentials> {
        (**self).credentials(access_key_id)
    }
}

/// Credentials held in memory, by access key id. A later entry with the
/// same id replaces an earlier one.
#[derive(Clone, Debug, Default)]
pub struct InMemoryCredentialStore {
    by_key: HashMap<String, Credentials>,
}

impl InMemoryCredentialStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store of long-term keys from `(access key id, secret)` pairs.
    pub fn from_pairs<K, S>(pairs: impl IntoIterator<Item = (K, S)>) -> Self
    where
        K: Into<String>,
        S: Into<String>,
    {
        pairs
            .into_iter()
            .map(|(id, secret)| Credentials::new(id, secret, None))
            .collect()
    }

    /// Adds (or replaces) one access key; with a session token, requests
    /// signed with it must carry that token.
    pub fn insert(&mut self, credentials: Credentials) -> &mut Self {
        self.by_key
            .insert(credentials.access_key_id().to_string(), credentials);
        self
    }

    /// How many access keys the store holds.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether the store holds no key.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

impl FromIterator<Credentials> for InMemoryCredentialStore {
    fn from_iter<I: IntoIterator<Item = Credentials>>(iter: I) -> Self {
        let mut store = Self::new();
        for c in iter {
            store.insert(c);
        }
        store
    }
}

impl CredentialStore for InMemoryCredentialStore {
    fn credentials(&self, access_key_id: &str) -> Option<Credentials> {
        self.by_key.get(access_key_id).cloned()
    }
}

/// Every key of an AWS shared-credentials file (the INI format of
/// `~/.aws/credentials`): each profile's `aws_access_key_id` /
/// `aws_secret_access_key` pair is accepted, and a profile's
/// `aws_session_token`, when present, must be sent as `X-Amz-Security-Token`.
/// Profiles with neither key (say, only a `region`) are skipped. The file is
/// read once, by [`load`](Self::load).
#[derive(Clone, Debug)]
pub struct SharedCredentialsFileStore {
    path: PathBuf,
    keys: InMemoryCredentialStore,
}

impl SharedCredentialsFileStore {
    /// Reads `path`. A file that is missing, unreadable or not valid INI, a
    /// profile with only one of the two keys, and one access key id given
    /// two different secrets or tokens are errors naming the file (and line
    /// where there is one).
    pub fn load(path: impl AsRef<Path>) -> Result<Self, CredentialsError> {
        let path = path.as_ref();
        let profiles = ProfileSet::from_credentials_file(path)?;
        let mut keys = InMemoryCredentialStore::new();
        // The profile each key came from, to name both sides of a conflict.
        let mut first_seen: HashMap<String, &str> = HashMap::new();
        for (name, profile) in profiles.iter() {
            let Some(credentials) = static_keys(profile, name)? else {
                continue;
            };
            let id = credentials.access_key_id();
            if let Some(existing) = keys.credentials(id) {
                if existing != credentials {
                    let location = profile
                        .property("aws_access_key_id")
                        .map(|p| p.location())
                        .unwrap_or_else(|| path.display().to_string());
                    return Err(CredentialsError::Profile {
                        profile: name.to_string(),
                        location,
                        message: format!(
                            "access key id {id} is also in profile [{}] with a different secret or session token",
                            first_seen[id]
                        ),
                    });
                }
                continue;
            }
            first_seen.insert(id.to_string(), name);
            keys.insert(credentials);
        }
        Ok(SharedCredentialsFileStore {
            path: path.to_path_buf(),
            keys,
        })
    }

    /// The file the keys were read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many access keys the file gave.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the file gave no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl CredentialStore for SharedCredentialsFileStore {
    fn credentials(&self, access_key_id: &str) -> Option<Credentials> {
        self.keys.credentials(access_key_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::TempDir;

    #[test]
    fn in_memory_lookup_and_replacement() {
        let mut store = InMemoryCredentialStore::from_pairs([("AK1", "S1"), ("AK2", "S2")]);
        assert_eq!(store.len(), 2);
        assert_eq!(store.credentials("AK1").unwrap().secret_access_key(), "S1");
        assert_eq!(store.credentials("ak1"), None, "ids are case-sensitive");
        store.insert(Credentials::new("AK1", "S1b", Some("T".into())));
        let c = store.credentials("AK1").unwrap();
        assert_eq!(
            (c.secret_access_key(), c.session_token()),
            ("S1b", Some("T"))
        );
        assert!(
            !format!("{store:?}").contains("S2"),
            "secrets stay out of Debug"
        );
        let shared: Arc<dyn CredentialStore> = Arc::new(store);
        assert!(shared.credentials("AK2").is_some());
    }

    #[test]
    fn every_profile_of_the_file_is_accepted() {
        let dir = TempDir::new("store-file");
        let path = dir.write(
            "credentials",
            "# keys for the test server\n[default]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = SDEFAULT\n\n[ci]\naws_access_key_id=ASIACI\naws_secret_access_key=SCI\naws_session_token=TOKEN\nregion = eu-west-1\n\n[settings-only]\nregion = us-east-1\n\n[same-key-again]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = SDEFAULT\n",
        );
        let store = SharedCredentialsFileStore::load(&path).unwrap();
        assert_eq!((store.len(), store.path()), (2, path.as_path()));
        assert_eq!(
            store.credentials("AKDEFAULT").unwrap().secret_access_key(),
            "SDEFAULT"
        );
        let ci = store.credentials("ASIACI").unwrap();
        assert_eq!(
            (ci.secret_access_key(), ci.session_token()),
            ("SCI", Some("TOKEN"))
        );
        assert_eq!(store.credentials("nope"), None);
    }

    #[test]
    fn bad_files_are_errors_naming_file_and_line() {
        let dir = TempDir::new("store-errors");
        let missing = dir.path().join("absent");
        let e = SharedCredentialsFileStore::load(&missing)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(&format!(
                "credentials from the shared files: cannot read {}: ",
                missing.display()
            )),
            "{e}"
        );
        let cases = [
            (
                "[a]\naws_access_key_id = AK\naws_secret_access_key = S\noops\n",
                "credentials from the shared files: {f}:4: expected `key = value` or `[section]`, found \"oops\"",
            ),
            (
                "[a]\nregion = x\naws_secret_access_key = S\n",
                "credentials of profile [a] ({f}:3): needs both aws_access_key_id and aws_secret_access_key",
            ),
            (
                "[a]\naws_access_key_id = AK\naws_secret_access_key = S\n[b]\naws_access_key_id = AK\naws_secret_access_key = OTHER\n",
                "credentials of profile [b] ({f}:5): access key id AK is also in profile [a] with a different secret or session token",
            ),
        ];
        for (text, want) in cases {
            let f = dir.write("credentials", text);
            let e = SharedCredentialsFileStore::load(&f)
                .unwrap_err()
                .to_string();
            assert_eq!(e, want.replace("{f}", &f.display().to_string()));
        }
        // A directory is unreadable as a file: an error, not a panic.
        assert!(SharedCredentialsFileStore::load(dir.path()).is_err());
        // Not UTF-8.
        let f = dir.path().join("binary");
        std::fs::write(&f, [0xff, 0xfe, b'[', b'a', b']']).unwrap();
        let e = SharedCredentialsFileStore::load(&f)
            .unwrap_err()
            .to_string();
        assert!(e.contains(&f.display().to_string()), "{e}");
    }
}
