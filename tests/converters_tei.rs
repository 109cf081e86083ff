//! TEI writer: validity against TEI All (one jing run), no markup from text, nothing lost.

mod common;

use cablegram::converters::tei::Tei;
use cablegram::converters::Options;
use cablegram::model::Cable;
use common::validators::{jing, require, tei_rng};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeSet;
use std::process::Command;

fn tei(cable: &Cable) -> (String, cablegram::converters::Loss) {
    common::render(&Tei, cable, &Options::default())
}

/// The elements the TEI writer uses; any other element would have come from text.
const ELEMENTS: &[&str] = &[
    "TEI",
    "teiHeader",
    "fileDesc",
    "titleStmt",
    "title",
    "author",
    "orgName",
    "publicationStmt",
    "publisher",
    "idno",
    "availability",
    "p",
    "notesStmt",
    "note",
    "sourceDesc",
    "bibl",
    "date",
    "encodingDesc",
    "classDecl",
    "taxonomy",
    "category",
    "catDesc",
    "profileDesc",
    "correspDesc",
    "correspAction",
    "placeName",
    "persName",
    "textClass",
    "catRef",
    "keywords",
    "term",
    "text",
    "body",
    "div",
    "ab",
    "lb",
    "listBibl",
    "head",
    "label",
    "seg",
    "fw",
    "closer",
    "signed",
    "trailer",
];

const ATTRIBUTES: &[&str] = &[
    "xmlns", "xml:lang", "xml:id", "type", "subtype", "n", "when", "role", "scheme", "target",
    "ana",
];

/// Element names, attribute names, and the text with `lb` as line breaks.
fn parse(xml: &str) -> (BTreeSet<String>, BTreeSet<String>, String) {
    let mut reader = Reader::from_str(xml);
    let (mut elements, mut attributes, mut text) =
        (BTreeSet::new(), BTreeSet::new(), String::new());
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "lb" {
                    text.push('\n');
                }
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    attributes.insert(String::from_utf8(a.key.as_ref().to_vec()).unwrap());
                }
                elements.insert(name);
            }
            Event::End(_) => text.push('\n'),
            Event::Text(t) => text.push_str(&t.unescape().expect("known entities")),
            Event::Eof => break,
            Event::Decl(_) => {}
            other => panic!("unexpected event {other:?}"),
        }
    }
    (elements, attributes, text)
}

#[test]
fn every_fixture_is_valid_tei_all() {
    let jing = require(jing());
    let rng = require(tei_rng());
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, cable) in common::all() {
        let path = dir.path().join(format!("{name}.xml"));
        std::fs::write(&path, tei(&cable).0).unwrap();
        files.push(path);
    }
    let output = Command::new(&jing)
        .arg(&rng)
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", jing.display()));
    assert!(
        output.status.success(),
        "jing found errors:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn hostile_text_makes_no_elements_or_attributes() {
    let (xml, _) = tei(&common::hostile());
    let (elements, attributes, _) = parse(&xml);
    let unknown: Vec<_> = elements
        .iter()
        .filter(|e| !ELEMENTS.contains(&e.as_str()))
        .collect();
    assert!(unknown.is_empty(), "elements from text: {unknown:?}");
    let unknown: Vec<_> = attributes
        .iter()
        .filter(|a| !ATTRIBUTES.contains(&a.as_str()))
        .collect();
    assert!(unknown.is_empty(), "attributes from text: {unknown:?}");
    assert!(!xml.contains("<script"));
    assert!(!xml.contains("<![CDATA["));
}

#[test]
fn every_line_of_text_survives() {
    for (name, cable) in common::all() {
        let (xml, _) = tei(&cable);
        let (_, _, text) = parse(&xml);
        for piece in common::texts(&cable) {
            for line in cablegram::escape::lines(&piece) {
                let line =
                    common::without_controls(line).replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}");
                assert!(
                    text.contains(&line),
                    "{name}: line {line:?} missing from TEI"
                );
            }
        }
    }
}

#[test]
fn structure_follows_the_model() {
    let (xml, report) = tei(&common::the_hague_refs());
    assert!(report.is_lossless(), "{report:?}");
    assert!(xml.contains(r#"<idno type="cable">03THEHAGUE2113</idno>"#));
    assert!(xml.contains(
        r#"<title type="main">TERRORIST FINANCE:THE HAGUE - NOTIFICATION OF HAMAS NAMES</title>"#
    ));
    assert!(xml.contains(r#"<head>REF:</head>"#));
    assert!(xml.contains(r#"<bibl n="A"><seg type="label">A.</seg> STATE 242722</bibl>"#));
    assert!(xml.contains(r##"<catRef scheme="#classification" target="#cls-secret"/>"##));
    assert!(xml.contains(r#"<p n="1"><label>¶1.</label> (<seg type="marking">S</seg>) The GONL"#));
    assert!(xml.contains("<closer>\n") || xml.contains("<closer><signed>SOBEL</signed></closer>"));
    assert!(xml.contains(r#"<note type="diagnostic" subtype="warning" n="C0301">"#));
    for tag in &common::the_hague_refs().tags {
        assert!(xml.contains(&format!("<term>{tag}</term>")), "{tag}");
    }

    let (xml, _) = tei(&common::new_delhi_full());
    assert!(xml.contains(r#"<correspAction type="received" subtype="info">"#));
    assert!(xml.contains("<orgName>AMEMBASSY COLOMBO</orgName>"));
    assert!(xml.contains(r#"<date when="2006-07-21T07:22:00Z">2006-07-21T07:22Z</date>"#));
    assert!(xml.contains(r#"<div type="section">"#));
    assert!(xml.contains(r#"<head>Nuclear, Indo-Pak Origins</head>"#));
    assert!(xml.contains(
        r#"told PolOff <fw type="marker">NEW DELHI 00005135  002 OF 008</fw> the NSAB meets"#
    ));
    assert!(xml.contains(r##"<p n="1" ana="#role-summary">"##));
    assert!(xml.contains(
        "<ab type=\"info\">INFO RUEHBJ/AMEMBASSY BEIJING 3078<lb/>RUEHLM/AMEMBASSY COLOMBO 6415"
    ));
}

#[test]
fn forbidden_characters_are_replaced_and_reported() {
    let (xml, report) = tei(&common::hostile());
    assert!(!xml.chars().any(cablegram::escape::is_xml_forbidden));
    assert_eq!(report.lost.len(), 1, "{report:?}");
    assert!(report.lost[0].contains("U+FFFD"), "{report:?}");
    let (_, report) = tei(&common::almaty_partial());
    assert!(report.is_lossless(), "{report:?}");
    let (_, report) = tei(&common::dangling());
    assert_eq!(report.lost, ["body block points to missing paragraph 3"]);
}

#[test]
fn output_is_deterministic() {
    for (name, cable) in common::all() {
        assert_eq!(tei(&cable).0, tei(&cable).0, "{name}");
    }
}

#[test]
fn snapshot_almaty() {
    insta::assert_snapshot!(tei(&common::almaty_partial()).0);
}
