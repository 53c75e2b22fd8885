//! `apigen conformance` refuses to pass on nothing: a model without protocol
//! tests for its service is an error that says so.

use std::process::Command;

mod common;

#[test]
fn a_model_without_protocol_tests_is_an_error_not_an_empty_pass() {
    let out = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .arg("conformance")
        .arg("--model")
        .arg(common::repo().join("specs/ecr"))
        .output()
        .expect("running apigen");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("has no protocol tests") && stderr.contains("AmazonEC2ContainerRegistry"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("conformance: 0 passed"));
}

#[test]
fn conformance_without_a_model_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .arg("conformance")
        .output()
        .expect("running apigen");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("conformance needs --model"));
}
