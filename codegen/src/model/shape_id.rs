//! Absolute shape ids: `namespace#Name` and `namespace#Name$member`.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    pub namespace: String,
    pub name: String,
    pub member: Option<String>,
}

impl ShapeId {
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        ShapeId {
            namespace: namespace.into(),
            name: name.into(),
            member: None,
        }
    }

    /// Parses an absolute id; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let (namespace, rest) = text.split_once('#')?;
        let (name, member) = match rest.split_once('$') {
            Some((n, m)) => (n, Some(m)),
            None => (rest, None),
        };
        if !is_namespace(namespace) || !is_identifier(name) || !member.is_none_or(is_identifier) {
            return None;
        }
        Some(ShapeId {
            namespace: namespace.to_string(),
            name: name.to_string(),
            member: member.map(str::to_string),
        })
    }

    /// The prelude shape of that name (`smithy.api#String`).
    pub fn prelude(name: &str) -> Self {
        ShapeId::new(PRELUDE_NAMESPACE, name)
    }

    pub fn with_member(&self, member: impl Into<String>) -> Self {
        ShapeId {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
            member: Some(member.into()),
        }
    }

    /// The id without its member part.
    pub fn root(&self) -> ShapeId {
        ShapeId::new(self.namespace.clone(), self.name.clone())
    }

    pub fn is_prelude(&self) -> bool {
        self.namespace == PRELUDE_NAMESPACE
    }
}

pub const PRELUDE_NAMESPACE: &str = "smithy.api";

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)?;
        if let Some(m) = &self.member {
            write!(f, "${m}")?;
        }
        Ok(())
    }
}

/// Smithy identifier: `(_*[A-Za-z])[A-Za-z0-9_]*`.
pub fn is_identifier(s: &str) -> bool {
    let trimmed = s.trim_start_matches('_');
    trimmed
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Dot-separated identifiers.
pub fn is_namespace(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(is_identifier)
}
