//! Diagnostics about the cable as a whole: what a complete cable has and this one lacks.
//!
//! The codes and their severities are [`Code`]'s.

use crate::diagnostics::Code;
use crate::model::{Block, Cable, Diagnostic, HeaderKind, Severity, Span};
use crate::refs;

/// Add the whole-cable diagnostics, then sort all diagnostics by position.
pub(crate) fn diagnose(cable: &mut Cable, text: &str) {
    let mut found = Vec::new();
    if text.trim().is_empty() {
        found.push(Diagnostic::new(
            Code::Empty,
            "the input is empty: expected the text of a cable".into(),
            Some("check that the file holds a cable".into()),
            Span::default(),
        ));
    } else if !cable
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        structure(cable, &mut found);
    }
    cable.diagnostics.extend(found);
    cable.diagnostics.sort_by_key(|d| (d.span.start, d.code));
}

/// Where the body starts: the span that "missing" diagnostics point at.
fn body_start(cable: &Cable) -> Span {
    cable
        .header
        .first()
        .map(|h| h.span)
        .or_else(|| cable.paragraphs.first().map(|p| p.span))
        .unwrap_or(Span {
            start: 0,
            end: 0,
            line: 1,
            column: 1,
        })
}

fn structure(cable: &Cable, found: &mut Vec<Diagnostic>) {
    let at = body_start(cable);
    let has_numbers = cable.paragraphs.iter().any(|p| p.number.is_some());
    if cable.classification.is_none() && cable.subject.is_none() && !has_numbers {
        found.push(Diagnostic::new(
            Code::NoStructure,
            "no cable structure found: expected a classification line, a SUBJECT line or numbered paragraphs".into(),
            Some("is this file a cable? Pages that only list articles are not".into()),
            at,
        ));
        return;
    }
    if cable.header_item(HeaderKind::ClassificationLine).is_none() {
        found.push(Diagnostic::new(
            Code::NoClassification,
            "expected a classification line such as `CONFIDENTIAL ANKARA 008852` before the text"
                .into(),
            None,
            at,
        ));
    }
    if cable.station.is_none() || cable.serial.is_none() {
        found.push(Diagnostic::new(
            Code::NoStationSerial,
            "expected the station and serial number, as in `CONFIDENTIAL ANKARA 008852`".into(),
            Some("the classification line names them after the level".into()),
            at,
        ));
    }
    if let Some(station) = cable.station.as_deref() {
        if refs::id_station(station).is_none() {
            found.push(Diagnostic::new(
                Code::UnknownStation,
                format!("the station `{station}` is none of the stations that sent cables"),
                Some(
                    "the line that names it may be damaged; the station is kept as written".into(),
                ),
                cable
                    .header_item(HeaderKind::ClassificationLine)
                    .map_or(at, |line| line.span),
            ));
        }
    }
    if cable.subject.is_none() {
        found.push(Diagnostic::new(
            Code::NoSubject,
            "expected a SUBJECT line".into(),
            Some("write `SUBJECT: …` after TAGS".into()),
            at,
        ));
    }
    if cable.tags.is_empty() {
        found.push(Diagnostic::new(
            Code::NoTags,
            "expected a TAGS line".into(),
            Some("write `TAGS: PREL PGOV …` before the subject".into()),
            at,
        ));
    }
    numbering(cable, found);
    truncation(cable, found);
}

/// Paragraph numbers should run 1, 2, 3 …; partial extracts may skip.
fn numbering(cable: &Cable, found: &mut Vec<Diagnostic>) {
    let mut expected = 1;
    for para in &cable.paragraphs {
        let Some(number) = para.number else { continue };
        if number != expected && !(cable.partial && number > expected) {
            found.push(Diagnostic::new(
                Code::ParagraphNumbers,
                format!("expected paragraph {expected}, found paragraph {number}"),
                None,
                para.span,
            ));
        }
        expected = number + 1;
    }
}

/// A cable that ends in the middle of a sentence, with no signature or trailer, was cut off.
fn truncation(cable: &Cable, found: &mut Vec<Diagnostic>) {
    let closed = cable
        .body
        .iter()
        .any(|b| matches!(b, Block::Signature { .. } | Block::Trailer { .. }));
    if closed {
        return;
    }
    let Some(last) = cable.paragraphs.last() else {
        return;
    };
    let end = last.text.trim_end();
    let cut = end.ends_with("...")
        || end
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == ',');
    if cut {
        found.push(Diagnostic::new(
            Code::Truncated,
            "the text ends in the middle of a sentence: expected the rest of the paragraph and a signature".into(),
            Some("the cable may be truncated".into()),
            last.span,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;

    fn codes(text: &str) -> Vec<Code> {
        crate::parse(text)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect()
    }

    /// Real lines of the corpus: a station glued to the number of sections and damaged
    /// (tathagata__reveal/09SECTION02OF03QRIPOLI583), a letter-spaced caption read into the
    /// station (the CSV row of 85NOFORNMOGADISHU1643); a known station and a known short
    /// spelling of one pass.
    #[test]
    fn a_station_that_sent_no_cables_is_reported() {
        let tail = "\nSUBJECT: TEST\n\n1. (C) TEXT.\n";
        for line in [
            "S E C R E T SECTION 02 OF 03QRIPOLI 000583",
            "S E C R E T N O F O R N MOGADISHU 01643",
        ] {
            let found = codes(&format!("{line}{tail}"));
            assert!(found.contains(&Code::UnknownStation), "{line}: {found:?}");
        }
        for line in [
            "S E C R E T SECTION 02 OF 03 TRIPOLI 000583",
            "UNCLAS USUN NEW YORK 000123",
            "CONFIDENTIAL TEGUCIGALP 000042",
        ] {
            let found = codes(&format!("{line}{tail}"));
            assert!(!found.contains(&Code::UnknownStation), "{line}: {found:?}");
        }
    }
}
