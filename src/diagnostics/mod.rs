//! Diagnostics in one place: the stable codes ([`Code`]), what each means and how severe it is,
//! and their rendering for people and machines ([`render`]).
//!
//! The parser emits [`Diagnostic`]s (the model's record of one finding); pest's errors are turned
//! into diagnostics inside the parser (`parser::names`), so that pest's types stay in the parsing
//! module.

pub mod render;

pub use crate::model::{Diagnostic, Severity, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares [`Code`] with, for each variant, its stable string, its severity and its meaning,
/// in one table.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $meaning:literal;)*) => {
        /// A stable diagnostic code. Codes are written, read back and sorted as their strings
        /// (`"C0101"`); `cablegram validate --explain` lists them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $code)] $variant,)*
        }

        impl Code {
            /// Every code, in the order of their strings.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written: `C0101`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// How severe a finding with this code is.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// What the code means, in words.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(Code::$variant => $meaning,)*
                }
            }
        }
    };
}

codes! {
    /// Nothing but white space.
    Empty = "C0000", Error, "the input is empty";
    /// Nothing the grammar recognises as part of a cable.
    NoStructure = "C0001", Error,
        "no cable structure: no classification line, subject or numbered paragraph";
    /// The grammar failed; the text is kept as one paragraph.
    Unreadable = "C0002", Error, "the grammar could not read the text";
    /// Refused before parsing, so that time and memory stay bounded.
    TooLarge = "C0003", Error, "the text is larger than a cable may be";
    /// The grammar succeeded without a `cable` pair.
    NoCable = "C0004", Error, "the grammar produced no cable";
    /// The cable has no classification line.
    NoClassification = "C0101", Warning, "no classification line";
    /// The cable has no station and serial number.
    NoStationSerial = "C0102", Warning, "no station and serial number";
    /// The cable has no SUBJECT line.
    NoSubject = "C0103", Warning, "no SUBJECT line";
    /// The cable has no TAGS line.
    NoTags = "C0104", Warning, "no TAGS line";
    /// The classification line and the transmission header disagree.
    HeaderMismatch = "C0106", Warning,
        "the classification line and the transmission header name different cables";
    /// The container names another cable than the text does.
    IdDisagrees = "C0107", Warning,
        "the container's reference id names another station or serial than the text";
    /// A TAGS line repeated with other tags (a mirror's header pasted above the text).
    TagsDisagree = "C0108", Info, "a second TAGS line lists other tags than the first";
    /// The text names a station that sent no cables: a damaged line (`SECTION 02 OF
    /// 03QRIPOLI`), or a caption read into the station.
    UnknownStation = "C0109", Warning, "the cable names a station that sent no cables";
    /// A header line kept as written.
    UnknownHeaderLine = "C0201", Warning, "a header line the grammar does not know";
    /// Paragraph numbers out of sequence.
    ParagraphNumbers = "C0301", Info, "paragraph numbers skip or repeat";
    /// The pilcrow became a `1`.
    PilcrowAsOne = "C0302", Info, "paragraph labels 11., 12. … read as ¶1, ¶2 …";
    /// The text ends in the middle of a sentence.
    Truncated = "C0303", Warning, "the text seems cut off";
    /// Runs of two spaces were read as line breaks.
    LostLineBreaks = "C0401", Info, "the text had lost its line breaks";
    /// A date-time group whose day, hour or month cannot be.
    ImpossibleDate = "C0501", Warning, "a date-time group that is not a real date";
    /// The container's date is another day than the text's.
    DateDisagrees = "C0502", Warning, "the container dates the cable on another day than the text";
    /// A REF item names a station that sent no cables: its `cites` is left empty.
    CitedStationUnknown = "C0601", Info, "a reference names an unknown station";
    /// A REF item gives no year, and the citing cable's year is unknown.
    CitedYearUnknown = "C0602", Info, "a reference's year cannot be decided";
    /// An edition holds each cable once: of the sources of one cable whose texts differ, the
    /// fuller text is kept.
    EditionTextsDiffer = "C0701", Warning,
        "the same cable comes from several sources whose texts differ; the fuller text is kept";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Diagnostic {
    /// A finding with `code`, at the severity the code has.
    pub fn new(code: Code, message: String, hint: Option<String>, span: Span) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message,
            hint,
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    /// The strings are unique and in the order of the variants, so that sorting by [`Code`]
    /// sorts as the strings do, and serde writes exactly [`Code::as_str`].
    #[test]
    fn codes_are_ordered_and_serialise_as_written() {
        for pair in Code::ALL.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(pair[0].as_str() < pair[1].as_str(), "{:?}", pair);
        }
        for code in Code::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), *code);
        }
    }

    /// The README's table of codes names every code, with its severity, and no other.
    #[test]
    fn the_readme_lists_every_code() {
        let readme = include_str!("../../README.md");
        let listed: Vec<(String, String)> = readme
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let code = cells.get(1)?;
                let is_code = code.len() == 5
                    && code.starts_with('C')
                    && code[1..].bytes().all(|b| b.is_ascii_digit());
                is_code.then(|| (code.to_string(), cells[2].to_string()))
            })
            .collect();
        let expected: Vec<(String, String)> = Code::ALL
            .iter()
            .map(|code| {
                let severity = super::render::severity_name(code.severity());
                (code.as_str().to_string(), severity.to_string())
            })
            .collect();
        assert_eq!(listed, expected);
    }
}
