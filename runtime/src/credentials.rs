//! AWS credentials: static, from the environment, or from the shared
//! files, and the default chain (environment, then profile).

use crate::profile::{selected_profile_name, Profile, ProfileFileError, ProfileFiles, ProfileSet};
use std::fmt;

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

    /// Static credentials, by aws-sdk-rust's name for them.
    pub fn from_keys(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self::new(access_key_id, secret_access_key, session_token)
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

    /// From `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
    /// `AWS_SESSION_TOKEN`. `Ok(None)` when neither key variable is set.
    pub fn from_env() -> Result<Option<Self>, CredentialsError> {
        from_vars(&env_var)
    }

    /// From the shared files for `profile` (default: `AWS_PROFILE`, else
    /// `default`). `Ok(None)` when the profile is absent.
    pub fn from_profile(profile: Option<&str>) -> Result<Option<Self>, CredentialsError> {
        let profiles = ProfileFiles::from_env().load()?;
        let (name, _) = match profile {
            Some(p) => (p.to_string(), true),
            None => selected_profile_name(&env_var),
        };
        from_profile_set(&profiles, &name)
    }

    /// The default chain: the environment, then the selected profile of the
    /// shared files. The error says which source failed and why, or lists
    /// what was tried.
    pub fn default_chain() -> Result<Self, CredentialsError> {
        let profiles = ProfileFiles::from_env().load();
        chain(&env_var, profiles)
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

pub(crate) fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The chain over an environment and already-loaded profiles.
pub(crate) fn chain(
    get: &dyn Fn(&str) -> Option<String>,
    profiles: Result<ProfileSet, ProfileFileError>,
) -> Result<Credentials, CredentialsError> {
    if let Some(c) = from_vars(get)? {
        return Ok(c);
    }
    let profiles = profiles?;
    let (name, explicit) = selected_profile_name(get);
    if let Some(c) = from_profile_set(&profiles, &name)? {
        return Ok(c);
    }
    let files = profiles.files();
    if explicit && profiles.get(&name).is_none() {
        return Err(CredentialsError::ProfileNotFound {
            profile: name,
            searched: format!(
                "{} and {}",
                files.credentials.display(),
                files.config.display()
            ),
        });
    }
    Err(CredentialsError::NotFound {
        tried: vec![
            "environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)".into(),
            format!(
                "profile [{name}] in {} and {}",
                files.credentials.display(),
                files.config.display()
            ),
        ],
    })
}

fn from_vars(
    get: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<Credentials>, CredentialsError> {
    match (get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")) {
        (None, None) => Ok(None),
        (Some(id), Some(secret)) => {
            Ok(Some(Credentials::new(id, secret, get("AWS_SESSION_TOKEN"))))
        }
        (Some(_), None) => Err(CredentialsError::Environment(
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not".into(),
        )),
        (None, Some(_)) => Err(CredentialsError::Environment(
            "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not".into(),
        )),
    }
}

/// Providers the AWS SDKs support in profiles that this runtime does not:
/// a profile using one fails loudly instead of looking empty.
const UNSUPPORTED: &[&str] = &[
    "role_arn",
    "credential_process",
    "sso_session",
    "sso_start_url",
    "web_identity_token_file",
    "credential_source",
];

fn from_profile_set(
    profiles: &ProfileSet,
    name: &str,
) -> Result<Option<Credentials>, CredentialsError> {
    let Some(profile) = profiles.get(name) else {
        return Ok(None);
    };
    if let Some(c) = static_keys(profile, name)? {
        return Ok(Some(c));
    }
    match UNSUPPORTED.iter().find_map(|k| profile.property(k).map(|p| (k, p))) {
        Some((key, p)) => Err(CredentialsError::Profile {
            profile: name.to_string(),
            location: p.location(),
            message: format!("uses `{key}`, which apigen-runtime does not support; give static keys or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"),
        }),
        None => Ok(None),
    }
}

/// The static keys of profile `name`: `Ok(None)` when it has neither
/// `aws_access_key_id` nor `aws_secret_access_key`, an error naming the
/// file and line when it has only one.
pub(crate) fn static_keys(
    profile: &Profile,
    name: &str,
) -> Result<Option<Credentials>, CredentialsError> {
    let id = profile.property("aws_access_key_id");
    let secret = profile.property("aws_secret_access_key");
    match (id, secret) {
        (Some(id), Some(secret)) => Ok(Some(Credentials::new(
            id.value.clone(),
            secret.value.clone(),
            profile.get("aws_session_token").map(str::to_string),
        ))),
        (Some(p), None) | (None, Some(p)) => Err(CredentialsError::Profile {
            profile: name.to_string(),
            location: p.location(),
            message: "needs both aws_access_key_id and aws_secret_access_key".into(),
        }),
        (None, None) => Ok(None),
    }
}

/// Why credentials could not be had, naming the source that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialsError {
    /// No source had credentials; lists the sources tried.
    NotFound {
        /// Each source, described.
        tried: Vec<String>,
    },
    /// The environment variables are inconsistent.
    Environment(String),
    /// A shared file could not be read or parsed.
    File(ProfileFileError),
    /// `AWS_PROFILE` names a profile neither file has.
    ProfileNotFound {
        /// The profile name.
        profile: String,
        /// The files searched.
        searched: String,
    },
    /// A profile exists but its credentials are unusable.
    Profile {
        /// The profile name.
        profile: String,
        /// `file:line` of the offending setting.
        location: String,
        /// What is wrong.
        message: String,
    },
}

impl From<ProfileFileError> for CredentialsError {
    fn from(e: ProfileFileError) -> Self {
        CredentialsError::File(e)
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::NotFound { tried } => {
                write!(f, "no credentials found; tried: {}", tried.join("; "))
            }
            CredentialsError::Environment(m) => write!(f, "credentials from the environment: {m}"),
            CredentialsError::File(e) => write!(f, "credentials from the shared files: {e}"),
            CredentialsError::ProfileNotFound { profile, searched } => {
                write!(
                    f,
                    "profile [{profile}] (from AWS_PROFILE) is not in {searched}"
                )
            }
            CredentialsError::Profile {
                profile,
                location,
                message,
            } => {
                write!(
                    f,
                    "credentials of profile [{profile}] ({location}): {message}"
                )
            }
        }
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CredentialsError::File(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{EnvGuard, TempDir};

    fn vars(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn environment_variables() {
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
        let e = from_vars(&vars(&[("AWS_ACCESS_KEY_ID", "AK")])).unwrap_err();
        assert_eq!(e.to_string(), "credentials from the environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
        assert!(!format!("{c:?}").contains("SK"));
        assert!(!format!("{c:?}").contains("\"T\""));
    }

    fn files(dir: &TempDir, credentials: &str, config: &str) -> ProfileFiles {
        ProfileFiles {
            credentials: dir.write("credentials", credentials),
            config: dir.write("config", config),
        }
    }

    #[test]
    fn chain_prefers_environment_then_profile() {
        let dir = TempDir::new("chain");
        let f = files(
            &dir,
            "[default]\naws_access_key_id = AK1\naws_secret_access_key = SK1\n\n[dev]\naws_access_key_id=AK2\naws_secret_access_key=SK2\naws_session_token=TOK\n",
            "[profile ops]\naws_access_key_id = AK3\naws_secret_access_key = SK3\n[profile role]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n",
        );
        let env = vars(&[
            ("AWS_ACCESS_KEY_ID", "ENV"),
            ("AWS_SECRET_ACCESS_KEY", "ENVSK"),
        ]);
        assert_eq!(chain(&env, f.load()).unwrap().access_key_id(), "ENV");
        assert_eq!(chain(&vars(&[]), f.load()).unwrap().access_key_id(), "AK1");
        let dev = chain(&vars(&[("AWS_PROFILE", "dev")]), f.load()).unwrap();
        assert_eq!(
            (dev.access_key_id(), dev.session_token()),
            ("AK2", Some("TOK"))
        );
        assert_eq!(
            chain(&vars(&[("AWS_PROFILE", "ops")]), f.load())
                .unwrap()
                .access_key_id(),
            "AK3"
        );

        let e = chain(&vars(&[("AWS_PROFILE", "nope")]), f.load()).unwrap_err();
        assert!(matches!(e, CredentialsError::ProfileNotFound { .. }), "{e}");
        let e = chain(&vars(&[("AWS_PROFILE", "role")]), f.load())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("role_arn") && e.contains(&format!("{}:5", f.config.display())),
            "{e}"
        );
    }

    #[test]
    fn chain_errors_name_the_source() {
        let dir = TempDir::new("chain-errors");
        let f = files(&dir, "[default]\naws_access_key_id = AK1\n", "");
        let e = chain(&vars(&[]), f.load()).unwrap_err().to_string();
        assert_eq!(
            e,
            format!(
                "credentials of profile [default] ({}:2): needs both aws_access_key_id and aws_secret_access_key",
                f.credentials.display()
            )
        );
        let f = files(&dir, "[default]\naws_access_key_id = AK1\nbroken\n", "");
        let e = chain(&vars(&[]), f.load()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("credentials from the shared files: {}:3: expected `key = value` or `[section]`, found \"broken\"", f.credentials.display())
        );
        assert!(std::error::Error::source(&e).is_some());
        let f = files(&dir, "", "");
        let e = chain(&vars(&[]), f.load()).unwrap_err().to_string();
        assert!(
            e.starts_with("no credentials found; tried: environment"),
            "{e}"
        );
        // The environment wins even when the files are broken.
        let f = files(&dir, "[broken\n", "");
        let env = vars(&[
            ("AWS_ACCESS_KEY_ID", "ENV"),
            ("AWS_SECRET_ACCESS_KEY", "ENVSK"),
        ]);
        assert!(chain(&env, f.load()).is_ok());
    }

    #[test]
    fn default_chain_reads_the_process_environment() {
        let dir = TempDir::new("chain-env");
        let creds = dir.write(
            "creds",
            "[work]\naws_access_key_id = WORK\naws_secret_access_key = S\n",
        );
        let env = EnvGuard::new(&[
            ("AWS_ACCESS_KEY_ID", None),
            ("AWS_SECRET_ACCESS_KEY", None),
            ("AWS_SESSION_TOKEN", None),
            ("AWS_PROFILE", Some("work")),
            ("AWS_SHARED_CREDENTIALS_FILE", Some(creds.to_str().unwrap())),
            (
                "AWS_CONFIG_FILE",
                Some(dir.path().join("absent").to_str().unwrap()),
            ),
        ]);
        assert_eq!(
            Credentials::default_chain().unwrap().access_key_id(),
            "WORK"
        );
        assert_eq!(
            Credentials::from_profile(Some("work"))
                .unwrap()
                .unwrap()
                .access_key_id(),
            "WORK"
        );
        assert_eq!(Credentials::from_env().unwrap(), None);
        env.set("AWS_ACCESS_KEY_ID", Some("E"));
        env.set("AWS_SECRET_ACCESS_KEY", Some("ES"));
        env.set("AWS_SESSION_TOKEN", Some("ET"));
        let c = Credentials::default_chain().unwrap();
        assert_eq!((c.access_key_id(), c.session_token()), ("E", Some("ET")));
    }
}
