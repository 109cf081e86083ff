//! The real corpus (`../shared/corpus`): every file read, every cable parsed without a panic, no
//! word of the input missing from the model, and what the text says compared with the metadata
//! that the cablegate site (and the CSV and JSON dumps) kept beside it.
//!
//! The figures are printed (`cargo test --profile ci --test corpus -- --nocapture`); the asserts are
//! the bars of the project's issues.

mod common;

use cablegram::batch;
use cablegram::model::{Block, Cable, FieldSource};
use cablegram::stats::CorpusStats;
use common::corpus::dir as corpus_dir;
use std::collections::HashMap;
use std::path::PathBuf;

/// The words of a text: maximal runs of letters and digits, counted.
fn words(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Everything of the text that the model keeps, as the converters see it.
fn model_text(cable: &Cable) -> String {
    let mut out = String::new();
    for item in &cable.header {
        out.push_str(&item.text);
        out.push('\n');
    }
    for para in &cable.paragraphs {
        for piece in [&para.label, &para.marking].into_iter().flatten() {
            out.push_str(piece);
            out.push(' ');
        }
        // Each marker where it interrupted the text, so that a word a page head was glued to
        // (`seasonedAnkara 00001091 002 of 002`) stands as it was written.
        let mut from = 0;
        for marker in &para.markers {
            let at = marker.at.clamp(from, para.text.len());
            out.push_str(&para.text[from..at]);
            out.push('\n');
            out.push_str(&marker.text);
            out.push('\n');
            from = at;
        }
        out.push_str(&para.text[from..]);
        out.push('\n');
    }
    for block in &cable.body {
        match block {
            Block::Paragraph { .. } => {}
            Block::Heading { text, .. }
            | Block::Marker { text, .. }
            | Block::Signature { text, .. }
            | Block::Trailer { text, .. } => {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
    out
}

/// Words of `input` missing from `kept`, counted with multiplicity.
/// A word that the grammar split where fields were glued together (`001091SIPDISE.O.` becomes
/// the serial, a caption and the E.O. keyword) is kept when its letters and digits stand, in
/// order, in the model's text with the separators taken out.
fn missing_words(input: &str, kept: &str) -> (usize, usize) {
    let have = words(kept);
    let mut compact: Option<String> = None;
    let mut total = 0;
    let mut missing = 0;
    for (word, n) in words(input) {
        total += n;
        let short = n.saturating_sub(*have.get(word).unwrap_or(&0));
        if short > 0 {
            let compact = compact
                .get_or_insert_with(|| kept.chars().filter(|c| c.is_alphanumeric()).collect());
            if !compact.contains(word) {
                missing += short;
            }
        }
    }
    (total, missing)
}

struct Parsed {
    cable: Cable,
    input_words: usize,
    missing_words: usize,
}

fn parse_corpus() -> (Vec<Parsed>, u64) {
    let (parsed, unreadable) = common::corpus::each(|doc| {
        let text = doc.text.clone();
        let cable = std::panic::catch_unwind(|| batch::parse_doc(doc));
        let cable = cable.unwrap_or_else(|_| panic!("the parser panicked on a corpus cable"));
        let (input_words, missing_words) = missing_words(&text, &model_text(&cable));
        Parsed {
            cable,
            input_words,
            missing_words,
        }
    });
    for error in &unreadable {
        eprintln!("unreadable: {error}");
    }
    (parsed, unreadable.len() as u64)
}

fn pct(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

/// Upper case, letters and digits only: how the site's subject and ours are compared (the
/// site dropped markings and quotes, and cut long subjects).
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A site subject without the remains of a marking: `U) Secretary …`, `(S/NF) ARGENTINA …`.
fn site_subject(s: &str) -> &str {
    let t = s.trim_start_matches('(');
    match t.find(')') {
        Some(i)
            if i <= 12
                && t[..i]
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || "/ ".contains(c)) =>
        {
            t[i + 1..].trim_start()
        }
        _ => s,
    }
}

#[derive(Default)]
struct Agreement {
    pages: usize,
    level: usize,
    station_serial: usize,
    with_subject: usize,
    subject: usize,
    dated_text: usize,
    dated: usize,
    date_right: usize,
    numbered: usize,
    numbers_right: usize,
    numbers_all_right: usize,
}

/// The site's id, `05ALMATY1938`, into station and serial.
fn split_id(id: &str) -> Option<(String, u64)> {
    let id = id.trim();
    let body = id.get(2..)?;
    let digits = body.len() - body.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (station, serial) = body.split_at(body.len() - digits);
    Some((station.to_string(), serial.parse().ok()?))
}

/// Compare one cable with its page's table (or its row's columns).
fn agree(cable: &Cable, a: &mut Agreement, misses: &mut Vec<String>) {
    let Some(source) = &cable.source else { return };
    let meta = &source.metadata;
    let (Some(id), Some(class)) = (meta.get("reference_id"), meta.get("classification")) else {
        return;
    };
    let Some((site_station, site_serial)) = split_id(id) else {
        return;
    };
    let name = format!("{} [{id}]", source.path.as_deref().unwrap_or(""));
    a.pages += 1;
    let site_level = class.split("//").next().unwrap_or("").trim().to_uppercase();
    // What the text gives is measured, not the container's fallback (which is the site's own).
    let level = cable
        .classification
        .as_ref()
        .filter(|_| cable.classification_source == Some(FieldSource::Text))
        .map(|c| c.level.to_string());
    if level.as_deref() == Some(site_level.as_str()) {
        a.level += 1;
    } else {
        misses.push(format!("level {name}: {level:?} vs {class}"));
    }
    let station: String = cable
        .station
        .as_deref()
        .filter(|_| cable.station_source == Some(FieldSource::Text))
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    if station == site_station && cable.serial == Some(site_serial) {
        a.station_serial += 1;
    } else {
        misses.push(format!(
            "station {name}: {:?} {:?} vs {id}",
            cable.station, cable.serial
        ));
    }
    if let Some(subject) = meta.get("subject").filter(|s| !s.trim().is_empty()) {
        a.with_subject += 1;
        let ours = squash(cable.subject.as_deref().unwrap_or(""));
        let theirs = squash(site_subject(subject));
        if !ours.is_empty()
            && !theirs.is_empty()
            && (ours.starts_with(&theirs) || theirs.starts_with(&ours))
        {
            a.subject += 1;
        } else {
            misses.push(format!(
                "subject {name}: {:?} vs {subject:?}",
                cable.subject
            ));
        }
    }
    let has_date_text = cable.header.iter().any(|h| {
        matches!(
            h.kind,
            cablegram::model::HeaderKind::DateTimeGroup | cablegram::model::HeaderKind::DateLine
        )
    });
    let created = meta.get("created").or_else(|| meta.get("date_time"));
    if let (true, Some(created)) = (has_date_text, created) {
        a.dated_text += 1;
        // Only the text's own date is measured here, not the container's fallback.
        let from_text = cable.datetime_source == Some(FieldSource::Text);
        if let Some(ours) = cable.datetime.as_ref().filter(|_| from_text) {
            a.dated += 1;
            // Day and hour: the site's minutes are unreliable.
            let ours = ours.replace('T', " ");
            if ours.get(..13) == created.get(..13) {
                a.date_right += 1;
            } else {
                misses.push(format!("date {name}: {ours} vs {created}"));
            }
        }
    }
    // Paragraph numbers against the site's own paragraph anchors, where the page has them.
    if let Some(anchors) = meta.get("paragraph_anchors") {
        // The site's auto-linker also anchored years that happened to start a line
        // (`2001. …`); no cable has a thousand paragraphs, so those are not paragraph numbers.
        let site: Vec<u32> = anchors
            .split(',')
            .filter_map(|n| n.parse().ok())
            .filter(|&n| n < 1000)
            .collect();
        // The site anchored only the numbers written with a pilcrow (`¶3.`); a cable that
        // wrote some numbers without one (`1. (C) Summary`) has more paragraphs than anchors.
        // The comparison is therefore with the paragraphs that carry a pilcrow; the figure
        // for all numbered paragraphs is printed beside it.
        let numbers: Vec<u32> = cable
            .paragraphs
            .iter()
            .filter(|p| p.label.as_deref().is_some_and(|l| l.starts_with('¶')))
            .filter_map(|p| p.number)
            .collect();
        let all: Vec<u32> = cable.paragraphs.iter().filter_map(|p| p.number).collect();
        a.numbered += 1;
        if all == site {
            a.numbers_all_right += 1;
        }
        if numbers == site {
            a.numbers_right += 1;
        } else {
            misses.push(format!(
                "numbers {name}: {numbers:?} vs the site's {site:?}"
            ));
        }
    }
}

/// What must agree between two readings of one cable.
fn reading(cable: &Cable) -> impl PartialEq + std::fmt::Debug {
    (
        cable.classification.as_ref().map(|c| c.level),
        cable.station.clone(),
        cable.serial,
        cable.subject.as_deref().map(squash),
        cable.tags.clone(),
        cable
            .paragraphs
            .iter()
            .map(|p| (p.number, squash(&p.text)))
            .collect::<Vec<_>>(),
    )
}

/// Cables found both as a site page (`*.html`) and as the raw `<pre>` text of a page
/// (`tathagata__reveal/*.txt`): how many give the same reading.
fn same_cable_across_containers(parsed: &[Parsed]) -> (usize, usize) {
    let id_of = |p: &Parsed| {
        let path = p.cable.source.as_ref()?.path.as_deref()?;
        let name = std::path::Path::new(path)
            .file_stem()?
            .to_str()?
            .to_string();
        Some((name, path.contains("tathagata__reveal")))
    };
    let mut texts = HashMap::new();
    for p in parsed {
        if let Some((id, true)) = id_of(p) {
            texts.insert(id, p);
        }
    }
    let (mut pairs, mut same) = (0, 0);
    for p in parsed {
        let Some((id, false)) = id_of(p) else {
            continue;
        };
        let is_page = p
            .cable
            .source
            .as_ref()
            .is_some_and(|s| s.path.as_deref().is_some_and(|x| x.ends_with(".html")));
        if let (true, Some(text)) = (is_page, texts.get(&id)) {
            pairs += 1;
            if reading(&p.cable) == reading(&text.cable) {
                same += 1;
            }
        }
    }
    (pairs, same)
}

#[test]
fn the_whole_corpus() {
    let (parsed, unreadable) = parse_corpus();
    let cables = parsed.len();
    assert!(cables > 3000, "only {cables} cables read");

    // Words kept.
    let input_words: usize = parsed.iter().map(|p| p.input_words).sum();
    let missing: usize = parsed.iter().map(|p| p.missing_words).sum();
    let worst = parsed.iter().max_by_key(|p| p.missing_words);
    println!(
        "{cables} cables, {unreadable} unreadable inputs; {input_words} input words, {missing} missing ({:.4}% kept)",
        100.0 - pct(missing, input_words)
    );
    if std::env::var("CORPUS_MISSES").is_ok() {
        let mut losers: Vec<&Parsed> = parsed.iter().filter(|p| p.missing_words > 0).collect();
        losers.sort_by_key(|p| std::cmp::Reverse(p.missing_words));
        for p in losers.iter().take(15) {
            let source = p.cable.source.as_ref();
            println!(
                "    words missing: {} in {:?} [{:?}]",
                p.missing_words,
                source.and_then(|s| s.path.as_deref()),
                source.and_then(|s| s.index)
            );
        }
    }
    if let Some(w) = worst.filter(|w| w.missing_words > 0) {
        println!(
            "most words missing: {} in {:?}",
            w.missing_words,
            w.cable.source.as_ref().and_then(|s| s.path.as_deref())
        );
    }

    // Coverage.
    let mut stats = CorpusStats::default();
    for p in &parsed {
        stats.add(&p.cable);
    }
    for (field, n) in stats.coverage_rows() {
        println!("  {field:<22} {n:>6}  {:>6.2}%", pct(n as usize, cables));
    }

    // Agreement with the site's metadata.
    let mut a = Agreement::default();
    let mut misses = Vec::new();
    for p in &parsed {
        agree(&p.cable, &mut a, &mut misses);
    }
    println!(
        "against the site's metadata ({} cables with a table or row):",
        a.pages
    );
    println!("  classification level  {:>6.2}%", pct(a.level, a.pages));
    println!(
        "  station and serial    {:>6.2}%",
        pct(a.station_serial, a.pages)
    );
    println!(
        "  subject               {:>6.2}% of {}",
        pct(a.subject, a.with_subject),
        a.with_subject
    );
    println!(
        "  date given            {:>6.2}% of {} with a DTG or date line; right {:>6.2}%",
        pct(a.dated, a.dated_text),
        a.dated_text,
        pct(a.date_right, a.dated)
    );
    println!(
        "  paragraph numbers     {:>6.2}% of {} pages with anchors ({:.2}% counting numbers written without a pilcrow)",
        pct(a.numbers_right, a.numbered),
        a.numbered,
        pct(a.numbers_all_right, a.numbered)
    );
    // `CORPUS_MISSES=N` shows N disagreements (default 60).
    let shown = std::env::var("CORPUS_MISSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    for miss in misses.iter().take(shown) {
        println!("    {miss}");
    }

    // A year for every cable whose text or container has a date (issue 16): the container's
    // date keys, or a date the text gives (read, or a `Cable dated:` stamp the grammar does not
    // read yet).
    fn container_date(c: &Cable) -> Option<&String> {
        c.source.as_ref().and_then(|s| {
            ["created", "date_time", "date", "row_date"]
                .iter()
                .find_map(|k| s.metadata.get(*k).filter(|v| !v.trim().is_empty()))
        })
    }
    let dated: Vec<&Cable> = parsed
        .iter()
        .map(|p| &p.cable)
        .filter(|c| {
            c.datetime_source == Some(FieldSource::Text)
                || container_date(c).is_some()
                || c.header.iter().any(|h| h.text.contains("Cable dated:"))
        })
        .collect();
    let with_year = dated.iter().filter(|c| c.year().is_some()).count();
    let fallback: Vec<&&Cable> = dated
        .iter()
        .filter(|c| c.datetime_source == Some(FieldSource::Container))
        .collect();
    // A fallback date is the container's own day, whatever form the container wrote it in.
    let same_day = fallback
        .iter()
        .filter(|c| {
            let ours = c.datetime.as_deref().unwrap_or_default();
            let day = (&ours[..4], &ours[5..7], &ours[8..10]);
            let same = day_written(container_date(c).unwrap()) == Some(day);
            if !same {
                println!("    fallback date {ours} vs {:?}", container_date(c));
            }
            same
        })
        .count();
    println!(
        "  year given            {:>6.2}% of {} cables whose text or container has a date; {} dated from the container, {:.2}% on the container's day",
        pct(with_year, dated.len()),
        dated.len(),
        fallback.len(),
        pct(same_day, fallback.len())
    );

    // REF items resolved to cables (issue 13), against the references column that `cables.csv`
    // rows carry (the release's own resolution, ids joined by `|`).
    let (mut right, mut ours_all, mut theirs_all, mut theirs_with_ref, mut right_with_ref) =
        (0, 0, 0, 0, 0);
    for c in parsed.iter().map(|p| &p.cable) {
        let Some(column) = c.source.as_ref().and_then(|s| s.metadata.get("references")) else {
            continue;
        };
        let theirs: std::collections::HashSet<&str> = column
            .split(['|', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let ours: std::collections::HashSet<&str> = c
            .references
            .iter()
            .filter_map(|r| r.cites.as_deref())
            .collect();
        let hits = ours.intersection(&theirs).count();
        right += hits;
        ours_all += ours.len();
        theirs_all += theirs.len();
        if c.header_item(cablegram::model::HeaderKind::References)
            .is_some()
        {
            theirs_with_ref += theirs.len();
            right_with_ref += hits;
        }
    }
    println!(
        "  references cited      precision {:.2}% of {ours_all}; recall {:.2}% of {theirs_all} ({:.2}% of {theirs_with_ref} in cables with a REF line)",
        pct(right, ours_all),
        pct(right, theirs_all),
        pct(right_with_ref, theirs_with_ref)
    );

    // The same cable read as a site page and as the raw text of that page's `<pre>` blocks.
    let (pairs, same) = same_cable_across_containers(&parsed);
    println!(
        "same model from page and from raw text: {same} of {pairs} cables ({:.2}%)",
        pct(same, pairs)
    );

    // Every file gives a model; the floors of the issue.
    let with_model = cables;
    assert!(pct(with_model, cables + unreadable as usize) >= 99.5);
    assert!(
        100.0 - pct(missing, input_words) >= 99.9,
        "words kept below 99.9%"
    );
    assert!(
        pct(a.level, a.pages) >= 99.5,
        "classification level below 99.5%"
    );
    assert!(
        pct(a.station_serial, a.pages) >= 99.0,
        "station and serial below 99%"
    );
    assert!(pct(a.subject, a.with_subject) >= 99.0, "subject below 99%");
    assert!(pct(a.dated, a.dated_text) >= 99.0, "date given below 99%");
    assert!(pct(a.date_right, a.dated) >= 99.5, "date right below 99.5%");
    assert!(
        pct(with_year, dated.len()) >= 99.0,
        "year given below 99% of the dated cables"
    );
    assert_eq!(
        same_day,
        fallback.len(),
        "a fallback date off the container's day"
    );
    assert!(
        pct(a.numbers_right, a.numbered) >= 99.0,
        "paragraph numbers below 99%"
    );
}

/// The day a container's date names, as (year, month, day) with two-digit month and day:
/// `2004-12-30 05:05`, `5/8/1986 11:50`, `Wed Dec 04 00:00:00 +0100 2002`.
fn day_written(date: &str) -> Option<(&str, &'static str, &str)> {
    const TWO: [&str; 32] = [
        "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
        "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29",
        "30", "31",
    ];
    let two = |n: &str| TWO.get(n.parse::<usize>().ok()?).copied();
    let words: Vec<&str> = date.split_whitespace().collect();
    if let [_, month, day, _, _, year] = words.as_slice() {
        let months = "JanFebMarAprMayJunJulAugSepOctNovDec";
        let m = months.find(*month)? / 3 + 1;
        return Some((year, TWO[m], two(day).map(|_| *day)?));
    }
    let first = *words.first()?;
    if let Some((m, rest)) = first.split_once('/') {
        let (d, y) = rest.split_once('/')?;
        let day = TWO
            .iter()
            .find(|t| t.parse::<u32>().ok() == d.parse().ok())?;
        return Some((y, two(m)?, day));
    }
    let mut parts = first.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    Some((y, two(m)?, TWO.iter().find(|t| **t == d)?))
}

/// The text of a site page as someone would copy it out by hand: the `<pre>` blocks, their line
/// entities as line breaks, tags dropped, entities decoded, header and body one line apart.
fn text_of_page(page: &str) -> String {
    let mut blocks = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<pre>") {
        let after = &rest[start + 5..];
        let end = after.find("</pre>").unwrap_or(after.len());
        blocks.push(&after[..end]);
        rest = &after[end..];
    }
    let mut text = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let mut in_tag = false;
        for c in block.replace("&#x000A;", "\n").chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn a_page_and_its_text_give_the_same_cable() {
    let dir = corpus_dir();
    let pages: Vec<PathBuf> = cablegram::source::walk(&[dir])
        .flatten()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() > 1000, "only {} pages", pages.len());
    let mut same = 0;
    let mut differ = Vec::new();
    for path in &pages {
        let bytes = std::fs::read(path).unwrap();
        let page_text = String::from_utf8_lossy(&bytes);
        let from_page = cablegram::source::read_path(path, None)
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        let from_text = cablegram::source::read_bytes(
            text_of_page(&page_text).into_bytes(),
            Some("page.txt"),
            Some(cablegram::source::Container::Text),
        )
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
        let a = batch::parse_doc(from_page);
        let b = batch::parse_doc(from_text);
        if reading(&a) == reading(&b) {
            same += 1;
        } else {
            differ.push(path.display().to_string());
        }
    }
    println!(
        "a page and its text give the same cable: {same} of {} ({:.2}%); differ: {differ:?}",
        pages.len(),
        pct(same, pages.len())
    );
    assert!(pct(same, pages.len()) >= 99.0);
}
