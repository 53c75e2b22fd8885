//! Writes the CI tests' seeds into `corpus/<target>/`, where `cargo fuzz
//! run` starts from: real bodies and edge cases for the JSON targets,
//! timestamp texts and instants for `datetime_parse`. Run by
//! `scripts/fuzz.sh`; files are named by content, so reruns add nothing.

#[allow(dead_code)] // the mutators are the CI tests'; libFuzzer mutates here
#[path = "../../runtime/tests/fuzzing/datetime_corpus.rs"]
mod datetime_corpus;
#[allow(dead_code)] // only the instant encoding is used here
#[path = "../../runtime/tests/fuzzing/datetime_properties.rs"]
mod datetime_properties;
#[allow(dead_code)] // as above
#[path = "../../runtime/tests/fuzzing/json_corpus.rs"]
mod json_corpus;
#[path = "../../runtime/tests/fuzzing/rng.rs"]
mod rng;
#[path = "../../runtime/tests/fuzzing/sources.rs"]
mod sources;

use std::path::Path;

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let repo = sources::repo_root();
    let json = json_corpus::seeds(&repo);
    let mut rng = rng::Rng::new(1);
    let mut timestamps: Vec<Vec<u8>> = datetime_corpus::seeds(&repo)
        .into_iter()
        .map(String::into_bytes)
        .collect();
    timestamps.extend(datetime_corpus::instants(&mut rng, 64));
    for (target, seeds) in [
        ("json_reader", &json),
        ("json_document_roundtrip", &json),
        ("datetime_parse", &timestamps),
    ] {
        let dir = corpus.join(target);
        std::fs::create_dir_all(&dir).unwrap();
        for seed in seeds {
            std::fs::write(dir.join(format!("seed-{:016x}", fnv1a(seed))), seed).unwrap();
        }
        println!("{target}: {} seeds in {}", seeds.len(), dir.display());
    }
}

/// A stable name for a seed's content.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
