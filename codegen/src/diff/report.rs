//! Renders a [`Report`]: `text` for people (grouped by wire severity),
//! `json` (the versioned schema in `codegen/diff-schema.json`), `markdown`
//! for a pull-request comment, `github` for workflow annotations on the
//! spec lines.

use super::{Change, FailOn, Location, Report, Wire, SCHEMA_VERSION};
use serde_json::{json, Value};
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Github,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "text" => Format::Text,
            "json" => Format::Json,
            "markdown" => Format::Markdown,
            "github" => Format::Github,
            _ => return None,
        })
    }
}

pub fn render(report: &Report, format: Format, fail_on: FailOn, fail_on_name: &str) -> String {
    match format {
        Format::Text => text(report, fail_on),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&to_json(report, fail_on, fail_on_name))
                .unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Markdown => markdown(report, fail_on),
        Format::Github => github(report, fail_on),
    }
}

fn loc(l: &Option<Location>) -> Value {
    match l {
        Some(l) => json!({"file": l.file, "line": l.line, "column": l.column}),
        None => Value::Null,
    }
}

fn opt(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

/// The JSON report (schema version [`SCHEMA_VERSION`]).
pub fn to_json(report: &Report, fail_on: FailOn, fail_on_name: &str) -> Value {
    let wire = report.wire();
    let semver = report.semver();
    let count = |w: Wire| report.changes.iter().filter(|c| c.wire.max() == w).count();
    let changes: Vec<Value> = report
        .changes
        .iter()
        .map(|c| {
            json!({
                "rule": c.rule,
                "message": c.message,
                "subject": {
                    "service": opt(&c.subject.service),
                    "operation": opt(&c.subject.operation),
                    "shape": opt(&c.subject.shape),
                    "member": opt(&c.subject.member),
                },
                "old": loc(&c.old),
                "new": loc(&c.new),
                "wire": {"client": c.wire.client.as_str(), "server": c.wire.server.as_str()},
                "semver": {"client": c.semver.client.as_str(), "server": c.semver.server.as_str()},
                "failsGate": fail_on.reached_by(c),
                "rust": c.rust,
            })
        })
        .collect();
    json!({
        "schemaVersion": SCHEMA_VERSION,
        "tool": format!("apigen {}", env!("CARGO_PKG_VERSION")),
        "old": report.old_label,
        "new": report.new_label,
        "failOn": fail_on_name,
        "failed": report.changes.iter().any(|c| fail_on.reached_by(c)),
        "summary": {
            "changes": report.changes.len(),
            "breaking": count(Wire::Breaking),
            "dangerous": count(Wire::Dangerous),
            "compatible": count(Wire::Compatible),
            "wire": {"client": wire.client.as_str(), "server": wire.server.as_str()},
            "semver": {"client": semver.client.as_str(), "server": semver.server.as_str()},
        },
        "changes": changes,
    })
}

fn place(c: &Change) -> String {
    let one = |l: &Option<Location>| l.as_ref().map(|l| format!("{}:{}", l.file, l.line));
    match (one(&c.old), one(&c.new)) {
        (Some(o), Some(n)) if o == n => n,
        (Some(o), Some(n)) => format!("{o} -> {n}"),
        (Some(o), None) => format!("{o} (old)"),
        (None, Some(n)) => n,
        (None, None) => String::new(),
    }
}

fn verdicts(c: &Change) -> String {
    format!(
        "wire: clients {}, servers {}; Rust API: client users {}, server implementers {}",
        c.wire.client.as_str(),
        c.wire.server.as_str(),
        c.semver.client.as_str(),
        c.semver.server.as_str()
    )
}

fn text(report: &Report, fail_on: FailOn) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "apigen diff: {} -> {}: {} change(s)",
        report.old_label,
        report.new_label,
        report.changes.len()
    );
    for (w, title) in [
        (Wire::Breaking, "Breaking"),
        (Wire::Dangerous, "Dangerous"),
        (Wire::Compatible, "Compatible"),
    ] {
        let group: Vec<&Change> = report
            .changes
            .iter()
            .filter(|c| c.wire.max() == w)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title} on the wire ({}):", group.len());
        for c in group {
            let mark = if fail_on.reached_by(c) { "!" } else { " " };
            let _ = writeln!(out, "{mark} [{}] {}", c.rule, c.message);
            let p = place(c);
            if !p.is_empty() {
                let _ = writeln!(out, "      at {p}");
            }
            let _ = writeln!(out, "      {}", verdicts(c));
            for r in c.rust.iter().take(6) {
                let _ = writeln!(out, "      rust: {r}");
            }
            if c.rust.len() > 6 {
                let _ = writeln!(out, "      rust: ... and {} more", c.rust.len() - 6);
            }
        }
    }
    let _ = writeln!(out, "\nsummary: {}", summary(report));
    out
}

/// `wire clients X, servers Y; semver client users A, server implementers B`.
fn summary(report: &Report) -> String {
    let wire = report.wire();
    let semver = report.semver();
    format!(
        "wire clients {}, servers {}; semver client users {}, server implementers {}",
        wire.client.as_str(),
        wire.server.as_str(),
        semver.client.as_str(),
        semver.server.as_str()
    )
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn markdown(report: &Report, fail_on: FailOn) -> String {
    let mut out = String::new();
    let wire = report.wire();
    let semver = report.semver();
    let failed = report
        .changes
        .iter()
        .filter(|c| fail_on.reached_by(c))
        .count();
    let _ = writeln!(
        out,
        "### apigen diff: `{}` → `{}`\n",
        report.old_label, report.new_label
    );
    if report.changes.is_empty() {
        let _ = writeln!(out, "No API changes.");
        return out;
    }
    let _ = writeln!(
        out,
        "{} change(s), {failed} at or over the gate. Wire: clients **{}**, servers **{}**. Generated crate: **{}** for client users, **{}** for server implementers.\n",
        report.changes.len(),
        wire.client.as_str(),
        wire.server.as_str(),
        semver.client.as_str(),
        semver.server.as_str()
    );
    let _ = writeln!(
        out,
        "| | rule | change | wire (clients / servers) | semver (clients / servers) | where |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for c in &report.changes {
        let icon = match c.wire.max() {
            Wire::Breaking => "🔴",
            Wire::Dangerous => "🟠",
            Wire::Compatible => "🟢",
        };
        let _ = writeln!(
            out,
            "| {icon} | `{}` | {} | {} / {} | {} / {} | {} |",
            c.rule,
            md_escape(&c.message),
            c.wire.client.as_str(),
            c.wire.server.as_str(),
            c.semver.client.as_str(),
            c.semver.server.as_str(),
            md_escape(&place(c))
        );
    }
    out
}

/// Workflow-command escaping (`%`, CR, LF; and `:`/`,` in properties).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(report: &Report, fail_on: FailOn) -> String {
    let mut out = String::new();
    for c in &report.changes {
        let level = if fail_on.reached_by(c) || c.wire.max() == Wire::Breaking {
            "error"
        } else if c.wire.max() == Wire::Dangerous {
            "warning"
        } else {
            "notice"
        };
        // The new side's place, else the old one's; a side read from git
        // (`REV:path`) is annotated on the path.
        let at = c.new.as_ref().or(c.old.as_ref());
        let file = at
            .map(|l| {
                let path = l
                    .file
                    .strip_prefix(&format!("{}:", report.old_label))
                    .unwrap_or(&l.file);
                format!("file={},line={},col={},", gh_prop(path), l.line, l.column)
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "::{level} {file}title={}::{}",
            gh_prop(&format!("apigen diff {}", c.rule)),
            gh_data(&format!("{} ({})", c.message, verdicts(c)))
        );
    }
    let _ = writeln!(
        out,
        "apigen diff: {} change(s); {}",
        report.changes.len(),
        summary(report)
    );
    out
}
