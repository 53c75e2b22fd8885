//! Bounded, deterministic fuzzing of timestamp parsing and formatting
//! (`DateTime`, in every `TimestampFormat`), which servers will apply to
//! untrusted headers, query strings and bodies: texts and instants checked
//! against the properties in `fuzzing/datetime_properties.rs` (the
//! cargo-fuzz target `datetime_parse` in `../fuzz` checks the same ones).

#[path = "fuzzing/datetime_corpus.rs"]
mod datetime_corpus;
#[path = "fuzzing/datetime_properties.rs"]
mod datetime_properties;
#[path = "fuzzing/harness.rs"]
mod harness;
#[path = "fuzzing/rng.rs"]
mod rng;
#[path = "fuzzing/sources.rs"]
mod sources;

/// Each about 3 s in a debug build on the 2-core CI machine.
const TEXTS: usize = 150_000;
const INSTANTS: usize = 150_000;

#[test]
fn fuzz_datetime_parse() {
    let (seed, count) = harness::budget(TEXTS);
    let seeds = datetime_corpus::seeds(&sources::repo_root());
    harness::note(&format!("fuzz_datetime_parse: {} seed texts", seeds.len()));
    let mut rng = rng::Rng::new(seed);
    let texts = datetime_corpus::texts(&mut rng, &seeds, count);
    harness::run(
        "fuzz_datetime_parse",
        seed,
        texts,
        datetime_properties::check_parse,
    );
}

#[test]
fn fuzz_datetime_format() {
    let (seed, count) = harness::budget(INSTANTS);
    let mut rng = rng::Rng::new(seed);
    let instants = datetime_corpus::instants(&mut rng, count);
    harness::run("fuzz_datetime_format", seed, instants, |bytes| {
        let instant = datetime_properties::instant_from_bytes(bytes).unwrap();
        // Accepted: every format could write it; rejected: some refused
        // (its year is outside their range), as the oracle expects.
        datetime_properties::check_instant(instant)
    });
}
