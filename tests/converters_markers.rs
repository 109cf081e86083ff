//! Markers where they stand: a continuation line or page head that broke into a paragraph is
//! written at that place by the HTML, TEI and Markdown writers, inside the paragraph, not after it.

mod common;

use cablegram::converters::{Options, Registry};
use cablegram::model::Cable;

const MARKER: &str = "NEW DELHI 00005135  002 OF 008";
const BEFORE: &str = "told PolOff";
const AFTER: &str = "the NSAB meets";

fn render(format: &str, cable: &Cable) -> String {
    let registry = Registry::with_builtins();
    common::render(registry.get(format).unwrap(), cable, &Options::default()).0
}

/// The byte offsets of `pieces` in `text`, each searched after the one before; fails when one is
/// missing or out of order.
fn in_order(format: &str, text: &str, pieces: &[&str]) -> Vec<usize> {
    let mut from = 0;
    pieces
        .iter()
        .map(|piece| {
            let at = text[from..]
                .find(piece)
                .map(|i| from + i)
                .unwrap_or_else(|| panic!("{format}: {piece:?} missing or out of order:\n{text}"));
            from = at + piece.len();
            at
        })
        .collect()
}

#[test]
fn markers_stand_inside_the_paragraph_where_they_broke_in() {
    let cable = common::new_delhi_full();
    let html = render("html", &cable);
    in_order(
        "html",
        &html,
        &[
            r#"<p class="para" id="p3">"#,
            BEFORE,
            r#" <span class="marker">"#,
            MARKER,
            "</span> ",
            AFTER,
            "</p>",
        ],
    );
    let tei = render("tei", &cable);
    in_order(
        "tei",
        &tei,
        &[
            r#"<p n="3">"#,
            BEFORE,
            r#"<fw type="marker">"#,
            MARKER,
            "</fw> ",
            AFTER,
            "</p>",
        ],
    );
    let md = render("markdown", &cable);
    in_order(
        "markdown",
        &md,
        &[
            "¶3.",
            &format!("{BEFORE}\\\n*{MARKER}*\\\n{AFTER}"),
            "\n\n",
            "¶6.",
        ],
    );
}

#[test]
fn a_parsed_page_break_keeps_the_text_in_order() {
    // golden/03: `ANKARA 00006127  002 OF 002` broke in between "to the" and "local press.".
    let text = std::fs::read_to_string(
        common::validators::crate_root().join("golden/03-letter-spaced-sections.txt"),
    )
    .unwrap();
    let cable = cablegram::parse(&text);
    let p = cable
        .paragraphs
        .iter()
        .find(|p| !p.markers.is_empty())
        .expect("a paragraph with a marker");
    assert!(p.text.ends_with("to the local press."), "{}", p.text);
    let marker = "ANKARA 00006127  002 OF 002";
    for format in ["html", "tei", "markdown"] {
        let out = render(format, &cable);
        in_order(format, &out, &["disputes to the", marker, "local press."]);
    }
}
