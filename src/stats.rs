//! A corpus at a glance: cables by classification, year, station and TAGS, and how much of each
//! cable the grammar could read.

use crate::model::Cable;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many cables have each field.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Coverage {
    pub classification: u64,
    pub station_and_serial: u64,
    pub id: u64,
    pub datetime: u64,
    pub subject: u64,
    pub tags: u64,
    pub from: u64,
    pub to: u64,
    pub info: u64,
    pub references: u64,
    pub classified_by: u64,
    pub classified_by_name: u64,
    pub paragraphs: u64,
    /// Cables with a paragraph in the summary.
    pub summary: u64,
    pub numbered_paragraphs: u64,
    pub signers: u64,
    pub partial: u64,
    pub with_warnings: u64,
    pub with_errors: u64,
}

/// Counts over a corpus.
#[derive(Debug, Default, Clone, Serialize)]
pub struct CorpusStats {
    pub cables: u64,
    pub unreadable: u64,
    pub by_classification: BTreeMap<String, u64>,
    pub by_year: BTreeMap<String, u64>,
    pub by_station: BTreeMap<String, u64>,
    pub by_tag: BTreeMap<String, u64>,
    pub coverage: Coverage,
}

impl CorpusStats {
    /// Count one cable.
    pub fn add(&mut self, cable: &Cable) {
        use crate::model::Severity;
        self.cables += 1;
        let level = cable
            .classification
            .as_ref()
            .map_or("(none)".to_string(), |c| c.level.to_string());
        *self.by_classification.entry(level).or_default() += 1;
        let year = cable.year().map_or("(none)".to_string(), |y| y.to_string());
        *self.by_year.entry(year).or_default() += 1;
        let station = cable.station.clone().unwrap_or_else(|| "(none)".into());
        *self.by_station.entry(station).or_default() += 1;
        for tag in &cable.tags_normalized {
            *self.by_tag.entry(tag.clone()).or_default() += 1;
        }
        let c = &mut self.coverage;
        let has = |b: bool| u64::from(b);
        c.classification += has(cable.classification.is_some());
        c.station_and_serial += has(cable.station.is_some() && cable.serial.is_some());
        c.id += has(cable.id.is_some());
        c.datetime += has(cable.datetime.is_some());
        c.subject += has(cable.subject.is_some());
        c.tags += has(!cable.tags.is_empty());
        c.from += has(cable.from.is_some());
        c.to += has(!cable.to.is_empty());
        c.info += has(!cable.info.is_empty());
        c.references += has(!cable.references.is_empty());
        c.classified_by += has(cable.classified_by.is_some());
        c.classified_by_name += has(cable.classified_by_name.is_some());
        c.paragraphs += has(!cable.paragraphs.is_empty());
        let summary = |p: &crate::model::Paragraph| p.roles.contains(&crate::model::Role::Summary);
        c.summary += has(cable.paragraphs.iter().any(summary));
        c.numbered_paragraphs += has(cable.paragraphs.iter().any(|p| p.number.is_some()));
        c.signers += has(!cable.signers.is_empty());
        c.partial += has(cable.partial);
        c.with_warnings += has(cable.worst_severity() == Some(Severity::Warning));
        c.with_errors += has(cable.worst_severity() == Some(Severity::Error));
    }

    /// The coverage as (field, count) rows.
    pub fn coverage_rows(&self) -> Vec<(&'static str, u64)> {
        let c = &self.coverage;
        vec![
            ("classification", c.classification),
            ("station and serial", c.station_and_serial),
            ("reference id", c.id),
            ("date", c.datetime),
            ("subject", c.subject),
            ("TAGS", c.tags),
            ("from", c.from),
            ("to", c.to),
            ("info", c.info),
            ("references", c.references),
            ("classified by", c.classified_by),
            ("classified-by name", c.classified_by_name),
            ("paragraphs", c.paragraphs),
            ("summary paragraphs", c.summary),
            ("numbered paragraphs", c.numbered_paragraphs),
            ("signers", c.signers),
            ("partial extracts", c.partial),
            ("with warnings", c.with_warnings),
            ("with errors", c.with_errors),
        ]
    }

    /// The `n` largest entries of a count table, largest first, ties by name.
    pub fn top(table: &BTreeMap<String, u64>, n: usize) -> Vec<(&str, u64)> {
        let mut rows: Vec<(&str, u64)> = table.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rows.truncate(n);
        rows
    }
}

/// `n` with a comma between groups of three digits (`2,152`), as counts are shown to people.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
