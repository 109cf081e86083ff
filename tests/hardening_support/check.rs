//! Well-formedness and inertness checks of converter output, shared by the hardening tests and
//! the fuzz targets (`fuzz/fuzz_targets/*.rs` include this file by path).
//!
//! * TEI must parse as XML 1.0 (roxmltree is strict: well-formedness, characters XML forbids,
//!   entity references) with a `TEI` root in the TEI namespace.
//! * HTML must parse under the HTML5 algorithm (html5ever, via scraper) with no parse error, and
//!   hold only the elements and attributes the writer itself makes: no `<script>`, no event
//!   attribute, no link except the writer's own `#pN` self-links.
//! * JSON must parse as JSON.
//! * Markdown must render (CommonMark + GFM) with no raw HTML, no link or image that the writer
//!   did not make, and no autolink.
#![allow(dead_code)]

/// The elements the HTML writer makes.
pub const HTML_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "main", "article", "header", "p", "span",
    "h1", "h2", "dl", "dt", "dd", "time", "section", "a", "abbr", "br", "pre",
];

/// The attributes the HTML writer makes.
pub const HTML_ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "id",
    "href",
    "aria-label",
    "datetime",
    "title",
];

/// Checks a TEI document.
pub fn tei(out: &str) -> Result<(), String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(out, options)
        .map_err(|e| format!("TEI is not well-formed XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "TEI"
        || root.tag_name().namespace() != Some("http://www.tei-c.org/ns/1.0")
    {
        return Err(format!("TEI root is {:?}", root.tag_name()));
    }
    for node in doc.descendants() {
        if node.is_pi() {
            return Err("a processing instruction in the TEI".into());
        }
        if node.is_element() && node.tag_name().namespace() != Some("http://www.tei-c.org/ns/1.0") {
            return Err(format!(
                "element outside the TEI namespace: {:?}",
                node.tag_name()
            ));
        }
    }
    Ok(())
}

/// Checks an HTML page (or, with `fragment`, an `<article>` to embed).
pub fn html(out: &str, fragment: bool) -> Result<(), String> {
    let parsed = if fragment {
        scraper::Html::parse_fragment(out)
    } else {
        scraper::Html::parse_document(out)
    };
    if !parsed.errors.is_empty() {
        return Err(format!("HTML parse errors: {:?}", parsed.errors));
    }
    for node in parsed.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if !HTML_ELEMENTS.contains(&name) {
            return Err(format!("element <{name}> that the writer does not make"));
        }
        for (attr, value) in element.attrs() {
            if !HTML_ATTRIBUTES.contains(&attr) {
                return Err(format!("attribute {attr}={value:?} on <{name}>"));
            }
            if attr == "href" && !value.starts_with("#p") {
                return Err(format!("link to {value:?}"));
            }
        }
    }
    Ok(())
}

/// Checks a JSON document (or JSON Lines).
pub fn json(out: &str) -> Result<(), String> {
    for line in serde_json::Deserializer::from_str(out).into_iter::<serde_json::Value>() {
        line.map_err(|e| format!("not JSON: {e}"))?;
    }
    Ok(())
}

/// Checks Markdown: nothing live when rendered.
pub fn markdown(out: &str) -> Result<(), String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for event in Parser::new_ext(out, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => return Err(format!("raw HTML {h:?}")),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                return Err(format!("a link to {dest_url:?}"))
            }
            Event::Start(Tag::Table(_)) => return Err("a table".into()),
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => {
                return Err("a footnote".into())
            }
            Event::TaskListMarker(_) => return Err("a task list".into()),
            _ => {}
        }
    }
    Ok(())
}
