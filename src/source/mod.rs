//! Container readers: "read cables wherever they live".
//!
//! A cable's text reaches us wrapped in a container: a plain text file, a Markdown file, a
//! cablegate site page, a row of `cables.csv`, an object of a JSON (Lines) export. This module
//! undoes the container and hands out [`SourceDoc`]s: the normalised cable text plus a
//! [`Source`] record saying where it came from. It does not parse the cable itself (no subject or
//! tag extraction): that is the grammar's job.
//!
//! # The normalised text contract
//!
//! * valid UTF-8, any byte-order mark stripped;
//! * line breaks as in the source (`\r\n` is kept: the grammar handles it);
//! * no HTML tags or entities left (`&#x000A;` is a newline, `<a …>PREL</a>` is `PREL`);
//! * no Markdown markup left (links are their text, escapes are undone);
//! * where a container keeps a header and a body apart (site pages, CSV rows, JSON objects), the
//!   text is the header, a separator and the body; `metadata["body_offset"]` then gives the byte
//!   offset in `text` at which the body starts.
//!
//! # Containers
//!
//! | [`Container`] | what                                                                 | docs per file |
//! |---------------|----------------------------------------------------------------------|---------------|
//! | `text`        | plain text, UTF-8 or Windows-1252; alx dumps with 5 metadata lines   | 1             |
//! | `markdown`    | Markdown (CommonMark) with optional YAML front matter                | 1             |
//! | `html`        | cablegate site pages (all templates) and raw `<pre>` extracts        | 1             |
//! | `csv`         | `cables.csv` rows (8 columns), streamed                              | 1 per row     |
//! | `json`        | JSON Lines (Mongo exports), JSON arrays, JSON-P API responses        | 1 per object  |
//!
//! See each submodule for the metadata keys it records.
//!
//! # Limits
//!
//! A single-document file (text, Markdown, HTML, JSON-P) may be at most [`MAX_DOC_BYTES`]
//! (64 MiB); so may one CSV row or one JSON value of a streamed file. Streamed files (CSV, JSON
//! Lines, JSON arrays) can be of any size and are read one record at a time in bounded memory.

mod csv;
mod db_row;
mod encoding;
mod facts;
mod html;
mod json;
mod markdown;
mod text;
mod walk;

use crate::model::Source;
use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;
use std::str::FromStr;

pub use encoding::{decode, Decoded};
pub(crate) use facts::complete;
pub use html::decode_fragment;
pub use walk::walk;

/// The largest single-document file, and the largest CSV row or JSON value, that is read: 64 MiB.
///
/// The longest real cable is well under 1 MiB; anything near this size is not a cable.
pub const MAX_DOC_BYTES: u64 = 64 * 1024 * 1024;

/// The name used for input that has no path (standard input).
pub const STDIN_NAME: &str = "<stdin>";

/// One cable's text, undone from its container, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceDoc {
    /// The normalised cable text (see the module documentation for the contract).
    pub text: String,
    /// Path, container, index within the container, container metadata and encoding.
    pub source: Source,
}

/// The streamed documents of one input: one item per cable, or an error for a record that could
/// not be read (the iterator goes on after a record error).
pub type Docs = Box<dyn Iterator<Item = Result<SourceDoc, SourceError>> + Send>;

/// The kinds of container a cable can live in. Written in the model as [`Container::name`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Container {
    /// Plain text (UTF-8, or Windows-1252 as a fallback).
    #[default]
    Text,
    /// Markdown with optional YAML front matter.
    Markdown,
    /// A cablegate site page or a raw `<pre>` extract.
    Html,
    /// `cables.csv` rows.
    Csv,
    /// JSON Lines, a JSON array, or a JSON-P response.
    Json,
}

impl Container {
    /// Every container, in the order of [`Container::name`]s shown to users.
    pub const ALL: [Container; 5] = [
        Container::Text,
        Container::Markdown,
        Container::Html,
        Container::Csv,
        Container::Json,
    ];

    /// The container's name, as used by `--from` and recorded in [`Source::container`].
    pub fn name(self) -> &'static str {
        match self {
            Container::Text => "text",
            Container::Markdown => "markdown",
            Container::Html => "html",
            Container::Csv => "csv",
            Container::Json => "json",
        }
    }

    /// Parses a `--from` value: `auto` gives `None` (detect), a container name gives that one.
    pub fn from_flag(flag: &str) -> Result<Option<Container>, SourceError> {
        if flag.eq_ignore_ascii_case("auto") {
            Ok(None)
        } else {
            flag.parse().map(Some)
        }
    }
}

impl fmt::Display for Container {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Container {
    type Err = SourceError;

    /// Accepts the names and a few aliases: `txt`, `md`, `htm`, `jsonl`, `ndjson`, `jsonp`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let container = match s.to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Container::Text,
            "markdown" | "md" => Container::Markdown,
            "html" | "htm" => Container::Html,
            "csv" => Container::Csv,
            "json" | "jsonl" | "ndjson" | "jsonp" => Container::Json,
            _ => return Err(SourceError::UnknownContainer(s.to_string())),
        };
        Ok(container)
    }
}

/// Why an input, or one record of it, could not be read. Every variant names the input.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    /// The file, or one record, is larger than [`MAX_DOC_BYTES`].
    #[error("{path}: {what} is larger than the limit of {limit} bytes")]
    TooLarge {
        path: String,
        what: String,
        limit: u64,
    },
    /// The input is not text.
    #[error("{path}: this is binary data, not text ({reason})")]
    Binary { path: String, reason: String },
    /// The container holds no cable text (a page without `<pre>`, an empty JSON document, …).
    #[error("{path}: no cable text found: {reason}")]
    NoCable { path: String, reason: String },
    /// The container is malformed as a whole (e.g. a JSON-P response that is not JSON).
    #[error("{path}: not valid {container}: {reason}")]
    Malformed {
        path: String,
        container: Container,
        reason: String,
    },
    /// One record (CSV row, JSON value) is bad; the others are still read.
    #[error("{path}, {location}: {reason}")]
    Record {
        path: String,
        /// `row 12`, `line 40`, `item 3`.
        location: String,
        reason: String,
    },
    /// `--from` named no known container.
    #[error("unknown container {0:?}: expected auto, text, markdown, html, csv or json")]
    UnknownContainer(String),
}

impl SourceError {
    fn io(path: &str, source: io::Error) -> Self {
        SourceError::Io {
            path: path.to_string(),
            source,
        }
    }
}

/// How many leading bytes [`detect`] looks at.
pub const DETECT_HEAD_BYTES: usize = 8192;

/// Files smaller than this are read whole when they are opened (the detection reads only their
/// first [`DETECT_HEAD_BYTES`]); larger ones are read in two steps, or streamed (CSV, JSON).
const WHOLE_FILE_BYTES: u64 = 1 << 20;

/// Guesses the container of an input from its first bytes (see [`DETECT_HEAD_BYTES`]), with the
/// file extension as a hint.
///
/// Order of evidence: a `.md`/`.markdown` extension (Markdown may contain anything); then strong
/// content signals (HTML tags such as `<html`, `<pre`, `<table class='cable'>`; a JSON object,
/// array or JSON-P call; a quoted CSV row); then the extension (`html`, `htm`, `csv`, `json`,
/// `jsonl`, `ndjson`); then weak Markdown signals (YAML front matter, `](` links); plain text
/// otherwise. Binary data is reported as [`Container::Text`], whose reader rejects it clearly.
pub fn detect(path: Option<&Path>, head: &[u8]) -> Container {
    let ext = path
        .and_then(extension_hint)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "md" | "markdown") {
        return Container::Markdown;
    }
    let head = encoding::strip_utf8_bom(head);
    if encoding::looks_binary(head).is_some() {
        return Container::Text;
    }
    if let Some(container) = detect_by_content(head) {
        return container;
    }
    match ext.as_str() {
        "html" | "htm" | "xhtml" => return Container::Html,
        "csv" => return Container::Csv,
        "json" | "jsonl" | "ndjson" | "jsonp" => return Container::Json,
        _ => {}
    }
    if markdown::looks_like_markdown(head) {
        return Container::Markdown;
    }
    Container::Text
}

/// The extension that says what a file is, looking through sample suffixes such as
/// `x.jsonl.head5`.
fn extension_hint(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let mut parts = name.rsplit('.');
    let last = parts.next()?;
    if last.starts_with("head") || last.starts_with("sample") {
        return parts.next().map(str::to_string);
    }
    if name.contains('.') {
        Some(last.to_string())
    } else {
        None
    }
}

/// Strong content signals only; `None` when the content alone does not say.
fn detect_by_content(head: &[u8]) -> Option<Container> {
    let trimmed = trim_ascii_start(head);
    let first = *trimmed.first()?;
    if html::looks_like_html(trimmed) {
        return Some(Container::Html);
    }
    if first == b'{' || first == b'[' || json::looks_like_jsonp(trimmed) {
        return Some(Container::Json);
    }
    if csv::looks_like_csv(trimmed) {
        return Some(Container::Csv);
    }
    None
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Opens a file and streams its cables. `forced` overrides detection.
///
/// CSV and JSON Lines files are streamed one record at a time; other containers are read whole,
/// up to [`MAX_DOC_BYTES`].
pub fn read_path(path: &Path, forced: Option<Container>) -> Result<Docs, SourceError> {
    let name = path.display().to_string();
    let mut file = File::open(path).map_err(|e| SourceError::io(&name, e))?;
    let meta = file.metadata().map_err(|e| SourceError::io(&name, e))?;
    if meta.is_dir() {
        return Err(SourceError::io(
            &name,
            io::Error::other("this is a directory, not a file"),
        ));
    }
    // The head read for detection is kept, and the file read on from where it stopped: one open
    // and no seek, so that special files behave too. A small file (most cables) is read whole
    // at once, its size taken from the metadata: one read.
    let mut head = Vec::new();
    let mut whole = false;
    let container = match forced {
        Some(c) => c,
        None => {
            let size = meta.is_file().then_some(meta.len());
            let want = match size {
                Some(len) if len < WHOLE_FILE_BYTES => len + 1,
                _ => DETECT_HEAD_BYTES as u64,
            };
            read_up_to(&mut file, &mut head, want as usize, size)
                .map_err(|e| SourceError::io(&name, e))?;
            whole = (head.len() as u64) < want;
            detect(Some(path), &head[..head.len().min(DETECT_HEAD_BYTES)])
        }
    };
    match container {
        Container::Csv => Ok(csv::read(
            BufReader::new(io::Cursor::new(head).chain(file)),
            name,
        )),
        Container::Json => json::read(BufReader::new(io::Cursor::new(head).chain(file)), name),
        _ => {
            if meta.len() > MAX_DOC_BYTES {
                return Err(too_large(&name, "the file"));
            }
            let bytes = if whole {
                head
            } else {
                read_limited(head, file, meta.len(), &name)?
            };
            read_single(bytes, name, container)
        }
    }
}

/// Reads an in-memory input (standard input). `name` is used in paths and messages
/// (default [`STDIN_NAME`]) and as the extension hint for detection.
pub fn read_bytes(
    bytes: Vec<u8>,
    name: Option<&str>,
    forced: Option<Container>,
) -> Result<Docs, SourceError> {
    let label = name.unwrap_or(STDIN_NAME).to_string();
    let container = forced.unwrap_or_else(|| {
        let head = &bytes[..bytes.len().min(DETECT_HEAD_BYTES)];
        detect(name.map(Path::new), head)
    });
    match container {
        Container::Csv => Ok(csv::read(io::Cursor::new(bytes), label)),
        Container::Json => json::read(io::Cursor::new(bytes), label),
        _ => {
            if bytes.len() as u64 > MAX_DOC_BYTES {
                return Err(too_large(&label, "the input"));
            }
            read_single(bytes, label, container)
        }
    }
}

fn too_large(path: &str, what: &str) -> SourceError {
    SourceError::TooLarge {
        path: path.to_string(),
        what: what.to_string(),
        limit: MAX_DOC_BYTES,
    }
}

/// Reads the rest of `file` after `head` (what was already read of it), up to [`MAX_DOC_BYTES`]
/// in all; `size` is the file's size as its metadata says, to allocate once.
fn read_limited(head: Vec<u8>, file: File, size: u64, name: &str) -> Result<Vec<u8>, SourceError> {
    let mut bytes = head;
    let expected = size.min(MAX_DOC_BYTES) as usize + 1;
    bytes.reserve(expected.saturating_sub(bytes.len()));
    let limit = (MAX_DOC_BYTES + 1).saturating_sub(bytes.len() as u64);
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceError::io(name, e))?;
    if bytes.len() as u64 > MAX_DOC_BYTES {
        return Err(too_large(name, "the file"));
    }
    Ok(bytes)
}

/// Reads `file` into `buf` until it holds `want` bytes or the file ends. A regular file of the
/// `size` its metadata gives is read in one call: asked for more than that size, a read that
/// returns exactly that size has met the end of the file, so no further call is made to find it
/// (`Read::read_to_end` makes three calls for a file of 10 KB: one of 8 KiB, one for the rest,
/// one that finds the end). A file that grew returns more and is read on; one whose metadata
/// gives no size (`/proc`) is read to its end.
fn read_up_to(
    file: &mut File,
    buf: &mut Vec<u8>,
    want: usize,
    size: Option<u64>,
) -> io::Result<()> {
    buf.reserve_exact(want.saturating_sub(buf.len()));
    while buf.len() < want {
        let read = read_more(file, buf, want)?;
        if read == 0 || Some(buf.len() as u64) == size {
            break;
        }
    }
    Ok(())
}

/// One read into the room left in `buf` (up to `want` bytes in all), without first zeroing it.
#[cfg(unix)]
fn read_more(file: &mut File, buf: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    if buf.capacity() > want {
        return read_more_portable(file, buf, want);
    }
    loop {
        match rustix::io::read(&*file, rustix::buffer::spare_capacity(buf)) {
            Err(rustix::io::Errno::INTR) => continue,
            result => return result.map_err(io::Error::from),
        }
    }
}

/// One read into the room left in `buf` (up to `want` bytes in all).
#[cfg(not(unix))]
fn read_more(file: &mut File, buf: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    read_more_portable(file, buf, want)
}

/// Reads into the room left in `buf`, through the standard library.
fn read_more_portable(file: &mut File, buf: &mut Vec<u8>, want: usize) -> io::Result<usize> {
    let room = want.saturating_sub(buf.len()) as u64;
    file.take(room).read_to_end(buf)
}

/// Reads a single-document container.
fn read_single(bytes: Vec<u8>, path: String, container: Container) -> Result<Docs, SourceError> {
    let doc = match container {
        Container::Text => text::read(&bytes, &path)?,
        Container::Markdown => markdown::read(&bytes, &path)?,
        Container::Html => html::read(&bytes, &path)?,
        Container::Csv | Container::Json => unreachable!("streamed containers are read elsewhere"),
    };
    Ok(Box::new(std::iter::once(Ok(doc))))
}

/// Builds the [`Source`] of a document.
fn source(
    path: &str,
    container: Container,
    index: Option<u64>,
    metadata: BTreeMap<String, String>,
    encoding: &str,
) -> Source {
    Source {
        path: Some(path.to_string()),
        container,
        index,
        metadata,
        encoding: Some(encoding.to_string()),
    }
}

/// Joins a header and a body, recording where the body starts in `metadata["body_offset"]`.
/// Without a header the body is the text as it is (not copied).
fn join_header_body(
    header: Option<&str>,
    separator: &str,
    body: String,
    metadata: &mut BTreeMap<String, String>,
) -> String {
    match header {
        Some(header) if !header.is_empty() => {
            let mut text = String::with_capacity(header.len() + separator.len() + body.len());
            text.push_str(header);
            text.push_str(separator);
            metadata.insert("body_offset".into(), text.len().to_string());
            text.push_str(&body);
            text
        }
        _ => {
            metadata.insert("body_offset".into(), "0".into());
            body
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn reads_whatever_size_the_metadata_gives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.txt");
        std::fs::write(&path, "0123456789").unwrap();
        // The size the metadata gives (read in one call), one it does not give (`/proc` says
        // 0 for files that hold text), one smaller than the file (it grew since) and a limit.
        for (size, want, read) in [
            (Some(10), 11, "0123456789"),
            (Some(0), 11, "0123456789"),
            (None, 11, "0123456789"),
            (Some(3), 4, "0123"),
            (Some(10), 5, "01234"),
        ] {
            let mut file = File::open(&path).unwrap();
            let mut buf = Vec::new();
            read_up_to(&mut file, &mut buf, want, size).unwrap();
            assert_eq!(buf, read.as_bytes(), "size {size:?}, want {want}");
        }
    }

    #[test]
    fn container_names_round_trip() {
        for c in Container::ALL {
            assert_eq!(c.name().parse::<Container>().unwrap(), c);
            assert_eq!(c.to_string(), c.name());
        }
        assert_eq!(Container::from_flag("auto").unwrap(), None);
        assert_eq!(
            Container::from_flag("md").unwrap(),
            Some(Container::Markdown)
        );
        let err = "pdf".parse::<Container>().unwrap_err().to_string();
        assert!(err.contains("pdf") && err.contains("markdown"), "{err}");
    }

    #[test]
    fn detects_by_content_then_extension() {
        let p = |s: &str| Some(Path::new(s).to_owned());
        let d = |path: Option<PathBuf>, head: &str| detect(path.as_deref(), head.as_bytes());
        assert_eq!(d(None, "<code><pre>UNCLAS"), Container::Html);
        assert_eq!(d(p("x.txt"), "<!DOCTYPE html>\n<html>"), Container::Html);
        assert_eq!(d(None, "{ \"_id\" : \"x\" }\n"), Container::Json);
        assert_eq!(d(None, "cablegrab({\"items\":[]})"), Container::Json);
        assert_eq!(
            d(None, "\"1\",\"12/28/1966 18:48\",\"66X1\""),
            Container::Csv
        );
        assert_eq!(d(None, "\"\n\"1\",\"12/28/1966 18:48\""), Container::Csv);
        assert_eq!(d(p("a.md"), "<pre>x"), Container::Markdown);
        assert_eq!(d(p("a.csv"), "1,2,3"), Container::Csv);
        assert_eq!(d(p("a.jsonl.head5"), "  "), Container::Json);
        assert_eq!(d(None, "TAGS: [PREL](#)"), Container::Markdown);
        assert_eq!(d(None, "UNCLAS ALMATY 001938\n"), Container::Text);
        assert_eq!(d(p("x.html"), "\u{feff}UNCLAS"), Container::Html);
        assert_eq!(d(None, ""), Container::Text);
        assert_eq!(detect(None, b"\0\0\x01binary"), Container::Text);
    }

    #[test]
    fn read_bytes_names_stdin_and_strips_bom() {
        let docs: Vec<_> = read_bytes(b"\xEF\xBB\xBFUNCLAS X 1\n".to_vec(), None, None)
            .unwrap()
            .collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "UNCLAS X 1\n");
        assert_eq!(doc.source.path.as_deref(), Some(STDIN_NAME));
        assert_eq!(doc.source.container, Container::Text);
    }

    #[test]
    fn missing_file_is_a_clear_error() {
        let err = read_path(Path::new("/nonexistent/cable.txt"), None)
            .err()
            .unwrap()
            .to_string();
        assert!(
            err.contains("/nonexistent/cable.txt") && err.contains("cannot read"),
            "{err}"
        );
    }

    #[test]
    fn a_directory_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_path(dir.path(), None).err().unwrap().to_string();
        assert!(err.contains("directory"), "{err}");
    }

    #[test]
    fn too_large_input_is_refused() {
        let big = vec![b'a'; MAX_DOC_BYTES as usize + 1];
        let err = read_bytes(big, Some("big.txt"), None).err().unwrap();
        assert!(matches!(err, SourceError::TooLarge { .. }), "{err}");
        assert!(err.to_string().contains("big.txt"));
    }
}
