//! A converter of one's own, registered beside the built-in ones and run on a cable: a
//! one-line citation per cable (`05ALMATY1938 | 2005-05-30 | ALMATY | <subject>`), for a
//! bibliography. CI builds and runs this example (scripts/test.sh).
//!
//!     cargo run --example custom_converter [FILE]
//!
//! Without FILE it converts golden/02-full-routing-header.txt.

use cablegram::converters::{ConvertError, Converter, Loss, Options, Registry};
use cablegram::model::Cable;
use std::io::{self, Write};
use std::path::PathBuf;

/// One line per cable: id, date, station and subject, separated by ` | `.
struct Citation;

impl Converter for Citation {
    fn name(&self) -> &'static str {
        "citation"
    }
    fn extension(&self) -> &'static str {
        "txt"
    }
    fn media_type(&self) -> &'static str {
        "text/plain"
    }
    fn description(&self) -> &'static str {
        "one citation line per cable: id | date | station | subject"
    }
    fn write(
        &self,
        cable: &Cable,
        _options: &Options,
        out: &mut dyn Write,
    ) -> Result<Loss, ConvertError> {
        // A cable without an id cannot be cited: a failure of this converter's own.
        let id = cable.id.as_deref().ok_or_else(|| {
            ConvertError::Other("the cable has no reference id to cite it by".into())
        })?;
        let mut report = Loss::default();
        let date = cable
            .datetime
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d))
            .unwrap_or("n.d.");
        let station = cable.station.as_deref().unwrap_or("");
        let subject = cable.subject.as_deref().unwrap_or("");
        if subject.contains('|') {
            report.lose("a `|` in the subject reads as a separator");
        }
        writeln!(out, "{id} | {date} | {station} | {subject}")?;
        Ok(report)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("golden/02-full-routing-header.txt"),
        PathBuf::from,
    );
    let mut registry = Registry::with_builtins();
    registry.register(Box::new(Citation));
    let converter = registry.get("citation").expect("just registered");

    let stdout = io::stdout();
    let mut out = stdout.lock();
    for doc in cablegram::source::read_path(&path, None)? {
        let cable = cablegram::parse(&doc?.text);
        let report = converter.write(&cable, &Options::default(), &mut out)?;
        for lost in report.lost {
            eprintln!("note: {lost}");
        }
    }
    Ok(())
}
