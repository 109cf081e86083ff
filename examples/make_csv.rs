//! Benchmark aid: build a synthetic `cables.csv` of about SIZE megabytes from real cables.
//!
//!     cargo run --release --example make_csv -- CORPUS_DIR OUT.csv SIZE_MB
//!
//! The cables of CORPUS_DIR (any container) are written, over and over, as rows of the 8 columns
//! of the unofficial `cables.csv` (row, date, reference id, origin, classification, references,
//! header, body), every field quoted, quotes and backslashes inside escaped with a backslash, as
//! `scripts/bench-csv.sh` needs. Nothing is written into the repository: OUT.csv goes where it
//! is told (a temporary directory in the script).
use std::io::{BufWriter, Write};

/// One cable, split back into the columns it came from where its container kept them apart.
struct Row {
    date: String,
    id: String,
    origin: String,
    classification: String,
    header: String,
    body: String,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(out), Some(size)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: make_csv CORPUS_DIR OUT.csv SIZE_MB");
        std::process::exit(2);
    };
    let target: u64 = size.parse::<u64>().expect("SIZE_MB is a number") * 1_000_000;
    let rows = rows(&dir);
    assert!(!rows.is_empty(), "no cables in {dir}");
    let file = std::fs::File::create(&out).expect("OUT.csv can be created");
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut written = 0u64;
    let mut n = 0u64;
    'fill: loop {
        for row in &rows {
            if written >= target {
                break 'fill;
            }
            n += 1;
            let mut line = Vec::with_capacity(row.header.len() + row.body.len() + 200);
            let fields = [
                n.to_string().as_str(),
                &row.date,
                &row.id,
                &row.origin,
                &row.classification,
                "",
                &row.header,
                &row.body,
            ]
            .map(quote);
            line.extend_from_slice(fields.join(",").as_bytes());
            line.push(b'\n');
            w.write_all(&line).expect("OUT.csv is writable");
            written += line.len() as u64;
        }
    }
    w.flush().expect("OUT.csv is writable");
    eprintln!("{out}: {n} rows, {written} bytes");
}

/// A quoted field: `"` and `\` escaped with a backslash.
fn quote(field: &str) -> String {
    let mut q = String::with_capacity(field.len() + 2);
    q.push('"');
    for c in field.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// The cables of `dir`, in order.
fn rows(dir: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for path in cablegram::source::walk(&[dir.into()]).flatten() {
        let Ok(docs) = cablegram::source::read_path(&path, None) else {
            continue;
        };
        for doc in docs.flatten() {
            let meta = &doc.source.metadata;
            let get = |key: &str, default: &str| {
                meta.get(key)
                    .cloned()
                    .unwrap_or_else(|| default.to_string())
            };
            // Where the container kept a header apart (joined with a blank line), split it off
            // again, so that the CSV reader joins the same text back.
            let split = meta
                .get("body_offset")
                .and_then(|o| o.parse::<usize>().ok())
                .filter(|&o| o >= 2 && doc.text.get(o - 2..o) == Some("\n\n"));
            let (header, body) = match split {
                Some(o) => (doc.text[..o - 2].to_string(), doc.text[o..].to_string()),
                None => (String::new(), doc.text.clone()),
            };
            let stem = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            rows.push(Row {
                date: "1/1/2005 0:00".to_string(),
                id: get("reference_id", &stem),
                origin: get("origin", ""),
                classification: get("classification", ""),
                header,
                body,
            });
        }
    }
    rows
}
