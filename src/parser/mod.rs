//! From text to the model: the pest parser derived from `grammar/cable.pest`, and the functions
//! that turn its pairs into a [`Cable`].
//!
//! pest types stay inside this module. [`parse`] never fails: the grammar matches every text, and
//! what the grammar could not place is kept in the model with a diagnostic.

mod build;
mod check;
#[cfg(test)]
mod grammar_tests;
pub(crate) mod interpret;
mod names;

use crate::diagnostics::Code;
use crate::model::{Cable, Diagnostic, Span};
use pest::Parser;

pub use names::rule_description;

/// The parser generated from the grammar.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/cable.pest"]
pub(crate) struct CableParser;

/// The largest text the parser accepts, in bytes: 16 MiB, sixteen times the longest real cable.
/// Larger texts are refused with a diagnostic (`C0003`), so that time and memory stay bounded
/// whatever the input. Ordinary cable text takes about 10 pest calls a byte, so a text of this
/// size parses well within [`CALL_LIMIT`] (about 1.5 s and 150 MB in a release build).
pub const MAX_CABLE_BYTES: usize = 16 * 1024 * 1024;

/// A bound on the grammar's work per cable (pest calls), so that no pathological line can make a
/// parse run away: at about 10^8 calls a second, a parse stops within about two seconds, with a
/// `C0002` diagnostic and the whole text kept as one paragraph. The real corpus needs less than a
/// quarter of it for its largest cable. (One global value: pest reads it when a parse starts, so
/// it must not vary between threads.)
const CALL_LIMIT: usize = 200_000_000;

/// Parse one cable's text into the model.
pub fn parse(text: &str) -> Cable {
    let index = LineIndex::new(text);
    if text.len() > MAX_CABLE_BYTES {
        return unparsed(text, &index, too_large(text.len()));
    }
    pest::set_call_limit(std::num::NonZeroUsize::new(CALL_LIMIT));
    let line_feeds = normalise_line_ends(text);
    let text_lf = line_feeds.as_deref().unwrap_or(text);
    let restored = restore_line_breaks(text_lf);
    let written = restored.as_deref().unwrap_or(text_lf);
    let blanks = normalise_blanks(written);
    let grammar_text = blanks.as_deref().unwrap_or(written);
    let parsed = CableParser::parse(Rule::cable, grammar_text);
    let mut cable = match parsed {
        Ok(mut pairs) => match pairs.next() {
            Some(pair) => build::cable(pair, grammar_text, written, text, &index),
            None => unparsed(text, &index, internal_failure(&index)),
        },
        Err(error) => unparsed(text, &index, names::diagnostic_from_error(&error, &index)),
    };
    if restored.is_some() {
        cable.diagnostics.push(flattened_notice());
    }
    check::diagnose(&mut cable, text);
    cable
}

/// Line ends as LF alone, keeping every byte offset: CRLF becomes a space and a LF, a lone CR
/// becomes a LF. `None` when the text has no CR.
fn normalise_line_ends(text: &str) -> Option<String> {
    memchr::memchr(b'\r', text.as_bytes())?;
    let mut bytes = text.as_bytes().to_vec();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' {
            bytes[i] = if bytes.get(i + 1) == Some(&b'\n') {
                b' '
            } else {
                b'\n'
            };
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still UTF-8.
    String::from_utf8(bytes).ok()
}

/// Blanks as spaces, keeping every byte offset: a tab or a form feed becomes a space, a no-break
/// space (two bytes) two spaces. The grammar then knows one blank, the space (`ws`), which is
/// much cheaper to try at every turn than four; the model still takes its text as written.
/// `None` when the text has none of them.
fn normalise_blanks(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let has_blank = memchr::memchr3(b'\t', 0x0C, 0xA0, bytes).is_some();
    if !has_blank {
        return None;
    }
    let mut out = bytes.to_vec();
    for i in 0..out.len() {
        match out[i] {
            b'\t' | 0x0C => out[i] = b' ',
            // U+00A0 is C2 A0; an A0 byte after anything else continues another character.
            0xA0 if i > 0 && bytes[i - 1] == 0xC2 => {
                out[i - 1] = b' ';
                out[i] = b' ';
            }
            _ => {}
        }
    }
    // Whole characters were replaced by as many ASCII bytes, so the text is still UTF-8.
    String::from_utf8(out).ok()
}

/// Some dumps lost every line break of a cable, and wrote two spaces where a line ended. The
/// grammar is line-based, so in such a text (long, with almost no line breaks) the first space
/// of every run of two or more becomes a line break again, except after a colon
/// (`DECL:  3/27/2027`, `Summary:  In a conversation`), before an E.O. line's `DECL:`, inside a
/// page head and after a paragraph's label (`¶1.  (S/NF)`); and the one space between a heading
/// and the dashes that underlined it (`Two Big Questions -----------------`) becomes a line
/// break, as it was one. The text keeps its length, so spans still point into the original.
fn restore_line_breaks(text: &str) -> Option<String> {
    // (Counting stops at three: only "two or fewer" matters.)
    let breaks = memchr::memchr2_iter(b'\n', b'\r', text.as_bytes())
        .take(3)
        .count();
    let flattened = text.len() > 300 && breaks <= 2 && text.contains("  ");
    if !flattened {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut i = 0;
    while i + 1 < bytes.len() {
        // A heading's dashed underline that lost its line keeps one space before it
        // (`Two Big Questions -----------------`): that space was the line end.
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let underline = bytes[i + 1..].starts_with(b"---")
            && before.is_some_and(|b| !matches!(b, b' ' | b'-' | b'\n'));
        if bytes[i] == b' ' && underline {
            bytes[i] = b'\n';
        }
        if bytes[i] == b' ' && bytes[i + 1] == b' ' {
            // The run of spaces, and what follows it.
            let run = bytes[i..].iter().take_while(|&&b| b == b' ').count();
            let next = &bytes[i + run..];
            // Two spaces after a colon are a typist's, not a lost line end (`DECL:  3/27/2027`);
            // nor are those before an E.O. line's `DECL:` (`E.O. 12598  DECL: 02/12/20`), inside
            // a page head (`BAGHDAD 00003895  001.3 OF 003`) or after a paragraph's label
            // (`¶1.  (S/NF)`, `1.  THE MINISTER`).
            let after_colon = i > 0 && bytes[i - 1] == b':';
            let typed = after_colon
                || next.starts_with(b"DECL:")
                || in_page_head(&bytes[..i], next)
                || after_label(&bytes[..i]);
            if !typed {
                bytes[i] = b'\n';
            }
            // The whole run is passed over either way.
            i += run - 1;
        }
        i += 1;
    }
    // Only ASCII spaces were replaced by ASCII line feeds, so the bytes are still UTF-8.
    String::from_utf8(bytes).ok()
}

/// Whether a run of spaces stands between a page head's padded serial and its page number:
/// eight digits after a space end what comes `before` it, three digits start what comes `next`
/// (`BAGHDAD 00003895  001.3 OF 003`, as section-continuation lines are written).
fn in_page_head(before: &[u8], next: &[u8]) -> bool {
    let at = before.len();
    let serial =
        at >= 9 && before[at - 9] == b' ' && before[at - 8..].iter().all(u8::is_ascii_digit);
    serial && next.len() >= 3 && next[..3].iter().all(u8::is_ascii_digit)
}

/// Whether a run of spaces follows a paragraph's label, with which what comes `before` it ends:
/// one to three digits and a period, at the start of a line or after a pilcrow (`¶1.  (S/NF)`,
/// `1.  (C) Some angry remarks`, `1.  CONFIDENTIAL - ENTIRE TEXT.`). A typist's spaces, not a
/// line end: the label opens its paragraph's first line.
fn after_label(bytes: &[u8]) -> bool {
    let Some(label) = bytes.len().checked_sub(1).filter(|&d| bytes[d] == b'.') else {
        return false;
    };
    let digits = bytes[..label]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    // Before the digits, a pilcrow (C2 B6 in UTF-8), or the start of a line: a LF, where a line
    // end was restored, and the spaces of its run that were left.
    let before = &bytes[..label - digits];
    let line = before
        .iter()
        .rev()
        .position(|&b| b != b' ')
        .map(|n| before[before.len() - 1 - n]);
    let line_start = before.ends_with("¶".as_bytes()) || matches!(line, None | Some(b'\n'));
    (1..=3).contains(&digits) && line_start
}

fn flattened_notice() -> Diagnostic {
    Diagnostic::new(
        Code::LostLineBreaks,
        "the text had lost its line breaks; runs of two spaces were read as line breaks".into(),
        None,
        Span {
            start: 0,
            end: 0,
            line: 1,
            column: 1,
        },
    )
}

/// The model of a text that the grammar could not take: all of it as one paragraph, and why.
fn unparsed(text: &str, index: &LineIndex, diagnostic: Diagnostic) -> Cable {
    let mut cable = Cable::default();
    if !text.trim().is_empty() {
        cable.paragraphs.push(crate::model::Paragraph {
            number: None,
            label: None,
            marking: None,
            text: text.to_string(),
            roles: Vec::new(),
            markers: Vec::new(),
            span: index.span(0, text.len()),
        });
        cable.body.push(crate::model::Block::Paragraph { index: 0 });
    }
    cable.diagnostics.push(diagnostic);
    cable
}

fn too_large(len: usize) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        format!(
            "the text is {len} bytes long, more than the {MAX_CABLE_BYTES} bytes a cable may have"
        ),
        Some("split the file into one cable per file".into()),
        Span::default(),
    )
}

fn internal_failure(index: &LineIndex) -> Diagnostic {
    Diagnostic::new(
        Code::NoCable,
        "the grammar produced no cable".into(),
        None,
        index.span(0, 0),
    )
}

/// Line starts of a text, to turn byte offsets into 1-based line and column numbers without
/// scanning the text again for every span.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    text_len: usize,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // About one line start in 64 bytes: one allocation for most cables.
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            // Line feeds alone, as almost every text has them: one searcher, one byte.
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
            return LineIndex {
                starts,
                text_len: text.len(),
            };
        }
        let mut i = 0;
        while let Some(pos) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + pos;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        LineIndex {
            starts,
            text_len: text.len(),
        }
    }

    /// The span from `start` to `end`, with the line and column of `start` (columns count
    /// characters, not bytes).
    pub(crate) fn span_in(&self, text: &str, start: usize, end: usize) -> Span {
        let start = start.min(self.text_len);
        let line = self.starts.partition_point(|&s| s <= start);
        let line_start = self.starts[line - 1];
        let column = text
            .get(line_start..start)
            .map_or(start - line_start, |s| s.chars().count())
            + 1;
        Span {
            start,
            end: end.max(start),
            line,
            column,
        }
    }

    /// A span whose column is counted in bytes (for texts not at hand).
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        let start = start.min(self.text_len);
        let line = self.starts.partition_point(|&s| s <= start);
        Span {
            start,
            end: end.max(start),
            line,
            column: start - self.starts[line - 1] + 1,
        }
    }
}
