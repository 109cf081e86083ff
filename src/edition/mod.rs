//! Editions: a collection of cables published as a whole (a static site, one TEI corpus, a
//! Markdown content tree), each cable once, its references linked to the cables they cite.
//!
//! An edition is built in two passes over its inputs, so that memory grows with the number of
//! cables, not with their texts:
//!
//! 1. every cable is parsed and its [`Member`] entry (metadata, sources, the ids it cites) goes
//!    into a [`Catalogue`]; the texts are dropped. A cable found in several sources (the same id)
//!    is one member: the fuller text is chosen, and when the texts differ a C0701 diagnostic
//!    says which source was kept;
//! 2. [`build`] parses the inputs again and hands each chosen cable, with the finished
//!    [`Edition`], to a writer (`converters::edition`), which knows the pages of every other
//!    cable without holding their texts.

mod build;

pub use build::{build, BuildError, Event, Summary, MARKER};

use crate::diagnostics::Code;
use crate::model::{Block, Cable, Level};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// A cable of an edition, as its indexes and the other cables' links need it: no text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Member {
    /// Unique in the edition, safe as a file name and an XML name after a letter: the cable's
    /// id, or for a cable without one its source file's name (and row). Two keys never differ
    /// only in case.
    pub key: String,
    /// The reference id.
    pub id: Option<String>,
    /// The subject, else the id, else the source.
    pub title: String,
    /// ISO 8601, as the model has it.
    pub datetime: Option<String>,
    pub year: Option<i32>,
    pub station: Option<String>,
    pub classification: Option<Level>,
    /// TAGS, upper-cased without repeats (the model's `tags_normalized`).
    pub tags: Vec<String>,
    /// Every source the cable was found in (`path#row` for a row of a table); the chosen one
    /// first.
    pub sources: Vec<String>,
    /// The ids the cable's references cite, each once, in order.
    pub cites: Vec<String>,
    /// Words of the chosen text.
    pub words: usize,
    /// The word digest of the chosen text, to tell whether another source's text is the same.
    digest: u64,
}

/// A note on the edition as a whole (not on one text): a C0701 when the sources of one cable
/// disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub code: Code,
    /// The key of the member it concerns.
    pub key: String,
    pub message: String,
}

/// The members of an edition being gathered (pass 1).
#[derive(Debug, Default)]
pub struct Catalogue {
    members: Vec<Member>,
    /// Lower-cased id → member.
    by_id: HashMap<String, usize>,
    /// Member → the source of its chosen text, and every source's (words, digest, label).
    chosen: Vec<String>,
    /// Member → the other sources: words, digest, label.
    alternatives: Vec<Vec<(usize, u64, String)>>,
}

/// The source of one cable as an edition names it: its path, and its row in a table.
pub fn source_label(cable: &Cable) -> String {
    match &cable.source {
        Some(s) => {
            let path = s.path.as_deref().unwrap_or("-");
            match s.index {
                Some(i) => format!("{path}#{i}"),
                None => path.to_string(),
            }
        }
        None => "-".to_string(),
    }
}

/// The name of a cable's source file without its extension, with the row of a table
/// (`cables-12`), or `cable` when it came from standard input.
fn source_stem(cable: &Cable) -> String {
    let source = cable.source.as_ref();
    let name = source
        .and_then(|s| s.path.as_deref())
        .and_then(|p| p.rsplit('/').next())
        .filter(|n| !n.is_empty() && *n != "-");
    let stem = name.map_or("cable", |n| n.rsplit_once('.').map_or(n, |(stem, _)| stem));
    match source.and_then(|s| s.index) {
        Some(i) => format!("{stem}-{i}"),
        None => stem.to_string(),
    }
}

/// How many words a cable's text holds (header lines, headings, paragraphs, closing lines), and
/// a digest of the words of its body that does not depend on case, spacing or line breaks (the
/// header lines differ between the mirrors of one cable: routing lines kept or not).
fn words(cable: &Cable) -> (usize, u64) {
    let mut hasher = DefaultHasher::new();
    let mut count = 0;
    for item in &cable.header {
        count += add_words(&item.text, None);
    }
    for block in &cable.body {
        let texts = match block {
            Block::Paragraph { index } => match cable.paragraphs.get(*index) {
                Some(p) => [
                    p.label.as_deref(),
                    p.marking.as_deref(),
                    Some(p.text.as_str()),
                ],
                None => [None; 3],
            },
            Block::Heading { text, .. }
            | Block::Signature { text, .. }
            | Block::Trailer { text, .. } => [Some(text.as_str()), None, None],
            // Page heads and continuation lines differ between copies of one cable.
            Block::Marker { .. } => [None; 3],
        };
        for text in texts.into_iter().flatten() {
            count += add_words(text, Some(&mut hasher));
        }
    }
    (count, hasher.finish())
}

/// Counts the words of `text`, adding them upper-cased to `hasher` when there is one.
fn add_words(text: &str, mut hasher: Option<&mut DefaultHasher>) -> usize {
    let mut count = 0;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        count += 1;
        if let Some(h) = hasher.as_deref_mut() {
            for c in word.chars().flat_map(char::to_uppercase) {
                c.hash(h);
            }
            ' '.hash(h);
        }
    }
    count
}

impl Catalogue {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a cable read in pass 1. A cable whose id was seen before is another source of that
    /// member: its text is chosen instead when it has more words.
    pub fn add(&mut self, cable: &Cable) {
        let label = source_label(cable);
        let (count, digest) = words(cable);
        let known = cable
            .id
            .as_ref()
            .and_then(|id| self.by_id.get(&id.to_lowercase()).copied());
        if let Some(i) = known {
            if count > self.members[i].words {
                let mut fresh = self.entry(cable, count, digest);
                let old = std::mem::take(&mut self.members[i]);
                fresh.key = old.key;
                fresh.sources = std::iter::once(label.clone()).chain(old.sources).collect();
                let previous = std::mem::replace(&mut self.chosen[i], label);
                self.alternatives[i].push((old.words, old.digest, previous));
                self.members[i] = fresh;
            } else {
                let member = &mut self.members[i];
                member.sources.push(label.clone());
                self.alternatives[i].push((count, digest, label));
            }
            return;
        }
        let mut member = self.entry(cable, count, digest);
        member.key = match &cable.id {
            Some(id) => {
                self.by_id.insert(id.to_lowercase(), self.members.len());
                key_of(id)
            }
            // A cable without an id is named after its source: the file's name, and the row.
            None => key_of(&source_stem(cable)),
        };
        member.sources = vec![label.clone()];
        self.members.push(member);
        self.chosen.push(label);
        self.alternatives.push(Vec::new());
    }

    fn entry(&self, cable: &Cable, words: usize, digest: u64) -> Member {
        let mut cites: Vec<String> = Vec::new();
        for cited in cable.references.iter().filter_map(|r| r.cites.as_ref()) {
            if !cites.contains(cited) && cable.id.as_ref() != Some(cited) {
                cites.push(cited.clone());
            }
        }
        Member {
            key: String::new(),
            id: cable.id.clone(),
            title: cable
                .subject
                .clone()
                .filter(|s| !s.trim().is_empty())
                .or_else(|| cable.id.clone())
                .unwrap_or_default(),
            datetime: cable.datetime.clone(),
            year: cable.year(),
            station: cable.station.clone(),
            classification: cable.classification.as_ref().map(|c| c.level),
            tags: cable.tags_normalized.clone(),
            sources: Vec::new(),
            cites,
            words,
            digest,
        }
    }

    /// The finished edition: members in order of date (undated last), then of key; keys made
    /// unique; who cites whom; the notes on sources that disagree.
    pub fn finish(self) -> Edition {
        let Catalogue {
            mut members,
            chosen,
            alternatives,
            ..
        } = self;
        let mut notes = Vec::new();
        for (i, member) in members.iter_mut().enumerate() {
            if member.title.is_empty() {
                member.title = chosen[i].clone();
            }
            // The sources whose text is not the chosen one's, the first few by name.
            let differing: Vec<_> = alternatives[i]
                .iter()
                .filter(|(_, digest, _)| *digest != member.digest)
                .collect();
            if !differing.is_empty() {
                let mut others = differing
                    .iter()
                    .take(3)
                    .map(|(words, _, label)| format!("{label} ({words} words)"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if differing.len() > 3 {
                    others.push_str(&format!(" and {} more", differing.len() - 3));
                }
                notes.push(Note {
                    code: Code::EditionTextsDiffer,
                    key: member.key.clone(),
                    message: format!(
                        "{} comes from {} sources whose texts differ: kept the fuller, {} ({} words), over {others}",
                        member.id.as_deref().unwrap_or(&member.key),
                        member.sources.len(),
                        chosen[i],
                        member.words,
                    ),
                });
            }
        }
        // Sorted with the source of each one's text, which pass 2 finds it by.
        let mut sorted: Vec<(Member, String)> = members.into_iter().zip(chosen).collect();
        sorted.sort_by(|(a, _), (b, _)| {
            (a.datetime.is_none(), &a.datetime, &a.key).cmp(&(
                b.datetime.is_none(),
                &b.datetime,
                &b.key,
            ))
        });
        let (mut members, chosen): (Vec<Member>, Vec<String>) = sorted.into_iter().unzip();
        make_unique(&mut members);
        let by_key: HashMap<String, usize> = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.key.clone(), i))
            .collect();
        let by_id: HashMap<String, usize> = members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| Some((m.id.as_ref()?.to_lowercase(), i)))
            .collect();
        let mut cited_by = vec![Vec::new(); members.len()];
        for (i, member) in members.iter().enumerate() {
            for cited in &member.cites {
                if let Some(&j) = by_id.get(&cited.to_lowercase()) {
                    if j != i {
                        cited_by[j].push(i);
                    }
                }
            }
        }
        let by_source = chosen
            .into_iter()
            .enumerate()
            .map(|(i, label)| (label, i))
            .collect();
        notes.sort_by(|a, b| a.key.cmp(&b.key));
        Edition {
            members,
            by_key,
            by_id,
            by_source,
            cited_by,
            notes,
        }
    }
}

/// A reference id as a key: letters, digits, `-` and `_` kept, anything else a `-`.
fn key_of(id: &str) -> String {
    let key: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if key.is_empty() {
        "cable".to_string()
    } else {
        key
    }
}

/// Keys that clash once lower-cased (ids that differ in punctuation or case) get `-2`, `-3`, …
fn make_unique(members: &mut [Member]) {
    let mut seen = HashMap::new();
    for member in members {
        let base = member.key.clone();
        let mut n = 1;
        while seen.insert(member.key.to_lowercase(), ()).is_some() {
            n += 1;
            member.key = format!("{base}-{n}");
        }
    }
}

/// A finished edition (pass 2 reads it): the members in order, who cites whom, and the
/// indexes by tag, station and year.
#[derive(Debug, Default)]
pub struct Edition {
    members: Vec<Member>,
    by_key: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    /// The label of a chosen source → its member.
    by_source: HashMap<String, usize>,
    cited_by: Vec<Vec<usize>>,
    notes: Vec<Note>,
}

impl Edition {
    /// The members, in order of date, then of key.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// The member of a key.
    pub fn get(&self, key: &str) -> Option<&Member> {
        self.by_key.get(key).map(|&i| &self.members[i])
    }

    /// The member whose id is `id` (in any case), when the cable is in the edition.
    pub fn by_id(&self, id: &str) -> Option<&Member> {
        self.by_id
            .get(&id.to_lowercase())
            .map(|&i| &self.members[i])
    }

    /// The member whose chosen text `cable` is; `None` for a cable of another source (a copy
    /// that was not chosen) or not in the edition.
    pub fn chosen(&self, cable: &Cable) -> Option<&Member> {
        self.by_source
            .get(&source_label(cable))
            .map(|&i| &self.members[i])
            .filter(|m| m.id.is_none() || m.id == cable.id)
    }

    /// The members that cite `member`, in the edition's order.
    pub fn cited_by(&self, member: &Member) -> impl Iterator<Item = &Member> {
        let i = self.by_key.get(&member.key).copied();
        i.into_iter()
            .flat_map(move |i| self.cited_by[i].iter().map(move |&j| &self.members[j]))
    }

    /// Notes on the collection (C0701), by key.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// How many sources were read in all (every copy of every member).
    pub fn sources(&self) -> usize {
        self.members.iter().map(|m| m.sources.len()).sum()
    }

    /// Members by TAGS entry, entries in order.
    pub fn by_tag(&self) -> BTreeMap<&str, Vec<&Member>> {
        let mut index: BTreeMap<&str, Vec<&Member>> = BTreeMap::new();
        for m in &self.members {
            for tag in &m.tags {
                index.entry(tag.as_str()).or_default().push(m);
            }
        }
        index
    }

    /// Members by station, stations in order.
    pub fn by_station(&self) -> BTreeMap<&str, Vec<&Member>> {
        let mut index: BTreeMap<&str, Vec<&Member>> = BTreeMap::new();
        for m in &self.members {
            if let Some(s) = &m.station {
                index.entry(s.as_str()).or_default().push(m);
            }
        }
        index
    }

    /// Members by year, years in order.
    pub fn by_year(&self) -> BTreeMap<i32, Vec<&Member>> {
        let mut index: BTreeMap<i32, Vec<&Member>> = BTreeMap::new();
        for m in &self.members {
            if let Some(y) = m.year {
                index.entry(y).or_default().push(m);
            }
        }
        index
    }
}

/// A name (a TAGS entry, a station) as a file name: ASCII letters and digits kept, upper-cased,
/// every other run of characters one `-`, and the code points of what was replaced after a `~`
/// when anything but spaces was, so that two names never share a file (`ADDIS ABABA` →
/// `ADDIS-ABABA`, `PREL/PGOV` → `PREL-PGOV~2f`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut replaced = Vec::new();
    let mut dash = false;
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
            dash = false;
        } else {
            if c != ' ' {
                replaced.push(format!("{:x}", c as u32));
            }
            if !dash && !out.is_empty() {
                out.push('-');
                dash = true;
            }
        }
        if c.is_ascii_lowercase() {
            replaced.push("l".to_string());
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    if !replaced.is_empty() {
        out.push('~');
        out.push_str(&replaced.join("-"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cable(id: &str, text: &str, path: &str) -> Cable {
        let mut c = crate::parse(text);
        c.id = Some(id.to_string());
        c.source = Some(crate::model::Source {
            path: Some(path.to_string()),
            container: crate::source::Container::Text,
            index: None,
            metadata: BTreeMap::new(),
            encoding: None,
        });
        c
    }

    #[test]
    fn the_same_cable_twice_is_one_member_with_the_fuller_text() {
        let mut cat = Catalogue::new();
        cat.add(&cable("09STATE1", "SUBJECT: A\n\n1. Short.\n", "a.txt"));
        cat.add(&cable(
            "09STATE1",
            "SUBJECT: A\n\n1. Short, and longer.\n",
            "b.txt",
        ));
        cat.add(&cable("09STATE1", "SUBJECT: A\n\n1. Short.\n", "c.txt"));
        let edition = cat.finish();
        assert_eq!(edition.members().len(), 1);
        let m = &edition.members()[0];
        assert_eq!(m.sources, ["b.txt", "a.txt", "c.txt"]);
        assert_eq!(edition.notes().len(), 1);
        assert_eq!(edition.notes()[0].code, Code::EditionTextsDiffer);
        assert!(edition.notes()[0]
            .message
            .contains("kept the fuller, b.txt"));
        let b = cable("09STATE1", "x", "b.txt");
        let a = cable("09STATE1", "x", "a.txt");
        assert!(edition.chosen(&b).is_some());
        assert!(edition.chosen(&a).is_none());
    }

    #[test]
    fn the_same_text_twice_gives_no_note() {
        let mut cat = Catalogue::new();
        cat.add(&cable("09STATE1", "1. Same   text.\n", "a.txt"));
        cat.add(&cable("09STATE1", "1. same text.\n", "b.txt"));
        let edition = cat.finish();
        assert!(edition.notes().is_empty());
        assert_eq!(edition.members()[0].sources, ["a.txt", "b.txt"]);
    }

    #[test]
    fn references_and_citers() {
        let mut cat = Catalogue::new();
        cat.add(&cable(
            "09ALMATY2",
            "REF: A. 09 STATE 1 B. 08 ALMATY 7\n\n1. Text.\n",
            "a.txt",
        ));
        cat.add(&cable("09STATE1", "1. Text.\n", "b.txt"));
        let edition = cat.finish();
        let almaty = edition.by_id("09almaty2").unwrap();
        assert_eq!(almaty.cites, ["09STATE1", "08ALMATY7"]);
        let state = edition.by_id("09STATE1").unwrap();
        let citers: Vec<_> = edition.cited_by(state).map(|m| m.key.as_str()).collect();
        assert_eq!(citers, ["09ALMATY2"]);
        assert!(edition.by_id("08ALMATY7").is_none());
    }

    #[test]
    fn slugs_never_clash() {
        assert_eq!(slug("ADDIS ABABA"), "ADDIS-ABABA");
        assert_eq!(slug("PREL/PGOV"), "PREL-PGOV~2f");
        assert_ne!(slug("prel"), slug("PREL"));
        assert_eq!(slug("  "), "x");
        assert_ne!(slug("É"), slug("È"));
    }

    #[test]
    fn keys_differ_in_more_than_case() {
        let mut cat = Catalogue::new();
        cat.add(&cable("09state1", "1. A.\n", "a.txt"));
        cat.add(&cable("09STATE1", "1. A.\n", "b.txt"));
        cat.add(&cable("09 STATE 1", "1. B.\n", "c.txt"));
        let edition = cat.finish();
        // The first two are one cable (ids match in any case); the third is another.
        assert_eq!(edition.members().len(), 2);
        let keys: Vec<_> = edition.members().iter().map(|m| m.key.as_str()).collect();
        assert!(keys.contains(&"09state1") && keys.contains(&"09-STATE-1"));
    }
}
