//! The progress display of `convert`: on standard error only when it is a terminal (a pseudo-
//! terminal made by util-linux `script`, when there is one), a bar of files with the total and an
//! ETA when the inputs are listed, rates with thousands separators; standard output is the same
//! bytes with or without it.

mod common;

use common::golden;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cablegram")
}

/// No terminal, no progress: standard error holds lines only (no carriage return, no escape).
#[test]
fn no_progress_when_standard_error_is_not_a_terminal() {
    golden::at_crate_root();
    let out = Command::new(bin())
        .args(["convert", "--to", "json", "golden"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert!(!err.contains("cables/s"), "{err}");
}

/// Runs `command` under `script` (a pseudo-terminal on standard error); returns what the terminal
/// showed, or `None` when util-linux `script` is not there.
fn on_a_terminal(command: &str, dir: &Path) -> Option<String> {
    let transcript = dir.join("transcript");
    let status = Command::new("script")
        .args(["-q", "-e", "-c", command])
        .arg(&transcript)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let bytes = std::fs::read(&transcript).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

#[test]
fn a_bar_with_the_total_on_a_terminal_and_the_same_output() {
    golden::at_crate_root();
    let dir = tempfile::tempdir().unwrap();
    let piped = Command::new(bin())
        .args(["convert", "--quiet", "--to", "csv", "golden"])
        .output()
        .unwrap();
    let out: PathBuf = dir.path().join("out.csv");
    let command = format!("{} convert -j 1 --to csv golden > {}", bin(), out.display());
    let Some(shown) = on_a_terminal(&command, dir.path()) else {
        eprintln!("skipped: no util-linux `script` to make a terminal");
        return;
    };
    assert_eq!(
        std::fs::read(&out).unwrap(),
        piped.stdout,
        "stdout untouched"
    );
    let files = golden::files().len();
    assert!(
        shown.contains(&format!("/{files} files")),
        "the bar shows the total: {shown:?}"
    );
    assert!(shown.contains("cables/s"), "{shown:?}");
    assert!(shown.contains("ETA"), "{shown:?}");
    assert!(
        shown.contains(&format!("converted {files} cables")),
        "{shown:?}"
    );
}
