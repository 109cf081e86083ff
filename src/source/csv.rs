//! `cables.csv` rows, streamed.
//!
//! The unofficial full `cables.csv` has 8 columns: row number, date (`M/D/YYYY H:MM`), reference
//! id, origin, classification, references, header, body. Fields are quoted with `"`, quotes
//! inside are escaped as `\"`, and fields span lines. The file (1.6 GB whole) is read with the
//! `csv` crate one row at a time; one row may be at most [`super::MAX_DOC_BYTES`].
//!
//! Each row is one [`SourceDoc`]: the text is the header column, a blank line and the body column
//! (just the body when the header is empty). `index` is the 1-based record number. Metadata:
//! `row`, `date`, `reference_id`, `origin`, `classification`, `references` (the first six
//! columns, trimmed), `line` (the line the row starts on), `body_offset`, and `csv_warning` when
//! the file ends inside a quoted field (a split fragment whose last row is cut off: the row is
//! still read, but may be truncated).
//!
//! A row with another number of columns is a [`SourceError::Record`] for that row; the rows after
//! it are still read. Fields are decoded as UTF-8, or Windows-1252 when a row is not valid UTF-8.

use super::encoding::decode_owned;
use super::{join_header_body, source, Container, Docs, SourceDoc, SourceError, MAX_DOC_BYTES};
use csv::ByteRecord;
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

/// Names of the first six columns, in order.
const COLUMNS: [&str; 6] = [
    "row",
    "date",
    "reference_id",
    "origin",
    "classification",
    "references",
];

/// Columns in a `cables.csv` row.
const WIDTH: usize = 8;

/// Whether the (left-trimmed) head of a file looks like a quoted CSV such as `cables.csv`: one of
/// its first two lines starts with `"` and has `","` (the first line of a split fragment can be
/// a lone `"`).
pub fn looks_like_csv(head: &[u8]) -> bool {
    head.split(|&b| b == b'\n')
        .take(2)
        .any(|line| line.starts_with(b"\"") && memchr::memmem::find(line, b"\",\"").is_some())
}

/// Streams the rows of a CSV input.
pub fn read<R: Read + Send + 'static>(input: R, path: String) -> Docs {
    let shared = Arc::new(Shared {
        limit_at: AtomicU64::new(MAX_DOC_BYTES),
        first_byte: AtomicU8::new(0),
        last_byte: AtomicU8::new(0),
    });
    let limited = Limited {
        inner: input,
        read: 0,
        shared: Arc::clone(&shared),
    };
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .double_quote(false)
        .escape(Some(b'\\'))
        .from_reader(limited);
    Box::new(Rows {
        reader,
        path,
        shared,
        pending: None,
        queued_error: None,
        count: 0,
        done: false,
    })
}

/// What the row iterator and the byte-counting reader share.
struct Shared {
    /// Reading beyond this offset fails: the current row is too large.
    limit_at: AtomicU64,
    /// The first and the last non-whitespace byte read, to notice an unterminated quoted field.
    first_byte: AtomicU8,
    last_byte: AtomicU8,
}

/// A reader that refuses to read more than [`MAX_DOC_BYTES`] past the start of the current row.
struct Limited<R> {
    inner: R,
    read: u64,
    shared: Arc<Shared>,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read > self.shared.limit_at.load(Ordering::Relaxed) {
            return Err(io::Error::other(RowTooLarge));
        }
        let n = self.inner.read(buf)?;
        let significant = |b: &&u8| !b.is_ascii_whitespace();
        if self.read == 0 {
            if let Some(&b) = buf[..n].iter().find(significant) {
                self.shared.first_byte.store(b, Ordering::Relaxed);
            }
        }
        if let Some(&b) = buf[..n].iter().rev().find(significant) {
            self.shared.last_byte.store(b, Ordering::Relaxed);
        }
        self.read += n as u64;
        Ok(n)
    }
}

/// The error a [`Limited`] reader gives when a row is too large.
#[derive(Debug)]
struct RowTooLarge;

impl std::fmt::Display for RowTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row larger than {MAX_DOC_BYTES} bytes")
    }
}

impl std::error::Error for RowTooLarge {}

/// One row read ahead, so that the last row can be told apart.
struct Pending {
    record: ByteRecord,
    index: u64,
    line: u64,
}

/// The row iterator.
struct Rows<R> {
    reader: csv::Reader<Limited<R>>,
    path: String,
    shared: Arc<Shared>,
    pending: Option<Pending>,
    queued_error: Option<SourceError>,
    count: u64,
    done: bool,
}

impl<R: Read> Iterator for Rows<R> {
    type Item = Result<SourceDoc, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                if let Some(p) = self.pending.take() {
                    return Some(self.convert(p, self.queued_error.is_none()));
                }
                return self.queued_error.take().map(Err);
            }
            match self.read_one() {
                Ok(Some(next)) => {
                    if let Some(previous) = self.pending.replace(next) {
                        return Some(self.convert(previous, false));
                    }
                }
                Ok(None) => self.done = true,
                Err(e) => {
                    self.done = true;
                    self.queued_error = Some(e);
                }
            }
        }
    }
}

impl<R: Read> Rows<R> {
    /// Reads the next record; `None` at the end of the input.
    fn read_one(&mut self) -> Result<Option<Pending>, SourceError> {
        let start = self.reader.position().byte();
        self.shared
            .limit_at
            .store(start + MAX_DOC_BYTES, Ordering::Relaxed);
        let mut record = ByteRecord::new();
        match self.reader.read_byte_record(&mut record) {
            Ok(true) => {
                self.count += 1;
                let line = record.position().map_or(0, |p| p.line());
                Ok(Some(Pending {
                    record,
                    index: self.count,
                    line,
                }))
            }
            Ok(false) => Ok(None),
            Err(e) => Err(self.read_error(e)),
        }
    }

    fn read_error(&self, e: csv::Error) -> SourceError {
        let location = format!("row {}", self.count + 1);
        if let csv::ErrorKind::Io(io) = e.kind() {
            if io.get_ref().is_some_and(|inner| inner.is::<RowTooLarge>()) {
                return SourceError::TooLarge {
                    path: self.path.clone(),
                    what: location,
                    limit: MAX_DOC_BYTES,
                };
            }
        }
        SourceError::Record {
            path: self.path.clone(),
            location,
            reason: format!("cannot read the CSV: {e}"),
        }
    }

    fn convert(&self, p: Pending, last: bool) -> Result<SourceDoc, SourceError> {
        let location = format!("row {} (line {})", p.index, p.line);
        if p.record.len() != WIDTH {
            return Err(SourceError::Record {
                path: self.path.clone(),
                location,
                reason: format!(
                    "expected {WIDTH} columns (row, date, reference id, origin, classification, \
                     references, header, body), found {}",
                    p.record.len()
                ),
            });
        }
        let (mut fields, encoding) = decode_fields(&p.record);
        let mut metadata: BTreeMap<String, String> = COLUMNS
            .iter()
            .zip(&fields)
            .map(|(k, v)| (k.to_string(), v.trim().to_string()))
            .collect();
        metadata.insert("line".into(), p.line.to_string());
        if last && self.ends_inside_quotes() {
            metadata.insert(
                "csv_warning".into(),
                "the file ends inside a quoted field: this row may be truncated".into(),
            );
        }
        let body = std::mem::take(&mut fields[7]);
        let text = join_header_body(Some(&fields[6]), "\n\n", body, &mut metadata);
        Ok(SourceDoc {
            text,
            source: source(
                &self.path,
                Container::Csv,
                Some(p.index),
                metadata,
                encoding,
            ),
        })
    }

    /// A quoted CSV (first byte `"`) whose last byte is not a closing `"`.
    fn ends_inside_quotes(&self) -> bool {
        self.shared.first_byte.load(Ordering::Relaxed) == b'"'
            && self.shared.last_byte.load(Ordering::Relaxed) != b'"'
    }
}

/// Decodes every field of a row: UTF-8, or Windows-1252 for all of them when one is not UTF-8.
fn decode_fields(record: &ByteRecord) -> (Vec<String>, &'static str) {
    let utf8: Option<Vec<String>> = record
        .iter()
        .map(|f| std::str::from_utf8(f).ok().map(str::to_string))
        .collect();
    match utf8 {
        Some(fields) => (fields, "utf-8"),
        None => {
            let fields = record.iter().map(|f| decode_owned(f).0).collect();
            (fields, "windows-1252")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &[u8]) -> Vec<Result<SourceDoc, SourceError>> {
        read(io::Cursor::new(input.to_vec()), "c.csv".into()).collect()
    }

    const TWO_ROWS: &str = "\"1\",\"12/28/1966 18:48\",\"66BUENOSAIRES2481\",\"Embassy Buenos Aires\",\
\"UNCLASSIFIED\",\"66STATE106206\",\"P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\",\
\"UNCLASSIFIED BUENOS AIRES 2481 \n \nOF \\\"PREFERENTIAL JURISDICTION\\\" FOR\nHECK\"\n\
\"2\",\"2/25/1972 9:30\",\"72TEHRAN1164\",\"Embassy Tehran\",\"UNCLASSIFIED\",\"\",\"\",\"BODY, TWO\"\n";

    #[test]
    fn rows_become_docs() {
        let docs = rows(TWO_ROWS.as_bytes());
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(
            a.text,
            "P R 281848Z DEC 66\nFM AMEMBASSY BUENOS AIRES\n\n\
             UNCLASSIFIED BUENOS AIRES 2481 \n \nOF \"PREFERENTIAL JURISDICTION\" FOR\nHECK"
        );
        let m = &a.source.metadata;
        assert_eq!(m["row"], "1");
        assert_eq!(m["date"], "12/28/1966 18:48");
        assert_eq!(m["reference_id"], "66BUENOSAIRES2481");
        assert_eq!(m["origin"], "Embassy Buenos Aires");
        assert_eq!(m["classification"], "UNCLASSIFIED");
        assert_eq!(m["references"], "66STATE106206");
        assert_eq!(m["line"], "1");
        assert_eq!(m["body_offset"], "46");
        assert!(!m.contains_key("csv_warning"));
        assert_eq!(a.source.index, Some(1));
        assert_eq!(a.source.container, Container::Csv);
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.text, "BODY, TWO");
        assert_eq!(b.source.index, Some(2));
        assert_eq!(b.source.metadata["line"], "6");
    }

    #[test]
    fn garbled_fragment_is_read_with_a_warning() {
        // A lone quote line first, and the last row cut off inside its body.
        let input = format!(
            "\"\n{TWO_ROWS}\"3\",\"1/1/1975 1:00\",\"75X3\",\"O\",\"C\",\"\",\"H\",\"CUT OFF \n"
        );
        let docs = rows(input.as_bytes());
        assert_eq!(docs.len(), 3);
        let first = docs[0].as_ref().unwrap();
        assert_eq!(first.source.metadata["row"], "1\"");
        assert_eq!(first.source.metadata["reference_id"], "66BUENOSAIRES2481");
        let last = docs[2].as_ref().unwrap();
        assert_eq!(last.text, "H\n\nCUT OFF \n");
        assert!(last.source.metadata["csv_warning"].contains("truncated"));
        assert!(!docs[1]
            .as_ref()
            .unwrap()
            .source
            .metadata
            .contains_key("csv_warning"));
    }

    #[test]
    fn a_bad_row_does_not_stop_the_others() {
        let input = format!("\"x\",\"only three\",\"fields\"\n{TWO_ROWS}");
        let docs = rows(input.as_bytes());
        assert_eq!(docs.len(), 3);
        let err = docs[0].as_ref().unwrap_err().to_string();
        assert!(
            err.contains("c.csv") && err.contains("row 1") && err.contains("found 3"),
            "{err}"
        );
        assert!(docs[1].is_ok() && docs[2].is_ok());
    }

    #[test]
    fn windows_1252_row() {
        let docs = rows(b"\"1\",\"d\",\"id\",\"o\",\"c\",\"r\",\"\",\"\xb61. TEXT\"\n");
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "¶1. TEXT");
        assert_eq!(doc.source.encoding.as_deref(), Some("windows-1252"));
    }

    #[test]
    fn empty_input_has_no_rows() {
        assert!(rows(b"").is_empty());
    }

    #[test]
    fn detection() {
        assert!(looks_like_csv(TWO_ROWS.as_bytes()));
        assert!(looks_like_csv(b"\"\n\"1\",\"2\""));
        assert!(!looks_like_csv(b"UNCLAS \"X\",\"Y\""));
        assert!(!looks_like_csv(b"\"QUOTE\" IN TEXT"));
    }
}
