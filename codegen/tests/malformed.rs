//! The malformed-input corpus (`tests/malformed/` at the workspace root):
//! every file there is a small, realistic mistake, and `EXPECTED` says where
//! the loader must point and what it must say. Each case must be an error,
//! located at the mistake itself, and must never panic the loader.

use apigen::diag::Severity;
use apigen::load::{Input, Loaded};
use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/malformed");
const MIN_CASES: usize = 45;

/// One line of `EXPECTED`.
#[derive(Debug)]
struct Case {
    /// Path relative to the corpus directory, with `/` separators.
    path: String,
    line: u32,
    column: u32,
    severity: Severity,
    code: String,
    message: String,
}

fn corpus() -> PathBuf {
    PathBuf::from(CORPUS)
}

/// Parses `EXPECTED`: `path<TAB>line:column<TAB>severity[code]<TAB>message`.
/// Blank lines and lines starting with `#` are ignored.
fn expected_cases() -> Vec<Case> {
    let path = corpus().join("EXPECTED");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |why: &str| -> ! { panic!("EXPECTED line {}: {why}: {line:?}", i + 1) };
        let fields: Vec<&str> = line.split('\t').collect();
        let [path, position, kind, message] = fields[..] else {
            bad("expected four tab-separated fields")
        };
        let Some((line_no, column)) = position.split_once(':') else {
            bad("position must be line:column")
        };
        let (Ok(line_no), Ok(column)) = (line_no.parse(), column.parse()) else {
            bad("line and column must be numbers")
        };
        let Some((severity, code)) = kind.strip_suffix(']').and_then(|k| k.split_once('[')) else {
            bad("severity must be written severity[code]")
        };
        let severity = match severity {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "note" => Severity::Note,
            _ => bad("unknown severity"),
        };
        if message.is_empty() {
            bad("the message substring must not be empty");
        }
        cases.push(Case {
            path: path.to_string(),
            line: line_no,
            column,
            severity,
            code: code.to_string(),
            message: message.to_string(),
        });
    }
    cases
}

/// Every file under the corpus directory except `EXPECTED`, relative, sorted.
fn corpus_files() -> BTreeSet<String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeSet<String>) {
        let entries =
            std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                let rel = path.strip_prefix(root).expect("under the corpus root");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                if rel != "EXPECTED" {
                    out.insert(rel);
                }
            }
        }
    }
    let root = corpus();
    let mut out = BTreeSet::new();
    walk(&root, &root, &mut out);
    out
}

/// Loads one corpus file the way its directory says: IDL and JSON AST
/// through `add_model` (the extension picks the syntax), OpenAPI and Swagger
/// through `add_openapi`.
fn load_case(rel: &str) -> Loaded {
    let path = corpus().join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut input = Input::new();
    if rel.starts_with("openapi/") {
        input.add_openapi(path, text);
    } else {
        input.add_model(path, text);
    }
    input.finish(false)
}

/// Checks one case; `Err` describes every way it failed.
fn check_case(case: &Case) -> Result<(), String> {
    let loaded = match catch_unwind(AssertUnwindSafe(|| load_case(&case.path))) {
        Ok(loaded) => loaded,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "a non-string payload".to_string());
            return Err(format!("the loader panicked: {what}"));
        }
    };
    let file = corpus().join(&case.path);
    let mut problems = Vec::new();
    if !loaded.has_errors() {
        problems.push("has_errors() is false: the input was accepted".to_string());
    }
    let found = loaded.diagnostics.iter().any(|d| {
        d.span.is_some_and(|s| {
            loaded.sources.path(s.file) == file && s.line == case.line && s.column == case.column
        }) && d.severity == case.severity
            && d.code == case.code
            && d.message.contains(&case.message)
    });
    if !found {
        problems.push(format!(
            "no {}[{}] at {}:{} containing {:?}",
            case.severity.as_str(),
            case.code,
            case.line,
            case.column,
            case.message
        ));
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut report = problems.join("; ");
    report.push_str("\n  diagnostics:");
    if loaded.diagnostics.is_empty() {
        report.push_str(" none");
    }
    for d in loaded.diagnostics.iter() {
        let at = d
            .span
            .map(|s| {
                format!(
                    "{}:{}:{}",
                    loaded.sources.path(s.file).display(),
                    s.line,
                    s.column
                )
            })
            .unwrap_or_else(|| "-".to_string());
        report.push_str(&format!(
            "\n    {at}\t{}[{}]\t{}",
            d.severity.as_str(),
            d.code,
            d.message
        ));
    }
    Err(report)
}

#[test]
fn expected_lists_every_corpus_file_and_nothing_else() {
    let cases = expected_cases();
    assert!(
        cases.len() >= MIN_CASES,
        "EXPECTED lists {} cases; the corpus must have at least {MIN_CASES}",
        cases.len()
    );
    let listed: Vec<&str> = cases.iter().map(|c| c.path.as_str()).collect();
    let unique: BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!(
        unique.len(),
        listed.len(),
        "EXPECTED lists a file more than once"
    );
    let files = corpus_files();
    let untested: Vec<&String> = files
        .iter()
        .filter(|f| !unique.contains(f.as_str()))
        .collect();
    let missing: Vec<&&str> = unique.iter().filter(|p| !files.contains(**p)).collect();
    assert!(
        untested.is_empty() && missing.is_empty(),
        "corpus files not in EXPECTED: {untested:?}; EXPECTED entries with no file: {missing:?}"
    );
}

#[test]
fn every_case_is_an_error_at_the_expected_place() {
    let cases = expected_cases();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            check_case(case)
                .err()
                .map(|e| format!("{}: {e}", case.path))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} malformed cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// The binary reports a case with its location and source line, and exits 1.
#[test]
fn binary_inspect_reports_located_errors_and_exits_1() {
    let cases = expected_cases();
    let picks = [
        ("smithy/unknown-member-target.smithy", "--model"),
        ("json-ast/unresolved-target.json", "--model"),
        ("openapi/missing-schema-ref.yaml", "--swagger"),
    ];
    for (rel, flag) in picks {
        let case = cases
            .iter()
            .find(|c| c.path == rel)
            .unwrap_or_else(|| panic!("{rel} is not in EXPECTED"));
        let path = corpus().join(&case.path);
        let output = Command::new(env!("CARGO_BIN_EXE_apigen"))
            .arg("inspect")
            .arg(flag)
            .arg(&path)
            .output()
            .expect("run apigen");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let all = format!("{stdout}{stderr}");
        assert_eq!(
            output.status.code(),
            Some(1),
            "apigen inspect {flag} {}: expected exit code 1\n{all}",
            case.path
        );
        let location = format!("{}:{}:{}", path.display(), case.line, case.column);
        assert!(
            all.contains(&location),
            "apigen inspect {flag} {}: output does not name {location}\n{all}",
            case.path
        );
        let text = std::fs::read_to_string(&path).expect("read case");
        let source_line = text
            .lines()
            .nth(case.line as usize - 1)
            .unwrap_or_else(|| panic!("{} has no line {}", case.path, case.line))
            .trim_end_matches('\r');
        assert!(
            all.contains(&format!("{} | {source_line}", case.line)),
            "apigen inspect {flag} {}: output does not quote line {}: {source_line:?}\n{all}",
            case.path,
            case.line
        );
    }
}
