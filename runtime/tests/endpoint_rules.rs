//! Every `smithy.rules#endpointTests` case of the official AWS models, run
//! against the model's own `smithy.rules#endpointRuleSet`.
//!
//! The models are the archive in `../shared/aws-models` (next to the
//! workspace); it is unpacked into `target/aws-models` when that directory
//! is missing. A missing archive fails the test: it is never skipped.
//!
//! Each case's `params` are the resolver's input (cases that also carry
//! `operationInputs` have `params` that already hold what those inputs
//! bind). The URL must match exactly; headers and properties are compared
//! as JSON values (objects without regard to member order); an expected
//! error must be the rule's message exactly.
//!
//! The partitions data shipped with the runtime (smithy-lang/smithy at
//! 0f73231, 2026) is newer than the models (2025-04-02): since September
//! 2025 the ISO partitions (`aws-iso`, `aws-iso-b`, `aws-iso-e`,
//! `aws-iso-f`) support dual-stack, with their own dual-stack DNS suffixes,
//! while the models' cases still expect "does not support DualStack" errors
//! and dual-stack URLs on the plain DNS suffix. A case that fails with the
//! shipped data is therefore run again with the models-era values of
//! exactly those outputs (`supportsDualStack: false`, `dualStackDnsSuffix`
//! = `dnsSuffix`), and counted apart. Every case must pass one way or the
//! other.

use apigen_runtime::endpoint::{Endpoint, Params, Partitions, ResolveError, RuleSet, Value};
use apigen_runtime::{Document, Number};
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The protocols whose models must pass every case.
const MUST_PASS: [&str; 3] = ["awsJson1_0", "awsJson1_1", "restJson1"];
const MODELS: usize = 402;
const CASES: usize = 15_320;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the runtime crate sits in the workspace")
        .to_path_buf()
}

fn shared_models() -> PathBuf {
    workspace().join("../shared/aws-models")
}

/// `target/aws-models`, unpacked from the shared archive if missing.
fn models_dir() -> PathBuf {
    let dir = workspace().join("target/aws-models");
    if dir.is_dir() {
        return dir;
    }
    let archive = shared_models().join("api-models-aws-56c8953e.tar.xz");
    assert!(
        archive.is_file(),
        "the AWS models archive is missing: {} (the test needs it and does not skip)",
        archive.display()
    );
    let staging = workspace().join(format!("target/aws-models.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).expect("create the staging directory");
    let status = Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(&staging)
        .status()
        .expect("run tar");
    assert!(
        status.success(),
        "tar -xJf {} failed: {status}",
        archive.display()
    );
    if let Err(e) = std::fs::rename(&staging, &dir) {
        // Another process may have unpacked it meanwhile.
        let _ = std::fs::remove_dir_all(&staging);
        assert!(
            dir.is_dir(),
            "cannot move the models into {}: {e}",
            dir.display()
        );
    }
    dir
}

struct Model {
    file: String,
    protocol: String,
}

fn index() -> Vec<Model> {
    let path = shared_models().join("index.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("index header").split('\t').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("index.tsv has no `{name}` column"))
    };
    let (file, protocol) = (column("file"), column("protocol"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            Model {
                file: cells[file].to_string(),
                protocol: cells[protocol].to_string(),
            }
        })
        .collect()
}

/// The ISO partitions' outputs before they gained dual-stack support
/// (smithy-lang/smithy d96aab8, 2025-09-23): the shipped data otherwise.
fn models_era_partitions() -> Partitions {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/partitions.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut data: Json = serde_json::from_str(&text).expect("partitions.json");
    let mut changed = 0;
    for p in data["partitions"].as_array_mut().expect("partitions") {
        if ["aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"]
            .contains(&p["id"].as_str().unwrap_or(""))
        {
            let outputs = &mut p["outputs"];
            outputs["supportsDualStack"] = Json::Bool(false);
            outputs["dualStackDnsSuffix"] = outputs["dnsSuffix"].clone();
            changed += 1;
        }
    }
    assert_eq!(
        changed, 4,
        "the shipped data should have the four ISO partitions"
    );
    Partitions::parse(&data.to_string()).expect("models-era partitions")
}

#[derive(Default)]
struct Outcome {
    model: String,
    protocol: String,
    cases: usize,
    /// With the shipped partitions data.
    passed: usize,
    /// Only with the models-era ISO partition outputs.
    passed_with_older_data: usize,
    with_operation_inputs: usize,
    failures: Vec<String>,
}

fn run_model(dir: &Path, model: &Model, older: &Partitions) -> Outcome {
    let name = model
        .file
        .split('/')
        .next()
        .unwrap_or(&model.file)
        .to_string();
    let mut outcome = Outcome {
        model: name.clone(),
        protocol: model.protocol.clone(),
        ..Outcome::default()
    };
    let path = dir.join(&model.file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let ast: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let service = ast["shapes"]
        .as_object()
        .and_then(|shapes| shapes.values().find(|s| s["type"] == "service"))
        .unwrap_or_else(|| panic!("{name}: no service shape"));
    let traits = &service["traits"];
    let cases = traits["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    outcome.cases = cases.len();
    let rule_set = serde_json::to_string(&traits["smithy.rules#endpointRuleSet"]).unwrap();
    let rules = match RuleSet::parse(&rule_set) {
        Ok(rules) => rules,
        Err(e) => {
            outcome
                .failures
                .push(format!("{name}: the rule set does not parse: {e}"));
            return outcome;
        }
    };
    for case in &cases {
        if case.get("operationInputs").is_some() {
            outcome.with_operation_inputs += 1;
        }
        let failure = match check_case(&rules, case, None) {
            Ok(()) => {
                outcome.passed += 1;
                continue;
            }
            Err(why) => why,
        };
        if check_case(&rules, case, Some(older)).is_ok() {
            outcome.passed_with_older_data += 1;
            continue;
        }
        outcome.failures.push(format!(
            "{name}: {}\n    params:   {}\n    {failure}",
            case["documentation"]
                .as_str()
                .unwrap_or("(no documentation)"),
            case["params"]
        ));
    }
    outcome
}

fn params(case: &Json) -> Result<Params, String> {
    let mut params = Params::new();
    let Some(members) = case["params"].as_object() else {
        return Ok(params);
    };
    for (k, v) in members {
        let value = match v {
            Json::Null => continue,
            Json::String(s) => Value::String(s.clone()),
            Json::Bool(b) => Value::Bool(*b),
            Json::Array(items) => Value::StringArray(
                items
                    .iter()
                    .map(|i| i.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("parameter {k} is not an array of strings"))?,
            ),
            other => return Err(format!("parameter {k} has an unsupported value {other}")),
        };
        params.set(k.clone(), value);
    }
    Ok(params)
}

fn check_case(rules: &RuleSet, case: &Json, partitions: Option<&Partitions>) -> Result<(), String> {
    let params = params(case)?;
    let actual = match partitions {
        None => rules.resolve(&params),
        Some(p) => rules.resolve_with(&params, p),
    };
    let expect = &case["expect"];
    if let Some(message) = expect["error"].as_str() {
        return match actual {
            Err(e) if e.message() == message => Ok(()),
            other => Err(format!(
                "expected: error {message:?}\n    actual:   {}",
                show(&other)
            )),
        };
    }
    let want = &expect["endpoint"];
    let Some(want_url) = want["url"].as_str() else {
        return Err(format!(
            "the case expects neither an endpoint nor an error: {expect}"
        ));
    };
    let endpoint = match &actual {
        Ok(endpoint) => endpoint,
        Err(_) => return Err(format!("expected: {want}\n    actual:   {}", show(&actual))),
    };
    let want_headers: BTreeMap<String, Json> = want["headers"]
        .as_object()
        .map(|h| h.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    let got_headers: BTreeMap<String, Json> = endpoint
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), Json::from(v.clone())))
        .collect();
    let want_properties = match &want["properties"] {
        Json::Null => Json::Object(Default::default()),
        p => p.clone(),
    };
    if endpoint.url != want_url
        || got_headers != want_headers
        || properties(&endpoint.properties) != want_properties
    {
        return Err(format!("expected: {want}\n    actual:   {}", show(&actual)));
    }
    Ok(())
}

fn show(result: &Result<Endpoint, ResolveError>) -> String {
    match result {
        Ok(e) => serde_json::json!({
            "url": e.url,
            "headers": e.headers.iter().cloned().collect::<BTreeMap<_, _>>(),
            "properties": properties(&e.properties),
        })
        .to_string(),
        Err(e) => format!("error ({:?}) {:?}", e.kind(), e.message()),
    }
}

fn properties(p: &HashMap<String, Document>) -> Json {
    Json::Object(p.iter().map(|(k, v)| (k.clone(), json(v))).collect())
}

fn json(d: &Document) -> Json {
    match d {
        Document::Object(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), json(v))).collect()),
        Document::Array(a) => Json::Array(a.iter().map(json).collect()),
        Document::Number(Number::PosInt(n)) => Json::from(*n),
        Document::Number(Number::NegInt(n)) => Json::from(*n),
        Document::Number(Number::Float(f)) => {
            serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number)
        }
        Document::String(s) => Json::String(s.clone()),
        Document::Bool(b) => Json::Bool(*b),
        Document::Null => Json::Null,
    }
}

#[test]
fn official_endpoint_tests() {
    let dir = models_dir();
    let models = index();
    assert_eq!(
        models.len(),
        MODELS,
        "index.tsv lists {} models",
        models.len()
    );
    let older = models_era_partitions();

    let next = AtomicUsize::new(0);
    let outcomes = Mutex::new(Vec::with_capacity(models.len()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(model) = models.get(i) else { break };
                let outcome = run_model(&dir, model, &older);
                outcomes.lock().unwrap().push(outcome);
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by(|a, b| a.model.cmp(&b.model));

    #[derive(Default)]
    struct Row {
        models: usize,
        cases: usize,
        passed: usize,
        older: usize,
    }
    let mut by_protocol: BTreeMap<&str, Row> = BTreeMap::new();
    let mut total = Row::default();
    let mut with_operation_inputs = 0;
    for o in &outcomes {
        for row in [by_protocol.entry(&o.protocol).or_default(), &mut total] {
            row.models += 1;
            row.cases += o.cases;
            row.passed += o.passed;
            row.older += o.passed_with_older_data;
        }
        with_operation_inputs += o.with_operation_inputs;
        for f in &o.failures {
            eprintln!("FAIL {f}");
        }
    }
    eprintln!("passed: with the shipped partitions data; ISO data: only with the models-era ISO partition outputs");
    eprintln!("protocol      models  cases  passed  ISO data  failed");
    let line = |name: &str, r: &Row| {
        eprintln!(
            "{name:<12} {:>7} {:>6} {:>7} {:>9} {:>7}",
            r.models,
            r.cases,
            r.passed,
            r.older,
            r.cases - r.passed - r.older
        )
    };
    for (protocol, row) in &by_protocol {
        line(protocol, row);
    }
    line("all", &total);
    eprintln!("({with_operation_inputs} cases have operationInputs; their params suffice)");

    assert_eq!(
        total.cases, CASES,
        "the models hold {} endpoint test cases",
        total.cases
    );
    for (protocol, r) in &by_protocol {
        if MUST_PASS.contains(protocol) {
            let failed = r.cases - r.passed - r.older;
            assert_eq!(
                failed, 0,
                "{protocol}: {failed} of {} cases failed",
                r.cases
            );
        }
    }
    let failed = total.cases - total.passed - total.older;
    assert_eq!(failed, 0, "{failed} of {} cases failed", total.cases);
}
