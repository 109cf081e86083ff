//! The TEI edition: one `corpus.xml`, a `teiCorpus` valid against TEI P5 (tei_all).
//!
//! The corpus `teiHeader` gives the title and the count of cables (`extent`), lists the inputs
//! and every cable (`sourceDesc`), and holds the taxonomies once. Each cable is a `TEI` whose
//! `xml:id` is `cable-` and its key (an XML name cannot start with the digits of a reference
//! id: `cable-09STATE123`), with its `correspDesc` (sender, addressees, date) as the TEI writer
//! gives it; each reference that cites a cable of the corpus is a `<ref target="#cable-…">`.
//! The cables follow one another in the order of the inputs; the header lists them by date.

use super::{count, EditionWriter, Links, Pages};
use crate::converters::tei::{encoding_desc, publication_stmt, tei_header, text, TEI_NS};
use crate::converters::xml::{Dialect, XmlOut};
use crate::converters::{ConvertError, Loss};
use crate::edition::{Edition, Member};
use crate::model::Cable;

/// The corpus file of the edition.
const CORPUS: &str = "corpus.xml";

/// The `teiCorpus` writer (`--to tei`).
#[derive(Debug, Clone, Copy, Default)]
pub struct TeiCorpus;

/// A member's `xml:id`.
pub fn xml_id(member: &Member) -> String {
    format!("cable-{}", member.key)
}

/// `YYYY-MM-DD`, as `@when` takes it.
fn is_day(s: &str) -> bool {
    s.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    })
}

impl EditionWriter for TeiCorpus {
    fn name(&self) -> &'static str {
        "tei"
    }

    fn description(&self) -> &'static str {
        "one TEI P5 teiCorpus file, references as links between its cables"
    }

    fn begin(
        &self,
        edition: &Edition,
        inputs: &[String],
        out: &mut Pages<'_>,
    ) -> Result<(), ConvertError> {
        let mut x = XmlOut::new(out.append(CORPUS), Dialect::Xml);
        let members = edition.members();
        x.declaration()?;
        x.open("teiCorpus", &[("xmlns", TEI_NS), ("xml:lang", "en")])?;
        x.open("teiHeader", &[])?;
        x.open("fileDesc", &[])?;
        x.open("titleStmt", &[])?;
        let heading = format!("An edition of {}", count(members.len(), "cable"));
        x.leaf_text("title", &[("type", "main")], &heading, "lb")?;
        x.close("titleStmt")?;
        x.open("extent", &[])?;
        let n = members.len().to_string();
        x.leaf("measure", &[("unit", "cable"), ("quantity", &n)])?;
        x.text(&count(members.len(), "cable"))?;
        x.end("measure")?;
        x.close("extent")?;
        publication_stmt(&mut x, None)?;
        x.open("sourceDesc", &[])?;
        x.open("listBibl", &[("type", "inputs")])?;
        x.leaf_text("head", &[], "Read from", "lb")?;
        for input in inputs {
            x.leaf("bibl", &[])?;
            x.inline("idno", &[("type", "path")], input)?;
            x.end("bibl")?;
        }
        x.close("listBibl")?;
        x.open("listBibl", &[("type", "cables")])?;
        x.leaf_text("head", &[], "Cables", "lb")?;
        for m in members {
            x.leaf("bibl", &[("type", "cable")])?;
            let target = format!("#{}", xml_id(m));
            x.inline("ref", &[("target", &target)], &m.title)?;
            if let Some(id) = &m.id {
                x.inline("idno", &[("type", "cable")], id)?;
            }
            if let Some(date) = &m.datetime {
                if let Some(day) = date.get(..10).filter(|d| is_day(d)) {
                    x.inline("date", &[("when", day)], day)?;
                }
            }
            for source in &m.sources {
                x.inline("idno", &[("type", "source")], source)?;
            }
            x.end("bibl")?;
        }
        x.close("listBibl")?;
        x.close("sourceDesc")?;
        x.close("fileDesc")?;
        encoding_desc(&mut x)?;
        x.close("teiHeader")?;
        x.newline()?;
        Ok(())
    }

    fn cable(
        &self,
        edition: &Edition,
        member: &Member,
        cable: &Cable,
        out: &mut Pages<'_>,
    ) -> Result<Loss, ConvertError> {
        let links = Links::of(edition, member, cable, |m| format!("#{}", xml_id(m)));
        let mut report = Loss::default();
        let mut x = XmlOut::new(out.append(CORPUS), Dialect::Xml);
        x.open("TEI", &[("xml:id", &xml_id(member))])?;
        tei_header(&mut x, cable, false)?;
        text(&mut x, cable, Some(&links), &mut report)?;
        x.close("TEI")?;
        x.newline()?;
        report.replaced(x.replaced());
        Ok(report)
    }

    fn end(&self, _edition: &Edition, out: &mut Pages<'_>) -> Result<(), ConvertError> {
        let mut x = XmlOut::new(out.append(CORPUS), Dialect::Xml);
        x.end("teiCorpus")?;
        x.trusted("\n")?;
        Ok(())
    }
}
