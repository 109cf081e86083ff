//! Diagnostics about the cable as a whole: what a complete cable has and this one lacks.
//!
//! Codes are stable; `cablegram validate --explain` lists them (see [`CODES`]).

use crate::model::{Block, Cable, Diagnostic, HeaderKind, Severity, Span};

/// Every diagnostic code, its severity and what it means.
pub const CODES: &[(&str, Severity, &str)] = &[
    ("C0000", Severity::Error, "the input is empty"),
    (
        "C0001",
        Severity::Error,
        "no cable structure: no classification line, subject or numbered paragraph",
    ),
    (
        "C0002",
        Severity::Error,
        "the grammar could not read the text",
    ),
    (
        "C0003",
        Severity::Error,
        "the text is larger than a cable may be",
    ),
    ("C0004", Severity::Error, "the grammar produced no cable"),
    ("C0101", Severity::Warning, "no classification line"),
    ("C0102", Severity::Warning, "no station and serial number"),
    ("C0103", Severity::Warning, "no SUBJECT line"),
    ("C0104", Severity::Warning, "no TAGS line"),
    (
        "C0106",
        Severity::Warning,
        "the classification line and the transmission header name different cables",
    ),
    (
        "C0201",
        Severity::Warning,
        "a header line the grammar does not know",
    ),
    ("C0301", Severity::Info, "paragraph numbers skip or repeat"),
    (
        "C0302",
        Severity::Info,
        "paragraph labels 11., 12. … read as ¶1, ¶2 …",
    ),
    ("C0303", Severity::Warning, "the text seems cut off"),
    ("C0401", Severity::Info, "the text had lost its line breaks"),
    (
        "C0501",
        Severity::Warning,
        "a date-time group that is not a real date",
    ),
];

/// Add the whole-cable diagnostics, then sort all diagnostics by position.
pub(crate) fn diagnose(cable: &mut Cable, text: &str) {
    let mut found = Vec::new();
    if text.trim().is_empty() {
        found.push(diag(
            "C0000",
            Severity::Error,
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
    cable
        .diagnostics
        .sort_by_key(|d| (d.span.start, d.code.clone()));
}

fn diag(
    code: &str,
    severity: Severity,
    message: String,
    hint: Option<String>,
    span: Span,
) -> Diagnostic {
    Diagnostic {
        code: code.into(),
        severity,
        message,
        hint,
        span,
    }
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
        found.push(diag(
            "C0001",
            Severity::Error,
            "no cable structure found: expected a classification line, a SUBJECT line or numbered paragraphs".into(),
            Some("is this file a cable? Pages that only list articles are not".into()),
            at,
        ));
        return;
    }
    if cable.header_item(HeaderKind::ClassificationLine).is_none() {
        found.push(diag(
            "C0101",
            Severity::Warning,
            "expected a classification line such as `CONFIDENTIAL ANKARA 008852` before the text"
                .into(),
            None,
            at,
        ));
    }
    if cable.station.is_none() || cable.serial.is_none() {
        found.push(diag(
            "C0102",
            Severity::Warning,
            "expected the station and serial number, as in `CONFIDENTIAL ANKARA 008852`".into(),
            Some("the classification line names them after the level".into()),
            at,
        ));
    }
    if cable.subject.is_none() {
        found.push(diag(
            "C0103",
            Severity::Warning,
            "expected a SUBJECT line".into(),
            Some("write `SUBJECT: …` after TAGS".into()),
            at,
        ));
    }
    if cable.tags.is_empty() {
        found.push(diag(
            "C0104",
            Severity::Warning,
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
            found.push(diag(
                "C0301",
                Severity::Info,
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
        found.push(diag(
            "C0303",
            Severity::Warning,
            "the text ends in the middle of a sentence: expected the rest of the paragraph and a signature".into(),
            Some("the cable may be truncated".into()),
            last.span,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::CODES;

    /// Every code that the parser can emit is listed, with its severity, in [`CODES`].
    #[test]
    fn every_emitted_code_is_listed() {
        let check = include_str!("check.rs");
        let after_table = &check[check.find("pub(crate) fn diagnose").unwrap()..];
        let sources = [
            include_str!("build.rs"),
            include_str!("mod.rs"),
            include_str!("names.rs"),
            after_table,
        ];
        let mut seen = 0;
        for source in sources {
            for (i, _) in source.match_indices("\"C0") {
                let code = &source[i + 1..i + 6];
                if !code[1..].chars().all(|c| c.is_ascii_digit()) {
                    continue;
                }
                seen += 1;
                assert!(
                    CODES.iter().any(|(c, _, _)| *c == code),
                    "{code} is emitted but not listed in CODES"
                );
            }
        }
        assert!(seen >= 14, "only {seen} codes found");
    }
}
