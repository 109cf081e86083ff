//! Pairs into the model: one small function per grammar rule, in the order of the grammar.

use super::interpret::{self, DateTime};
use super::{CableParser, LineIndex, Rule};
use crate::diagnostics::Code;
use crate::model::{
    Addressee, Block, Cable, CitedCable, Classification, Diagnostic, ExecutiveOrder, FieldSource,
    HeaderItem, HeaderKind, Level, Line, Paragraph, Reference, Role, Section, Span,
};
use memchr::memmem::Finder;
use pest::iterators::Pair;
use pest::Parser;
use std::sync::LazyLock;

/// What the builder carries while it walks the pairs.
struct Builder<'t> {
    /// The text the grammar parsed (line ends and blanks normalised, offsets unchanged): for
    /// spans.
    text: &'t str,
    /// The same text with its blanks as written (tabs, form feeds, no-break spaces): what the
    /// model's text is taken from.
    written: &'t str,
    /// The text as written, for the header lines kept verbatim.
    original: &'t str,
    index: &'t LineIndex,
    cable: Cable,
    /// The date-time group, which outranks the date line.
    dtg: Option<DateTime>,
    date_line: Option<DateTime>,
    /// A year written in the classification line (`75 LIBREVILLE 1895`).
    line_year: Option<i32>,
    /// Station and serial from weaker sources, used when the classification line has none.
    fallback_station: Option<String>,
    fallback_serial: Option<u64>,
    /// The sender's station (`FM AMEMBASSY LIMA`) and the `DE` line's sequence number: the
    /// identity of the transmitted cable.
    sender_station: Option<String>,
    sender_serial: Option<u64>,
    /// Where the classification line is, for diagnostics.
    classification_span: Option<Span>,
    /// The subject came from an upper-case `SUBJECT:` line (outranks an e-mail `Subject:`).
    subject_is_cable_own: bool,
    /// Handling captions, in order of appearance.
    caveats: Vec<String>,
    /// The classification was taken from a line that also names the station.
    classification_names_station: bool,
    /// The level named by the security line (`ZNY SSSSS`), with the code as written.
    circuit_level: Option<(Level, String)>,
}

impl<'t> Builder<'t> {
    /// The text of `pair` with its blanks as written. (The pair's own text is only the fallback,
    /// taken when the offsets do not fit: it is not cut out of the text for every line.)
    fn written(&self, pair: &Pair<'t, Rule>) -> &'t str {
        let span = pair.as_span();
        self.written
            .get(span.start()..span.end())
            .unwrap_or_else(|| pair.as_str())
    }

    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        self.index.span_in(self.text, s.start(), s.end())
    }

    fn push_header(&mut self, kind: HeaderKind, pair: &Pair<Rule>) {
        let span = pair.as_span();
        let written = self
            .original
            .get(span.start()..span.end())
            .unwrap_or_else(|| pair.as_str());
        let text = trim_line_end(written).to_string();
        let span = self.span(pair);
        self.cable.header.push(HeaderItem { kind, text, span });
    }

    /// Caveats are kept in the classification; those seen before it are added when it comes.
    fn pending_caveat(&mut self, caveat: String) {
        if caveat.is_empty() {
            return;
        }
        if !self.caveats.contains(&caveat) {
            self.caveats.push(caveat);
        }
    }
}

/// `cable`: the header, then the body, into the model.
pub(crate) fn cable<'t>(
    pair: Pair<'t, Rule>,
    text: &'t str,
    written: &'t str,
    original: &'t str,
    index: &'t LineIndex,
) -> Cable {
    let mut b = Builder {
        text,
        written,
        original,
        index,
        cable: Cable::default(),
        dtg: None,
        date_line: None,
        line_year: None,
        fallback_station: None,
        fallback_serial: None,
        sender_station: None,
        sender_serial: None,
        classification_span: None,
        subject_is_cable_own: false,
        caveats: Vec::new(),
        circuit_level: None,
        classification_names_station: false,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::header => header(part, &mut b),
            Rule::body => body(part, &mut b),
            Rule::EOI => {}
            _ => unreachable!("cable holds {:?}", part.as_rule()),
        }
    }
    finish(&mut b);
    b.cable
}

/// When no classification line survives (partial extracts cut it, page heads replace it), the
/// security line of the transmission header (`ZNY SSSSS ZZH`) names the level; failing that, the
/// highest paragraph marking does (`(S)`, `(C)`, `(SBU)`), as the cable was classified at least
/// that high. The text records where the level came from.
fn fallback_classification(b: &Builder) -> Option<Classification> {
    if let Some((level, code)) = &b.circuit_level {
        return Some(Classification {
            level: *level,
            text: code.clone(),
            caveats: Vec::new(),
        });
    }
    let highest = b
        .cable
        .paragraphs
        .iter()
        .filter_map(|p| p.marking.as_deref())
        .filter_map(|m| marking_level(m).map(|l| (l, m)))
        .max_by_key(|(l, _)| *l)?;
    Some(Classification {
        level: highest.0,
        text: format!("({})", highest.1),
        caveats: Vec::new(),
    })
}

/// The level a paragraph marking stands for: `S/NF` → SECRET, `SBU` → UNCLASSIFIED.
fn marking_level(marking: &str) -> Option<Level> {
    let head: String = marking
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    match head.as_str() {
        "TS" => Some(Level::TopSecret),
        "S" | "SECRET" => Some(Level::Secret),
        "C" | "CONFIDENTIAL" => Some(Level::Confidential),
        "LOU" => Some(Level::LimitedOfficialUse),
        "U" | "SBU" | "FOUO" | "UNCLASSIFIED" => Some(Level::Unclassified),
        _ => None,
    }
}

/// Station and serial: the classification line names them; markers inside the text, then the
/// transmission header (`FM AMEMBASSY LIMA`, `DE RUEHPE #1732`) stand in when it does not. When
/// the transmission header contradicts the classification line, the text was pasted from another
/// cable: the header identifies the cable that was sent, and the contradiction is reported.
fn reconcile_identity(b: &mut Builder) {
    let sender = match (b.sender_station.take(), b.sender_serial) {
        (Some(station), Some(serial)) => Some((station, serial)),
        _ => None,
    };
    match (&b.cable.station, b.cable.serial, sender) {
        (Some(station), Some(serial), Some((sent_station, sent_serial)))
            if serial % 10_000 != sent_serial % 10_000 && *station != sent_station =>
        {
            b.cable.diagnostics.push(Diagnostic::new(
                Code::HeaderMismatch,
                format!(
                    "the classification line names {station} {serial}, but the transmission header says {sent_station} #{sent_serial}"
                ),
                Some("the cable is identified by its transmission header".into()),
                b.classification_span.unwrap_or_default(),
            ));
            b.cable.station = Some(sent_station);
            b.cable.serial = Some(sent_serial);
            // The pasted text's classification line is not the sent cable's either: the
            // circuit's security code (`ZNR UUUUU`) is.
            if let Some((level, code)) = &b.circuit_level {
                b.cable.classification = Some(Classification {
                    level: *level,
                    text: code.clone(),
                    caveats: Vec::new(),
                });
            }
        }
        (None, _, Some((sent_station, sent_serial))) if b.fallback_station.is_none() => {
            b.cable.station = Some(sent_station);
            b.cable.serial = b.cable.serial.or(Some(sent_serial));
        }
        _ => {}
    }
    if b.cable.station.is_none() {
        b.cable.station = b.fallback_station.take();
    }
    if b.cable.serial.is_none() {
        b.cable.serial = b.fallback_serial.take();
    }
}

/// Fill what is derived from several fields: date, station, serial, id, paragraph numbers.
fn finish(b: &mut Builder) {
    let when = b.dtg.or(b.date_line);
    b.cable.datetime = when.map(|d| d.iso());
    reconcile_identity(b);
    inline_page_heads(b);
    let year = when.map(|d| d.year).or(b.line_year);
    if let (Some(year), Some(station), Some(serial)) =
        (year, b.cable.station.as_deref(), b.cable.serial)
    {
        b.cable.id = Some(interpret::reference_id(year, station, serial));
    }
    if b.cable.classification.is_none() {
        b.cable.classification = fallback_classification(b);
    }
    if let Some(classification) = b.cable.classification.as_mut() {
        classification.caveats = std::mem::take(&mut b.caveats);
    }
    b.cable.references = split_by_cable(std::mem::take(&mut b.cable.references));
    b.cable.tags_normalized = normalized(&b.cable.tags);
    let from_text = |present: bool| present.then_some(FieldSource::Text);
    b.cable.id_source = from_text(b.cable.id.is_some());
    b.cable.station_source = from_text(b.cable.station.is_some());
    b.cable.classification_source = from_text(b.cable.classification.is_some());
    b.cable.datetime_source = from_text(b.cable.datetime.is_some());
    renumber_pilcrow_labels(&mut b.cable);
    mark_roles(&mut b.cable);
}

// -----------------------------------------------------------------------------------------------
//  The header
// -----------------------------------------------------------------------------------------------

/// `header`: each `header_item` in turn.
fn header(pair: Pair<Rule>, b: &mut Builder) {
    for item in pair.into_inner() {
        match item.as_rule() {
            Rule::partial_notice => {
                b.cable.partial = true;
                b.push_header(HeaderKind::PartialNotice, &item);
            }
            Rule::wrapper | Rule::database_record => b.push_header(HeaderKind::Wrapper, &item),
            Rule::glued_transmission => glued_transmission(item, b),
            Rule::transmission_id => b.push_header(HeaderKind::TransmissionId, &item),
            Rule::routing_line => b.push_header(HeaderKind::Routing, &item),
            Rule::originator_line => originator_line(item, b),
            Rule::security_line => security_line(item, b),
            Rule::dtg_line => dtg_line(item, b),
            Rule::from_line => from_line(item, b),
            Rule::to_block => addressee_block(item, b, HeaderKind::To),
            Rule::info_block => addressee_block(item, b, HeaderKind::Info),
            Rule::break_line => b.push_header(HeaderKind::Break, &item),
            Rule::page_header => page_header(item, b, true),
            Rule::action_line | Rule::office_block | Rule::dashes_stamp_line => {
                b.push_header(HeaderKind::ReceivedCopy, &item)
            }
            Rule::archive_banner => b.push_header(HeaderKind::ArchiveBanner, &item),
            Rule::corrected_copy => b.push_header(HeaderKind::CorrectedCopy, &item),
            Rule::classification_line => classification_line(item, b),
            Rule::date_line => date_line(item, b),
            Rule::eo_line => eo_line(item, b),
            Rule::tags_field => tags_field(item, b),
            Rule::subject_field => subject_field(item, b),
            Rule::references_field => references_field(item, b),
            Rule::classified_by_field => classified_by_field(item, b),
            Rule::section_marker => section_marker_in_header(item, b),
            Rule::caption => caption(item, b),
            Rule::tolerant_header_line => tolerant_header_line(item, b),
            _ => unreachable!("header holds {:?}", item.as_rule()),
        }
    }
}

/// `DE RUEHBO #1165 0471902`: the sequence number is the serial when nothing better is found.
fn originator_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::Originator, &pair);
    for part in pair.into_inner() {
        if part.as_rule() == Rule::station_sequence {
            station_sequence(part, b);
        }
    }
}

/// `station_sequence`: the first one is the sender's serial.
fn station_sequence(pair: Pair<Rule>, b: &mut Builder) {
    if b.sender_serial.is_none() {
        b.sender_serial = pair.as_str().parse().ok();
    }
}

/// `ZNY CCCCC ZZH`: the circuit's security code stands in for a missing classification line.
fn security_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::SecurityLine, &pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::security_code => security_code(part, b),
            _ => unreachable!("security_line holds {:?}", part.as_rule()),
        }
    }
}

/// `security_code`: the first one gives the circuit's level.
fn security_code(pair: Pair<Rule>, b: &mut Builder) {
    let level = match pair.as_str() {
        "UUUUU" | "EEEEE" => Some(Level::Unclassified),
        "CCCCC" => Some(Level::Confidential),
        "SSSSS" => Some(Level::Secret),
        "TTTTT" => Some(Level::TopSecret),
        _ => None,
    };
    if b.circuit_level.is_none() {
        b.circuit_level = level.map(|l| (l, pair.as_str().to_string()));
    }
}

/// `glued_transmission`: the header lines it can tell apart, each a header item of its own.
fn glued_transmission(pair: Pair<Rule>, b: &mut Builder) {
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::glued_routing => glued_routing(part, b),
            Rule::glued_dtg => dtg_line(part, b),
            Rule::glued_from => glued_from(part, b),
            Rule::glued_to => glued_addressees(part, b, HeaderKind::To),
            Rule::glued_info => glued_addressees(part, b, HeaderKind::Info),
            _ => unreachable!("glued_transmission holds {:?}", part.as_rule()),
        }
    }
}

/// `glued_routing`: the originator's sequence number and the security code in it.
fn glued_routing(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::Routing, &pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::glued_sequence => {
                for sequence in part.into_inner() {
                    station_sequence(sequence, b);
                }
            }
            Rule::glued_security => {
                for code in part.into_inner() {
                    security_code(code, b);
                }
            }
            _ => unreachable!("glued_routing holds {:?}", part.as_rule()),
        }
    }
}

/// `glued_from`: the sender's name, read as an `addressee` once cut from what it was glued to.
fn glued_from(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::From, &pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::glued_sender => {
                if let Some(addressee) = reparse(Rule::addressee, part.as_str()) {
                    sender(addressee, b);
                }
            }
            _ => unreachable!("glued_from holds {:?}", part.as_rule()),
        }
    }
}

/// `glued_to`, `glued_info`: each `glued_addressee` read as an `addressee`.
fn glued_addressees(pair: Pair<Rule>, b: &mut Builder, kind: HeaderKind) {
    b.push_header(kind, &pair);
    let mut names = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::glued_addressee => match reparse(Rule::addressee, part.as_str()) {
                Some(pair) => names.push(addressee(pair)),
                None => names.push(Addressee::named(interpret::squeeze(part.as_str()))),
            },
            _ => unreachable!("glued addressees hold {:?}", part.as_rule()),
        }
    }
    push_addressees(b, kind, names);
}

/// `text`, cut out of a glued line, read by `rule` on its own.
fn reparse(rule: Rule, text: &str) -> Option<Pair<'_, Rule>> {
    CableParser::parse(rule, text.trim()).ok()?.next()
}

/// `R 161902Z FEB 07` (`dtg_line`, `glued_dtg`): the first date-time group dates the cable.
fn dtg_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::DateTimeGroup, &pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::precedence | Rule::glued_handling => {}
            Rule::dtg => {
                let found = dtg(part.clone());
                if found.is_none() {
                    let span = b.span(&part);
                    b.cable.diagnostics.push(Diagnostic::new(
                        Code::ImpossibleDate,
                        format!("`{}` is not a real date and time", b.written(&part)),
                        Some("a date-time group is DDHHMMZ MON YY".into()),
                        span,
                    ));
                }
                if b.dtg.is_none() {
                    b.dtg = found;
                }
            }
            _ => unreachable!("dtg_line holds {:?}", part.as_rule()),
        }
    }
}

/// `dtg`: its `dtg_day_time`, `month_abbrev` and `dtg_year` as one date.
fn dtg(pair: Pair<Rule>) -> Option<DateTime> {
    let mut day_time = "";
    let mut month = "";
    let mut year = "";
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::dtg_day_time => day_time = part.as_str(),
            Rule::month_abbrev => month = part.as_str(),
            Rule::dtg_year => year = part.as_str(),
            _ => unreachable!("dtg holds {:?}", part.as_rule()),
        }
    }
    interpret::dtg(day_time, month, year)
}

/// `from_line`: the sender, and the station its name gives (`post_station`, `department`).
fn from_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::From, &pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::addressee => sender(part, b),
            _ => unreachable!("from_line holds {:?}", part.as_rule()),
        }
    }
}

/// The sender's `addressee`: the first one is the cable's `from`, and gives its station.
fn sender(pair: Pair<Rule>, b: &mut Builder) {
    let station = pair
        .clone()
        .into_inner()
        .filter(|p| p.as_rule() == Rule::addressee_name)
        .flat_map(|name| name.into_inner())
        .find_map(sender_station);
    let from = addressee(pair);
    if b.cable.from.is_none() {
        b.sender_station = station;
        b.cable.from = Some(from);
    }
}

/// The station a part of the sender's `addressee_name` gives: `post_station` (`AMEMBASSY
/// BOGOTA` → `BOGOTA`), or `department` (`SECSTATE WASHDC` → `STATE`).
fn sender_station(part: Pair<Rule>) -> Option<String> {
    match part.as_rule() {
        Rule::department => Some("STATE".into()),
        Rule::post_station => Some(interpret::station(part.as_str())),
        Rule::post_title => None,
        _ => unreachable!("addressee_name holds {:?}", part.as_rule()),
    }
}

/// `TO …` and `INFO …` blocks: one addressee per entry.
fn addressee_block(pair: Pair<Rule>, b: &mut Builder, kind: HeaderKind) {
    b.push_header(kind, &pair);
    let mut names = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::addressee => names.push(addressee(part)),
            Rule::addressee_line => {
                for inner in part.into_inner() {
                    match inner.as_rule() {
                        Rule::addressee => names.push(addressee(inner)),
                        _ => unreachable!("addressee_line holds {:?}", inner.as_rule()),
                    }
                }
            }
            Rule::page_header | Rule::exclusion_list => {}
            _ => unreachable!("addressee block holds {:?}", part.as_rule()),
        }
    }
    push_addressees(b, kind, names);
}

/// The addressees of a TO (`HeaderKind::To`) or INFO block, after those of any block before it.
fn push_addressees(b: &mut Builder, kind: HeaderKind, names: Vec<Addressee>) {
    match kind {
        HeaderKind::To => b.cable.to.extend(names),
        _ => b.cable.info.extend(names),
    }
}

/// `addressee`: `RUEHC/SECSTATE WASHDC IMMEDIATE 2621` in its parts.
fn addressee(pair: Pair<Rule>) -> Addressee {
    let mut found = Addressee::named(interpret::squeeze(pair.as_str()));
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::routing_indicator => found.routing = Some(part.as_str().to_string()),
            Rule::addressee_name => found.addressee = interpret::squeeze(part.as_str()),
            Rule::addressee_precedence => found.precedence = Some(precedence(part.as_str())),
            Rule::addressee_serial => found.serial = part.as_str().parse().ok(),
            _ => unreachable!("addressee holds {:?}", part.as_rule()),
        }
    }
    found
}

/// An `addressee_precedence` as the word is spelt (`PIORITY` is `PRIORITY`).
fn precedence(written: &str) -> String {
    match written {
        "PIORITY" => "PRIORITY",
        other => other,
    }
    .to_string()
}

/// `PAGE 02 HARARE 05461 01 OF 02 271458Z`, in the header or between paragraphs.
fn page_header(pair: Pair<Rule>, b: &mut Builder, in_header: bool) {
    if in_header {
        b.push_header(HeaderKind::ReceivedCopy, &pair);
    } else {
        let span = b.span(&pair);
        b.cable.body.push(Block::Marker {
            text: trim_line_end(b.written(&pair)).trim().to_string(),
            span,
        });
    }
}

/// `C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 008852`
fn classification_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::ClassificationLine, &pair);
    if b.classification_span.is_none() {
        b.classification_span = Some(b.span(&pair));
    }
    // A line that names the station outranks a bare one (`CONFIDENTIAL     PTQ2529` of a
    // received copy) for the classification as written.
    let names_station = pair
        .clone()
        .into_inner()
        .any(|p| p.as_rule() == Rule::station_serial);
    if names_station && !b.classification_names_station {
        b.classification_names_station = true;
        b.cable.classification = None;
    }
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::classification => {
                if let (None, Some(level)) = (&b.cable.classification, classification(part.clone()))
                {
                    b.cable.classification = Some(Classification {
                        level,
                        text: b.written(&part).trim().to_string(),
                        caveats: Vec::new(),
                    });
                }
            }
            Rule::section => {
                if b.cable.section.is_none() {
                    b.cable.section = section(part);
                }
            }
            Rule::station_serial => station_serial(part, b),
            Rule::tolerant_classification_tail => {}
            _ => unreachable!("classification_line holds {:?}", part.as_rule()),
        }
    }
}

/// `classification`: the level its one inner rule names.
fn classification(pair: Pair<Rule>) -> Option<Level> {
    pair.into_inner().next().map(|word| match word.as_rule() {
        Rule::top_secret => Level::TopSecret,
        Rule::secret => Level::Secret,
        Rule::confidential => Level::Confidential,
        Rule::unclassified => Level::Unclassified,
        Rule::limited_official_use => Level::LimitedOfficialUse,
        _ => unreachable!("classification holds {:?}", word.as_rule()),
    })
}

/// `SECTION 01 OF 03`
fn section(pair: Pair<Rule>) -> Option<Section> {
    let mut number = None;
    let mut total = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::section_number => number = part.as_str().parse().ok(),
            Rule::section_total => total = part.as_str().parse().ok(),
            _ => unreachable!("section holds {:?}", part.as_rule()),
        }
    }
    Some(Section {
        number: number?,
        total: total?,
    })
}

/// `ANKARA 008852`, `75 LIBREVILLE 1895`: the first station and serial found are the cable's.
fn station_serial(pair: Pair<Rule>, b: &mut Builder) {
    if b.cable.station.is_some() {
        return;
    }
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::two_digit_year => {
                b.line_year = part.as_str().parse().ok().map(interpret::full_year)
            }
            Rule::station => b.cable.station = Some(interpret::station(part.as_str())),
            Rule::serial => b.cable.serial = part.as_str().parse().ok(),
            _ => unreachable!("station_serial holds {:?}", part.as_rule()),
        }
    }
}

/// `Tuesday, 20 January 2004, 09:44`
fn date_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::DateLine, &pair);
    let (mut day, mut month, mut year, mut time) = (None, None, None, None);
    for part in pair.clone().into_inner() {
        match part.as_rule() {
            Rule::weekday => {}
            Rule::day => day = part.as_str().parse().ok(),
            Rule::month_name => month = interpret::month(part.as_str()),
            Rule::year4 => year = part.as_str().parse().ok(),
            Rule::clock => time = interpret::clock(part.as_str()),
            _ => unreachable!("date_line holds {:?}", part.as_rule()),
        }
    }
    if let (Some(y), Some(m), Some(d)) = (year, month, day) {
        if b.date_line.is_none() {
            b.date_line = DateTime::new(y, m, d, time);
        }
    }
}

/// `E.O. 12958: DECL: 12/04/2012`
fn eo_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::ExecutiveOrder, &pair);
    let mut order = None;
    let mut text = String::new();
    let mut declassify_on = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::eo_keyword => {}
            Rule::eo_number => order = Some(part.as_str().to_string()),
            Rule::eo_value => {
                text = interpret::squeeze(part.as_str());
                for date in part.into_inner() {
                    match date.as_rule() {
                        Rule::decl_date => {
                            if declassify_on.is_none() {
                                declassify_on = interpret::decl_date(date.as_str());
                            }
                        }
                        _ => unreachable!("eo_value holds {:?}", date.as_rule()),
                    }
                }
            }
            _ => unreachable!("eo_line holds {:?}", part.as_rule()),
        }
    }
    if b.cable.executive_order.is_none() {
        b.cable.executive_order = Some(ExecutiveOrder {
            order,
            text,
            declassify_on,
        });
    }
}

/// `TAGS: PREL PGOV ECON` and its continuation lines.
fn tags_field(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::Tags, &pair);
    let first = b.cable.tags.is_empty();
    let mut tags = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::tags_keyword => {}
            Rule::tag_list => {
                for tag in part.into_inner() {
                    match tag.as_rule() {
                        Rule::tag => push_tag(&mut tags, tag.as_str()),
                        _ => unreachable!("tag_list holds {:?}", tag.as_rule()),
                    }
                }
            }
            Rule::tags_continuation => {
                for word in part.into_inner() {
                    match word.as_rule() {
                        Rule::tag_word => push_tag(&mut tags, word.as_str()),
                        _ => unreachable!("tags_continuation holds {:?}", word.as_rule()),
                    }
                }
            }
            _ => unreachable!("tags_field holds {:?}", part.as_rule()),
        }
    }
    if first {
        b.cable.tags = tags;
    } else if normalized(&tags) != normalized(&b.cable.tags) {
        let span = b.cable.header.last().map(|h| h.span).unwrap_or_default();
        b.cable.diagnostics.push(Diagnostic::new(
            Code::TagsDisagree,
            format!(
                "a second TAGS line lists {}, the first {}",
                tags.join(", "),
                b.cable.tags.join(", ")
            ),
            Some("the first TAGS line is kept".into()),
            span,
        ));
    }
}

/// TAGS upper-cased, each once, in written order: `tags_normalized`.
fn normalized(tags: &[String]) -> Vec<String> {
    let mut terms: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let term = tag.to_uppercase();
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

fn push_tag(tags: &mut Vec<String>, raw: &str) {
    let tag = raw
        .trim()
        .trim_matches(|c: char| matches!(c, ',' | ';' | '.'));
    if !tag.is_empty() {
        tags.push(tag.to_string());
    }
}

/// `SUBJECT: (S) GERMANY TAKING …` and its continuation lines, joined into one line.
fn subject_field(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::Subject, &pair);
    let mut own = false;
    let mut marking_text = None;
    let mut words = String::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::subject_keyword => own = part.as_str().chars().all(|c| c.is_ascii_uppercase()),
            Rule::marking => marking_text = Some(marking(part)),
            Rule::subject_text => words.push_str(b.written(&part)),
            Rule::subject_continuation => {
                for inner in part.into_inner() {
                    match inner.as_rule() {
                        Rule::subject_text => {
                            words.push(' ');
                            words.push_str(b.written(&inner));
                        }
                        _ => unreachable!("subject_continuation holds {:?}", inner.as_rule()),
                    }
                }
            }
            _ => unreachable!("subject_field holds {:?}", part.as_rule()),
        }
    }
    let subject = interpret::squeeze(&words);
    let better = b.cable.subject.is_none() || (own && !b.subject_is_cable_own);
    if better && !subject.is_empty() {
        b.cable.subject = Some(subject);
        b.cable.subject_marking = marking_text;
        b.subject_is_cable_own = own;
    }
}

/// `marking`: its `marking_text`, without the parentheses.
fn marking(pair: Pair<Rule>) -> String {
    let mut text = String::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::marking_text => text = interpret::squeeze(part.as_str()),
            _ => unreachable!("marking holds {:?}", part.as_rule()),
        }
    }
    text
}

/// `REF: A. ANKARA 6856` and the lettered items that follow.
fn references_field(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::References, &pair);
    let mut items = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ref_keyword => {}
            Rule::ref_item => ref_item(part, &mut items),
            Rule::ref_continuation => {
                for item in part.into_inner() {
                    match item.as_rule() {
                        Rule::ref_item => ref_item(item, &mut items),
                        _ => unreachable!("ref_continuation holds {:?}", item.as_rule()),
                    }
                }
            }
            _ => unreachable!("references_field holds {:?}", part.as_rule()),
        }
    }
    // A REF line repeated by a pasted header copy (`REF: ACCRA 1150`, then `Ref: accra 1150`
    // over the body) names the same cables once.
    let same =
        |a: &Reference, b: &Reference| a.label == b.label && a.text.eq_ignore_ascii_case(&b.text);
    let known = &b.cable.references;
    let repeated =
        items.len() <= known.len() && items.iter().all(|item| known.iter().any(|k| same(k, item)));
    if !repeated {
        b.cable.references.extend(items);
    }
}

/// One reference; an unlettered line after a lettered one continues it.
fn ref_item(pair: Pair<Rule>, items: &mut Vec<Reference>) {
    let mut label = None;
    let mut text = String::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::ref_label => {
                label = Some(
                    part.as_str()
                        .trim_start_matches('¶')
                        .trim_matches(|c| matches!(c, '(' | ')' | '.'))
                        .to_string(),
                )
            }
            Rule::ref_text => {
                text = interpret::squeeze(part.as_str())
                    .trim_end_matches([',', ';'])
                    .to_string()
            }
            _ => unreachable!("ref_item holds {:?}", part.as_rule()),
        }
    }
    if text.is_empty() && label.is_none() {
        return;
    }
    match (label, items.last_mut()) {
        (None, Some(previous)) if previous.label.is_some() => {
            previous.text.push(' ');
            previous.text.push_str(&text);
        }
        (label, _) => items.push(Reference {
            label,
            text,
            cited: None,
            cites: None,
        }),
    }
}

/// `cited_cables` of a reference's text: each cable it names, with the byte offset at which it
/// starts.
fn cited_cables(text: &str) -> Vec<(usize, CitedCable)> {
    let Some(pair) = CableParser::parse(Rule::cited_cables, text)
        .ok()
        .and_then(|mut pairs| pairs.next())
    else {
        return Vec::new();
    };
    pair.into_inner()
        .filter_map(|part| match part.as_rule() {
            Rule::cited_cable => {
                let at = part.as_span().start();
                cited_cable(part).map(|cited| (at, cited))
            }
            Rule::EOI => None,
            _ => unreachable!("cited_cables holds {:?}", part.as_rule()),
        })
        .collect()
}

/// `cited_cable`: its year (two digits or four), station and serial.
fn cited_cable(pair: Pair<Rule>) -> Option<CitedCable> {
    let (mut year, mut station, mut serial) = (None, String::new(), None);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::cited_year => {
                let digits: u32 = part.as_str().parse().ok()?;
                year = Some(if part.as_str().len() == 2 {
                    interpret::full_year(digits)
                } else {
                    digits as i32
                });
            }
            Rule::cited_station => station = interpret::squeeze(part.as_str()),
            Rule::cited_serial => serial = part.as_str().parse().ok(),
            _ => unreachable!("cited_cable holds {:?}", part.as_rule()),
        }
    }
    Some(CitedCable {
        year,
        station,
        serial: serial?,
    })
}

/// A reference that names several cables (`TEHRAN 1091: TEHRAN 263: MOSCOW 1603`, `… AND
/// PREVIOUS 03 STATE 1427`) becomes one reference per cable, each with the item's label and its
/// part of the text, split where the next cable starts, without the `,`, `;` or `:` that
/// separated it from the next (the header item keeps the line as written).
fn split_by_cable(references: Vec<Reference>) -> Vec<Reference> {
    let mut out = Vec::with_capacity(references.len());
    for reference in references {
        let cables = cited_cables(&reference.text);
        if cables.len() < 2 {
            let cited = cables.into_iter().next().map(|(_, c)| c);
            out.push(Reference { cited, ..reference });
            continue;
        }
        let ends: Vec<usize> = cables
            .iter()
            .skip(1)
            .map(|(at, _)| *at)
            .chain([reference.text.len()])
            .collect();
        let mut start = 0;
        for ((_, cited), end) in cables.into_iter().zip(ends) {
            out.push(Reference {
                label: reference.label.clone(),
                text: reference.text[start..end]
                    .trim()
                    .trim_end_matches([',', ';', ':'])
                    .trim_end()
                    .to_string(),
                cited: Some(cited),
                cites: None,
            });
            start = end;
        }
    }
    out
}

/// `Classified By: COM Carmen Martinez for Reasons 1.5 (B,D)`, possibly wrapped.
fn classified_by_field(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::ClassifiedBy, &pair);
    let mut who = String::new();
    let mut why = String::new();
    collect_classified(pair, &mut who, &mut why, &mut false);
    let who = interpret::squeeze(&who);
    let who = who.trim_end_matches([',', ';', '.', ' ']);
    // `… Whitcombe for` / `reasons 1.4 (b)` on the next line: the `for` belongs to the reasons.
    let who = who
        .strip_suffix(" for")
        .or_else(|| who.strip_suffix(" FOR"))
        .unwrap_or(who)
        .trim_end_matches([',', ';', '.', ' '])
        .to_string();
    let why = interpret::squeeze(&why);
    if b.cable.classified_by.is_none() && !who.is_empty() {
        b.cable.classified_by_name = classifier_name(&who);
        b.cable.classified_by = Some(who);
    }
    if b.cable.reasons.is_none() && !why.is_empty() {
        b.cable.reasons = Some(why);
    }
}

/// `classifier_parts`: the person the classifier names, without the office around the name.
fn classifier_name(who: &str) -> Option<String> {
    let parts = reparse(Rule::classifier_parts, who)?;
    let name = parts
        .into_inner()
        .find(|p| p.as_rule() == Rule::person_name)?;
    Some(name.as_str().to_string())
}

/// Gather the official and the reasons. Once the reasons have begun (`for reasons` at the end of
/// a line), the words of the lines after them are reasons too.
fn collect_classified(pair: Pair<Rule>, who: &mut String, why: &mut String, in_reasons: &mut bool) {
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::marking | Rule::classified_keyword => {}
            Rule::classifier => {
                let target = if *in_reasons { &mut *why } else { &mut *who };
                target.push(' ');
                target.push_str(part.as_str());
            }
            Rule::reasons_clause => {
                *in_reasons = true;
                for reasons in part.into_inner() {
                    match reasons.as_rule() {
                        Rule::reasons => {
                            why.push(' ');
                            why.push_str(reasons.as_str());
                        }
                        // Kept in the header line as written; no E.O. field of its own.
                        Rule::reasons_order => {}
                        _ => unreachable!("reasons_clause holds {:?}", reasons.as_rule()),
                    }
                }
            }
            Rule::classified_continuation => collect_classified(part, who, why, in_reasons),
            _ => unreachable!("classified_by_field holds {:?}", part.as_rule()),
        }
    }
}

/// A continuation marker or later section's classification line met before the first paragraph.
fn section_marker_in_header(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::Marker, &pair);
    marker_station(pair, b);
}

/// `BAKU 00001771 002 OF 003` names station and serial: a fallback for both.
fn marker_station(pair: Pair<Rule>, b: &mut Builder) {
    for part in pair.into_inner().flatten() {
        match part.as_rule() {
            Rule::station | Rule::marker_station if b.fallback_station.is_none() => {
                b.fallback_station = Some(interpret::station(part.as_str()))
            }
            Rule::serial if b.fallback_serial.is_none() => {
                b.fallback_serial = part.as_str().parse().ok()
            }
            _ => {}
        }
    }
}

/// `SIPDIS`, `NOFORN`, `STATE FOR ISN/NESS`: handling keywords become caveats.
fn caption(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::Caption, &pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::caption_keyword => {
                let caveat = interpret::caveat(part.as_str());
                b.pending_caveat(caveat);
            }
            Rule::caption_rest | Rule::addressing_caption => {}
            _ => unreachable!("caption holds {:?}", part.as_rule()),
        }
    }
}

/// A header line that no rule recognises: kept as written, and reported.
fn tolerant_header_line(pair: Pair<Rule>, b: &mut Builder) {
    b.push_header(HeaderKind::Unrecognized, &pair);
    let span = b.span(&pair);
    b.cable.diagnostics.push(Diagnostic::new(
        Code::UnknownHeaderLine,
        "this header line is not a field the grammar knows; it is kept as written".into(),
        Some(
            "header fields are routing lines, the classification line, captions, E.O., TAGS, SUBJECT, REF and Classified By"
                .into(),
        ),
        span,
    ));
}

// -----------------------------------------------------------------------------------------------
//  The body
// -----------------------------------------------------------------------------------------------

/// `body`: each `block` in turn.
fn body(pair: Pair<Rule>, b: &mut Builder) {
    for block in pair.into_inner() {
        match block.as_rule() {
            Rule::numbered_paragraph | Rule::plain_paragraph => paragraph(block, b),
            Rule::heading => heading(block, b),
            Rule::section_marker => {
                let span = b.span(&block);
                b.cable.body.push(Block::Marker {
                    text: b.written(&block).trim().to_string(),
                    span,
                });
                marker_station(block, b);
            }
            Rule::page_header => page_header(block, b, false),
            Rule::signature => signature(block, b),
            Rule::trailer | Rule::signature_trailer => {
                let span = b.span(&block);
                b.cable.body.push(Block::Trailer {
                    text: b.written(&block).trim().to_string(),
                    span,
                });
            }
            _ => unreachable!("body holds {:?}", block.as_rule()),
        }
    }
    closing_signature(b);
}

/// The longest end of a paragraph that `closing_signature` reads: a closing and three names.
const CLOSING_WINDOW: usize = 96;

/// The longest end of a paragraph that `closing_signature` reads when it holds a post's note on
/// its web site (`site_note`), with the wrapped address and the names after it.
const SITE_NOTE_WINDOW: usize = 320;

/// Where a `site_note` may be: its `… Classified Web Site` or `… classified website`.
static CLASSIFIED_WORD: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("lassified "));

/// How far back from the end of `trimmed` a closing is looked for: further when the post's note
/// on its web site stands there.
fn closing_window(trimmed: &str) -> usize {
    let mut from = trimmed.len().saturating_sub(SITE_NOTE_WINDOW);
    while !trimmed.is_char_boundary(from) {
        from -= 1;
    }
    let tail = &trimmed.as_bytes()[from..];
    let has_note = CLASSIFIED_WORD.find_iter(tail).any(|at| {
        tail.get(at + 10..at + 13)
            .is_some_and(|web| web.eq_ignore_ascii_case(b"web"))
    });
    if has_note {
        SITE_NOTE_WINDOW
    } else {
        CLOSING_WINDOW
    }
}

/// `closing_signature` and `signature_paragraph`: when the text ends with a paragraph (no
/// signature line, heading or sub-item after it, only closing lines and markers), that
/// paragraph is tried for the signature that ends it. An unnumbered paragraph after another
/// one is tried whole (`signature_paragraph`); else `closing_signature` is tried at the sentence
/// ends, line breaks and other places a `closing_lead` can start in the paragraph's last
/// bytes (`closing_window`), from the last, and the first place from which it runs to the end
/// gives the signers. A post's note on its web site (`site_note`) before the names stays in the
/// paragraph; the closings after them (`closing_tail`) become a closing line.
fn closing_signature(b: &mut Builder) {
    let Some(at) = b
        .cable
        .body
        .iter()
        .rposition(|block| !matches!(block, Block::Trailer { .. } | Block::Marker { .. }))
    else {
        return;
    };
    let Block::Paragraph { index } = b.cable.body[at] else {
        return;
    };
    let para = &b.cable.paragraphs[index];
    let (start, end) = (para.span.start, para.span.end);
    let Some(source) = b.text.get(start..end) else {
        return;
    };
    let whole = para.number.is_none() && index > 0 && para.markers.is_empty();
    let found = whole
        .then(|| CableParser::parse(Rule::signature_paragraph, source).ok())
        .flatten()
        .map(|pairs| (0, pairs))
        .or_else(|| {
            let trimmed = source.trim_end();
            let window = trimmed.len().saturating_sub(closing_window(trimmed));
            let bytes = trimmed.as_bytes();
            // Where a `closing_lead` can start: a sentence end, a line break, an asterisk, a
            // small letter or slash before a capital (a name glued to the last word), or the
            // first letter of a word that may open `closing_words`.
            let lead = |i: usize, c: char| match c {
                '.' | '!' | '?' | '\n' | '*' => true,
                'a'..='z' | '/' => bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase),
                'E' | 'M' => i == 0 || matches!(bytes[i - 1], b' ' | b'\n'),
                _ => false,
            };
            trimmed
                .char_indices()
                .rev()
                .take_while(|&(i, _)| i >= window)
                .filter(|&(i, c)| lead(i, c))
                .find_map(|(i, _)| {
                    let pairs = CableParser::parse(Rule::closing_signature, &source[i..]).ok()?;
                    Some((i, pairs))
                })
        });
    let Some((base, pair)) = found.and_then(|(i, mut pairs)| Some((start + i, pairs.next()?)))
    else {
        return;
    };
    let mut signers = Vec::new();
    let mut from = None;
    let mut tail = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::closing_signer => signers.push(part.as_str().to_string()),
            Rule::salutation => {}
            // A page head before the name stays a marker of the paragraph; the post's note on
            // its web site and a downgrading group stay in its text.
            Rule::continuation_marker | Rule::site_note | Rule::group_marking => continue,
            // After the names, the closings are a closing line of their own.
            Rule::closing_tail => {
                tail = Some(base + part.as_span().start());
                continue;
            }
            _ => unreachable!("closing_signature holds {:?}", part.as_rule()),
        }
        from.get_or_insert(base + part.as_span().start());
    }
    let Some(from) = from else { return };
    let written = b.written.get(from..end).unwrap_or("").trim();
    // The paragraph's text ends with the same words, joined as the paragraph joins its lines.
    let mut kept = para.text.as_str();
    for word in written.split_whitespace().rev() {
        let Some(rest) = kept.trim_end().strip_suffix(word) else {
            return;
        };
        kept = rest;
    }
    let kept_len = kept.trim_end().len();
    let signed = tail.unwrap_or(end);
    let signature = Block::Signature {
        text: b.written.get(from..signed).unwrap_or("").trim().to_string(),
        span: b.index.span_in(b.text, from, signed),
    };
    let closing = tail.map(|tail| Block::Trailer {
        text: b.written.get(tail..end).unwrap_or("").trim().to_string(),
        span: b.index.span_in(b.text, tail, end),
    });
    let para = &mut b.cable.paragraphs[index];
    para.text.truncate(kept_len);
    for marker in &mut para.markers {
        marker.at = marker.at.min(kept_len);
    }
    para.span = b.index.span_in(b.text, start, from);
    // A numbered paragraph whose text was the name (`¶18. Creamer`) keeps its number.
    let place = if para.text.is_empty() && para.label.is_none() {
        b.cable.paragraphs.pop();
        b.cable.body[at] = signature;
        at
    } else {
        b.cable.body.insert(at + 1, signature);
        at + 1
    };
    if let Some(closing) = closing {
        b.cable.body.insert(place + 1, closing);
    }
    b.cable.signers.extend(signers);
}

/// The farthest back an inline page head's station can start, before its serial: four words.
const PAGE_HEAD_STATION_BYTES: usize = 40;

/// Page heads inside the lines of paragraphs (`inline_page_head`): taken out of the text, where
/// the cable's serial stands in eight digits, and kept as markers where they stood.
fn inline_page_heads(b: &mut Builder) {
    let (Some(station), Some(serial)) = (b.cable.station.as_deref(), b.cable.serial) else {
        return;
    };
    let station = interpret::compact_station(station);
    let digits = format!("{serial:08}");
    // One searcher for every paragraph: `str::match_indices` would set one up for each.
    let padded = Finder::new(&digits);
    for index in 0..b.cable.paragraphs.len() {
        while let Some((start, end)) =
            find_page_head(&b.cable.paragraphs[index].text, &padded, &station)
        {
            if !take_page_head(b, index, (start, end)) {
                break;
            }
        }
    }
}

/// The first inline page head of `text` with the cable's serial (`padded`, a searcher for its
/// eight digits) and station: its start and end in `text`.
fn find_page_head(text: &str, padded: &Finder, station: &str) -> Option<(usize, usize)> {
    // The digits are ASCII: where they are found, a character starts.
    padded.find_iter(text.as_bytes()).find_map(|at| {
        let mut from = at.saturating_sub(PAGE_HEAD_STATION_BYTES);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        // Only what follows the last character that no station or space before the serial holds
        // (a failed parse builds its error from the rest of the text). It is ASCII: a character
        // starts after it.
        let station_char = |b: &u8| b.is_ascii_alphabetic() || matches!(b, b' ' | b'-' | b'\'');
        if let Some(last) = text.as_bytes()[from..at]
            .iter()
            .rposition(|b| !station_char(b))
        {
            from += last + 1;
        }
        text[from..at]
            .char_indices()
            .filter(|&(i, c)| word_start(text, from + i, c))
            .find_map(|(i, _)| {
                let start = from + i;
                let pair = CableParser::parse(Rule::inline_page_head, &text[start..])
                    .ok()?
                    .next()?;
                let mut parts = pair.clone().into_inner();
                let written = parts
                    .next()
                    .filter(|p| p.as_rule() == Rule::inline_station)?;
                let serial = parts
                    .next()
                    .filter(|p| p.as_rule() == Rule::padded_serial)?;
                let page_station = interpret::compact_station(written.as_str());
                let same = page_station.len() >= 4
                    && (station.starts_with(&page_station) || station.ends_with(&page_station));
                (same && start + serial.as_span().start() == at)
                    .then(|| (start, start + pair.as_span().end()))
            })
    })
}

/// Whether the letter `c` at `at` in `text` starts a word: after a character that is not a
/// letter, or a capital glued to a small letter (`seasonedAnkara`), never inside a word
/// (`to DUBAI` does not give the station `o DUBAI`).
fn word_start(text: &str, at: usize, c: char) -> bool {
    c.is_ascii_alphabetic()
        && text[..at].chars().next_back().is_none_or(|before| {
            !before.is_alphabetic() || (c.is_ascii_uppercase() && before.is_lowercase())
        })
}

/// Takes the page head at `start..end` out of paragraph `index`'s text: the words on either side
/// are joined by one space, and the page head becomes a marker there. False when the page head's
/// words are not found in the paragraph's source.
fn take_page_head(b: &mut Builder, index: usize, (start, end): (usize, usize)) -> bool {
    let para = &b.cable.paragraphs[index];
    let Some((found, length)) = b
        .written
        .get(para.span.start..para.span.end)
        .and_then(|source| find_words(source, &para.text[start..end]))
    else {
        return false;
    };
    let from = para.span.start + found;
    let head = b.written[from..from + length].to_string();
    let span = b.index.span_in(b.text, from, from + length);
    let para = &mut b.cable.paragraphs[index];
    let before = para.text[..start].trim_end().len();
    let after = end + (para.text.len() - end - para.text[end..].trim_start().len());
    let joint = if before == 0 || after == para.text.len() {
        ""
    } else {
        " "
    };
    let removed = (after - before) - joint.len();
    para.text.replace_range(before..after, joint);
    for marker in &mut para.markers {
        if marker.at > before {
            marker.at = marker.at.saturating_sub(removed).max(before);
        }
    }
    let place = para.markers.partition_point(|m| m.at <= before);
    para.markers.insert(
        place,
        Line {
            text: head,
            at: before,
            span,
        },
    );
    true
}

/// Where the words of `words` stand in `source` one after the other, with any run of blanks
/// between them (a paragraph's text has one space where its source may have had two, or a line
/// end): the start and length in `source`.
fn find_words(source: &str, words: &str) -> Option<(usize, usize)> {
    let mut parts = words.split_whitespace();
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    source.match_indices(first).find_map(|(at, _)| {
        let mut end = at + first.len();
        for word in &rest {
            let blanks = source[end..].len() - source[end..].trim_start().len();
            if blanks == 0 || !source[end + blanks..].starts_with(word) {
                return None;
            }
            end += blanks + word.len();
        }
        Some((at, end - at))
    })
}

/// The lines of a paragraph, as they are gathered.
#[derive(Default)]
struct ParagraphText {
    text: String,
    /// Where the last line gathered ended, to see blank lines between lines.
    last_end: usize,
    /// A section-continuation line or page head came since the last line: the blank lines around
    /// it belong to the page break, not to the paragraph.
    after_marker: bool,
}

impl ParagraphText {
    /// Add a line. A blank line before it starts a new run (`\n\n`) unless the line continues a
    /// broken sentence; a sub-item (`sub_item_line`) starts a new line; a wrapped line is joined
    /// with a space.
    fn add(&mut self, source: &str, (start, end): (usize, usize), line: &str, kind: LineKind) {
        // Only the grammar's spaces: a line of other blanks (an en quad) is text to the grammar,
        // and the paragraph it starts must not read as something else once it is gone.
        let line = line.trim_matches(|c| c == '\n' || is_grammar_space(c));
        if line.is_empty() {
            self.last_end = end;
            return;
        }
        if !self.text.is_empty() {
            let gap = source.get(self.last_end..start).unwrap_or("");
            let blank = gap.contains('\n') || gap.contains('\r');
            if blank && !kind.broken && !self.after_marker {
                self.text.push_str("\n\n");
            } else if kind.sub_item {
                self.text.push('\n');
            } else {
                self.text.push(' ');
            }
        }
        self.text.push_str(line);
        self.last_end = end;
        self.after_marker = false;
    }

    /// A marker interrupted the paragraph at `end`.
    fn marker(&mut self, end: usize) {
        self.last_end = end;
        self.after_marker = true;
    }
}

/// How a line joins the lines before it in a paragraph's text.
#[derive(Clone, Copy, Default)]
struct LineKind {
    /// It continues a sentence that a page break cut (`tolerant_broken_line`).
    broken: bool,
    /// It opens a sub-item (`sub_item_line`).
    sub_item: bool,
}

/// `numbered_paragraph` and `plain_paragraph`.
fn paragraph(pair: Pair<Rule>, b: &mut Builder) {
    let span = b.span(&pair);
    let mut para = Paragraph {
        number: None,
        label: None,
        marking: None,
        text: String::new(),
        roles: Vec::new(),
        markers: Vec::new(),
        span,
    };
    let mut gathered = ParagraphText {
        // Lines are joined by one character where the text had at least one: the paragraph's
        // text is never longer than its span, so it is allocated once.
        text: String::with_capacity(pair.as_span().end() - pair.as_span().start()),
        last_end: pair.as_span().start(),
        after_marker: false,
    };
    for part in pair.into_inner() {
        let (start, end) = (part.as_span().start(), part.as_span().end());
        match part.as_rule() {
            Rule::paragraph_label => {
                para.label = Some(part.as_str().to_string());
                para.number = interpret::label_number(part.as_str());
                gathered.last_end = end;
            }
            Rule::marking => {
                para.marking = Some(marking(part));
                gathered.last_end = end;
            }
            Rule::whole_text_marking => {
                para.marking = Some(interpret::squeeze(part.as_str().trim_end_matches('.')));
                gathered.last_end = end;
            }
            Rule::paragraph_lead => paragraph_lead(part, b.written, &mut para, &mut gathered),
            Rule::text_line => gathered.add(
                b.written,
                (start, end),
                b.written(&part),
                LineKind::default(),
            ),
            Rule::sub_item_line => {
                let kind = LineKind {
                    sub_item: true,
                    ..LineKind::default()
                };
                gathered.add(b.written, (start, end), b.written(&part), kind)
            }
            Rule::tolerant_broken_line => broken_line(b, part, &mut gathered),
            Rule::section_marker | Rule::page_header => {
                let span = b.span(&part);
                gathered.marker(end);
                para.markers.push(Line {
                    text: b.written(&part).trim().to_string(),
                    at: gathered.text.len(),
                    span,
                });
                if part.as_rule() == Rule::section_marker {
                    marker_station(part, b);
                }
            }
            _ => unreachable!("paragraph holds {:?}", part.as_rule()),
        }
    }
    para.text = gathered.text;
    b.cable.body.push(Block::Paragraph {
        index: b.cable.paragraphs.len(),
    });
    b.cable.paragraphs.push(para);
}

/// `tolerant_broken_line`: the line after the blank lines, which continues the sentence before
/// them (a sub-item of its own when it opens one).
fn broken_line<'t>(b: &Builder<'t>, pair: Pair<'t, Rule>, gathered: &mut ParagraphText) {
    let (start, end) = (pair.as_span().start(), pair.as_span().end());
    let mut kind = LineKind {
        broken: true,
        ..LineKind::default()
    };
    let mut line = b.written(&pair);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::text_rest => line = b.written(&part),
            Rule::sub_item_line => {
                kind.sub_item = true;
                line = b.written(&part);
            }
            _ => unreachable!("tolerant_broken_line holds {:?}", part.as_rule()),
        }
    }
    gathered.add(b.written, (start, end), line, kind);
}

/// `paragraph_lead`: the opener of a summary, comment or quotation, and the first line's text.
fn paragraph_lead(
    pair: Pair<Rule>,
    source: &str,
    para: &mut Paragraph,
    gathered: &mut ParagraphText,
) {
    let start = pair.as_span().start();
    let end = pair.as_span().end();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::summary_open => para.roles.push(Role::Summary),
            Rule::comment_open => para.roles.push(Role::Comment),
            Rule::quote_open => para.roles.push(Role::Quote),
            Rule::text_rest => {}
            _ => unreachable!("paragraph_lead holds {:?}", part.as_rule()),
        }
    }
    let line = source.get(start..end).unwrap_or("");
    gathered.add(source, (start, end), line, LineKind::default());
}

/// A dashed heading. Its text loses only the spaces the grammar reads as spaces (`ws`): a line
/// that starts with another blank, such as an en quad before a word in lower case, is a heading
/// only because of that blank, so the text keeps it.
fn heading(pair: Pair<Rule>, b: &mut Builder) {
    let span = b.span(&pair);
    let mut text = String::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::heading_text | Rule::ellipsis_heading_text => {
                text = b.written(&part).trim_matches(is_grammar_space).to_string()
            }
            _ => unreachable!("heading holds {:?}", part.as_rule()),
        }
    }
    b.cable.body.push(Block::Heading { text, span });
}

/// The signature line: each name is a signer.
fn signature(pair: Pair<Rule>, b: &mut Builder) {
    let span = b.span(&pair);
    let text = b.written(&pair).trim().to_string();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::signer => b.cable.signers.push(part.as_str().to_string()),
            // Kept in the signature's text as written.
            Rule::end_of_message => {}
            _ => unreachable!("signature holds {:?}", part.as_rule()),
        }
    }
    b.cable.body.push(Block::Signature { text, span });
}

// -----------------------------------------------------------------------------------------------
//  Whole-cable readings
// -----------------------------------------------------------------------------------------------

/// Labels `11.`, `12.`, … `19.` that number ¶1–¶9 whose pilcrow became a "1": when every label is
/// a "1" followed by a number, and those numbers run 1, 2, 3… the numbers are read without the "1".
/// The label is kept as written.
fn renumber_pilcrow_labels(cable: &mut Cable) {
    let labels: Vec<&str> = cable
        .paragraphs
        .iter()
        .filter_map(|p| p.label.as_deref())
        .collect();
    if labels.len() < 2 {
        return;
    }
    let stripped: Option<Vec<u32>> = labels
        .iter()
        .map(|l| {
            let digits = l.trim_end_matches(['.', ')']);
            if digits.len() >= 2 && digits.starts_with('1') {
                digits[1..].parse().ok()
            } else {
                None
            }
        })
        .collect();
    let Some(stripped) = stripped else { return };
    let runs_from_one = stripped.first() == Some(&1) && stripped.windows(2).all(|w| w[1] > w[0]);
    if !runs_from_one {
        return;
    }
    let mut numbers = stripped.into_iter();
    let mut first_span = None;
    for para in cable.paragraphs.iter_mut().filter(|p| p.label.is_some()) {
        para.number = numbers.next();
        first_span.get_or_insert(para.span);
    }
    cable.diagnostics.push(Diagnostic::new(
        Code::PilcrowAsOne,
        "paragraph labels 11., 12., … are read as ¶1, ¶2, …: the pilcrow became a \"1\"".into(),
        Some("the labels are kept as written".into()),
        first_span.unwrap_or_default(),
    ));
}

/// A summary, comment or quotation opened in one paragraph runs to the first paragraph that
/// closes it (`summary_close`, `comment_close`, `quote_close`); the paragraphs in between share its
/// role. When nothing closes it, it is the opening paragraph alone.
fn mark_roles(cable: &mut Cable) {
    let upper: Vec<String> = cable
        .paragraphs
        .iter()
        .map(|p| p.text.to_ascii_uppercase())
        .collect();
    // An unnumbered paragraph opens a summary or a comment as a numbered one does, with its first
    // words (`SUMMARY: FOLLOWING …`, `BEGIN SUMMARY`): `paragraph_lead` reads them only after a
    // number.
    for para in cable.paragraphs.iter_mut() {
        if para.number.is_some() || !para.roles.is_empty() {
            continue;
        }
        let start = para.text.trim_start();
        if !may_open_role(start, false) {
            continue;
        }
        if CableParser::parse(Rule::summary_open, start).is_ok() {
            para.roles.push(Role::Summary);
        } else if CableParser::parse(Rule::comment_open, start).is_ok() {
            para.roles.push(Role::Comment);
        }
    }
    // A quotation may open anywhere in a paragraph: `… the note reads: BEGIN TEXT: …`.
    for (para, text) in cable.paragraphs.iter_mut().zip(&upper) {
        if role_words(text, &BEGIN_WORD).contains(&RoleWord::QuoteStart) {
            add_role(para, Role::Quote);
        }
    }
    let mut closings = Closings {
        upper: &upper,
        read: vec![None; upper.len()],
    };
    // A heading that opens a summary or a comment (`heading_role`): the paragraphs under it take
    // the role, up to the one that closes it, or else up to the next heading.
    for (role, under) in heading_roles(cable) {
        let end = closings
            .first(under.clone(), role)
            .unwrap_or(under.end.saturating_sub(1));
        for para in cable
            .paragraphs
            .get_mut(under.start..=end)
            .into_iter()
            .flatten()
        {
            add_role(para, role);
        }
    }
    let mut i = 0;
    while i < cable.paragraphs.len() {
        let opened: Vec<Role> = cable.paragraphs[i].roles.clone();
        let mut last = i;
        for role in opened {
            if let Some(j) = closings.first(i..upper.len(), role) {
                for para in &mut cable.paragraphs[i + 1..=j] {
                    add_role(para, role);
                }
                last = last.max(j);
            }
        }
        i = last + 1;
    }
}

/// Give `para` the `role`, once.
fn add_role(para: &mut Paragraph, role: Role) {
    if !para.roles.contains(&role) {
        para.roles.push(role);
    }
}

/// What each paragraph closes: its `role_word`s that begin with `END `, read only for the
/// paragraphs that a span reaches, and once.
struct Closings<'u> {
    /// The paragraphs' gathered texts in capitals.
    upper: &'u [String],
    read: Vec<Option<Vec<RoleWord>>>,
}

impl Closings<'_> {
    /// The first paragraph of `within` that closes `role`.
    fn first(&mut self, within: std::ops::Range<usize>, role: Role) -> Option<usize> {
        let closer = RoleWord::closing(role);
        within.into_iter().find(|&j| {
            self.read[j]
                .get_or_insert_with(|| role_words(&self.upper[j], &END_WORD))
                .contains(&closer)
        })
    }
}

/// The roles that headings open (`heading_role`), each with the paragraphs under its heading: from
/// the first paragraph after it to the next heading.
fn heading_roles(cable: &Cable) -> Vec<(Role, std::ops::Range<usize>)> {
    let mut found: Vec<(Role, std::ops::Range<usize>)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for block in &cable.body {
        match block {
            Block::Heading { text, .. } => {
                open.clear();
                if !may_open_role(text, true) {
                    continue;
                }
                let Ok(pairs) = CableParser::parse(Rule::heading_role, text) else {
                    continue;
                };
                for part in pairs.flatten() {
                    let role = match part.as_rule() {
                        Rule::summary_open => Role::Summary,
                        Rule::comment_open => Role::Comment,
                        _ => continue,
                    };
                    open.push(found.len());
                    found.push((role, usize::MAX..usize::MAX));
                }
            }
            Block::Paragraph { index } => {
                for &k in &open {
                    let under = &mut found[k].1;
                    if under.start == usize::MAX {
                        under.start = *index;
                    }
                    under.end = index + 1;
                }
            }
            _ => {}
        }
    }
    found.retain(|(_, under)| under.start != usize::MAX);
    found
}

/// Whether `text` can begin with the opener of a summary or a comment (`Summary`, `Comment`,
/// `BEGIN …`), or, where a `marking` may come first, with its parenthesis. Checked before the
/// opener is parsed, as a failed parse builds its error from the whole text.
fn may_open_role(text: &str, marking: bool) -> bool {
    match text.as_bytes().first() {
        Some(b'S' | b's' | b'C' | b'c' | b'B' | b'b') => true,
        Some(b'(') => marking,
        _ => false,
    }
}

/// A `role_word`: what a word inside a paragraph's text does to a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RoleWord {
    /// `summary_close`
    SummaryClose,
    /// `comment_close`
    CommentClose,
    /// `quote_close`
    QuoteClose,
    /// `quote_start`
    QuoteStart,
}

impl RoleWord {
    /// The word that closes a span of `role`.
    fn closing(role: Role) -> RoleWord {
        match role {
            Role::Summary => RoleWord::SummaryClose,
            Role::Comment => RoleWord::CommentClose,
            Role::Quote => RoleWord::QuoteClose,
        }
    }
}

/// The searchers for the first words of the `role_word`s, `BEGIN ` and `END `, built once:
/// `memmem::find_iter` would build its searcher anew for every paragraph, which cost more than
/// the search itself.
static BEGIN_WORD: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("BEGIN "));
static END_WORD: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("END "));

/// The `role_word`s of one paragraph's gathered text in capitals that begin with `first` (`END `
/// or `BEGIN `, with which every one begins): the rule is tried at the start of every such word,
/// as they may stand anywhere in the text.
fn role_words(upper: &str, first: &Finder) -> Vec<RoleWord> {
    const ROLE_WORD_WINDOW: usize = 24;
    let mut found = Vec::new();
    for at in first.find_iter(upper.as_bytes()) {
        // Only where a word starts (no letter before it: `WEEKEND SUMMARY` closes nothing). A
        // match of `first` starts at a character boundary: it is ASCII.
        let word_start = at == 0 || !upper.as_bytes()[at - 1].is_ascii_alphabetic();
        // The longest role word, `END OF SUMMARY`, is 14 bytes: the rule is tried on a window
        // of the text, so that a word that is none costs pest nothing in the rest.
        let mut end = (at + ROLE_WORD_WINDOW).min(upper.len());
        while !upper.is_char_boundary(end) {
            end -= 1;
        }
        let Some(rest) = upper.get(at..end).filter(|_| word_start) else {
            continue;
        };
        let Ok(mut pairs) = CableParser::parse(Rule::role_word, rest) else {
            continue;
        };
        let Some(word) = pairs.next() else { continue };
        found.push(match word.as_rule() {
            Rule::summary_close => RoleWord::SummaryClose,
            Rule::comment_close => RoleWord::CommentClose,
            Rule::quote_close => RoleWord::QuoteClose,
            Rule::quote_start => RoleWord::QuoteStart,
            _ => unreachable!("role_word holds {:?}", word.as_rule()),
        });
    }
    found
}

/// A blank as the grammar reads it (`ws`): a space, or a tab, a form feed or a no-break space,
/// which the reader hands the grammar as spaces.
fn is_grammar_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{0C}' | '\u{A0}')
}

/// A pair's text without its final line break.
fn trim_line_end(text: &str) -> &str {
    text.trim_end_matches(['\n', '\r'])
}
