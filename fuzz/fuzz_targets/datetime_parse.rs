//! Any bytes as a timestamp in every format, checked against the grammars'
//! oracle, and their first 12 bytes as an instant to format and parse back
//! (`check_parse` and `check_instant`, shared with
//! `runtime/tests/fuzz_datetime.rs`).
#![no_main]

#[allow(dead_code)] // instant_to_bytes is the seed writer's
#[path = "../../runtime/tests/fuzzing/datetime_properties.rs"]
mod datetime_properties;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    datetime_properties::check_parse(data);
    if let Some(instant) = datetime_properties::instant_from_bytes(data) {
        datetime_properties::check_instant(instant);
    }
});
