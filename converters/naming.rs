//! Small helpers shared by the writers: names of model values, marking expansions, dates.

use crate::model::{Block, Cable, HeaderKind, Role};

/// A stable, lower-case, hyphenated name for a header kind (`classification-line`), used as a
/// TEI `@type` and an HTML class.
pub fn header_kind_name(kind: HeaderKind) -> &'static str {
    match kind {
        HeaderKind::PartialNotice => "partial-notice",
        HeaderKind::Wrapper => "wrapper",
        HeaderKind::TransmissionId => "transmission-id",
        HeaderKind::Routing => "routing",
        HeaderKind::Originator => "originator",
        HeaderKind::SecurityLine => "security-line",
        HeaderKind::DateTimeGroup => "date-time-group",
        HeaderKind::From => "from",
        HeaderKind::To => "to",
        HeaderKind::Info => "info",
        HeaderKind::Break => "break",
        HeaderKind::ReceivedCopy => "received-copy",
        HeaderKind::ArchiveBanner => "archive-banner",
        HeaderKind::CorrectedCopy => "corrected-copy",
        HeaderKind::ClassificationLine => "classification-line",
        HeaderKind::Caption => "caption",
        HeaderKind::DateLine => "date-line",
        HeaderKind::ExecutiveOrder => "executive-order",
        HeaderKind::Tags => "tags",
        HeaderKind::Subject => "subject",
        HeaderKind::References => "references",
        HeaderKind::ClassifiedBy => "classified-by",
        HeaderKind::Marker => "marker",
        HeaderKind::Unrecognized => "unrecognized",
    }
}

/// The name of a paragraph role (`summary`).
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Summary => "summary",
        Role::Comment => "comment",
        Role::Quote => "quote",
    }
}

/// The words behind the parts of a paragraph marking (`S/NF` → `Secret, No Foreign
/// Dissemination`), or `None` when a part is unknown.
pub fn expand_marking(marking: &str) -> Option<String> {
    let parts: Vec<&str> = marking
        .split(['/', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    let mut words = Vec::with_capacity(parts.len());
    let mut after_rel = false;
    for part in parts {
        if after_rel {
            words.push(part.to_string());
            continue;
        }
        let word = match part.to_ascii_uppercase().as_str() {
            "U" => "Unclassified",
            "C" => "Confidential",
            "S" => "Secret",
            "TS" => "Top Secret",
            "SBU" => "Sensitive But Unclassified",
            "LOU" => "Limited Official Use",
            "NF" | "NOFORN" => "No Foreign Dissemination",
            "FOUO" => "For Official Use Only",
            "FGI" => "Foreign Government Information",
            "REL" => {
                after_rel = true;
                "Releasable to"
            }
            _ => return None,
        };
        words.push(word.to_string());
    }
    Some(
        words
            .join(", ")
            .replace("Releasable to, ", "Releasable to "),
    )
}

/// `datetime` as a W3C date or date-time that XML Schema and HTML accept (`2005-05-22T08:46:00Z`),
/// adding `:00` seconds to a minutes-only time; `None` when it is neither.
pub fn w3c_datetime(datetime: &str) -> Option<String> {
    if !datetime.is_ascii() {
        return None;
    }
    let b = datetime.as_bytes();
    // The two-digit number at `at`, when it is within `range`.
    let num = |at: usize, max: u32, min: u32| -> bool {
        b.get(at..at + 2)
            .filter(|s| s.iter().all(u8::is_ascii_digit))
            .map(|s| u32::from(s[0] - b'0') * 10 + u32::from(s[1] - b'0'))
            .is_some_and(|n| (min..=max).contains(&n))
    };
    let year = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit);
    let date = year
        && b.get(4) == Some(&b'-')
        && num(5, 12, 1)
        && b.get(7) == Some(&b'-')
        && num(8, 31, 1);
    if !date {
        return None;
    }
    if b.len() == 10 {
        return Some(datetime.to_string());
    }
    let time = b[10] == b'T' && num(11, 23, 0) && b.get(13) == Some(&b':') && num(14, 59, 0);
    if !time {
        return None;
    }
    let has_seconds = b.get(16) == Some(&b':') && num(17, 59, 0);
    let (hm, zone) = datetime.split_at(if has_seconds { 19 } else { 16 });
    let zb = zone.as_bytes();
    let zone_ok = zone.is_empty()
        || zone == "Z"
        || (zb.len() == 6
            && matches!(zb[0], b'+' | b'-')
            && zb[1..3].iter().all(u8::is_ascii_digit)
            && zb[3] == b':'
            && zb[4..6].iter().all(u8::is_ascii_digit));
    if !zone_ok {
        return None;
    }
    let seconds = if has_seconds { "" } else { ":00" };
    Some(format!("{hm}{seconds}{zone}"))
}

/// `datetime` (ISO 8601, as the model has it) as people read it: `16 October 2009, 15:01 UTC`,
/// `16 October 2009` for a date alone; `None` when it is not a date [`w3c_datetime`] accepts.
pub fn readable_datetime(datetime: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    // Checked, and completed to `YYYY-MM-DDTHH:MM:SS` and a zone.
    let w3c = w3c_datetime(datetime)?;
    let month: usize = w3c[5..7].parse().ok()?;
    let day: u32 = w3c[8..10].parse().ok()?;
    let date = format!("{day} {} {}", MONTHS[month - 1], &w3c[..4]);
    if w3c.len() == 10 {
        return Some(date);
    }
    let time = match &w3c[16..19] {
        ":00" => &w3c[11..16],
        _ => &w3c[11..19],
    };
    let zone = match &w3c[19..] {
        "Z" => " UTC".to_string(),
        "" => String::new(),
        offset => format!(" UTC{offset}"),
    };
    Some(format!("{date}, {time}{zone}"))
}

/// The title of a cable: its subject, else its id, else a generic one.
pub fn title(cable: &Cable) -> &str {
    cable
        .subject
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .or(cable.id.as_deref().filter(|s| !s.trim().is_empty()))
        .unwrap_or("Untitled cable")
}

/// The title of a collection of `count` cables (`158 cables`).
pub fn collection_title(count: usize) -> String {
    format!("{count} cables")
}

/// The word that opens the written references (`REF:`, `REFS:`, `Ref:`, `REFTEL:`), taken from
/// the first `References` header item, so that a writer showing the references as a list keeps
/// it; `REF:` when there is no such item or it starts otherwise.
pub fn references_keyword(cable: &Cable) -> String {
    let written = cable
        .header
        .iter()
        .find(|h| h.kind == HeaderKind::References)
        .map(|h| h.text.trim_start());
    if let Some(text) = written {
        let word: String = text
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if word.len() <= 12 && word.to_ascii_uppercase().starts_with("REF") {
            return if text[word.len()..].starts_with(':') {
                format!("{word}:")
            } else {
                word
            };
        }
    }
    "REF:".to_string()
}

/// How many diagnostics a cable has, as a loss line for formats that do not carry them.
pub fn diagnostics_lost(cable: &Cable) -> Option<String> {
    let n = cable.diagnostics.len();
    (n > 0).then(|| format!("{n} parser diagnostic(s) not written"))
}

/// The blocks of a body split into the main run and the closing run: the signatures, trailers and
/// markers after the last paragraph or heading. The closing run is empty when nothing precedes it.
pub fn split_closing(body: &[Block]) -> (&[Block], &[Block]) {
    let last_content = body
        .iter()
        .rposition(|b| matches!(b, Block::Paragraph { .. } | Block::Heading { .. }));
    match last_content {
        Some(i) => body.split_at(i + 1),
        None => (body, &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markings_expand() {
        assert_eq!(
            expand_marking("SBU").as_deref(),
            Some("Sensitive But Unclassified")
        );
        assert_eq!(
            expand_marking("S//NF").as_deref(),
            Some("Secret, No Foreign Dissemination")
        );
        assert_eq!(
            expand_marking("C/REL ISAF").as_deref(),
            Some("Confidential, Releasable to ISAF")
        );
        assert_eq!(expand_marking("XYZ"), None);
    }

    #[test]
    fn references_keyword_is_the_written_one() {
        use crate::model::{HeaderItem, Span};
        let with = |text: &str| Cable {
            header: vec![HeaderItem {
                kind: HeaderKind::References,
                text: text.into(),
                span: Span::default(),
            }],
            ..Cable::default()
        };
        assert_eq!(references_keyword(&Cable::default()), "REF:");
        assert_eq!(references_keyword(&with("REF: A. STATE 1")), "REF:");
        assert_eq!(references_keyword(&with(" REFS: A) X, B) Y")), "REFS:");
        assert_eq!(references_keyword(&with("Ref STATE 1")), "Ref");
        assert_eq!(references_keyword(&with("(A) STATE 1")), "REF:");
    }

    #[test]
    fn datetimes_are_checked_and_completed() {
        assert_eq!(w3c_datetime("2005-05-22").as_deref(), Some("2005-05-22"));
        assert_eq!(
            w3c_datetime("2006-07-21T07:22Z").as_deref(),
            Some("2006-07-21T07:22:00Z")
        );
        assert_eq!(
            w3c_datetime("2006-07-21T07:22:10+01:00").as_deref(),
            Some("2006-07-21T07:22:10+01:00")
        );
        assert_eq!(w3c_datetime("21 JUL 06"), None);
        assert_eq!(
            readable_datetime("2009-10-16T15:01:00Z").as_deref(),
            Some("16 October 2009, 15:01 UTC")
        );
        assert_eq!(
            readable_datetime("2009-10-16T15:01Z").as_deref(),
            Some("16 October 2009, 15:01 UTC")
        );
        assert_eq!(
            readable_datetime("1975-03-01T07:22:10+01:00").as_deref(),
            Some("1 March 1975, 07:22:10 UTC+01:00")
        );
        assert_eq!(
            readable_datetime("2005-05-22").as_deref(),
            Some("22 May 2005")
        );
        assert_eq!(readable_datetime("not a <date>"), None);
        assert_eq!(w3c_datetime("2006-07-21 07:22"), None);
        assert_eq!(w3c_datetime("2006-07-21T07:22Zjunk"), None);
    }
}
