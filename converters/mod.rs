//! Converters: one writer per output format, all behind one trait.
//!
//! Modelled on pandoc (one model, one writer per format, lossy output reported), comrak (the same
//! entry point for every writer) and mdBook (a [`Converter`] trait and a name → converter table
//! that users extend). Every converter reads only the [`Cable`] model, never the source text, and
//! writes the same bytes for the same cable and options.
//!
//! ```
//! use cablegram::converters::{Options, Registry};
//! use cablegram::model::Cable;
//!
//! let registry = Registry::with_builtins();
//! let cable = Cable { id: Some("05ALMATY1938".into()), ..Cable::default() };
//! let mut out = Vec::new();
//! let report = registry
//!     .get("json")
//!     .expect("built in")
//!     .write(&cable, &Options::default(), &mut out)?;
//! assert!(report.is_lossless());
//! # Ok::<(), cablegram::converters::ConvertError>(())
//! ```

use crate::model::Cable;
use std::collections::BTreeMap;
use std::io;

pub mod csv;
pub mod edition;
pub mod graph;
pub mod html;
pub mod json;
pub mod markdown;
mod naming;
pub mod tei;
mod xml;

/// A writer of one output format.
///
/// Implementations must be deterministic and must not read anything but the cable and the
/// options. They report what the format could not represent in [`Loss::lost`].
pub trait Converter: Send + Sync {
    /// The format's name in the registry and on the command line (`markdown`).
    fn name(&self) -> &'static str;
    /// The usual file extension, without the dot (`md`).
    fn extension(&self) -> &'static str;
    /// The IANA media type of the output (`text/markdown`).
    fn media_type(&self) -> &'static str;
    /// One line for `cablegram formats`.
    fn description(&self) -> &'static str;
    /// Writes `cable` to `out`.
    fn write(
        &self,
        cable: &Cable,
        options: &Options,
        out: &mut dyn io::Write,
    ) -> Result<Loss, ConvertError>;

    /// Appends the output for `cable` to `out`, a buffer in memory, as [`Converter::write`]
    /// writes it: what a batch does with every cable before the outputs go out in input order.
    /// The default goes through [`Converter::write`]; a converter that writes into a buffer of its
    /// own first (JSON) writes straight into this one instead, saving a copy of every output.
    fn write_to_vec(
        &self,
        cable: &Cable,
        options: &Options,
        out: &mut Vec<u8>,
    ) -> Result<Loss, ConvertError> {
        self.write(cable, options, out)
    }

    /// How several cables go into one output as one document (a TEI `teiCorpus`, one HTML page),
    /// or `None` when the outputs of single cables simply follow one another (JSON Lines), which
    /// is the default.
    fn collection(&self) -> Option<&dyn Collection> {
        None
    }
}

/// A format's form for several cables in one document.
///
/// The document is the head, then every member in order, then the tail. The head is written
/// knowing every member's [`Entry`] (for a table of contents), so a writer of a collection holds
/// the members back until the last one is known.
pub trait Collection: Send + Sync {
    /// Writes `cable` as the member of the collection numbered `entry.number`: a part of the
    /// document whose identifiers do not clash with those of the other members.
    fn write_member(
        &self,
        cable: &Cable,
        entry: &Entry,
        options: &Options,
        out: &mut dyn io::Write,
    ) -> Result<Loss, ConvertError>;
    /// Writes what comes before the members.
    fn write_head(
        &self,
        entries: &[Entry],
        options: &Options,
        out: &mut dyn io::Write,
    ) -> Result<(), ConvertError>;
    /// Writes what comes after the members.
    fn write_tail(&self, options: &Options, out: &mut dyn io::Write) -> Result<(), ConvertError>;

    /// Whether [`Collection::write_head`] reads the entries (for a table of contents), which is
    /// the default. A collection whose head does not (the header row of a CSV table) is streamed:
    /// its head is written first, with no entries, and each member as soon as it comes.
    fn needs_entries(&self) -> bool {
        true
    }
}

/// A member of a collection, as its table of contents lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The member's place, from 1.
    pub number: usize,
    /// The cable's reference id, when it has one.
    pub id: Option<String>,
    /// The cable's title: its subject, else its id.
    pub title: String,
}

impl Entry {
    /// The entry of `cable` as member `number` (from 1).
    pub fn new(cable: &Cable, number: usize) -> Self {
        Entry {
            number,
            id: cable.id.clone(),
            title: naming::title(cable).to_string(),
        }
    }

    /// The id to show beside the title in a table of contents: none when the title is the id.
    pub fn id_beside_title(&self) -> Option<&str> {
        self.id.as_deref().filter(|id| *id != self.title)
    }

    /// The identifier of the member's part of the document (`cable-3`), for links and anchors.
    pub fn anchor(&self) -> String {
        format!("cable-{}", self.number)
    }
}

/// Options shared by all converters; each converter reads the ones that concern it and ignores
/// the others. New options may come: outside this crate, start from the default and set what
/// you need (`Options::default().with_fragment(true)`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// HTML: write an `<article>` to embed in a page instead of a standalone document.
    /// Default `false`.
    pub fragment: bool,
    /// Markdown: start with YAML front matter holding the metadata. Default `true`.
    pub front_matter: bool,
    /// JSON: indent the output; when `false`, write one line (for JSON Lines). Default `true`.
    pub pretty: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            fragment: false,
            front_matter: true,
            pretty: true,
        }
    }
}

impl Options {
    /// These options, with `fragment` set.
    pub fn with_fragment(mut self, fragment: bool) -> Self {
        self.fragment = fragment;
        self
    }

    /// These options, with `front_matter` set.
    pub fn with_front_matter(mut self, front_matter: bool) -> Self {
        self.front_matter = front_matter;
        self
    }

    /// These options, with `pretty` set.
    pub fn with_pretty(mut self, pretty: bool) -> Self {
        self.pretty = pretty;
        self
    }
}

/// What a conversion could not carry into its format, pandoc-style (not to be confused with the
/// cable's diagnostics: [`crate::diagnostics`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loss {
    /// One line per kind of loss, in words (`3 control characters replaced with U+FFFD`).
    /// Empty when nothing was lost.
    pub lost: Vec<String>,
}

impl Loss {
    /// True when the output carries everything the format is meant to carry.
    pub fn is_lossless(&self) -> bool {
        self.lost.is_empty()
    }

    /// Records a loss.
    pub fn lose(&mut self, what: impl Into<String>) {
        self.lost.push(what.into());
    }

    /// Records `count` characters replaced with U+FFFD, when there are any.
    pub fn replaced(&mut self, count: usize) {
        if count > 0 {
            let s = if count == 1 { "" } else { "s" };
            self.lose(format!(
                "{count} character{s} the format cannot carry replaced with U+FFFD"
            ));
        }
    }
}

/// Why a conversion failed. No dependency's error type is part of it: a serialiser's failure
/// reaches the writer as an I/O error, and a converter of the user's own reports its failures
/// as [`ConvertError::Other`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// Writing to the output failed (the JSON serialiser's failures come as this too).
    #[error("cannot write the output: {0}")]
    Io(#[from] io::Error),
    /// A failure of a converter's own, with its cause: what a user's converter returns when it
    /// cannot write a cable for a reason that is not I/O.
    #[error("{0}")]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

/// The table of converters by name (mdBook's renderer map): the built-ins, plus whatever a user
/// registers.
#[derive(Default)]
pub struct Registry {
    converters: BTreeMap<&'static str, Box<dyn Converter>>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// A registry holding the built-in converters: `csv`, `html`, `json`, `markdown`, `tei`.
    pub fn with_builtins() -> Self {
        let mut r = Registry::new();
        r.register(Box::new(csv::Csv));
        r.register(Box::new(html::Html));
        r.register(Box::new(json::Json));
        r.register(Box::new(markdown::Markdown));
        r.register(Box::new(tei::Tei));
        r
    }

    /// Adds a converter under its name; returns the one it replaces, if any.
    pub fn register(&mut self, converter: Box<dyn Converter>) -> Option<Box<dyn Converter>> {
        self.converters.insert(converter.name(), converter)
    }

    /// The converter of a name.
    pub fn get(&self, name: &str) -> Option<&dyn Converter> {
        self.converters.get(name).map(|c| c.as_ref())
    }

    /// The first converter, in name order, whose extension is `extension` (without the dot).
    pub fn by_extension(&self, extension: &str) -> Option<&dyn Converter> {
        self.iter().find(|c| c.extension() == extension)
    }

    /// The converters in name order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Converter> {
        self.converters.values().map(|c| c.as_ref())
    }

    /// The registered names, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.converters.keys().copied()
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}
