//! Hostile text, end to end: a real cable's text carrying one hostile string at a time in its
//! subject, at the start of a paragraph line, in the middle of a line and in a REF line, read by
//! the parser and written as HTML, TEI and Markdown.
//!
//! For every string and every format: the output is well-formed and inert (see
//! `hardening_support/check.rs`: no element, attribute, link, raw HTML, table or footnote comes
//! from the text), and the reader sees the string as written (the rendered text contains it, with
//! only the characters the format cannot carry replaced by U+FFFD). Bidi controls never spill:
//! every embedding, override and isolate is closed within the text node (HTML, TEI) or the line
//! (Markdown) it opens in.

#[path = "hardening_support/check.rs"]
mod check;

use cablegram::converters::{Options, Registry};

/// The strings, each with a name for messages.
const HOSTILE: &[(&str, &str)] = &[
    ("script", "<script>alert(1)</script>"),
    ("event attribute", "<img src=x onerror=alert(1)>"),
    (
        "event attribute, quoted",
        "<div onclick=\"alert(1)\">x</div>",
    ),
    ("javascript link", "[click](javascript:alert(1))"),
    ("javascript autolink", "<javascript:alert(1)>"),
    ("link definition", "[ref]: javascript:alert(1)"),
    ("image", "![x](http://evil.example/x.png)"),
    ("bare URL", "https://evil.example/x and www.evil.example"),
    ("emphasis", "*bold* _em_ ~~gone~~ `code`"),
    ("table", "| a | b |"),
    ("footnote", "[^1] and [^1]: note"),
    ("heading", "# not a heading"),
    ("ordered list", "1986. was a year"),
    ("CDATA end", "]]>"),
    ("CDATA", "<![CDATA[x]]>"),
    ("comment", "<!-- comment -->"),
    ("processing instruction", "<?xml version=\"1.0\"?>"),
    ("literal entity", "&amp; &lt; &#x41; &nbsp;"),
    ("entity for a control", "&#x0; &#1;"),
    ("right-to-left override", "left \u{202E}right"),
    ("right-to-left embedding", "a \u{202B}b"),
    ("isolate", "a \u{2067}b"),
    ("pop without push", "a \u{202C}\u{2069}b"),
];

/// C0 controls, which XML 1.0 forbids and HTML makes a parse error of: replaced, never dropped
/// silently, and the rest of the text kept.
const CONTROLS: &str = "bell\u{7} nul\u{0} escape\u{1B}[31m end";

/// A real cable (05ALMATY1938's shape) with `s` in the subject, at a paragraph line start, in
/// the middle of a line and in a REF line.
fn cable_text(s: &str) -> String {
    format!(
        "UNCLAS SECTION 01 OF 02 ALMATY 001938\n\
         \n\
         SIPDIS\n\
         \n\
         E.O. 12958: N/A\n\
         TAGS: PREL PHUM KDEM KZ\n\
         SUBJECT: KAZAKHSTAN: {s} IN THE SUBJECT\n\
         \n\
         REF: A. STATE 123456 {s}\n\
         \n\
         1. (SBU) Summary: The ministry website was defaced.\n\
         {s} at a line start.\n\
         In the middle {s} of a line. End Summary.\n\
         \n\
         2. (SBU) Nothing else happened.\n\
         \n\
         ASQUINO\n"
    )
}

fn render(format: &str, text: &str, fragment: bool) -> String {
    let registry = Registry::with_builtins();
    let cable = cablegram::parse(text);
    let mut out = Vec::new();
    registry
        .get(format)
        .unwrap()
        .write(
            &cable,
            &Options::default().with_fragment(fragment),
            &mut out,
        )
        .unwrap();
    String::from_utf8(out).unwrap()
}

/// The text a reader of the HTML sees, with each text node separately (for the bidi check).
fn html_text_nodes(out: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(out);
    let mut nodes = Vec::new();
    for node in doc.tree.nodes() {
        if let Some(text) = node.value().as_text() {
            let inside_style = node
                .parent()
                .and_then(|p| p.value().as_element().map(|e| e.name() == "style"))
                .unwrap_or(false);
            if !inside_style {
                nodes.push(text.to_string());
            }
        }
    }
    nodes
}

fn tei_text_nodes(out: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(out).unwrap();
    let mut nodes: Vec<String> = doc
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap().to_string())
        .collect();
    for n in doc.descendants().filter(|n| n.is_element()) {
        nodes.extend(n.attributes().map(|a| a.value().to_string()));
    }
    nodes
}

/// The rendered Markdown: text events joined, soft breaks as spaces.
fn markdown_text(out: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(out) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Collapses runs of whitespace, as a reader of HTML sees them.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains_as_written(haystack: &str, needle: &str) -> bool {
    // Bidi controls in the output may be followed by the writer's closing controls; a reader
    // sees the same characters, so those are set aside for the comparison.
    let clean = |s: &str| -> String {
        squash(s)
            .chars()
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect()
    };
    clean(haystack).contains(&clean(needle))
}

/// Is every bidi embedding, override and isolate opened in `s` closed before its end?
fn bidi_closed(s: &str) -> bool {
    let mut embeddings = 0i32;
    let mut isolates = 0i32;
    for c in s.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => embeddings += 1,
            '\u{202C}' => embeddings = (embeddings - 1).max(0),
            '\u{2066}'..='\u{2068}' => isolates += 1,
            '\u{2069}' => isolates = (isolates - 1).max(0),
            _ => {}
        }
    }
    embeddings == 0 && isolates == 0
}

#[test]
fn hostile_text_is_inert_and_shown_as_written_in_html() {
    for (name, s) in HOSTILE {
        let text = cable_text(s);
        for fragment in [false, true] {
            let out = render("html", &text, fragment);
            check::html(&out, fragment).unwrap_or_else(|e| panic!("{name}: {e}\n{out}"));
            let nodes = html_text_nodes(&out);
            let seen = nodes.concat();
            assert!(
                contains_as_written(&seen, s),
                "{name}: {s:?} not shown as written:\n{out}"
            );
            for node in &nodes {
                assert!(bidi_closed(node), "{name}: bidi spills out of {node:?}");
            }
        }
    }
}

#[test]
fn hostile_text_is_inert_and_shown_as_written_in_tei() {
    for (name, s) in HOSTILE {
        let out = render("tei", &cable_text(s), false);
        check::tei(&out).unwrap_or_else(|e| panic!("{name}: {e}\n{out}"));
        let nodes = tei_text_nodes(&out);
        assert!(
            contains_as_written(&nodes.concat(), s),
            "{name}: {s:?} not kept as written:\n{out}"
        );
        for node in &nodes {
            assert!(bidi_closed(node), "{name}: bidi spills out of {node:?}");
        }
    }
}

#[test]
fn hostile_text_is_inert_and_shown_as_written_in_markdown() {
    for (name, s) in HOSTILE {
        let out = render("markdown", &cable_text(s), false);
        check::markdown(&out).unwrap_or_else(|e| panic!("{name}: {e}\n{out}"));
        let body = out.splitn(3, "---\n").nth(2).unwrap_or(&out);
        assert!(
            contains_as_written(&markdown_text(body), s),
            "{name}: {s:?} not rendered as written:\n{out}\n---rendered---\n{}",
            markdown_text(body)
        );
        for line in out.lines() {
            assert!(
                bidi_closed(line),
                "{name}: bidi spills out of line {line:?}"
            );
        }
    }
}

#[test]
fn control_characters_are_replaced_never_dropped_and_the_rest_kept() {
    let text = cable_text(CONTROLS);
    let expected = "bell\u{FFFD} nul\u{FFFD} escape\u{FFFD}[31m end";
    let html = render("html", &text, false);
    check::html(&html, false).unwrap();
    assert!(
        contains_as_written(&html_text_nodes(&html).concat(), expected),
        "{html}"
    );
    let tei = render("tei", &text, false);
    check::tei(&tei).unwrap();
    assert!(
        contains_as_written(&tei_text_nodes(&tei).concat(), expected),
        "{tei}"
    );
    let md = render("markdown", &text, false);
    check::markdown(&md).unwrap();
    assert!(contains_as_written(&markdown_text(&md), expected), "{md}");
    let json = render("json", &text, false);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        value
            .to_string()
            .contains("bell\\u0007 nul\\u0000 escape\\u001b[31m end"),
        "JSON keeps every character: {json}"
    );
}

#[test]
fn the_golden_hostile_cable_is_safe_in_every_format() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/golden/29-hostile-text.txt"
    ))
    .unwrap();
    let html = render("html", &text, false);
    check::html(&html, false).unwrap();
    for node in html_text_nodes(&html) {
        assert!(bidi_closed(&node), "bidi spills out of {node:?}");
    }
    let tei = render("tei", &text, false);
    check::tei(&tei).unwrap();
    for node in tei_text_nodes(&tei) {
        assert!(bidi_closed(&node), "bidi spills out of {node:?}");
    }
    let md = render("markdown", &text, false);
    check::markdown(&md).unwrap();
    for line in md.lines() {
        assert!(bidi_closed(line), "bidi spills out of line {line:?}");
    }
    check::json(&render("json", &text, false)).unwrap();
    for needle in [
        "<script>alert(1)</script>",
        "]]>",
        "&amp;",
        "[link](javascript:alert(1))",
    ] {
        assert!(contains_as_written(&markdown_text(&md), needle), "{needle}");
        assert!(
            contains_as_written(&html_text_nodes(&html).concat(), needle),
            "{needle}"
        );
        assert!(
            contains_as_written(&tei_text_nodes(&tei).concat(), needle),
            "{needle}"
        );
    }
}
