//! Every cable of the real corpus (`../shared/corpus`) through every converter of the registry:
//!
//! * every cable renders in every format without error (and the JSON is JSON);
//! * TEI: all files valid against `tei_all.rng` (jing, a few hundred files per call, calls in
//!   parallel); the title is the subject, every TAGS entry a `<term>`, every paragraph number an
//!   `n` attribute of a `<p>` (read with quick-xml);
//! * HTML: all pages through the Nu HTML Checker in one call, no error;
//! * Markdown: rendered with pulldown-cmark (GFM-style extensions on), no raw HTML, no link or
//!   image;
//! * words (runs of letters and digits, as `tests/corpus.rs`) of the cable text that a reader of
//!   each format sees: Markdown's rendered text, TEI's `<text>`, HTML's `<body>`; at least 99.9%
//!   kept in each. (HTML's `<body>` also holds the metadata list and Markdown the subject as
//!   title, which repeat words of the header; TEI's `<text>` is the cable text alone, so its
//!   figure is the strictest. Words glued together in the input, as `IRSUBJECT` in flattened
//!   dumps, count as missing everywhere.)
//!
//! The figures are printed: `cargo test --profile ci --test converters_corpus -- --nocapture`.

mod common;

use cablegram::batch::{self, Input, Settings};
use cablegram::converters::{Options, Registry};
use cablegram::model::Cable;
use cablegram::source::SourceDoc;
use common::outputs::{parse_xml, render_markdown, which_words_missing, Select};
use common::validators::{java, jing, require, tei_rng, vnu_jar};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))
}

/// How many TEI files one jing call validates.
const JING_BATCH: usize = 500;

/// The formats whose words are counted, in the order of [`Checked::missing`].
const WORD_FORMATS: [&str; 3] = ["markdown", "tei", "html"];

/// One cable, checked in every format.
struct Checked {
    name: String,
    tei: Option<String>,
    html: Option<String>,
    /// Input words, and words missing from each of [`WORD_FORMATS`].
    words: usize,
    missing: [usize; 3],
    /// The missing words of each format.
    missing_words: [Vec<(String, usize)>; 3],
    raw_html: Vec<String>,
    links: Vec<String>,
    /// Render errors and failed TEI checks.
    errors: Vec<String>,
}

/// Characters XML 1.0 cannot carry, as the TEI writer replaces them.
fn as_xml_text(s: &str) -> String {
    common::without_controls(s).replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")
}

fn check_tei(cable: &Cable, tei: &str, errors: &mut Vec<String>) -> Option<String> {
    let selects = [
        Select {
            name: "title",
            attribute: Some(("type", "main")),
            on_parent: false,
        },
        Select {
            name: "term",
            attribute: Some(("scheme", "#tags")),
            on_parent: true,
        },
    ];
    let parsed = match parse_xml(tei, Some("text"), &selects) {
        Ok(parsed) => parsed,
        Err(e) => {
            errors.push(format!("TEI is not well-formed: {e}"));
            return None;
        }
    };
    if let Some(subject) = cable.subject.as_deref().filter(|s| !s.trim().is_empty()) {
        let titles = &parsed.selected[0];
        if titles.len() != 1 || titles[0] != as_xml_text(subject) {
            errors.push(format!(
                "TEI title {titles:?} is not the subject {subject:?}"
            ));
        }
    }
    let terms: BTreeSet<&str> = parsed.selected[1].iter().map(String::as_str).collect();
    for tag in &cable.tags {
        if !terms.contains(as_xml_text(tag).as_str()) {
            errors.push(format!("TAGS entry {tag:?} is not a <term> ({terms:?})"));
        }
    }
    let ns = parsed.n_attributes.get("p");
    for n in cable.paragraphs.iter().filter_map(|p| p.number) {
        if !ns.is_some_and(|ns| ns.contains(&n.to_string())) {
            errors.push(format!("paragraph {n} has no <p n=\"{n}\">"));
        }
    }
    Some(parsed.text)
}

fn check(registry: &Registry, doc: SourceDoc) -> Checked {
    let text = doc.text.clone();
    // The path within the corpus, and the record's index in a multi-cable file.
    let corpus = corpus_dir().display().to_string();
    let name = match (&doc.source.path, doc.source.index) {
        (Some(path), index) => {
            let path = path.strip_prefix(&corpus).unwrap_or(path);
            let path = path.trim_start_matches('/');
            match index {
                Some(i) => format!("{path}#{i}"),
                None => path.to_string(),
            }
        }
        (None, _) => "?".to_string(),
    };
    let cable = batch::parse_doc(doc);
    let mut c = Checked {
        name,
        tei: None,
        html: None,
        words: 0,
        missing: [0; 3],
        missing_words: Default::default(),
        raw_html: Vec::new(),
        links: Vec::new(),
        errors: Vec::new(),
    };
    let mut kept: [Option<String>; 3] = [None, None, None];
    for converter in registry.iter() {
        let mut out = Vec::new();
        if let Err(e) = converter.write(&cable, &Options::default(), &mut out) {
            c.errors.push(format!("{}: {e}", converter.name()));
            continue;
        }
        let out = match String::from_utf8(out) {
            Ok(out) => out,
            Err(e) => {
                c.errors
                    .push(format!("{}: not UTF-8: {e}", converter.name()));
                continue;
            }
        };
        match converter.name() {
            "json" => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
                    c.errors.push(format!("json: not JSON: {e}"));
                }
            }
            "markdown" => {
                let rendered = render_markdown(&out);
                c.raw_html = rendered.raw_html;
                c.links = rendered.links;
                kept[0] = Some(rendered.text);
            }
            "tei" => {
                kept[1] = check_tei(&cable, &out, &mut c.errors);
                c.tei = Some(out);
            }
            "html" => {
                match parse_xml(&out, Some("body"), &[]) {
                    Ok(parsed) => kept[2] = Some(parsed.text),
                    Err(e) => c.errors.push(format!("html: cannot read the page: {e}")),
                }
                c.html = Some(out);
            }
            _ => {}
        }
    }
    for (i, kept) in kept.iter().enumerate() {
        let (total, missing) = which_words_missing(&text, kept.as_deref().unwrap_or(""));
        c.words = total;
        c.missing[i] = missing.iter().map(|(_, n)| n).sum();
        c.missing_words[i] = missing
            .into_iter()
            .map(|(w, n)| (w.to_string(), n))
            .collect();
    }
    c
}

/// Runs jing over `files` in batches of [`JING_BATCH`], two calls at a time; returns the files
/// with errors and the first error lines.
fn jing_invalid(files: &[PathBuf]) -> (BTreeSet<String>, Vec<String>) {
    let jing = require(jing());
    let rng = require(tei_rng());
    let batches: Vec<&[PathBuf]> = files.chunks(JING_BATCH).collect();
    let outputs: Vec<(bool, String)> = std::thread::scope(|scope| {
        let workers = 2;
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (jing, rng, batches) = (&jing, &rng, &batches);
                scope.spawn(move || {
                    batches
                        .iter()
                        .skip(w)
                        .step_by(workers)
                        .map(|batch| {
                            let output = Command::new(jing)
                                .arg(rng)
                                .args(*batch)
                                .output()
                                .unwrap_or_else(|e| panic!("cannot run {}: {e}", jing.display()));
                            let text = String::from_utf8_lossy(&output.stdout).into_owned()
                                + &String::from_utf8_lossy(&output.stderr);
                            (output.status.success(), text)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("jing thread"))
            .collect()
    });
    let mut invalid = BTreeSet::new();
    let mut lines = Vec::new();
    for (ok, text) in &outputs {
        let mut errors_here = 0;
        for line in text.lines().filter(|l| l.contains(": error:")) {
            errors_here += 1;
            if let Some(file) = line.split(':').next() {
                invalid.insert(file.to_string());
            }
            if lines.len() < 20 {
                lines.push(line.to_string());
            }
        }
        assert!(
            *ok || errors_here > 0,
            "jing failed without naming a file:\n{text}"
        );
    }
    (invalid, lines)
}

/// Runs the Nu HTML Checker once over every page of `dir`; returns the error messages.
fn vnu_errors(dir: &Path) -> Vec<String> {
    let java = require(java());
    let jar = require(vnu_jar());
    let output = Command::new(&java)
        .arg("-Xss16m")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} -jar {}: {e}", java.display(), jar.display()));
    let report = String::from_utf8_lossy(&output.stderr);
    let json: serde_json::Value = serde_json::from_str(report.trim()).unwrap_or_else(|e| {
        panic!(
            "vnu gave no JSON report ({e}):\n{report}{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let messages = json["messages"].as_array().expect("vnu messages");
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m["type"] != "info")
        .map(|m| {
            format!(
                "{}:{}: {}",
                m["url"].as_str().unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    assert!(
        output.status.success() || !errors.is_empty(),
        "vnu failed without a message:\n{report}"
    );
    errors
}

fn pct(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

#[test]
fn every_corpus_cable_in_every_format() {
    let start = Instant::now();
    let dir = corpus_dir();
    assert!(dir.is_dir(), "the corpus is expected at {}", dir.display());
    let registry = Registry::with_builtins();
    let out = tempfile::tempdir().expect("temp dir");
    let (tei_dir, html_dir) = (out.path().join("tei"), out.path().join("html"));
    std::fs::create_dir_all(&tei_dir).unwrap();
    std::fs::create_dir_all(&html_dir).unwrap();

    let settings = Settings {
        jobs: 0,
        container: None,
    };
    let stop = AtomicBool::new(false);
    let mut names: Vec<String> = Vec::new();
    let mut tei_files = Vec::new();
    let mut html_files = 0usize;
    let mut unreadable = 0usize;
    let mut words = 0usize;
    let mut missing = [0usize; 3];
    let mut errors: Vec<String> = Vec::new();
    let mut raw_html: Vec<String> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut worst = [
        (0usize, String::new()),
        (0, String::new()),
        (0, String::new()),
    ];
    let mut lost_words: [HashMap<String, usize>; 3] = Default::default();
    let inputs = batch::list_inputs(&[Input::Path(dir)]);
    batch::run(
        inputs,
        &settings,
        &stop,
        |doc| check(&registry, doc),
        |result| {
            let c = match result {
                Ok(c) => c,
                Err(_) => {
                    unreadable += 1;
                    return true;
                }
            };
            let seq = names.len();
            if let Some(tei) = &c.tei {
                let path = tei_dir.join(format!("{seq:05}.xml"));
                std::fs::write(&path, tei).expect("write TEI");
                tei_files.push(path);
            }
            if let Some(html) = &c.html {
                std::fs::write(html_dir.join(format!("{seq:05}.html")), html).expect("write HTML");
                html_files += 1;
            }
            words += c.words;
            for i in 0..3 {
                missing[i] += c.missing[i];
                if c.missing[i] > worst[i].0 {
                    worst[i] = (c.missing[i], c.name.clone());
                }
                for (word, n) in &c.missing_words[i] {
                    *lost_words[i].entry(word.clone()).or_default() += n;
                }
            }
            errors.extend(c.errors.iter().map(|e| format!("{}: {e}", c.name)));
            raw_html.extend(c.raw_html.iter().map(|h| format!("{}: {h:?}", c.name)));
            links.extend(c.links.iter().map(|l| format!("{}: {l}", c.name)));
            names.push(c.name);
            true
        },
    );
    let cables = names.len();
    let rendered = start.elapsed();

    // jing and vnu at the same time: each is mostly one Java thread.
    let (tei_invalid, vnu) = std::thread::scope(|scope| {
        let vnu = scope.spawn(|| vnu_errors(&html_dir));
        let tei = jing_invalid(&tei_files);
        (tei, vnu.join().expect("vnu thread"))
    });
    let (invalid, jing_lines) = tei_invalid;
    let name_of = |file: &str| -> String {
        Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<usize>().ok())
            .and_then(|i| names.get(i).cloned())
            .unwrap_or_else(|| file.to_string())
    };

    println!(
        "{cables} cables ({unreadable} unreadable inputs), rendered in {:.1}s, validated in {:.1}s",
        rendered.as_secs_f64(),
        (start.elapsed() - rendered).as_secs_f64()
    );
    println!("  render errors and TEI checks failed  {}", errors.len());
    println!(
        "  TEI valid (jing, tei_all)          {} of {}, {} invalid",
        tei_files.len() - invalid.len(),
        tei_files.len(),
        invalid.len()
    );
    println!(
        "  HTML pages (Nu HTML Checker)       {html_files}, {} errors",
        vnu.len()
    );
    println!(
        "  Markdown raw HTML / links          {} / {}",
        raw_html.len(),
        links.len()
    );
    for (i, format) in WORD_FORMATS.iter().enumerate() {
        println!(
            "  words kept, {format:<9}             {:.4}% of {words} ({} missing; most in {:?}: {})",
            100.0 - pct(missing[i], words),
            missing[i],
            worst[i].1,
            worst[i].0
        );
        let mut lost: Vec<(&String, &usize)> = lost_words[i].iter().collect();
        lost.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = lost
            .iter()
            .take(12)
            .map(|(w, n)| format!("{w} {n}"))
            .collect();
        println!("      most often missing: {}", top.join(", "));
    }
    for e in errors.iter().take(20) {
        println!("    {e}");
    }
    for f in invalid.iter().take(10) {
        println!("    invalid TEI: {}", name_of(f));
    }
    for l in &jing_lines {
        println!("    {l}");
    }
    for e in vnu.iter().take(20) {
        println!("    {e}");
    }
    for h in raw_html.iter().chain(&links).take(20) {
        println!("    {h}");
    }

    assert!(cables > 3000, "only {cables} cables read");
    assert!(
        errors.is_empty(),
        "{} render errors or failed TEI checks",
        errors.len()
    );
    assert_eq!(tei_files.len(), cables, "a TEI file per cable");
    assert!(invalid.is_empty(), "{} TEI files invalid", invalid.len());
    assert_eq!(html_files, cables, "an HTML page per cable");
    assert!(vnu.is_empty(), "{} Nu HTML Checker errors", vnu.len());
    assert!(
        raw_html.is_empty(),
        "{} raw HTML events in Markdown",
        raw_html.len()
    );
    assert!(
        links.is_empty(),
        "{} links or images in Markdown",
        links.len()
    );
    for (i, format) in WORD_FORMATS.iter().enumerate() {
        assert!(
            100.0 - pct(missing[i], words) >= 99.9,
            "{format}: words kept below 99.9%"
        );
    }
}
