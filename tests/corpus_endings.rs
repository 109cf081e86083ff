//! The end of a cable on the real corpus (`../shared/corpus`): the signature that closes nearly
//! every full cable, found whether it stands on a line of its own or after the last sentence.
//!
//! Which cables end with a name is decided here from the text as written, with a rule of this
//! test's own (the last words after the last sentence, trailing closing lines passed over), not
//! with the grammar's: the figure is how often the parser finds a signer where a reader would.
//! `cargo test --profile ci --test corpus_endings -- --nocapture` prints the figures.

mod common;

use cablegram::batch;
use cablegram::model::Cable;

/// Every cable of the corpus with the text it was read from.
fn read_corpus() -> Vec<(String, Cable)> {
    let (cables, _) = common::corpus::each(|doc| (doc.text.clone(), batch::parse_doc(doc)));
    cables
}

/// A closing line that may follow the signature: a classification, `NNNN`, `BT`,
/// `End Cable Text`, the State review stamp, a newspaper's watermark.
fn is_closing_line(line: &str) -> bool {
    let upper = line.trim().to_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let levels = [
        "UNCLASSIFIED",
        "CONFIDENTIAL",
        "SECRET",
        "NOFORN",
        "SIPDIS",
        "FGI",
        "REL",
        "NNNN",
        "BT",
    ];
    words.is_empty()
        || words.iter().all(|w| levels.contains(w))
        || upper.starts_with("END CABLE TEXT")
        || upper.starts_with("DECLASSIFIED/RELEASED")
        || upper.starts_with("SYSTEMATIC REVIEW")
        || upper.starts_with("REVIEW ")
        || upper.starts_with("TRACK IMPRES")
        || upper.starts_with("ID:")
}

/// Words that end a cable's text without being a name.
const NOT_NAMES: &[&str] = &[
    "END",
    "COMMENT",
    "SUMMARY",
    "NOTE",
    "TEXT",
    "QUOTE",
    "UNQUOTE",
    "BT",
    "NNNN",
    "MINIMIZE",
    "CONSIDERED",
    "CLEARED",
    "THANKS",
    "REGARDS",
    "SIPDIS",
    "NOFORN",
    "SECRET",
    "CONFIDENTIAL",
    "UNCLASSIFIED",
    "SECTION",
    "OF",
    "PAGE",
    "THE",
    "AND",
    "FOR",
    "TO",
    "IN",
    "ON",
    "AT",
];

/// The name that a text written by a reader's eye ends with: after the last sentence of its last
/// line (or the whole last line after a blank line or a sentence's end), one to three words, each
/// a capital and letters (`Ford`, `DAALDER`, `McMullen`, `van Voorst`).
fn ending_name(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut last = lines.len();
    while last > 0 && is_closing_line(lines[last - 1]) {
        last -= 1;
    }
    let line = lines.get(last.checked_sub(1)?)?.trim();
    let before_line = lines[..last - 1]
        .iter()
        .rev()
        .map(|l| l.trim())
        .next()
        .unwrap_or("");
    let tail = match line.rfind(['.', '!', '?']) {
        Some(i) => &line[i + 1..],
        None if before_line.is_empty() || before_line.ends_with(['.', '!', '?', '"', '”', ')']) => {
            line
        }
        None => return None,
    };
    let tail = tail.trim_start_matches(['"', '”', ')', ' ']).trim();
    let words: Vec<&str> = tail.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return None;
    }
    let particle = |w: &str| ["van", "de", "von", "der", "da", "du", "la", "le"].contains(&w);
    let name_word = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && w.len() >= 2
            && chars.all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'')
            && !NOT_NAMES.contains(&w.to_uppercase().as_str())
    };
    let last_word = words[words.len() - 1];
    let plausible = name_word(last_word)
        && words[..words.len() - 1]
            .iter()
            .all(|w| name_word(w) || particle(w));
    plausible.then(|| words.join(" "))
}

#[test]
fn signers_of_full_cables_that_end_with_a_name() {
    let cables = read_corpus();
    assert!(cables.len() > 3000, "only {} cables read", cables.len());
    let full: Vec<&(String, Cable)> = cables.iter().filter(|(_, c)| !c.partial).collect();
    let signed = full.iter().filter(|(_, c)| !c.signers.is_empty()).count();
    let mut ending = 0;
    let mut found = 0;
    let mut missed = Vec::new();
    for (text, cable) in &full {
        let Some(name) = ending_name(text) else {
            continue;
        };
        ending += 1;
        if cable.signers.is_empty() {
            let path = cable.source.as_ref().and_then(|s| s.path.clone());
            missed.push(format!("{name:?} in {path:?}"));
        } else {
            found += 1;
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "full cables: {}; with a signer: {signed} ({:.2}%)",
        full.len(),
        pct(signed, full.len())
    );
    println!(
        "full cables whose text ends with a name: {ending}; with a signer: {found} ({:.2}%)",
        pct(found, ending)
    );
    for miss in missed.iter().take(25) {
        println!("    no signer: {miss}");
    }
    assert!(
        pct(found, ending) >= 97.0,
        "signers below 97% of the full cables that end with a name"
    );
}
