//! Fingerprints the generator's own sources, so that `apigen generate` can
//! tell a fresh output directory (same inputs, same generator) from a stale
//! one without generating anything. What cannot change generated code (the
//! command line, `apigen diff`) is left out, so editing it does not make
//! every generated tree stale.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.retain(|p| {
        !(p.starts_with("src/diff")
            || p == Path::new("src/cli.rs")
            || p == Path::new("src/main.rs"))
    });
    files.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in files {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for b in path.to_string_lossy().bytes().chain(bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=APIGEN_SOURCE_DIGEST={hash:016x}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
