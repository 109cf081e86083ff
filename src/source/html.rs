//! cablegate site pages and raw `<pre>` extracts.
//!
//! **Pages** (every template of the 2010–2011 site and its mirrors): the cable's metadata is in
//! the last `<table class='cable'>` (as cablemap reads it), the text in the `<pre>` blocks after
//! it: with two or more blocks the last is the body and the one before it the header; with one
//! block there is no header (partial extracts of the earliest template). The text is the header,
//! a blank line (`"\n\n"`), and the body.
//!
//! **Raw extracts** (`tathagata/reveal`): a `<code><pre>…</pre></code>` fragment without page or
//! table; its block is the body.
//!
//! Inside the blocks, tags are removed (`<a href='/tag/PREL_0.html'>PREL</a>` → `PREL`,
//! `<a id='par1' href='#par1'>¶</a>1.` → `¶1.`, `<br>` → newline) and entities decoded
//! (see [`decode_fragment`]).
//!
//! **DB-row pages**: on some 2011 pages the body block holds a tab-separated database row,
//! `[row number TAB] date TAB id TAB origin TAB classification TAB references TAB header TAB body`,
//! with newlines escaped as backslash + newline. The row's body (escapes undone) becomes the body,
//! and the page's header block the header (the row's header when the page has none). Some rows
//! repeat their first fields or run into another row; whatever follows the body is kept in
//! `row_rest`.
//!
//! Metadata keys:
//! * from the table, by column title: `reference_id`, `created` (the "Created" or, in the
//!   earliest template, "Date" column), `released` (when the page has it), `classification`,
//!   `origin`; other columns by their title in snake case;
//! * `subject`: from the `<h3>Viewing cable 05ABUDHABI2178, MBZ ON IRAQ, IRAN, PAKISTAN</h3>`
//!   heading, the text after the first `", "` (absent when empty); `reference_id` is also taken
//!   from that heading when the page has no table;
//! * DB rows: `row_number` (when present), `row_date`, `row_reference_id`, `row_origin`,
//!   `row_classification`, `row_references`, and `row_rest` (when the row runs on);
//! * `paragraph_anchors`: the numbers of the site's `<a id='parN'>` paragraph anchors in page
//!   order, comma-separated (the site's own reading of the paragraph numbers);
//! * `body_offset`: the byte offset of the body in the text.

use super::db_row::DbRow;
use super::encoding::{decode, looks_binary};
use super::{join_header_body, source, Container, SourceDoc, SourceError};
use memchr::memmem::{self, Finder};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A tag or word looked for in a page in any case (written here in lower case): each place where
/// its first byte occurs, in either case, is compared with it. A page holds at most a few hundred
/// tags, so this costs less than the lower-cased copy of the page it replaces.
struct Needle(&'static [u8]);

impl Needle {
    /// Where the needle first occurs in `hay`, in any case.
    fn find(&self, hay: &[u8]) -> Option<usize> {
        self.find_iter(hay).next()
    }

    /// Every place where the needle occurs in `hay`, in any case.
    fn find_iter<'h>(&'h self, hay: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
        let first = self.0[0];
        memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).filter(move |&at| {
            hay.get(at..at + self.0.len())
                .is_some_and(|found| found.eq_ignore_ascii_case(self.0))
        })
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

const PRE_OPEN: Needle = Needle(b"<pre");
const PRE_CLOSE: Needle = Needle(b"</pre");
const TABLE_OPEN: Needle = Needle(b"<table");
const TABLE_CLOSE: Needle = Needle(b"</table");
const HEADING_PREFIX: Needle = Needle(b"viewing cable ");
const HEADING_CLOSE: Needle = Needle(b"</h");
/// How the cable's table is marked in a `<table …>` tag.
const CABLE_CLASS: [Needle; 3] = [Needle(b"'cable'"), Needle(b"\"cable\""), Needle(b"=cable")];

/// The paragraph anchors of site pages, searched as written (a searcher built once: `memmem::find`
/// builds its searcher anew at every call).
static PARAGRAPH_ANCHOR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"id='par"));

/// Strong signs that a file is HTML (looked for at the start, after whitespace).
const HTML_OPENINGS: [&[u8]; 9] = [
    b"<!doctype",
    b"<html",
    b"<code",
    b"<pre",
    b"<?xml",
    b"<head",
    b"<body",
    b"<!--",
    b"<table",
];

/// Tags that give HTML away anywhere in the first bytes.
const HTML_MARKERS: [Needle; 6] = [
    Needle(b"<html"),
    Needle(b"<pre>"),
    Needle(b"class='cable'"),
    Needle(b"class=\"cable\""),
    Needle(b"<br />"),
    Needle(b"<br>"),
];

/// Whether the (left-trimmed) head of a file looks like HTML.
pub fn looks_like_html(head: &[u8]) -> bool {
    let start = &head[..head.len().min(16)];
    let start = start.to_ascii_lowercase();
    if HTML_OPENINGS.iter().any(|o| start.starts_with(o)) {
        return true;
    }
    HTML_MARKERS.iter().any(|m| m.find(head).is_some())
}

/// Reads a cablegate page or a raw `<pre>` extract.
pub fn read(bytes: &[u8], path: &str) -> Result<SourceDoc, SourceError> {
    if let Some(reason) = looks_binary(bytes) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            reason,
        });
    }
    let decoded = decode(bytes);
    let page = Page::new(&decoded.text);
    let mut metadata = BTreeMap::new();
    let table = page.cable_table();
    if let Some((start, end)) = table {
        table_metadata(&page.text[start..end], &mut metadata);
    }
    heading_metadata(&page, &mut metadata);
    let blocks = page.pre_blocks(table.map_or(0, |(start, _)| start));
    let Some(body_raw) = blocks.last() else {
        return Err(SourceError::NoCable {
            path: path.to_string(),
            reason: "no <pre> block with cable text (neither a cablegate page nor a <pre> extract)"
                .into(),
        });
    };
    let anchors = paragraph_anchors(body_raw);
    if !anchors.is_empty() {
        metadata.insert("paragraph_anchors".into(), anchors.join(","));
    }
    let mut header = (blocks.len() >= 2).then(|| decode_fragment(blocks[blocks.len() - 2]));
    let mut body = decode_fragment(body_raw);
    if let Some(row) = DbRow::parse(&body) {
        row.record(&mut metadata);
        if header.is_none() {
            header = Some(row.header.clone());
        }
        body = row.body;
    }
    let text = join_header_body(header.as_deref(), "\n\n", body, &mut metadata);
    Ok(SourceDoc {
        text,
        source: source(path, Container::Html, None, metadata, decoded.encoding),
    })
}

/// The numbers of the site's paragraph anchors (`<a id='par12' …>`), in page order: the site's
/// own reading of the paragraph numbers, kept as metadata beside what the text says. Lettered
/// anchors (`parB`, made from REF items) are left out.
fn paragraph_anchors(block: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    for at in PARAGRAPH_ANCHOR.find_iter(block.as_bytes()) {
        let digits: String = block[at + 7..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() && block[at + 7 + digits.len()..].starts_with('\'') {
            numbers.push(digits);
        }
    }
    numbers
}

/// A page, searched for its tags in any case.
struct Page<'a> {
    text: &'a str,
}

impl<'a> Page<'a> {
    fn new(text: &'a str) -> Self {
        Page { text }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The byte range of the last `<table class='cable'>…</table>`.
    fn cable_table(&self) -> Option<(usize, usize)> {
        let mut found = None;
        let bytes = self.bytes();
        for start in TABLE_OPEN.find_iter(bytes) {
            let tag_end = memchr::memchr(b'>', &bytes[start..])? + start;
            let tag = &bytes[start..tag_end];
            let is_cable = CABLE_CLASS.iter().any(|c| c.find(tag).is_some());
            if is_cable {
                let end = TABLE_CLOSE
                    .find(&bytes[tag_end..])
                    .map_or(bytes.len(), |i| i + tag_end);
                found = Some((start, end));
            }
        }
        found
    }

    /// The raw contents of the `<pre>` blocks starting at or after `from`.
    fn pre_blocks(&self, from: usize) -> Vec<&'a str> {
        let mut blocks = Vec::new();
        let mut pos = from;
        let bytes = self.bytes();
        while let Some(i) = PRE_OPEN.find(&bytes[pos..]) {
            let start = pos + i;
            let after_name = bytes.get(start + PRE_OPEN.len()).copied();
            if !matches!(after_name, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
                pos = start + 4;
                continue;
            }
            let Some(gt) = memchr::memchr(b'>', &bytes[start..]) else {
                break;
            };
            let content_start = start + gt + 1;
            let content_end = PRE_CLOSE
                .find(&bytes[content_start..])
                .map_or(bytes.len(), |i| i + content_start);
            blocks.push(&self.text[content_start..content_end]);
            pos = content_end;
        }
        blocks
    }
}

/// Fills `reference_id`, `created`, `released`, `classification`, `origin` from the table.
fn table_metadata(table: &str, metadata: &mut BTreeMap<String, String>) {
    let titles = cells(table, &TH);
    let values = cells(table, &TD);
    let keys: Vec<String> = if titles.is_empty() {
        positional_keys(values.len())
    } else {
        titles.iter().map(|t| column_key(t)).collect()
    };
    for (key, value) in keys.into_iter().zip(values) {
        if !value.is_empty() {
            metadata.insert(key, value);
        }
    }
}

/// Column keys when the table has no titles: the two known layouts.
fn positional_keys(columns: usize) -> Vec<String> {
    let keys: &[&str] = if columns >= 5 {
        &[
            "reference_id",
            "created",
            "released",
            "classification",
            "origin",
        ]
    } else {
        &["reference_id", "created", "classification", "origin"]
    };
    keys.iter().map(|k| k.to_string()).collect()
}

/// The metadata key of a table column title.
fn column_key(title: &str) -> String {
    match title.to_ascii_lowercase().as_str() {
        "reference id" | "reference" | "id" => "reference_id".into(),
        "created" | "date" => "created".into(),
        "released" => "released".into(),
        "classification" => "classification".into(),
        "origin" => "origin".into(),
        other => other
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect(),
    }
}

/// A table cell's opening and closing tag, searched for in any case.
struct CellTag {
    open: Needle,
    close: Needle,
}

const TH: CellTag = CellTag {
    open: Needle(b"<th"),
    close: Needle(b"</th"),
};
const TD: CellTag = CellTag {
    open: Needle(b"<td"),
    close: Needle(b"</td"),
};

/// The text of every cell of kind `tag`, tags removed, entities decoded, whitespace collapsed.
fn cells(table: &str, tag: &CellTag) -> Vec<String> {
    let bytes = table.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = tag.open.find(&bytes[pos..]) {
        let start = pos + i;
        let next = bytes.get(start + tag.open.len()).copied();
        let Some(gt) = memchr::memchr(b'>', &bytes[start..]) else {
            break;
        };
        pos = start + gt + 1;
        if !matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            continue;
        }
        let end = tag
            .close
            .find(&bytes[pos..])
            .map_or(bytes.len(), |e| e + pos);
        out.push(collapse_whitespace(&decode_fragment(&table[pos..end])));
        pos = end;
    }
    out
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `subject` (and `reference_id` when missing) from the "Viewing cable ID, SUBJECT" heading.
fn heading_metadata(page: &Page<'_>, metadata: &mut BTreeMap<String, String>) {
    let bytes = page.bytes();
    let Some(i) = HEADING_PREFIX.find(bytes) else {
        return;
    };
    let start = i + HEADING_PREFIX.len();
    let end = HEADING_CLOSE
        .find(&bytes[start..])
        .map_or(bytes.len(), |e| e + start)
        .min(start + 4096);
    let Some(heading) = page.text.get(start..end) else {
        return;
    };
    let heading = collapse_whitespace(&decode_fragment(heading));
    let (id, subject) = heading.split_once(',').unwrap_or((&heading, ""));
    let (id, subject) = (id.trim(), subject.trim());
    if !subject.is_empty() {
        metadata.insert("subject".into(), subject.to_string());
    }
    if !id.is_empty() && !metadata.contains_key("reference_id") {
        metadata.insert("reference_id".into(), id.to_string());
    }
}

/// Removes tags and decodes entities of an HTML fragment.
///
/// * Tags (`<a …>`, `</a>`, `<code>`, …) and comments are removed; `<br>` becomes a newline. A
///   `<` that does not open a tag (`a < b`) is kept.
/// * Numeric references (`&#x000A;`, `&#182;`) are decoded, 128–159 as Windows-1252 as browsers
///   do, invalid code points as U+FFFD.
/// * Named references: `&amp; &lt; &gt; &quot; &apos; &nbsp;` (`&nbsp;` as a plain space, since
///   cable text has no other kind) and a few typographic ones (see `NAMED`). Anything else,
///   such as the real `R&D;`, is kept literally.
pub fn decode_fragment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut pos = 0;
    while let Some(i) = memchr::memchr2(b'<', b'&', &bytes[pos..]) {
        let at = pos + i;
        out.push_str(&s[pos..at]);
        pos = if bytes[at] == b'&' {
            decode_entity(s, at, &mut out)
        } else {
            skip_tag(s, at, &mut out)
        };
    }
    out.push_str(&s[pos..]);
    out
}

/// Named entities that are decoded; all others are kept as written.
const NAMED: [(&str, &str); 26] = [
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("para", "¶"),
    ("sect", "§"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("hellip", "…"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("middot", "·"),
    ("deg", "°"),
    ("copy", "©"),
    ("reg", "®"),
    ("eacute", "é"),
    ("egrave", "è"),
    ("aacute", "á"),
    ("oacute", "ó"),
    ("ntilde", "ñ"),
];

/// Decodes the entity at `at` (an `&`) into `out`; returns where to go on.
fn decode_entity(s: &str, at: usize, out: &mut String) -> usize {
    let rest = &s[at + 1..];
    let window = &rest.as_bytes()[..rest.len().min(12)];
    if let Some(semi) = memchr::memchr(b';', window) {
        let name = &rest[..semi];
        if let Some(decoded) = decode_entity_name(name) {
            out.push_str(&decoded);
            return at + 1 + semi + 1;
        }
    }
    out.push('&');
    at + 1
}

fn decode_entity_name(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() => u32::from_str_radix(hex, 16).ok()?,
            None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                num.parse().ok()?
            }
            _ => return None,
        };
        return Some(numeric_char(code).to_string());
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string())
}

/// The character of a numeric reference, as HTML5 decodes it.
fn numeric_char(code: u32) -> char {
    if (0x80..=0x9f).contains(&code) {
        let byte = [code as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return text.chars().next().unwrap_or('\u{FFFD}');
    }
    match char::from_u32(code) {
        Some('\0') | None => '\u{FFFD}',
        Some(c) => c,
    }
}

/// Skips the tag or comment at `at` (a `<`), writing a newline for `<br>`; returns where to go on.
fn skip_tag(s: &str, at: usize, out: &mut String) -> usize {
    let rest = &s.as_bytes()[at + 1..];
    let opens_tag = rest
        .first()
        .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
    if !opens_tag {
        out.push('<');
        return at + 1;
    }
    if rest.starts_with(b"!--") {
        return memmem::find(&rest[3..], b"-->").map_or(s.len(), |e| at + 1 + 3 + e + 3);
    }
    let Some(gt) = memchr::memchr(b'>', rest) else {
        out.push('<');
        return at + 1;
    };
    let name_end = rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    if rest[..name_end].eq_ignore_ascii_case(b"br") {
        out.push('\n');
    }
    at + 1 + gt + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needles_are_found_in_any_case() {
        let page = b"<PRE>a</Pre> <pre x>b</pRE><pr<pre";
        assert_eq!(
            PRE_OPEN.find_iter(page).collect::<Vec<_>>(),
            vec![0, 13, 30]
        );
        assert_eq!(PRE_CLOSE.find(page), Some(6));
        assert_eq!(PRE_OPEN.find(b"<pr"), None);
        assert_eq!(HEADING_PREFIX.find(b"x Viewing Cable 09X1"), Some(2));
        assert!(HTML_MARKERS
            .iter()
            .any(|m| m.find(b"text<BR>more").is_some()));
    }

    fn page(table: &str, heading: &str, pres: &[&str]) -> String {
        let mut s = String::from(
            "<!DOCTYPE html>\r\n<html><head><title>Cable Viewer</title></head><body>\r\n\
             <table class='cable'><tr><th>Navigation</th></tr><tr><td>x</td></tr></table>\n",
        );
        s.push_str(&format!("<h3>Viewing cable {heading}</h3>\n{table}\n"));
        for p in pres {
            s.push_str(&format!("<code><pre>{p}</pre></code>\n"));
        }
        s.push_str("<div>Appears in these articles:<br /></div></body></html>");
        s
    }

    const TABLE_5: &str = "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n\
        <th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n\
        <a href='/cable/1972/02/72TEHRAN1164.html'>72TEHRAN1164</a>\n</td>\n<td>\n\
        <a href='/date/1972-02_0.html'>1972-02-25 09:30</a>\n</td>\n<td>\n\
        <a href='/reldate/2011-08-30_0.html'>2011-08-30 01:44</a>\n</td>\n<td>\n\
        <a href='/classification/5_0.html' title='unclassified//fouo'>UNCLASSIFIED</a>\n</td>\n\
        <td>\n<a href='/origin/42_0.html'>Embassy Tehran</a>\n</td>\n</tr>\n</table>";

    const TABLE_4: &str = "<table class='cable'><tr><th>Reference ID</th><th>Date</th>\
        <th>Classification</th><th>Origin</th></tr><tr><td><a href='05ABUDHABI2178.html'>\
        05ABUDHABI2178</a></td><td>2005-05-16 09:09</td><td>SECRET</td>\
        <td>Embassy Abu Dhabi</td></tr><tr><td colspan='4'></td></tr></table>";

    #[test]
    fn final_template_page() {
        let html = page(
            TABLE_5,
            "72TEHRAN1164, ACCELERATION OF F-4ES FOR IRAN",
            &[
                "R 250930Z FEB 72 &#x000A;FM AMEMBASSY TEHRAN&#x000A;TO SECSTATE WASHDC 7561 ",
                "UNCLASSIFIED TEHRAN 1164 &#x000A; &#x000A;TAGS: <a href='/tag/MASS_0.html'>MASS</a> \
                 <a href='/tag/IR_0.html'>IR</a>&#x000A;<a id='par1' href='#par1'>¶</a>1. R&D; \
                 &amp; &lt;x&gt; &#39;q&#39; &quot;A&quot;&nbsp;B&#182;",
            ],
        );
        let doc = read(html.as_bytes(), "p.html").unwrap();
        let header = "R 250930Z FEB 72 \nFM AMEMBASSY TEHRAN\nTO SECSTATE WASHDC 7561 ";
        let body = "UNCLASSIFIED TEHRAN 1164 \n \nTAGS: MASS IR\n¶1. R&D; & <x> 'q' \"A\" B¶";
        assert_eq!(doc.text, format!("{header}\n\n{body}"));
        let m = &doc.source.metadata;
        assert_eq!(m["reference_id"], "72TEHRAN1164");
        assert_eq!(m["created"], "1972-02-25 09:30");
        assert_eq!(m["released"], "2011-08-30 01:44");
        assert_eq!(m["classification"], "UNCLASSIFIED");
        assert_eq!(m["origin"], "Embassy Tehran");
        assert_eq!(m["subject"], "ACCELERATION OF F-4ES FOR IRAN");
        assert_eq!(m["body_offset"], (header.len() + 2).to_string());
        assert_eq!(&doc.text[header.len() + 2..], body);
        assert_eq!(doc.source.container, Container::Html);
    }

    #[test]
    fn earliest_template_partial_extract() {
        let html = page(
            TABLE_4,
            "05ABUDHABI2178, MBZ ON IRAQ, IRAN, PAKISTAN",
            &["S E C R E T SECTION 01 OF 03 ABU DHABI 002178 &#x000A;SISON"],
        );
        let doc = read(html.as_bytes(), "p.html").unwrap();
        assert_eq!(
            doc.text,
            "S E C R E T SECTION 01 OF 03 ABU DHABI 002178 \nSISON"
        );
        let m = &doc.source.metadata;
        assert_eq!(m["reference_id"], "05ABUDHABI2178");
        assert_eq!(m["created"], "2005-05-16 09:09");
        assert!(!m.contains_key("released"));
        assert_eq!(m["subject"], "MBZ ON IRAQ, IRAN, PAKISTAN");
        assert_eq!(m["body_offset"], "0");
    }

    #[test]
    fn empty_subject_and_entity_in_heading() {
        let html = page(TABLE_4, "02BRASILIA4227,", &["a", "b"]);
        let doc = read(html.as_bytes(), "p.html").unwrap();
        assert!(!doc.source.metadata.contains_key("subject"));
        assert_eq!(doc.text, "a\n\nb");
        let html = page("", "09X1, A &#8220;B&#8221; &amp; C", &["b"]);
        let m = read(html.as_bytes(), "p.html").unwrap().source.metadata;
        assert_eq!(m["subject"], "A “B” & C");
        assert_eq!(m["reference_id"], "09X1");
    }

    #[test]
    fn paragraph_anchors_are_kept_as_metadata() {
        let block = "<a id='par1' href='#par1'>¶</a>1. A <a id='parB' href='#parB'>¶</a>B. \
                     <a id='par15' href='#par15'>¶</a>15. C";
        assert_eq!(paragraph_anchors(block), ["1", "15"]);
    }

    #[test]
    fn raw_pre_extract() {
        let raw = "<code><pre>C O N F I D E N T I A L VATICAN 001261 \n\n\
                   <a id='par6' href='#par6'>¶</a>6. (U) TEXT \nMERANTE</pre></code>\n\n\
                   Appears in these articles:<br />\n";
        let doc = read(raw.as_bytes(), "01VATICAN1261.txt").unwrap();
        assert_eq!(
            doc.text,
            "C O N F I D E N T I A L VATICAN 001261 \n\n¶6. (U) TEXT \nMERANTE"
        );
        assert!(!doc.source.metadata.contains_key("reference_id"));
    }

    #[test]
    fn no_pre_is_no_cable() {
        let err = read(b"Appears in these articles:<br />\n", "x.txt").unwrap_err();
        assert!(matches!(err, SourceError::NoCable { .. }), "{err}");
        assert!(err.to_string().contains("x.txt"));
    }

    #[test]
    fn db_row_body() {
        let row = "159499\t2008-06-24 22:06:00\t08BOGOTA2293\tEmbassy Bogota\tCONFIDENTIAL\t\
                   08BOGOTA1\tVZCZCXYZ0001\\&#x000A;PP RUEHWEB\\&#x000A;\tC O N F I D E N T I A L \
                   BOGOTA 002293 \t\t\t\\&#x000A; \\&#x000A;BROWNFIELD";
        let html = page(
            TABLE_5,
            "08BOGOTA2293, X",
            &["VZCZCXYZ0001&#x000A;PP RUEHWEB", row],
        );
        let doc = read(html.as_bytes(), "p.html").unwrap();
        assert_eq!(
            doc.text,
            "VZCZCXYZ0001\nPP RUEHWEB\n\nC O N F I D E N T I A L BOGOTA 002293 \t\t\t\n \nBROWNFIELD"
        );
        let m = &doc.source.metadata;
        assert_eq!(m["row_number"], "159499");
        assert_eq!(m["row_date"], "2008-06-24 22:06:00");
        assert_eq!(m["row_reference_id"], "08BOGOTA2293");
        assert_eq!(m["row_origin"], "Embassy Bogota");
        assert_eq!(m["row_classification"], "CONFIDENTIAL");
        assert_eq!(m["row_references"], "08BOGOTA1");
        assert!(!m.contains_key("row_rest"));
    }

    #[test]
    fn db_row_that_runs_on() {
        let row = "167757\t2008-08-28 15:09:00\t167757\t2008-08-28 15:09:00\t08BERN443\t\
                   Embassy Bern\tCONFIDENTIAL\t\tHDR\\\nX\tBODY\\\nEND\tEmbassy Bern\tCONFIDENTIAL\t\tHDR";
        let parsed = DbRow::parse(row).unwrap();
        assert_eq!(parsed.number.as_deref(), Some("167757"));
        assert_eq!(parsed.reference_id, "08BERN443");
        assert_eq!(parsed.header, "HDR\nX");
        assert_eq!(parsed.body, "BODY\nEND");
        assert_eq!(
            parsed.rest.as_deref(),
            Some("Embassy Bern\tCONFIDENTIAL\t\tHDR")
        );
        let lost_newline = row.replace("END\t", "END \\\t");
        assert_eq!(DbRow::parse(&lost_newline).unwrap().body, "BODY\nEND \n");
        let next_row = "2009-07-06 07:31:00\t09BERN279\tEmbassy Bern\tSECRET\t\tH\tCARTER \\\n\n\
                        215201\t2009-07-06 10:01:00\t09COTONOU278\tEmbassy Cotonou";
        let parsed = DbRow::parse(next_row).unwrap();
        assert_eq!(parsed.body, "CARTER \n");
        assert_eq!(
            parsed.rest.as_deref(),
            Some("215201\t2009-07-06 10:01:00\t09COTONOU278\tEmbassy Cotonou")
        );
        // Without a header block on the page the row's header is used.
        let doc = read(format!("<pre>{row}</pre>").as_bytes(), "p.html").unwrap();
        assert_eq!(doc.text, "HDR\nX\n\nBODY\nEND");
    }

    #[test]
    fn ordinary_body_with_tabs_is_not_a_row() {
        assert_eq!(DbRow::parse("SANTIAGO 000137 \t\t\t\t\nTEXT"), None);
        assert_eq!(DbRow::parse("2005-11-14 10:58:00\tonly\ttwo"), None);
    }

    #[test]
    fn fragment_decoding_edge_cases() {
        assert_eq!(decode_fragment("a < b & c"), "a < b & c");
        assert_eq!(decode_fragment("x<br/>y<BR>z"), "x\ny\nz");
        assert_eq!(decode_fragment("a<!-- c -->b"), "ab");
        assert_eq!(
            decode_fragment("&#x0;&#99999999;&#xD800;"),
            "\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(decode_fragment("&#146;&#x2019;"), "’’");
        assert_eq!(
            decode_fragment("&unknown; &amp &#x; &#;"),
            "&unknown; &amp &#x; &#;"
        );
        assert_eq!(decode_fragment("<a href='x'"), "<a href='x'");
        assert_eq!(decode_fragment("trailing &"), "trailing &");
        assert_eq!(
            decode_fragment("&x “Marrakech” &#x000A;"),
            "&x “Marrakech” \n"
        );
        assert_eq!(decode_fragment("&“;"), "&“;");
    }

    #[test]
    fn crlf_page_and_uppercase_tags() {
        let html = "<HTML>\r\n<TABLE CLASS='cable'>\r\n<TR><TH>Reference ID</TH></TR>\r\n\
                    <TR><TD>01X1</TD></TR></TABLE>\r\n<PRE>BODY&#x000A;</PRE>\r\n</HTML>";
        let doc = read(html.as_bytes(), "p.html").unwrap();
        assert_eq!(doc.text, "BODY\n");
        assert_eq!(doc.source.metadata["reference_id"], "01X1");
    }

    #[test]
    fn unterminated_pre_and_garbage_do_not_panic() {
        for input in [
            "<pre>abc",
            "<pre",
            "<table class='cable'",
            "<table class='cable'><th",
            "<h3>Viewing cable ",
            "<pre>&#",
            "<pre>\u{e9}&",
        ] {
            let _ = read(input.as_bytes(), "g.html");
        }
        assert_eq!(read(b"<pre>abc", "g").unwrap().text, "abc");
    }
}
