//! The official AWS service models (Smithy JSON AST, `../shared/aws-models`)
//! load as Smithy loads them. They ship no trait definitions: they rely on
//! the trait libraries Smithy's own tools load beside every model
//! (`smithy.rules`, `smithy.waiters`, `smithy.test`, `aws.iam`, ...), which
//! apigen's built-ins must define; their patterns are ECMA-262 or the Java
//! syntax Smithy's reference implementation accepts.

mod common;

use std::path::{Path, PathBuf};

const INDEX: &str = "aws-models/index.tsv";
const MODELS: usize = 402;

/// `(file, service shape id)` of every model the index lists.
fn index() -> Vec<(String, String)> {
    let path = common::shared().join(INDEX);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the model index {}: {e}", path.display()));
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("file\tservice\t")),
        "{}: unexpected header",
        path.display()
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let file = cols.next().unwrap().to_string();
            let service = cols.next().expect("a service column").to_string();
            (file, service)
        })
        .collect()
}

fn models_dir() -> PathBuf {
    common::aws_models_dir()
}

fn load(path: &Path) -> apigen::Loaded {
    apigen::load(&apigen::LoadOptions {
        models: vec![path.to_path_buf()],
        ..Default::default()
    })
}

#[test]
fn every_aws_model_loads_without_errors() {
    let models = index();
    assert_eq!(
        models.len(),
        MODELS,
        "the index lists {} models",
        models.len()
    );
    let dir = models_dir();
    let missing: Vec<&str> = models
        .iter()
        .map(|(file, _)| file.as_str())
        .filter(|file| !dir.join(file).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "{} holds an incomplete extraction (delete it to extract again); missing: {missing:?}",
        dir.display()
    );

    // Spread over the cores: in a debug build one thread takes about 30 s
    // (29 CPU-seconds for the 402 models).
    let results = apigen::parallel::map_in_order(&models, |(file, service)| {
        let loaded = load(&dir.join(file));
        // No error of any kind: no unknown trait, no refused pattern (all
        // 3,453 distinct patterns are ECMA-262 or rewritable Java syntax), no
        // trait value that Smithy would accept and apigen not.
        let unknown: Vec<String> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == apigen::diag::Severity::Error)
            .map(|d| d.render(&loaded.sources))
            .collect();
        let has_service = loaded
            .model
            .services()
            .any(|s| s.id.to_string() == *service);
        (
            unknown,
            (!has_service).then(|| format!("{file}: {service}")),
        )
    });
    let mut offenders = Vec::new();
    let mut without_service = Vec::new();
    for (unknown, missing_service) in results {
        offenders.extend(unknown);
        without_service.extend(missing_service);
    }
    assert!(
        offenders.is_empty(),
        "{} errors:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
    assert!(
        without_service.is_empty(),
        "models whose service did not load: {without_service:?}"
    );
}
