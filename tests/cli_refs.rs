//! `cablegram refs`: every REF item with the cable it cites, as CSV, JSON Lines, GraphML and
//! GEXF (issue 13, item 2). networkx reads the graphs in `python/tests/test_refs_graph.py`.

use std::fs;
use std::path::Path;
use std::process::Command;

fn refs(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_cablegram"))
        .arg("refs")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// Two cables of one collection, the second citing the first and one outside it.
fn collection(dir: &Path) {
    fs::write(
        dir.join("a.txt"),
        "R 101902Z FEB 07\nUNCLAS ANKARA 000100\n\nSUBJECT: FIRST\n\n1. Text.\n",
    )
    .unwrap();
    fs::write(
        dir.join("b.txt"),
        "R 161902Z FEB 07\nC O N F I D E N T I A L ANKARA 000348\n\nSUBJECT: <SECOND> & \"more\"\n\
         REF: A. ANKARA 100 B. 06 SECSTATE 5 C. POLOFF EMAIL OF MARCH 3\n\n1. Text.\n",
    )
    .unwrap();
}

#[test]
fn csv_lists_every_item_and_whether_its_cable_is_an_input() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let (out, err, code) = refs(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["citing", "label", "text", "cited", "cited_in_inputs"]
    );
    let rows: Vec<Vec<String>> = rows
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["07ANKARA348", "A", "ANKARA 100", "07ANKARA100", "true"],
            ["07ANKARA348", "B", "06 SECSTATE 5", "06STATE5", "false"],
            ["07ANKARA348", "C", "POLOFF EMAIL OF MARCH 3", "", "false"],
        ]
    );
    assert!(err.contains("3 references, 2 citing a cable id, 1 of them among the inputs"));
}

#[test]
fn json_lines_have_the_same_edges() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let (out, _, code) = refs(&["-q", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0);
    let edges: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(edges.len(), 3);
    assert_eq!(edges[0]["cited"], "07ANKARA100");
    assert_eq!(edges[0]["cited_in_inputs"], true);
    assert_eq!(edges[2]["cited"], serde_json::Value::Null);
}

#[test]
fn graphs_are_well_formed_with_node_attributes_and_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    for (format, root, edge_count) in [("graphml", "graphml", 2), ("gexf", "gexf", 2)] {
        let (out, _, code) = refs(&["-q", "--format", format, dir.path().to_str().unwrap()]);
        assert_eq!(code, 0);
        let mut reader = quick_xml::Reader::from_str(&out);
        let (mut edges, mut nodes, mut first) = (0, 0, None);
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    first.get_or_insert(name.clone());
                    edges += usize::from(name == "edge");
                    nodes += usize::from(name == "node");
                }
                _ => {}
            }
        }
        assert_eq!(first.as_deref(), Some(root), "{format}");
        assert_eq!((nodes, edges), (3, edge_count), "{format}");
        assert!(out.contains("&lt;SECOND&gt; &amp;"), "{format}: {out}");
        assert!(
            out.contains("CONFIDENTIAL") && out.contains("ANKARA"),
            "{format}"
        );
    }
}

#[test]
fn output_to_a_file_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    collection(dir.path());
    let input = dir.path().join("a.txt");
    let before = fs::read(&input).unwrap();
    let (_, err, code) = refs(&[
        "-q",
        dir.path().to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(!err.is_empty());
    assert_eq!(fs::read(&input).unwrap(), before);
    let target = dir.path().join("out.gexf");
    let (_, err, code) = refs(&[
        "-q",
        "--format",
        "gexf",
        input.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(fs::read_to_string(target).unwrap().starts_with("<?xml"));
}

#[test]
fn the_corpus_resolves_most_references() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/typecode__wikileaks");
    let (out, err, code) = refs(&["-q", corpus.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cited = rows.iter().filter(|r| !r[3].is_empty()).count();
    assert!(rows.len() > 100, "{} references", rows.len());
    assert!(
        cited * 100 >= rows.len() * 80,
        "{cited} of {} cite a cable",
        rows.len()
    );
}
