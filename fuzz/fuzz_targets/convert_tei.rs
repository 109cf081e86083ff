//! Fuzz target: any bytes, read and parsed, written as tei; the output must be well-formed and
//! inert (see tests/hardening_support/check.rs), and the same bytes when written twice.
#![no_main]

#[path = "../../tests/hardening_support/check.rs"]
mod check;
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for cable in common::cables(data) {
        let out = common::convert(&cable, "tei", false);
        if let Err(e) = check::tei(&out) {
            panic!("{e}\n{out}");
        }
    }
});
