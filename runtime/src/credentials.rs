//! AWS credentials: static, from the environment, or from the shared
//! `~/.aws/credentials` and `~/.aws/config` files, with a default chain.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// An access key, its secret, and an optional session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// Static credentials.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// From `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`.
    pub fn from_env() -> Result<Option<Self>, CredentialsError> {
        from_vars(&|name| std::env::var(name).ok())
    }

    /// From the shared files, for `profile` (or `AWS_PROFILE`, or `default`).
    pub fn from_profile(profile: Option<&str>) -> Result<Option<Self>, CredentialsError> {
        let files = ProfileFiles::from_env();
        let name = profile
            .map(str::to_string)
            .unwrap_or_else(default_profile_name);
        files.credentials(&name)
    }

    /// The default chain: environment, then the shared files.
    pub fn default_chain() -> Result<Self, CredentialsError> {
        if let Some(c) = Self::from_env()? {
            return Ok(c);
        }
        if let Some(c) = Self::from_profile(None)? {
            return Ok(c);
        }
        Err(CredentialsError::NotFound(format!(
            "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add profile [{}] to {}",
            default_profile_name(),
            ProfileFiles::from_env().credentials.display()
        )))
    }
}

/// Keeps secrets out of logs.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

fn default_profile_name() -> String {
    std::env::var("AWS_PROFILE")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "default".into())
}

fn from_vars(
    get: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Credentials>, CredentialsError> {
    let id = get("AWS_ACCESS_KEY_ID").filter(|v| !v.is_empty());
    let secret = get("AWS_SECRET_ACCESS_KEY").filter(|v| !v.is_empty());
    match (id, secret) {
        (None, None) => Ok(None),
        (Some(id), Some(secret)) => Ok(Some(Credentials::new(
            id,
            secret,
            get("AWS_SESSION_TOKEN").filter(|v| !v.is_empty()),
        ))),
        (Some(_), None) => Err(CredentialsError::Invalid(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not".into(),
        )),
        (None, Some(_)) => Err(CredentialsError::Invalid(
            "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not".into(),
        )),
    }
}

/// Why credentials could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialsError {
    /// No source had any.
    NotFound(String),
    /// A source was present but wrong (says which and where).
    Invalid(String),
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::NotFound(m) | CredentialsError::Invalid(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for CredentialsError {}

/// The shared config and credentials files.
#[derive(Clone, Debug)]
pub struct ProfileFiles {
    /// `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
    pub credentials: PathBuf,
    /// `AWS_CONFIG_FILE` or `~/.aws/config`.
    pub config: PathBuf,
}

impl ProfileFiles {
    /// The files the environment names, or the defaults under `$HOME`.
    pub fn from_env() -> Self {
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default();
        ProfileFiles {
            credentials: std::env::var_os("AWS_SHARED_CREDENTIALS_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| home.join(".aws/credentials")),
            config: std::env::var_os("AWS_CONFIG_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| home.join(".aws/config")),
        }
    }

    /// Credentials of a profile: the credentials file first, then config.
    pub fn credentials(&self, profile: &str) -> Result<Option<Credentials>, CredentialsError> {
        for (path, is_config) in [(&self.credentials, false), (&self.config, true)] {
            let Some(sections) = read_ini(path)? else {
                continue;
            };
            let Some(section) = sections.get(&section_name(profile, is_config)) else {
                continue;
            };
            let get = |k: &str| section.get(k).cloned();
            match (get("aws_access_key_id"), get("aws_secret_access_key")) {
                (Some(id), Some(secret)) => return Ok(Some(Credentials::new(id, secret, get("aws_session_token")))),
                (None, None) => continue,
                _ => {
                    return Err(CredentialsError::Invalid(format!(
                        "{}: profile [{profile}] needs both aws_access_key_id and aws_secret_access_key",
                        path.display()
                    )))
                }
            }
        }
        Ok(None)
    }

    /// A setting of a profile from the config file (e.g. `region`).
    pub fn setting(&self, profile: &str, key: &str) -> Result<Option<String>, CredentialsError> {
        Ok(read_ini(&self.config)?.and_then(|s| {
            s.get(&section_name(profile, true))
                .and_then(|sec| sec.get(key).cloned())
        }))
    }
}

/// `[default]` in both files; `[profile name]` in config, `[name]` in credentials.
fn section_name(profile: &str, is_config: bool) -> String {
    if is_config && profile != "default" {
        format!("profile {profile}")
    } else {
        profile.to_string()
    }
}

type Sections = BTreeMap<String, BTreeMap<String, String>>;

fn read_ini(path: &Path) -> Result<Option<Sections>, CredentialsError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_ini(&text).map(Some).map_err(|(line, msg)| {
            CredentialsError::Invalid(format!("{}:{line}: {msg}", path.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CredentialsError::Invalid(format!(
            "{}: {e}",
            path.display()
        ))),
    }
}

/// The AWS flavour of INI: `[section]`, `key = value`, `#`/`;` comments.
/// Errors carry the 1-based line number.
pub fn parse_ini(text: &str) -> Result<Sections, (usize, String)> {
    let mut out = Sections::new();
    let mut current: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some(name) = rest.strip_suffix(']') else {
                return Err((i + 1, format!("section header {line:?} has no closing ']'")));
            };
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            out.entry(name.clone()).or_default();
            current = Some(name);
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err((i + 1, format!("expected `key = value`, found {line:?}")));
        };
        if raw.starts_with(char::is_whitespace) {
            // Indented lines continue a nested setting (e.g. `s3 =`); not used here.
            continue;
        }
        let Some(section) = &current else {
            return Err((
                i + 1,
                format!("setting {:?} appears before any [section]", key.trim()),
            ));
        };
        out.entry(section.clone())
            .or_default()
            .insert(key.trim().to_lowercase(), value.trim().to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_vars() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_vars(&vars(&[])).unwrap(), None);
        let c = from_vars(&vars(&[
            ("AWS_ACCESS_KEY_ID", "AK"),
            ("AWS_SECRET_ACCESS_KEY", "SK"),
            ("AWS_SESSION_TOKEN", "T"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            (c.access_key_id(), c.secret_access_key(), c.session_token()),
            ("AK", "SK", Some("T"))
        );
        assert!(from_vars(&vars(&[("AWS_ACCESS_KEY_ID", "AK")])).is_err());
        assert!(!format!("{c:?}").contains("SK"));
    }

    #[test]
    fn profile_files() {
        let dir = std::env::temp_dir().join(format!("apigen-creds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let creds = dir.join("credentials");
        let config = dir.join("config");
        std::fs::write(&creds, "[default]\naws_access_key_id = AK1\naws_secret_access_key = SK1\n\n[dev]\n# comment\naws_access_key_id=AK2\naws_secret_access_key=SK2\naws_session_token=TOK\n").unwrap();
        std::fs::write(&config, "[default]\nregion = eu-west-1\n[profile ops]\nregion = us-west-2\naws_access_key_id = AK3\naws_secret_access_key = SK3\n").unwrap();
        let files = ProfileFiles {
            credentials: creds.clone(),
            config: config.clone(),
        };
        assert_eq!(
            files
                .credentials("default")
                .unwrap()
                .unwrap()
                .access_key_id(),
            "AK1"
        );
        assert_eq!(
            files.credentials("dev").unwrap().unwrap().session_token(),
            Some("TOK")
        );
        assert_eq!(
            files.credentials("ops").unwrap().unwrap().access_key_id(),
            "AK3"
        );
        assert_eq!(files.credentials("nope").unwrap(), None);
        assert_eq!(
            files.setting("default", "region").unwrap().as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            files.setting("ops", "region").unwrap().as_deref(),
            Some("us-west-2")
        );
        std::fs::write(
            &creds,
            "[default]\naws_access_key_id = AK1\nthis line is broken\n",
        )
        .unwrap();
        let err = files.credentials("default").unwrap_err().to_string();
        assert!(err.contains("credentials:3:"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
