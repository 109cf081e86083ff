//! A cable's id on the real corpus (`../shared/corpus`): every cable whose text names its
//! station, its serial and its year gets the id they make, with or without a routing header.
//!
//! Whether the text has a year is decided here from the text as written, with a rule of this
//! test's own (a date-time group, a dated line, a `Cable dated:` stamp, in the first lines and
//! never on the E.O./DECL line), not with the grammar's.
//! `cargo test --profile ci --test corpus_ids -- --nocapture` prints the figures.

mod common;

use cablegram::batch;
use cablegram::model::FieldSource;
use regex::Regex;

/// The first lines of a text, where the date of a cable stands.
const HEAD_LINES: usize = 60;

/// A year the head of `text` gives, as a reader finds it: in its first lines, before the first
/// numbered paragraph.
fn year_written(text: &str, dates: &[Regex], paragraph: &Regex) -> Option<String> {
    text.lines()
        .take(HEAD_LINES)
        .take_while(|line| !paragraph.is_match(line))
        .filter(|line| !line.contains("DECL") && !line.contains("E.O.") && !line.contains("E. O."))
        .find_map(|line| {
            dates
                .iter()
                .find_map(|date| date.captures(line).map(|c| c["year"].to_string()))
        })
}

#[test]
fn every_cable_whose_text_has_station_serial_and_year_has_an_id() {
    let month = "(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)";
    let name =
        "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
    let dates: Vec<Regex> = [
        format!(r"\b\d{{6}}Z\s?{month}\s?(?P<year>\d{{2}})\b"),
        r"(?i)cable dated:?\s*(?P<year>(?:19|20)\d\d)".to_string(),
        format!(r"(?i)\b{name}\s+\d{{1,2}},?\s+(?P<year>(?:19[6-9]|20[01])\d)\b"),
        format!(r"(?i)\b\d{{1,2}}\s+{name}\s+(?P<year>(?:19[6-9]|20[01])\d)\b"),
        r"\b(?P<year>(?:19[6-9]|20[01])\d)-[01]\d-[0-3]\d\b".to_string(),
    ]
    .iter()
    .map(|r| Regex::new(r).unwrap())
    .collect();
    let paragraph = Regex::new(r"^\s*(?:¶\s*)?\d{1,2}\s?\.").unwrap();
    let (cables, _) = common::corpus::each(|doc| {
        let year = year_written(&doc.text, &dates, &paragraph);
        (year, batch::parse_doc(doc))
    });
    let mut eligible = 0;
    let mut with_id = 0;
    let mut from_text = 0;
    let mut misses = Vec::new();
    let mut from = std::collections::BTreeMap::<String, usize>::new();
    for (year, cable) in &cables {
        let named = cable.station_source == Some(FieldSource::Text) && cable.serial.is_some();
        let Some(year) = year.as_ref().filter(|_| named) else {
            continue;
        };
        eligible += 1;
        if cable.id.is_some() {
            with_id += 1;
            from_text += usize::from(cable.id_source == Some(FieldSource::Text));
            *from.entry(format!("{:?}", cable.id_source)).or_default() += 1;
        } else {
            let path = cable.source.as_ref().and_then(|s| s.path.clone());
            misses.push(format!(
                "{} {:?} {year}: {path:?}",
                cable.station.as_deref().unwrap_or(""),
                cable.serial
            ));
        }
    }
    let share = 100.0 * with_id as f64 / eligible.max(1) as f64;
    println!(
        "cables whose text has station, serial and a year: {eligible}; with an id: {with_id} ({share:.2}%), \
         {from_text} read from the text alone ({:.2}%); id from {from:?}",
        100.0 * from_text as f64 / eligible.max(1) as f64
    );
    for miss in misses.iter().take(20) {
        println!("    no id: {miss}");
    }
    assert!(
        eligible > 1000,
        "only {eligible} cables with station, serial and year"
    );
    assert!(
        share >= 99.0,
        "{share:.2}% of cables with station, serial and year get an id"
    );
}
