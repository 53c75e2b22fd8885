//! A project that depends on the generated crate with regeneration off
//! compiles none of the generator: `cargo tree` of tests/embed proves it.

mod support;

#[test]
fn embedding_pulls_in_no_generator_crates() {
    let manifest = support::root().join("tests/embed/Cargo.toml");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["tree", "--manifest-path"])
        .arg(&manifest)
        .args([
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .output()
        .expect("running cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    let crates: std::collections::BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(crates.contains("ecr"), "{tree}");
    assert!(crates.contains("apigen-runtime"), "{tree}");
    for forbidden in [
        "apigen",
        "syn",
        "serde",
        "serde_json",
        "quote",
        "prettyplease",
        "openapiv3",
        "proc-macro2",
        "serde_derive",
    ] {
        assert!(
            !crates.contains(forbidden),
            "{forbidden} is compiled for an embedding crate:\n{tree}"
        );
    }
}
