//! Development aid: time the parse of one file.
fn main() {
    let path = std::env::args().nth(1).expect("a path");
    let text = std::fs::read_to_string(&path).expect("UTF-8 text");
    let t = std::time::Instant::now();
    let cable = cablegram::parse(&text);
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.3}s {:.1} MB/s, {} paragraphs, {} diagnostics",
        s,
        text.len() as f64 / s / 1e6,
        cable.paragraphs.len(),
        cable.diagnostics.len()
    );
}
