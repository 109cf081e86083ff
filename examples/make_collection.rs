//! Benchmark aid: a generated collection of N distinct cables, as one `cables.csv`, for
//! `scripts/bench-edition.sh` (an edition at the scale of Cablegate: 251,287 cables).
//!
//!     cargo run --release --example make_collection -- N OUT.csv
//!
//! Every cable has its own station and serial (so its own id), a date between 1966 and 2010,
//! TAGS, a subject, a REF line citing up to three earlier cables of the collection (and, now and
//! then, one that is not in it), a classified-by line and four to eight numbered paragraphs of
//! cable-like words, about 3 KB in all, as the 8 columns of the unofficial `cables.csv`. The
//! words come from a fixed generator, so the same N gives the same file. Nothing is written
//! into the repository: OUT.csv goes where it is told.
use std::io::{BufWriter, Write};

const STATIONS: &[(&str, &str)] = &[
    ("STATE", "SECSTATE WASHDC"),
    ("PARIS", "AMEMBASSY PARIS"),
    ("LONDON", "AMEMBASSY LONDON"),
    ("BAGHDAD", "AMEMBASSY BAGHDAD"),
    ("MOSCOW", "AMEMBASSY MOSCOW"),
    ("BEIJING", "AMEMBASSY BEIJING"),
    ("TOKYO", "AMEMBASSY TOKYO"),
    ("ANKARA", "AMEMBASSY ANKARA"),
    ("CAIRO", "AMEMBASSY CAIRO"),
    ("BERLIN", "AMEMBASSY BERLIN"),
    ("MADRID", "AMEMBASSY MADRID"),
    ("ROME", "AMEMBASSY ROME"),
    ("ISLAMABAD", "AMEMBASSY ISLAMABAD"),
    ("KABUL", "AMEMBASSY KABUL"),
    ("NEWDELHI", "AMEMBASSY NEW DELHI"),
    ("BRASILIA", "AMEMBASSY BRASILIA"),
    ("MEXICO", "AMEMBASSY MEXICO"),
    ("TELAVIV", "AMEMBASSY TEL AVIV"),
    ("RIYADH", "AMEMBASSY RIYADH"),
    ("NAIROBI", "AMEMBASSY NAIROBI"),
    ("ALMATY", "AMEMBASSY ALMATY"),
    ("SEOUL", "AMEMBASSY SEOUL"),
    ("CARACAS", "AMEMBASSY CARACAS"),
    ("HAVANA", "USINT HAVANA"),
    ("USUNNEWYORK", "USMISSION USUN NEW YORK"),
    ("UNVIEVIENNA", "USMISSION UNVIE VIENNA"),
];

const TAGS: &[&str] = &[
    "PREL", "PGOV", "ECON", "EFIN", "ETRD", "MARR", "PTER", "PHUM", "KDEM", "SNAR", "ENRG", "KNNP",
    "MOPS", "ASEC", "PINR", "OVIP", "KJUS", "SOCI", "EAID", "ELAB",
];

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "government",
    "embassy",
    "would",
    "ambassador",
    "meeting",
    "officials",
    "election",
    "party",
    "support",
    "security",
    "president",
    "that",
    "with",
    "agreement",
    "policy",
    "foreign",
    "economic",
    "reform",
    "opposition",
    "parliament",
    "of",
    "and",
    "to",
    "in",
    "on",
    "for",
    "a",
    "noted",
    "told",
    "poloff",
    "econoff",
    "contacts",
    "regional",
    "cooperation",
    "assistance",
    "talks",
    "week",
    "next",
    "proposal",
    "draft",
    "budget",
    "council",
    "press",
    "statement",
    "visit",
    "delegation",
    "concerns",
    "raised",
];

/// The fixed generator of the collection (the same N makes the same file).
struct Rng(fastrand::Rng);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0.usize(..n)
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A CSV field as `cables.csv` quotes it: backslash before quotes and backslashes.
fn field(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: make_collection N OUT.csv");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let file = std::fs::File::create(&out).expect("OUT.csv can be created");
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut rng = Rng(fastrand::Rng::with_seed(0x9E37_79B9_7F4A_7C15));
    // Serials per station, and the ids made so far (for REF lines), in date order.
    let mut serials = vec![0u32; STATIONS.len()];
    let mut made: Vec<(u32, usize, u32)> = Vec::with_capacity(n);
    let levels = ["UNCLASSIFIED", "CONFIDENTIAL", "SECRET"];
    for row in 0..n {
        // Dates rise through 1966–2010 with the row number.
        let year = 1966 + (row * 45 / n.max(1)) as u32;
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(28) as u32;
        let (hour, minute) = (rng.below(24), rng.below(60));
        let s = rng.below(STATIONS.len());
        serials[s] += 1 + rng.below(3) as u32;
        let serial = serials[s];
        let (station, sender) = STATIONS[s];
        let yy = year % 100;
        let id = format!("{yy:02}{station}{serial}");
        let level = levels[rng.below(levels.len())];
        let tags: Vec<&str> = (0..3).map(|_| TAGS[rng.below(TAGS.len())]).collect();
        let count = 6 + rng.below(6);
        let subject = rng.words(count).to_uppercase();
        let mut refs = Vec::new();
        for letter in ['A', 'B', 'C'].iter().take(rng.below(4)) {
            if !made.is_empty() && rng.below(10) > 0 {
                let (ryear, rs, rserial) = made[made.len() - 1 - rng.below(made.len().min(500))];
                refs.push(format!(
                    "{letter}. {:02} {} {rserial}",
                    ryear % 100,
                    STATIONS[rs].0
                ));
            } else {
                refs.push(format!("{letter}. PHONE CALL {}/{}", month, day));
            }
        }
        let mut body = format!(
            "{level} {station} {serial:06}\n\nSIPDIS\n\nE.O. 12958: DECL: {month:02}/{day:02}/{}\nTAGS: {}\nSUBJECT: {subject}\n",
            year + 10,
            tags.join(", ")
        );
        if !refs.is_empty() {
            body.push_str(&format!("\nREF: {}\n", refs.join(" ")));
        }
        body.push_str(&format!(
            "\nClassified By: Ambassador {} for reasons 1.4 (b) and (d).\n",
            rng.words(2)
        ));
        for p in 1..=4 + rng.below(5) {
            body.push_str(&format!("\n{p}. ({}) ", &level[..1]));
            let count = 50 + rng.below(60);
            let text = rng.words(count);
            let mut line = String::new();
            for word in text.split(' ') {
                if line.len() + word.len() > 68 {
                    body.push_str(&line);
                    body.push('\n');
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            body.push_str(&line);
            body.push_str(".\n");
        }
        body.push_str("\nSMITH\n");
        let header = format!(
            "O {day:02}{hour:02}{minute:02}Z {} {yy:02}\nFM {sender}\nTO RUEHC/SECSTATE WASHDC IMMEDIATE {}",
            ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
                [month as usize - 1],
            1000 + rng.below(9000)
        );
        let date = format!("{month}/{day}/{year} {hour}:{minute:02}");
        let cells = [
            (row + 1).to_string(),
            date,
            id,
            sender.to_string(),
            level.to_string(),
            String::new(),
            header,
            body,
        ];
        let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
        writeln!(w, "{}", line.join(",")).expect("OUT.csv can be written");
        made.push((year, s, serial));
    }
    w.flush().expect("OUT.csv can be written");
    eprintln!("{n} cables written to {out}");
}
