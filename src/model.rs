//! The cable document model.
//!
//! One model, many readers and writers: the parser (see [`crate::parser`]) fills it from text, the
//! converters render it. It holds no parser types and knows nothing of output formats. Every piece
//! of the source text belongs to exactly one place in the model, as written, with a [`Span`] back
//! to the source: nothing is dropped.
//!
//! The top-level fields (`id`, `station`, `classification`, `tags`, `paragraphs`, …) are the
//! interpreted metadata and form a contract that other tools rely on (see `schema/cable.schema.json`).
//! `header` and `body` keep the document in its written order, for the converters.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A byte range in the parsed text, with the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// One cable, as read from its text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Cable {
    /// Canonical reference id (`05ALMATY1938`) when the year is known.
    pub id: Option<String>,
    /// Where `id` came from: the text, the container's reference id or the file name, each used
    /// only when it agrees with the text's station and serial.
    pub id_source: Option<FieldSource>,
    /// The originating station as written in the classification line (`ALMATY`, `UNVIE VIENNA`).
    pub station: Option<String>,
    /// Where `station` (and `serial`) came from: the text, or the container's reference id.
    pub station_source: Option<FieldSource>,
    /// The cable's serial number.
    pub serial: Option<u64>,
    /// True when the text is a partial extract of the original cable.
    pub partial: bool,
    pub classification: Option<Classification>,
    /// Where `classification` came from: the text, or the container when the text has none.
    pub classification_source: Option<FieldSource>,
    /// ISO 8601 UTC date-time from the date-time group or the date line, or else the container's
    /// date (a date without a time when that is all it gives).
    pub datetime: Option<String>,
    /// Where `datetime` came from: the text, or the container when the text has none.
    pub datetime_source: Option<FieldSource>,
    /// The sender (`FM AMEMBASSY NEW DELHI`).
    pub from: Option<Addressee>,
    /// Action addressees (`TO`), one per entry, in written order.
    pub to: Vec<Addressee>,
    /// Information addressees (`INFO`).
    pub info: Vec<Addressee>,
    /// TAGS entries, as written.
    pub tags: Vec<String>,
    /// The TAGS upper-cased, each once, in written order (`prel` and `PREL` are one tag).
    #[serde(default)]
    pub tags_normalized: Vec<String>,
    /// The subject on one line, marking removed.
    pub subject: Option<String>,
    /// The marking written before the subject, such as `C` in `SUBJECT: (C) …`.
    pub subject_marking: Option<String>,
    pub references: Vec<Reference>,
    pub classified_by: Option<String>,
    /// The person of `classified_by`, without the office before or after the name
    /// (`PolCouns Dennis Hearne` → `Dennis Hearne`).
    #[serde(default)]
    pub classified_by_name: Option<String>,
    pub reasons: Option<String>,
    /// `SECTION nn OF nn` of the classification line.
    pub section: Option<Section>,
    pub executive_order: Option<ExecutiveOrder>,
    /// Paragraphs of the body in order; [`Block::Paragraph`] points into this list.
    pub paragraphs: Vec<Paragraph>,
    /// Signers from the signature line(s).
    pub signers: Vec<String>,
    /// The lines before the body, in written order.
    pub header: Vec<HeaderItem>,
    /// The body, in written order.
    pub body: Vec<Block>,
    pub diagnostics: Vec<Diagnostic>,
    /// Where the text came from; filled by the reader, not by the parser.
    pub source: Option<Source>,
}

/// Where a field's value was read: what the parser found in the text comes first, the rest is
/// a fallback (see [`crate::source`]'s container facts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldSource {
    /// The cable's own text.
    Text,
    /// The container's record of the cable: a site page's table, a CSV row's columns, a JSON
    /// dump's fields, a text dump's metadata lines.
    Container,
    /// The name of the file the cable was read from (`10YEREVAN82.txt`).
    FileName,
}

/// Classification levels, lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    #[serde(rename = "UNCLASSIFIED")]
    Unclassified,
    #[serde(rename = "LIMITED OFFICIAL USE")]
    LimitedOfficialUse,
    #[serde(rename = "CONFIDENTIAL")]
    Confidential,
    #[serde(rename = "SECRET")]
    Secret,
    #[serde(rename = "TOP SECRET")]
    TopSecret,
}

impl Level {
    /// The level's name as the contract spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Unclassified => "UNCLASSIFIED",
            Level::LimitedOfficialUse => "LIMITED OFFICIAL USE",
            Level::Confidential => "CONFIDENTIAL",
            Level::Secret => "SECRET",
            Level::TopSecret => "TOP SECRET",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub level: Level,
    /// The classification as written (`C O N F I D E N T I A L`, `UNCLAS`).
    pub text: String,
    /// Handling and captions: `SIPDIS`, `SENSITIVE`, `NOFORN`, …
    pub caveats: Vec<String>,
}

/// A sender or an addressee of the transmission header, in its parts:
/// `RUEHC/SECSTATE WASHDC IMMEDIATE 2621` is routed by `RUEHC` to `SECSTATE WASHDC`, with the
/// precedence `IMMEDIATE` and the serial 2621 (the sender's running number for that addressee).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addressee {
    /// The routing indicator before the `/` (`RUEHC`), or null.
    pub routing: Option<String>,
    /// The name, spaces squeezed (`SECSTATE WASHDC`, `AMEMBASSY BOGOTA`).
    pub addressee: String,
    /// How urgently the addressee is to act (`IMMEDIATE`, `PRIORITY`, `NIACT IMMEDIATE`), or null.
    pub precedence: Option<String>,
    /// The serial after the name, without its leading zeros, or null.
    pub serial: Option<u64>,
    /// The whole entry as written, spaces squeezed.
    pub text: String,
}

impl Addressee {
    /// An addressee known by its name alone (`text` is the name).
    pub fn named(name: impl Into<String>) -> Self {
        let name = name.into();
        Addressee {
            routing: None,
            addressee: name.clone(),
            precedence: None,
            serial: None,
            text: name,
        }
    }
}

/// The names of `addressees`, in order (`SECSTATE WASHDC`, `AMEMBASSY BOGOTA`).
pub fn addressee_names(addressees: &[Addressee]) -> Vec<String> {
    addressees.iter().map(|a| a.addressee.clone()).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub number: u32,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecutiveOrder {
    /// The order's number as written (`12958`), when one is given.
    pub order: Option<String>,
    /// What follows it: `DECL: 12/04/2012`, `N/A`, `OADR`, …
    pub text: String,
    /// The declassification date, ISO 8601, when one is given.
    pub declassify_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The item's letter (`A`), or null for a single reference.
    pub label: Option<String>,
    pub text: String,
    /// The first cable the item names, as written: its parts, before any interpretation.
    #[serde(default)]
    pub cited: Option<CitedCable>,
    /// The canonical id of that cable (`09STATE110904`), or null when the item names something
    /// else or the id cannot be decided (a diagnostic then says why). See [`crate::refs`].
    #[serde(default)]
    pub cites: Option<String>,
}

/// A cable named in a REF item, as written: `09 STATE 110904`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedCable {
    /// The year the item gives (`09` is 2009), or null.
    pub year: Option<i32>,
    /// The station as written, spaces squeezed (`SECSTATE`, `USUN NEW YORK`).
    pub station: String,
    /// The serial, without its leading zeros.
    pub serial: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph number, or null for an unnumbered paragraph.
    pub number: Option<u32>,
    /// The label as written (`¶1.`, `1.`, `11.`).
    pub label: Option<String>,
    /// The marking (`SBU`, `S/NF`, `C/REL ISAF`) without parentheses.
    pub marking: Option<String>,
    /// The text, continuation and page markers removed, wrapped lines joined.
    pub text: String,
    /// Summary, comment or quoted text that this paragraph opens or lies in.
    pub roles: Vec<Role>,
    /// Section-continuation and page-header lines that interrupted the paragraph.
    pub markers: Vec<Line>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Summary,
    Comment,
    Quote,
}

/// A line that interrupted a paragraph (a section-continuation line, a page head), as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub text: String,
    /// Where it interrupted the paragraph: a byte offset into the paragraph's `text`.
    pub at: usize,
    pub span: Span,
}

/// A piece of the header, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderItem {
    pub kind: HeaderKind,
    /// The lines as written, joined by newlines.
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderKind {
    /// "This record is a partial extract of the original cable…"
    PartialNotice,
    /// E-mail or message-system wrapper lines before the cable.
    Wrapper,
    /// `VZCZC…`
    TransmissionId,
    /// Precedence and routing indicators.
    Routing,
    /// `DE RUEHBO #1165 0471902`
    Originator,
    /// `ZNR UUUUU ZZH`
    SecurityLine,
    /// `R 161902Z FEB 07`
    DateTimeGroup,
    From,
    To,
    Info,
    /// `BT`
    Break,
    /// `PAGE 01 …`, `ACTION …`, `INFO LOG-00 …` of received copies.
    ReceivedCopy,
    /// National Archives banner of declassified telegrams.
    ArchiveBanner,
    /// `C O R R E C T E D C O P Y …`
    CorrectedCopy,
    ClassificationLine,
    /// `SIPDIS`, `NOFORN`, `STATE FOR …`, `PASS TO …`
    Caption,
    /// `Tuesday, 20 January 2004, 09:44`
    DateLine,
    ExecutiveOrder,
    Tags,
    Subject,
    References,
    ClassifiedBy,
    /// Section-continuation or page-header line in the header.
    Marker,
    /// A line no header rule recognises.
    Unrecognized,
}

/// A block of the body, in written order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph; `index` points into [`Cable::paragraphs`].
    Paragraph { index: usize },
    /// A dashed section heading.
    Heading { text: String, span: Span },
    /// A section-continuation or page-header line between paragraphs.
    Marker { text: String, span: Span },
    /// The signature line(s).
    Signature { text: String, span: Span },
    /// Closing lines: a repeated classification, `NNNN`, `End Cable Text`.
    Trailer { text: String, span: Span },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A departure of the text from the grammar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, such as `C0101`.
    pub code: crate::diagnostics::Code,
    pub severity: Severity,
    /// What was expected or found, in words.
    pub message: String,
    pub hint: Option<String>,
    pub span: Span,
}

/// Where a cable was read from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Source {
    pub path: Option<String>,
    /// The container it was read from (written `text`, `markdown`, `html`, `csv`, `json`).
    pub container: crate::source::Container,
    /// Row or item number within the container, for multi-cable containers.
    pub index: Option<u64>,
    /// The container's own metadata (a page's table, a CSV row's columns), kept apart from what
    /// the text says.
    pub metadata: BTreeMap<String, String>,
    /// The text encoding that was decoded (`utf-8`, `windows-1252`).
    pub encoding: Option<String>,
}

impl Cable {
    /// The sender's name (`AMEMBASSY NEW DELHI`), without routing indicator or serial.
    pub fn sender_name(&self) -> Option<&str> {
        self.from.as_ref().map(|a| a.addressee.as_str())
    }

    /// The first header item of a kind.
    pub fn header_item(&self, kind: HeaderKind) -> Option<&HeaderItem> {
        self.header.iter().find(|h| h.kind == kind)
    }

    /// The cable's year: its date's, or else the two digits that open its reference id (which
    /// are the year of the cable's serial).
    pub fn year(&self) -> Option<i32> {
        let from_date = self
            .datetime
            .as_deref()
            .and_then(|d| d.get(..4)?.parse().ok());
        from_date.or_else(|| {
            let digits = self.id.as_deref()?.get(..2)?;
            Some(crate::parser::interpret::full_year(digits.parse().ok()?))
        })
    }

    /// The worst severity among the diagnostics.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.diagnostics.iter().map(|d| d.severity).max()
    }
}

/// A piece of a paragraph's content in written order: a run of its text, or a marker that
/// interrupted it there. See [`Paragraph::runs`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Run<'a> {
    /// Text as in [`Paragraph::text`]; a run after a marker starts with the separator (a space
    /// or a line break) that joined the lines around the marker.
    Text(&'a str),
    /// A continuation line or page head, where it stood.
    Marker(&'a Line),
}

impl Paragraph {
    /// The paragraph's text and markers in written order: each marker between the text before
    /// and after its [`Line::at`]. Empty text runs are left out.
    ///
    /// An `at` past the end of the text, inside a character, or before the previous marker's is
    /// moved to the nearest place that keeps the text whole and the markers in order, so that a
    /// model from anywhere (a JSON file, a fuzzer) renders every character once.
    pub fn runs(&self) -> impl Iterator<Item = Run<'_>> {
        let text = self.text.as_str();
        let mut from = 0;
        // Each marker, then the end of the text, closes the run of text before it.
        let ends = self.markers.iter().map(Some).chain(std::iter::once(None));
        ends.flat_map(move |marker| {
            let mut to = marker.map_or(text.len(), |m| m.at.clamp(from, text.len()));
            while !text.is_char_boundary(to) {
                to += 1;
            }
            let run = &text[from..to];
            from = to;
            let run = (!run.is_empty()).then_some(Run::Text(run));
            run.into_iter().chain(marker.map(Run::Marker))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str, ats: &[usize]) -> Paragraph {
        Paragraph {
            number: None,
            label: None,
            marking: None,
            text: text.into(),
            roles: Vec::new(),
            markers: ats
                .iter()
                .map(|&at| Line {
                    text: format!("M{at}"),
                    at,
                    span: Span::default(),
                })
                .collect(),
            span: Span::default(),
        }
    }

    /// The runs as a string, markers in brackets.
    fn rendered(p: &Paragraph) -> String {
        p.runs()
            .map(|r| match r {
                Run::Text(t) => t.to_string(),
                Run::Marker(m) => format!("[{}]", m.text),
            })
            .collect()
    }

    #[test]
    fn markers_stand_where_they_interrupted_the_text() {
        assert_eq!(rendered(&paragraph("one two", &[])), "one two");
        assert_eq!(rendered(&paragraph("one two", &[3])), "one[M3] two");
        assert_eq!(rendered(&paragraph("one two", &[0])), "[M0]one two");
        assert_eq!(rendered(&paragraph("one two", &[7])), "one two[M7]");
        assert_eq!(rendered(&paragraph("one two", &[3, 3])), "one[M3][M3] two");
    }

    #[test]
    fn out_of_place_offsets_keep_the_text_whole() {
        // Past the end, inside `é`, and before the previous marker.
        assert_eq!(rendered(&paragraph("ab", &[9])), "ab[M9]");
        assert_eq!(rendered(&paragraph("aé b", &[2])), "aé[M2] b");
        assert_eq!(rendered(&paragraph("one two", &[5, 2])), "one t[M5][M2]wo");
    }
}
