//! Development aid: print the model of each text file as one JSON line, with its path.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable");
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
        };
        let mut cable = cablegram::parse(&text);
        cable.source = Some(cablegram::model::Source {
            path: Some(path.clone()),
            ..Default::default()
        });
        println!("{}", serde_json::to_string(&cable).unwrap());
    }
}
