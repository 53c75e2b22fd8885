//! `apigen conformance`: runs a Smithy protocol-test suite against the
//! code apigen generates. It generates a crate (types, client, server) from
//! the model with apigen itself, whose `protocol_tests` module holds one
//! test per case and side (`emit::protocol_tests`), builds and runs it with
//! cargo, and reports every case: `conformance: N passed, M failed, K
//! skipped` on the last line, each failure with its message and each skip
//! with its reason.
//!
//! A known-failures file (`case-test-name  reason`, one per line, `#`
//! comments) names failures that are understood; the run fails on any
//! other failure, and on a known failure that now passes, so the file stays
//! true.

use crate::emit::plan::CratePlan;
use crate::emit::protocol_tests;
use crate::emit::{EmitOptions, Features};
use crate::load::{load, LoadOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// What to run.
pub struct Options {
    pub load: LoadOptions,
    pub service: Option<String>,
    /// Where the crate is written (default `target/conformance/<service>`).
    pub out: Option<PathBuf>,
    pub known_failures: Option<PathBuf>,
    /// The runtime the crate depends on (default: this checkout's).
    pub runtime_path: Option<PathBuf>,
}

/// One test's outcome.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

pub fn run(options: &Options) -> ExitCode {
    let loaded = load(&options.load);
    if loaded.has_errors() {
        eprintln!("{}", loaded.render_diagnostics());
        return ExitCode::FAILURE;
    }
    let service = match &options.service {
        Some(s) => match crate::model::ShapeId::parse(s) {
            Some(id) => Some(id),
            None => {
                eprintln!("error: --service {s:?} is not a shape id (namespace#Name)");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let emit_options = EmitOptions {
        service,
        features: Features::ALL,
        ..Default::default()
    };
    let mut diags = crate::diag::Diagnostics::default();
    let Some(plan) = CratePlan::new(&loaded.model, &emit_options, &mut diags) else {
        for d in diags.iter() {
            eprintln!("{}", d.render(&loaded.sources));
        }
        return ExitCode::FAILURE;
    };
    let cases = protocol_tests::cases(&plan);
    let service_id = plan.info.id.clone();
    if cases.is_empty() {
        eprintln!(
            "error: service {service_id} has no protocol tests (smithy.test#httpRequestTests or httpResponseTests) for its protocol {}: nothing to run",
            plan.protocol.as_deref().map(|p| p.name()).unwrap_or("(none apigen supports)")
        );
        return ExitCode::FAILURE;
    }
    let cases_len = cases
        .iter()
        .map(|c| (c.id.as_str(), format!("{:?}", c.kind)))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let names: BTreeMap<String, String> = cases
        .iter()
        .map(|c| {
            let side = match c.side {
                protocol_tests::Side::Client => "client",
                protocol_tests::Side::Server => "server",
            };
            (c.test_name(), format!("{} ({side})", c.id))
        })
        .collect();
    drop(plan);

    let out = options.out.clone().unwrap_or_else(|| {
        PathBuf::from("target/conformance").join(crate::names::field_name(&service_id.name))
    });
    let mut config = crate::generate::Config::new();
    for m in &options.load.models {
        config.model(m);
    }
    for s in &options.load.swagger {
        config.swagger(s);
    }
    config
        .service(service_id.to_string())
        .features(Features::ALL)
        .allow_unknown_traits(options.load.allow_unknown_traits)
        .out_dir(&out)
        .layout(crate::generate::Layout::Crate)
        .force(true);
    if let Some(p) = &options.runtime_path {
        config.runtime(crate::generate::RuntimeDependency::Path(p.clone()));
    }
    if let Err(e) = config.generate() {
        eprintln!("error: generating the crate failed: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "conformance: {} tests ({cases_len} cases, client and server) of {service_id} in {}; building and running them",
        names.len(),
        out.display()
    );
    let outcomes = match run_tests(&out) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let known = match &options.known_failures {
        Some(path) => match read_known(path) {
            Ok(k) => k,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        },
        None => BTreeMap::new(),
    };
    report(&names, &outcomes, &known)
}

/// Builds and runs the crate's protocol tests; the outcome of each test.
fn run_tests(crate_dir: &Path) -> Result<BTreeMap<String, Outcome>, String> {
    let manifest = crate_dir.join("Cargo.toml");
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .arg("test")
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["--features", "server", "--lib", "protocol_tests::"])
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut outcomes = BTreeMap::new();
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test protocol_tests::") else {
            continue;
        };
        let Some((name, result)) = rest.split_once(" ... ") else {
            continue;
        };
        let outcome = match result {
            "ok" => Outcome::Passed,
            r if r.starts_with("FAILED") => Outcome::Failed(String::new()),
            r if r.starts_with("ignored") => {
                Outcome::Skipped(r.strip_prefix("ignored, ").unwrap_or("ignored").to_string())
            }
            _ => continue,
        };
        outcomes.insert(name.to_string(), outcome);
    }
    // A failure's message: the panic line of its captured output.
    let mut current: Option<String> = None;
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- protocol_tests::")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            current = Some(name.to_string());
            continue;
        }
        let Some(name) = &current else { continue };
        if line.starts_with("thread ") || line.trim().is_empty() || line.starts_with("note:") {
            continue;
        }
        if let Some(Outcome::Failed(message)) = outcomes.get_mut(name) {
            if message.is_empty() {
                *message = line.trim().to_string();
            }
        }
    }
    if outcomes.is_empty() {
        return Err(format!(
            "the generated crate's tests did not run:\n{}",
            stderr
                .lines()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    Ok(outcomes)
}

/// `name reason` lines; `#` starts a comment.
fn read_known(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut known = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (name, reason) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("{}:{}: expected `test_name reason`", path.display(), i + 1))?;
        known.insert(name.to_string(), reason.trim().to_string());
    }
    Ok(known)
}

fn report(
    names: &BTreeMap<String, String>,
    outcomes: &BTreeMap<String, Outcome>,
    known: &BTreeMap<String, String>,
) -> ExitCode {
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut unexpected = 0;
    for (name, case) in names {
        match outcomes.get(name) {
            Some(Outcome::Passed) => {
                passed += 1;
                if known.contains_key(name) {
                    unexpected += 1;
                    println!(
                        "PASS (listed as a known failure) {case}: remove {name} from the list"
                    );
                }
            }
            Some(Outcome::Failed(message)) => {
                failed += 1;
                match known.get(name) {
                    Some(reason) => println!("FAIL (known) {case}: {message} [{reason}]"),
                    None => {
                        unexpected += 1;
                        println!("FAIL {case}: {message}");
                    }
                }
            }
            Some(Outcome::Skipped(reason)) => {
                skipped += 1;
                println!("SKIP {case}: {reason}");
            }
            None => {
                failed += 1;
                unexpected += 1;
                println!("FAIL {case}: the test did not run");
            }
        }
    }
    println!("conformance: {passed} passed, {failed} failed, {skipped} skipped");
    if unexpected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
