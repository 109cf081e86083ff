//! Fuzz target: the parser on any text. It must never panic, every span must lie inside the
//! text, and parsing must be deterministic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cable = cablegram::parse(&text);
    for d in &cable.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{d:?}"
        );
    }
    for p in &cable.paragraphs {
        assert!(
            p.span.start <= p.span.end && p.span.end <= text.len(),
            "{p:?}"
        );
    }
    assert!(
        cablegram::parse(&text) == cable,
        "parsing is not deterministic"
    );
});
