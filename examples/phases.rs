//! Development aid: time the phases (read, parse, render JSON, render TEI) on one thread.
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let t = Instant::now();
    let mut docs = Vec::new();
    for path in cablegram::source::walk(&[dir.into()]).flatten() {
        if let Ok(d) = cablegram::source::read_path(&path, None) {
            docs.extend(d.flatten());
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "read   {:>8.3}s  {} docs {} bytes",
        t.elapsed().as_secs_f64(),
        docs.len(),
        bytes
    );
    let t = Instant::now();
    let cables: Vec<_> = docs.iter().map(|d| cablegram::parse(&d.text)).collect();
    let p = t.elapsed().as_secs_f64();
    println!("parse  {:>8.3}s  {:.1} MB/s", p, bytes as f64 / p / 1e6);
    let reg = cablegram::converters::Registry::with_builtins();
    for name in ["json", "tei", "html", "markdown"] {
        let c = reg.get(name).unwrap();
        let opts = cablegram::converters::Options::default().with_pretty(false);
        let t = Instant::now();
        let mut out = Vec::new();
        for cable in &cables {
            out.clear();
            c.write(cable, &opts, &mut out).unwrap();
        }
        let p = t.elapsed().as_secs_f64();
        println!("{name:<6} {:>8.3}s  {:.1} MB/s", p, bytes as f64 / p / 1e6);
    }
}
