//! A thin layer over quick-xml's [`Writer`] for the TEI and HTML writers: elements are written as
//! events, every text and attribute value goes through [`crate::escape`], and block elements are
//! indented by hand so that no whitespace is ever added inside mixed content.

use crate::escape::{self, Escaped};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;
use std::borrow::Cow;
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
pub struct XmlOut<'w> {
    w: Writer<&'w mut dyn Write>,
    dialect: Dialect,
    depth: usize,
    replaced: usize,
    written: bool,
}

/// Attributes as name/value pairs; the values are raw text, escaped on writing.
pub type Attrs<'a> = &'a [(&'a str, &'a str)];

impl<'w> XmlOut<'w> {
    /// A writer into `out`.
    pub fn new(out: &'w mut dyn Write, dialect: Dialect) -> Self {
        XmlOut {
            w: Writer::new(out),
            dialect,
            depth: 0,
            replaced: 0,
            written: false,
        }
    }

    /// How many characters were replaced with U+FFFD so far.
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// Writes the XML declaration.
    pub fn declaration(&mut self) -> io::Result<()> {
        self.written = true;
        self.w
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
    }

    /// Writes `<!DOCTYPE name>`.
    pub fn doctype(&mut self, name: &str) -> io::Result<()> {
        self.written = true;
        self.w
            .write_event(Event::DocType(BytesText::from_escaped(name.to_string())))
    }

    /// Writes trusted, already well-formed text (a constant of the converter, such as CSS).
    pub fn trusted(&mut self, text: &'static str) -> io::Result<()> {
        self.w
            .write_event(Event::Text(BytesText::from_escaped(text)))
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
        let start = self.element(name, attrs);
        self.w.write_event(Event::Start(start))
    }

    /// Ends an element in the current line.
    pub fn end(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// Writes an empty element (`<lb/>`).
    pub fn empty(&mut self, name: &str, attrs: Attrs) -> io::Result<()> {
        self.written = true;
        let e = self.element(name, attrs);
        self.w.write_event(Event::Empty(e))
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
        if text.is_empty() {
            return Ok(());
        }
        let escaped = self.escape_text(text);
        self.w
            .write_event(Event::Text(BytesText::from_escaped(escaped)))
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
        // A newline and the indentation, borrowed from a constant up to 32 levels deep.
        const INDENT: &str = concat!(
            "\n",
            "                                                                ",
        );
        let indent = match INDENT.get(..1 + 2 * self.depth) {
            Some(indent) => Cow::Borrowed(indent),
            None => Cow::Owned(format!("\n{}", "  ".repeat(self.depth))),
        };
        self.w
            .write_event(Event::Text(BytesText::from_escaped(indent)))
    }

    fn element<'a>(&mut self, name: &'a str, attrs: Attrs) -> BytesStart<'a> {
        if attrs.is_empty() {
            return BytesStart::new(name);
        }
        // One buffer, sized for the attributes, rather than one that grows with each of them.
        let size: usize = attrs.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
        let mut content = String::with_capacity(name.len() + size + 8);
        content.push_str(name);
        let mut start = BytesStart::from_content(content, name.len());
        for (key, value) in attrs {
            let value = self.escape_attr(value);
            start.push_attribute(Attribute {
                key: QName(key.as_bytes()),
                value: match value {
                    Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
                    Cow::Owned(text) => Cow::Owned(text.into_bytes()),
                },
            });
        }
        start
    }

    fn escape_text<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        let e = match self.dialect {
            Dialect::Xml => escape::xml_text(text),
            Dialect::Html => escape::html_text(text),
        };
        self.count(e)
    }

    fn escape_attr<'t>(&mut self, value: &'t str) -> Cow<'t, str> {
        let e = match self.dialect {
            Dialect::Xml => escape::xml_attr(value),
            Dialect::Html => escape::html_attr(value),
        };
        self.count(e)
    }

    fn count<'t>(&mut self, e: Escaped<'t>) -> Cow<'t, str> {
        self.replaced += e.replaced;
        e.text
    }
}
