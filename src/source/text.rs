//! Plain text files.
//!
//! The text is decoded (UTF-8, or Windows-1252 as a fallback; see [`super::encoding`]) and kept
//! as is, line endings included. Binary data is refused.
//!
//! **alx text dumps** (`cablegate_to_txt.rb`) open with five metadata lines: reference id, title,
//! date (`Wed Nov 20 00:00:00 +0100 2002`), classification and origin. They are recognised
//! conservatively (the first line is a reference id such as `02ADANA386` and the third line a
//! date starting with a weekday) and go into the metadata as `reference_id`, `title`, `date`,
//! `classification` and `origin`; the text is what follows.
//!
//! **Database rows**: the text of a site page whose body was a tab-separated database row (see
//! [`super::html`]) holds the same row; it is undone the same way, so that the page and its text
//! give the same cable. The row's fields go into the metadata as on the page.

use super::db_row::DbRow;
use super::encoding::{decode_owned, looks_binary};
use super::{source, Container, SourceDoc, SourceError};
use std::collections::BTreeMap;

/// Keys of the alx dump's metadata lines, in order.
const ALX_KEYS: [&str; 5] = ["reference_id", "title", "date", "classification", "origin"];

/// Reads a plain text file.
pub fn read(bytes: &[u8], path: &str) -> Result<SourceDoc, SourceError> {
    if let Some(reason) = looks_binary(bytes) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            reason,
        });
    }
    let (text, encoding) = decode_owned(bytes);
    let (text, mut metadata) = match split_alx_header(&text) {
        Some((metadata, rest)) => (rest.to_string(), metadata),
        None => (text, BTreeMap::new()),
    };
    let text = undo_db_row(text, &mut metadata);
    Ok(SourceDoc {
        text,
        source: source(path, Container::Text, None, metadata, encoding),
    })
}

/// The text with a database row (`[row]<TAB>date<TAB>id<TAB>…`) undone: the lines before the
/// row, or the row's header field when there are none, then the row's body.
fn undo_db_row(text: String, metadata: &mut BTreeMap<String, String>) -> String {
    let mut start = 0;
    let row = loop {
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if text[start..line_end].contains('\t') {
            break DbRow::parse(&text[start..]).map(|row| (start, row));
        }
        if line_end >= text.len() {
            break None;
        }
        start = line_end + 1;
    };
    let Some((at, row)) = row else { return text };
    row.record(metadata);
    let before = text[..at].trim_end_matches(['\n', '\r']);
    let header = if before.trim().is_empty() {
        row.header.as_str()
    } else {
        before
    };
    if header.is_empty() {
        row.body
    } else {
        format!("{header}\n\n{}", row.body)
    }
}

/// Splits off the five alx metadata lines, when the text starts with them.
fn split_alx_header(text: &str) -> Option<(BTreeMap<String, String>, &str)> {
    let mut rest = text;
    let mut lines = Vec::with_capacity(5);
    for _ in 0..5 {
        let (line, after) = match rest.find('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None if !rest.is_empty() => (rest, ""),
            None => return None,
        };
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        rest = after;
    }
    let is_alx = is_reference_id(lines[0])
        && starts_with_weekday(lines[2])
        && lines[2].contains(':')
        && !lines[3].trim().is_empty();
    if !is_alx {
        return None;
    }
    let metadata = ALX_KEYS
        .iter()
        .zip(&lines)
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect();
    Some((metadata, rest))
}

/// A cable reference id: two digits, an upper-case station, a serial (`02ADANA386`,
/// `09STATE119085`, also malformed real ones such as `7575LIBREVILLE1895`).
pub(crate) fn is_reference_id(s: &str) -> bool {
    let b = s.as_bytes();
    (5..=40).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_digit)
        && b.iter().any(u8::is_ascii_uppercase)
        && b.last().is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn starts_with_weekday(s: &str) -> bool {
    ["Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "]
        .iter()
        .any(|d| s.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_kept_as_is() {
        let doc = read(b"UNCLAS ALMATY 001938\r\n\r\nSIPDIS\r\n", "a.txt").unwrap();
        assert_eq!(doc.text, "UNCLAS ALMATY 001938\r\n\r\nSIPDIS\r\n");
        assert_eq!(doc.source.encoding.as_deref(), Some("utf-8"));
        assert_eq!(doc.source.container, Container::Text);
        assert!(doc.source.metadata.is_empty());
    }

    #[test]
    fn latin1_pilcrow_decodes() {
        let doc = read(b"VZCZCXRO7165\r\n\xb61.  (C) Summary.\r\n", "b.txt").unwrap();
        assert_eq!(doc.text, "VZCZCXRO7165\r\n¶1.  (C) Summary.\r\n");
        assert_eq!(doc.source.encoding.as_deref(), Some("windows-1252"));
    }

    #[test]
    fn alx_dump_metadata_lines() {
        let input = "02ADANA386\nSOUTHEAST TURKEY PRESS SUMMARY\nWed Nov 20 00:00:00 +0100 2002\n\
                     UNCLASSIFIED\nConsulate Adana\nUNCLAS ADANA 000386 \n";
        let doc = read(input.as_bytes(), "02ADANA386.txt").unwrap();
        assert_eq!(doc.text, "UNCLAS ADANA 000386 \n");
        let m = &doc.source.metadata;
        assert_eq!(m["reference_id"], "02ADANA386");
        assert_eq!(m["title"], "SOUTHEAST TURKEY PRESS SUMMARY");
        assert_eq!(m["date"], "Wed Nov 20 00:00:00 +0100 2002");
        assert_eq!(m["classification"], "UNCLASSIFIED");
        assert_eq!(m["origin"], "Consulate Adana");
    }

    #[test]
    fn alx_dump_with_metadata_only() {
        let input =
            "01VATICAN1261\nDROC\nTue Mar 06 00:00:00 +0100 2001\nCONFIDENTIAL\nEmbassy Vatican";
        let doc = read(input.as_bytes(), "x.txt").unwrap();
        assert_eq!(doc.text, "");
        assert_eq!(doc.source.metadata["origin"], "Embassy Vatican");
    }

    #[test]
    fn cable_text_is_not_taken_for_an_alx_dump() {
        let input =
            "UNCLAS ADANA 000386\nSIPDIS\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: X\n1. Text\n";
        let doc = read(input.as_bytes(), "x.txt").unwrap();
        assert_eq!(doc.text, input);
        assert!(doc.source.metadata.is_empty());
        // An id line alone is not enough: the third line must be a date.
        let input = "02ADANA386\nTITLE\nnot a date\nUNCLASSIFIED\nConsulate Adana\nbody\n";
        assert_eq!(read(input.as_bytes(), "x.txt").unwrap().text, input);
    }

    #[test]
    fn reference_ids() {
        assert!(is_reference_id("02ADANA386"));
        assert!(is_reference_id("09STATE119085"));
        assert!(!is_reference_id("UNCLAS"));
        assert!(!is_reference_id("02 ADANA 386"));
        assert!(!is_reference_id("1234"));
    }

    #[test]
    fn binary_and_empty() {
        let err = read(b"\x7fELF\x02\x01\x01\0\0\0", "a.out").unwrap_err();
        assert!(err.to_string().contains("a.out") && err.to_string().contains("binary"));
        let doc = read(b"", "empty.txt").unwrap();
        assert_eq!(doc.text, "");
    }
}
