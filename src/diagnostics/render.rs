//! Diagnostics for people and for machines: compiler-style messages with the source line and a
//! caret, JSON records, and the summary table by code.

use super::Code;
use crate::model::{Cable, Diagnostic, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The name a cable is shown under: its path, with the row or item for multi-cable containers.
pub fn display_name(cable: &Cable) -> String {
    match &cable.source {
        Some(source) => {
            let path = source.path.clone().unwrap_or_else(|| "<stdin>".into());
            match source.index {
                Some(i) => format!("{path}[{i}]"),
                None => path,
            }
        }
        None => "<input>".into(),
    }
}

/// How many characters of a source line are shown on each side of the place a diagnostic points
/// at (lines of flattened dumps run to thousands of characters).
const CONTEXT_CHARS: usize = 60;

/// Write a cable's diagnostics as a compiler would: `warning[C0103]: expected a SUBJECT line`,
/// then `--> file:line:column`, the line of the cable text (clipped around the place when long)
/// and carets under the place, then the hint.
pub fn write_human(
    out: &mut dyn Write,
    cable: &Cable,
    text: &str,
    min: Severity,
) -> std::io::Result<()> {
    let name = display_name(cable);
    for d in cable.diagnostics.iter().filter(|d| d.severity >= min) {
        writeln!(
            out,
            "{}[{}]: {}",
            severity_name(d.severity),
            d.code,
            d.message
        )?;
        writeln!(
            out,
            "  --> {name}:{}:{}",
            d.span.line.max(1),
            d.span.column.max(1)
        )?;
        if let Some((shown, caret_at, caret_len)) = excerpt(text, d.span.start, d.span.end) {
            let number = d.span.line.max(1).to_string();
            let pad = " ".repeat(number.len());
            writeln!(out, "{pad} |")?;
            writeln!(out, "{number} | {shown}")?;
            writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(caret_at),
                "^".repeat(caret_len.max(1))
            )?;
        }
        if let Some(hint) = &d.hint {
            writeln!(out, "  = hint: {hint}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The source line holding `start`, clipped to [`CONTEXT_CHARS`] around it, with the caret's
/// column and length in characters. Control characters are shown as spaces so that the caret
/// lines up.
fn excerpt(text: &str, start: usize, end: usize) -> Option<(String, usize, usize)> {
    let start = floor_char_boundary(text, start.min(text.len()));
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    let end = floor_char_boundary(text, end.clamp(start, line_end));
    let before: Vec<char> = text[line_start..start].chars().collect();
    let marked: Vec<char> = text[start..end].chars().collect();
    let after: Vec<char> = text[end..line_end].chars().collect();
    if before.is_empty() && marked.is_empty() && after.is_empty() {
        return None;
    }
    let skip = before.len().saturating_sub(CONTEXT_CHARS);
    let marked_len = marked.len().min(CONTEXT_CHARS);
    let tail = after.len().min(CONTEXT_CHARS.saturating_sub(marked_len));
    let mut shown = String::new();
    if skip > 0 {
        shown.push('…');
    }
    let visible = |c: &char| if c.is_control() { ' ' } else { *c };
    shown.extend(before[skip..].iter().map(visible));
    let caret_at = before.len() - skip + usize::from(skip > 0);
    shown.extend(marked[..marked_len].iter().map(visible));
    shown.extend(after[..tail].iter().map(visible));
    if marked_len < marked.len() || tail < after.len() {
        shown.push('…');
    }
    Some((shown, caret_at, marked_len))
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One diagnostic as a JSON record, for machines.
#[derive(Serialize)]
pub struct Record<'a> {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub code: Code,
    pub severity: Severity,
    pub message: &'a str,
    pub hint: Option<&'a str>,
    pub id: Option<&'a str>,
}

/// The JSON records of a cable's diagnostics at or above `min`.
pub fn records(cable: &Cable, min: Severity) -> Vec<Record<'_>> {
    let file = display_name(cable);
    cable
        .diagnostics
        .iter()
        .filter(|d| d.severity >= min)
        .map(|d: &Diagnostic| Record {
            file: file.clone(),
            line: d.span.line.max(1),
            column: d.span.column.max(1),
            code: d.code,
            severity: d.severity,
            message: &d.message,
            hint: d.hint.as_deref(),
            id: cable.id.as_deref(),
        })
        .collect()
}

/// Counts of diagnostics by code, and of cables by their worst severity.
#[derive(Debug, Default, Serialize)]
pub struct Tally {
    pub cables: u64,
    pub clean: u64,
    pub with_warnings: u64,
    pub with_errors: u64,
    pub unreadable: u64,
    pub by_code: BTreeMap<Code, u64>,
}

impl Tally {
    /// Count one cable.
    pub fn add(&mut self, cable: &Cable) {
        self.cables += 1;
        match cable.worst_severity() {
            Some(Severity::Error) => self.with_errors += 1,
            Some(Severity::Warning) => self.with_warnings += 1,
            _ => self.clean += 1,
        }
        for d in &cable.diagnostics {
            *self.by_code.entry(d.code).or_default() += 1;
        }
    }

    /// The table of diagnostics by code, with what each code means.
    pub fn table(&self) -> String {
        let mut out = String::new();
        if self.by_code.is_empty() {
            return out;
        }
        out.push_str("code   severity  count  meaning\n");
        for (code, count) in &self.by_code {
            let (sev, meaning) = (severity_name(code.severity()), code.meaning());
            out.push_str(&format!("{code}  {sev:<8}  {count:>5}  {meaning}\n"));
        }
        out
    }
}

/// The severity's name in messages.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_output_has_location_caret_and_code() {
        let text = "UNCLAS ALMATY 001938\n\n1. (SBU) Text.\n";
        let mut cable = crate::parse(text);
        cable.source = Some(crate::model::Source {
            path: Some("seed.txt".into()),
            ..Default::default()
        });
        let mut out = Vec::new();
        write_human(&mut out, &cable, text, Severity::Info).unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert!(shown.contains("warning[C0103]"), "{shown}");
        assert!(shown.contains("seed.txt:1:1"), "{shown}");
        assert!(shown.contains("^^^"), "{shown}");
        assert!(shown.contains("UNCLAS ALMATY 001938"), "{shown}");
    }

    #[test]
    fn long_lines_are_clipped_around_the_place() {
        let line = format!("{}TARGET{}", "a ".repeat(500), " b".repeat(500));
        let start = line.find("TARGET").unwrap();
        let (shown, at, len) = excerpt(&line, start, start + 6).unwrap();
        assert!(shown.chars().count() < 2 * CONTEXT_CHARS + 10, "{shown}");
        let chars: Vec<char> = shown.chars().collect();
        let under: String = chars[at..at + len].iter().collect();
        assert_eq!(under, "TARGET");
    }
}
