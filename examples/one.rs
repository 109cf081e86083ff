//! Development aid: parse the first cable of one file N times (for instruction counts of a
//! single text under callgrind).
fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let n: usize = std::env::args().nth(2).map_or(100, |s| s.parse().unwrap());
    let docs = cablegram::source::read_path(std::path::Path::new(&path), None).unwrap();
    let doc = docs.flatten().next().expect("a cable");
    if std::env::var_os("SHOW").is_some() {
        print!("{}", doc.text);
        return;
    }
    let mut total = 0;
    for _ in 0..n {
        total += cablegram::parse(&doc.text).header.len();
    }
    println!("{total}");
}
