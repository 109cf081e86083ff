//! What a reader of each output format sees: the words of a text, Markdown rendered with
//! pulldown-cmark, and the text content of XML (TEI) and of the HTML writer's pages (which are
//! well-formed XML too), parsed with quick-xml.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{BTreeSet, HashMap};

/// The words of a text, counted: maximal runs of letters and digits (as `tests/corpus.rs`).
pub fn words(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Words of `input` (with multiplicity) and how many of them `kept` lacks.
pub fn missing_words(input: &str, kept: &str) -> (usize, usize) {
    let (total, missing) = which_words_missing(input, kept);
    (total, missing.iter().map(|(_, n)| n).sum())
}

/// Words of `input` (with multiplicity), and the words `kept` lacks with how many times.
pub fn which_words_missing<'a>(input: &'a str, kept: &str) -> (usize, Vec<(&'a str, usize)>) {
    let have = words(kept);
    let mut total = 0;
    let mut missing = Vec::new();
    for (word, n) in words(input) {
        total += n;
        let lacking = n.saturating_sub(*have.get(word).unwrap_or(&0));
        if lacking > 0 {
            missing.push((word, lacking));
        }
    }
    (total, missing)
}

/// The extensions a Markdown publisher may turn on: cable text must stay inert under all of them.
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options as O;
    O::ENABLE_TABLES
        | O::ENABLE_STRIKETHROUGH
        | O::ENABLE_FOOTNOTES
        | O::ENABLE_TASKLISTS
        | O::ENABLE_HEADING_ATTRIBUTES
        | O::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | O::ENABLE_MATH
        | O::ENABLE_GFM
        | O::ENABLE_DEFINITION_LIST
}

/// A Markdown document as rendered.
#[derive(Debug, Default)]
pub struct RenderedMarkdown {
    /// The text a reader sees (front matter excluded); blocks and line breaks end with a newline.
    pub text: String,
    /// `Html` and `InlineHtml` events.
    pub raw_html: Vec<String>,
    /// Links and images.
    pub links: Vec<String>,
}

/// Renders Markdown with pulldown-cmark (every extension of [`markdown_options`] on).
pub fn render_markdown(md: &str) -> RenderedMarkdown {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut r = RenderedMarkdown::default();
    let mut in_metadata = false;
    for event in Parser::new_ext(md, markdown_options()) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                r.text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => r.text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => {
                r.raw_html.push(h.to_string());
                r.text.push_str(&h);
            }
            Event::Start(Tag::Link { dest_url, .. }) => r.links.push(format!("link {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => r.links.push(format!("image {dest_url}")),
            Event::End(_) => r.text.push('\n'),
            _ => {}
        }
    }
    r
}

/// An XML document as read.
#[derive(Debug, Default)]
pub struct ParsedXml {
    /// The text content under the first element named by [`parse_xml`]'s `root` (the whole
    /// document when `None`), `style` and `script` content excluded; element ends and line
    /// breaks (`lb`, `br`) are newlines.
    pub text: String,
    /// The text of every element whose name and attributes match a [`Select`], by select index.
    pub selected: Vec<Vec<String>>,
    /// The values of the `n` attributes, by element name.
    pub n_attributes: HashMap<String, BTreeSet<String>>,
}

/// An element to collect the text of: its name and, optionally, an attribute that it (or, with
/// `on_parent`, its parent) must have.
pub struct Select {
    pub name: &'static str,
    pub attribute: Option<(&'static str, &'static str)>,
    pub on_parent: bool,
}

type Attributes = Vec<(String, String)>;

fn has(attrs: &Attributes, (k, v): (&str, &str)) -> bool {
    attrs.iter().any(|(key, value)| key == k && value == v)
}

/// Parses well-formed XML (or the HTML writer's output, which is well-formed XML too).
pub fn parse_xml(xml: &str, root: Option<&str>, selects: &[Select]) -> Result<ParsedXml, String> {
    let mut reader = Reader::from_str(xml);
    let mut p = ParsedXml {
        selected: vec![Vec::new(); selects.len()],
        ..ParsedXml::default()
    };
    // Open elements: name, which select (if any) it opened, attributes.
    let mut stack: Vec<(String, Option<usize>, Attributes)> = Vec::new();
    let mut root_depth: Option<usize> = if root.is_none() { Some(0) } else { None };
    let mut root_done = false;
    let mut skip_depth: Option<usize> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name =
                    String::from_utf8(e.name().as_ref().to_vec()).map_err(|e| e.to_string())?;
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    let key =
                        String::from_utf8(a.key.as_ref().to_vec()).map_err(|e| e.to_string())?;
                    let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
                    attrs.push((key, value));
                }
                for (key, value) in &attrs {
                    if key == "n" {
                        p.n_attributes
                            .entry(name.clone())
                            .or_default()
                            .insert(value.clone());
                    }
                }
                let in_root = root_depth.is_some() && !root_done;
                if (name == "lb" || name == "br") && in_root && skip_depth.is_none() {
                    p.text.push('\n');
                }
                if matches!(event, Event::Start(_)) {
                    let parent = stack.last().map(|(_, _, a)| a);
                    let select = selects.iter().position(|s| {
                        s.name == name
                            && match (s.attribute, s.on_parent) {
                                (None, _) => true,
                                (Some(a), false) => has(&attrs, a),
                                (Some(a), true) => parent.is_some_and(|p| has(p, a)),
                            }
                    });
                    if let Some(i) = select {
                        p.selected[i].push(String::new());
                    }
                    stack.push((name.clone(), select, attrs));
                    if root_depth.is_none() && !root_done && root == Some(name.as_str()) {
                        root_depth = Some(stack.len());
                    }
                    if skip_depth.is_none() && (name == "style" || name == "script") {
                        skip_depth = Some(stack.len());
                    }
                }
            }
            Event::End(_) => {
                let depth = stack.len();
                stack.pop();
                if skip_depth == Some(depth) {
                    skip_depth = None;
                }
                if root_depth.is_some() && !root_done {
                    p.text.push('\n');
                }
                if root.is_some() && root_depth == Some(depth) {
                    root_done = true;
                }
            }
            Event::Text(t) => {
                let t = t.unescape().map_err(|e| e.to_string())?;
                if root_depth.is_some() && !root_done && skip_depth.is_none() {
                    p.text.push_str(&t);
                }
                for (_, select, _) in &stack {
                    if let Some(i) = select {
                        p.selected[*i].last_mut().expect("opened").push_str(&t);
                    }
                }
            }
            Event::CData(t) => {
                let t = String::from_utf8_lossy(&t).into_owned();
                if root_depth.is_some() && !root_done && skip_depth.is_none() {
                    p.text.push_str(&t);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::DocType(_) | Event::Comment(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    Ok(p)
}
