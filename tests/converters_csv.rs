//! CSV writer: the table read back with the `csv` crate, cell by cell against the JSON model, on
//! the golden cables and on the real corpus; one header row for several cables; quoting, record
//! ends and the formula guard.

mod common;

use cablegram::converters::csv::{COLUMNS, SEP};
use cablegram::converters::{Options, Registry};
use cablegram::model::{Addressee, Cable, Classification, Level, Reference};
use common::golden;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// The cells a row must hold for a cable in its JSON form (the model as other tools see it),
/// before the writer's changes to unsafe text (see [`as_written`]).
fn expected(json: &Value) -> Vec<String> {
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    let list = |v: &Value| -> String {
        v.as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join(SEP)
            })
            .unwrap_or_default()
    };
    // The CSV gives the names of the sender and the addressees.
    let names = |v: &Value| -> String {
        let names: Vec<Value> = v
            .as_array()
            .map(|items| items.iter().map(|a| a["addressee"].clone()).collect())
            .unwrap_or_default();
        list(&Value::Array(names))
    };
    let class = &json["classification"];
    let references = json["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| match r["label"].as_str() {
            Some(label) => format!("{label}. {}", text(&r["text"])),
            None => text(&r["text"]),
        })
        .collect::<Vec<_>>()
        .join(SEP);
    let source = match (&json["source"]["path"], &json["source"]["index"]) {
        (path, Value::Number(n)) => format!("{}#{n}", text(path)),
        (path, _) => text(path),
    };
    vec![
        text(&json["id"]),
        text(&json["datetime"]),
        text(&json["station"]),
        text(&class["level"]),
        list(&class["caveats"]),
        list(&json["tags"]),
        text(&json["subject"]),
        text(&json["from"]["addressee"]),
        names(&json["to"]),
        names(&json["info"]),
        references,
        list(&json["signers"]),
        source,
    ]
}

/// A cell as the cable has it: one leading apostrophe (the formula guard) removed, and the bidi
/// closers the writer adds set aside.
fn as_written(cell: &str) -> String {
    cell.strip_prefix('\'')
        .unwrap_or(cell)
        .chars()
        .filter(|c| !matches!(c, '\u{202C}' | '\u{2069}'))
        .collect()
}

/// Does a cell that the writer guarded start as it must? Only cells starting with a formula
/// character, or the apostrophe, are guarded; those always are.
fn check_guard(cell: &str, want: &str, what: &str) {
    let starts_formula = want.chars().next().is_some_and(|c| {
        matches!(
            c,
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\'' | '＝' | '＋' | '－' | '＠'
        )
    });
    assert_eq!(
        cell.starts_with('\'') && cell.len() == want.len() + 1 + closers(cell),
        starts_formula,
        "{what}: cell {cell:?} for {want:?}"
    );
}

/// The bytes of the bidi closers in a cell.
fn closers(cell: &str) -> usize {
    cell.chars()
        .filter(|c| matches!(c, '\u{202C}' | '\u{2069}'))
        .map(char::len_utf8)
        .sum()
}

/// Checks every row of `table` against the JSON models, in order.
fn check_table(table: &str, models: &[Value], what: &str) {
    assert!(table.ends_with("\r\n"), "{what}: the last record ends CRLF");
    let mut reader = csv::ReaderBuilder::new().from_reader(table.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, COLUMNS, "{what}: header row");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), models.len(), "{what}: one row per cable");
    for (row, model) in rows.iter().zip(models) {
        let want = expected(model);
        let name = format!("{what}: {}", want[12]);
        assert_eq!(row.len(), COLUMNS.len(), "{name}");
        for ((cell, want), column) in row.iter().zip(&want).zip(COLUMNS) {
            let want = common::without_controls(want);
            assert_eq!(as_written(cell), want, "{name}: column {column}");
            check_guard(cell, &want, &format!("{name}: column {column}"));
        }
    }
}

/// The JSON model of a cable, as the JSON writer writes it.
fn json_of(registry: &Registry, cable: &Cable) -> Value {
    let (json, _) = common::render(registry.get("json").unwrap(), cable, &Options::default());
    serde_json::from_str(&json).unwrap()
}

#[test]
fn every_golden_cable_is_a_header_and_one_row_matching_its_model() {
    let registry = Registry::with_builtins();
    let csv = registry.get("csv").expect("built in");
    assert_eq!(registry.by_extension("csv").map(|c| c.name()), Some("csv"));
    for name in golden::files() {
        let cable = golden::read(&name);
        let (table, report) = common::render(csv, &cable, &Options::default());
        check_table(&table, &[json_of(&registry, &cable)], &name);
        assert!(report.is_lossless(), "{name}: {report:?}");
    }
}

#[test]
fn text_is_quoted_and_formulas_are_guarded() {
    let registry = Registry::with_builtins();
    let cable = Cable {
        id: Some("05ALMATY1938".into()),
        station: Some("ALMATY".into()),
        classification: Some(Classification {
            level: Level::Unclassified,
            text: "UNCLAS".into(),
            caveats: vec!["SIPDIS".into()],
        }),
        subject: Some("=HYPERLINK(\"http://x\",\"click\")".into()),
        from: Some(Addressee::named("a, \"quoted\"\nsecond line")),
        tags: vec!["+PREL".into(), "KZ".into()],
        to: vec![Addressee::named("@SECSTATE")],
        info: vec![Addressee::named("-1")],
        references: vec![Reference {
            label: None,
            text: "'already quoted".into(),
            cited: None,
            cites: None,
        }],
        signers: vec!["\u{1}ASQUINO\u{202E}".into()],
        ..Cable::default()
    };
    let (table, report) = common::render(registry.get("csv").unwrap(), &cable, &Options::default());
    assert_eq!(
        report.lost,
        ["1 character the format cannot carry replaced with U+FFFD"]
    );
    // Quoted where RFC 4180 needs it: the quotes doubled, the line break inside the quotes.
    assert!(
        table.contains(",\"a, \"\"quoted\"\"\nsecond line\","),
        "{table}"
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(table.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    let cell = |column: &str| row.get(COLUMNS.iter().position(|c| *c == column).unwrap());
    assert_eq!(cell("subject"), Some("'=HYPERLINK(\"http://x\",\"click\")"));
    assert_eq!(cell("tags"), Some("'+PREL; KZ"));
    assert_eq!(cell("to"), Some("'@SECSTATE"));
    assert_eq!(cell("info"), Some("'-1"));
    assert_eq!(cell("references"), Some("''already quoted"));
    assert_eq!(cell("signers"), Some("\u{FFFD}ASQUINO\u{202E}\u{202C}"));
    assert_eq!(cell("from"), Some("a, \"quoted\"\nsecond line"));
    assert_eq!(cell("source"), Some(""));
    check_table(&table, &[json_of(&registry, &cable)], "hand-made");
}

#[test]
fn an_empty_cable_is_a_row_of_empty_cells() {
    let registry = Registry::with_builtins();
    let (table, _) = common::render(
        registry.get("csv").unwrap(),
        &Cable::default(),
        &Options::default(),
    );
    assert_eq!(
        table,
        format!("{}\r\n{}\r\n", COLUMNS.join(","), ",".repeat(12))
    );
}

fn cablegram(args: &[&str], inputs: &[PathBuf]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .args(args)
        .args(inputs)
        .output()
        .unwrap()
}

/// The golden text cables, in name order, relative to the crate root.
fn golden_texts() -> Vec<PathBuf> {
    golden::files()
        .into_iter()
        .filter(|n| n.ends_with(".txt"))
        .map(|n| golden::path(&n))
        .collect()
}

/// Several cables to standard output or one file: the header row once, a row per cable, the
/// rows as the JSON Lines of the same run have them.
#[test]
fn several_cables_make_one_table_with_one_header_row() {
    golden::at_crate_root();
    let inputs = golden_texts();
    let jsonl = cablegram(&["convert", "--quiet", "--to", "json"], &inputs);
    assert!(jsonl.status.success());
    let models: Vec<Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(models.len(), inputs.len());
    let stdout = cablegram(&["convert", "--quiet", "--to", "csv"], &inputs);
    assert!(stdout.status.success());
    let table = String::from_utf8(stdout.stdout).unwrap();
    let header = format!("{}\r\n", COLUMNS.join(","));
    assert!(table.starts_with(&header));
    assert_eq!(table.matches(&header).count(), 1, "one header row");
    check_table(&table, &models, "standard output");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cables.csv");
    let written = cablegram(
        &[
            "convert",
            "--quiet",
            "--to",
            "csv",
            "-o",
            file.to_str().unwrap(),
        ],
        &inputs,
    );
    assert!(written.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), table);
    // One cable alone: its header and its row.
    let one = cablegram(&["convert", "--quiet", "--to", "csv"], &inputs[..1]);
    let one = String::from_utf8(one.stdout).unwrap();
    check_table(&one, &models[..1], "one cable");
}

/// The whole corpus: every container (site pages, `cables.csv` rows, JSON dumps) as a table whose
/// rows match the JSON Lines of the same corpus, cell by cell.
#[test]
fn the_corpus_as_a_table_matches_its_json_lines() {
    let corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    if !corpus.exists() {
        eprintln!("skipped: {} is absent", corpus.display());
        return;
    }
    let inputs = [corpus];
    let jsonl = cablegram(&["convert", "--quiet", "--to", "json"], &inputs);
    let models: Vec<Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(models.len() > 1000, "only {} cables", models.len());
    let csv = cablegram(&["convert", "--quiet", "--to", "csv"], &inputs);
    assert_eq!(csv.status.code(), jsonl.status.code());
    let table = String::from_utf8(csv.stdout).unwrap();
    check_table(&table, &models, "corpus");
}
