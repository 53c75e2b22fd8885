//! `apigen diff`: the corpus of before/after pairs under `tests/diff/`, the
//! JSON report against `diff-schema.json`, and the command's exit codes,
//! formats and `--base`.
//!
//! Each pair is a directory with `old.*`, `new.*` (Smithy IDL, JSON AST,
//! Swagger 2.0, OpenAPI 3.0 or 3.1) and `expected.json`: every change the
//! diff must report, with its rule id and both verdicts, and nothing else.

mod common;

use apigen::diff::{self, report, FailOn, Side, Wire};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(common::repo().join("codegen/tests/diff"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn side_file(dir: &Path, side: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_stem().is_some_and(|s| s == side))
        .unwrap_or_else(|| panic!("{} has no {side}.* file", dir.display()))
}

/// Swagger / OpenAPI documents are YAML here, or JSON with such a key.
fn is_document(path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(ext, "yaml" | "yml")
        || (ext == "json" && (text.contains("\"openapi\"") || text.contains("\"swagger\"")))
}

fn options(path: &Path) -> apigen::LoadOptions {
    let mut o = apigen::LoadOptions::default();
    if is_document(path) {
        o.swagger.push(path.to_path_buf());
    } else {
        o.models.push(path.to_path_buf());
    }
    o
}

fn run_pair(dir: &Path) -> diff::Report {
    let (old, new) = (side_file(dir, "old"), side_file(dir, "new"));
    let (ol, nl) = (apigen::load(&options(&old)), apigen::load(&options(&new)));
    for (l, p) in [(&ol, &old), (&nl, &new)] {
        assert!(
            !l.has_errors(),
            "{} does not load:\n{}",
            p.display(),
            l.render_diagnostics()
        );
    }
    diff::diff(
        &Side {
            label: "old".into(),
            loaded: &ol,
        },
        &Side {
            label: "new".into(),
            loaded: &nl,
        },
    )
}

type Row = (String, String, String, String, String);

fn row(c: &Value) -> Row {
    let s = |v: &Value| v.as_str().unwrap_or("?").to_string();
    (
        s(&c["rule"]),
        s(&c["wire"]["client"]),
        s(&c["wire"]["server"]),
        s(&c["semver"]["client"]),
        s(&c["semver"]["server"]),
    )
}

#[test]
fn corpus_pairs_report_exactly_the_expected_changes_and_verdicts() {
    let pairs = corpus();
    assert!(pairs.len() >= 40, "the corpus has {} pairs", pairs.len());
    let mut failures = Vec::new();
    for dir in &pairs {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let report = run_pair(dir);
        let json = report::to_json(&report, FailOn::Wire(Wire::Breaking), "breaking");
        let mut got: Vec<Row> = json["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(row)
            .collect();
        let mut want: Vec<Row> = expected["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(row)
            .collect();
        got.sort();
        want.sort();
        if got != want {
            let messages: Vec<String> = report
                .changes
                .iter()
                .map(|c| format!("{}: {} {:?}", c.rule, c.message, c.rust))
                .collect();
            failures.push(format!(
                "{}:\n  want {want:?}\n  got  {got:?}\n  {}",
                dir.display(),
                messages.join("\n  ")
            ));
        }
        // Model and document changes point into the pair's files.
        for c in &report.changes {
            assert!(
                diff::rules::RULES.iter().any(|(r, _)| *r == c.rule),
                "{}: {} is not in RULES",
                dir.display(),
                c.rule
            );
            let located = [&c.old, &c.new].into_iter().flatten().collect::<Vec<_>>();
            assert!(
                !located.is_empty(),
                "{}: {} has no location",
                dir.display(),
                c.rule
            );
            for l in located {
                assert!(
                    Path::new(&l.file).starts_with(dir) && l.line >= 1,
                    "{}: {} points at {}:{}",
                    dir.display(),
                    c.rule,
                    l.file,
                    l.line
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn corpus_covers_every_format_and_the_renaming_reordering_and_docs_only_kinds() {
    let names: Vec<String> = corpus()
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let exts: std::collections::BTreeSet<String> = corpus()
        .iter()
        .map(|d| {
            let f = side_file(d, "new");
            let text = std::fs::read_to_string(&f).unwrap();
            if text.starts_with("swagger:") {
                "swagger2".into()
            } else if text.starts_with("openapi: 3.0") {
                "openapi3.0".into()
            } else if text.starts_with("openapi: 3.1") {
                "openapi3.1".into()
            } else {
                f.extension().unwrap().to_string_lossy().into_owned()
            }
        })
        .collect();
    for e in ["smithy", "json", "swagger2", "openapi3.0", "openapi3.1"] {
        assert!(exts.contains(e), "no pair in {e}: {exts:?}");
    }
    for kind in ["rename", "reorder", "docs-only"] {
        assert!(
            names.iter().filter(|n| n.contains(kind)).count() >= 3,
            "fewer than three {kind} pairs"
        );
    }
}

/// The subset of JSON Schema `diff-schema.json` uses: `type` (one or a
/// list), `const`, `enum`, `properties`, `required`,
/// `additionalProperties: false`, `items`, `minimum` and local `$ref`s.
fn validate(schema: &Value, root: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = root
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved $ref {r}"));
        return validate(target, root, v, at, errors);
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type in schema at {at}"),
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            other => panic!("unsupported type {other}"),
        });
        if !ok {
            errors.push(format!("{at}: {v} is not {types:?}"));
            return;
        }
        if v.is_null() {
            return;
        }
    }
    if let Some(c) = schema.get("const") {
        if c != v {
            errors.push(format!("{at}: {v} is not {c}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{at}: {v} is not one of {e:?}"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if n < min {
            errors.push(format!("{at}: {n} < {min}"));
        }
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !obj.contains_key(r) {
                errors.push(format!("{at}: missing {r}"));
            }
        }
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, root, val, &format!("{at}/{k}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected property {k}"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), v.as_array()) {
        for (i, item) in arr.iter().enumerate() {
            validate(items, root, item, &format!("{at}/{i}"), errors);
        }
    }
}

fn schema() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("codegen/diff-schema.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn json_reports_of_every_pair_match_the_documented_schema() {
    let schema = schema();
    assert_eq!(
        schema["properties"]["schemaVersion"]["const"],
        diff::SCHEMA_VERSION
    );
    for dir in corpus() {
        let report = run_pair(&dir);
        for (fail_on, name) in [
            (FailOn::Wire(Wire::Breaking), "breaking"),
            (FailOn::Any, "any"),
        ] {
            let json = report::to_json(&report, fail_on, name);
            let mut errors = Vec::new();
            validate(&schema, &schema, &json, "", &mut errors);
            assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
        }
    }
}

#[test]
fn the_schema_validator_rejects_what_the_schema_forbids() {
    let schema = schema();
    let dir = common::repo().join("codegen/tests/diff/smithy-add-operation");
    let good = report::to_json(&run_pair(&dir), FailOn::Any, "any");
    let mut bad = good.clone();
    bad["changes"][0]["wire"]["client"] = Value::from("fine");
    bad["extra"] = Value::from(1);
    bad["changes"][0].as_object_mut().unwrap().remove("rule");
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "", &mut errors);
    assert_eq!(errors.len(), 3, "{errors:?}");
}

fn apigen(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("running apigen");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn pair_args(name: &str, extra: &[&str]) -> Vec<String> {
    let dir = format!("codegen/tests/diff/{name}");
    let mut v = vec![
        "diff".to_string(),
        "--old-model".into(),
        format!("{dir}/old.smithy"),
        "--new-model".into(),
        format!("{dir}/new.smithy"),
    ];
    v.extend(extra.iter().map(|s| s.to_string()));
    v
}

fn run(args: &[String]) -> (i32, String, String) {
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    apigen(&common::repo(), &refs)
}

#[test]
fn exit_codes_follow_fail_on() {
    let breaking = "smithy-remove-operation";
    assert_eq!(run(&pair_args(breaking, &[])).0, 1);
    assert_eq!(run(&pair_args(breaking, &["--fail-on", "never"])).0, 0);
    assert_eq!(run(&pair_args(breaking, &["--fail-on", "major"])).0, 1);
    let docs = "smithy-docs-only";
    assert_eq!(run(&pair_args(docs, &[])).0, 0);
    assert_eq!(run(&pair_args(docs, &["--fail-on", "minor"])).0, 0);
    assert_eq!(run(&pair_args(docs, &["--fail-on", "any"])).0, 1);
    // A minor change passes the default gate and fails `--fail-on minor`.
    let minor = "smithy-add-output-member";
    assert_eq!(run(&pair_args(minor, &[])).0, 0);
    assert_eq!(run(&pair_args(minor, &["--fail-on", "minor"])).0, 1);
    assert_eq!(run(&pair_args(minor, &["--fail-on", "major"])).0, 0);
}

#[test]
fn text_markdown_and_github_formats() {
    let (code, text, _) = run(&pair_args("smithy-add-required-input-member", &[]));
    assert_eq!(code, 1);
    assert!(text.contains("Breaking on the wire (1):"), "{text}");
    assert!(text.contains("[AddedRequiredMember]"), "{text}");
    assert!(
        text.contains("CreatePetInput: required member color was added (in CreatePet)"),
        "{text}"
    );
    assert!(
        text.contains("wire: clients breaking, servers compatible"),
        "{text}"
    );
    let (_, md, _) = run(&pair_args(
        "smithy-add-required-input-member",
        &["--format", "markdown"],
    ));
    assert!(md.contains("| | rule | change |"), "{md}");
    assert!(md.contains("`AddedRequiredMember`"), "{md}");
    let (_, gh, _) = run(&pair_args(
        "smithy-add-required-input-member",
        &["--format", "github"],
    ));
    let line = gh.lines().next().unwrap();
    assert!(
        line.starts_with(
            "::error file=codegen/tests/diff/smithy-add-required-input-member/new.smithy,line="
        ),
        "{gh}"
    );
    assert!(
        line.contains("title=apigen diff AddedRequiredMember::"),
        "{gh}"
    );
}

#[test]
fn a_side_that_does_not_load_is_reported_with_located_diagnostics_and_exit_2() {
    let dir = std::env::temp_dir().join(format!("apigen-diff-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = common::repo().join("codegen/tests/diff/smithy-docs-only/old.smithy");
    let text = std::fs::read_to_string(&good).unwrap();
    let broken = dir.join("broken.smithy");
    std::fs::write(
        &broken,
        text.replace("structure Pet {", "structure Pet {\n    oops: NoSuchShape"),
    )
    .unwrap();
    let (code, out, err) = apigen(
        &dir,
        &[
            "diff",
            "--old-model",
            good.to_str().unwrap(),
            "--new-model",
            "broken.smithy",
        ],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "no report is printed: {out}");
    assert!(err.contains("broken.smithy:"), "{err}");
    assert!(err.contains("NoSuchShape"), "{err}");
    assert!(
        err.contains("the new side (broken.smithy) does not load"),
        "{err}"
    );
    assert!(!err.contains("removed"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    let repo = common::repo();
    let (code, _, err) = apigen(&repo, &["diff"]);
    assert_eq!(code, 2);
    assert!(err.contains("diff needs both sides"), "{err}");
    let (code, _, err) = apigen(&repo, &["diff", "--old-modle", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("--old-model"), "a suggestion: {err}");
    let (code, _, err) = apigen(&repo, &["diff", "--base", "HEAD", "--old-model", "x"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = apigen(&repo, &["diff", "--base", "no-such-revision-anywhere"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("revision no-such-revision-anywhere is not in this"),
        "{err}"
    );
    let (code, _, err) = apigen(&repo, &["diff", "--format", "xml", "--base", "HEAD"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn base_reads_the_old_side_from_git_recursively_without_a_checkout() {
    let dir = std::env::temp_dir().join(format!("apigen-diff-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let nested = dir.join("specs/nested");
    std::fs::create_dir_all(&nested).unwrap();
    let pair = common::repo().join("codegen/tests/diff/smithy-add-enum-value");
    std::fs::copy(pair.join("old.smithy"), nested.join("pets.smithy")).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "old"]);
    std::fs::copy(pair.join("new.smithy"), nested.join("pets.smithy")).unwrap();
    let (code, out, err) = apigen(
        &dir,
        &[
            "diff",
            "--base",
            "HEAD",
            "--model",
            "specs",
            "--format",
            "json",
            "--fail-on",
            "dangerous",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["old"], "HEAD");
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{out}");
    assert_eq!(changes[0]["rule"], "AddedEnumValue");
    assert_eq!(changes[0]["old"]["file"], "HEAD:specs/nested/pets.smithy");
    assert_eq!(changes[0]["new"]["file"], "specs/nested/pets.smithy");
    // The work tree is untouched, and a clean tree has no changes.
    assert_eq!(
        std::fs::read(nested.join("pets.smithy")).unwrap(),
        std::fs::read(pair.join("new.smithy")).unwrap()
    );
    git(&dir, &["commit", "-q", "-am", "new"]);
    let (code, out, err) = apigen(&dir, &["diff", "--base", "HEAD", "--model", "specs"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 change(s)"), "{out}");
    // A path the revision does not have is a usage error, not "everything added".
    let (code, _, err) = apigen(
        &dir,
        &[
            "diff", "--base", "HEAD~1", "--model", "specs", "--model", "more",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("more does not exist at revision HEAD~1"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn base_head_works_on_this_repository_with_the_bundled_specs() {
    let (code, out, err) = apigen(
        &common::repo(),
        &["diff", "--base", "HEAD", "--format", "json"],
    );
    if err.contains("is not in this clone") {
        // A CI clone without history: the message says how to fetch it.
        return;
    }
    assert!(code == 0 || code == 1, "{out}{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["old"], "HEAD");
    assert!(json["new"].as_str().unwrap().contains("specs/ecr"), "{out}");
}
