//! A small XML writer for the TEI and HTML writers: elements are written into a buffer, every text
//! and attribute value goes through [`crate::escape`] (straight into the buffer), and block
//! elements are indented by hand so that no whitespace is ever added inside mixed content.

use crate::escape::{self, Rules};
use std::io::{self, Write};

/// Which escaping rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// XML 1.0 (TEI).
    Xml,
    /// HTML5 written in its XML-compatible syntax.
    Html,
}

/// An element writer that counts the characters its format could not carry.
///
/// The markup is built in a buffer, written to the output by [`XmlOut::finish`] in one call.
pub struct XmlOut<'w> {
    out: &'w mut dyn Write,
    buf: String,
    text_rules: &'static Rules,
    attr_rules: &'static Rules,
    depth: usize,
    replaced: usize,
    written: bool,
}

/// Attributes as name/value pairs; the values are raw text, escaped on writing.
pub type Attrs<'a> = &'a [(&'a str, &'a str)];

impl<'w> XmlOut<'w> {
    /// A writer into `out`. Nothing reaches `out` before [`XmlOut::finish`].
    pub fn new(out: &'w mut dyn Write, dialect: Dialect) -> Self {
        let (text_rules, attr_rules) = match dialect {
            Dialect::Xml => (&escape::XML_TEXT, &escape::XML_ATTR),
            Dialect::Html => (&escape::HTML_TEXT, &escape::HTML_ATTR),
        };
        XmlOut {
            out,
            buf: String::with_capacity(16 * 1024),
            text_rules,
            attr_rules,
            depth: 0,
            replaced: 0,
            written: false,
        }
    }

    /// How many characters were replaced with U+FFFD so far.
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// Writes what was built to the output.
    pub fn finish(self) -> io::Result<()> {
        self.out.write_all(self.buf.as_bytes())
    }

    /// Writes the XML declaration.
    pub fn declaration(&mut self) -> io::Result<()> {
        self.written = true;
        self.buf
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Ok(())
    }

    /// Writes `<!DOCTYPE name>`.
    pub fn doctype(&mut self, name: &str) -> io::Result<()> {
        self.written = true;
        self.buf.push_str("<!DOCTYPE ");
        self.buf.push_str(name);
        self.buf.push('>');
        Ok(())
    }

    /// Writes trusted, already well-formed text (a constant of the converter, such as CSS).
    pub fn trusted(&mut self, text: &'static str) -> io::Result<()> {
        self.buf.push_str(text);
        Ok(())
    }

    /// Starts a block element on a new, indented line; its content is indented one level more.
    pub fn open(&mut self, name: &str, attrs: Attrs) -> io::Result<()> {
        self.newline()?;
        self.depth += 1;
        self.start(name, attrs)
    }

    /// Ends a block element started with [`XmlOut::open`], on a new line.
    pub fn close(&mut self, name: &str) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        self.newline()?;
        self.end(name)
    }

    /// Starts an element on a new, indented line whose content stays on that line (mixed
    /// content); end it with [`XmlOut::end`].
    pub fn leaf(&mut self, name: &str, attrs: Attrs) -> io::Result<()> {
        self.newline()?;
        self.start(name, attrs)
    }

    /// Writes a whole element holding text, on a new line; line breaks in `text` become `br`
    /// (`<lb/>` in TEI, `<br/>` in HTML) elements.
    pub fn leaf_text(&mut self, name: &str, attrs: Attrs, text: &str, br: &str) -> io::Result<()> {
        self.leaf(name, attrs)?;
        self.lines(text, br)?;
        self.end(name)
    }

    /// Starts an element in the current line.
    pub fn start(&mut self, name: &str, attrs: Attrs) -> io::Result<()> {
        self.written = true;
        self.element(name, attrs);
        self.buf.push('>');
        Ok(())
    }

    /// Ends an element in the current line.
    pub fn end(&mut self, name: &str) -> io::Result<()> {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
        Ok(())
    }

    /// Writes an empty element (`<lb/>`).
    pub fn empty(&mut self, name: &str, attrs: Attrs) -> io::Result<()> {
        self.written = true;
        self.element(name, attrs);
        self.buf.push_str("/>");
        Ok(())
    }

    /// Writes an empty element on a new line.
    pub fn empty_block(&mut self, name: &str, attrs: Attrs) -> io::Result<()> {
        self.newline()?;
        self.empty(name, attrs)
    }

    /// Writes an element holding `text` in the current line.
    pub fn inline(&mut self, name: &str, attrs: Attrs, text: &str) -> io::Result<()> {
        self.start(name, attrs)?;
        self.text(text)?;
        self.end(name)
    }

    /// Writes escaped text.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        self.replaced += escape::escape_into(text, self.text_rules, &mut self.buf);
        Ok(())
    }

    /// Writes escaped text with a `br` element between its lines.
    pub fn lines(&mut self, text: &str, br: &str) -> io::Result<()> {
        for (i, line) in escape::lines(text).enumerate() {
            if i > 0 {
                self.empty(br, &[])?;
            }
            self.text(line)?;
        }
        Ok(())
    }

    /// Writes a newline and the indentation of the current depth, unless nothing was written yet.
    pub fn newline(&mut self) -> io::Result<()> {
        if !std::mem::replace(&mut self.written, true) {
            return Ok(());
        }
        self.buf.push('\n');
        for _ in 0..self.depth {
            self.buf.push_str("  ");
        }
        Ok(())
    }

    /// `<name` and the attributes, escaped.
    fn element(&mut self, name: &str, attrs: Attrs) {
        self.buf.push('<');
        self.buf.push_str(name);
        for (key, value) in attrs {
            self.buf.push(' ');
            self.buf.push_str(key);
            self.buf.push_str("=\"");
            self.replaced += escape::escape_into(value, self.attr_rules, &mut self.buf);
            self.buf.push('"');
        }
    }
}
