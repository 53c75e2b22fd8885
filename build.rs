//! Regenerates `generated/` from `specs/ecr/` when the `regenerate` feature
//! is on (the default in this repository). Unchanged files are not touched,
//! so an unchanged build recompiles nothing. With `APIGEN_CHECK=1` the build
//! fails instead when `generated/` is stale (CI uses this).
//!
//! Crates that embed this one turn `regenerate` off and compile neither this
//! logic nor the generator.

fn main() {
    #[cfg(feature = "regenerate")]
    regenerate();
}

#[cfg(feature = "regenerate")]
fn regenerate() {
    use std::path::PathBuf;

    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    println!("cargo:rerun-if-changed=specs");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=APIGEN_CHECK");

    let mut config = apigen::Config::new();
    config
        .model(root.join("specs/ecr"))
        .swagger(root.join("specs/ecr/ecr-swagger.yaml"))
        .out_dir(root.join("generated"))
        // The server trait and router too, behind this crate's `server` feature.
        .features(apigen::emit::Features::ALL);
    let check = std::env::var("APIGEN_CHECK").is_ok_and(|v| v == "1" || v == "true");
    let result = if check {
        config.check()
    } else {
        config.generate()
    };
    match result {
        Ok(report) => {
            for warning in &report.warnings {
                for line in warning.lines() {
                    println!("cargo:warning={line}");
                }
            }
        }
        Err(e) => {
            for line in e.to_string().lines() {
                println!("cargo:warning={line}");
            }
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
