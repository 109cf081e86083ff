//! Markdown writer, for publishing (static-site generators, GitHub, mdBook).
//!
//! The output is CommonMark that stays inert under the usual extensions (GFM tables,
//! strikethrough, footnotes, task lists, math, heading attributes):
//!
//! * YAML front matter ([`Options::front_matter`], on by default) with the metadata, every string
//!   a double-quoted scalar ([`crate::escape::yaml_scalar`]): `title`, `date` and `tags` as
//!   static-site generators read them (see [`metadata`]), then the cable's fields;
//! * the subject as the `# ` title;
//! * the header lines as written, in order, one paragraph each, lines joined by hard breaks
//!   (backslash line ends); the references as a paragraph opened by the written `REF:` (or `REFS:`, …) with one `A. …` line
//!   per item;
//! * the paragraphs with their labels exactly as written (no Markdown lists, which renumber: a
//!   label `11.` is written `11\.`), the marking in bold (`**(SBU)**`); paragraphs of quoted text
//!   as block quotes; dashed headings as `## `; markers in italics (on a line of their own inside a paragraph where they broke into it); signature and trailer lines as
//!   paragraphs.
//!
//! All cable text goes through [`crate::escape::markdown_line`] or
//! [`crate::escape::markdown_inline`], so it renders as the same characters and never as
//! Markdown or HTML. C0 control characters are replaced with U+FFFD; summary and comment roles
//! and parser diagnostics have no Markdown form and are reported as lost.

use super::edition::Links;
use super::naming::{collection_title, diagnostics_lost, references_keyword, title, w3c_datetime};
use super::{Collection, ConvertError, Converter, Entry, Loss, Options};
use crate::escape::{self, yaml_scalar};
use crate::model::{addressee_names, Block, Cable, HeaderKind, Paragraph, Role, Run};
use std::io::Write;

/// The Markdown converter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl Converter for Markdown {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn media_type(&self) -> &'static str {
        "text/markdown"
    }

    fn description(&self) -> &'static str {
        "Markdown with YAML front matter, escaped so that cable text stays text"
    }

    fn write(
        &self,
        cable: &Cable,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        let mut md = MdOut::default();
        if options.front_matter {
            md.buf.push_str(&format!("---\n{}---\n\n", metadata(cable)));
        }
        md.title(title(cable));
        header(&mut md, cable, None);
        body(&mut md, cable);
        out.write_all(md.buf.as_bytes())?;
        Ok(report(cable, md))
    }

    fn collection(&self) -> Option<&dyn Collection> {
        Some(self)
    }
}

/// Several cables in one document: a title and a numbered list of the cables, then a section per
/// cable: its title as a `## ` heading, its metadata (what the front matter holds for one cable)
/// as a fenced YAML block, its text, with dashed headings as `### `.
impl Collection for Markdown {
    fn write_member(
        &self,
        cable: &Cable,
        _entry: &Entry,
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        let mut md = MdOut {
            depth: 1,
            ..MdOut::default()
        };
        md.title(title(cable));
        if options.front_matter {
            // No line of the metadata starts with a backquote: the fence cannot end early.
            md.buf
                .push_str(&format!("\n```yaml\n{}```\n", metadata(cable)));
        }
        header(&mut md, cable, None);
        body(&mut md, cable);
        md.buf.push('\n');
        out.write_all(md.buf.as_bytes())?;
        Ok(report(cable, md))
    }

    fn write_head(
        &self,
        entries: &[Entry],
        options: &Options,
        out: &mut dyn Write,
    ) -> Result<(), ConvertError> {
        let mut md = MdOut::default();
        let heading = collection_title(entries.len());
        if options.front_matter {
            md.buf
                .push_str(&format!("---\ntitle: {}\n---\n\n", yaml_scalar(&heading)));
        }
        md.title(&heading);
        md.buf.push('\n');
        for entry in entries {
            let mut item = md.inline(entry.title.trim());
            if let Some(id) = entry.id_beside_title() {
                item = format!("{item} ({})", md.inline(id));
            }
            md.buf.push_str(&format!("{}. {item}\n", entry.number));
        }
        md.buf.push('\n');
        out.write_all(md.buf.as_bytes())?;
        Ok(())
    }

    fn write_tail(&self, _options: &Options, _out: &mut dyn Write) -> Result<(), ConvertError> {
        Ok(())
    }
}

/// What the Markdown of `cable` could not carry.
fn report(cable: &Cable, md: MdOut) -> Loss {
    let mut report = Loss::default();
    report.replaced(md.replaced);
    if md.missing > 0 {
        report.lose(format!(
            "{} body block(s) point to missing paragraphs",
            md.missing
        ));
    }
    let unmarked = cable
        .paragraphs
        .iter()
        .filter(|p| {
            p.roles
                .iter()
                .any(|r| matches!(r, Role::Summary | Role::Comment))
        })
        .count();
    if unmarked > 0 {
        report.lose(format!(
            "summary/comment roles of {unmarked} paragraph(s) not marked"
        ));
    }
    if let Some(lost) = diagnostics_lost(cable) {
        report.lose(lost);
    }
    report
}

/// The Markdown being built, and what could not be carried.
#[derive(Default)]
struct MdOut {
    buf: String,
    replaced: usize,
    missing: usize,
    /// How many levels the cable's headings are down: 0 for a cable alone (its title `# `, its
    /// dashed headings `## `), 1 for a member of a collection (`## `, `### `).
    depth: usize,
}

impl MdOut {
    fn inline(&mut self, text: &str) -> String {
        let e = escape::markdown_inline(text);
        self.replaced += e.replaced;
        e.into_string()
    }

    fn line(&mut self, text: &str) -> String {
        let e = escape::markdown_line(text);
        self.replaced += e.replaced;
        e.into_string()
    }

    /// The non-blank lines of `text`, each escaped for a line start.
    fn lines(&mut self, text: &str) -> Vec<String> {
        escape::lines(text)
            .map(|l| self.line(l))
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn title(&mut self, text: &str) {
        let t = self.inline(text.trim());
        let hashes = "#".repeat(self.depth + 1);
        self.buf.push_str(&format!("{hashes} {t}\n"));
    }

    /// Ends the previous block and writes `lines` as one paragraph with hard breaks, each line
    /// after `prefix` (`> ` in block quotes).
    fn paragraph(&mut self, lines: &[String], prefix: &str) {
        if lines.is_empty() {
            return;
        }
        self.buf.push('\n');
        let sep = format!("\\\n{prefix}");
        self.buf.push_str(prefix);
        self.buf.push_str(&lines.join(&sep));
        self.buf.push('\n');
    }

    /// A paragraph of the lines of `text`, as written.
    fn text_block(&mut self, text: &str) {
        let lines = self.lines(text);
        self.paragraph(&lines, "");
    }

    /// `text` in italics, its lines joined by hard breaks.
    fn italic_block(&mut self, text: &str) {
        let lines = self.lines(text);
        if !lines.is_empty() {
            let joined = format!("*{}*", lines.join("\\\n"));
            self.paragraph(&[joined], "");
        }
    }
}

fn header(md: &mut MdOut, cable: &Cable, links: Option<&Links>) {
    let structured = (!cable.references.is_empty())
        .then(|| {
            cable
                .header
                .iter()
                .position(|h| h.kind == HeaderKind::References)
        })
        .flatten();
    for (i, item) in cable.header.iter().enumerate() {
        if Some(i) == structured {
            references(md, cable, links);
        } else if item.kind == HeaderKind::PartialNotice {
            md.italic_block(&item.text);
        } else {
            md.text_block(&item.text);
        }
    }
    if structured.is_none() && !cable.references.is_empty() {
        references(md, cable, links);
    }
}

fn references(md: &mut MdOut, cable: &Cable, links: Option<&Links>) {
    let mut lines = vec![format!("**{}**", md.line(&references_keyword(cable)))];
    for (i, r) in cable.references.iter().enumerate() {
        // In an edition, the item's text links to the cable it cites (the address is the
        // edition's own: a relative path of letters, digits and `-`).
        if let Some(href) = links.and_then(|l| l.references.get(i)?.as_deref()) {
            let text = md.inline(&r.text.split_whitespace().collect::<Vec<_>>().join(" "));
            let label = match &r.label {
                Some(label) => format!("{} ", md.line(&format!("{label}."))),
                None => String::new(),
            };
            lines.push(format!("{label}[{text}]({href})"));
            continue;
        }
        let line = match &r.label {
            Some(label) => format!("{label}. {}", r.text),
            None => r.text.clone(),
        };
        let escaped = md.line(&line);
        if !escaped.is_empty() {
            lines.push(escaped);
        }
    }
    md.paragraph(&lines, "");
}

/// A cable as a page of an edition's content tree: the front matter with `extra` lists after
/// the cable's own fields, its references linked, and the cables that cite it.
pub(in crate::converters) fn edition_page(
    cable: &Cable,
    links: &Links,
    extra: &[(&str, &[String])],
) -> (String, Loss) {
    let mut md = MdOut::default();
    let mut y = Yaml {
        buf: metadata(cable),
    };
    for (key, values) in extra {
        y.list(key, values);
    }
    md.buf.push_str(&format!("---\n{}---\n\n", y.buf));
    md.title(title(cable));
    header(&mut md, cable, Some(links));
    body(&mut md, cable);
    if !links.cited_by.is_empty() {
        let hashes = "#".repeat(md.depth + 2);
        md.buf.push_str(&format!("\n{hashes} Cited by\n\n"));
        for (href, text) in &links.cited_by {
            let text = md.inline(text);
            md.buf.push_str(&format!("- [{text}]({href})\n"));
        }
    }
    let buf = std::mem::take(&mut md.buf);
    (buf, report(cable, md))
}

fn body(md: &mut MdOut, cable: &Cable) {
    for block in &cable.body {
        match block {
            Block::Paragraph { index } => match cable.paragraphs.get(*index) {
                Some(p) => paragraph(md, p),
                None => md.missing += 1,
            },
            Block::Heading { text, .. } => {
                let t = md.inline(text.trim());
                if !t.is_empty() {
                    let hashes = "#".repeat(md.depth + 2);
                    md.buf.push_str(&format!("\n{hashes} {t}\n"));
                }
            }
            Block::Marker { text, .. } => md.italic_block(text),
            Block::Signature { text, .. } | Block::Trailer { text, .. } => md.text_block(text),
        }
    }
}

/// The lines of a paragraph's content, escaped, each marker in italics on a line of its own where
/// it broke into the text; blank lines are left out.
fn content_lines(md: &mut MdOut, p: &Paragraph) -> Vec<String> {
    // Pieces of the line being built; the first one is escaped for a line start when it is text.
    let mut lines = Vec::new();
    let mut line: Vec<String> = Vec::new();
    for run in p.runs() {
        match run {
            Run::Text(text) => {
                for (i, piece) in escape::lines(text).enumerate() {
                    if i > 0 {
                        lines.push(std::mem::take(&mut line).join(" "));
                    }
                    let escaped = if line.is_empty() {
                        md.line(piece)
                    } else {
                        md.inline(piece.trim_matches([' ', '\t']))
                    };
                    if !escaped.is_empty() {
                        line.push(escaped);
                    }
                }
            }
            Run::Marker(marker) => {
                let words: Vec<&str> = escape::lines(&marker.text)
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                let escaped = md.inline(&words.join(" "));
                if !escaped.is_empty() {
                    // On a line of its own, as in the cable: the paragraph reads on around it,
                    // and the Markdown reader gives the parser the marker line back.
                    lines.push(std::mem::take(&mut line).join(" "));
                    lines.push(format!("*{escaped}*"));
                }
            }
        }
    }
    lines.push(line.join(" "));
    lines.retain(|l| !l.is_empty());
    lines
}

fn paragraph(md: &mut MdOut, p: &Paragraph) {
    let mut lines = content_lines(md, p);
    let mut lead = String::new();
    if let Some(label) = &p.label {
        lead.push_str(&md.line(label));
    }
    if let Some(marking) = &p.marking {
        let m = md.inline(marking.trim());
        if !lead.is_empty() {
            lead.push(' ');
        }
        lead.push_str(&format!("**({m})**"));
    }
    if !lead.is_empty() {
        match lines.first_mut() {
            // The first line no longer starts the line: its line-start escapes are harmless.
            Some(first) => *first = format!("{lead} {first}"),
            None => lines.push(lead),
        }
    }
    let prefix = if p.roles.contains(&Role::Quote) {
        "> "
    } else {
        ""
    };
    md.paragraph(&lines, prefix);
}

/// The metadata as a YAML mapping, one key per line: the front matter, without its `---` lines.
///
/// The keys that static-site generators read (Hugo, Jekyll, Zola) mean what they expect: `title`
/// (the subject, else the id), `date` (a W3C date-time they parse), and `tags`, the model's
/// `tags_normalized` (upper-cased without repeats), so that `prel` and `PREL` are one term of
/// the site's taxonomy; the TAGS as written are kept in `tags_as_written` when that differs.
fn metadata(cable: &Cable) -> String {
    let mut y = Yaml::default();
    y.scalar("title", Some(title(cable)));
    y.scalar("id", cable.id.as_deref());
    let date = cable
        .datetime
        .as_deref()
        .map(|dt| w3c_datetime(dt).unwrap_or_else(|| dt.to_string()));
    y.scalar("date", date.as_deref());
    if let Some(c) = &cable.classification {
        y.scalar("classification", Some(c.level.as_str()));
        y.scalar("classification_text", Some(&c.text));
        y.list("caveats", &c.caveats);
    }
    y.scalar("station", cable.station.as_deref());
    if let Some(serial) = cable.serial {
        y.raw("serial", &serial.to_string());
    }
    if let Some(s) = cable.section {
        y.raw(
            "section",
            &format!("{{number: {}, total: {}}}", s.number, s.total),
        );
    }
    y.raw("partial", if cable.partial { "true" } else { "false" });
    y.scalar("from", cable.sender_name());
    y.list("to", &addressee_names(&cable.to));
    y.list("info", &addressee_names(&cable.info));
    y.list("tags", &cable.tags_normalized);
    if cable.tags_normalized != cable.tags {
        y.list("tags_as_written", &cable.tags);
    }
    y.scalar("subject", cable.subject.as_deref());
    y.scalar("subject_marking", cable.subject_marking.as_deref());
    if !cable.references.is_empty() {
        y.buf.push_str("references:\n");
        for r in &cable.references {
            let label = r.label.as_deref().map_or("null".to_string(), yaml_scalar);
            y.buf.push_str(&format!(
                "  - {{label: {label}, text: {}}}\n",
                yaml_scalar(&r.text)
            ));
        }
    }
    if let Some(eo) = &cable.executive_order {
        y.buf.push_str("executive_order:\n");
        let opt = |v: &Option<String>| v.as_deref().map_or("null".to_string(), yaml_scalar);
        y.buf.push_str(&format!("  order: {}\n", opt(&eo.order)));
        y.buf
            .push_str(&format!("  text: {}\n", yaml_scalar(&eo.text)));
        y.buf
            .push_str(&format!("  declassify_on: {}\n", opt(&eo.declassify_on)));
    }
    y.scalar("classified_by", cable.classified_by.as_deref());
    y.scalar("classified_by_name", cable.classified_by_name.as_deref());
    y.scalar("reasons", cable.reasons.as_deref());
    y.list("signers", &cable.signers);
    if let Some(source) = &cable.source {
        y.scalar("source_path", source.path.as_deref());
        y.scalar("source_container", Some(source.container.name()));
    }
    y.buf
}

/// A YAML mapping being written, one key per line.
#[derive(Default)]
struct Yaml {
    buf: String,
}

impl Yaml {
    fn raw(&mut self, key: &str, value: &str) {
        self.buf.push_str(&format!("{key}: {value}\n"));
    }

    fn scalar(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.raw(key, &yaml_scalar(v));
        }
    }

    fn list(&mut self, key: &str, values: &[String]) {
        if values.is_empty() {
            return;
        }
        self.buf.push_str(&format!("{key}:\n"));
        for v in values {
            self.buf.push_str(&format!("  - {}\n", yaml_scalar(v)));
        }
    }
}
