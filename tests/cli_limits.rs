//! Big inputs through the binary, with their time and peak memory measured (the figures are
//! printed with `--nocapture`): a 5 MB single line, 100,000 REF lines, a 50 MB cable, and a
//! pathological line of glued header fields that makes the grammar backtrack. Each ends within its
//! bound, in success or in a clear error naming the file (see README, "Limits").

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const HEADER: &str = "UNCLAS SECTION 01 OF 02 STATE 000123\n\nSIPDIS\n\nE.O. 12958: N/A\n\
                      TAGS: PREL PGOV\nSUBJECT: A TEST CABLE\n\n";

/// Words of ordinary cable prose, `n` bytes of them, on one line.
fn prose(n: usize) -> String {
    let words = [
        "the",
        "minister",
        "said",
        "that",
        "embassy",
        "officials",
        "would",
        "meet",
        "again",
        "next",
        "week",
        "to",
        "discuss",
        "(C)",
    ];
    let mut s = String::with_capacity(n + 16);
    let mut i = 0usize;
    while s.len() < n {
        s.push_str(words[(i * 7 + i / 3) % words.len()]);
        s.push(' ');
        i += 1;
    }
    s
}

struct Run {
    code: Option<i32>,
    stderr: String,
    took: Duration,
    max_rss_mb: u64,
}

/// Runs the binary, measuring wall time and peak resident memory (getrusage of the child).
fn run(args: &[&str]) -> Run {
    let start = Instant::now();
    // Reaped with wait4 below, which also gives its resource usage.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).unwrap();
        s
    });
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; status and usage are valid for writing.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let took = start.elapsed();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run {
        code,
        stderr: reader.join().unwrap(),
        took,
        max_rss_mb: usage.ru_maxrss as u64 / 1024,
    }
}

/// Time and memory bounds for a release build; a debug build is only checked for memory.
fn assert_bounded(what: &str, r: &Run, seconds: u64, megabytes: u64) {
    eprintln!(
        "{what}: exit {:?} in {:.2?}, peak {} MB",
        r.code, r.took, r.max_rss_mb
    );
    // A panic aborts the release build (no exit code: killed by SIGABRT); with unwinding it
    // would exit with 101.
    assert!(r.code.is_some(), "{what} was killed: {}", r.stderr);
    assert_ne!(r.code, Some(101), "{what} panicked: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{what}: {}", r.stderr);
    if !cfg!(debug_assertions) {
        assert!(
            r.took < Duration::from_secs(seconds),
            "{what} took {:?}",
            r.took
        );
    }
    assert!(r.max_rss_mb < megabytes, "{what} used {} MB", r.max_rss_mb);
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_5_mb_single_line_converts_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{HEADER}1. (U) {}\n\nSMITH\n", prose(5 * 1024 * 1024));
    let path = write(dir.path(), "line.txt", &text);
    for format in ["tei", "html"] {
        let r = run(&["convert", "-q", "--to", format, &path]);
        assert_bounded(&format!("5 MB line to {format}"), &r, 10, 300);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
    }
}

#[test]
fn a_hundred_thousand_ref_lines_convert_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let refs: String = (0..100_000)
        .map(|i| format!("{}. STATE {i:06}\n", (b'A' + (i % 26) as u8) as char))
        .collect();
    let text = HEADER.replace(
        "SUBJECT: A TEST CABLE\n",
        &format!("SUBJECT: A TEST CABLE\n\nREF: {refs}"),
    ) + "1. (U) Text.\n\nSMITH\n";
    let path = write(dir.path(), "refs.txt", &text);
    let r = run(&["convert", "-q", "--to", "tei", &path]);
    assert_bounded("100,000 REF lines to tei", &r, 10, 300);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn a_50_mb_cable_is_refused_quickly_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = format!("{}\n\n", prose(560));
    let mut text = String::from(HEADER);
    let mut n = 1;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&format!("{n}. (U) "));
        text.push_str(&paragraph);
        n += 1;
    }
    let path = write(dir.path(), "big.txt", &text);
    drop(text);
    let r = run(&["convert", "--to", "tei", &path]);
    assert_bounded("50 MB cable to tei", &r, 10, 400);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("big.txt")
            && r.stderr.contains(&format!(
                "{} bytes a cable may have",
                cablegram::parser::MAX_CABLE_BYTES
            )),
        "{}",
        r.stderr
    );
    let r = run(&["validate", &path]);
    assert_bounded("50 MB cable, validate", &r, 10, 400);
    assert_eq!(r.code, Some(1));
}

#[test]
fn a_cable_just_under_the_limit_parses_whole() {
    // Ordinary text up to the size limit must fit within the grammar's call limit: the size limit
    // is the one a user meets, never the call limit.
    let dir = tempfile::tempdir().unwrap();
    let paragraph = format!("{}\n\n", prose(560));
    let mut text = String::from(HEADER);
    let mut n = 1;
    let limit = cablegram::parser::MAX_CABLE_BYTES - 2000;
    while text.len() + paragraph.len() + 20 < limit {
        text.push_str(&format!("{n}. (U) "));
        text.push_str(&paragraph);
        n += 1;
    }
    let path = write(dir.path(), "just-under.txt", &text);
    let r = run(&["validate", "--format", "json", &path]);
    assert_bounded("16 MiB cable, validate", &r, 10, 400);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn glued_header_fields_are_read_once_each() {
    // `SUBJECT: X ` thousands of times on one line. The grammar's lookaheads read only the next
    // field's keyword, never the whole field (which used to read every following field again:
    // work growing with the square of the number of fields, stopped by the call limit after
    // about 3 s at 2,000 fields). Now each field is read once: every one is a header field of
    // its own, in milliseconds, and validation finds no error.
    let dir = tempfile::tempdir().unwrap();
    for fields in [2000, 20_000] {
        let text = format!(
            "UNCLAS STATE 000001 {}\n\n\nX\n",
            "SUBJECT: X ".repeat(fields)
        );
        let cable = cablegram::parse(&text);
        let subjects = cable
            .header
            .iter()
            .filter(|item| item.kind == cablegram::model::HeaderKind::Subject)
            .count();
        assert_eq!(subjects, fields);
        assert!(cable
            .diagnostics
            .iter()
            .all(|d| d.code != cablegram::diagnostics::Code::Unreadable));
        let path = write(dir.path(), "glued.txt", &text);
        let r = run(&["convert", "-q", "--to", "html", &path]);
        assert_bounded(
            &format!("{fields} glued SUBJECT fields to html"),
            &r,
            2,
            200,
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let r = run(&["validate", &path]);
        assert_eq!(r.code, Some(0), "no error, only warnings: {}", r.stderr);
    }
}
