//! HTML writer: zero Nu HTML Checker errors (one vnu run), no markup from text, anchors, markings.

mod common;
// The elements and attributes the writer uses; anything else would have come from text.
#[path = "hardening_support/check.rs"]
mod check;

use cablegram::converters::html::Html;
use cablegram::converters::{Loss, Options};
use cablegram::escape::is_html_forbidden;
use cablegram::model::{Cable, HeaderKind};
use common::validators::{java, require, vnu_jar};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::process::Command;

fn html(cable: &Cable, fragment: bool) -> (String, Loss) {
    let options = Options::default().with_fragment(fragment);
    common::render(&Html, cable, &options)
}

/// Element counts, attribute values by name, and the visible text (`br` and block ends as
/// newlines). The writer's HTML is also well-formed XML, which this checks too.
struct Parsed {
    elements: BTreeMap<String, usize>,
    attributes: BTreeMap<String, Vec<String>>,
    text: String,
}

fn parse(html: &str) -> Parsed {
    let mut reader = Reader::from_str(html);
    let mut p = Parsed {
        elements: BTreeMap::new(),
        attributes: BTreeMap::new(),
        text: String::new(),
    };
    let mut in_style = false;
    loop {
        match reader.read_event().expect("well-formed markup") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                in_style = name == "style";
                if name == "br" {
                    p.text.push('\n');
                }
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                    let value = a.unescape_value().expect("known entities").into_owned();
                    p.attributes.entry(key).or_default().push(value);
                }
                *p.elements.entry(name).or_default() += 1;
            }
            Event::End(_) => {
                in_style = false;
                p.text.push('\n');
            }
            Event::Text(t) if !in_style => p.text.push_str(&t.unescape().expect("known entities")),
            Event::Eof => break,
            Event::Text(_) | Event::DocType(_) => {}
            other => panic!("unexpected event {other:?}"),
        }
    }
    p
}

#[test]
fn every_fixture_has_no_nu_checker_errors() {
    let java = require(java());
    let jar = require(vnu_jar());
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, cable) in common::all() {
        let page = dir.path().join(format!("{name}.html"));
        std::fs::write(&page, html(&cable, false).0).unwrap();
        // A fragment, embedded in the smallest valid page.
        let fragment = dir.path().join(format!("{name}-fragment.html"));
        let embedded = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body>{}</body></html>",
            html(&cable, true).0
        );
        std::fs::write(&fragment, embedded).unwrap();
        files.extend([page, fragment]);
    }
    let output = Command::new(&java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} -jar {}: {e}", java.display(), jar.display()));
    let messages = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && messages.trim().is_empty(),
        "vnu errors:\n{messages}"
    );
}

#[test]
fn hostile_text_makes_no_elements_or_attributes() {
    for fragment in [false, true] {
        let (out, _) = html(&common::hostile(), fragment);
        let p = parse(&out);
        let unknown: Vec<_> = p
            .elements
            .keys()
            .filter(|e| !check::HTML_ELEMENTS.contains(&e.as_str()))
            .collect();
        assert!(unknown.is_empty(), "elements from text: {unknown:?}");
        let unknown: Vec<_> = p
            .attributes
            .keys()
            .filter(|a| !check::HTML_ATTRIBUTES.contains(&a.as_str()))
            .collect();
        assert!(unknown.is_empty(), "attributes from text: {unknown:?}");
        assert!(!out.to_ascii_lowercase().contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        for href in p.attributes.get("href").into_iter().flatten() {
            assert!(href.starts_with("#p"), "link from text: {href}");
        }
        assert!(
            !out.chars().any(is_html_forbidden),
            "forbidden characters written"
        );
    }
}

#[test]
fn every_line_of_text_is_visible() {
    for (name, cable) in common::all() {
        let (out, _) = html(&cable, false);
        let p = parse(&out);
        let structured = !cable.references.is_empty();
        let skip: HashSet<String> = cable
            .header
            .iter()
            .filter(|h| structured && h.kind == HeaderKind::References)
            .map(|h| h.text.clone())
            .collect();
        // A numbered paragraph shows the model's number (`¶11`); its label as written is in the
        // number's title, and beside it when it says another number.
        let titles = p.attributes.get("title").cloned().unwrap_or_default();
        for label in cable
            .paragraphs
            .iter()
            .filter(|para| para.number.is_some())
            .filter_map(|para| para.label.as_ref())
        {
            let title = format!("As written: {}", label.trim());
            assert!(titles.contains(&title), "{name}: {title:?} not in a title");
        }
        let labels: HashSet<String> = cable
            .paragraphs
            .iter()
            .filter(|para| para.number.is_some())
            .filter_map(|para| para.label.clone())
            .collect();
        for piece in common::texts(&cable)
            .into_iter()
            .filter(|t| !skip.contains(t) && !labels.contains(t))
        {
            for line in cablegram::escape::lines(&piece) {
                let line: String = line
                    .chars()
                    .map(|c| if is_html_forbidden(c) { '\u{FFFD}' } else { c })
                    .collect();
                assert!(p.text.contains(&line), "{name}: {line:?} not visible");
            }
        }
    }
}

/// `html` without the indentation between block elements.
fn squash(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut lines = html.split('\n');
    out.push_str(lines.next().unwrap_or_default());
    for line in lines {
        out.push_str(line.trim_start_matches(' '));
    }
    out
}

#[test]
fn page_has_what_a_reader_needs() {
    let (out, report) = html(&common::almaty_partial(), false);
    assert!(report.is_lossless(), "{report:?}");
    assert!(
        out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{out}"
    );
    assert!(
        out.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1"/>"#)
    );
    assert!(out.contains("<title>KAZAKHSTANI MFA \"DISAPPOINTED\" WITH CERTIFICATION DECISION (05ALMATY1938)</title>"));
    assert!(out.contains("@media print"));
    assert!(out.contains("<h1>KAZAKHSTANI MFA \"DISAPPOINTED\" WITH CERTIFICATION DECISION</h1>"));
    assert!(
        squash(&out).contains("<dt>Reference ID</dt><dd>05ALMATY1938</dd>"),
        "{out}"
    );
    assert!(out.contains(
        r##"<p class="para summary" id="p11"><a class="label" href="#p11" title="As written: 11.">¶11</a> <span class="marking"><span class="vh">Paragraph marking: </span>(<abbr title="Sensitive But Unclassified">SBU</abbr>)</span> Summary."##
    ), "{out}");
    let p = parse(&out);
    assert!(!p.attributes.contains_key("src"), "no external assets");
    assert_eq!(p.elements.get("style"), Some(&1));
}

/// The user's own cable, read and parsed as in real use.
fn seed() -> Cable {
    let path = common::validators::crate_root().join("../shared/seed/05ALMATY1938-partial.md");
    let mut docs = cablegram::source::read_path(&path, None).expect("the seed is readable");
    cablegram::batch::parse_doc(docs.next().expect("one cable").expect("readable"))
}

#[test]
fn paragraphs_show_the_model_number_and_the_label_as_written() {
    let cable = seed();
    assert_eq!(cable.paragraphs[0].number, Some(1));
    let (out, _) = html(&cable, false);
    assert!(
        out.contains(
            r##"<p class="para summary" id="p1"><a class="label" href="#p1" title="As written: 11.">¶1</a> <span class="as-written">(written 11.)</span> <span class="marking">"##
        ),
        "{out}"
    );
    assert!(
        out.contains(r##"<a class="label" href="#p9" title="As written: 19.">¶9</a> <span class="as-written">(written 19.)</span>"##),
        "{out}"
    );
    // A label that says the model's number is not repeated beside it.
    let (out, _) = html(&common::new_delhi_full(), false);
    assert!(!out.contains(r#"class="as-written""#), "{out}");
}

#[test]
fn dates_tags_and_header_read_as_people_read_them() {
    let mut cable = seed();
    cable.datetime = Some("2009-10-16T15:01:00Z".into());
    let (out, _) = html(&cable, false);
    let squashed = squash(&out);
    assert!(
        squashed.contains(
            r#"<dt>Date</dt><dd><time datetime="2009-10-16T15:01:00Z">16 October 2009, 15:01 UTC</time></dd>"#
        ),
        "{out}"
    );
    assert!(
        squashed.contains("<dt>Tags</dt><dd>PREL, PHUM, KDEM, KZ, POLITICAL</dd>"),
        "{out}"
    );
    assert!(
        squashed.contains("<dt>Caveats</dt><dd>SIPDIS, SENSITIVE</dd>"),
        "{out}"
    );
    // The header lines in one block, each a span of its kind; the partial notice apart.
    let p = parse(&out);
    assert_eq!(p.elements.get("pre"), Some(&1), "{out}");
    assert!(
        out.contains(
            r#"<pre class="lines"><span class="h-classification-line">UNCLAS ALMATY 001938</span><br/><span class="h-caption">SIPDIS</span><br/>"#
        ),
        "{out}"
    );
    assert!(
        out.contains(r#"<p class="h-partial-notice">This record"#),
        "{out}"
    );
    assert!(!out.contains(r#"<p class="h-caption">"#), "{out}");
}

#[test]
fn anchors_are_unique_and_follow_paragraph_numbers() {
    let (out, _) = html(&common::new_delhi_full(), false);
    let ids = parse(&out).attributes.remove("id").unwrap_or_default();
    assert_eq!(ids, ["p1", "p2", "p3", "p6", "p36", "p37"]);

    let (out, _) = html(&common::hostile(), false);
    let ids = parse(&out).attributes.remove("id").unwrap_or_default();
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    assert_eq!(&ids[..2], ["p1", "p1-2"]);
}

#[test]
fn fragment_is_one_article() {
    let (out, _) = html(&common::the_hague_refs(), true);
    assert!(
        out.starts_with("<article class=\"cable\" lang=\"en\">"),
        "{out}"
    );
    assert!(out.trim_end().ends_with("</article>"));
    let p = parse(&out);
    assert_eq!(p.elements.get("article"), Some(&1));
    assert!(!p.elements.contains_key("html") && !p.elements.contains_key("style"));
    assert!(
        squash(&out).contains("<dt>B.</dt><dd>THE HAGUE 1548</dd>"),
        "{out}"
    );
}

#[test]
fn losses_are_reported() {
    let (_, report) = html(&common::the_hague_refs(), false);
    assert_eq!(
        report.lost,
        vec!["1 parser diagnostic(s) not written".to_string()]
    );
    let (_, report) = html(&common::hostile(), false);
    assert!(
        report.lost.iter().any(|l| l.contains("U+FFFD")),
        "{report:?}"
    );
    let (_, report) = html(&common::dangling(), false);
    assert!(
        report
            .lost
            .iter()
            .any(|l| l.contains("missing paragraph 3")),
        "{report:?}"
    );
}

#[test]
fn output_is_deterministic() {
    for (name, cable) in common::all() {
        assert_eq!(html(&cable, false).0, html(&cable, false).0, "{name}");
    }
}

#[test]
fn snapshot_almaty() {
    insta::assert_snapshot!(html(&common::almaty_partial(), false).0);
}
