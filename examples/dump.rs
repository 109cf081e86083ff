//! Development aid: print the model of one text file as JSON.
fn main() {
    let path = std::env::args().nth(1).expect("a path");
    let bytes = std::fs::read(&path).expect("readable");
    let text = String::from_utf8_lossy(&bytes);
    let cable = cablegram::parse(&text);
    println!("{}", serde_json::to_string_pretty(&cable).unwrap());
}
