//! Constraint checking for generated types: `@required`, `@length`,
//! `@range`, `@pattern` and enum values. Generated `validate_at` methods walk
//! a value and report every violation with the path where it occurred.

use std::fmt;
use std::sync::OnceLock;

/// Implemented by every generated structure and union.
pub trait Validate {
    /// Records every constraint violation of `self` into `v`.
    fn validate_at(&self, v: &mut Violations);
}

/// One broken constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// JSON-pointer-like path of the offending value, e.g. `/repositoryNames/0`.
    pub path: String,
    /// What is wrong, e.g. `length 1 is below the minimum 2`.
    pub message: String,
}

/// The violations of one value; empty means valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Every violation found, in the order the value was walked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} constraint violation(s): ", self.violations.len())?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(
                f,
                "{}: {}",
                if v.path.is_empty() { "/" } else { &v.path },
                v.message
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Collects violations while a value is walked. The path is kept as a stack
/// of segments and joined only when a violation is recorded, so a valid value
/// costs no allocation beyond the stack.
#[derive(Debug, Default)]
pub struct Violations {
    path: Vec<Segment>,
    found: Vec<Violation>,
}

#[derive(Debug)]
enum Segment {
    Member(&'static str),
    Index(usize),
    Key(String),
}

impl Violations {
    /// Descends into a member.
    pub fn enter(&mut self, member: &'static str) {
        self.path.push(Segment::Member(member));
    }

    /// Descends into a list item.
    pub fn enter_index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    /// Descends into a map entry.
    pub fn enter_key(&mut self, key: &str) {
        self.path.push(Segment::Key(key.to_string()));
    }

    /// Returns to the parent value.
    pub fn leave(&mut self) {
        self.path.pop();
    }

    fn record(&mut self, message: String) {
        let mut path = String::new();
        for s in &self.path {
            path.push('/');
            match s {
                Segment::Member(m) => path.push_str(m),
                Segment::Index(i) => path.push_str(&i.to_string()),
                Segment::Key(k) => path.push_str(&k.replace('~', "~0").replace('/', "~1")),
            }
        }
        self.found.push(Violation { path, message });
    }

    /// A required member is missing.
    pub fn missing(&mut self) {
        self.record("a value is required".into());
    }

    /// Records a union whose member this version of the model does not know.
    pub fn unknown_member(&mut self) {
        self.record("the union's member is not one this model knows".into());
    }

    /// Checks a length (characters, items, entries or bytes).
    pub fn length(&mut self, len: usize, min: Option<u64>, max: Option<u64>) {
        let len64 = len as u64;
        if let Some(min) = min.filter(|&m| len64 < m) {
            self.record(format!("length {len} is below the minimum {min}"));
        }
        if let Some(max) = max.filter(|&m| len64 > m) {
            self.record(format!("length {len} is above the maximum {max}"));
        }
    }

    /// Checks a numeric range.
    pub fn range(&mut self, value: f64, min: Option<f64>, max: Option<f64>) {
        if let Some(min) = min.filter(|&m| value < m) {
            self.record(format!("value {value} is below the minimum {min}"));
        }
        if let Some(max) = max.filter(|&m| value > m) {
            self.record(format!("value {value} is above the maximum {max}"));
        }
    }

    /// Checks a string against a pattern (Smithy patterns are unanchored searches).
    pub fn pattern(&mut self, value: &str, pattern: &Pattern) {
        match pattern.regex() {
            Some(re) if re.find(value).is_some() => {}
            Some(_) => self.record(format!(
                "value {value:?} does not match the pattern {}",
                pattern.source
            )),
            // An uncompilable pattern was reported when the model was loaded;
            // the value is not judged by it.
            None => {}
        }
    }

    /// [`pattern`](Self::pattern) for a `@sensitive` value: the message
    /// does not quote it.
    pub fn pattern_redacted(&mut self, value: &str, pattern: &Pattern) {
        if pattern.regex().is_some_and(|re| re.find(value).is_none()) {
            self.record(format!(
                "the value (sensitive, not shown) does not match the pattern {}",
                pattern.source
            ));
        }
    }

    /// [`enum_value`](Self::enum_value) for a `@sensitive` value.
    pub fn enum_value_redacted(&mut self, value: &str, known: &[&str]) {
        if !known.contains(&value) {
            self.record(format!(
                "the value (sensitive, not shown) is not one of {}",
                known.join(", ")
            ));
        }
    }

    /// Checks that an enum value is one the model knows.
    pub fn enum_value(&mut self, value: &str, known: &[&str]) {
        if !known.contains(&value) {
            self.record(format!(
                "value {value:?} is not one of {}",
                known.join(", ")
            ));
        }
    }

    /// The result: `Ok` when nothing was violated.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.found,
            })
        }
    }
}

/// A `@pattern`: an ECMA-262 regular expression (Unicode mode, as the
/// generator checked it), compiled the first time it is used.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern from its source text (usable in a `static`).
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern's source text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    fn regex(&self) -> Option<&regress::Regex> {
        self.compiled
            .get_or_init(|| regress::Regex::with_flags(self.source, "u").ok())
            .as_ref()
    }

    /// Whether `value` contains a match (Smithy patterns are not anchored).
    pub fn is_match(&self, value: &str) -> bool {
        self.regex().is_some_and(|re| re.find(value).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_paths_and_messages() {
        static NAME: Pattern = Pattern::new("^[a-z]+$");
        let mut v = Violations::default();
        v.enter("names");
        v.enter_index(1);
        v.length(1, Some(2), Some(256));
        v.pattern("ABC", &NAME);
        v.leave();
        v.leave();
        v.enter("max");
        v.range(0.0, Some(1.0), Some(100.0));
        v.leave();
        v.enter_key("a/b");
        v.missing();
        v.leave();
        v.enum_value("NOPE", &["ANY", "TAGGED"]);
        let err = v.into_result().unwrap_err();
        let paths: Vec<&str> = err.violations().iter().map(|x| x.path.as_str()).collect();
        assert_eq!(paths, ["/names/1", "/names/1", "/max", "/a~1b", ""]);
        assert!(err.to_string().contains("below the minimum 2"));
        assert!(err.to_string().contains("does not match"));
    }

    #[test]
    fn sensitive_values_are_not_quoted() {
        static DIGITS: Pattern = Pattern::new("^[0-9]+$");
        let mut v = Violations::default();
        v.pattern_redacted("hunter2", &DIGITS);
        v.enum_value_redacted("hunter2", &["A"]);
        v.pattern_redacted("123", &DIGITS);
        let err = v.into_result().unwrap_err();
        assert_eq!(err.violations().len(), 2);
        assert!(!err.to_string().contains("hunter2"), "{err}");
        assert!(err.to_string().contains("not shown"), "{err}");
    }

    #[test]
    fn valid_values_pass() {
        static NAME: Pattern = Pattern::new("[a-z]");
        let mut v = Violations::default();
        v.length(5, Some(2), None);
        v.range(50.0, Some(1.0), Some(100.0));
        v.pattern("ABCx", &NAME);
        v.enum_value("ANY", &["ANY"]);
        assert!(v.into_result().is_ok());
    }
}
