//! Bounded, deterministic fuzzing of the JSON reader and writer that
//! servers will decode untrusted request bodies with: real bodies and edge
//! cases, mutated structurally and byte-wise, each checked against the
//! properties in `fuzzing/wire_properties.rs` (the cargo-fuzz targets in
//! `../fuzz` check the same ones for longer runs; see FUZZING.md).

#[path = "fuzzing/harness.rs"]
mod harness;
#[path = "fuzzing/json_corpus.rs"]
mod json_corpus;
#[path = "fuzzing/rng.rs"]
mod rng;
#[path = "fuzzing/sources.rs"]
mod sources;
#[path = "fuzzing/wire_properties.rs"]
mod wire_properties;

/// About 5 s in a debug build on the 2-core CI machine.
const INPUTS: usize = 80_000;

#[test]
fn fuzz_wire() {
    let (seed, count) = harness::budget(INPUTS);
    let seeds = json_corpus::seeds(&sources::repo_root());
    harness::note(&format!("fuzz_wire: {} seed bodies", seeds.len()));
    let mut rng = rng::Rng::new(seed);
    let inputs = json_corpus::inputs(&mut rng, &seeds, count);
    let round_trips = std::cell::Cell::new(0);
    harness::run("fuzz_wire", seed, inputs, |bytes| {
        round_trips.set(round_trips.get() + wire_properties::check_roundtrips(bytes));
        wire_properties::check_reader(bytes)
    });
    harness::note(&format!(
        "fuzz_wire: {} typed decode-encode-decode round trips",
        round_trips.get()
    ));
}
