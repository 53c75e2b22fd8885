//! Paths shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file below `dir`, as paths relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

pub fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// `../shared` beside the checkout: seeds and conformance suites.
pub fn shared() -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared"));
    assert!(
        dir.join("conformance").is_dir(),
        "{} must hold the shared seeds and conformance suites",
        dir.display()
    );
    dir
}

pub fn ecr_specs() -> apigen::LoadOptions {
    apigen::LoadOptions {
        swagger: vec![repo().join("specs/ecr/ecr-swagger.yaml")],
        models: vec![repo().join("specs/ecr")],
        ..Default::default()
    }
}

/// `target/aws-models`, extracted from the shared archive on first use. The
/// archive goes to a scratch directory renamed into place, so an interrupted
/// extraction never passes for a complete one.
pub fn aws_models_dir() -> PathBuf {
    let dir = repo().join("target/aws-models");
    if dir.is_dir() {
        return dir;
    }
    let archive = shared().join("aws-models/api-models-aws-56c8953e.tar.xz");
    assert!(
        archive.is_file(),
        "{} is missing: the AWS models test needs the shared model archive",
        archive.display()
    );
    let scratch = repo().join(format!("target/aws-models.partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let status = Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(&scratch)
        .status()
        .unwrap_or_else(|e| panic!("cannot run tar to extract {}: {e}", archive.display()));
    assert!(
        status.success(),
        "tar -xJf {} failed: {status}",
        archive.display()
    );
    // Another test process may have won the race; its copy is as good.
    if std::fs::rename(&scratch, &dir).is_err() {
        let _ = std::fs::remove_dir_all(&scratch);
        assert!(
            dir.is_dir(),
            "cannot move the models into {}",
            dir.display()
        );
    }
    dir
}
