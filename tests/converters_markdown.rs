//! Markdown writer: rendered with pulldown-cmark (GFM-style extensions on), cable text must come
//! out as the same words and never as Markdown or HTML structure.

mod common;

use cablegram::converters::markdown::Markdown;
use cablegram::converters::{Loss, Options};
use cablegram::model::{addressee_names, Block, Cable, HeaderKind, Role};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;

fn markdown(cable: &Cable, front_matter: bool) -> (String, Loss) {
    let options = Options::default().with_front_matter(front_matter);
    common::render(&Markdown, cable, &options)
}

/// What the rendered document holds.
#[derive(Default, Debug)]
struct Rendered {
    /// The text a reader sees; blocks and line breaks end with a newline.
    text: String,
    metadata: Vec<String>,
    headings: usize,
    block_quotes: usize,
    strong: usize,
    emphasis: usize,
    /// Events that cable text must never produce.
    forbidden: Vec<String>,
}

fn render(md: &str) -> Rendered {
    let mut r = Rendered::default();
    let mut in_metadata = false;
    for event in Parser::new_ext(md, common::outputs::markdown_options()) {
        match event {
            Event::Text(t) if in_metadata => r.metadata.push(t.to_string()),
            Event::Text(t) => r.text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => r.text.push('\n'),
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Start(Tag::Heading { .. }) => r.headings += 1,
            Event::Start(Tag::BlockQuote(_)) => r.block_quotes += 1,
            Event::Start(Tag::Strong) => r.strong += 1,
            Event::Start(Tag::Emphasis) => r.emphasis += 1,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::BlockQuote(_)) => {}
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => r.text.push('\n'),
            Event::End(_) => {}
            other => r.forbidden.push(format!("{other:?}")),
        }
    }
    r
}

/// The cable texts a Markdown reader must see (the written `REF:` item gives way to the
/// structured reference list).
fn visible_texts(cable: &Cable) -> Vec<String> {
    let structured = !cable.references.is_empty();
    let refs_items: HashSet<&str> = cable
        .header
        .iter()
        .filter(|h| structured && h.kind == HeaderKind::References)
        .map(|h| h.text.as_str())
        .collect();
    common::texts_with(cable, |m| format!("({m})"), |l| format!("{l}."))
        .into_iter()
        .filter(|t| !refs_items.contains(t.as_str()))
        .collect()
}

#[test]
fn cable_text_renders_as_the_same_words_and_nothing_else() {
    for (name, cable) in common::all() {
        let (md, _) = markdown(&cable, true);
        let r = render(&md);
        assert!(r.forbidden.is_empty(), "{name}: {:#?}\n{md}", r.forbidden);

        let words: HashSet<&str> = r.text.split_whitespace().collect();
        for text in visible_texts(&cable) {
            for word in common::without_controls(&text).split_whitespace() {
                assert!(
                    words.contains(word),
                    "{name}: {word:?} lost or changed\n{md}"
                );
            }
        }

        let headings = cable
            .body
            .iter()
            .filter(|b| matches!(b, Block::Heading { text, .. } if !text.trim().is_empty()))
            .count();
        assert_eq!(
            r.headings,
            1 + headings,
            "{name}: title + dashed headings\n{md}"
        );

        let quotes = cable
            .paragraphs
            .iter()
            .filter(|p| p.roles.contains(&Role::Quote))
            .count();
        assert_eq!(r.block_quotes, quotes, "{name}: block quotes\n{md}");

        let markings = cable
            .paragraphs
            .iter()
            .filter(|p| p.marking.is_some())
            .count();
        let ref_list = usize::from(!cable.references.is_empty());
        assert_eq!(
            r.strong,
            markings + ref_list,
            "{name}: bold only for markings and REF\n{md}"
        );

        let markers = cable
            .body
            .iter()
            .filter(|b| matches!(b, Block::Marker { .. }))
            .count()
            + cable
                .paragraphs
                .iter()
                .map(|p| p.markers.len())
                .sum::<usize>()
            + cable
                .header
                .iter()
                .filter(|h| h.kind == HeaderKind::PartialNotice)
                .count();
        assert_eq!(
            r.emphasis, markers,
            "{name}: italics only for markers and notices\n{md}"
        );
    }
}

#[test]
fn hostile_text_stays_text() {
    let (md, _) = markdown(&common::hostile(), true);
    let r = render(&md);
    for needle in [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "[ref]: http://evil.example/",
        "<img src=x onerror=alert(1)>",
        "literal &amp; &lt; &#x41; entities",
        "*bold* **strong** _em_ __u__ ~~strike~~ `code` $x^2$ {#id .cls}",
        "# not a heading",
        "1986. was a year",
        "right-to-left \u{202E}evil\u{202C} override",
    ] {
        assert!(
            r.text.contains(needle),
            "{needle:?} not rendered verbatim:\n{}",
            r.text
        );
    }
}

#[test]
fn front_matter_is_yaml_that_reads_back_exactly() {
    for (name, cable) in common::all() {
        let (md, _) = markdown(&cable, true);
        assert!(md.starts_with("---\n"), "{name}");
        let r = render(&md);
        assert_eq!(r.metadata.len(), 1, "{name}: one metadata block");
        let y: serde_yaml::Value = serde_yaml::from_str(&r.metadata[0]).expect("valid YAML");
        let s = |key: &str| y.get(key).and_then(|v| v.as_str()).map(str::to_string);
        assert_eq!(s("id"), cable.id, "{name}");
        // The title that sites show: the subject, else the id.
        let title = cable.subject.clone().or(cable.id.clone());
        assert_eq!(
            s("title"),
            Some(title.unwrap_or_else(|| "Untitled cable".into())),
            "{name}"
        );
        assert_eq!(s("subject"), cable.subject, "{name}");
        assert_eq!(s("station"), cable.station, "{name}");
        let from = cable.from.as_ref().map(|a| a.addressee.clone());
        assert_eq!(s("from"), from, "{name}");
        // As a W3C date-time, which is what sites parse (Hugo reads `…T07:22Z` as no date).
        let date = cable.datetime.as_deref().map(|dt| match dt {
            "2006-07-21T07:22Z" => "2006-07-21T07:22:00Z",
            other => other,
        });
        assert_eq!(s("date").as_deref(), date, "{name}");
        assert_eq!(
            y.get("partial").and_then(|v| v.as_bool()),
            Some(cable.partial),
            "{name}"
        );
        assert_eq!(
            y.get("serial").and_then(|v| v.as_u64()),
            cable.serial,
            "{name}"
        );
        let list = |key: &str| -> Vec<String> {
            y.get(key)
                .and_then(|v| v.as_sequence())
                .map(|s| s.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                .unwrap_or_default()
        };
        // TAGS as written, and upper-cased once each as the taxonomy terms.
        let as_written = match y.get("tags_as_written") {
            Some(_) => list("tags_as_written"),
            None => list("tags"),
        };
        assert_eq!(as_written, cable.tags, "{name}");
        let mut terms: Vec<String> = Vec::new();
        for tag in &cable.tags {
            if !terms.contains(&tag.to_uppercase()) {
                terms.push(tag.to_uppercase());
            }
        }
        assert_eq!(list("tags"), terms, "{name}");
        assert_eq!(list("to"), addressee_names(&cable.to), "{name}");
        assert_eq!(list("info"), addressee_names(&cable.info), "{name}");
        assert_eq!(list("signers"), cable.signers, "{name}");
        if let Some(c) = &cable.classification {
            assert_eq!(
                s("classification").as_deref(),
                Some(c.level.as_str()),
                "{name}"
            );
            assert_eq!(
                s("classification_text").as_deref(),
                Some(c.text.as_str()),
                "{name}"
            );
            assert_eq!(list("caveats"), c.caveats, "{name}");
        }
        for (i, reference) in cable.references.iter().enumerate() {
            let item = &y["references"][i];
            assert_eq!(
                item["text"].as_str(),
                Some(reference.text.as_str()),
                "{name}"
            );
            assert_eq!(item["label"].as_str(), reference.label.as_deref(), "{name}");
        }
    }
}

#[test]
fn tags_are_taxonomy_terms_and_kept_as_written() {
    // The parser gives `tags_normalized` beside the TAGS as written.
    let cable = cablegram::parse(
        "UNCLAS ALMATY 001938\n\nTAGS: prel, PREL, Kz, KDEM\nSUBJECT: X\n\n1. Text.\n",
    );
    assert_eq!(cable.tags_normalized, ["PREL", "KZ", "KDEM"]);
    let (md, _) = markdown(&cable, true);
    let front = md.split("---\n").nth(1).unwrap();
    assert!(
        front.contains(
            "tags:\n  - \"PREL\"\n  - \"KZ\"\n  - \"KDEM\"\n\
             tags_as_written:\n  - \"prel\"\n  - \"PREL\"\n  - \"Kz\"\n  - \"KDEM\"\n"
        ),
        "{md}"
    );
    // Written upper-case already: one list, no copy.
    let (md, _) = markdown(&common::almaty_partial(), true);
    assert!(!md.contains("tags_as_written"), "{md}");
    assert!(
        md.starts_with("---\ntitle: \"KAZAKHSTANI MFA \\\"DISAPPOINTED\\\" WITH"),
        "{md}"
    );
}

#[test]
fn front_matter_can_be_left_out() {
    let (md, _) = markdown(&common::almaty_partial(), false);
    assert!(md.starts_with("# KAZAKHSTANI MFA"), "{md}");
    assert!(render(&md).metadata.is_empty());
}

#[test]
fn labels_and_markings_are_kept_as_written() {
    let (md, _) = markdown(&common::almaty_partial(), true);
    assert!(md.contains("\n11\\. **(SBU)** Summary. On May 19"), "{md}");
    assert!(md.contains("\n19\\. **(SBU)** Comment: Volkov"), "{md}");
    assert!(
        md.contains("\nSUBJECT: KAZAKHSTANI MFA \"DISAPPOINTED\" WITH CERTIFICATION\\\nDECISION\n"),
        "{md}"
    );
    assert!(md.contains("\nASQUINO\n\nNNNN\n"), "{md}");

    let (md, _) = markdown(&common::new_delhi_full(), false);
    assert!(md.contains("\n¶1. **(C)** Summary:"), "{md}");
    assert!(md.contains("\n## Nuclear, Indo-Pak Origins\n"), "{md}");
    assert!(
        md.contains("\\\n\\-- RK Ahuja, former Special Secretary for Home Affairs\\*\\\n"),
        "{md}"
    );
    assert!(
        md.contains("told PolOff\\\n*NEW DELHI 00005135  002 OF 008*\\\nthe NSAB meets"),
        "{md}"
    );
    assert!(md.contains("\n*NEW DELHI 00005135  008 OF 008*\n"), "{md}");

    let (md, _) = markdown(&common::the_hague_refs(), false);
    assert!(
        md.contains("\n**REF:**\\\nA. STATE 242722\\\nB. THE HAGUE 1548\\\nC. THE HAGUE 1146\n"),
        "{md}"
    );
}

#[test]
fn losses_are_reported() {
    let (_, report) = markdown(&common::almaty_partial(), true);
    assert_eq!(report.lost.len(), 1, "{report:?}");
    assert!(
        report.lost[0].contains("summary/comment roles of 2 paragraph(s)"),
        "{report:?}"
    );

    let (_, report) = markdown(&common::the_hague_refs(), true);
    assert_eq!(
        report.lost,
        vec!["1 parser diagnostic(s) not written".to_string()]
    );

    let (_, report) = markdown(&common::hostile(), true);
    assert!(
        report.lost.iter().any(|l| l.contains("U+FFFD")),
        "{report:?}"
    );

    let (_, report) = markdown(&common::dangling(), true);
    assert!(
        report.lost.iter().any(|l| l.contains("missing paragraph")),
        "{report:?}"
    );

    let (_, report) = markdown(&common::odd_order(), true);
    assert!(report.is_lossless(), "{report:?}");
}

#[test]
fn output_is_deterministic() {
    for (name, cable) in common::all() {
        assert_eq!(markdown(&cable, true).0, markdown(&cable, true).0, "{name}");
    }
}

#[test]
fn snapshot_almaty() {
    insta::assert_snapshot!(markdown(&common::almaty_partial(), true).0);
}
