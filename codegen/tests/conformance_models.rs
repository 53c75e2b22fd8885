//! Smithy's own protocol test models (real IDL written by others) load clean.

mod common;

use apigen::diag::Severity;

fn load_dir(dir: &str) -> apigen::Loaded {
    apigen::load(&apigen::LoadOptions {
        models: vec![common::shared().join(dir)],
        ..Default::default()
    })
}

fn assert_no_errors(loaded: &apigen::Loaded) {
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(&loaded.sources))
        .collect();
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn aws_json_1_1_suite_loads_with_its_eighteen_operations() {
    let loaded = load_dir("conformance/smithy");
    assert_no_errors(&loaded);
    let service = loaded
        .model
        .services()
        .find(|s| s.id.to_string() == "aws.protocoltests.json#JsonProtocol")
        .expect("JsonProtocol service");
    let info = loaded.model.service_info(service).unwrap();
    assert_eq!(info.operations.len(), 18);
    assert_eq!(
        info.protocol().map(|p| p.name()).as_deref(),
        Some("awsJson1_1")
    );
    // The suite's copy of the prelude is recognised, not loaded twice.
    assert!(loaded.diagnostics.iter().any(|d| d.code == "prelude-copy"));
}

#[test]
fn rest_json_suite_loads() {
    let loaded = load_dir("conformance/smithy-restjson1");
    assert_no_errors(&loaded);
    let service = loaded
        .model
        .services()
        .find(|s| s.id.to_string() == "aws.protocoltests.restjson#RestJson")
        .expect("RestJson service");
    let info = loaded.model.service_info(service).unwrap();
    assert!(info.operations.len() > 100, "{}", info.operations.len());
}
