//! Waiters (`smithy.waiters#waitable`): every waiter of the official AWS
//! JSON models compiles, and a generated crate's waiters behave as the
//! Smithy specification says against an in-memory service on paused time.

mod common;

use apigen::emit::{CratePlan, EmitOptions, Features};
use apigen::generate::Layout;
use apigen::Config;
use std::path::{Path, PathBuf};

/// Waiter counts of one model: written in the model, generated, and the
/// warnings of those left out.
struct Count {
    file: String,
    protocol: String,
    written: usize,
    generated: usize,
    skipped: Vec<String>,
}

fn protocol_of(loaded: &apigen::Loaded) -> String {
    loaded
        .model
        .services()
        .filter(|s| !s.id.namespace.starts_with("smithy.") && !s.id.namespace.starts_with("aws."))
        .flat_map(|s| s.traits.keys())
        .find(|t| t.namespace == "aws.protocols")
        .map(|t| t.name.clone())
        .unwrap_or_else(|| "none".into())
}

fn count(dir: &Path, file: &str) -> Count {
    let loaded = apigen::load(&apigen::LoadOptions {
        models: vec![dir.join(file)],
        ..Default::default()
    });
    assert!(
        !loaded.has_errors(),
        "{file}: {}",
        loaded.render_diagnostics()
    );
    let protocol = protocol_of(&loaded);
    let json = protocol.starts_with("awsJson");
    // Clients exist for the JSON protocols only; the others are planned as
    // types with their waiters checked all the same.
    let options = EmitOptions {
        features: if json {
            Features::default()
        } else {
            Features::parse("types").unwrap()
        },
        check_waiters: true,
        ..Default::default()
    };
    let mut diags = apigen::diag::Diagnostics::new();
    let plan = CratePlan::new(&loaded.model, &options, &mut diags).expect("a plan");
    let written = plan
        .operations
        .iter()
        .map(|op| apigen::model::traits::waiters(&op.shape.traits).len())
        .sum();
    let skipped = diags
        .iter()
        .filter(|d| d.code == "waiter-skipped")
        .map(|d| format!("{file}: {}", d.message))
        .collect();
    Count {
        file: file.to_string(),
        protocol,
        written,
        generated: plan.waiters.len(),
        skipped,
    }
}

#[test]
fn every_waiter_of_the_official_models_compiles() {
    let dir = common::aws_models_dir();
    let mut files: Vec<String> = Vec::new();
    for entry in walk(&dir) {
        let text = std::fs::read_to_string(&entry).unwrap();
        if text.contains("\"smithy.waiters#waitable\"") {
            files.push(entry.strip_prefix(&dir).unwrap().display().to_string());
        }
    }
    files.sort();
    assert_eq!(files.len(), 57, "models with waiters");
    let counts: Vec<Count> = files.iter().map(|f| count(&dir, f)).collect();
    let json: Vec<&Count> = counts
        .iter()
        .filter(|c| c.protocol.starts_with("awsJson"))
        .collect();
    let sum = |cs: &[&Count], f: fn(&Count) -> usize| cs.iter().map(|c| f(c)).sum::<usize>();
    let all: Vec<&Count> = counts.iter().collect();
    let json_skipped: Vec<&String> = json.iter().flat_map(|c| &c.skipped).collect();
    let all_skipped: Vec<&String> = all.iter().flat_map(|c| &c.skipped).collect();
    eprintln!(
        "awsJson models: {} with waiters, {} waiters written, {} generated, {} skipped",
        json.len(),
        sum(&json, |c| c.written),
        sum(&json, |c| c.generated),
        json_skipped.len()
    );
    eprintln!(
        "all models: {} with waiters, {} waiters written, {} compile, {} skipped",
        all.len(),
        sum(&all, |c| c.written),
        sum(&all, |c| c.generated),
        all_skipped.len()
    );
    for s in &all_skipped {
        eprintln!("  {s}");
    }
    assert!(
        json_skipped.is_empty(),
        "waiters of awsJson models were skipped:\n{json_skipped:#?}"
    );
    for c in &counts {
        assert_eq!(
            c.generated + c.skipped.len(),
            c.written,
            "{}: every waiter is generated or reported",
            c.file
        );
    }
    assert_eq!(sum(&json, |c| c.written), 68);
    assert_eq!(sum(&all, |c| c.written), 246);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = common::repo().join(format!("target/test-waiters-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The generated crate's own tests: a fake service behind the runtime's
/// in-memory transport, on tokio's paused clock.
const CRATE_TESTS: &str = r###"
use apigen_runtime::http::FnClient;
use apigen_runtime::waiter::WaiterError;
use apigen_runtime::{Credentials, RetryConfig};
use bytes::Bytes;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use things::types::Status;

type Seen = Arc<Mutex<Vec<(String, Duration)>>>;

/// A client whose service answers from `script` in turn (the last answer
/// repeating), recording each call's target and (paused) time.
fn service(script: Vec<(u16, &'static str)>) -> (things::Client, Seen) {
    let start = tokio::time::Instant::now();
    let seen: Seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let script = Mutex::new(script.into_iter().collect::<VecDeque<_>>());
    let http = FnClient(move |req: http::Request<Bytes>| {
        let target = req.headers()["x-amz-target"].to_str().unwrap().to_string();
        log.lock().unwrap().push((target, start.elapsed()));
        let mut s = script.lock().unwrap();
        let (status, body) = if s.len() > 1 { s.pop_front().unwrap() } else { s[0] };
        http::Response::builder()
            .status(status)
            .header("content-type", "application/x-amz-json-1.0")
            .body(Bytes::from(body))
            .unwrap()
    });
    let conf = apigen_runtime::Config::builder()
        .region("us-east-1")
        .endpoint_url("http://localhost:1")
        .credentials(Credentials::new("AKID", "SECRET", None))
        .retry(RetryConfig::disabled())
        .http_client(Arc::new(http))
        .build();
    (things::Client::from_conf(conf), seen)
}

const CREATING: &str = r#"{"thing":{"name":"t","status":"CREATING"}}"#;
const ACTIVE: &str = r#"{"thing":{"name":"t","status":"ACTIVE"}}"#;
const FAILED: &str = r#"{"thing":{"name":"t","status":"FAILED"}}"#;
const NOT_FOUND: &str = r#"{"__type":"example.waiters#ThingNotFound","message":"no such thing"}"#;
const THROTTLED: &str = r#"{"__type":"ThrottlingException","message":"slow down"}"#;
const DENIED: &str = r#"{"__type":"AccessDeniedException","message":"no"}"#;

#[tokio::test(start_paused = true)]
async fn succeeds_on_the_third_poll() {
    let (client, seen) = service(vec![(200, CREATING), (200, CREATING), (200, ACTIVE)]);
    let done = client
        .wait_until_thing_ready()
        .name("t")
        .wait(Duration::from_secs(60))
        .await
        .expect("ACTIVE on the third poll");
    assert_eq!(done.attempts(), 3);
    assert_eq!(done.output().unwrap().thing().unwrap().status(), Some(&Status::Active));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|(t, _)| t == "Things.GetThing"), "{seen:?}");
    // minDelay 1 s: the first delay is random(1, 1), the second random(1, 2).
    assert_eq!(seen[0].1, Duration::ZERO);
    assert_eq!(seen[1].1, Duration::from_secs(1));
    assert!(seen[2].1 >= Duration::from_secs(2) && seen[2].1 <= Duration::from_secs(3), "{seen:?}");
}

#[tokio::test(start_paused = true)]
async fn a_failure_acceptor_ends_the_wait() {
    let (client, seen) = service(vec![(200, CREATING), (200, FAILED)]);
    let err = client
        .wait_until_thing_ready()
        .name("t")
        .wait(Duration::from_secs(60))
        .await
        .expect_err("FAILED is a failure state");
    match err {
        WaiterError::FailureState(poll) => {
            assert_eq!(poll.attempts(), 2);
            let out = poll.into_output().unwrap();
            assert_eq!(out.thing().unwrap().status(), Some(&Status::Failed));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn error_type_acceptors_match_modeled_errors_and_wire_codes() {
    // Modeled error: retry.
    let (client, seen) = service(vec![(400, NOT_FOUND), (400, THROTTLED), (200, ACTIVE)]);
    let done = client
        .wait_until_thing_ready()
        .name("t")
        .wait(Duration::from_secs(60))
        .await
        .expect("retries on both errors");
    assert_eq!(done.attempts(), 3);
    assert_eq!(seen.lock().unwrap().len(), 3);

    // Success on an error: the thing is gone.
    let (client, _) = service(vec![(200, ACTIVE), (400, NOT_FOUND)]);
    let done = client
        .wait_until_thing_gone()
        .name("t")
        .wait(Duration::from_secs(60))
        .await
        .expect("gone on the second poll");
    assert_eq!(done.attempts(), 2);
    let err = done.error().unwrap().as_service_error().unwrap();
    assert!(err.is_thing_not_found());
}

#[tokio::test(start_paused = true)]
async fn an_error_no_acceptor_matches_fails_at_once() {
    let (client, seen) = service(vec![(400, DENIED)]);
    let err = client
        .wait_until_thing_ready()
        .name("t")
        .wait(Duration::from_secs(60))
        .await
        .expect_err("unexpected error");
    match &err {
        WaiterError::UnexpectedError { error, attempts } => {
            assert_eq!(*attempts, 1);
            assert_eq!(error.as_service_error().unwrap().code(), Some("AccessDeniedException"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(seen.lock().unwrap().len(), 1);
    // `success: false` turns any error into a failure state.
    let (client, _) = service(vec![(400, DENIED)]);
    let err = client
        .wait_until_thing_answers()
        .name("t")
        .wait(Duration::from_secs(60))
        .await
        .expect_err("failure on any error");
    assert!(err.is_failure_state());
    assert!(err.operation_error().is_some());
}

#[tokio::test(start_paused = true)]
async fn the_wait_times_out() {
    let (client, seen) = service(vec![(200, CREATING)]);
    let err = client
        .wait_until_thing_ready()
        .name("t")
        .wait(Duration::from_secs(30))
        .await
        .expect_err("never ACTIVE");
    match err {
        WaiterError::ExceededMaxWait(e) => {
            assert_eq!(e.elapsed(), Duration::from_secs(30));
            assert_eq!(e.attempts() as usize, seen.lock().unwrap().len());
        }
        other => panic!("unexpected {other:?}"),
    }
    let seen = seen.lock().unwrap();
    // maxDelay 8 s bounds every delay but the last: when a delay would leave
    // no more than minDelay before the deadline, the waiter waits out the
    // whole remainder (as smithy-rs does), which is at most maxDelay + minDelay.
    let gaps: Vec<Duration> = seen.windows(2).map(|w| w[1].1 - w[0].1).collect();
    let (last_gap, earlier) = gaps.split_last().expect("several polls in 30 s");
    assert!(earlier.iter().all(|g| *g <= Duration::from_secs(8)), "{seen:?}");
    assert!(*last_gap <= Duration::from_secs(9), "{seen:?}");
    assert_eq!(seen.last().unwrap().1, Duration::from_secs(30));
}

#[tokio::test(start_paused = true)]
async fn input_output_paths_and_construction_errors() {
    let (client, seen) = service(vec![
        (200, r#"{"thing":{"name":"other"}}"#),
        (200, r#"{"thing":{"name":"mine"}}"#),
    ]);
    let done = client
        .wait_until_thing_named_as_asked()
        .name("mine")
        .wait(Duration::from_secs(60))
        .await
        .unwrap();
    assert_eq!(done.attempts(), 2);
    assert_eq!(seen.lock().unwrap().len(), 2);
    // The required name is missing: nothing is sent.
    let (client, seen) = service(vec![(200, ACTIVE)]);
    let err = client.wait_until_thing_ready().wait(Duration::from_secs(60)).await.unwrap_err();
    assert!(matches!(err, WaiterError::Construction(_)), "{err:?}");
    assert!(seen.lock().unwrap().is_empty());
}

/// Polls until the waiter ends: the number of polls, or whether it ended in
/// a failure state.
macro_rules! polls {
    ($method:ident, $bodies:expr) => {{
        let (client, _) = service($bodies.iter().map(|b: &&'static str| (200, *b)).collect());
        client
            .$method()
            .wait(Duration::from_secs(600))
            .await
            .map(|p| p.attempts())
            .map_err(|e| if e.is_failure_state() { "failure" } else { "other" })
    }};
}

#[tokio::test(start_paused = true)]
async fn projections_filters_and_functions_over_lists_and_maps() {
    assert_eq!(
        polls!(wait_until_all_active, [
            r#"{"things":[]}"#,
            r#"{"things":[{"status":"ACTIVE"},{"status":"CREATING"}]}"#,
            r#"{"things":[{"status":"ACTIVE"},{"status":"ACTIVE"}]}"#,
        ]),
        Ok(3)
    );
    assert_eq!(
        polls!(wait_until_all_active, [r#"{"things":[{"status":"ACTIVE"},{"status":"FAILED"}]}"#]),
        Err("failure")
    );
    assert_eq!(
        polls!(wait_until_two_active, [
            r#"{}"#,
            r#"{"things":[{"status":"ACTIVE"}]}"#,
            r#"{"things":[{"status":"ACTIVE"},{"status":"CREATING"},{"status":"ACTIVE"}]}"#,
        ]),
        Ok(3)
    );
    assert_eq!(
        polls!(wait_until_first_and_last, [r#"{"things":[{"status":"CREATING","enabled":true},{"size":3}]}"#]),
        Err("failure")
    );
    assert_eq!(
        polls!(wait_until_first_and_last, [
            r#"{"things":[{"status":"CREATING","enabled":false},{"size":3}]}"#,
            r#"{"things":[{"status":"ACTIVE"}]}"#,
        ]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_none_failed, [
            r#"{"things":[{"status":"ACTIVE"},{"status":"FAILED"}]}"#,
            r#"{"things":[{"status":"ACTIVE"}]}"#,
        ]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_tag_values, [
            r#"{"tags":{"a":{"value":"no"}}}"#,
            r#"{"tags":{"owner":{"value":"nobody"}}}"#,
            r#"{"tags":{"a":{"value":"no"},"b":{"value":"ready"}}}"#,
        ]),
        Ok(3)
    );
    assert_eq!(
        polls!(wait_until_group_members, [
            r#"{"groups":[{"members":["bob"]},{}]}"#,
            r#"{"matrix":[["y"],["x"]]}"#,
        ]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_group_members, [r#"{"groups":[{"members":["bob"]},{"members":["alice"]}]}"#]),
        Ok(1)
    );
    assert_eq!(
        polls!(wait_until_filtered, [
            r#"{"things":[{"name":"small","size":1}]}"#,
            r#"{"things":[{"name":"x","status":"DELETED"},{"name":"big","enabled":true}]}"#,
        ]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_filtered, [r#"{"things":[{"name":"x","status":"DELETED"},{"name":"first"}]}"#]),
        Ok(1)
    );
    assert_eq!(
        polls!(wait_until_empty, [r#"{}"#, r#"{"things":[{}]}"#, r#"{"things":[]}"#]),
        Ok(3)
    );
    assert_eq!(
        polls!(wait_until_counted, [r#"{"count":0,"updated":5}"#, r#"{"count":2,"updated":1.5}"#]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_counted, [r#"{"kind":"SMALL"}"#, r#"{"kind":"BIG"}"#]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_counted, [
            r#"{"nested":{"inner":{"flag":false}}}"#,
            r#"{"nested":{"inner":{"flag":true}}}"#,
        ]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_pairs, [
            r#"{"things":[{"status":"ACTIVE","name":"x"}]}"#,
            r#"{"things":[{"status":"ACTIVE","name":"ACTIVE"},{"status":"ACTIVE"}]}"#,
        ]),
        Ok(2)
    );
    assert_eq!(
        polls!(wait_until_pairs, [r#"{"things":[{"name":"ab","size":1}]}"#, r#"{"things":[{"name":"long","size":1}]}"#]),
        Ok(2)
    );
}
"###;

#[test]
fn generated_waiters_run_against_an_in_memory_service() {
    let dir = temp_dir("crate");
    let out = dir.join("things");
    let mut c = Config::new();
    c.model(common::repo().join("codegen/tests/waiters/things.smithy"))
        .out_dir(&out)
        .layout(Layout::Crate)
        .crate_name("things");
    let report = c.generate().unwrap();
    // The broken waiter is reported where it is written, and left out.
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("things.smithy:64:67: warning[waiter-skipped]: waiter Broken")),
        "{:?}",
        report.warnings
    );
    let client = std::fs::read_to_string(out.join("src/client.rs")).unwrap();
    assert!(
        client.contains("pub fn wait_until_thing_ready("),
        "{client}"
    );
    assert!(!client.contains("wait_until_broken"));
    // The crate's own tests need tokio's paused clock and the transport types.
    let manifest = out.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(
        "\n[dev-dependencies]\nbytes = \"1\"\nhttp = \"1\"\ntokio = { version = \"1\", default-features = false, features = [\"rt\", \"macros\", \"time\", \"test-util\"] }\n",
    );
    std::fs::write(&manifest, text).unwrap();
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/waiters.rs"), CRATE_TESTS).unwrap();
    let target = common::repo().join("target/gen-check");
    let run = std::process::Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("running cargo");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the generated crate's tests failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("7 passed"), "{stdout}");
    let clippy = std::process::Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--all-targets", "--manifest-path"])
        .arg(&manifest)
        .args(["--", "-D", "warnings"])
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("running cargo clippy");
    assert!(
        clippy.status.success(),
        "the generated crate is not clippy-clean:\n{}",
        String::from_utf8_lossy(&clippy.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
