//! Development survey: parse files given on the command line and print one TSV row each.
use std::io::Read;
fn main() {
    for path in std::env::args().skip(1) {
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
        };
        let r = std::panic::catch_unwind(|| cablegram::parse(&text));
        match r {
            Ok(c) => println!(
                "{}\t{:?}\t{:?}\t{:?}\t{:?}\t{:?}\t{}\t{:?}\t{}\t{}",
                path,
                c.classification.map(|c| c.level),
                c.station,
                c.serial,
                c.datetime,
                c.subject,
                c.tags.join(","),
                c.paragraphs
                    .iter()
                    .filter_map(|p| p.number)
                    .collect::<Vec<_>>(),
                c.diagnostics
                    .iter()
                    .map(|d| d.code.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                c.signers.join(",")
            ),
            Err(_) => println!("{path}\tPANIC"),
        }
    }
}
