//! CSV writer: a metadata table, one row per cable, for spreadsheets, OpenRefine and pandas.
//!
//! The table is RFC 4180: UTF-8 (without a byte-order mark), comma-separated, records ended by
//! CRLF, a header row first, and a cell in double quotes (a quote inside it doubled) when it holds
//! a comma, a quote or a line break; the `csv` crate writes it. Its columns are [`COLUMNS`]:
//!
//! | column | from the model |
//! |---|---|
//! | `id` | `id` |
//! | `date` | `datetime` (ISO 8601) |
//! | `station` | `station` |
//! | `classification` | `classification.level` (`CONFIDENTIAL`, `LIMITED OFFICIAL USE`) |
//! | `caveats` | `classification.caveats` |
//! | `tags` | `tags`, as written |
//! | `subject` | `subject` |
//! | `from` | `from` |
//! | `to`, `info` | `to`, `info` |
//! | `references` | `references`, each `A. text` (its label, a full stop, a space, its text) or the text alone |
//! | `signers` | `signers` |
//! | `source` | `source.path`, then `#N` for the Nth cable of a container of several (a `cables.csv` row) |
//!
//! A field the cable lacks is an empty cell. A list is one cell, its values joined by [`SEP`]
//! (`PREL; PHUM; KZ`); a value that holds `; ` itself cannot be told apart there, and the JSON
//! output has the lists as lists.
//!
//! Cable text is untrusted, and a spreadsheet evaluates a cell that starts with `=`: a cell that
//! starts with `= + - @`, a tab, a CR, an apostrophe or a full-width `＝ ＋ － ＠` gets a leading
//! apostrophe (`'=HYPERLINK(…)`), shown as text and never evaluated
//! ([`crate::escape::formula_guard`]). To read the text as written, remove one leading apostrophe
//! from a cell that has one. C0 controls other than tab and line breaks become U+FFFD (reported),
//! and bidi overrides left open are closed.
//!
//! Several cables to one output are one table: the header row once, then a row per cable, each
//! written as it comes (see [`Collection::needs_entries`]). Nothing else of the cable (the body,
//! the diagnostics) is meant to be in the table, so that is not a loss.

use super::{Collection, ConvertError, Converter, Entry, Loss, Options};
use crate::escape::{csv_text, formula_guard};
use crate::model::{addressee_names, Cable};
use std::borrow::Cow;
use std::io::{self, Write};

/// The header row.
pub const COLUMNS: [&str; 13] = [
    "id",
    "date",
    "station",
    "classification",
    "caveats",
    "tags",
    "subject",
    "from",
    "to",
    "info",
    "references",
    "signers",
    "source",
];

/// What joins the values of a list in one cell.
pub const SEP: &str = "; ";

/// The CSV converter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

impl Converter for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn extension(&self) -> &'static str {
        "csv"
    }

    fn media_type(&self) -> &'static str {
        "text/csv"
    }

    fn description(&self) -> &'static str {
        "CSV metadata table (RFC 4180), a row per cable: id, date, station, TAGS, subject, …"
    }

    fn write(
        &self,
        cable: &Cable,
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        records(out, true, Some(cable))
    }

    fn collection(&self) -> Option<&dyn Collection> {
        Some(self)
    }
}

/// Several cables: one header row, then a row per cable.
impl Collection for Csv {
    fn write_member(
        &self,
        cable: &Cable,
        _entry: &Entry,
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        records(out, false, Some(cable))
    }

    fn write_head(
        &self,
        _entries: &[Entry],
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<(), ConvertError> {
        records(out, true, None).map(|_| ())
    }

    fn write_tail(&self, _options: &Options, _out: &mut dyn Write) -> Result<(), ConvertError> {
        Ok(())
    }

    fn needs_entries(&self) -> bool {
        false
    }
}

/// Writes the header row when `header` is set, then the row of `cable` if there is one: made
/// whole by an RFC 4180 writer (CRLF after every record, quotes only where needed), then written
/// out in one call.
fn records(out: &mut dyn Write, header: bool, cable: Option<&Cable>) -> Result<Loss, ConvertError> {
    let mut bytes = Vec::with_capacity(1024);
    let mut report = Loss::default();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(&mut bytes);
        if header {
            w.write_record(COLUMNS).map_err(into_io)?;
        }
        if let Some(cable) = cable {
            let mut cells = Cells::default();
            w.write_record(cells.of(cable)).map_err(into_io)?;
            report.replaced(cells.replaced);
        }
        w.flush()?;
    }
    out.write_all(&bytes)?;
    Ok(report)
}

/// A CSV error as the I/O error it is (the writer only writes strings, so it is nothing else).
fn into_io(error: ::csv::Error) -> io::Error {
    match error.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Cells being made, and how many characters they could not carry.
#[derive(Default)]
struct Cells {
    replaced: usize,
}

impl Cells {
    /// The cell of one value (empty for none).
    fn one(&mut self, value: Option<&str>) -> String {
        let text = csv_text(value.unwrap_or(""));
        self.replaced += text.replaced;
        formula_guard(text.text).into_owned()
    }

    /// The cell of a list: its values joined by [`SEP`].
    fn list<S: AsRef<str>>(&mut self, values: &[S]) -> String {
        let mut cell = String::new();
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                cell.push_str(SEP);
            }
            let text = csv_text(value.as_ref());
            self.replaced += text.replaced;
            cell.push_str(&text.text);
        }
        formula_guard(Cow::Owned(cell)).into_owned()
    }

    /// The cells of `cable`'s row, in the order of [`COLUMNS`].
    fn of(&mut self, cable: &Cable) -> [String; 13] {
        let class = cable.classification.as_ref();
        let references: Vec<String> = cable
            .references
            .iter()
            .map(|r| match &r.label {
                Some(label) => format!("{label}. {}", r.text),
                None => r.text.clone(),
            })
            .collect();
        let source = cable.source.as_ref().map(|s| {
            let path = s.path.as_deref().unwrap_or("");
            match s.index {
                Some(index) => format!("{path}#{index}"),
                None => path.to_string(),
            }
        });
        [
            self.one(cable.id.as_deref()),
            self.one(cable.datetime.as_deref()),
            self.one(cable.station.as_deref()),
            self.one(class.map(|c| c.level.as_str())),
            self.list(class.map_or(&[][..], |c| &c.caveats)),
            self.list(&cable.tags),
            self.one(cable.subject.as_deref()),
            self.one(cable.sender_name()),
            self.list(&addressee_names(&cable.to)),
            self.list(&addressee_names(&cable.info)),
            self.list(&references),
            self.list(&cable.signers),
            self.one(source.as_deref()),
        ]
    }
}
