//! The `apigen` binary: reports, exit codes, conversions.

mod common;

use std::process::Command;

fn apigen(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_apigen"))
        .args(args)
        .current_dir(common::repo())
        .output()
        .expect("running apigen");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn inspect_json_on_the_bundled_specs_is_clean_and_stable() {
    let (code, first, err) = apigen(&["inspect", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&first).unwrap();
    let services = report["services"].as_array().unwrap();
    assert_eq!(services.len(), 1);
    assert_eq!(
        services[0]["id"],
        "com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921"
    );
    assert_eq!(services[0]["protocol"], "awsJson1_1");
    assert_eq!(services[0]["operations"].as_array().unwrap().len(), 17);
    assert!(report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] != "error"));
    let (_, second, _) = apigen(&["inspect", "--format", "json"]);
    assert_eq!(
        first, second,
        "inspect --format json must be byte-identical across runs"
    );
}

#[test]
fn inspect_the_conformance_suite() {
    let dir = common::shared().join("conformance/smithy");
    let (code, out, err) = apigen(&[
        "inspect",
        "--model",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let json = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "aws.protocoltests.json#JsonProtocol")
        .expect("JsonProtocol");
    assert_eq!(json["operations"].as_array().unwrap().len(), 18);
    let (code, text, _) = apigen(&["inspect", "--model", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        text.contains("service aws.protocoltests.json#JsonProtocol (version 2018-01-01)"),
        "{text}"
    );
    assert!(text.contains("protocol: awsJson1_1"));
}

#[test]
fn convert_writes_a_json_ast_that_loads_back() {
    let out = std::env::temp_dir().join(format!("apigen-convert-{}.json", std::process::id()));
    let (code, _, err) = apigen(&[
        "convert",
        "--to",
        "smithy-json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    let ast: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(ast["smithy"], "2.0");
    assert!(
        ast["shapes"]["com.amazonaws.ecr#DescribeImages"]["traits"]["apigen.api#summary"]
            .is_string()
    );
    let (code, report, _) = apigen(&[
        "inspect",
        "--model",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(
        report["services"][0]["operations"]
            .as_array()
            .unwrap()
            .len(),
        17
    );
    let _ = std::fs::remove_file(out);
}

#[test]
fn bad_command_lines_and_inputs_exit_non_zero() {
    assert_eq!(apigen(&["frobnicate"]).0, 2);
    assert_eq!(apigen(&["inspect", "--format", "xml"]).0, 2);
    assert_eq!(apigen(&["inspect", "--model"]).0, 2);
    let (code, _, err) = apigen(&["inspect", "--model", "does/not/exist.smithy"]);
    assert_eq!(code, 1);
    assert!(err.is_empty() || !err.contains("panicked"));
    let (code, _, err) = apigen(&[
        "convert",
        "--model",
        "does/not/exist.smithy",
        "--to",
        "smithy-json",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("does/not/exist.smithy"), "{err}");
}

#[test]
fn an_unsupported_protocol_is_a_located_diagnostic_not_a_broken_crate() {
    let out = std::env::temp_dir().join(format!("apigen-restxml-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let model = out.join("xml.smithy");
    std::fs::write(
        &model,
        r#"$version: "2.0"
namespace example.xml

use aws.protocols#restXml

@restXml
service XmlService {
    version: "2020-01-01"
    operations: [GetThing]
}

@http(method: "GET", uri: "/thing")
@readonly
operation GetThing {
    output := { name: String }
}
"#,
    )
    .unwrap();
    let crate_dir = out.join("crate");
    let (code, _, err) = apigen(&[
        "generate",
        "--model",
        model.to_str().unwrap(),
        "--out",
        crate_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("error[unsupported-protocol]"), "{err}");
    assert!(err.contains("restXml"), "{err}");
    assert!(
        err.contains("xml.smithy:"),
        "the diagnostic names the service's file: {err}"
    );
    assert!(!crate_dir.join("src/lib.rs").exists(), "nothing is written");
    // The types alone are generated for it.
    let (code, _, err) = apigen(&[
        "generate",
        "--model",
        model.to_str().unwrap(),
        "--features",
        "types",
        "--out",
        crate_dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(crate_dir.join("src/types/mod.rs").exists());
    let _ = std::fs::remove_dir_all(out);
}
