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
    escape_with(s, &XML_TEXT)
}

/// Escapes `s` for a double-quoted XML attribute value: as [`xml_text`], plus `"`, and tab, LF and
/// CR as character references so that attribute-value normalisation keeps them.
pub fn xml_attr(s: &str) -> Escaped<'_> {
    escape_with(s, &XML_ATTR)
}

/// Escapes `s` for HTML5 text content: `&`, `<` and `>` become entities and characters that are
/// parse errors in HTML become U+FFFD.
pub fn html_text(s: &str) -> Escaped<'_> {
    escape_with(s, &HTML_TEXT)
}

/// Escapes `s` for a double-quoted HTML5 attribute value (as [`html_text`], plus `"`).
pub fn html_attr(s: &str) -> Escaped<'_> {
    escape_with(s, &HTML_ATTR)
}

/// Escapes `s` for Markdown inline text that does not start a line.
///
/// Every character that could open inline syntax (emphasis, code, links, images, footnotes,
/// autolinks, raw HTML, entities, tables, strikethrough, math) is backslash-escaped, so the
/// rendered text is exactly `s`. Line endings and C0 controls are not expected here: line
/// endings become spaces and C0 controls become U+FFFD. Use [`markdown_line`] at a line start.
pub fn markdown_inline(s: &str) -> Escaped<'_> {
    escape_with(s, &MARKDOWN_INLINE)
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
/// sequence, so the scalar reads back as exactly `s`, on one line.
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
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How the escaping of one syntactic position treats each byte of the input: most bytes are
/// copied in runs, as they are; the few that matter are looked up in a table rather than tested
/// character by character.
pub(crate) struct Rules {
    /// One action per byte value: [`KEEP`], [`CHECK`], [`FORBID`], or `ENTITY + i` for
    /// `entities[i]`.
    action: [u8; 256],
    /// The replacements of the ASCII characters that have one.
    entities: &'static [(u8, &'static str)],
    /// The characters the format cannot carry (tested only on the non-ASCII characters whose lead
    /// byte is marked [`CHECK`]).
    forbidden: fn(char) -> bool,
}

/// Copied as it is.
const KEEP: u8 = 0;
/// The lead byte of a non-ASCII character that may be forbidden: the character is decoded and
/// tested.
const CHECK: u8 = 1;
/// An ASCII character the format cannot carry: replaced with [`REPLACEMENT`].
const FORBID: u8 = 2;
/// The first entity action.
const ENTITY: u8 = 3;

/// Which ASCII characters a format cannot carry.
#[derive(Clone, Copy)]
enum AsciiForbidden {
    /// C0 controls other than tab, LF and CR (XML 1.0, and Markdown output).
    C0,
    /// C0 controls other than tab, LF, FF and CR, and DEL (HTML5).
    Html,
}

const fn rules(
    forbidden_ascii: AsciiForbidden,
    check_leads: &[u8],
    entities: &'static [(u8, &'static str)],
    forbidden: fn(char) -> bool,
) -> Rules {
    let mut action = [KEEP; 256];
    let mut b = 0;
    while b < 0x80 {
        let forbidden = match forbidden_ascii {
            AsciiForbidden::C0 => matches!(b, 0x0..=0x8 | 0xB | 0xC | 0xE..=0x1F),
            AsciiForbidden::Html => matches!(b, 0x0..=0x8 | 0xB | 0xE..=0x1F | 0x7F),
        };
        if forbidden {
            action[b] = FORBID;
        }
        b += 1;
    }
    let mut i = 0;
    while i < check_leads.len() {
        action[check_leads[i] as usize] = CHECK;
        i += 1;
    }
    let mut i = 0;
    while i < entities.len() {
        action[entities[i].0 as usize] = ENTITY + i as u8;
        i += 1;
    }
    Rules {
        action,
        entities,
        forbidden,
    }
}

/// Lead bytes of the non-ASCII characters XML 1.0 forbids: U+FFFE and U+FFFF (`EF BF BE/BF`).
const XML_CHECK: &[u8] = &[0xEF];
/// Lead bytes of the non-ASCII characters HTML5 forbids: C1 controls (`C2 80..9F`),
/// U+FDD0..U+FDEF and U+xFFFE/U+xFFFF in the BMP (`EF`) and the other planes (`F0..F4`).
const HTML_CHECK: &[u8] = &[0xC2, 0xEF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4];

/// XML character data ([`xml_text`]).
pub(crate) static XML_TEXT: Rules = rules(
    AsciiForbidden::C0,
    XML_CHECK,
    &[
        (b'&', "&amp;"),
        (b'<', "&lt;"),
        (b'>', "&gt;"),
        (b'\r', "&#xD;"),
    ],
    is_xml_forbidden,
);

/// XML attribute values ([`xml_attr`]).
pub(crate) static XML_ATTR: Rules = rules(
    AsciiForbidden::C0,
    XML_CHECK,
    &[
        (b'&', "&amp;"),
        (b'<', "&lt;"),
        (b'>', "&gt;"),
        (b'"', "&quot;"),
        (b'\t', "&#x9;"),
        (b'\n', "&#xA;"),
        (b'\r', "&#xD;"),
    ],
    is_xml_forbidden,
);

/// HTML5 text ([`html_text`]).
pub(crate) static HTML_TEXT: Rules = rules(
    AsciiForbidden::Html,
    HTML_CHECK,
    &[(b'&', "&amp;"), (b'<', "&lt;"), (b'>', "&gt;")],
    is_html_forbidden,
);

/// HTML5 attribute values ([`html_attr`]).
pub(crate) static HTML_ATTR: Rules = rules(
    AsciiForbidden::Html,
    HTML_CHECK,
    &[
        (b'&', "&amp;"),
        (b'<', "&lt;"),
        (b'>', "&gt;"),
        (b'"', "&quot;"),
    ],
    is_html_forbidden,
);

/// Markdown inline text ([`markdown_inline`]): the ASCII punctuation that can start Markdown or
/// HTML syntax anywhere on a line, in CommonMark and the common extensions (tables,
/// strikethrough, footnotes, task lists, math, heading attributes), backslash-escaped; line
/// endings as spaces; C0 controls replaced. No non-ASCII character is forbidden.
static MARKDOWN_INLINE: Rules = rules(
    AsciiForbidden::C0,
    &[],
    &[
        (b'\\', "\\\\"),
        (b'`', "\\`"),
        (b'*', "\\*"),
        (b'_', "\\_"),
        (b'[', "\\["),
        (b']', "\\]"),
        (b'<', "\\<"),
        (b'>', "\\>"),
        (b'#', "\\#"),
        (b'|', "\\|"),
        (b'~', "\\~"),
        (b'&', "\\&"),
        (b'$', "\\$"),
        (b'{', "\\{"),
        (b'}', "\\}"),
        (b'\n', " "),
        (b'\r', " "),
    ],
    is_markdown_forbidden,
);

/// The byte offset of the first character of `s` that `rules` changes, if any.
fn first_change(s: &str, rules: &Rules) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match rules.action[bytes[i] as usize] {
            KEEP => i += 1,
            CHECK => {
                let c = next_char(s, i);
                if (rules.forbidden)(c) {
                    return Some(i);
                }
                i += c.len_utf8();
            }
            _ => return Some(i),
        }
    }
    None
}

/// The character starting at byte `i` of `s` (a character boundary).
fn next_char(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(REPLACEMENT)
}

/// Appends `s` escaped by `rules` to `out`; returns how many characters were replaced with
/// [`REPLACEMENT`]. Runs of bytes that need nothing are copied whole.
pub(crate) fn escape_into(s: &str, rules: &Rules, out: &mut String) -> usize {
    let bytes = s.as_bytes();
    let mut replaced = 0;
    // `run` is where the current run of bytes to copy as they are starts. Every byte that stops
    // a run is ASCII or a lead byte, so each run is whole characters.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let action = rules.action[bytes[i] as usize];
        if action == KEEP {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        match action {
            CHECK => {
                let c = next_char(s, i);
                if (rules.forbidden)(c) {
                    out.push(REPLACEMENT);
                    replaced += 1;
                } else {
                    out.push(c);
                }
                i += c.len_utf8();
            }
            FORBID => {
                out.push(REPLACEMENT);
                replaced += 1;
                i += 1;
            }
            entity => {
                out.push_str(rules.entities[usize::from(entity - ENTITY)].1);
                i += 1;
            }
        }
        run = i;
    }
    out.push_str(&s[run..]);
    replaced
}

/// Escapes `s` by `rules`; borrows `s` when nothing changes.
fn escape_with<'a>(s: &'a str, rules: &Rules) -> Escaped<'a> {
    let Some(first) = first_change(s, rules) else {
        return Escaped {
            text: Cow::Borrowed(s),
            replaced: 0,
        };
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    let replaced = escape_into(&s[first..], rules, &mut out);
    Escaped {
        text: Cow::Owned(out),
        replaced,
    }
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
    fn markdown_inline_escapes_syntax() {
        assert_eq!(
            markdown_inline("[x](javascript:alert(1)) *b* &amp; <i>").text,
            "\\[x\\](javascript:alert(1)) \\*b\\* \\&amp; \\<i\\>"
        );
    }

    #[test]
    fn lines_split_on_every_line_ending() {
        let v: Vec<_> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(v, ["a", "b", "c", "d"]);
    }

    /// The character-by-character definition that the tables implement.
    fn reference(
        s: &str,
        forbidden: fn(char) -> bool,
        entity: &dyn Fn(char) -> Option<String>,
    ) -> (String, usize) {
        let mut out = String::new();
        let mut replaced = 0;
        for c in s.chars() {
            if forbidden(c) {
                out.push(REPLACEMENT);
                replaced += 1;
            } else if let Some(e) = entity(c) {
                out.push_str(&e);
            } else {
                out.push(c);
            }
        }
        (out, replaced)
    }

    #[test]
    fn tables_agree_with_the_definitions_on_every_character() {
        let xml = |c: char| -> Option<String> {
            let e = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\t' => "&#x9;",
                '\n' => "&#xA;",
                '\r' => "&#xD;",
                _ => return None,
            };
            Some(e.to_string())
        };
        let markdown = |c: char| match c {
            '\n' | '\r' => Some(" ".to_string()),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '{'
            | '}' => Some(format!("\\{c}")),
            _ => None,
        };
        type Escape = fn(&str) -> Escaped<'_>;
        type Entity<'a> = &'a dyn Fn(char) -> Option<String>;
        type Case<'a> = (Escape, fn(char) -> bool, &'a str, Entity<'a>);
        let cases: [Case; 5] = [
            (xml_text, is_xml_forbidden, "&<>\r", &xml),
            (xml_attr, is_xml_forbidden, "&<>\"\t\n\r", &xml),
            (html_text, is_html_forbidden, "&<>", &xml),
            (html_attr, is_html_forbidden, "&<>\"", &xml),
            (markdown_inline, is_markdown_forbidden, "", &markdown),
        ];
        for (i, (escape, forbidden, special, entity)) in cases.into_iter().enumerate() {
            let entity = |c: char| {
                if special.is_empty() || special.contains(c) {
                    entity(c)
                } else {
                    None
                }
            };
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                for s in [c.to_string(), format!("a{c}\u{e9}b{c}")] {
                    let got = escape(&s);
                    let (want, replaced) = reference(&s, forbidden, &entity);
                    assert_eq!(
                        (got.text.as_ref(), got.replaced),
                        (want.as_str(), replaced),
                        "case {i}, {c:?}"
                    );
                    assert_eq!(matches!(got.text, Cow::Borrowed(_)), want == s);
                }
            }
        }
    }

    #[test]
    fn yaml_scalar_escapes_everything_non_printable() {
        assert_eq!(
            yaml_scalar("a\"b\\c\n\u{1}\u{2028}"),
            "\"a\\\"b\\\\c\\n\\x01\\u2028\""
        );
    }
}
