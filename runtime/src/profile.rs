//! The shared `~/.aws/config` and `~/.aws/credentials` files: a small INI
//! parser of the AWS flavour and the merge of both files into profiles.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a shared file could not be used. Every variant names the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileFileError {
    /// The file exists but could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error, as text (so the error stays `Clone`).
        message: String,
    },
    /// The file is not valid INI.
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong there.
        message: String,
    },
}

impl fmt::Display for ProfileFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileFileError::Read { path, message } => {
                write!(f, "cannot read {}: {message}", path.display())
            }
            ProfileFileError::Parse {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
        }
    }
}

impl std::error::Error for ProfileFileError {}

/// A syntax error at a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IniError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One `[section]` of an INI file, properties in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The name with runs of whitespace collapsed, e.g. `profile dev`.
    pub name: String,
    /// `(key, value, line)`; keys lower-cased.
    pub properties: Vec<(String, String, usize)>,
}

/// Parses the AWS flavour of INI: `[section]` headers (a comment may follow
/// the `]`), `key = value` properties, full-line `#`/`;` comments, comments
/// after a value when preceded by whitespace, and indented continuation
/// lines (sub-properties such as `s3 =` blocks), which are skipped.
pub fn parse_ini(text: &str) -> Result<Vec<Section>, IniError> {
    let mut sections: Vec<Section> = Vec::new();
    let mut last_was_property = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let err = |message: String| IniError {
            line: line_no,
            message,
        };
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if raw.starts_with([' ', '\t']) && !line.starts_with('[') {
            if !last_was_property {
                return Err(err(format!("indented line {line:?} continues no property")));
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some((name, after)) = rest.split_once(']') else {
                return Err(err(format!("section header {line:?} has no closing ']'")));
            };
            let after = after.trim();
            if !(after.is_empty() || after.starts_with('#') || after.starts_with(';')) {
                return Err(err(format!(
                    "unexpected text {after:?} after section header"
                )));
            }
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.is_empty() {
                return Err(err("empty section name".into()));
            }
            sections.push(Section {
                name,
                properties: Vec::new(),
            });
            last_was_property = false;
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(err(format!(
                "expected `key = value` or `[section]`, found {line:?}"
            )));
        };
        let key = key.trim();
        if key.is_empty() {
            return Err(err("property with an empty name".into()));
        }
        let Some(section) = sections.last_mut() else {
            return Err(err(format!(
                "property {key:?} appears before any [section]"
            )));
        };
        section.properties.push((
            key.to_ascii_lowercase(),
            strip_value_comment(value).to_string(),
            line_no,
        ));
        last_was_property = true;
    }
    Ok(sections)
}

/// `value # comment` → `value`; a `#` not preceded by whitespace is data.
fn strip_value_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for i in 1..bytes.len() {
        if matches!(bytes[i], b'#' | b';') && bytes[i - 1].is_ascii_whitespace() {
            return value[..i].trim();
        }
    }
    value.trim()
}

/// A property value and where it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    /// The value.
    pub value: String,
    /// The file it came from.
    pub path: PathBuf,
    /// Its 1-based line.
    pub line: usize,
}

impl Property {
    /// `file:line`, for error messages.
    pub fn location(&self) -> String {
        format!("{}:{}", self.path.display(), self.line)
    }
}

/// One profile, merged from both files (credentials file wins per key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    properties: BTreeMap<String, Property>,
}

impl Profile {
    /// A property's value.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties.get(key).map(|p| p.value.as_str())
    }

    /// A property with its location.
    pub fn property(&self, key: &str) -> Option<&Property> {
        self.properties.get(key)
    }
}

/// Paths of the shared files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileFiles {
    /// `AWS_CONFIG_FILE` or `~/.aws/config`.
    pub config: PathBuf,
    /// `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`.
    pub credentials: PathBuf,
}

impl ProfileFiles {
    /// The paths the environment names, or the defaults under the home directory.
    pub fn from_env() -> Self {
        Self::from_vars(&|k| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
    }

    pub(crate) fn from_vars(get: &dyn Fn(&str) -> Option<PathBuf>) -> Self {
        let home = get("HOME")
            .or_else(|| get("USERPROFILE"))
            .unwrap_or_default();
        ProfileFiles {
            config: get("AWS_CONFIG_FILE").unwrap_or_else(|| home.join(".aws").join("config")),
            credentials: get("AWS_SHARED_CREDENTIALS_FILE")
                .unwrap_or_else(|| home.join(".aws").join("credentials")),
        }
    }

    /// Reads and merges both files. A missing file is empty, not an error.
    pub fn load(&self) -> Result<ProfileSet, ProfileFileError> {
        let mut set = ProfileSet::default();
        // Config first: `[default]` and `[profile name]`; when both
        // `[default]` and `[profile default]` exist the latter wins.
        if let Some(sections) = read_sections(&self.config)? {
            let explicit_default = sections.iter().any(|s| s.name == "profile default");
            for section in &sections {
                let name = match section.name.strip_prefix("profile ") {
                    Some(n) => n,
                    None if section.name == "default" && !explicit_default => "default",
                    // `[sso-session x]`, `[services x]`, a shadowed `[default]`: unused here.
                    None => continue,
                };
                set.merge(name, section, &self.config);
            }
        }
        // Credentials file: `[name]` only; its keys override config's.
        if let Some(sections) = read_sections(&self.credentials)? {
            set.merge_credentials_sections(&sections, &self.credentials);
        }
        set.files = self.clone();
        Ok(set)
    }
}

fn read_sections(path: &Path) -> Result<Option<Vec<Section>>, ProfileFileError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_file(path, &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(read_error(path, &e)),
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> ProfileFileError {
    ProfileFileError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

fn parse_file(path: &Path, text: &str) -> Result<Vec<Section>, ProfileFileError> {
    parse_ini(text).map_err(|e| ProfileFileError::Parse {
        path: path.to_path_buf(),
        line: e.line,
        message: e.message,
    })
}

/// Every profile of both files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    files: ProfileFiles,
}

impl Default for ProfileFiles {
    fn default() -> Self {
        ProfileFiles {
            config: PathBuf::from("~/.aws/config"),
            credentials: PathBuf::from("~/.aws/credentials"),
        }
    }
}

impl ProfileSet {
    /// The profiles of one credentials-style file (`[name]` sections), as a
    /// server's key store reads it: unlike [`ProfileFiles::load`], a missing
    /// file is an error. [`files`](Self::files) names it as the credentials file.
    pub fn from_credentials_file(path: &Path) -> Result<Self, ProfileFileError> {
        let text = std::fs::read_to_string(path).map_err(|e| read_error(path, &e))?;
        let mut set = ProfileSet::default();
        set.merge_credentials_sections(&parse_file(path, &text)?, path);
        set.files.credentials = path.to_path_buf();
        Ok(set)
    }

    fn merge_credentials_sections(&mut self, sections: &[Section], path: &Path) {
        for section in sections {
            self.merge(&section.name, section, path);
        }
    }

    /// Every profile with its name, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Profile)> {
        self.profiles.iter().map(|(name, p)| (name.as_str(), p))
    }

    fn merge(&mut self, name: &str, section: &Section, path: &Path) {
        let profile = self.profiles.entry(name.to_string()).or_default();
        for (key, value, line) in &section.properties {
            profile.properties.insert(
                key.clone(),
                Property {
                    value: value.clone(),
                    path: path.to_path_buf(),
                    line: *line,
                },
            );
        }
    }

    /// A profile by name.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The files these profiles were read from.
    pub fn files(&self) -> &ProfileFiles {
        &self.files
    }
}

/// The profile to use: `AWS_PROFILE`, else `default`.
pub fn selected_profile_name(get: &dyn Fn(&str) -> Option<String>) -> (String, bool) {
    match get("AWS_PROFILE").filter(|p| !p.is_empty()) {
        Some(p) => (p, true),
        None => ("default".to_string(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_properties_and_comments() {
        let text = "# top comment\n[default]\nregion = us-east-1 # trailing\nkey=a#b\n\n[profile  dev]   ; note\n; comment\nS3 =\n  max_concurrent_requests = 10\nregion=eu-west-1\n";
        let sections = parse_ini(text).unwrap();
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].name, "default");
        assert_eq!(
            sections[0].properties,
            vec![
                ("region".into(), "us-east-1".into(), 3),
                ("key".into(), "a#b".into(), 4)
            ]
        );
        assert_eq!(sections[1].name, "profile dev");
        assert_eq!(
            sections[1].properties[1],
            ("region".into(), "eu-west-1".into(), 10)
        );
    }

    #[test]
    fn syntax_errors_carry_line_numbers() {
        let cases = [
            ("[default\n", 1, "no closing"),
            ("region = x\n", 1, "before any [section]"),
            (
                "[a]\nk = v\nthis line is broken\n",
                3,
                "expected `key = value`",
            ),
            ("[a]\n\n  indented = orphan\n", 3, "continues no property"),
            ("[]\n", 1, "empty section name"),
            ("[a] junk\n", 1, "after section header"),
            ("[a]\n= v\n", 2, "empty name"),
        ];
        for (text, line, needle) in cases {
            let e = parse_ini(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}");
            assert!(e.message.contains(needle), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn merges_both_files_with_credentials_winning() {
        let dir = crate::test_support::TempDir::new("profile-merge");
        let config = dir.write("config", "[default]\nregion = us-west-1\n[profile default]\nregion = us-west-2\n[profile dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n[dev]\nregion = ignored\n");
        let credentials = dir.write(
            "credentials",
            "[dev]\naws_access_key_id = FROMCREDS\n[profile dev]\nregion = ignored-too\n",
        );
        let set = ProfileFiles {
            config: config.clone(),
            credentials: credentials.clone(),
        }
        .load()
        .unwrap();
        assert_eq!(set.get("default").unwrap().get("region"), Some("us-west-2"));
        let dev = set.get("dev").unwrap();
        assert_eq!(dev.get("region"), Some("eu-west-1"));
        assert_eq!(dev.get("aws_access_key_id"), Some("FROMCREDS"));
        assert_eq!(
            dev.property("aws_access_key_id").unwrap().location(),
            format!("{}:2", credentials.display())
        );
        assert!(set.get("profile dev").unwrap().get("region").is_some());
    }

    #[test]
    fn missing_files_are_empty_and_bad_files_name_file_and_line() {
        let dir = crate::test_support::TempDir::new("profile-errors");
        let files = ProfileFiles {
            config: dir.path().join("none"),
            credentials: dir.path().join("none2"),
        };
        assert_eq!(files.load().unwrap().get("default"), None);
        let bad = dir.write("config", "[default]\nregion = x\noops\n");
        let files = ProfileFiles {
            config: bad.clone(),
            credentials: dir.path().join("none"),
        };
        let e = files.load().unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}:3: expected `key = value` or `[section]`, found \"oops\"",
                bad.display()
            )
        );
        // A directory where a file should be is a read error naming the path.
        let files = ProfileFiles {
            config: dir.path().to_path_buf(),
            credentials: dir.path().join("none"),
        };
        assert!(matches!(
            files.load().unwrap_err(),
            ProfileFileError::Read { .. }
        ));
    }

    #[test]
    fn one_credentials_file_must_exist_and_lists_every_profile() {
        let dir = crate::test_support::TempDir::new("profile-one-file");
        let path = dir.write(
            "credentials",
            "[b]\nk = 2\n[a]\nk = 1\n[profile c]\nk = 3\n",
        );
        let set = ProfileSet::from_credentials_file(&path).unwrap();
        let names: Vec<&str> = set.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["a", "b", "profile c"]);
        assert_eq!(set.files().credentials, path);
        let missing = dir.path().join("absent");
        let e = ProfileSet::from_credentials_file(&missing).unwrap_err();
        assert!(
            matches!(&e, ProfileFileError::Read { path, .. } if *path == missing),
            "{e}"
        );
        let bad = dir.write("bad", "[a]\nk = 1\n[b\n");
        assert_eq!(
            ProfileSet::from_credentials_file(&bad)
                .unwrap_err()
                .to_string(),
            format!(
                "{}:3: section header \"[b\" has no closing ']'",
                bad.display()
            )
        );
    }

    #[test]
    fn paths_from_environment_variables() {
        let vars = |k: &str| match k {
            "HOME" => Some(PathBuf::from("/home/u")),
            "AWS_CONFIG_FILE" => Some(PathBuf::from("/etc/aws.conf")),
            _ => None,
        };
        let f = ProfileFiles::from_vars(&vars);
        assert_eq!(f.config, PathBuf::from("/etc/aws.conf"));
        assert_eq!(f.credentials, PathBuf::from("/home/u/.aws/credentials"));
    }
}
