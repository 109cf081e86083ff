//! HTML5 writer: a standalone page, or an `<article>` fragment for embedding
//! ([`Options::fragment`]).
//!
//! The page needs nothing outside itself (inline CSS, no scripts, no fonts), reads on a phone
//! (viewport meta, one fluid column) and prints (`@media print`). The article holds:
//!
//! * a `<header>` with the classification banner, the subject as `<h1>` and the metadata in a
//!   `<dl class="meta">`: the date as people read it (`16 October 2009, 15:01 UTC`) in a
//!   `<time datetime>`, TAGS and caveats each on one line;
//! * `<section class="cable-header">`: the header lines as written, in order, in one
//!   `<pre class="lines">`, each item a `<span class="h-KIND">` with `<br>` between lines; the
//!   partial-extract notice a `<p class="h-partial-notice">` of its own; the references as a
//!   `<dl class="refs">` (after a `<p class="refs-head">` with the written `REF:` when they are
//!   lettered);
//! * `<section class="cable-text">`: the paragraphs, each numbered one with `id="pN"` and the
//!   model's number as a self-link (`¶N`), the label as written in its title (and beside it, in
//!   a `<span class="as-written">`, when it says another number, as the seed's `11.` for ¶1);
//!   markings shown in bold and announced to screen readers (visually
//!   hidden text, and an `<abbr>` with the expansion when every part of the marking is known);
//!   headings as `<h2>`; markers between paragraphs, signature and trailer lines as classed
//!   paragraphs, and a marker that broke into a paragraph as a `<span class="marker">` where it
//!   stood.
//!
//! Characters that HTML forbids (C0 and C1 controls, noncharacters) are replaced with U+FFFD and
//! counted in the report; parser diagnostics are not written and are reported as lost.

use super::edition::Links;
use super::naming::{
    collection_title, diagnostics_lost, expand_marking, header_kind_name, readable_datetime,
    references_keyword, role_name, title, w3c_datetime,
};
use super::xml::{Dialect, XmlOut};
use super::{Collection, ConvertError, Converter, Entry, Loss, Options};
use crate::model::{Addressee, Block, Cable, HeaderKind, Paragraph, Run};
use std::collections::HashSet;
use std::io::{self, Write};

/// The HTML5 converter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

impl Converter for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extension(&self) -> &'static str {
        "html"
    }

    fn media_type(&self) -> &'static str {
        "text/html"
    }

    fn description(&self) -> &'static str {
        "HTML5 page (standalone, phone- and print-friendly) or an <article> fragment"
    }

    fn write(
        &self,
        cable: &Cable,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        let mut report = Loss::default();
        let mut x = XmlOut::new(out, Dialect::Html);
        if options.fragment {
            article(&mut x, cable, None, None, &mut report)?;
        } else {
            page(&mut x, cable, &mut report)?;
        }
        x.newline()?;
        Ok(finish_report(report, &x, cable))
    }

    fn collection(&self) -> Option<&dyn Collection> {
        Some(self)
    }
}

/// The report of a page or an article once written: the characters the output replaced, and
/// the diagnostics that HTML does not carry.
fn finish_report(mut report: Loss, x: &XmlOut, cable: &Cable) -> Loss {
    report.replaced(x.replaced());
    if let Some(lost) = diagnostics_lost(cable) {
        report.lose(lost);
    }
    report
}

/// Several cables on one page: a `<nav>` with the table of contents, then an `<article>` per
/// cable (`id="cable-N"`, its paragraphs' anchors `cable-N-p1`, …). With
/// [`Options::fragment`], the `<nav>` and the articles without the page around them.
impl Collection for Html {
    fn write_member(
        &self,
        cable: &Cable,
        entry: &Entry,
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        let mut report = Loss::default();
        let mut x = XmlOut::new(out, Dialect::Html);
        article(&mut x, cable, Some(entry), None, &mut report)?;
        x.newline()?;
        Ok(finish_report(report, &x, cable))
    }

    fn write_head(
        &self,
        entries: &[Entry],
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<(), ConvertError> {
        let mut x = XmlOut::new(out, Dialect::Html);
        let heading = collection_title(entries.len());
        if !options.fragment {
            head(&mut x, &heading, None)?;
            x.open("body", &[])?;
            x.open("main", &[])?;
            x.leaf_text("h1", &[], &heading, "br")?;
        }
        x.open("nav", &[("aria-label", "Contents")])?;
        x.open("ol", &[("class", "contents")])?;
        for entry in entries {
            x.leaf("li", &[])?;
            let href = format!("#{}", entry.anchor());
            x.inline("a", &[("href", &href)], &entry.title)?;
            if let Some(id) = entry.id_beside_title() {
                x.text(" (")?;
                x.text(id)?;
                x.text(")")?;
            }
            x.end("li")?;
        }
        x.close("ol")?;
        x.close("nav")?;
        x.newline()?;
        Ok(())
    }

    fn write_tail(&self, options: &Options, out: &mut dyn Write) -> Result<(), ConvertError> {
        if !options.fragment {
            let mut x = XmlOut::new(out, Dialect::Html);
            for name in ["main", "body", "html"] {
                x.end(name)?;
                x.trusted("\n")?;
            }
        }
        Ok(())
    }
}

/// The page's style sheet. It must stay free of `<` and `&`: it is written as is.
pub(in crate::converters) const CSS: &str = "
:root { color-scheme: light dark; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; line-height: 1.3; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin-top: 1.5rem; }
.banner { font-weight: bold; text-align: center; letter-spacing: 0.1em; margin: 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; }
.meta dt { grid-column: 1; font-weight: bold; }
.meta dd { grid-column: 2; margin: 0; overflow-wrap: anywhere; }
.cable-header { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.9rem; overflow-wrap: anywhere; }
.cable-header pre { font: inherit; white-space: pre-wrap; margin: 0 0 1rem; }
.refs dt, .refs-head { font-weight: bold; }
.refs dd { margin-left: 2rem; }
.para, .signature, .trailer { overflow-wrap: anywhere; }
.label { font-weight: bold; text-decoration: none; color: inherit; }
.as-written { color: #777; font-size: 0.85rem; }
.marking { font-weight: bold; }
.summary, .comment { border-left: 0.25rem solid #888; padding-left: 0.75rem; }
.quote { margin-left: 2rem; }
.marker { color: #777; font-size: 0.85rem; font-family: ui-monospace, monospace; }
.signature { font-weight: bold; }
.vh { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media print {
  body { font: 11pt/1.4 Georgia, serif; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .para, .refs, .meta { break-inside: avoid; }
  h1, h2 { break-after: avoid; }
}
";

fn page(x: &mut XmlOut, cable: &Cable, report: &mut Loss) -> io::Result<()> {
    head(x, &page_title(cable), None)?;
    x.open("body", &[])?;
    x.open("main", &[])?;
    article(x, cable, None, None, report)?;
    x.close("main")?;
    x.close("body")?;
    x.close("html")
}

/// The title of a cable's page: the subject and the id.
pub(in crate::converters) fn page_title(cable: &Cable) -> String {
    match (&cable.id, &cable.subject) {
        (Some(id), Some(_)) if !id.trim().is_empty() => format!("{} ({id})", title(cable)),
        _ => title(cable).to_string(),
    }
}

/// A page of an edition: the page's own style sheet and script, at these addresses.
pub(in crate::converters) struct Assets<'a> {
    pub stylesheet: &'a str,
    pub script: Option<&'a str>,
}

/// The page up to `<body>`: the document type, `<html>` and the `<head>` with `page_title`, and
/// the edition's style sheet and script when it is a page of an edition.
pub(in crate::converters) fn head(
    x: &mut XmlOut,
    page_title: &str,
    assets: Option<&Assets>,
) -> io::Result<()> {
    x.doctype("html")?;
    x.open("html", &[("lang", "en")])?;
    x.open("head", &[])?;
    x.empty_block("meta", &[("charset", "utf-8")])?;
    x.empty_block(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    )?;
    x.leaf_text("title", &[], page_title, "br")?;
    x.leaf("style", &[])?;
    x.trusted(CSS)?;
    x.end("style")?;
    if let Some(assets) = assets {
        x.empty_block(
            "link",
            &[("rel", "stylesheet"), ("href", assets.stylesheet)],
        )?;
        if let Some(script) = assets.script {
            x.leaf("script", &[("src", script), ("defer", "")])?;
            x.end("script")?;
            x.newline()?;
        }
    }
    x.close("head")
}

/// The cable's `<article>`; as a member of a collection it has the member's anchor as its id,
/// and its paragraphs' anchors start with it. In an edition, `links` make its references links
/// to the cables they cite, and add the cables that cite it and its sources.
pub(in crate::converters) fn article(
    x: &mut XmlOut,
    cable: &Cable,
    member: Option<&Entry>,
    links: Option<&Links>,
    report: &mut Loss,
) -> io::Result<()> {
    let anchor = member.map(Entry::anchor);
    let mut attrs = vec![("class", "cable"), ("lang", "en")];
    if let Some(anchor) = &anchor {
        attrs.push(("id", anchor));
    }
    x.open("article", &attrs)?;
    x.open("header", &[])?;
    if let Some(c) = &cable.classification {
        x.leaf("p", &[("class", "banner")])?;
        x.inline("span", &[("class", "vh")], "Classification: ")?;
        x.text(c.level.as_str())?;
        x.end("p")?;
    }
    x.leaf_text("h1", &[], title(cable), "br")?;
    meta(x, cable)?;
    x.close("header")?;
    if !cable.header.is_empty() || !cable.references.is_empty() {
        header_section(x, cable, links)?;
    }
    if !cable.body.is_empty() {
        let prefix = anchor.map_or(String::new(), |a| format!("{a}-"));
        body_section(x, cable, &prefix, report)?;
    }
    if let Some(links) = links {
        edition_sections(x, links)?;
    }
    x.close("article")
}

/// In an edition: the cables that cite this one, and every source it was found in.
fn edition_sections(x: &mut XmlOut, links: &Links) -> io::Result<()> {
    if !links.cited_by.is_empty() {
        x.open(
            "section",
            &[("class", "cited-by"), ("aria-labelledby", "cited-by")],
        )?;
        x.leaf_text("h2", &[("id", "cited-by")], "Cited by", "br")?;
        x.open("ul", &[])?;
        for (href, text) in &links.cited_by {
            x.leaf("li", &[])?;
            x.inline("a", &[("href", href)], text)?;
            x.end("li")?;
        }
        x.close("ul")?;
        x.close("section")?;
    }
    if links.sources.len() > 1 {
        x.open(
            "section",
            &[("class", "sources"), ("aria-labelledby", "sources")],
        )?;
        x.leaf_text("h2", &[("id", "sources")], "Sources", "br")?;
        x.leaf_text(
            "p",
            &[],
            "The cable was found in these sources; the first one's text is shown.",
            "br",
        )?;
        x.open("ul", &[])?;
        for source in &links.sources {
            x.leaf_text("li", &[], source, "br")?;
        }
        x.close("ul")?;
        x.close("section")?;
    }
    Ok(())
}

/// The value of an optional field, as a list of zero or one.
fn opt(v: &Option<String>) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// The values of a list field.
fn all(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Senders or addressees, each as written (`RUEHC/SECSTATE WASHDC IMMEDIATE 2621`).
fn written(v: &[Addressee]) -> Vec<&str> {
    v.iter().map(|a| a.text.as_str()).collect()
}

/// A list of short words (TAGS, caveats) as one value on one line: `PREL, PHUM, KZ`.
fn joined(v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v.join(", "))
}

/// One `<dt>` and its `<dd>`s, when there are values.
fn row(x: &mut XmlOut, term: &str, values: &[&str]) -> io::Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    x.leaf_text("dt", &[], term, "br")?;
    for v in values {
        x.leaf_text("dd", &[], v, "br")?;
    }
    Ok(())
}

fn meta(x: &mut XmlOut, cable: &Cable) -> io::Result<()> {
    x.open("dl", &[("class", "meta")])?;
    row(x, "Reference ID", &opt(&cable.id))?;
    if let Some(dt) = &cable.datetime {
        x.leaf_text("dt", &[], "Date", "br")?;
        x.leaf("dd", &[])?;
        match (w3c_datetime(dt), readable_datetime(dt)) {
            (Some(when), Some(readable)) => {
                x.inline("time", &[("datetime", &when)], &readable)?;
            }
            _ => x.text(dt)?,
        }
        x.end("dd")?;
    }
    if let Some(c) = &cable.classification {
        row(x, "Classification", &[c.level.as_str()])?;
        row(x, "Caveats", &opt(&joined(&c.caveats)))?;
    }
    row(x, "Origin", &opt(&cable.station))?;
    row(x, "Serial", &opt(&cable.serial.map(|s| s.to_string())))?;
    let section = cable
        .section
        .map(|s| format!("{} of {}", s.number, s.total));
    row(x, "Section", &opt(&section))?;
    if cable.partial {
        row(x, "Extent", &["Partial extract of the original cable"])?;
    }
    row(x, "From", &written(cable.from.as_slice()))?;
    row(x, "To", &written(&cable.to))?;
    row(x, "Info", &written(&cable.info))?;
    row(x, "Tags", &opt(&joined(&cable.tags)))?;
    if let Some(eo) = &cable.executive_order {
        let text = match &eo.order {
            Some(order) => format!("E.O. {order}: {}", eo.text),
            None => eo.text.clone(),
        };
        row(x, "Executive order", &[&text])?;
    }
    row(x, "Subject marking", &opt(&cable.subject_marking))?;
    row(x, "Classified by", &opt(&cable.classified_by))?;
    row(x, "Classifier", &opt(&cable.classified_by_name))?;
    row(x, "Reasons", &opt(&cable.reasons))?;
    row(x, "Signed", &all(&cable.signers))?;
    if let Some(source) = &cable.source {
        let where_ = match &source.path {
            Some(path) => format!("{path} ({})", source.container),
            None => source.container.to_string(),
        };
        row(x, "Source", &[&where_])?;
    }
    x.close("dl")
}

fn header_section(x: &mut XmlOut, cable: &Cable, links: Option<&Links>) -> io::Result<()> {
    x.open(
        "section",
        &[
            ("class", "cable-header"),
            ("aria-label", "Header as written"),
        ],
    )?;
    let structured = (!cable.references.is_empty())
        .then(|| {
            cable
                .header
                .iter()
                .position(|h| h.kind == HeaderKind::References)
        })
        .flatten();
    // The lines as one preformatted block, each item a span of its kind; the structured
    // references and the partial-extract notice (a sentence, not a line of the cable) break it.
    let mut in_block = false;
    for (i, item) in cable.header.iter().enumerate() {
        let apart = Some(i) == structured || item.kind == HeaderKind::PartialNotice;
        if apart && in_block {
            x.end("pre")?;
            in_block = false;
        }
        let class = format!("h-{}", header_kind_name(item.kind));
        if Some(i) == structured {
            references(x, cable, links)?;
        } else if apart {
            x.leaf_text("p", &[("class", &class)], &item.text, "br")?;
        } else {
            if in_block {
                x.empty("br", &[])?;
            } else {
                x.leaf("pre", &[("class", "lines")])?;
                in_block = true;
            }
            x.start("span", &[("class", &class)])?;
            x.lines(&item.text, "br")?;
            x.end("span")?;
        }
    }
    if in_block {
        x.end("pre")?;
    }
    if structured.is_none() && !cable.references.is_empty() {
        references(x, cable, links)?;
    }
    x.close("section")
}

fn references(x: &mut XmlOut, cable: &Cable, links: Option<&Links>) -> io::Result<()> {
    let keyword = references_keyword(cable);
    if cable.references.iter().any(|r| r.label.is_some()) {
        x.leaf_text("p", &[("class", "refs-head")], &keyword, "br")?;
    }
    x.open("dl", &[("class", "refs"), ("aria-label", "References")])?;
    for (i, r) in cable.references.iter().enumerate() {
        let label = match &r.label {
            Some(l) => format!("{l}."),
            None => keyword.trim_end_matches(':').to_string(),
        };
        x.leaf_text("dt", &[], &label, "br")?;
        let link = links.and_then(|l| l.references.get(i)?.as_deref());
        match link {
            Some(href) => {
                x.leaf("dd", &[])?;
                x.start("a", &[("href", href)])?;
                x.lines(&r.text, "br")?;
                x.end("a")?;
                x.end("dd")?;
            }
            None => x.leaf_text("dd", &[], &r.text, "br")?,
        }
    }
    x.close("dl")
}

/// The paragraphs; their anchors start with `prefix`.
fn body_section(x: &mut XmlOut, cable: &Cable, prefix: &str, report: &mut Loss) -> io::Result<()> {
    x.open(
        "section",
        &[("class", "cable-text"), ("aria-label", "Cable text")],
    )?;
    let mut ids = HashSet::new();
    for block in &cable.body {
        match block {
            Block::Paragraph { index } => match cable.paragraphs.get(*index) {
                Some(p) => paragraph(x, p, prefix, &mut ids)?,
                None => report.lose(format!("body block points to missing paragraph {index}")),
            },
            Block::Heading { text, .. } => x.leaf_text("h2", &[], text, "br")?,
            Block::Marker { text, .. } => {
                x.leaf_text("p", &[("class", "marker")], text, "br")?;
            }
            Block::Signature { text, .. } => {
                x.leaf_text("p", &[("class", "signature")], text, "br")?;
            }
            Block::Trailer { text, .. } => {
                x.leaf_text("p", &[("class", "trailer")], text, "br")?;
            }
        }
    }
    x.close("section")
}

/// A unique anchor for paragraph `n`: `p1`, or `p1-2` for the second paragraph numbered 1, after
/// `prefix`.
fn anchor(prefix: &str, n: u32, ids: &mut HashSet<String>) -> String {
    let base = format!("{prefix}p{n}");
    let mut id = base.clone();
    let mut k = 1;
    while !ids.insert(id.clone()) {
        k += 1;
        id = format!("{base}-{k}");
    }
    id
}

fn paragraph(
    x: &mut XmlOut,
    p: &Paragraph,
    prefix: &str,
    ids: &mut HashSet<String>,
) -> io::Result<()> {
    let id = p.number.map(|n| anchor(prefix, n, ids));
    let class = std::iter::once("para")
        .chain(p.roles.iter().map(|r| role_name(*r)))
        .collect::<Vec<_>>()
        .join(" ");
    let mut attrs = vec![("class", class.as_str())];
    if let Some(id) = &id {
        attrs.push(("id", id));
    }
    x.leaf("p", &attrs)?;
    match (p.number, &id, &p.label) {
        // The model's number, as a self-link; the label as written in its title, and beside it
        // when it says another number (the seed's `11.` is the model's ¶1).
        (Some(n), Some(id), label) => {
            let href = format!("#{id}");
            let number = format!("\u{b6}{n}");
            let title = label.as_ref().map(|l| format!("As written: {}", l.trim()));
            let mut attrs = vec![("class", "label"), ("href", href.as_str())];
            if let Some(title) = &title {
                attrs.push(("title", title));
            }
            x.inline("a", &attrs, &number)?;
            if let Some(label) = label.as_ref().filter(|l| !says_number(l, n)) {
                x.text(" ")?;
                x.inline(
                    "span",
                    &[("class", "as-written")],
                    &format!("(written {})", label.trim()),
                )?;
            }
            x.text(" ")?;
        }
        (_, _, Some(label)) => {
            x.inline("span", &[("class", "label")], label)?;
            x.text(" ")?;
        }
        _ => {}
    }
    if let Some(marking) = &p.marking {
        marking_span(x, marking)?;
        x.text(" ")?;
    }
    // A marker stands where it broke into the text; the text after it starts with the space
    // that joined the lines, so only the side before it needs one.
    let mut after_text = false;
    for run in p.runs() {
        match run {
            Run::Text(text) => {
                x.lines(text, "br")?;
                after_text = !text.ends_with(char::is_whitespace);
            }
            Run::Marker(marker) => {
                if after_text {
                    x.text(" ")?;
                }
                x.start("span", &[("class", "marker")])?;
                x.lines(&marker.text, "br")?;
                x.end("span")?;
                after_text = true;
            }
        }
    }
    x.end("p")
}

/// Whether a paragraph label says the number `n` and nothing else (`1.`, `¶1.`, `(1)`, but not
/// `11.`, `01.` or `PARA 1.`): its one word is `n`, so `¶n` shows every word of it.
fn says_number(label: &str, n: u32) -> bool {
    let mut words = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    words.next() == Some(n.to_string().as_str()) && words.next().is_none()
}

/// `(SBU)` in bold, announced as a classification marking, expanded when the parts are known.
fn marking_span(x: &mut XmlOut, marking: &str) -> io::Result<()> {
    x.start("span", &[("class", "marking")])?;
    x.inline("span", &[("class", "vh")], "Paragraph marking: ")?;
    x.text("(")?;
    match expand_marking(marking) {
        Some(words) => x.inline("abbr", &[("title", &words)], marking)?,
        None => x.text(marking)?,
    }
    x.text(")")?;
    x.end("span")
}
