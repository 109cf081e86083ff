fn main() {
    println!("cablegram {}", env!("CARGO_PKG_VERSION"));
}
