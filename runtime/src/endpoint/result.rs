//! What resolving a rule set gives: an [`Endpoint`] or a [`ResolveError`].

use crate::Document;
use std::collections::HashMap;
use std::fmt;

/// A resolved endpoint: the URL, the headers to add to the request, and the
/// rule's properties (such as `authSchemes`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Endpoint {
    /// The URL, e.g. `https://api.ecr.us-east-1.amazonaws.com` (it may have
    /// a base path).
    pub url: String,
    /// Header names with their values, sorted by name.
    pub headers: Vec<(String, Vec<String>)>,
    /// The endpoint's properties, by name.
    pub properties: HashMap<String, Document>,
}

impl Endpoint {
    /// The URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The values of header `name` (matched ignoring ASCII case).
    pub fn header(&self, name: &str) -> Option<&[String]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// The property `name`.
    pub fn property(&self, name: &str) -> Option<&Document> {
        self.properties.get(name)
    }

    /// The entries of the `authSchemes` property, in the rule's order of
    /// preference; entries that are not objects with a string `name` are
    /// skipped. Empty when the property is absent.
    pub fn auth_schemes(&self) -> impl Iterator<Item = AuthScheme<'_>> {
        self.property("authSchemes")
            .and_then(Document::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(|d| {
                let members = d.as_object()?;
                let name = members.get("name")?.as_str()?;
                Some(AuthScheme { name, members })
            })
    }

    /// The first auth scheme called `name` (`sigv4`, `sigv4a`, …).
    pub fn auth_scheme(&self, name: &str) -> Option<AuthScheme<'_>> {
        self.auth_schemes().find(|s| s.name == name)
    }
}

/// One entry of an endpoint's `authSchemes` property: how requests to this
/// endpoint are signed, overriding the client's defaults.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AuthScheme<'a> {
    name: &'a str,
    members: &'a HashMap<String, Document>,
}

impl<'a> AuthScheme<'a> {
    /// The scheme: `sigv4`, `sigv4a`, `sigv4-s3express`, …
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// `signingName`: the service name to sign with.
    pub fn signing_name(&self) -> Option<&'a str> {
        self.str("signingName")
    }

    /// `signingRegion`: the region to sign with (SigV4).
    pub fn signing_region(&self) -> Option<&'a str> {
        self.str("signingRegion")
    }

    /// `signingRegionSet`: the regions a SigV4a signature is valid in
    /// (non-string entries are skipped).
    pub fn signing_region_set(&self) -> Option<Vec<&'a str>> {
        let set = self.get("signingRegionSet")?.as_array()?;
        Some(set.iter().filter_map(Document::as_str).collect())
    }

    /// `disableDoubleEncoding`: when true, the canonical URI's path is
    /// encoded once, not twice (S3).
    pub fn disable_double_encoding(&self) -> Option<bool> {
        self.get("disableDoubleEncoding")?.as_bool()
    }

    /// `disableNormalizePath`: when true, the canonical URI's path is not
    /// normalized (S3).
    pub fn disable_normalize_path(&self) -> Option<bool> {
        self.get("disableNormalizePath")?.as_bool()
    }

    /// Any member of the entry, by name.
    pub fn get(&self, key: &str) -> Option<&'a Document> {
        self.members.get(key)
    }

    fn str(&self, key: &str) -> Option<&'a str> {
        self.get(key)?.as_str()
    }
}

/// What kind of [`ResolveError`] it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResolveErrorKind {
    /// An error rule matched; the message is the rule's text.
    Rule,
    /// A required parameter has no value and no default.
    MissingParameter,
    /// A parameter's value is not of the parameter's type.
    InvalidParameter,
    /// No rule matched (at the top level, or inside a matching tree rule).
    NoMatch,
    /// The rule set went wrong while being evaluated: a value of the wrong
    /// type reached a function, or an unset value a template. Rule sets
    /// that pass Smithy's validation do not do this.
    Evaluation,
}

/// Resolving failed. For [`ResolveErrorKind::Rule`], [`message`](Self::message)
/// (and `Display`) is exactly the rule's error text, e.g. `Invalid
/// Configuration: FIPS and custom endpoint are not supported`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    kind: ResolveErrorKind,
    message: String,
}

impl ResolveError {
    pub(super) fn new(kind: ResolveErrorKind, message: impl Into<String>) -> Self {
        ResolveError {
            kind,
            message: message.into(),
        }
    }

    /// What kind of error it is.
    pub fn kind(&self) -> ResolveErrorKind {
        self.kind
    }

    /// The message: a rule's own text, or what went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ResolveError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_scheme_helpers() {
        let doc: Document = crate::wire::from_json_str(
            r#"[
                {"name": "sigv4a", "signingName": "s3", "signingRegionSet": ["*"], "disableDoubleEncoding": true},
                {"name": "sigv4", "signingName": "s3", "signingRegion": "us-east-1", "disableNormalizePath": false},
                {"noName": true},
                "junk"
            ]"#,
        )
        .unwrap();
        let endpoint = Endpoint {
            url: "https://x".into(),
            headers: vec![("x-amz-a".into(), vec!["1".into()])],
            properties: HashMap::from([("authSchemes".to_string(), doc)]),
        };
        let names: Vec<_> = endpoint.auth_schemes().map(|s| s.name()).collect();
        assert_eq!(names, ["sigv4a", "sigv4"]);
        let a = endpoint.auth_scheme("sigv4a").unwrap();
        assert_eq!(a.signing_name(), Some("s3"));
        assert_eq!(a.signing_region(), None);
        assert_eq!(a.signing_region_set(), Some(vec!["*"]));
        assert_eq!(a.disable_double_encoding(), Some(true));
        let v4 = endpoint.auth_scheme("sigv4").unwrap();
        assert_eq!(v4.signing_region(), Some("us-east-1"));
        assert_eq!(v4.disable_double_encoding(), None);
        assert_eq!(v4.disable_normalize_path(), Some(false));
        assert_eq!(v4.get("signingName").and_then(Document::as_str), Some("s3"));
        assert!(endpoint.auth_scheme("bearer").is_none());
        assert_eq!(endpoint.header("X-Amz-A"), Some(&["1".to_string()][..]));
        assert_eq!(Endpoint::default().auth_schemes().count(), 0);
    }
}
