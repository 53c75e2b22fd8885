//! `cargo build` of a crate whose build script runs apigen (as the root
//! crate's does): an edited spec regenerates exactly the affected files, an
//! unchanged build rewrites nothing, and `APIGEN_CHECK=1` fails on a stale tree.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (std::time::SystemTime, Vec<u8>)> {
    common::files_under(dir)
        .into_iter()
        .map(|rel| {
            let p = dir.join(&rel);
            let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
            (rel, (modified, std::fs::read(&p).unwrap()))
        })
        .collect()
}

fn cargo(krate: &Path, check: bool) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(["build", "--quiet", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", common::repo().join("target"));
    if check {
        cmd.env("APIGEN_CHECK", "1");
    } else {
        cmd.env_remove("APIGEN_CHECK");
    }
    let out = cmd.output().expect("running cargo");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn building_regenerates_exactly_what_changed() {
    let dir = std::env::temp_dir().join(format!("apigen-build-script-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let krate = dir.join("ecr-copy");
    std::fs::create_dir_all(krate.join("specs/ecr")).unwrap();
    std::fs::create_dir_all(krate.join("generated")).unwrap();
    for name in ["ecr.smithy", "ecr-swagger.yaml"] {
        let text = std::fs::read(common::repo().join("specs/ecr").join(name)).unwrap();
        std::fs::write(krate.join("specs/ecr").join(name), text).unwrap();
    }
    std::fs::copy(common::repo().join("build.rs"), krate.join("build.rs")).unwrap();
    let repo = common::repo().canonicalize().unwrap();
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"ecr-copy\"\nversion = \"0.0.0\"\nedition = \"2021\"\nbuild = \"build.rs\"\n\n[lib]\npath = \"generated/lib.rs\"\n\n[features]\ndefault = [\"regenerate\"]\nregenerate = [\"dep:apigen\"]\n\n[dependencies]\napigen-runtime = {{ path = {:?} }}\n\n[build-dependencies]\napigen = {{ path = {:?}, optional = true }}\n\n[workspace]\n",
            repo.join("runtime").display().to_string(),
            repo.join("codegen").display().to_string()
        ),
    )
    .unwrap();
    // The library file must exist for cargo to start; the build script replaces it.
    std::fs::write(krate.join("generated/lib.rs"), "").unwrap();
    let (ok, err) = cargo(&krate, false);
    assert!(
        !ok && err.contains("not written by apigen"),
        "an empty hand-made lib.rs is not clobbered: {err}"
    );
    // Take the placeholder over explicitly, as a user would with --force.
    let mut config = apigen::Config::new();
    config
        .model(krate.join("specs/ecr"))
        .swagger(krate.join("specs/ecr/ecr-swagger.yaml"))
        .out_dir(krate.join("generated"))
        .force(true);
    config.generate().unwrap();
    let (ok, err) = cargo(&krate, false);
    assert!(ok, "{err}");
    let generated = krate.join("generated");
    let before = snapshot(&generated);

    // An unchanged build touches nothing.
    let (ok, err) = cargo(&krate, false);
    assert!(ok, "{err}");
    assert_eq!(snapshot(&generated), before);

    // Edit one structure's member.
    let spec = krate.join("specs/ecr/ecr.smithy");
    let text = std::fs::read_to_string(&spec).unwrap();
    let edited = text.replacen(
        "structure Tag {",
        "structure Tag {\n    /// A note on the tag.\n    note: String\n",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&spec, edited).unwrap();

    // The check mode catches the stale tree and changes nothing.
    let (ok, err) = cargo(&krate, true);
    assert!(!ok, "APIGEN_CHECK=1 must fail on a stale tree");
    assert!(err.contains("types/tag.rs"), "{err}");
    assert_eq!(snapshot(&generated), before);

    let (ok, err) = cargo(&krate, false);
    assert!(ok, "{err}");
    let after = snapshot(&generated);
    let changed: Vec<String> = after
        .iter()
        .filter(|(p, v)| {
            before
                .get(*p)
                .map(|b| b.1 != v.1 || b.0 != v.0)
                .unwrap_or(true)
        })
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(
        changed,
        ["lib.rs", "types/tag.rs"],
        "only the edited type and the inputs digest in lib.rs change"
    );
    let (ok, err) = cargo(&krate, true);
    assert!(ok, "fresh tree passes the check: {err}");
    let _ = std::fs::remove_dir_all(&dir);
}
