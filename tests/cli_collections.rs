//! Several cables to one file (`-o FILE`): one valid document per format, never a concatenation
//! of documents. TEI is a `teiCorpus` (xmllint for well-formedness, jing against TEI All), HTML
//! one page with a table of contents and an `<article>` per cable (the Nu HTML Checker),
//! Markdown one document with a section per cable, JSON stays JSON Lines.

mod common;

use common::validators::{crate_root, java, jing, require, tei_rng, vnu_jar, xmllint};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The text cables of `golden/`, in name order.
fn golden_cables() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(crate_root().join("golden"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Converts `inputs` with `--to format -o out`; returns the output.
fn convert(format: &str, inputs: &[PathBuf], out: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(["convert", "--quiet", "--to", format, "-o"])
        .arg(out)
        .args(inputs)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(out).unwrap()
}

/// Runs a validator; fails with its messages unless it succeeds without any.
fn validate(tool: &Path, args: &[&std::ffi::OsStr]) {
    let output = Command::new(tool).args(args).output().unwrap();
    let messages = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    // jing's launcher warns about optional jars it cannot find; those are not findings.
    let findings: Vec<&str> = messages
        .lines()
        .filter(|l| !l.starts_with("[warning]"))
        .collect();
    assert!(
        output.status.success() && findings.is_empty(),
        "{}:\n{}",
        tool.display(),
        findings.join("\n")
    );
}

#[test]
fn several_cables_to_one_tei_file_make_a_valid_tei_corpus() {
    let inputs = golden_cables();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.xml");
    let xml = convert("tei", &inputs, &out);
    assert_eq!(xml.matches("<?xml").count(), 1);
    assert_eq!(xml.matches("<teiCorpus").count(), 1);
    assert_eq!(xml.matches("<TEI ").count(), inputs.len());
    // The taxonomies are declared once, in the corpus header.
    assert_eq!(xml.matches(r#"xml:id="classification""#).count(), 1);
    validate(&require(xmllint()), &["--noout".as_ref(), out.as_os_str()]);
    validate(
        &require(jing()),
        &[require(tei_rng()).as_os_str(), out.as_os_str()],
    );

    // One cable stays a TEI document of its own.
    let one = convert("tei", &inputs[..1], &out);
    assert!(one.contains("<TEI xmlns=") && !one.contains("teiCorpus"));
}

#[test]
fn several_cables_to_one_html_file_make_one_valid_page() {
    let inputs = golden_cables();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.html");
    let html = convert("html", &inputs, &out);
    assert_eq!(html.matches("<!DOCTYPE").count(), 1);
    assert_eq!(html.matches("<article").count(), inputs.len());
    // The table of contents links every article.
    for n in 1..=inputs.len() {
        assert!(html.contains(&format!(r##"<a href="#cable-{n}">"##)), "{n}");
        assert!(html.contains(&format!(
            r#"<article class="cable" lang="en" id="cable-{n}">"#
        )));
    }
    let jar = require(vnu_jar());
    validate(
        &require(java()),
        &[
            "-jar".as_ref(),
            jar.as_os_str(),
            "--errors-only".as_ref(),
            out.as_os_str(),
        ],
    );
}

#[test]
fn several_cables_to_one_markdown_file_make_one_document() {
    let inputs = golden_cables();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.md");
    let md = convert("markdown", &inputs, &out);
    assert!(md.starts_with("---\ntitle: "));
    assert_eq!(md.matches("\n---\n").count(), 1, "one front matter");
    assert_eq!(md.matches("\n# ").count(), 1, "one title");
    let sections = md.lines().filter(|l| l.starts_with("## ")).count();
    assert_eq!(sections, inputs.len());
    assert_eq!(md.matches("\n```yaml\n").count(), inputs.len());
}

#[test]
fn several_cables_in_json_stay_json_lines() {
    let inputs = golden_cables();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.jsonl");
    let lines = convert("json", &inputs, &out);
    assert_eq!(lines.lines().count(), inputs.len());
    for line in lines.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("one JSON value a line");
    }
}
