//! Page heads inside paragraphs on the real corpus (`../shared/corpus`): where the line breaks
//! of a cable were lost, the head of each printed page (`ANKARA 00001842 002 OF 002`) stands in
//! the middle of a sentence. It is taken out of the paragraph's text and kept as a marker, as a
//! page head on a line of its own is.
//!
//! A page head is found here with a rule of this test's own: the cable's serial padded to eight
//! digits, a page number, `OF` and a page count, whatever comes before.
//! `cargo test --profile ci --test corpus_page_heads -- --nocapture` prints the figures.

mod common;

use cablegram::batch;
use regex::Regex;

/// The page heads of the cable with `serial` in `text`, as this test finds them.
fn page_heads(text: &str, serial: u64) -> usize {
    let head = Regex::new(&format!(r"(?i)\b{serial:08}\s+\d{{3}}\s+OF\s+\d{{3}}\b")).unwrap();
    head.find_iter(text).count()
}

#[test]
fn no_page_head_of_the_cable_is_left_inside_a_paragraph() {
    let (cables, _) = common::corpus::each(batch::parse_doc);
    let mut inline = 0;
    let mut kept = 0;
    let mut left = Vec::new();
    for cable in &cables {
        let Some(serial) = cable.serial else {
            continue;
        };
        let in_text: usize = cable
            .paragraphs
            .iter()
            .map(|p| page_heads(&p.text, serial))
            .sum();
        let as_marker = cable
            .paragraphs
            .iter()
            .flat_map(|p| &p.markers)
            .filter(|m| page_heads(&m.text, serial) > 0)
            .count();
        // A page head whose marker lies inside the paragraph's text, not at a line's start.
        let inside = cable
            .paragraphs
            .iter()
            .flat_map(|p| p.markers.iter().map(move |m| (p, m)))
            .filter(|(p, m)| m.at > 0 && m.at < p.text.len() && page_heads(&m.text, serial) > 0)
            .count();
        if inside > 0 || in_text > 0 {
            inline += 1;
        }
        kept += as_marker;
        if in_text > 0 {
            let path = cable.source.as_ref().and_then(|s| s.path.clone());
            left.push(format!("{in_text} in {path:?}"));
        }
    }
    println!(
        "cables with a page head that interrupts a paragraph: {inline}; page heads kept as markers: {kept}; \
         cables with a page head of their own left in the text: {}",
        left.len()
    );
    for cable in &left {
        println!("    left: {cable}");
    }
    assert!(inline > 100, "only {inline} cables with inline page heads");
    assert!(
        left.is_empty(),
        "{} cables keep a page head in their text",
        left.len()
    );
}
