//! Any bytes decoded as a `Document` and as each value and collection
//! type: decode → encode → decode round-trips, and the writer writes JSON
//! (`check_roundtrips`, shared with `runtime/tests/fuzz_wire.rs`).
#![no_main]

#[allow(dead_code)] // the reader-versus-serde_json checks are the other target's
#[path = "../../runtime/tests/fuzzing/wire_properties.rs"]
mod wire_properties;

libfuzzer_sys::fuzz_target!(|body: &[u8]| {
    wire_properties::check_roundtrips(body);
});
