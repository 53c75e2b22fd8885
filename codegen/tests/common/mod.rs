//! Paths shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::PathBuf;

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
        strict: false,
    }
}
