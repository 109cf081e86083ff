//! Writers of editions: a whole collection as a static site, one TEI corpus or a Markdown
//! content tree (see [`crate::edition`] for how an edition is gathered).
//!
//! As with single cables, one writer per format behind one trait, in a plain name → writer
//! table ([`builtins`]) that users extend. A writer reads the [`Edition`] (every member's
//! metadata, who cites whom) and the model of each chosen cable, never the source text, and
//! puts what it writes into [`Pages`]: the driver (`edition::build`) writes them into the
//! output directory, which replaces the old one only once everything is written.

pub mod html;
pub mod markdown;
pub mod tei;

use super::{ConvertError, Loss};
use crate::edition::{Edition, Member};
use crate::model::Cable;
use std::collections::BTreeMap;

/// The writer of one kind of edition.
pub trait EditionWriter: Send + Sync {
    /// The name on the command line (`html`).
    fn name(&self) -> &'static str;
    /// One line for the help.
    fn description(&self) -> &'static str;
    /// What comes before the cables (indexes, style sheets, a corpus header), knowing every
    /// member. `inputs` are the input arguments as given.
    fn begin(
        &self,
        edition: &Edition,
        inputs: &[String],
        out: &mut Pages<'_>,
    ) -> Result<(), ConvertError>;
    /// The part of one chosen cable (its page, its member of a corpus file).
    fn cable(
        &self,
        edition: &Edition,
        member: &Member,
        cable: &Cable,
        out: &mut Pages<'_>,
    ) -> Result<Loss, ConvertError>;
    /// What comes after the last cable (the end of a corpus file); nothing, by default.
    fn end(&self, _edition: &Edition, _out: &mut Pages<'_>) -> Result<(), ConvertError> {
        Ok(())
    }
}

/// The built-in edition writers by name: `html`, `markdown`, `tei`.
pub fn builtins() -> BTreeMap<&'static str, Box<dyn EditionWriter>> {
    let writers: [Box<dyn EditionWriter>; 3] = [
        Box::new(html::HtmlSite),
        Box::new(markdown::ContentTree),
        Box::new(tei::TeiCorpus),
    ];
    writers.into_iter().map(|w| (w.name(), w)).collect()
}

/// What a writer puts into the output directory, by relative path (`/`-separated, no `..`).
/// A file is either written whole, once ([`Pages::file`]), or built in parts in the order the
/// parts come ([`Pages::append`]).
///
/// Pages are held until the driver takes them ([`Pages::into_parts`]), or, for pages made with
/// [`Pages::streaming`], each is handed on as soon as the next one starts, so that a writer of
/// many large pages (the index pages of an edition) holds one at a time.
#[derive(Default)]
pub struct Pages<'s> {
    parts: Vec<(String, Vec<u8>, bool)>,
    sink: Option<Sink<'s>>,
    failed: Option<std::io::Error>,
}

/// Where [`Pages::streaming`] hands each part: path, bytes, and whether they are appended.
pub type Sink<'s> = &'s mut (dyn FnMut(&str, &[u8], bool) -> std::io::Result<()> + Send);

impl std::fmt::Debug for Pages<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let paths: Vec<&str> = self.parts.iter().map(|(p, _, _)| p.as_str()).collect();
        f.debug_struct("Pages").field("parts", &paths).finish()
    }
}

impl<'s> Pages<'s> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Pages handed to `sink` one at a time; [`Pages::finish`] hands on the last one.
    pub fn streaming(sink: Sink<'s>) -> Self {
        Pages {
            sink: Some(sink),
            ..Self::default()
        }
    }

    /// Hands the parts so far to the sink, if there is one.
    fn flush(&mut self) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        for (path, bytes, append) in self.parts.drain(..) {
            if self.failed.is_none() {
                if let Err(e) = sink(&path, &bytes, append) {
                    self.failed = Some(e);
                }
            }
        }
    }

    /// A whole file: its bytes are what is written into the returned buffer.
    pub fn file(&mut self, path: impl Into<String>) -> &mut Vec<u8> {
        self.flush();
        self.parts.push((path.into(), Vec::new(), false));
        &mut self.parts.last_mut().expect("just pushed").1
    }

    /// The next part of a file built in parts.
    pub fn append(&mut self, path: impl Into<String>) -> &mut Vec<u8> {
        self.flush();
        self.parts.push((path.into(), Vec::new(), true));
        &mut self.parts.last_mut().expect("just pushed").1
    }

    /// For streaming pages: hands on the last part, and says whether the sink failed.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.flush();
        match self.failed {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The parts held, in order: path, bytes, and whether they are appended to what came
    /// before.
    pub fn into_parts(self) -> Vec<(String, Vec<u8>, bool)> {
        self.parts
    }
}

/// Where a cable's links go, as one writer addresses pages: handed to the single-cable writers
/// so that a cable's page in an edition links to the cables it cites and that cite it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// For each of the cable's references, in order: the address of the cited cable, when it is
    /// in the edition.
    pub references: Vec<Option<String>>,
    /// The cables that cite this one: address and text (`title (id)`).
    pub cited_by: Vec<(String, String)>,
    /// Every source the cable was found in, the chosen one first.
    pub sources: Vec<String>,
}

impl Links {
    /// The links of `cable`, with `address` giving the address of a member's page.
    pub fn of(
        edition: &Edition,
        member: &Member,
        cable: &Cable,
        address: impl Fn(&Member) -> String,
    ) -> Links {
        Links {
            references: cable
                .references
                .iter()
                .map(|r| {
                    let cited = edition.by_id(r.cites.as_deref()?)?;
                    (cited.key != member.key).then(|| address(cited))
                })
                .collect(),
            cited_by: edition
                .cited_by(member)
                .map(|m| (address(m), listing(m)))
                .collect(),
            sources: member.sources.clone(),
        }
    }
}

/// A member as a list shows it: `title (id)`, or the title alone when it is the id.
pub fn listing(member: &Member) -> String {
    match &member.id {
        Some(id) if *id != member.title => format!("{} ({id})", member.title),
        _ => member.title.clone(),
    }
}

/// `1 cable`, `2,152 cables`.
pub fn count(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {what}{s}", crate::stats::thousands(n as u64))
}
