//! The container readers against the real corpus in `../shared/corpus` (see its VARIANTS.md).
//!
//! * every file reads without a panic; figures per container are printed
//!   (`cargo test --test source_corpus -- --nocapture`);
//! * every cablegate page gives exactly one document with a `reference_id`;
//! * a cable present both as a page and as a raw `<pre>` extract (`tathagata__reveal/<ID>.txt`)
//!   has the same body text, whitespace aside, in at least 99% of the pairs;
//! * the original CSV and JSON files give one document per row or object, and each agrees with
//!   the per-cable text file that was split out of it when the corpus was staged.

use cablegram::source::{read_path, walk, Container, SourceDoc, SourceError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// What reading one file gives: its documents (or record errors), or a file error.
type FileResult = Result<Vec<Result<SourceDoc, SourceError>>, SourceError>;

/// Every file of the corpus that [`walk`] yields, read; a panic names its file.
fn read_all() -> Vec<(PathBuf, FileResult)> {
    let root = Path::new(CORPUS);
    assert!(root.is_dir(), "the corpus is missing at {}", root.display());
    walk(&[root.to_path_buf()])
        .map(|p| p.expect("the corpus walks"))
        .map(|path| {
            let result = catch_unwind(AssertUnwindSafe(|| {
                read_path(&path, None).map(|docs| docs.collect::<Vec<_>>())
            }));
            match result {
                Ok(r) => (path, r),
                Err(_) => panic!("reading {} panicked", path.display()),
            }
        })
        .collect()
}

/// The MANIFEST's local file names whose format column is `format`.
fn manifest_files(format: &str) -> Vec<PathBuf> {
    let manifest = fs::read_to_string(Path::new(CORPUS).join("MANIFEST.tsv")).unwrap();
    manifest
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.get(4) == Some(&format)).then(|| Path::new(CORPUS).join(cols[3]))
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn body(doc: &SourceDoc) -> &str {
    let offset: usize = doc.source.metadata["body_offset"].parse().unwrap();
    &doc.text[offset..]
}

fn only_doc(path: &Path) -> SourceDoc {
    let mut docs: Vec<_> = read_path(path, None).unwrap().collect();
    assert_eq!(docs.len(), 1, "{}", path.display());
    docs.pop().unwrap().unwrap()
}

#[test]
fn whole_corpus() {
    let results = read_all();
    let mut per_container: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut file_errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut record_errors = Vec::new();
    let mut encodings: BTreeMap<String, usize> = BTreeMap::new();
    for (path, result) in &results {
        match result {
            Ok(docs) => {
                for doc in docs {
                    match doc {
                        Ok(doc) => {
                            let entry = per_container
                                .entry(doc.source.container.to_string())
                                .or_default();
                            entry.1 += 1;
                            let enc = doc.source.encoding.clone().unwrap_or_default();
                            *encodings.entry(enc).or_default() += 1;
                            assert!(!doc.text.starts_with('\u{feff}'));
                        }
                        Err(e) => record_errors.push(e.to_string()),
                    }
                }
                if let Some(Ok(first)) = docs.first() {
                    per_container
                        .entry(first.source.container.to_string())
                        .or_default()
                        .0 += 1;
                }
            }
            Err(e) => {
                let kind = format!("{:?}", e)
                    .split([' ', '{', '('])
                    .next()
                    .unwrap()
                    .to_string();
                file_errors
                    .entry(kind)
                    .or_default()
                    .push(path.display().to_string());
            }
        }
    }
    println!("files read: {}", results.len());
    for (container, (files, docs)) in &per_container {
        println!("  {container:<9} {files:>5} files {docs:>6} docs");
    }
    println!("encodings: {encodings:?}");
    for (kind, files) in &file_errors {
        println!("file errors {kind}: {} (e.g. {})", files.len(), files[0]);
    }
    println!("record errors: {}", record_errors.len());
    for e in record_errors.iter().take(5) {
        println!("  {e}");
    }
    assert!(results.len() > 3000, "the corpus has thousands of files");
    // The only files without cable text are the reveal scraper's "Appears in these articles"
    // blocks kept in `_broken/`.
    for (kind, files) in &file_errors {
        for f in files {
            assert!(f.contains("/_broken/"), "{kind}: {f}");
        }
    }
    assert!(record_errors.is_empty(), "{record_errors:?}");
    let windows_1252 = encodings.get("windows-1252").copied().unwrap_or(0);
    assert!(
        windows_1252 >= 10,
        "the PDF→text files with 0xB6 pilcrows decode as Windows-1252"
    );
}

#[test]
fn every_page_has_one_doc_with_a_reference_id() {
    let mut pages = 0;
    let mut id_matches_name = 0;
    let mut db_rows = 0;
    let mut with_header = 0;
    for path in manifest_files("html") {
        let doc = only_doc(&path);
        assert_eq!(doc.source.container, Container::Html);
        let m = &doc.source.metadata;
        let id = m
            .get("reference_id")
            .unwrap_or_else(|| panic!("{}: no reference_id", path.display()));
        assert!(
            m.contains_key("classification")
                && m.contains_key("origin")
                && m.contains_key("created")
        );
        assert!(
            !doc.text.contains("&#x000A;") && !doc.text.contains("<a "),
            "{}",
            path.display()
        );
        pages += 1;
        if path.file_stem().unwrap().to_str() == Some(id.as_str()) {
            id_matches_name += 1;
        }
        if m.contains_key("row_date") {
            db_rows += 1;
            assert!(
                !body(&doc).contains("\\\n"),
                "{}: row escapes left",
                path.display()
            );
        }
        if m["body_offset"] != "0" {
            with_header += 1;
        }
    }
    println!("pages: {pages}, reference_id = file name: {id_matches_name}, with a header block: {with_header}, DB-row bodies: {db_rows}");
    assert!(pages > 1000);
    assert!(db_rows >= 30, "the DB-row pages are recognised");
    assert_eq!(id_matches_name, pages);
}

/// How alike two squashed texts are: the share of the 8-character pieces (shingles) of the
/// shorter one that also occur in the longer one. 1.0 for equal texts; a revision that adds a
/// date line, redacts a name or reformats the E.O. line keeps it above 0.9, while a lost block,
/// left-over markup or a different cable brings it well down.
fn similarity(a: &str, b: &str) -> f64 {
    let shingles = |s: &str| -> HashSet<Vec<char>> {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(8).map(<[char]>::to_vec).collect()
    };
    let (sa, sb) = (shingles(a), shingles(b));
    let (small, large) = if sa.len() <= sb.len() {
        (&sa, &sb)
    } else {
        (&sb, &sa)
    };
    if small.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    small.iter().filter(|s| large.contains(*s)).count() as f64 / small.len() as f64
}

#[test]
fn pages_and_raw_extracts_agree() {
    let reveal = Path::new(CORPUS).join("tathagata__reveal");
    let mut extracts: HashMap<String, String> = HashMap::new();
    let (mut pairs, mut equal, mut near) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for page in manifest_files("html") {
        let id = page.file_stem().unwrap().to_str().unwrap().to_string();
        let extract_path = reveal.join(format!("{id}.txt"));
        if !extract_path.exists() {
            continue;
        }
        let extract = extracts
            .entry(id.clone())
            .or_insert_with(|| {
                let doc = only_doc(&extract_path);
                assert_eq!(
                    doc.source.container,
                    Container::Html,
                    "{}",
                    extract_path.display()
                );
                squash(&doc.text)
            })
            .clone();
        let doc = only_doc(&page);
        let page_body = squash(body(&doc));
        pairs += 1;
        if page_body == extract {
            equal += 1;
            continue;
        }
        let score = similarity(&page_body, &extract);
        if score >= 0.9 {
            near += 1;
        }
        let at = first_difference(&page_body, &extract);
        disagreements.push(format!("{score:.3} {}: {at}", page.display()));
    }
    let pct = |n: usize| 100.0 * n as f64 / pairs.max(1) as f64;
    println!(
        "page/extract pairs: {pairs} ({} cables); equal modulo whitespace: {equal} ({:.2}%); \
         not equal but similar (a page revision): {near}; equal or similar: {:.2}%",
        extracts.len(),
        pct(equal),
        pct(equal + near)
    );
    for d in &disagreements {
        println!("  {d}");
    }
    assert!(pairs > 100);
    assert!(pct(equal) >= 97.0, "{disagreements:#?}");
    assert!(pct(equal + near) >= 99.0, "{disagreements:#?}");
}

/// Where two texts first differ, with some context from each.
fn first_difference(a: &str, b: &str) -> String {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let context = |s: &[char]| -> String {
        s[at.saturating_sub(20)..(at + 40).min(s.len())]
            .iter()
            .collect()
    };
    format!(
        "at char {at}: page {:?} / extract {:?}",
        context(&a),
        context(&b)
    )
}

/// The per-cable file split out of a CSV/JSON original: `<ID>.txt`, or `L<line>.txt` when the
/// object's `_id` is not a cable id.
fn staged_file(original: &Path, doc: &SourceDoc) -> Option<PathBuf> {
    let folder = original.parent()?.parent()?;
    let m = &doc.source.metadata;
    let candidates = [
        m.get("reference_id").cloned(),
        m.get("_id").cloned(),
        m.get("id").cloned(),
        m.get("line").map(|l| format!("L{l}")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|name| folder.join(format!("{name}.txt")))
        .find(|p| p.exists())
}

/// Reads the originals of a format; returns (docs, compared with a staged file, agreeing).
fn check_originals(format: &str) -> (usize, usize, usize) {
    let (mut docs_total, mut compared, mut agreed) = (0, 0, 0);
    for original in manifest_files(format) {
        let docs: Vec<SourceDoc> = read_path(&original, None)
            .unwrap()
            .map(|d| d.unwrap_or_else(|e| panic!("{e}")))
            .collect();
        assert_eq!(
            docs.len(),
            expected_records(&original, format),
            "{}",
            original.display()
        );
        for (i, doc) in docs.iter().enumerate() {
            assert_eq!(doc.source.index, Some(i as u64 + 1));
            assert_eq!(doc.source.container.name(), format);
            if format == "csv" {
                assert!(doc.source.metadata.contains_key("reference_id"));
            }
            if let Some(staged) = staged_file(&original, doc) {
                compared += 1;
                let staged = fs::read_to_string(&staged).unwrap();
                if staged == doc.text || staged == body(doc) {
                    agreed += 1;
                } else {
                    println!(
                        "  differs from its staged file: {} #{}",
                        original.display(),
                        i + 1
                    );
                }
            }
        }
        docs_total += docs.len();
    }
    (docs_total, compared, agreed)
}

/// Rows or objects in an original, counted independently of the readers: lines that open a
/// `cables.csv` row (`"12","1/2/1972 …`), non-empty JSON lines, JSON-P items.
fn expected_records(path: &Path, format: &str) -> usize {
    let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
    if format == "csv" {
        return text
            .lines()
            .filter(|l| {
                let rest = l.strip_prefix('"').unwrap_or("");
                let digits = rest.chars().take_while(char::is_ascii_digit).count();
                digits > 0 && rest[digits..].starts_with("\",\"")
            })
            .count();
    }
    if let Some(open) = text.find("({") {
        let inner = text[open + 1..]
            .trim_end()
            .trim_end_matches(';')
            .trim_end_matches(')');
        let value: serde_json::Value = serde_json::from_str(inner).unwrap();
        return value["items"].as_array().unwrap().len();
    }
    text.lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn csv_originals_give_one_doc_per_row() {
    let (docs, compared, agreed) = check_originals("csv");
    println!("csv: {docs} rows, {compared} compared with their staged text files, {agreed} equal");
    assert!(docs >= 30);
    assert!(compared >= 20);
    assert_eq!(agreed, compared);
}

#[test]
fn json_originals_give_one_doc_per_object() {
    let (docs, compared, agreed) = check_originals("json");
    println!(
        "json: {docs} objects, {compared} compared with their staged text files, {agreed} equal"
    );
    assert!(docs >= 400);
    assert!(compared >= 100);
    assert_eq!(agreed, compared);
}

#[test]
fn detection_agrees_with_the_manifest() {
    let expect = [
        ("html", Container::Html),
        ("csv", Container::Csv),
        ("json", Container::Json),
    ];
    for (format, container) in expect {
        for path in manifest_files(format) {
            let head = fs::read(&path).unwrap();
            let head = &head[..head.len().min(cablegram::source::DETECT_HEAD_BYTES)];
            assert_eq!(
                cablegram::source::detect(Some(&path), head),
                container,
                "{}",
                path.display()
            );
        }
    }
}
