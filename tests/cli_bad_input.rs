//! Bad input through the binary: empty, blank, binary, invalid UTF-8, a BOM, CRLF, a missing
//! file, an unreadable entry, and inputs over the size limit. Every one gives a clear message
//! naming the file, never a panic; a directory with bad files among good ones converts every good
//! cable, reports every bad one and exits 1.

#[path = "hardening_support/check.rs"]
mod check;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cablegram(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn golden(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("golden")
            .join(name),
    )
    .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// No panic: the release build aborts on a panic (killed by SIGABRT; with unwinding it would exit
/// with 101), and either way says "panicked".
fn assert_no_panic(out: &Output) {
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), None, "{}", stderr(out));
    assert_ne!(out.status.code(), Some(101), "{}", stderr(out));
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

struct Mixed {
    _dir: tempfile::TempDir,
    input: PathBuf,
    out: PathBuf,
    missing: PathBuf,
}

/// Good cables (one plain, one with a BOM, one CRLF, one Windows-1252) among bad files.
fn mixed_directory() -> Mixed {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a-good.txt"),
        golden("04-unclas-sipdis-sensitive.txt"),
    )
    .unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(golden("05-tags-no-colon-commas.txt"));
    fs::write(input.join("b-bom.txt"), bom).unwrap();
    fs::write(input.join("c-crlf.txt"), golden("30-crlf.txt")).unwrap();
    fs::write(input.join("d-latin1.txt"), golden("31-latin1-pilcrow.txt")).unwrap();
    fs::write(input.join("e-empty.txt"), b"").unwrap();
    fs::write(input.join("f-blank.txt"), b"  \n\t\n\r\n").unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend([0u8; 200]);
    fs::write(input.join("g-binary.txt"), png).unwrap();
    std::os::unix::fs::symlink(input.join("nowhere.txt"), input.join("h-dangling.txt")).unwrap();
    fs::write(input.join("i-bad.json"), b"{\"body\": \"UNCLAS").unwrap();
    Mixed {
        out: dir.path().join("out"),
        missing: dir.path().join("missing.txt"),
        _dir: dir,
        input,
    }
}

const BAD: &[&str] = &[
    "e-empty.txt",
    "f-blank.txt",
    "g-binary.txt",
    "h-dangling.txt",
    "i-bad.json",
    "missing.txt",
];

#[test]
fn a_directory_with_bad_files_converts_every_good_cable_and_exits_1() {
    for format in ["html", "tei"] {
        let m = mixed_directory();
        let out = cablegram(&[
            "convert",
            "--to",
            format,
            "--out-dir",
            m.out.to_str().unwrap(),
            m.input.to_str().unwrap(),
            m.missing.to_str().unwrap(),
        ]);
        assert_no_panic(&out);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        for bad in BAD {
            assert!(
                err.lines()
                    .any(|l| l.starts_with("error:") && l.contains(bad)),
                "{bad} not reported:\n{err}"
            );
        }
        assert!(err.contains("converted 4 cables"), "{err}");
        let written = files_in(&m.out);
        assert_eq!(written.len(), 4, "{written:?}");
        for name in written {
            assert!(!name.starts_with('.') && !name.ends_with(".part"), "{name}");
            let text = fs::read_to_string(m.out.join(&name)).unwrap();
            match format {
                "html" => check::html(&text, false),
                _ => check::tei(&text),
            }
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

#[test]
fn validate_and_stats_report_every_bad_file_too() {
    let m = mixed_directory();
    let out = cablegram(&[
        "validate",
        m.input.to_str().unwrap(),
        m.missing.to_str().unwrap(),
    ]);
    assert_no_panic(&out);
    // 2: some inputs could not be read at all (I/O errors), as the README says.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let all = stderr(&out) + &String::from_utf8_lossy(&out.stdout);
    for bad in BAD {
        assert!(all.contains(bad), "validate: {bad} not reported:\n{all}");
    }
    // stats reads past the unreadable files, naming each (empty cables are counted, not errors).
    let out = cablegram(&[
        "stats",
        m.input.to_str().unwrap(),
        m.missing.to_str().unwrap(),
    ]);
    assert_no_panic(&out);
    for bad in &BAD[2..] {
        assert!(
            stderr(&out).contains(bad),
            "stats: {bad} not reported:\n{}",
            stderr(&out)
        );
    }
}

#[test]
fn each_bad_file_alone_gives_a_message_naming_it() {
    let m = mixed_directory();
    for bad in BAD {
        let path = if *bad == "missing.txt" {
            m.missing.clone()
        } else {
            m.input.join(bad)
        };
        for args in [
            vec!["convert", "--to", "tei"],
            vec!["convert", "--to", "html", "-o"],
            vec!["validate"],
        ] {
            let mut args: Vec<String> = args.into_iter().map(String::from).collect();
            if args.last().is_some_and(|a| a == "-o") {
                args.push(m.out.with_extension("html").display().to_string());
            }
            args.push(path.display().to_string());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = cablegram(&args);
            assert_no_panic(&out);
            assert_ne!(out.status.code(), Some(0), "{args:?}");
            // validate writes its diagnostics to standard output, errors to standard error.
            let said = stderr(&out) + &String::from_utf8_lossy(&out.stdout);
            assert!(said.contains(bad), "{args:?}: {said}");
            assert!(out.stdout.is_empty() || args[0] == "validate", "{args:?}");
        }
    }
}

#[test]
fn crlf_bom_and_windows_1252_read_as_the_plain_cable() {
    // The same cable as LF UTF-8, as CRLF, with a BOM, and as Windows-1252: one reading.
    let dir = tempfile::tempdir().unwrap();
    let lf = String::from_utf8(golden("04-unclas-sipdis-sensitive.txt")).unwrap();
    let lf = lf.replace("\r\n", "\n");
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("lf.txt", lf.clone().into_bytes()),
        ("crlf.txt", lf.replace('\n', "\r\n").into_bytes()),
        (
            "bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), lf.as_bytes()].concat(),
        ),
        (
            "cp1252.txt",
            encoding_rs::WINDOWS_1252
                .encode(&lf.replace("SENSITIVE", "SENSITIVE ¶"))
                .0
                .into_owned(),
        ),
    ];
    let mut readings = Vec::new();
    for (name, bytes) in &variants {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = cablegram(&["convert", "--to", "json", path.to_str().unwrap()]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        value.as_object_mut().unwrap().remove("source");
        strip_spans(&mut value);
        readings.push((name, value));
    }
    let (_, first) = &readings[0];
    for (name, reading) in &readings[1..3] {
        assert_eq!(reading, first, "{name} reads differently from lf.txt");
    }
    let subject = &readings[3].1["subject"];
    assert_eq!(subject, &first["subject"], "cp1252.txt");
}

/// Removes byte spans, which differ between CRLF and LF.
fn strip_spans(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("span");
            map.values_mut().for_each(strip_spans);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

#[test]
fn an_input_over_the_size_limit_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let limit = cablegram::source::MAX_DOC_BYTES;
    let file = fs::File::create(&path).unwrap();
    // Sparse: no disk used.
    file.set_len(limit + 1).unwrap();
    drop(file);
    let start = std::time::Instant::now();
    let out = cablegram(&["convert", "--to", "json", path.to_str().unwrap()]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("huge.txt") && err.contains("larger than the limit"),
        "{err}"
    );
    assert!(
        start.elapsed().as_secs() < 5,
        "refusing took {:?}",
        start.elapsed()
    );
}

#[test]
fn standard_input_that_is_bad_is_named_stdin() {
    use std::io::Write;
    for bytes in [&b""[..], b"\0\0\0\x01\x02binary\0\0"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cablegram"))
            .args(["convert", "--to", "tei", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("<stdin>"), "{}", stderr(&out));
    }
}
