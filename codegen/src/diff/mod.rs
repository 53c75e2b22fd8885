//! `apigen diff`: what a spec change does on the wire and to the generated
//! crate's semver.
//!
//! Both sides are loaded into the typed model as for `generate`. Then:
//! [`rules`] compares the models service, operation, shape and member at a
//! time and records each change with its rule id, subject and locations;
//! [`openapi`] adds what only the raw OpenAPI documents say (media types,
//! parameter styles, status codes, security schemes); [`wire`] gives each
//! change its wire verdict for old clients and old servers; [`semver`]
//! plans both crates with the emitters' own [`CratePlan`](crate::emit::CratePlan),
//! lists the public Rust API each would have and attributes every
//! difference to a change; [`report`] renders the result; [`git`] reads a
//! side at a git revision.

pub mod git;
pub mod openapi;
pub mod report;
pub mod rules;
pub mod semver;
pub mod wire;

use crate::load::Loaded;
use crate::source::{SourceMap, Span};

/// The version of the JSON report's schema (`codegen/diff-schema.json`).
pub const SCHEMA_VERSION: u32 = 1;

/// What a change does on the wire, from the least to the most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Wire {
    Compatible,
    Dangerous,
    Breaking,
}

impl Wire {
    pub fn as_str(self) -> &'static str {
        match self {
            Wire::Compatible => "compatible",
            Wire::Dangerous => "dangerous",
            Wire::Breaking => "breaking",
        }
    }
}

/// The semver level a change forces on the generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Semver {
    Patch,
    Minor,
    Major,
}

impl Semver {
    pub fn as_str(self) -> &'static str {
        match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

/// A verdict for each party: old clients against a new service, and old
/// servers receiving new clients (wire); code calling the client, and
/// code implementing the server traits (semver).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair<T> {
    pub client: T,
    pub server: T,
}

impl<T: Ord + Copy> Pair<T> {
    pub fn new(client: T, server: T) -> Self {
        Pair { client, server }
    }

    pub fn both(v: T) -> Self {
        Pair {
            client: v,
            server: v,
        }
    }

    pub fn max(self) -> T {
        self.client.max(self.server)
    }

    pub fn join(self, other: Pair<T>) -> Pair<T> {
        Pair {
            client: self.client.max(other.client),
            server: self.server.max(other.server),
        }
    }
}

/// Where a change is written on one side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// The model elements a change is about (absolute shape ids as strings).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub service: Option<String>,
    pub operation: Option<String>,
    pub shape: Option<String>,
    pub member: Option<String>,
}

/// One change between the two sides.
#[derive(Clone, Debug)]
pub struct Change {
    /// Stable rule id (`AddedRequiredMember`), see [`rules::RULES`].
    pub rule: &'static str,
    pub message: String,
    pub subject: Subject,
    pub old: Option<Location>,
    pub new: Option<Location>,
    pub wire: Pair<Wire>,
    pub semver: Pair<Semver>,
    /// The differences in the generated Rust API this change causes (what
    /// `semver` is derived from), e.g. `field types::Repository.name: Option<String> -> String`.
    pub rust: Vec<String>,
}

/// The result of comparing two sides.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub old_label: String,
    pub new_label: String,
    pub changes: Vec<Change>,
}

impl Report {
    pub fn wire(&self) -> Pair<Wire> {
        self.changes
            .iter()
            .fold(Pair::both(Wire::Compatible), |acc, c| acc.join(c.wire))
    }

    pub fn semver(&self) -> Pair<Semver> {
        self.changes
            .iter()
            .fold(Pair::both(Semver::Patch), |acc, c| acc.join(c.semver))
    }
}

/// The threshold of `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Any change at all.
    Any,
    Wire(Wire),
    Semver(Semver),
    /// Never fail (report only).
    Never,
}

impl FailOn {
    pub fn parse(s: &str) -> Option<FailOn> {
        Some(match s {
            "any" => FailOn::Any,
            "breaking" => FailOn::Wire(Wire::Breaking),
            "dangerous" => FailOn::Wire(Wire::Dangerous),
            "major" => FailOn::Semver(Semver::Major),
            "minor" => FailOn::Semver(Semver::Minor),
            "never" => FailOn::Never,
            _ => return None,
        })
    }

    /// Whether this change reaches the threshold.
    pub fn reached_by(self, c: &Change) -> bool {
        match self {
            FailOn::Any => true,
            FailOn::Wire(w) => c.wire.max() >= w,
            FailOn::Semver(s) => c.semver.max() >= s,
            FailOn::Never => false,
        }
    }
}

/// One loaded side, with a label for reports (`HEAD~1`, `old`).
pub struct Side<'a> {
    pub label: String,
    pub loaded: &'a Loaded,
}

impl Side<'_> {
    pub fn location(&self, span: Span) -> Option<Location> {
        locate(&self.loaded.sources, span)
    }
}

fn locate(sources: &SourceMap, span: Span) -> Option<Location> {
    if span.line == 0 {
        return None;
    }
    let file = sources.get(span.file)?;
    let path = file.path.display().to_string();
    // Built-in prelude files are no place a user can open.
    if path.starts_with("<") || path.starts_with("builtin:") {
        return None;
    }
    Some(Location {
        file: path,
        line: span.line,
        column: span.column,
    })
}

/// Compares two loaded sides. Neither may have load errors (the caller
/// reports those instead of a diff).
pub fn diff(old: &Side, new: &Side) -> Report {
    // The two crate plans and their APIs are independent of the rules:
    // both are worked out while the rules run.
    let start = std::time::Instant::now();
    let (mut found, surfaces, rules_took) = std::thread::scope(|s| {
        let o = s.spawn(|| semver::surface(&old.loaded.model));
        let n = s.spawn(|| semver::surface(&new.loaded.model));
        let mut found = rules::compare(old, new);
        found.extend(openapi::compare(old, new));
        let rules_took = start.elapsed();
        let join = |h: std::thread::ScopedJoinHandle<'_, semver::Surface>| {
            h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
        };
        (found, (join(o), join(n)), rules_took)
    });
    let planned = start.elapsed();
    semver::attribute(&surfaces.0, &surfaces.1, &mut found);
    if std::env::var_os("APIGEN_DIFF_TIMINGS").is_some() {
        eprintln!(
            "apigen diff timings: rules {rules_took:?}, with the crate plans and APIs (in parallel) {planned:?}, attributed {:?}",
            start.elapsed() - planned
        );
    }
    let mut changes: Vec<Change> = found.into_iter().map(|f| f.change).collect();
    changes.sort_by(|a, b| {
        b.wire
            .max()
            .cmp(&a.wire.max())
            .then_with(|| b.semver.max().cmp(&a.semver.max()))
            .then_with(|| a.rule.cmp(b.rule))
            .then_with(|| a.message.cmp(&b.message))
    });
    Report {
        old_label: old.label.clone(),
        new_label: new.label.clone(),
        changes,
    }
}
