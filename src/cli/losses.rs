//! What a conversion run could not carry into its format, summed up: one line per kind of loss
//! at the end ("142 cables carry diagnostics that Markdown cannot hold; use --to tei or
//! validate"), instead of a `note:` line per cable (which `--verbose` restores).

use cablegram::converters::Loss;
use std::collections::BTreeMap;

/// A kind of loss, read from the words of a converter's [`Loss`] line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// The parser's diagnostics (`3 parser diagnostic(s) not written`).
    Diagnostics,
    /// Summary and comment roles of paragraphs (`summary/comment roles of 2 paragraph(s) not marked`).
    Roles,
    /// Characters replaced with U+FFFD.
    Replaced,
    /// Body blocks pointing to paragraphs that are not there (a model made by hand).
    Missing,
    /// Anything else (a converter of the user's own), by its words with the numbers taken out.
    Other(String),
}

impl Kind {
    fn of(lost: &str) -> Kind {
        if lost.contains("parser diagnostic") {
            Kind::Diagnostics
        } else if lost.contains("summary/comment roles") {
            Kind::Roles
        } else if lost.contains("U+FFFD") {
            Kind::Replaced
        } else if lost.contains("missing paragraph") {
            Kind::Missing
        } else {
            let mut words = String::with_capacity(lost.len());
            for c in lost.chars() {
                if !c.is_ascii_digit() {
                    words.push(c);
                } else if !words.ends_with('N') {
                    words.push('N');
                }
            }
            Kind::Other(words)
        }
    }
}

/// The losses of a run: how many cables lost something of each kind.
#[derive(Debug, Default)]
pub struct Losses {
    cables: BTreeMap<Kind, u64>,
}

impl Losses {
    /// Counts one cable's report.
    pub fn add(&mut self, report: &Loss) {
        let mut kinds: Vec<Kind> = report.lost.iter().map(|l| Kind::of(l)).collect();
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            *self.cables.entry(kind).or_default() += 1;
        }
    }

    /// The closing lines, one per kind of loss, for the format named `format` (a registry name);
    /// `verbose` when the per-cable lines were shown already.
    pub fn summary(&self, format: &str, verbose: bool) -> Vec<String> {
        let f = display_name(format);
        let list = if verbose {
            ""
        } else {
            " (--verbose lists them)"
        };
        self.cables
            .iter()
            .map(|(kind, &n)| {
                let (cables, carry, have, hold) = if n == 1 {
                    ("cable", "carries", "has", "holds")
                } else {
                    ("cables", "carry", "have", "hold")
                };
                let what = match kind {
                    Kind::Diagnostics => format!(
                        "{n} {cables} {carry} diagnostics that {f} cannot hold; use --to tei or \
                         validate"
                    ),
                    Kind::Roles => format!(
                        "{n} {cables} {have} summary or comment paragraphs that {f} does not \
                         mark; --to tei or --to html marks them"
                    ),
                    Kind::Replaced => format!(
                        "{n} {cables} {hold} characters that {f} cannot carry, replaced with \
                         U+FFFD; --to json keeps them"
                    ),
                    Kind::Missing => format!(
                        "{n} {cables} {have} body blocks that point to missing paragraphs, left \
                         out of the {f}"
                    ),
                    Kind::Other(words) => format!("{n} {cables} lost in {f}: {words}"),
                };
                format!("note: {what}{list}")
            })
            .collect()
    }
}

/// A format's name as people write it (`markdown` → `Markdown`).
fn display_name(format: &str) -> &str {
    match format {
        "markdown" => "Markdown",
        "html" => "HTML",
        "tei" => "TEI",
        "json" => "JSON",
        "csv" => "CSV",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cablegram::converters::{Options, Registry};

    fn report(lines: &[&str]) -> Loss {
        Loss {
            lost: lines.iter().map(|l| l.to_string()).collect(),
        }
    }

    #[test]
    fn one_line_per_kind_counting_cables() {
        let mut losses = Losses::default();
        for n in 1..=142 {
            losses.add(&report(&[&format!("{n} parser diagnostic(s) not written")]));
        }
        losses.add(&report(&[
            "2 characters the format cannot carry replaced with U+FFFD",
            "1 character the format cannot carry replaced with U+FFFD",
        ]));
        losses.add(&report(&["3 frobs dropped"]));
        losses.add(&report(&["12 frobs dropped"]));
        assert_eq!(
            losses.summary("markdown", false),
            [
                "note: 142 cables carry diagnostics that Markdown cannot hold; use --to tei or \
                 validate (--verbose lists them)",
                "note: 1 cable holds characters that Markdown cannot carry, replaced with U+FFFD; \
                 --to json keeps them (--verbose lists them)",
                "note: 2 cables lost in Markdown: N frobs dropped (--verbose lists them)",
            ]
        );
        assert!(Losses::default().summary("html", false).is_empty());
        assert!(!losses.summary("html", true)[0].contains("--verbose"));
    }

    /// The built-in writers' own words are read as the kinds they are, not as "other".
    #[test]
    fn the_builtin_losses_are_known_kinds() {
        // The seed: a diagnostic (its `11.` labels) and a summary and a comment; and a control
        // character in the subject.
        let mut cable = crate::cli::example_cable();
        assert!(!cable.diagnostics.is_empty());
        cable.subject = Some("A\u{1}B".into());
        let registry = Registry::with_builtins();
        let mut kinds = Vec::new();
        for format in ["markdown", "html"] {
            let mut out = Vec::new();
            let report = registry
                .get(format)
                .unwrap()
                .write(&cable, &Options::default(), &mut out)
                .unwrap();
            assert!(!report.is_lossless(), "{format}");
            kinds.extend(report.lost.iter().map(|l| Kind::of(l)));
        }
        assert!(kinds.contains(&Kind::Diagnostics), "{kinds:?}");
        assert!(kinds.contains(&Kind::Replaced), "{kinds:?}");
        assert!(kinds.contains(&Kind::Roles), "{kinds:?}");
        assert!(
            !kinds.iter().any(|k| matches!(k, Kind::Other(_))),
            "{kinds:?}"
        );
    }
}
