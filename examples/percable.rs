//! Development aid: parse time per cable, slowest per byte first.
use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let mut rows = Vec::new();
    for path in cablegram::source::walk(&[dir.into()]).flatten() {
        if let Ok(d) = cablegram::source::read_path(&path, None) {
            for doc in d.flatten() {
                let t = Instant::now();
                for _ in 0..5 {
                    std::hint::black_box(cablegram::parse(&doc.text));
                }
                let ns = t.elapsed().as_nanos() as f64 / 5.0;
                rows.push((
                    ns / doc.text.len() as f64,
                    ns,
                    doc.text.len(),
                    path.display().to_string(),
                ));
            }
        }
    }
    let total: f64 = rows.iter().map(|r| r.1).sum();
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!("total {:.3}s", total / 1e9);
    for r in rows.iter().take(25) {
        println!("{:>8.1} ns/B {:>10.0} ns {:>8} B {}", r.0, r.1, r.2, r.3);
    }
    let mut by_time = rows.clone();
    by_time.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
    let top: f64 = by_time.iter().take(100).map(|r| r.1).sum();
    println!("top 100 by time: {:.1}% of total", top / total * 100.0);
}
