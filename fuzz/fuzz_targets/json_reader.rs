//! Any bytes as a request body: the reader accepts exactly what serde_json
//! accepts, to the same value, and locates every error (the properties are
//! `check_reader`'s, shared with the CI test `runtime/tests/fuzz_wire.rs`).
#![no_main]

#[allow(dead_code)] // the round-trip checks are the other target's
#[path = "../../runtime/tests/fuzzing/wire_properties.rs"]
mod wire_properties;

libfuzzer_sys::fuzz_target!(|body: &[u8]| {
    wire_properties::check_reader(body);
});
