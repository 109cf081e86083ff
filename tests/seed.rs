//! The user's own cable, `../shared/seed/05ALMATY1938-partial.md`: a partial extract in Markdown
//! form (TAGS as links, hard line breaks). It must come out perfectly.

use cablegram::diagnostics::Code;
use cablegram::model::{Block, FieldSource, HeaderKind, Level, Role, Severity};
use std::path::PathBuf;

fn seed_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/05ALMATY1938-partial.md"
    ))
}

fn seed() -> cablegram::Cable {
    let mut docs = cablegram::source::read_path(&seed_path(), None).expect("the seed is readable");
    let doc = docs.next().expect("one cable").expect("readable");
    assert!(docs.next().is_none(), "the seed holds one cable");
    assert_eq!(doc.source.container, cablegram::source::Container::Markdown);
    cablegram::batch::parse_doc(doc)
}

#[test]
fn seed_header() {
    let cable = seed();
    assert!(cable.partial);
    assert_eq!(cable.station.as_deref(), Some("ALMATY"));
    assert_eq!(cable.serial, Some(1938));
    let classification = cable.classification.as_ref().expect("classified");
    assert_eq!(classification.level, Level::Unclassified);
    assert_eq!(classification.text, "UNCLAS");
    assert_eq!(classification.caveats, ["SIPDIS", "SENSITIVE"]);
    let eo = cable.executive_order.as_ref().expect("E.O. line");
    assert_eq!(eo.order.as_deref(), Some("12958"));
    assert_eq!(eo.text, "N/A");
    assert_eq!(cable.tags, ["PREL", "PHUM", "KDEM", "KZ", "POLITICAL"]);
    assert_eq!(
        cable.subject.as_deref(),
        Some("KAZAKHSTANI MFA \"DISAPPOINTED\" WITH CERTIFICATION DECISION")
    );
    assert!(cable.references.is_empty());
    // No year is written anywhere in the text, so the text alone forms no reference id; the file
    // is named after it, and the name agrees with the text's station and serial (issue 16).
    let text_only = cablegram::parse(&std::fs::read_to_string(seed_path()).unwrap());
    assert_eq!(text_only.id, None);
    assert_eq!(cable.id.as_deref(), Some("05ALMATY1938"));
    assert_eq!(cable.id_source, Some(FieldSource::FileName));
    assert_eq!(cable.datetime, None);
    let kinds: Vec<HeaderKind> = cable.header.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        [
            HeaderKind::PartialNotice,
            HeaderKind::ClassificationLine,
            HeaderKind::Caption,
            HeaderKind::Caption,
            HeaderKind::ExecutiveOrder,
            HeaderKind::Tags,
            HeaderKind::Subject,
        ]
    );
}

#[test]
fn seed_paragraphs() {
    let cable = seed();
    let numbers: Vec<Option<u32>> = cable.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=9).map(Some).collect::<Vec<_>>());
    let labels: Vec<&str> = cable
        .paragraphs
        .iter()
        .map(|p| p.label.as_deref().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["11.", "12.", "13.", "14.", "15.", "16.", "17.", "18.", "19."]
    );
    assert!(cable
        .paragraphs
        .iter()
        .all(|p| p.marking.as_deref() == Some("SBU")));
    let seventh = &cable.paragraphs[6];
    assert!(
        seventh.text.contains(
            "given the fact that such assistance directly supported the goals the President had annunciated"
        ),
        "{}",
        seventh.text
    );
    assert!(seventh.text.starts_with("Charge said that the impact"));
    assert!(seventh.text.ends_with("fully respected civil liberties."));
    assert!(cable.paragraphs[0].text.starts_with("Summary. On May 19"));
    assert!(cable.paragraphs[0].text.ends_with("End Summary."));
    assert_eq!(cable.paragraphs[0].roles, [Role::Summary]);
    assert_eq!(cable.paragraphs[8].roles, [Role::Comment]);
    assert!(cable.paragraphs[1..8].iter().all(|p| p.roles.is_empty()));
    // No paragraph text carries markup from the Markdown form.
    assert!(cable
        .paragraphs
        .iter()
        .all(|p| !p.text.contains("](#)") && !p.text.contains('\n')));
}

#[test]
fn seed_ending() {
    let cable = seed();
    assert_eq!(cable.signers, ["ASQUINO"]);
    let tail: Vec<&Block> = cable
        .body
        .iter()
        .filter(|b| !matches!(b, Block::Paragraph { .. }))
        .collect();
    assert!(
        matches!(tail.as_slice(), [Block::Signature { text, .. }, Block::Trailer { text: end, .. }] if text == "ASQUINO" && end == "NNNN")
    );
}

#[test]
fn seed_is_clean_apart_from_the_pilcrow_note() {
    let cable = seed();
    let notable: Vec<&str> = cable
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.code.as_str())
        .collect();
    assert!(notable.is_empty(), "{:?}", cable.diagnostics);
    assert!(cable
        .diagnostics
        .iter()
        .any(|d| d.code == Code::PilcrowAsOne));
}
