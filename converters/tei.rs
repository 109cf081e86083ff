//! TEI P5 writer, for digital-humanities corpora.
//!
//! The output is valid against `tei_all.rng` and follows the habits of diplomatic-document editions
//! (such as the Office of the Historian's FRUS TEI):
//!
//! * `teiHeader`: the subject as title; the cable id as `idno type="cable"`; a `sourceDesc` that
//!   describes the cable (station, serial, date, classification, partial extract) and the
//!   container it was read from; notes for what was interpreted (classification as written,
//!   section, E.O., classified-by, reasons, diagnostics); a `correspDesc` with the sender, the
//!   signers and the date (`sent`), and the action and information addressees (`received`, with
//!   `subtype="action"` / `"info"`); a `textClass` with the classification as `catRef`, one
//!   `term` per TAGS entry and one per caveat.
//! * `text/body`: `div type="header"` with every header line as written, in order (one `ab` per
//!   item, `@type` naming its kind, `lb` between lines; references as a `listBibl` headed
//!   by the written `REF:`, of `bibl n="A"` each starting with its label as `seg type="label"`), then `div type="text"`: paragraphs as `p n="N"` with `label`, the marking as
//!   `seg type="marking"` and roles as `@ana` pointing into a role taxonomy; dashed headings open
//!   `div type="section"` with a `head`; continuation and page markers as `fw type="marker"`, inside a paragraph where they broke into it; the
//!   closing signature as `closer/signed` and trailer lines as `trailer`.
//!
//! Characters XML 1.0 forbids are replaced with U+FFFD and counted in the report.

use super::edition::Links;
use super::naming::{
    collection_title, header_kind_name, references_keyword, role_name, split_closing, title,
    w3c_datetime,
};
use super::xml::{Dialect, XmlOut};
use super::{Collection, ConvertError, Converter, Entry, Loss, Options};
use crate::model::{Addressee, Block, Cable, HeaderItem, HeaderKind, Level, Paragraph, Run};
use std::io::{self, Write};

/// The TEI namespace.
pub const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// The TEI P5 converter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tei;

impl Converter for Tei {
    fn name(&self) -> &'static str {
        "tei"
    }

    fn extension(&self) -> &'static str {
        "xml"
    }

    fn media_type(&self) -> &'static str {
        "application/tei+xml"
    }

    fn description(&self) -> &'static str {
        "TEI P5 XML for digital-humanities corpora (valid against tei_all)"
    }

    fn write(
        &self,
        cable: &Cable,
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        let mut report = Loss::default();
        let mut x = XmlOut::new(out, Dialect::Xml);
        x.declaration()?;
        x.open("TEI", &[("xmlns", TEI_NS), ("xml:lang", "en")])?;
        tei_header(&mut x, cable, true)?;
        text(&mut x, cable, None, &mut report)?;
        x.close("TEI")?;
        x.newline()?;
        report.replaced(x.replaced());
        Ok(report)
    }

    fn collection(&self) -> Option<&dyn Collection> {
        Some(self)
    }
}

/// Several cables in one file: a `teiCorpus` whose `teiHeader` describes the corpus and holds the
/// taxonomies (classification, roles, TAGS, caveats) once, then one `TEI` per cable, whose
/// header points into them.
impl Collection for Tei {
    fn write_member(
        &self,
        cable: &Cable,
        entry: &Entry,
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        let mut report = Loss::default();
        let mut x = XmlOut::new(out, Dialect::Xml);
        let n = entry.number.to_string();
        x.open("TEI", &[("n", &n)])?;
        tei_header(&mut x, cable, false)?;
        text(&mut x, cable, None, &mut report)?;
        x.close("TEI")?;
        x.newline()?;
        report.replaced(x.replaced());
        Ok(report)
    }

    fn write_head(
        &self,
        entries: &[Entry],
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<(), ConvertError> {
        let mut x = XmlOut::new(out, Dialect::Xml);
        x.declaration()?;
        x.open("teiCorpus", &[("xmlns", TEI_NS), ("xml:lang", "en")])?;
        x.open("teiHeader", &[])?;
        x.open("fileDesc", &[])?;
        x.open("titleStmt", &[])?;
        let heading = collection_title(entries.len());
        x.leaf_text("title", &[("type", "main")], &heading, "lb")?;
        x.close("titleStmt")?;
        publication_stmt(&mut x, None)?;
        x.open("sourceDesc", &[])?;
        x.open("listBibl", &[])?;
        for entry in entries {
            let n = entry.number.to_string();
            x.open("bibl", &[("type", "cable"), ("n", &n)])?;
            x.leaf_text("title", &[], &entry.title, "lb")?;
            if let Some(id) = &entry.id {
                x.leaf_text("idno", &[("type", "cable")], id, "lb")?;
            }
            x.close("bibl")?;
        }
        x.close("listBibl")?;
        x.close("sourceDesc")?;
        x.close("fileDesc")?;
        encoding_desc(&mut x)?;
        x.close("teiHeader")?;
        x.newline()?;
        Ok(())
    }

    fn write_tail(&self, _options: &Options, out: &mut dyn Write) -> Result<(), ConvertError> {
        let mut x = XmlOut::new(out, Dialect::Xml);
        x.end("teiCorpus")?;
        x.trusted("\n")?;
        Ok(())
    }
}

/// Classification levels with their category ids in the classification taxonomy.
const LEVELS: [(Level, &str); 5] = [
    (Level::Unclassified, "cls-unclassified"),
    (Level::LimitedOfficialUse, "cls-limited-official-use"),
    (Level::Confidential, "cls-confidential"),
    (Level::Secret, "cls-secret"),
    (Level::TopSecret, "cls-top-secret"),
];

fn level_id(level: Level) -> &'static str {
    LEVELS
        .iter()
        .find(|(l, _)| *l == level)
        .map(|(_, id)| *id)
        .unwrap_or("cls-unclassified")
}

/// The cable's `teiHeader`; the taxonomies of the `encodingDesc` are written when `taxonomies`
/// is set (a member of a `teiCorpus` uses those of the corpus header).
pub(in crate::converters) fn tei_header(
    x: &mut XmlOut,
    cable: &Cable,
    taxonomies: bool,
) -> io::Result<()> {
    x.open("teiHeader", &[])?;
    file_desc(x, cable)?;
    if taxonomies {
        encoding_desc(x)?;
    }
    profile_desc(x, cable)?;
    x.close("teiHeader")
}

fn file_desc(x: &mut XmlOut, cable: &Cable) -> io::Result<()> {
    x.open("fileDesc", &[])?;
    x.open("titleStmt", &[])?;
    x.leaf_text("title", &[("type", "main")], title(cable), "lb")?;
    if let Some(author) = cable.sender_name().or(cable.station.as_deref()) {
        x.leaf("author", &[])?;
        x.inline("orgName", &[], author)?;
        x.end("author")?;
    }
    x.close("titleStmt")?;
    publication_stmt(x, cable.id.as_deref())?;
    notes_stmt(x, cable)?;
    source_desc(x, cable)?;
    x.close("fileDesc")
}

/// The `publicationStmt`, with the cable's id when there is one.
pub(in crate::converters) fn publication_stmt(x: &mut XmlOut, id: Option<&str>) -> io::Result<()> {
    x.open("publicationStmt", &[])?;
    x.leaf_text("publisher", &[], "cablegram", "lb")?;
    if let Some(id) = id {
        x.leaf_text("idno", &[("type", "cable")], id, "lb")?;
    }
    x.open("availability", &[])?;
    x.leaf_text(
        "p",
        &[],
        "Text of a US Government telegram as released; the markup is generated by cablegram.",
        "lb",
    )?;
    x.close("availability")?;
    x.close("publicationStmt")
}

/// Notes on what the model interpreted; written only when there is at least one.
fn notes_stmt(x: &mut XmlOut, cable: &Cable) -> io::Result<()> {
    let mut notes: Vec<(String, Option<String>, String)> = Vec::new();
    let mut note = |kind: &str, n: Option<&str>, text: &str| {
        notes.push((kind.to_string(), n.map(str::to_string), text.to_string()));
    };
    if cable.partial {
        note("partial", None, "Partial extract of the original cable.");
    }
    if let Some(c) = &cable.classification {
        note("classification", Some(c.level.as_str()), &c.text);
    }
    if let Some(s) = &cable.section {
        note(
            "section",
            None,
            &format!("SECTION {} OF {}", s.number, s.total),
        );
    }
    if let Some(eo) = &cable.executive_order {
        note("executive-order", eo.order.as_deref(), &eo.text);
        if let Some(d) = &eo.declassify_on {
            note("declassify-on", None, d);
        }
    }
    if let Some(m) = &cable.subject_marking {
        note("subject-marking", None, m);
    }
    if let Some(c) = &cable.classified_by {
        note("classified-by", None, c);
    }
    if let Some(name) = &cable.classified_by_name {
        note("classified-by-name", None, name);
    }
    if let Some(r) = &cable.reasons {
        note("reasons", None, r);
    }
    if let Some(item) = structured_references_item(cable) {
        note("references-as-written", None, &cable.header[item].text);
    }
    if notes.is_empty() && cable.diagnostics.is_empty() {
        return Ok(());
    }
    x.open("notesStmt", &[])?;
    for (kind, n, text) in &notes {
        let mut attrs = vec![("type", kind.as_str())];
        if let Some(n) = n {
            attrs.push(("n", n.as_str()));
        }
        x.leaf_text("note", &attrs, text, "lb")?;
    }
    for d in &cable.diagnostics {
        let severity = match d.severity {
            crate::model::Severity::Info => "info",
            crate::model::Severity::Warning => "warning",
            crate::model::Severity::Error => "error",
        };
        let place = format!("line {}, column {}", d.span.line, d.span.column);
        x.leaf(
            "note",
            &[
                ("type", "diagnostic"),
                ("subtype", severity),
                ("n", d.code.as_str()),
            ],
        )?;
        x.text(&format!("{place}: "))?;
        x.text(&d.message)?;
        if let Some(hint) = &d.hint {
            x.text(" Hint: ")?;
            x.text(hint)?;
        }
        x.end("note")?;
    }
    x.close("notesStmt")
}

fn source_desc(x: &mut XmlOut, cable: &Cable) -> io::Result<()> {
    x.open("sourceDesc", &[])?;
    x.open("bibl", &[("type", "cable")])?;
    x.leaf_text("title", &[], title(cable), "lb")?;
    if let Some(id) = &cable.id {
        x.leaf_text("idno", &[("type", "cable")], id, "lb")?;
    }
    if let Some(station) = &cable.station {
        x.leaf_text("orgName", &[("role", "station")], station, "lb")?;
    }
    if let Some(serial) = cable.serial {
        x.leaf_text("idno", &[("type", "serial")], &serial.to_string(), "lb")?;
    }
    if let Some(dt) = &cable.datetime {
        date(x, dt)?;
    }
    if let Some(c) = &cable.classification {
        x.leaf_text(
            "note",
            &[("type", "classification")],
            c.level.as_str(),
            "lb",
        )?;
    }
    if cable.partial {
        x.leaf_text("note", &[("type", "extent")], "partial extract", "lb")?;
    }
    x.close("bibl")?;
    if let Some(source) = &cable.source {
        x.open("bibl", &[("type", "container")])?;
        if let Some(path) = &source.path {
            x.leaf_text("idno", &[("type", "path")], path, "lb")?;
        }
        x.leaf_text(
            "note",
            &[("type", "container")],
            source.container.name(),
            "lb",
        )?;
        if let Some(index) = source.index {
            x.leaf_text("idno", &[("type", "index")], &index.to_string(), "lb")?;
        }
        if let Some(enc) = &source.encoding {
            x.leaf_text("note", &[("type", "encoding")], enc, "lb")?;
        }
        for (key, value) in &source.metadata {
            x.leaf_text("note", &[("type", "metadata"), ("n", key)], value, "lb")?;
        }
        x.close("bibl")?;
    }
    x.close("sourceDesc")
}

/// A `date` element, with `@when` when the value is a W3C date or date-time.
fn date(x: &mut XmlOut, value: &str) -> io::Result<()> {
    match w3c_datetime(value) {
        Some(when) => x.leaf_text("date", &[("when", &when)], value, "lb"),
        None => x.leaf_text("date", &[], value, "lb"),
    }
}

pub(in crate::converters) fn encoding_desc(x: &mut XmlOut) -> io::Result<()> {
    x.open("encodingDesc", &[])?;
    x.open("classDecl", &[])?;
    x.open("taxonomy", &[("xml:id", "classification")])?;
    for (level, id) in LEVELS {
        category(x, id, level.as_str())?;
    }
    x.close("taxonomy")?;
    x.open("taxonomy", &[("xml:id", "roles")])?;
    category(x, "role-summary", "Summary")?;
    category(x, "role-comment", "Comment")?;
    category(x, "role-quote", "Quoted text")?;
    x.close("taxonomy")?;
    x.open("taxonomy", &[("xml:id", "tags")])?;
    x.leaf_text(
        "bibl",
        &[],
        "State Department TAGS (Traffic Analysis by Geography and Subject)",
        "lb",
    )?;
    x.close("taxonomy")?;
    x.open("taxonomy", &[("xml:id", "caveats")])?;
    x.leaf_text("bibl", &[], "Handling caveats and captions", "lb")?;
    x.close("taxonomy")?;
    x.close("classDecl")?;
    x.close("encodingDesc")
}

fn category(x: &mut XmlOut, id: &str, desc: &str) -> io::Result<()> {
    x.leaf("category", &[("xml:id", id)])?;
    x.inline("catDesc", &[], desc)?;
    x.end("category")
}

fn profile_desc(x: &mut XmlOut, cable: &Cable) -> io::Result<()> {
    let has_sent = cable.from.is_some()
        || cable.station.is_some()
        || cable.datetime.is_some()
        || !cable.signers.is_empty();
    let has_corresp = has_sent || !cable.to.is_empty() || !cable.info.is_empty();
    let caveats = cable
        .classification
        .as_ref()
        .map(|c| c.caveats.as_slice())
        .unwrap_or_default();
    let has_class = cable.classification.is_some() || !cable.tags.is_empty();
    if !has_corresp && !has_class {
        return Ok(());
    }
    x.open("profileDesc", &[])?;
    if has_corresp {
        x.open("correspDesc", &[])?;
        if has_sent {
            sent(x, cable)?;
        }
        received(x, "action", &cable.to)?;
        received(x, "info", &cable.info)?;
        x.close("correspDesc")?;
    }
    if has_class {
        x.open("textClass", &[])?;
        if let Some(c) = &cable.classification {
            let target = format!("#{}", level_id(c.level));
            x.empty_block(
                "catRef",
                &[("scheme", "#classification"), ("target", &target)],
            )?;
        }
        keywords(x, "#tags", &cable.tags)?;
        keywords(x, "#caveats", caveats)?;
        x.close("textClass")?;
    }
    x.close("profileDesc")
}

fn sent(x: &mut XmlOut, cable: &Cable) -> io::Result<()> {
    x.open("correspAction", &[("type", "sent")])?;
    if let Some(from) = &cable.from {
        x.leaf_text("orgName", &[], &from.addressee, "lb")?;
    }
    if let Some(station) = &cable.station {
        x.leaf_text("placeName", &[], station, "lb")?;
    }
    for signer in &cable.signers {
        x.leaf_text("persName", &[("role", "signer")], signer, "lb")?;
    }
    if let Some(dt) = &cable.datetime {
        date(x, dt)?;
    }
    x.close("correspAction")
}

fn received(x: &mut XmlOut, subtype: &str, addressees: &[Addressee]) -> io::Result<()> {
    if addressees.is_empty() {
        return Ok(());
    }
    x.open(
        "correspAction",
        &[("type", "received"), ("subtype", subtype)],
    )?;
    for a in addressees {
        x.leaf_text("orgName", &[], &a.addressee, "lb")?;
    }
    x.close("correspAction")
}

fn keywords(x: &mut XmlOut, scheme: &str, terms: &[String]) -> io::Result<()> {
    if terms.is_empty() {
        return Ok(());
    }
    x.open("keywords", &[("scheme", scheme)])?;
    for t in terms {
        x.leaf_text("term", &[], t, "lb")?;
    }
    x.close("keywords")
}

/// The index of the header item shown as a structured `listBibl`: the first `References` item,
/// when the model holds parsed references.
fn structured_references_item(cable: &Cable) -> Option<usize> {
    if cable.references.is_empty() {
        return None;
    }
    cable
        .header
        .iter()
        .position(|h| h.kind == HeaderKind::References)
}

/// The cable's `text`; in an edition, `links` make its references `<ref target>`s to the cables
/// they cite.
pub(in crate::converters) fn text(
    x: &mut XmlOut,
    cable: &Cable,
    links: Option<&Links>,
    report: &mut Loss,
) -> io::Result<()> {
    x.open("text", &[])?;
    x.open("body", &[])?;
    let has_header = !cable.header.is_empty() || !cable.references.is_empty();
    if has_header {
        header_div(x, cable, links)?;
    }
    if !cable.body.is_empty() {
        body_div(x, cable, report)?;
    }
    if !has_header && cable.body.is_empty() {
        x.empty_block("ab", &[])?;
    }
    x.close("body")?;
    x.close("text")
}

fn header_div(x: &mut XmlOut, cable: &Cable, links: Option<&Links>) -> io::Result<()> {
    x.open("div", &[("type", "header")])?;
    let structured = structured_references_item(cable);
    for (i, item) in cable.header.iter().enumerate() {
        if Some(i) == structured {
            references(x, cable, links)?;
        } else {
            header_item(x, item)?;
        }
    }
    if structured.is_none() && !cable.references.is_empty() {
        references(x, cable, links)?;
    }
    x.close("div")
}

fn header_item(x: &mut XmlOut, item: &HeaderItem) -> io::Result<()> {
    let kind = header_kind_name(item.kind);
    x.leaf_text("ab", &[("type", kind)], &item.text, "lb")
}

fn references(x: &mut XmlOut, cable: &Cable, links: Option<&Links>) -> io::Result<()> {
    x.open("listBibl", &[("type", "references")])?;
    x.leaf_text("head", &[], &references_keyword(cable), "lb")?;
    for (i, r) in cable.references.iter().enumerate() {
        let target = links.and_then(|l| l.references.get(i)?.as_deref());
        match &r.label {
            Some(label) => {
                x.leaf("bibl", &[("n", label)])?;
                x.inline("seg", &[("type", "label")], &format!("{label}."))?;
                x.text(" ")?;
            }
            None => x.leaf("bibl", &[])?,
        }
        if let Some(target) = target {
            x.start("ref", &[("target", target)])?;
            x.lines(&r.text, "lb")?;
            x.end("ref")?;
        } else {
            x.lines(&r.text, "lb")?;
        }
        x.end("bibl")?;
    }
    x.close("listBibl")
}

fn body_div(x: &mut XmlOut, cable: &Cable, report: &mut Loss) -> io::Result<()> {
    x.open("div", &[("type", "text")])?;
    let (main, closing) = split_closing(&cable.body);
    let mut in_section = false;
    for block in main {
        if let Block::Heading { text, .. } = block {
            if in_section {
                x.close("div")?;
            }
            x.open("div", &[("type", "section")])?;
            x.leaf_text("head", &[], text, "lb")?;
            in_section = true;
        } else {
            block_element(x, cable, block, report)?;
        }
    }
    if in_section {
        x.close("div")?;
    }
    for block in closing {
        closing_element(x, block)?;
    }
    x.close("div")
}

/// A block of the main run (not a heading).
fn block_element(
    x: &mut XmlOut,
    cable: &Cable,
    block: &Block,
    report: &mut Loss,
) -> io::Result<()> {
    match block {
        Block::Paragraph { index } => match cable.paragraphs.get(*index) {
            Some(p) => paragraph(x, p),
            None => {
                report.lose(format!("body block points to missing paragraph {index}"));
                Ok(())
            }
        },
        Block::Heading { text, .. } => x.leaf_text("ab", &[("type", "heading")], text, "lb"),
        Block::Marker { text, .. } => x.leaf_text("fw", &[("type", "marker")], text, "lb"),
        Block::Signature { text, .. } => x.leaf_text("ab", &[("type", "signature")], text, "lb"),
        Block::Trailer { text, .. } => x.leaf_text("ab", &[("type", "trailer")], text, "lb"),
    }
}

/// A block of the closing run: signature, trailer or marker.
fn closing_element(x: &mut XmlOut, block: &Block) -> io::Result<()> {
    match block {
        Block::Signature { text, .. } => {
            x.leaf("closer", &[])?;
            x.start("signed", &[])?;
            x.lines(text, "lb")?;
            x.end("signed")?;
            x.end("closer")
        }
        Block::Trailer { text, .. } => x.leaf_text("trailer", &[], text, "lb"),
        Block::Marker { text, .. } => x.leaf_text("fw", &[("type", "marker")], text, "lb"),
        // `split_closing` puts only signatures, trailers and markers in the closing run.
        Block::Paragraph { .. } | Block::Heading { .. } => Ok(()),
    }
}

fn paragraph(x: &mut XmlOut, p: &Paragraph) -> io::Result<()> {
    let number = p.number.map(|n| n.to_string());
    let ana = p
        .roles
        .iter()
        .map(|r| format!("#role-{}", role_name(*r)))
        .collect::<Vec<_>>()
        .join(" ");
    let mut attrs: Vec<(&str, &str)> = Vec::new();
    if let Some(n) = &number {
        attrs.push(("n", n));
    }
    if !ana.is_empty() {
        attrs.push(("ana", &ana));
    }
    x.leaf("p", &attrs)?;
    if let Some(label) = &p.label {
        x.inline("label", &[], label)?;
        x.text(" ")?;
    }
    if let Some(marking) = &p.marking {
        x.text("(")?;
        x.inline("seg", &[("type", "marking")], marking)?;
        x.text(") ")?;
    }
    // Whether what was written last ends a word: a marker is set off from the words on either
    // side by a space, so that its text never runs into theirs (`THE <fw>…</fw> GOVERNMENT`).
    let mut open_word = false;
    for run in p.runs() {
        match run {
            Run::Text(text) => {
                if open_word && !text.starts_with(char::is_whitespace) {
                    x.text(" ")?;
                }
                x.lines(text, "lb")?;
                open_word = !text.ends_with(char::is_whitespace);
            }
            // Forme work is milestone-like in TEI: it may stand inside the paragraph, where the
            // page head or continuation line broke into it.
            Run::Marker(marker) => {
                if open_word {
                    x.text(" ")?;
                }
                x.start("fw", &[("type", "marker")])?;
                x.lines(&marker.text, "lb")?;
                x.end("fw")?;
                open_word = true;
            }
        }
    }
    x.end("p")
}
