//! JSON containers: JSON Lines (Mongo exports), JSON arrays, and JSON-P API responses.
//!
//! * **JSON Lines** and other streams of concatenated values (`{…}\n{…}`, pretty-printed or
//!   not) are split value by value with a small scanner that tracks strings and brackets, so a
//!   file of any size is read in bounded memory and a bad value is an error for that value only.
//! * **JSON arrays** (`[{…}, {…}]`) are streamed element by element the same way.
//! * **JSON-P** responses (`cablegrab({"info":…,"items":[…]})`) are read whole (they are small
//!   API responses, at most [`MAX_DOC_BYTES`]); the callback wrapper is removed.
//!
//! Each cable object is one [`SourceDoc`]. A value that is an object with an `items` array (the
//! API response shape) stands for its items. The text is `header` + `"\n"` + `body` when the
//! object has a non-empty `header`, otherwise `body` (or `text`, as the API names it). Every
//! other field goes into the metadata under its own name (`_id`, `origin`, `date_time`,
//! `classification`, `reference_id`, `id`, `subject`, …): strings as they are, numbers and
//! booleans written out, Mongo wrappers such as `{"$oid": "…"}` unwrapped, arrays of scalars
//! joined with `", "`; nulls and nested objects are left out. `_id` is recorded as it is, though
//! in some exports it holds the references rather than the cable id. Also recorded: `line` (the
//! line the object starts on) and `body_offset`. `index` is the 1-based number of the object in
//! the file.

use super::encoding::{decode, strip_utf8_bom};
use super::{join_header_body, source, Container, Docs, SourceDoc, SourceError, MAX_DOC_BYTES};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, Read};

/// Whether the (left-trimmed) head of a file is a JSON-P call: `name(` then `{` or `[`.
pub fn looks_like_jsonp(head: &[u8]) -> bool {
    let name_len = head
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.'))
        .count();
    if name_len == 0 || !head[0].is_ascii_alphabetic() && head[0] != b'_' && head[0] != b'$' {
        return false;
    }
    let rest = trim_start(&head[name_len..]);
    rest.first() == Some(&b'(') && matches!(trim_start(&rest[1..]).first(), Some(b'{' | b'['))
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[n..]
}

/// Streams the cable objects of a JSON input.
pub fn read<R: BufRead + Send + 'static>(mut input: R, path: String) -> Result<Docs, SourceError> {
    let first = first_significant_byte(&mut input, &path)?;
    match first {
        None => Err(SourceError::NoCable {
            path,
            reason: "the input is empty: no JSON value".into(),
        }),
        Some(b'{') | Some(b'[') => {
            let in_array = first == Some(b'[');
            Ok(Box::new(Objects {
                scanner: Scanner::new(input, in_array),
                path,
                queue: Vec::new(),
                count: 0,
            }))
        }
        Some(_) => read_jsonp(input, path),
    }
}

/// Skips a UTF-8 byte-order mark and whitespace; returns the first byte left (not consumed).
fn first_significant_byte<R: BufRead>(
    input: &mut R,
    path: &str,
) -> Result<Option<u8>, SourceError> {
    let mut at_start = true;
    loop {
        let buf = input
            .fill_buf()
            .map_err(|e| super::SourceError::io(path, e))?;
        if buf.is_empty() {
            return Ok(None);
        }
        if at_start && buf.starts_with(b"\xEF\xBB\xBF") {
            input.consume(3);
            at_start = false;
            continue;
        }
        at_start = false;
        let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if skip < buf.len() {
            let b = buf[skip];
            input.consume(skip);
            return Ok(Some(b));
        }
        let n = buf.len();
        input.consume(n);
    }
}

/// Reads a whole JSON-P response.
fn read_jsonp<R: Read>(input: R, path: String) -> Result<Docs, SourceError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_DOC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceError::io(&path, e))?;
    if bytes.len() as u64 > MAX_DOC_BYTES {
        return Err(super::too_large(&path, "the JSON-P response"));
    }
    let malformed = |reason: String| SourceError::Malformed {
        path: path.clone(),
        container: Container::Json,
        reason,
    };
    let decoded = decode(strip_utf8_bom(&bytes));
    let text = decoded.text.trim();
    let open = text
        .find('(')
        .ok_or_else(|| malformed("neither JSON nor a JSON-P call `name(…)`".into()))?;
    let inner = text[open + 1..].trim_end().trim_end_matches(';').trim_end();
    let inner = inner
        .strip_suffix(')')
        .ok_or_else(|| malformed("the JSON-P call `name(…)` is not closed".into()))?;
    let value: Value =
        serde_json::from_str(inner).map_err(|e| malformed(format!("invalid JSON: {e}")))?;
    let mut docs = Vec::new();
    let mut count = 0;
    for (object, location) in cable_objects(value, 1) {
        count += 1;
        docs.push(object_doc(
            object,
            &path,
            count,
            1,
            decoded.encoding,
            location,
        ));
    }
    Ok(Box::new(docs.into_iter()))
}

/// A cable object (or why the value is not one) and its location for messages.
type CableObject = (Result<Map<String, Value>, String>, String);

/// The cable objects a value stands for: the value itself, or the elements of its `items`.
/// Non-objects become an error message.
fn cable_objects(value: Value, line: u64) -> Vec<CableObject> {
    match value {
        Value::Object(mut map) if matches!(map.get("items"), Some(Value::Array(_))) => {
            let Some(Value::Array(items)) = map.remove("items") else {
                unreachable!("checked above")
            };
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let location = format!("line {line}, item {}", i + 1);
                    (as_object(item), location)
                })
                .collect()
        }
        other => vec![(as_object(other), format!("line {line}"))],
    }
}

fn as_object(value: Value) -> Result<Map<String, Value>, String> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(format!("expected a cable object, found {}", kind(&other))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Makes a document of one cable object.
fn object_doc(
    object: Result<Map<String, Value>, String>,
    path: &str,
    index: u64,
    line: u64,
    encoding: &str,
    location: String,
) -> Result<SourceDoc, SourceError> {
    let record_error = |reason: String| SourceError::Record {
        path: path.to_string(),
        location: location.clone(),
        reason,
    };
    let mut object = object.map_err(record_error)?;
    let body = match (object.remove("body"), object.remove("text")) {
        (Some(Value::String(body)), text) => {
            if let Some(text) = text {
                object.insert("text".into(), text);
            }
            body
        }
        (_, Some(Value::String(text))) => text,
        _ => {
            return Err(record_error(
                "the object has no \"body\" or \"text\" string".into(),
            ))
        }
    };
    let header = match object.remove("header") {
        Some(Value::String(h)) => Some(h),
        Some(other) => {
            object.insert("header".into(), other);
            None
        }
        None => None,
    };
    let mut metadata: BTreeMap<String, String> = object
        .iter()
        .filter_map(|(k, v)| scalar(v).map(|s| (k.clone(), s)))
        .collect();
    metadata.insert("line".into(), line.to_string());
    let text = join_header_body(header.as_deref(), "\n", body, &mut metadata);
    Ok(SourceDoc {
        text,
        source: source(path, Container::Json, Some(index), metadata, encoding),
    })
}

/// A metadata value: scalars written out, `{"$oid": "…"}`-style wrappers unwrapped, arrays of
/// scalars joined; `None` for nulls and nested structures.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(map) if map.len() == 1 => {
            let (key, inner) = map.iter().next()?;
            if key.starts_with('$') {
                scalar(inner)
            } else {
                None
            }
        }
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|v| match v {
                    Value::Array(_) | Value::Object(_) => None,
                    other => scalar(other),
                })
                .collect();
            parts.map(|p| p.join(", "))
        }
        Value::Object(_) => None,
    }
}

/// Streams the objects of a JSON Lines file or a JSON array.
struct Objects<R> {
    scanner: Scanner<R>,
    path: String,
    /// Documents of the current value still to hand out (a value with `items` gives several).
    queue: Vec<Result<SourceDoc, SourceError>>,
    count: u64,
}

impl<R: BufRead> Iterator for Objects<R> {
    type Item = Result<SourceDoc, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(doc) = self.queue.pop() {
                return Some(doc);
            }
            match self.scanner.next_value()? {
                Ok(raw) => self.queue_value(raw),
                Err(e) => return Some(Err(self.scan_error(e))),
            }
        }
    }
}

impl<R> Objects<R> {
    /// Parses one value and queues its documents (or its error).
    fn queue_value(&mut self, raw: RawValue) {
        let decoded = decode(&raw.bytes);
        let value: Value = match serde_json::from_str(&decoded.text) {
            Ok(v) => v,
            Err(e) => {
                self.queue.push(Err(SourceError::Record {
                    path: self.path.clone(),
                    location: format!("line {}", raw.line + e.line().max(1) as u64 - 1),
                    reason: format!("invalid JSON: {e}"),
                }));
                return;
            }
        };
        let mut docs: Vec<_> = cable_objects(value, raw.line)
            .into_iter()
            .map(|(object, location)| {
                self.count += 1;
                object_doc(
                    object,
                    &self.path,
                    self.count,
                    raw.line,
                    decoded.encoding,
                    location,
                )
            })
            .collect();
        docs.reverse();
        self.queue = docs;
    }

    fn scan_error(&self, e: ScanError) -> SourceError {
        match e {
            ScanError::Io(e) => SourceError::io(&self.path, e),
            ScanError::TooLarge { line } => SourceError::TooLarge {
                path: self.path.clone(),
                what: format!("the JSON value at line {line}"),
                limit: MAX_DOC_BYTES,
            },
            ScanError::Unterminated { line } => SourceError::Record {
                path: self.path.clone(),
                location: format!("line {line}"),
                reason: "the JSON value is not closed before the end of the input".into(),
            },
        }
    }
}

/// The bytes of one top-level value and the line it starts on.
struct RawValue {
    bytes: Vec<u8>,
    line: u64,
}

enum ScanError {
    Io(std::io::Error),
    TooLarge { line: u64 },
    Unterminated { line: u64 },
}

/// Splits a byte stream into top-level JSON values (or the elements of one top-level array),
/// tracking strings, escapes and bracket depth only; the values are parsed by serde_json.
struct Scanner<R> {
    input: R,
    /// Inside a top-level array whose `[` has not been consumed yet / has been.
    array: bool,
    array_opened: bool,
    finished: bool,
    line: u64,
}

/// Scanning state within one value.
#[derive(Default)]
struct ValueState {
    depth: u32,
    in_string: bool,
    escaped: bool,
    started: bool,
    /// The value is a bare scalar (number, literal, string at depth 0).
    bare: bool,
}

impl<R: BufRead> Scanner<R> {
    fn new(input: R, array: bool) -> Self {
        Scanner {
            input,
            array,
            array_opened: false,
            finished: false,
            line: 1,
        }
    }

    fn next_value(&mut self) -> Option<Result<RawValue, ScanError>> {
        if self.finished {
            return None;
        }
        let result = self.scan();
        if !matches!(result, Some(Ok(_))) {
            self.finished = true;
        }
        result
    }

    fn scan(&mut self) -> Option<Result<RawValue, ScanError>> {
        let mut bytes = Vec::new();
        let mut state = ValueState::default();
        let mut start_line = self.line;
        let mut overflow = false;
        loop {
            let buf = match self.input.fill_buf() {
                Ok(buf) => buf,
                Err(e) => return Some(Err(ScanError::Io(e))),
            };
            if buf.is_empty() {
                return if !state.started {
                    None
                } else if state.bare && state.depth == 0 && !state.in_string {
                    Some(Ok(RawValue {
                        bytes,
                        line: start_line,
                    }))
                } else {
                    Some(Err(ScanError::Unterminated { line: start_line }))
                };
            }
            let mut used = 0;
            let mut complete = false;
            for &b in buf {
                if !state.started {
                    used += 1;
                    match b {
                        b'\n' => self.line += 1,
                        b' ' | b'\t' | b'\r' | b',' => {}
                        b'[' if self.array && !self.array_opened => self.array_opened = true,
                        b']' if self.array && self.array_opened => {
                            self.input.consume(used);
                            self.finished = true;
                            return None;
                        }
                        _ => {
                            state.started = true;
                            start_line = self.line;
                            state.bare = !matches!(b, b'{' | b'[');
                            if b == b'"' {
                                state.in_string = true;
                            } else if !state.bare {
                                state.depth = 1;
                            }
                            bytes.push(b);
                        }
                    }
                    continue;
                }
                if state.bare
                    && !state.in_string
                    && matches!(b, b',' | b']' | b'\n' | b' ' | b'\t' | b'\r')
                {
                    complete = true;
                    break;
                }
                used += 1;
                if b == b'\n' {
                    self.line += 1;
                }
                if !overflow {
                    bytes.push(b);
                    if bytes.len() as u64 > MAX_DOC_BYTES {
                        overflow = true;
                        bytes = Vec::new();
                    }
                }
                if state.in_string {
                    if state.escaped {
                        state.escaped = false;
                    } else if b == b'\\' {
                        state.escaped = true;
                    } else if b == b'"' {
                        state.in_string = false;
                    }
                    continue;
                }
                match b {
                    b'"' => state.in_string = true,
                    b'{' | b'[' => state.depth += 1,
                    b'}' | b']' => {
                        state.depth = state.depth.saturating_sub(1);
                        if state.depth == 0 && !state.bare {
                            complete = true;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.input.consume(used);
            if complete {
                if overflow {
                    return Some(Err(ScanError::TooLarge { line: start_line }));
                }
                return Some(Ok(RawValue {
                    bytes,
                    line: start_line,
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn docs(input: &str) -> Vec<Result<SourceDoc, SourceError>> {
        read(Cursor::new(input.as_bytes().to_vec()), "j.json".into())
            .unwrap()
            .collect()
    }

    const MONGO: &str = "{ \"_id\" : \"04ANKARA348\", \"origin\" : \"Embassy Ankara\", \"date_time\" : \
        \"2004-01-20 12:12\", \"classification\" : \"CONFIDENTIAL\", \"header\" : \"This record is a \
        partial extract.201247Z Jan 04\", \"body\" : \"C o n f i d e n t i a l {braces} \\\"q\\\"\", \
        \"reference_id\" : \"04ANKARA348\" }\n\
        { \"_id\" : \"'90BAGHDAD2084|90CAIRO7329'\", \"origin\" : \"Embassy Baghdad\", \"body\" : \"S E C R E T\" }\n";

    #[test]
    fn json_lines() {
        let docs = docs(MONGO);
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(
            a.text,
            "This record is a partial extract.201247Z Jan 04\nC o n f i d e n t i a l {braces} \"q\""
        );
        let m = &a.source.metadata;
        assert_eq!(m["_id"], "04ANKARA348");
        assert_eq!(m["origin"], "Embassy Ankara");
        assert_eq!(m["date_time"], "2004-01-20 12:12");
        assert_eq!(m["classification"], "CONFIDENTIAL");
        assert_eq!(m["reference_id"], "04ANKARA348");
        assert_eq!(m["line"], "1");
        assert!(!m.contains_key("body") && !m.contains_key("header"));
        assert_eq!(a.source.index, Some(1));
        assert_eq!(a.source.container, Container::Json);
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.text, "S E C R E T");
        assert_eq!(b.source.metadata["_id"], "'90BAGHDAD2084|90CAIRO7329'");
        assert_eq!(b.source.metadata["line"], "2");
        assert_eq!(b.source.index, Some(2));
    }

    #[test]
    fn a_bad_line_does_not_stop_the_others() {
        let input = format!("{{\"body\": \"A\"}}\n{{\"body\": tru}}\n[1]\n{{\"x\": 1}}\n{MONGO}");
        let docs = docs(&input);
        assert_eq!(docs.len(), 6, "{docs:?}");
        assert_eq!(docs[0].as_ref().unwrap().text, "A");
        let e = docs[1].as_ref().unwrap_err().to_string();
        assert!(
            e.contains("j.json") && e.contains("line 2") && e.contains("invalid JSON"),
            "{e}"
        );
        let e = docs[2].as_ref().unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("an array"), "{e}");
        let e = docs[3].as_ref().unwrap_err().to_string();
        assert!(e.contains("no \"body\""), "{e}");
        assert!(docs[4].is_ok() && docs[5].is_ok());
    }

    #[test]
    fn arrays_and_pretty_printing() {
        let input = "[\n  {\n    \"body\": \"A ]}\",\n    \"n\": 3, \"ok\": true, \"none\": null,\n    \
                     \"_id\": {\"$oid\": \"abc\"}, \"tags\": [\"PREL\", \"KZ\"]\n  },\n  {\"text\": \"B\"}\n]\n";
        let docs = docs(input);
        assert_eq!(docs.len(), 2);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.text, "A ]}");
        let m = &a.source.metadata;
        assert_eq!(m["n"], "3");
        assert_eq!(m["ok"], "true");
        assert_eq!(m["_id"], "abc");
        assert_eq!(m["tags"], "PREL, KZ");
        assert_eq!(m["line"], "2");
        assert!(!m.contains_key("none"));
        assert_eq!(docs[1].as_ref().unwrap().text, "B");
    }

    #[test]
    fn jsonp_response() {
        let input =
            "cablegrab({\"info\":{\"response\":\"OK\"},\"items\":[{\"id\":\"08MOSCOW3343\",\
                     \"subject\":\"MEDVEDEV\\u2019S ADDRESS\",\"text\":\"Wednesday\\nC O N F\",\
                     \"header\":\"VZCZCXYZ0000\\nPP RUEHWEB\",\"tags\":\"PGOV PHUM\"}]})\n";
        let docs = docs(input);
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "VZCZCXYZ0000\nPP RUEHWEB\nWednesday\nC O N F");
        let m = &doc.source.metadata;
        assert_eq!(m["id"], "08MOSCOW3343");
        assert_eq!(m["subject"], "MEDVEDEV’S ADDRESS");
        assert_eq!(m["tags"], "PGOV PHUM");
        assert_eq!(m["body_offset"], "24");
        assert_eq!(doc.source.index, Some(1));
    }

    #[test]
    fn broken_inputs_are_errors_not_panics() {
        let empty = read(Cursor::new(b"  \n".to_vec()), "e.json".into())
            .err()
            .unwrap();
        assert!(matches!(empty, SourceError::NoCable { .. }));
        let unclosed = docs("{\"body\": \"A\"}\n{\"body\": \"unterminated");
        assert!(unclosed[0].is_ok());
        let e = unclosed[1].as_ref().unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("not closed"), "{e}");
        assert!(read(Cursor::new(b"cb({\"a\":".to_vec()), "p.js".into()).is_err());
        assert!(read(Cursor::new(b"cb({\"a\": 1)".to_vec()), "p.js".into()).is_err());
        assert!(read(Cursor::new(b"hello".to_vec()), "p.js".into()).is_err());
        assert!(read(Cursor::new(b"\"just a string\"".to_vec()), "s".into()).is_err());
        let bare = docs("{\"body\": \"A\"} \"just a string\"\n42\n");
        assert_eq!(bare.len(), 3);
        assert!(bare[0].is_ok());
        assert!(bare[1..].iter().all(Result::is_err));
    }

    #[test]
    fn bom_and_windows_1252() {
        let docs = docs("\u{feff}{\"body\": \"A\"}");
        assert_eq!(docs[0].as_ref().unwrap().text, "A");
        let docs: Vec<_> = read(Cursor::new(b"{\"body\": \"\xb61.\"}".to_vec()), "x".into())
            .unwrap()
            .collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "¶1.");
        assert_eq!(doc.source.encoding.as_deref(), Some("windows-1252"));
    }

    #[test]
    fn jsonp_detection() {
        assert!(looks_like_jsonp(b"cablegrab({\"items\":[]})"));
        assert!(looks_like_jsonp(b"a.b ( [1])"));
        assert!(!looks_like_jsonp(b"UNCLAS (SBU) {x}"));
        assert!(!looks_like_jsonp(b"1. (C) TEXT"));
    }
}
