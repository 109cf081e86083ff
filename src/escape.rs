//! All escaping of cable text for the output formats, in one place.
//!
//! Cable text is data, never markup: whatever a cable says (`<script>`, `[x](javascript:…)`,
//! `# heading`, `]]>`, `&amp;`, control characters) must come out of every writer as the same
//! characters a reader sees, and never as live structure. Each function here takes raw text and
//! returns text that is safe to place in one syntactic position of one format:
//!
//! | function | position |
//! |---|---|
//! | [`xml_text`], [`xml_attr`] | XML 1.0 character data and attribute values (TEI) |
//! | [`html_text`], [`html_attr`] | HTML5 text and double-quoted attribute values |
//! | [`markdown_inline`], [`markdown_line`] | CommonMark/GFM inline text, mid-line or at a line start |
//! | [`yaml_scalar`] | a YAML double-quoted scalar (Markdown front matter) |
//! | [`csv_text`], [`formula_guard`] | a CSV cell, before the CSV writer quotes it (RFC 4180) |
//!
//! Characters a format cannot carry at all (C0 controls in XML and HTML, for example) are replaced
//! with U+FFFD REPLACEMENT CHARACTER, and the number of replacements is returned in
//! [`Escaped::replaced`] so that converters can report the loss. YAML double-quoted scalars can
//! carry every character through escapes, so [`yaml_scalar`] loses nothing.

use std::borrow::Cow;

/// The replacement for characters that a format cannot carry.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Escaped text, and how many characters had to be replaced with [`REPLACEMENT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escaped<'a> {
    /// The text, ready to be written in its position.
    pub text: Cow<'a, str>,
    /// How many characters of the input the format could not carry.
    pub replaced: usize,
}

impl Escaped<'_> {
    /// The escaped text as an owned string.
    pub fn into_string(self) -> String {
        self.text.into_owned()
    }
}

/// Is `c` forbidden in an XML 1.0 document (C0 controls other than tab, LF and CR; U+FFFE and
/// U+FFFF)? Surrogates cannot occur in a Rust `str`.
pub fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Is `c` a parse error in an HTML5 input stream (controls other than ASCII whitespace, C1
/// controls, DEL and Unicode noncharacters)?
pub fn is_html_forbidden(c: char) -> bool {
    let n = c as u32;
    let control =
        matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}');
    let nonchar = (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE;
    control || nonchar
}

/// Is `c` a C0 control other than tab and the line endings, which Markdown output does not carry?
pub fn is_markdown_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}')
}

/// Escapes `s` for XML character data: `&`, `<` and `>` become entities, CR becomes `&#xD;` (so a
/// parser keeps it), and characters XML 1.0 forbids become U+FFFD.
pub fn xml_text(s: &str) -> Escaped<'_> {
    escape_with(s, is_xml_forbidden, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '\r' => Some("&#xD;"),
        _ => None,
    })
}

/// Escapes `s` for a double-quoted XML attribute value: as [`xml_text`], plus `"`, and tab, LF and
/// CR as character references so that attribute-value normalisation keeps them.
pub fn xml_attr(s: &str) -> Escaped<'_> {
    escape_with(s, is_xml_forbidden, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\t' => Some("&#x9;"),
        '\n' => Some("&#xA;"),
        '\r' => Some("&#xD;"),
        _ => None,
    })
}

/// Escapes `s` for HTML5 text content: `&`, `<` and `>` become entities and characters that are
/// parse errors in HTML become U+FFFD.
pub fn html_text(s: &str) -> Escaped<'_> {
    escape_with(s, is_html_forbidden, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    })
}

/// Escapes `s` for a double-quoted HTML5 attribute value (as [`html_text`], plus `"`).
pub fn html_attr(s: &str) -> Escaped<'_> {
    escape_with(s, is_html_forbidden, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        _ => None,
    })
}

/// Escapes `s` for Markdown inline text that does not start a line.
///
/// Every ASCII character that could open inline syntax anywhere on a line, in CommonMark and the
/// common extensions (emphasis, code, links, images, footnotes, autolinks, raw HTML, entities,
/// tables, strikethrough, math, heading attributes: `` \ ` * _ [ ] < > # | ~ & $ { } ``) is
/// backslash-escaped, and so are the characters that make GFM's bare autolinks (see
/// `break_autolinks`), so the rendered text is exactly `s`. Line endings and C0 controls are not
/// expected here: line endings become spaces and C0 controls become U+FFFD. Use
/// [`markdown_line`] at a line start.
pub fn markdown_inline(s: &str) -> Escaped<'_> {
    let escaped = markdown_punctuation(s);
    match break_autolinks(&escaped.text) {
        Some(text) => Escaped {
            text: Cow::Owned(text),
            replaced: escaped.replaced,
        },
        None => escaped,
    }
}

/// GFM's extended autolinks (on in GitHub, Hugo and most renderers that say "GFM") make links of
/// bare `www.x`, `http://x` and `e@mail.x` with no markup at all: in cable text (e-mail
/// addresses in signatures, web addresses in press reports) they would turn words into links.
/// A backslash before the `@`, before the `:` of `://` and before the `.` of a word-initial
/// `www.` keeps them text, and renders as the same characters. `None` when there is none.
fn break_autolinks(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let www_at = |i: usize| {
        bytes
            .get(i..i + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
    };
    let needs = |i: usize| match bytes[i] {
        b'@' => true,
        b':' => bytes[i + 1..].starts_with(b"//"),
        b'.' => i >= 3 && www_at(i - 3),
        _ => false,
    };
    let first = (0..bytes.len()).find(|&i| needs(i))?;
    let mut out = String::with_capacity(text.len() + 8);
    let mut run = 0;
    for i in (first..bytes.len()).filter(|&i| needs(i)) {
        out.push_str(&text[run..i]);
        out.push('\\');
        run = i;
    }
    out.push_str(&text[run..]);
    Some(out)
}

/// What [`markdown_inline`] escapes, but for the extended autolinks.
fn markdown_punctuation(s: &str) -> Escaped<'_> {
    escape_with(s, is_markdown_forbidden, |c| match c {
        '\n' | '\r' => Some(" "),
        '\\' => Some("\\\\"),
        '`' => Some("\\`"),
        '*' => Some("\\*"),
        '_' => Some("\\_"),
        '[' => Some("\\["),
        ']' => Some("\\]"),
        '<' => Some("\\<"),
        '>' => Some("\\>"),
        '#' => Some("\\#"),
        '|' => Some("\\|"),
        '~' => Some("\\~"),
        '&' => Some("\\&"),
        '$' => Some("\\$"),
        '{' => Some("\\{"),
        '}' => Some("\\}"),
        _ => None,
    })
}

/// Escapes one line of text for a Markdown line start (a paragraph's first line or a line after a
/// hard break).
///
/// Leading and trailing whitespace is dropped (leading spaces and tabs would make an indented code
/// block, trailing ones a hard break). Then, besides the inline escapes of [`markdown_inline`],
/// the line's first character is escaped when it could start a block: `+ - = :` (list items,
/// thematic breaks, setext underlines, definitions), and the `.` or `)` after leading digits
/// (`1986. ` would start an ordered list). `# > * _ ~` and backquotes are always escaped inline.
pub fn markdown_line(line: &str) -> Escaped<'_> {
    let trimmed = line.trim_matches(|c: char| c == ' ' || c == '\t');
    let inline = markdown_inline(trimmed);
    let text = inline.text.as_ref();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let first = text.chars().next();
    let escaped = if matches!(first, Some('+' | '-' | '=' | ':')) {
        Some(format!("\\{text}"))
    } else if digits > 0 && ordered_list_delimiter(&text[digits..]) {
        Some(format!("{}\\{}", &text[..digits], &text[digits..]))
    } else {
        None
    };
    match escaped {
        Some(owned) => Escaped {
            text: Cow::Owned(owned),
            replaced: inline.replaced,
        },
        None => inline,
    }
}

/// Does `rest` (what follows a line's leading digits) start like an ordered list item: `.` or `)`
/// then a space, a tab or the end of the line?
fn ordered_list_delimiter(rest: &str) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('.' | ')')) && matches!(chars.next(), None | Some(' ' | '\t'))
}

/// Splits text into lines at LF, CRLF or a lone CR.
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.split('\n').flat_map(|l| {
        let l = l.strip_suffix('\r').unwrap_or(l);
        l.split('\r')
    })
}

/// Writes `s` as a YAML double-quoted scalar, quotes included.
///
/// `\` and `"` are escaped, and every character outside YAML's printable set (controls, DEL, C1
/// controls, NEL, line and paragraph separators, the BOM, U+FFFE/U+FFFF) becomes an escape
/// sequence, so the scalar reads back as exactly `s`, on one line. Bidi formatting characters
/// are escaped too, so that the front matter reads in order and shows them.
pub fn yaml_scalar(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            // Bidi controls too: they read back exactly, and cannot reorder the front matter.
            '\u{2028}'
            | '\u{2029}'
            | '\u{FEFF}'
            | '\u{FFFE}'
            | '\u{FFFF}'
            | '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Is `c` a C0 control other than tab and the line endings, which CSV output does not carry (RFC
/// 4180 allows none, and spreadsheets show them as boxes or cut the cell)?
pub fn is_csv_forbidden(c: char) -> bool {
    is_markdown_forbidden(c)
}

/// Prepares `s` for a CSV cell, or a piece of one: C0 controls other than tab, LF and CR become
/// U+FFFD, and bidi controls left open are closed. Quotes, commas and line breaks are left to the
/// CSV writer, which quotes the cell; [`formula_guard`] makes the whole cell safe to open.
pub fn csv_text(s: &str) -> Escaped<'_> {
    escape_with(s, is_csv_forbidden, |_| None)
}

/// Does a cell starting with `c` need [`formula_guard`]'s apostrophe? `=`, `+`, `-`, `@`, tab
/// and CR start a formula or a DDE command in Excel, LibreOffice or Google Sheets (OWASP's "CSV
/// injection" list); their full-width forms (`＝ ＋ － ＠`) too in some locales; and `'`, the
/// guard itself, so that one leading apostrophe less is always the text as written.
pub fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\t'
            | '\r'
            | '\''
            | '\u{FF1D}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{FF20}'
    )
}

/// Guards a whole CSV cell against formula injection: a cell whose first character is one of
/// [`starts_formula`]'s gets a leading apostrophe (`'=HYPERLINK(…)`), which spreadsheets show as
/// text and never evaluate. Cable text is untrusted; a reader that wants the text as written
/// removes one leading apostrophe from a cell that has one (every such cell was guarded).
pub fn formula_guard(cell: Cow<'_, str>) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if starts_formula(c) => Cow::Owned(format!("'{cell}")),
        _ => cell,
    }
}

/// The bytes at which a character that some format escapes or replaces can start: C0 controls
/// and DEL, the ASCII punctuation that XML, HTML or Markdown give a meaning to, and the lead bytes
/// of C1 controls (`C2`), of U+FDD0–U+FFFF (`EF`) and of the other planes (`F0`–`F4`, whose last
/// two code points are noncharacters). No continuation byte is marked, so each marked byte
/// starts a character. The escaping functions look at the characters that start at these bytes
/// only, and copy everything between them as it is.
const MAY_NEED_WORK: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[0x7F] = true;
    let punctuation = b"&<>\"\\`*_[]#|~${}";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table[0xC2] = true;
    let mut lead = 0xEF;
    while lead <= 0xF4 {
        table[lead] = true;
        lead += 1;
    }
    table
};

/// Replaces forbidden characters with U+FFFD and the characters `entity` maps with their
/// replacement; borrows `s` when nothing changes.
///
/// Only the characters that start at a byte of [`MAY_NEED_WORK`] are tested (with both tests
/// inlined, as they are generic), and unchanged runs are copied whole: escaping costs one pass
/// over the bytes.
#[inline]
fn escape_with<F, E>(s: &str, forbidden: F, entity: E) -> Escaped<'_>
where
    F: Fn(char) -> bool,
    E: Fn(char) -> Option<&'static str>,
{
    let closers = bidi_closers(s);
    let bytes = s.as_bytes();
    let mut out: Option<String> = None;
    let mut replaced = 0;
    let mut run = 0;
    let mut at = 0;
    while let Some(skip) = bytes[at..]
        .iter()
        .position(|&b| MAY_NEED_WORK[usize::from(b)])
    {
        at += skip;
        let Some(c) = s[at..].chars().next() else {
            break;
        };
        let replacement = if forbidden(c) {
            replaced += 1;
            Some(REPLACEMENT_STR)
        } else {
            entity(c)
        };
        if let Some(replacement) = replacement {
            let text = out.get_or_insert_with(|| String::with_capacity(s.len() + 16));
            text.push_str(&s[run..at]);
            text.push_str(replacement);
            run = at + c.len_utf8();
        }
        at += c.len_utf8();
    }
    let text = match (out, closers) {
        (None, None) => Cow::Borrowed(s),
        (out, closers) => {
            let mut text = out.unwrap_or_else(|| String::with_capacity(s.len() + 8));
            text.push_str(&s[run..]);
            text.extend(closers);
            Cow::Owned(text)
        }
    };
    Escaped { text, replaced }
}

/// [`REPLACEMENT`] as a string.
const REPLACEMENT_STR: &str = "\u{FFFD}";

/// Is `c` a bidirectional formatting character that opens an embedding, an override or an
/// isolate (LRE, RLE, LRO, RLO; LRI, RLI, FSI)?
pub fn is_bidi_opener(c: char) -> bool {
    matches!(
        c,
        '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' | '\u{2066}'..='\u{2068}'
    )
}

/// The characters that close the bidi embeddings, overrides and isolates that `s` opens and
/// leaves open (PDF U+202C for an embedding or override, PDI U+2069 for an isolate), innermost
/// first; `None` when `s` leaves none open.
///
/// Cable text is written in pieces between markup. A right-to-left override left open in one
/// piece (a subject, a paragraph line) would reorder whatever the page shows after it (the next
/// field, the next paragraph's number): "Trojan Source" in a page. Every escaping function closes
/// what its piece opened, so the override acts on its own text only, as in the cable.
pub fn bidi_closers(s: &str) -> Option<String> {
    // Every bidi control is encoded starting with the byte 0xE2.
    if !s.as_bytes().contains(&0xE2) || !s.chars().any(is_bidi_opener) {
        return None;
    }
    // true: an isolate; false: an embedding or override (UAX #9, rules X2-X6a, simplified: a PDF
    // closes the innermost embedding if no isolate is open inside it, a PDI the innermost isolate
    // and every embedding inside it).
    let mut open: Vec<bool> = Vec::new();
    for c in s.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(false),
            '\u{2066}'..='\u{2068}' => open.push(true),
            '\u{202C}' if open.last() == Some(&false) => {
                open.pop();
            }
            '\u{2069}' => {
                if let Some(at) = open.iter().rposition(|&isolate| isolate) {
                    open.truncate(at);
                }
            }
            _ => {}
        }
    }
    if open.is_empty() {
        return None;
    }
    Some(
        open.iter()
            .rev()
            .map(|&isolate| if isolate { '\u{2069}' } else { '\u{202C}' })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_replaces_controls() {
        let e = xml_text("a<b>&c]]>\u{1}\u{0}\td");
        assert_eq!(e.text, "a&lt;b&gt;&amp;c]]&gt;\u{FFFD}\u{FFFD}\td");
        assert_eq!(e.replaced, 2);
        assert!(matches!(xml_text("plain").text, Cow::Borrowed(_)));
    }

    #[test]
    fn xml_attr_keeps_whitespace_as_references() {
        assert_eq!(xml_attr("a\"b\nc\td").text, "a&quot;b&#xA;c&#x9;d");
    }

    #[test]
    fn html_replaces_c1_and_noncharacters() {
        let e = html_text("x\u{85}\u{FDD0}\u{1FFFF}<y\u{7F}");
        assert_eq!(e.text, "x\u{FFFD}\u{FFFD}\u{FFFD}&lt;y\u{FFFD}");
        assert_eq!(e.replaced, 4);
        assert_eq!(html_attr("\"&").text, "&quot;&amp;");
    }

    #[test]
    fn markdown_line_escapes_block_starts() {
        assert_eq!(markdown_line("1986. was a year").text, "1986\\. was a year");
        assert_eq!(markdown_line("12) item").text, "12\\) item");
        assert_eq!(markdown_line("    - item").text, "\\- item");
        assert_eq!(markdown_line("===").text, "\\===");
        assert_eq!(markdown_line("# h").text, "\\# h");
        assert_eq!(markdown_line("> q").text, "\\> q");
        assert_eq!(markdown_line("2.5 percent").text, "2.5 percent");
        assert_eq!(markdown_line("1986.").text, "1986\\.");
    }

    #[test]
    fn markdown_inline_breaks_bare_autolinks() {
        assert_eq!(
            markdown_inline("jo@state.gov www.x.org WWW.Y http://a.b ftp://c").text,
            "jo\\@state.gov www\\.x.org WWW\\.Y http\\://a.b ftp\\://c"
        );
        // Only where a link would start: not `awww.`, not a lone colon.
        assert_eq!(markdown_inline("awww.x a: b").text, "awww.x a: b");
    }

    #[test]
    fn markdown_inline_escapes_syntax() {
        assert_eq!(
            markdown_inline("[x](javascript:alert(1)) *b* &amp; <i>").text,
            "\\[x\\](javascript:alert(1)) \\*b\\* \\&amp; \\<i\\>"
        );
    }

    #[test]
    fn bidi_controls_left_open_are_closed_in_every_format() {
        let s = "a \u{202E}b \u{2067}c";
        let closed = "a \u{202E}b \u{2067}c\u{2069}\u{202C}";
        assert_eq!(xml_text(s).text, closed);
        assert_eq!(xml_attr(s).text, closed);
        assert_eq!(html_text(s).text, closed);
        assert_eq!(html_attr(s).text, closed);
        assert_eq!(markdown_inline(s).text, closed);
        assert_eq!(markdown_line(s).text, closed);
        // Balanced text is left as it is, borrowed.
        let balanced = "x \u{202E}y\u{202C} \u{2066}z\u{2069}";
        assert!(matches!(xml_text(balanced).text, Cow::Borrowed(_)));
        assert_eq!(bidi_closers("\u{202C}\u{2069} stray closers"), None);
        // A PDI closes the embeddings opened inside its isolate.
        assert_eq!(bidi_closers("\u{2067}\u{202E}x\u{2069}"), None);
        assert_eq!(yaml_scalar("\u{202E}x"), "\"\\u202Ex\"");
    }

    #[test]
    fn csv_cells_replace_controls_and_guard_formulas() {
        let e = csv_text("a,\"b\"\n\u{1}\tc\r");
        assert_eq!(e.text, "a,\"b\"\n\u{FFFD}\tc\r");
        assert_eq!(e.replaced, 1);
        assert_eq!(csv_text("\u{202E}x").text, "\u{202E}x\u{202C}");
        let guard = |s: &str| formula_guard(Cow::Borrowed(s)).into_owned();
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for s in [
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'quoted",
            "\u{FF1D}1+1",
        ] {
            assert_eq!(guard(s), format!("'{s}"));
        }
        for s in ["", "05ALMATY1938", " =not first", "KZ; =x", "A-B"] {
            assert!(
                matches!(formula_guard(Cow::Borrowed(s)), Cow::Borrowed(_)),
                "{s}"
            );
        }
    }

    #[test]
    fn lines_split_on_every_line_ending() {
        let v: Vec<_> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(v, ["a", "b", "c", "d"]);
    }

    #[test]
    fn yaml_scalar_escapes_everything_non_printable() {
        assert_eq!(
            yaml_scalar("a\"b\\c\n\u{1}\u{2028}"),
            "\"a\\\"b\\\\c\\n\\x01\\u2028\""
        );
    }

    #[test]
    fn every_character_a_format_changes_starts_at_a_marked_byte() {
        let functions: [fn(&str) -> Escaped<'_>; 5] = [
            xml_text,
            xml_attr,
            html_text,
            html_attr,
            markdown_punctuation,
        ];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.to_string();
            let changed = functions.iter().any(|f| f(&text).text != text.as_str());
            if changed && !is_bidi_opener(c) {
                let lead = text.as_bytes()[0];
                assert!(MAY_NEED_WORK[usize::from(lead)], "{c:?} ({lead:#04x})");
            }
        }
        let continuation = &MAY_NEED_WORK[0x80..0xC0];
        assert!(
            continuation.iter().all(|&marked| !marked),
            "a continuation byte is marked"
        );
    }
}
