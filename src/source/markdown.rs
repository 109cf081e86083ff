//! Markdown files: CommonMark back to plain cable text.
//!
//! The file is parsed with pulldown-cmark and its events rendered as the plain text they stand
//! for; nothing is done with regular expressions.
//!
//! * Inline markup goes: links and images are their text, emphasis and code spans their content,
//!   backslash escapes and entities are undone (pulldown-cmark does both), inline HTML tags are
//!   removed ([`super::decode_fragment`]).
//! * Soft and hard line breaks are newlines (a hard break's trailing spaces or backslash go).
//! * Blocks are separated by as many newlines as the source has between them (at least one), so
//!   paragraphs separated by one blank line come out separated by one blank line.
//! * List items start with their marker as written (`11. `, `- `): a paragraph such as
//!   `11. (SBU) …` that CommonMark reads as a list starting at 11 comes back as written.
//! * Headings are their text; a setext heading keeps its underline line (`---`, `===`), and a
//!   thematic break (`-----`) is kept as written, since such lines are common in cables.
//! * Fenced code blocks are their content; indented code blocks are kept as written, indentation
//!   included.
//! * YAML front matter (`---` … `---`) is not text: its simple `key: value` lines go into the
//!   metadata (quotes around the value removed), other lines are ignored.
//! * The text ends with a newline when it is not empty.
//!
//! Leading whitespace of a paragraph's continuation lines is lost (CommonMark drops it).

use super::encoding::{decode, looks_binary};
use super::html::decode_fragment;
use super::{source, Container, SourceDoc, SourceError};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// Weak signs of Markdown in a file's first bytes: front matter, or a link.
pub fn looks_like_markdown(head: &[u8]) -> bool {
    let starts_with_front_matter = head.starts_with(b"---\n") || head.starts_with(b"---\r\n");
    starts_with_front_matter
        || memchr::memmem::find(head, b"](#)").is_some()
        || memchr::memmem::find(head, b"](http").is_some()
}

/// Reads a Markdown file.
pub fn read(bytes: &[u8], path: &str) -> Result<SourceDoc, SourceError> {
    if let Some(reason) = looks_binary(bytes) {
        return Err(SourceError::Binary {
            path: path.to_string(),
            reason,
        });
    }
    let decoded = decode(bytes);
    let (text, metadata) = to_text(&decoded.text);
    Ok(SourceDoc {
        text,
        source: source(path, Container::Markdown, None, metadata, decoded.encoding),
    })
}

/// Renders Markdown as plain text; returns the text and the front matter's `key: value` pairs.
pub fn to_text(markdown: &str) -> (String, BTreeMap<String, String>) {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut renderer = Renderer::new(markdown);
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        renderer.event(event, range);
    }
    renderer.finish()
}

/// Plain-text rendering state.
struct Renderer<'a> {
    src: &'a str,
    out: String,
    metadata: BTreeMap<String, String>,
    /// Source offset just after the last text written, to count the newlines between blocks.
    last_end: usize,
    /// The next block is the first of a list item whose marker was just written.
    after_marker: bool,
    in_front_matter: bool,
    /// Inside an indented code block, written from the source: its text events are skipped.
    skip_text: bool,
}

impl<'a> Renderer<'a> {
    fn new(src: &'a str) -> Self {
        Renderer {
            src,
            out: String::with_capacity(src.len()),
            metadata: BTreeMap::new(),
            last_end: 0,
            after_marker: false,
            in_front_matter: false,
            skip_text: false,
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) if self.in_front_matter => self.front_matter(&text),
            Event::Text(_) if self.skip_text => {}
            Event::Text(text) | Event::Code(text) => self.write(&text, range.end),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.write(&text, range.end),
            Event::InlineHtml(html) | Event::Html(html) => {
                self.write(&decode_fragment(&html), range.end)
            }
            Event::SoftBreak | Event::HardBreak => self.write("\n", range.end),
            Event::Rule => {
                self.block_start(range.start);
                let written = self.written(&range);
                self.write(written, range.start + written.len());
            }
            Event::FootnoteReference(label) => self.write(&label, range.end),
            Event::TaskListMarker(done) => {
                self.write(if done { "[x] " } else { "[ ] " }, range.end)
            }
        }
    }

    /// The source of a block without its trailing line break(s) and spaces.
    fn written(&self, range: &Range<usize>) -> &'a str {
        self.src[range.clone()].trim_end()
    }

    fn start(&mut self, tag: Tag<'a>, range: Range<usize>) {
        match tag {
            Tag::MetadataBlock(_) => self.in_front_matter = true,
            Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::HtmlBlock
            | Tag::CodeBlock(CodeBlockKind::Fenced(_)) => self.block_start(range.start),
            Tag::CodeBlock(CodeBlockKind::Indented) => {
                self.block_start(range.start);
                // The range starts after the first line's indentation: put it back.
                let line_start = self.src[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let indent = &self.src[line_start..range.start];
                if indent.chars().all(|c| c == ' ' || c == '\t') {
                    self.out.push_str(indent);
                }
                let written = self.written(&range);
                self.write(written, range.start + written.len());
                self.skip_text = true;
            }
            Tag::Item => {
                self.block_start(range.start);
                let marker = self.item_marker(range.start);
                self.write(marker, range.start + marker.len());
                self.after_marker = true;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::MetadataBlock(_) => self.in_front_matter = false,
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                self.skip_text = false;
                self.end_block(&range);
            }
            TagEnd::Heading(_) => {
                self.setext_underline(&range);
                self.end_block(&range);
            }
            TagEnd::Paragraph => self.end_block(&range),
            TagEnd::Item => self.after_marker = false,
            _ => {}
        }
    }

    /// Ends a leaf block: no trailing line breaks, and the gap to the next block counted from
    /// the block's last written character.
    fn end_block(&mut self, range: &Range<usize>) {
        while self.out.ends_with('\n') || self.out.ends_with('\r') {
            self.out.pop();
        }
        let end = range.start + self.written(range).len();
        self.last_end = self.last_end.max(end);
    }

    /// The list marker of the item starting at `start`, with the spaces after it, as written.
    fn item_marker(&self, start: usize) -> &'a str {
        let rest = &self.src[start..];
        let bytes = rest.as_bytes();
        let mut i = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        if i < bytes.len() && matches!(bytes[i], b'.' | b')' | b'-' | b'+' | b'*') {
            i += 1;
        }
        i += bytes[i..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        &rest[..i]
    }

    /// Writes the underline of a setext heading, which the events do not carry.
    fn setext_underline(&mut self, range: &Range<usize>) {
        let written = self.written(range);
        if let Some((_, last)) = written.rsplit_once('\n') {
            let line = last.trim();
            let underline = !line.is_empty()
                && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'));
            if underline {
                self.out.push('\n');
                self.out.push_str(line);
            }
        }
    }

    /// Separates a new block from the text before it by the newlines the source has.
    fn block_start(&mut self, start: usize) {
        if std::mem::take(&mut self.after_marker) || self.out.is_empty() {
            return;
        }
        let gap = self.src.get(self.last_end..start).unwrap_or("");
        let newlines = gap.bytes().filter(|&b| b == b'\n').count().max(1);
        for _ in 0..newlines {
            self.out.push('\n');
        }
        self.last_end = start;
    }

    fn write(&mut self, text: &str, end: usize) {
        self.out.push_str(text);
        self.last_end = self.last_end.max(end);
    }

    fn front_matter(&mut self, yaml: &str) {
        for line in yaml.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim();
            let simple_key = !key.is_empty()
                && !line.starts_with([' ', '\t', '-', '#'])
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
            if simple_key {
                self.metadata.insert(key.to_string(), unquote(value.trim()));
            }
        }
    }

    fn finish(mut self) -> (String, BTreeMap<String, String>) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        (self.out, self.metadata)
    }
}

/// A YAML scalar without its quotes (`"x: y"` → `x: y`, `'it''s'` → `it's`).
fn unquote(value: &str) -> String {
    if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
        let inner = &value[1..value.len() - 1];
        return serde_json::from_str::<String>(value).unwrap_or_else(|_| inner.to_string());
    }
    if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
        return value[1..value.len() - 1].replace("''", "'");
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(md: &str) -> String {
        to_text(md).0
    }

    #[test]
    fn links_breaks_and_paragraphs() {
        let md = "UNCLAS ALMATY 001938\n\nTAGS: [PREL](#) [KZ](#)\n\nSUBJECT: A  \nB\nC\n";
        assert_eq!(
            text(md),
            "UNCLAS ALMATY 001938\n\nTAGS: PREL KZ\n\nSUBJECT: A\nB\nC\n"
        );
    }

    #[test]
    fn ordered_lists_keep_their_numbers_and_spacing() {
        let md = "11. (SBU) One.\n\n12.  (SBU) Two.\n\n13. (SBU) Three,\n\nlater.\n\n14) Four\n";
        assert_eq!(
            text(md),
            "11. (SBU) One.\n\n12.  (SBU) Two.\n\n13. (SBU) Three,\n\nlater.\n\n14) Four\n"
        );
        // A tight list and a bullet list.
        assert_eq!(text("1. a\n2. b\n- c\n"), "1. a\n2. b\n- c\n");
    }

    #[test]
    fn escapes_are_undone() {
        let md = "1\\. \\(C\\) \\*\\*\\*A\\_B\\* \\[x\\] \\# \\<y\\> &amp; R&D; \\\\\n";
        assert_eq!(text(md), "1. (C) ***A_B* [x] # <y> & R&D; \\\n");
    }

    #[test]
    fn front_matter_goes_to_metadata() {
        let md = "---\nid: 05ALMATY1938\nsubject: \"A: \\\"B\\\"\"\nnote: 'it''s'\ntags:\n  - PREL\n---\n\nUNCLAS\n";
        let (text, meta) = to_text(md);
        assert_eq!(text, "UNCLAS\n");
        assert_eq!(meta["id"], "05ALMATY1938");
        assert_eq!(meta["subject"], "A: \"B\"");
        assert_eq!(meta["note"], "it's");
        assert_eq!(meta["tags"], "");
        assert!(!meta.contains_key("  - PREL"));
    }

    #[test]
    fn dashes_headings_and_code() {
        let md = "Erdogan The Man\n---------------\n\n-----\n\n# Title\n\n    ¶B. ANKARA 8252\n\n```\nRAW *x*\n```\n";
        assert_eq!(
            text(md),
            "Erdogan The Man\n---------------\n\n-----\n\nTitle\n\n    ¶B. ANKARA 8252\n\nRAW *x*\n"
        );
    }

    #[test]
    fn html_and_emphasis() {
        assert_eq!(text("a <b>bold</b> *e* `c`\n"), "a bold e c\n");
        assert_eq!(text("<div>\nX &amp; Y\n</div>\n"), "\nX & Y\n");
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(text(""), "");
        assert_eq!(text("\n\n  \n"), "");
    }

    #[test]
    fn detection_signals() {
        assert!(looks_like_markdown(b"---\ntitle: x\n---\n"));
        assert!(looks_like_markdown(b"TAGS: [PREL](#)"));
        assert!(!looks_like_markdown(b"UNCLAS\n---------------\n"));
    }
}
