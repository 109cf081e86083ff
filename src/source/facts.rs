//! What a container says about its cable, and the fallback it gives the model.
//!
//! Site pages, `cables.csv` rows, JSON dumps and text dumps carry their own record of a cable
//! beside its text: a date (`Created`, `date`, `date_time`), a reference id (`66BUENOSAIRES2481`),
//! an origin (`Embassy Buenos Aires`) and a classification. The text stays the authority: the
//! parser's fields are kept as read, and a field the text does not give is taken from the
//! container, with its provenance recorded ([`FieldSource`]). Where both give a date or an id
//! and they disagree, a diagnostic says so.
//!
//! The id has a third source, the file name (`10YEREVAN82.txt`), used only when the text names
//! the same station and serial. The same rule holds for the container's reference id: an id
//! is taken only when the text's station and serial agree with it, or when the text has none.

use crate::diagnostics::Code;
use crate::model::{Cable, Classification, Diagnostic, FieldSource, HeaderKind, Level, Source};
use crate::parser::interpret::{self, DateTime};
use std::path::Path;

/// The metadata keys that hold a date, in order of preference (see each container's module).
const DATE_KEYS: [&str; 5] = ["created", "date_time", "date", "row_date", "datetime"];
/// The metadata keys that hold a reference id.
const ID_KEYS: [&str; 4] = ["reference_id", "row_reference_id", "_id", "id"];
/// The metadata keys that hold a classification.
const CLASSIFICATION_KEYS: [&str; 2] = ["classification", "row_classification"];
/// The metadata keys that hold the originating post (`Embassy Ankara`).
const ORIGIN_KEYS: [&str; 2] = ["origin", "row_origin"];

/// A reference id taken apart: `66BUENOSAIRES2481` is 1966, `BUENOSAIRES`, 2481.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReferenceId {
    pub year: i32,
    /// The station as reference ids spell it: upper case, no spaces.
    pub station: String,
    pub serial: u64,
}

impl ReferenceId {
    /// Two digits of year, letters, digits of serial: `09UNVIEVIENNA285`, `66STATE106206`.
    pub(crate) fn parse(id: &str) -> Option<Self> {
        let id = id.trim();
        let year = id.get(..2)?;
        let rest = id.get(2..)?;
        let letters_end = rest.find(|c: char| c.is_ascii_digit())?;
        let (station, serial) = rest.split_at(letters_end);
        let valid = year.bytes().all(|b| b.is_ascii_digit())
            && !station.is_empty()
            && station.bytes().all(|b| b.is_ascii_uppercase())
            && !serial.is_empty()
            && serial.len() <= 9
            && serial.bytes().all(|b| b.is_ascii_digit());
        if !valid {
            return None;
        }
        Some(ReferenceId {
            year: interpret::full_year(year.parse().ok()?),
            station: station.to_string(),
            serial: serial.parse().ok()?,
        })
    }

    /// Whether a station as the model keeps it (`BUENOS AIRES`) and a serial name this cable.
    fn names(&self, station: &str, serial: u64) -> bool {
        self.serial == serial && interpret::compact_station(station) == self.station
    }
}

/// A container's date: `1972-02-25 09:30`, `2006-08-29 17:54:00`, `12/28/1966 18:48`, or a text
/// dump's `Wed Dec 04 00:00:00 +0100 2002` (a day, written as local midnight: the date only).
pub(crate) fn container_date(value: &str) -> Option<DateTime> {
    let words: Vec<&str> = value.split_whitespace().collect();
    match words.as_slice() {
        [_weekday, month, day, _midnight, _zone, year] => DateTime::new(
            year.parse().ok()?,
            interpret::month(month)?,
            day.parse().ok()?,
            None,
        ),
        [date] => calendar_date(date, None),
        [date, time] => calendar_date(date, Some(clock(time)?)),
        _ => None,
    }
}

/// `HH:MM` or `HH:MM:SS`, to the minute.
fn clock(time: &str) -> Option<(u32, u32)> {
    let mut parts = time.split(':');
    let hour = parts.next()?.parse().ok()?;
    let minute = parts.next()?.parse().ok()?;
    Some((hour, minute))
}

/// `1972-02-25` or `12/28/1966`.
fn calendar_date(date: &str, time: Option<(u32, u32)>) -> Option<DateTime> {
    let (year, month, day) = if let Some((m, rest)) = date.split_once('/') {
        let (d, y) = rest.split_once('/')?;
        (y, m, d)
    } else {
        let mut parts = date.splitn(3, '-');
        (parts.next()?, parts.next()?, parts.next()?)
    };
    if year.len() != 4 {
        return None;
    }
    DateTime::new(
        year.parse().ok()?,
        month.parse().ok()?,
        day.parse().ok()?,
        time,
    )
}

/// The first non-empty value among `keys`.
fn first<'a>(source: &'a Source, keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .filter_map(|k| source.metadata.get(*k))
        .map(|v| v.trim())
        .find(|v| !v.is_empty())
}

/// A container's classification: `SECRET//NOFORN` is SECRET with the caveat NOFORN.
fn container_classification(value: &str) -> Option<Classification> {
    let mut parts = value.split("//");
    let level = match parts.next()?.trim().to_ascii_uppercase().as_str() {
        "UNCLASSIFIED" | "UNCLAS" => Level::Unclassified,
        "LIMITED OFFICIAL USE" => Level::LimitedOfficialUse,
        "CONFIDENTIAL" => Level::Confidential,
        "SECRET" => Level::Secret,
        "TOP SECRET" => Level::TopSecret,
        _ => return None,
    };
    Some(Classification {
        level,
        text: value.to_string(),
        caveats: parts
            .map(interpret::caveat)
            .filter(|c| !c.is_empty())
            .collect(),
    })
}

/// The station an origin names when it agrees with the reference id: `Embassy Buenos Aires`
/// and `BUENOSAIRES` give `BUENOS AIRES`. Otherwise the id's own spelling.
fn station_from(origin: Option<&str>, id: &ReferenceId) -> String {
    origin
        .and_then(|o| {
            let words: Vec<&str> = o.split_whitespace().collect();
            // "Embassy", "Consulate", "Mission", "American Institute in" … before the city.
            (0..words.len())
                .map(|skip| interpret::station(&words[skip..].join(" ")))
                .find(|s| interpret::compact_station(s) == id.station)
        })
        .unwrap_or_else(|| id.station.clone())
}

/// The reference id a file is named after: `10YEREVAN82.txt`, `05ALMATY1938-partial.md` (the
/// id, then anything after a sign that is not a letter or digit).
fn file_name_id(source: &Source) -> Option<ReferenceId> {
    let path = source.path.as_deref()?;
    let stem = Path::new(path).file_stem()?.to_str()?;
    ReferenceId::parse(stem.split(|c: char| !c.is_ascii_alphanumeric()).next()?)
}

/// The span of the first header item of `kinds`, or the start of the text.
fn span_of(cable: &Cable, kinds: &[HeaderKind]) -> crate::model::Span {
    cable
        .header
        .iter()
        .find(|h| kinds.contains(&h.kind))
        .map(|h| h.span)
        .unwrap_or(crate::model::Span {
            start: 0,
            end: 0,
            line: 1,
            column: 1,
        })
}

/// Fills what the text does not give from the cable's container, records where each such field
/// came from, and reports where the container and the text disagree.
pub(crate) fn complete(cable: &mut Cable) {
    let Some(source) = cable.source.take() else {
        return;
    };
    date(cable, &source);
    identity(cable, &source);
    if cable.classification.is_none() {
        if let Some(c) = first(&source, &CLASSIFICATION_KEYS).and_then(container_classification) {
            cable.classification = Some(c);
            cable.classification_source = Some(FieldSource::Container);
        }
    }
    cable.source = Some(source);
}

fn date(cable: &mut Cable, source: &Source) {
    let given = first(source, &DATE_KEYS).and_then(container_date);
    match (&cable.datetime, given) {
        (Some(text), Some(container)) => {
            let container = container.iso();
            // The container's date often has no time, or local midnight: compare the days.
            if text.get(..10) != container.get(..10) {
                let span = span_of(cable, &[HeaderKind::DateTimeGroup, HeaderKind::DateLine]);
                cable.diagnostics.push(Diagnostic::new(
                    Code::DateDisagrees,
                    format!("the text dates the cable {text}, its container {container}"),
                    Some("the text's date is kept".into()),
                    span,
                ));
            }
        }
        (None, Some(container)) => {
            cable.datetime = Some(container.iso());
            cable.datetime_source = Some(FieldSource::Container);
        }
        _ => {}
    }
}

fn identity(cable: &mut Cable, source: &Source) {
    let text_id = cable.id.is_some();
    let container_id = first(source, &ID_KEYS).and_then(ReferenceId::parse);
    let file_id = file_name_id(source);
    if cable.station.is_none() && cable.serial.is_none() {
        if let Some(id) = &container_id {
            cable.station = Some(station_from(first(source, &ORIGIN_KEYS), id));
            cable.serial = Some(id.serial);
            cable.station_source = Some(FieldSource::Container);
        }
    }
    let (Some(station), Some(serial)) = (cable.station.clone(), cable.serial) else {
        return;
    };
    if let Some(id) = &container_id {
        if !id.names(&station, serial) {
            let span = span_of(cable, &[HeaderKind::ClassificationLine]);
            cable.diagnostics.push(Diagnostic::new(
                Code::IdDisagrees,
                format!(
                    "the text names {station} {serial}, its container the cable {}",
                    interpret::reference_id(id.year, &id.station, id.serial)
                ),
                Some("the text's station and serial are kept".into()),
                span,
            ));
        } else if !text_id {
            cable.id = Some(interpret::reference_id(id.year, &station, serial));
            cable.id_source = Some(FieldSource::Container);
            return;
        }
    }
    if cable.id.is_none() {
        if let Some(id) = file_id.as_ref().filter(|id| id.names(&station, serial)) {
            cable.id = Some(interpret::reference_id(id.year, &station, serial));
            cable.id_source = Some(FieldSource::FileName);
            return;
        }
    }
    // The year of the container's date, when neither the container nor the file name
    // names a cable of their own (a page or a row filed under another cable's name keeps
    // no id).
    if cable.id.is_none() && container_id.is_none() && file_id.is_none() {
        let year = (cable.datetime_source == Some(FieldSource::Container))
            .then(|| cable.datetime.as_deref()?.get(..4)?.parse::<i32>().ok())
            .flatten();
        if let Some(year) = year {
            cable.id = Some(interpret::reference_id(year, &station, serial));
            cable.id_source = Some(FieldSource::Container);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_ids() {
        let id = ReferenceId::parse("66BUENOSAIRES2481").unwrap();
        assert_eq!(
            (id.year, id.station.as_str(), id.serial),
            (1966, "BUENOSAIRES", 2481)
        );
        assert_eq!(ReferenceId::parse("09UNVIEVIENNA285").unwrap().year, 2009);
        assert!(ReferenceId::parse("07-partial-extract").is_none());
        assert!(ReferenceId::parse("ABC123").is_none());
        assert!(ReferenceId::parse("09STATE").is_none());
        assert!(ReferenceId::parse("").is_none());
        assert!(ReferenceId::parse("0").is_none());
    }

    #[test]
    fn container_dates() {
        let iso = |v: &str| container_date(v).map(|d| d.iso());
        assert_eq!(
            iso("1972-02-25 09:30").as_deref(),
            Some("1972-02-25T09:30:00Z")
        );
        assert_eq!(
            iso("2006-08-29 17:54:00").as_deref(),
            Some("2006-08-29T17:54:00Z")
        );
        assert_eq!(
            iso("12/28/1966 18:48").as_deref(),
            Some("1966-12-28T18:48:00Z")
        );
        assert_eq!(
            iso("Wed Dec 04 00:00:00 +0100 2002").as_deref(),
            Some("2002-12-04")
        );
        assert_eq!(iso("2004-01-20").as_deref(), Some("2004-01-20"));
        assert_eq!(iso("0000-00-00 00:00:00"), None);
        assert_eq!(iso("2009-02-30 10:00"), None);
        assert_eq!(iso("yesterday"), None);
        assert_eq!(iso(""), None);
    }

    #[test]
    fn classifications() {
        let c = container_classification("SECRET//NOFORN").unwrap();
        assert_eq!(
            (c.level, c.caveats),
            (Level::Secret, vec!["NOFORN".to_string()])
        );
        assert_eq!(
            container_classification("UNCLASSIFIED//FOR OFFICIAL USE ONLY").map(|c| c.level),
            Some(Level::Unclassified)
        );
        assert!(container_classification("SENSITIVE").is_none());
    }

    fn cable_from(text: &str, path: &str, metadata: &[(&str, &str)]) -> Cable {
        let mut cable = crate::parse(text);
        cable.source = Some(Source {
            path: Some(path.into()),
            metadata: metadata
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Source::default()
        });
        complete(&mut cable);
        cable
    }

    const UNDATED: &str = "UNCLAS YEREVAN 000082\n\nSUBJECT: DISTRACTED DRIVING\n\n1. Text.\n";

    #[test]
    fn the_file_name_gives_the_id_when_station_and_serial_agree() {
        let c = cable_from(UNDATED, "cables/10YEREVAN82.txt", &[]);
        assert_eq!(c.id.as_deref(), Some("10YEREVAN82"));
        assert_eq!(c.id_source, Some(FieldSource::FileName));
        assert_eq!(c.year(), Some(2010));
        let suffixed = cable_from(UNDATED, "10YEREVAN82-partial.md", &[]);
        assert_eq!(suffixed.id.as_deref(), Some("10YEREVAN82"));
        let other = cable_from(UNDATED, "cables/10YEREVAN83.txt", &[]);
        assert_eq!((other.id, other.id_source), (None, None));
    }

    #[test]
    fn the_container_dates_and_names_what_the_text_does_not() {
        let meta = [
            ("created", "2010-01-20 09:44"),
            ("reference_id", "10YEREVAN82"),
        ];
        let c = cable_from(UNDATED, "page.html", &meta);
        assert_eq!(c.datetime.as_deref(), Some("2010-01-20T09:44:00Z"));
        assert_eq!(c.datetime_source, Some(FieldSource::Container));
        assert_eq!(c.id.as_deref(), Some("10YEREVAN82"));
        assert_eq!(c.id_source, Some(FieldSource::Container));
        assert_eq!(c.station_source, Some(FieldSource::Text));
        assert!(c.diagnostics.iter().all(|d| d.code != Code::IdDisagrees));
    }

    #[test]
    fn the_container_date_gives_the_year_of_the_id() {
        // A row of the Baghdad 1980-90 JSON dump: the text names station and serial but
        // no year (DECL:OADR); the row's date gives it.
        let text = "S E C R E T SECTION 01 OF 02 BAGHDAD 3988  E.O. 12356: DECL:OADR TAGS: MOPS \
                    SUBJECT: THE GULF WAR  1. SECRET - ENTIRE TEXT.\n";
        let c = cable_from(
            text,
            "Embassy_Baghdad80-90.jsonl",
            &[("date", "1987-10-29 11:49")],
        );
        assert_eq!(c.id.as_deref(), Some("87BAGHDAD3988"));
        assert_eq!(c.id_source, Some(FieldSource::Container));
        // Filed under another cable's name: no id.
        let c = cable_from(text, "05SOFIA1280.txt", &[("date", "1987-10-29 11:49")]);
        assert_eq!(c.id, None);
        // No date: no year, no id.
        let c = cable_from(text, "Embassy_Baghdad80-90.jsonl", &[]);
        assert_eq!(c.id, None);
    }

    #[test]
    fn disagreements_are_reported_and_the_text_kept() {
        let text = "R 161902Z FEB 07\nUNCLAS YEREVAN 000082\n\nSUBJECT: X\n\n1. Text.\n";
        let meta = [
            ("created", "2007-02-18 19:02"),
            ("reference_id", "07YEREVAN99"),
        ];
        let c = cable_from(text, "07YEREVAN99.html", &meta);
        assert_eq!(c.datetime.as_deref(), Some("2007-02-16T19:02:00Z"));
        assert_eq!(c.datetime_source, Some(FieldSource::Text));
        assert_eq!(c.id.as_deref(), Some("07YEREVAN82"));
        assert_eq!(c.id_source, Some(FieldSource::Text));
        let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::DateDisagrees), "{codes:?}");
        assert!(codes.contains(&Code::IdDisagrees), "{codes:?}");
    }

    #[test]
    fn a_station_from_the_container_when_the_text_names_none() {
        let meta = [
            ("reference_id", "66BUENOSAIRES2481"),
            ("origin", "Embassy Buenos Aires"),
            ("classification", "UNCLASSIFIED"),
        ];
        let c = cable_from("Some text without a header.\n", "aa.csv", &meta);
        assert_eq!(c.station.as_deref(), Some("BUENOS AIRES"));
        assert_eq!(
            (c.serial, c.station_source),
            (Some(2481), Some(FieldSource::Container))
        );
        assert_eq!(c.id.as_deref(), Some("66BUENOSAIRES2481"));
        assert_eq!(c.classification.map(|c| c.level), Some(Level::Unclassified));
        assert_eq!(c.classification_source, Some(FieldSource::Container));
    }

    #[test]
    fn stations_from_origins() {
        let id = ReferenceId::parse("66BUENOSAIRES2481").unwrap();
        assert_eq!(
            station_from(Some("Embassy Buenos Aires"), &id),
            "BUENOS AIRES"
        );
        let id = ReferenceId::parse("09STATE100153").unwrap();
        assert_eq!(station_from(Some("Secretary of State"), &id), "STATE");
        assert_eq!(station_from(None, &id), "STATE");
    }
}
