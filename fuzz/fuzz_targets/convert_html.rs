//! Fuzz target: any bytes, read and parsed, written as html; the output must be well-formed and
//! inert (see tests/hardening_support/check.rs), and the same bytes when written twice.
#![no_main]

#[path = "../../tests/hardening_support/check.rs"]
mod check;
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    for cable in common::cables(data) {
        let fragment = data.len() % 2 == 1;
        let out = common::convert(&cable, "html", fragment);
        if let Err(e) = check::html(&out, fragment) {
            panic!("{e}\n{out}");
        }
    }
});
