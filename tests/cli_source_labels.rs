//! No machine paths in published outputs: a cable's source is recorded relative to the input
//! argument it was found under (a relative argument as given, an absolute one by its last
//! component), or as `--source-label` names it.

mod common;

use common::validators::crate_root;
use std::path::PathBuf;
use std::process::Command;

/// A small folder of the real corpus (text files and a CSV), as a path relative to the crate
/// root (`../shared/corpus/…`), as the tests run from there.
const DIR: &str = "../shared/corpus/GavinMendelGleason__mapper";

/// Runs `cablegram convert --quiet ARGS` in the crate root; returns standard output.
fn convert(args: &[&std::ffi::OsStr]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .current_dir(crate_root())
        .args(["convert", "--quiet"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Every output of `format` for the inputs `args`, one string per output file (`--out-dir`)
/// and the whole as one document (`-o`).
fn outputs(format: &str, args: &[&std::ffi::OsStr]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let one = dir.path().join("one");
    let mut common_args: Vec<&std::ffi::OsStr> = vec!["--to".as_ref(), format.as_ref()];
    common_args.extend_from_slice(args);
    convert(
        &[
            &common_args[..],
            &["--out-dir".as_ref(), out_dir.as_os_str()],
        ]
        .concat(),
    );
    convert(&[&common_args[..], &["-o".as_ref(), one.as_os_str()]].concat());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.push(one);
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(texts.len() >= 3, "{format}: too few outputs: {files:?}");
    texts
}

/// The recorded source paths of an output: TEI `idno type="path"`, HTML's Source row.
fn recorded(format: &str, text: &str) -> Vec<String> {
    let (open, close) = match format {
        "tei" => ("<idno type=\"path\">", "</idno>"),
        _ => ("<dt>Source</dt>", "</dd>"),
    };
    text.split(open)
        .skip(1)
        .map(|rest| {
            let value = &rest[..rest.find(close).unwrap()];
            let value = value.rsplit("<dd>").next().unwrap();
            // HTML adds the container in parentheses.
            value
                .rsplit_once(" (")
                .map_or(value, |(p, _)| p)
                .to_string()
        })
        .collect()
}

/// Fails when `text` holds an absolute path of this machine (the crate's or the corpus's).
fn assert_no_machine_path(format: &str, text: &str) {
    let corpus = std::fs::canonicalize(crate_root().join(DIR)).unwrap();
    let roots = [
        crate_root().display().to_string(),
        corpus.display().to_string(),
        corpus.parent().unwrap().display().to_string(),
    ];
    for root in roots {
        assert!(!text.contains(&root), "{format}: {root} in the output");
    }
}

#[test]
fn relative_and_absolute_inputs_record_no_machine_path() {
    let absolute = std::fs::canonicalize(crate_root().join(DIR)).unwrap();
    for format in ["html", "tei"] {
        let relative = outputs(format, &[DIR.as_ref()]);
        for text in &relative {
            assert_no_machine_path(format, text);
            for path in recorded(format, text) {
                assert!(path.starts_with(&format!("{DIR}/")), "{format}: {path}");
            }
        }
        let from_absolute = outputs(format, &[absolute.as_os_str()]);
        for text in &from_absolute {
            assert_no_machine_path(format, text);
            let paths = recorded(format, text);
            assert!(!paths.is_empty(), "{format}: no source recorded");
            for path in paths {
                assert!(
                    path.starts_with("GavinMendelGleason__mapper/"),
                    "{format}: {path}"
                );
            }
        }
    }
}

#[test]
fn an_absolute_file_is_recorded_by_its_name() {
    let file = std::fs::canonicalize(crate_root().join(DIR).join("72TEHRAN1164.txt")).unwrap();
    for format in ["html", "tei"] {
        let out = convert(&["--to".as_ref(), format.as_ref(), file.as_os_str()]);
        assert_no_machine_path(format, &out);
        assert_eq!(recorded(format, &out), ["72TEHRAN1164.txt"], "{format}");
    }
    // A relative file argument is recorded as given.
    let given = format!("{DIR}/72TEHRAN1164.txt");
    let out = convert(&["--to".as_ref(), "tei".as_ref(), given.as_ref()]);
    assert_eq!(recorded("tei", &out), [given]);
}

#[test]
fn source_label_names_the_input() {
    let file = std::fs::canonicalize(crate_root().join(DIR).join("72TEHRAN1164.txt")).unwrap();
    let label = "Cablegate <72TEHRAN1164>";
    for format in ["html", "tei"] {
        let out = convert(&[
            "--to".as_ref(),
            format.as_ref(),
            "--source-label".as_ref(),
            label.as_ref(),
            file.as_os_str(),
        ]);
        assert_no_machine_path(format, &out);
        assert_eq!(
            recorded(format, &out),
            ["Cablegate &lt;72TEHRAN1164&gt;"],
            "{format}"
        );
    }
    // For a folder, the label stands for the folder: each file's path inside follows it.
    let texts = outputs(
        "tei",
        &["--source-label".as_ref(), "mapper".as_ref(), DIR.as_ref()],
    );
    let paths: Vec<String> = texts.iter().flat_map(|t| recorded("tei", t)).collect();
    assert!(
        paths.contains(&"mapper/72TEHRAN1164.txt".to_string()),
        "{paths:?}"
    );
    assert!(paths.iter().all(|p| p.starts_with("mapper/")), "{paths:?}");
    // Standard input too.
    let text = std::fs::read(crate_root().join(DIR).join("72TEHRAN1164.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args([
            "convert",
            "--quiet",
            "--to",
            "tei",
            "--source-label",
            "pasted",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(
        recorded("tei", &String::from_utf8(output.stdout).unwrap()),
        ["pasted"]
    );
}

#[test]
fn markdown_front_matter_records_the_label_too() {
    let absolute = std::fs::canonicalize(crate_root().join(DIR)).unwrap();
    for text in outputs("markdown", &[absolute.as_os_str()]) {
        assert_no_machine_path("markdown", &text);
    }
}
