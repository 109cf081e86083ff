//! What `convert` says on standard error about what a format could not carry: one line per kind
//! of loss at the end, with the number of cables; `--verbose` a line per cable as well; nothing
//! with `--quiet`; standard output untouched.

mod common;

use common::golden;
use std::path::PathBuf;
use std::process::{Command, Output};

fn convert(args: &[&str]) -> Output {
    golden::at_crate_root();
    let inputs: Vec<PathBuf> = golden::files()
        .into_iter()
        .filter(|n| n.ends_with(".txt"))
        .map(|n| golden::path(&n))
        .collect();
    Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .arg("convert")
        .args(args)
        .args(&inputs)
        .output()
        .unwrap()
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn one_summary_line_per_kind_of_loss_instead_of_a_note_per_cable() {
    let out = convert(&["--to", "markdown"]);
    assert!(out.status.success());
    let err = lines(&out.stderr);
    let notes: Vec<&String> = err.iter().filter(|l| l.starts_with("note:")).collect();
    let diagnostics: Vec<&&String> = notes
        .iter()
        .filter(|l| l.contains("diagnostics that Markdown cannot hold; use --to tei or validate"))
        .collect();
    assert_eq!(diagnostics.len(), 1, "{err:#?}");
    let n: u64 = diagnostics[0]
        .trim_start_matches("note: ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 1, "{err:#?}");
    assert!(diagnostics[0].contains(&format!("{n} cables carry")));
    assert!(
        notes.iter().all(|l| l.ends_with("(--verbose lists them)")),
        "{err:#?}"
    );
    // No line names a cable.
    assert!(!notes.iter().any(|l| l.contains("golden/")), "{err:#?}");
    assert!(err.iter().any(|l| l.starts_with("converted ")), "{err:#?}");

    // --verbose: the per-cable lines too, as many with diagnostics as the summary counts.
    let verbose = convert(&["--to", "markdown", "--verbose"]);
    assert_eq!(verbose.stdout, out.stdout, "stdout is the same either way");
    let err = lines(&verbose.stderr);
    let per_cable = err
        .iter()
        .filter(|l| {
            l.starts_with("note: golden/") && l.contains("parser diagnostic(s) not written")
        })
        .count() as u64;
    assert_eq!(per_cable, n, "{err:#?}");
    assert!(err
        .iter()
        .any(|l| l.contains("diagnostics that Markdown cannot hold") && !l.contains("--verbose")));

    // --quiet: nothing at all.
    let quiet = convert(&["--to", "markdown", "--quiet"]);
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    assert_eq!(quiet.stdout, out.stdout);
}

#[test]
fn the_wording_follows_the_format() {
    let html = lines(&convert(&["--to", "html"]).stderr);
    assert!(
        html.iter()
            .any(|l| l.contains("diagnostics that HTML cannot hold")),
        "{html:#?}"
    );
    // HTML marks summaries and comments; Markdown does not.
    assert!(
        !html.iter().any(|l| l.contains("summary or comment")),
        "{html:#?}"
    );
    let md = lines(&convert(&["--to", "markdown"]).stderr);
    assert!(
        md.iter()
            .any(|l| l.contains("summary or comment paragraphs that Markdown does not mark")),
        "{md:#?}"
    );
    // TEI and JSON carry everything: no note.
    for format in ["tei", "json", "csv"] {
        let err = lines(&convert(&["--to", format]).stderr);
        assert!(
            !err.iter().any(|l| l.starts_with("note:")),
            "{format}: {err:#?}"
        );
    }
}

#[test]
fn the_example_says_what_its_format_cannot_carry() {
    let out = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(["convert", "--example", "--to", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("KAZAKHSTANI MFA"), "{md}");
    assert!(md.contains("ASQUINO"), "{md}");
    let err = lines(&out.stderr);
    assert_eq!(
        err,
        [
            "note: 1 cable carries diagnostics that Markdown cannot hold; use --to tei or validate",
            "note: 1 cable has summary or comment paragraphs that Markdown does not mark; --to tei \
             or --to html marks them",
        ]
    );
}
