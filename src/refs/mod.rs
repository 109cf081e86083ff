//! References resolved to cables: the id each REF item cites.
//!
//! The grammar takes a REF item apart (`cited_cable`: year, station as written, serial) and the
//! builder keeps the parts in [`Reference::cited`]. Here they become a canonical id, by the
//! rules of reference ids themselves: the station as ids spell it (see [`stations`]), the serial
//! without its leading zeros, and the year the item gives or else the citing cable's own year.
//! An id that cannot be decided is left null, with a diagnostic that says why; it is never
//! guessed.
//!
//! Resolution runs once the cable's own year is known: after the parse for a text alone
//! ([`crate::parse`]), after the container's fallback for a document read from a container
//! ([`crate::batch::parse_doc`]).

pub mod graph;
mod stations;

pub(crate) use stations::id_station;

use crate::diagnostics::Code;
use crate::model::{Cable, Diagnostic, HeaderKind, Reference};

/// Fills `cites` for every REF item that names a cable, and reports the ones that cannot be
/// decided.
pub fn resolve(cable: &mut Cable) {
    let own_year = cable.year();
    let span = cable
        .header_item(HeaderKind::References)
        .map(|h| h.span)
        .unwrap_or_default();
    let mut undecided = Vec::new();
    for reference in &mut cable.references {
        match cites(reference, own_year) {
            Ok(id) => reference.cites = id,
            Err(why) => {
                reference.cites = None;
                undecided.push(Diagnostic::new(
                    why.code(),
                    format!("the reference {:?} {}", reference.text, why.words()),
                    Some("its `cites` is left empty".into()),
                    span,
                ));
            }
        }
    }
    cable.diagnostics.extend(undecided);
}

/// Why a cited cable has no id.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Undecided {
    UnknownStation(String),
    NoYear,
}

impl Undecided {
    fn code(&self) -> Code {
        match self {
            Undecided::UnknownStation(_) => Code::CitedStationUnknown,
            Undecided::NoYear => Code::CitedYearUnknown,
        }
    }

    fn words(&self) -> String {
        match self {
            Undecided::UnknownStation(station) => {
                format!("names {station:?}, which is not a station that sent cables")
            }
            Undecided::NoYear => "gives no year, and the cable's own year is not known".into(),
        }
    }
}

/// The id a reference cites: `Ok(None)` when it names no cable.
fn cites(reference: &Reference, own_year: Option<i32>) -> Result<Option<String>, Undecided> {
    let Some(cited) = &reference.cited else {
        return Ok(None);
    };
    let station = stations::id_station(&cited.station)
        .ok_or_else(|| Undecided::UnknownStation(cited.station.clone()))?;
    let year = cited.year.or(own_year).ok_or(Undecided::NoYear)?;
    Ok(Some(crate::parser::interpret::reference_id(
        year,
        station,
        cited.serial,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites_of(text: &str) -> Vec<Option<String>> {
        crate::parse(text)
            .references
            .into_iter()
            .map(|r| r.cites)
            .collect()
    }

    const HEAD: &str = "R 161902Z FEB 07\nC O N F I D E N T I A L ANKARA 000348\n\nSUBJECT: X\n";

    #[test]
    fn items_with_and_without_a_year() {
        let text = format!(
            "{HEAD}REF: A. 06 SECSTATE 112489 B. TEL AVIV 0457 C. USUN NEW YORK 000542\n\n1. Text.\n"
        );
        assert_eq!(
            cites_of(&text),
            vec![
                Some("06STATE112489".to_string()),
                Some("07TELAVIV457".to_string()),
                Some("07USUNNEWYORK542".to_string())
            ]
        );
    }

    #[test]
    fn what_is_not_a_cable_cites_nothing_and_an_unknown_station_says_so() {
        let text = format!(
            "{HEAD}REF: A. EMAIL FROM POLOFF OF MARCH 3 B. IIR 6 832 0111 10\n\n1. Text.\n"
        );
        let cable = crate::parse(&text);
        let cites: Vec<_> = cable.references.iter().map(|r| r.cites.clone()).collect();
        assert_eq!(cites, vec![None, None]);
        let codes: Vec<Code> = cable.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::CitedStationUnknown), "{codes:?}");
    }

    #[test]
    fn no_year_anywhere_is_undecided() {
        let text = "UNCLAS ANKARA 000348\n\nSUBJECT: X\nREF: STATE 1234\n\n1. Text.\n";
        let cable = crate::parse(text);
        assert_eq!(cable.references[0].cites, None);
        assert!(cable
            .diagnostics
            .iter()
            .any(|d| d.code == Code::CitedYearUnknown));
    }
}
