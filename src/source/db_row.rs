//! A database row (`number, date, reference id, origin, classification, references, header,
//! body`, tab-separated, newlines escaped with a backslash) found where a page or a text file
//! should hold a cable's body: some mirrors pasted the rows of their database.

use std::collections::BTreeMap;

/// A database row found in place of a body.
#[derive(Debug, PartialEq)]
pub(super) struct DbRow {
    pub(super) number: Option<String>,
    date: String,
    pub(super) reference_id: String,
    origin: String,
    classification: String,
    references: String,
    pub(super) header: String,
    pub(super) body: String,
    pub(super) rest: Option<String>,
}

impl DbRow {
    /// Parses a decoded body block as a DB row; `None` when it is ordinary cable text.
    pub(super) fn parse(block: &str) -> Option<DbRow> {
        let first_line = block.split('\n').next().unwrap_or("");
        if !first_line.contains('\t') {
            return None;
        }
        let fields: Vec<&str> = block.split('\t').collect();
        // Leading row numbers and dates; garbled rows repeat them.
        let mut number = None;
        let mut date = None;
        let mut i = 0;
        while i < fields.len() {
            if is_row_date(fields[i]) {
                date.get_or_insert(fields[i]);
            } else if is_row_number(fields[i]) && date.is_none() {
                number.get_or_insert(fields[i]);
            } else if !is_row_number(fields[i]) {
                break;
            }
            i += 1;
        }
        let date = date?;
        if fields.len() < i + 6 {
            return None;
        }
        let origin = fields[i + 1];
        let mut end = i + 6;
        while end < fields.len() && !is_row_restart(&fields[end..], origin) {
            end += 1;
        }
        let mut rest = (end < fields.len()).then(|| unescape_row(&fields[end..].join("\t")));
        let mut body = unescape_row(&fields[i + 5..end].join("\t"));
        end_row_body(&mut body, &mut rest);
        Some(DbRow {
            number: number.map(str::to_string),
            date: date.to_string(),
            reference_id: fields[i].trim().to_string(),
            origin: origin.trim().to_string(),
            classification: fields[i + 2].trim().to_string(),
            references: fields[i + 3].trim().to_string(),
            header: unescape_row(fields[i + 4]),
            body,
            rest,
        })
    }

    pub(super) fn record(&self, metadata: &mut BTreeMap<String, String>) {
        let mut put = |k: &str, v: &str| {
            metadata.insert(k.to_string(), v.to_string());
        };
        if let Some(n) = &self.number {
            put("row_number", n);
        }
        put("row_date", &self.date);
        put("row_reference_id", &self.reference_id);
        put("row_origin", &self.origin);
        put("row_classification", &self.classification);
        put("row_references", &self.references);
        if let Some(rest) = &self.rest {
            put("row_rest", rest);
        }
    }
}

/// `2005-11-14 10:58:00`
fn is_row_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b' ',
            13 | 16 => c == b':',
            _ => c.is_ascii_digit(),
        })
}

fn is_row_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 10 && s.bytes().all(|c| c.is_ascii_digit())
}

/// Whether the fields from here on start another row (or repeat this row's leading fields).
fn is_row_restart(fields: &[&str], origin: &str) -> bool {
    let f = fields[0];
    is_row_date(f)
        || (is_row_number(f) && fields.get(1).is_some_and(|n| is_row_date(n)))
        || (!origin.trim().is_empty() && f == origin)
}

/// Tidies the end of a row's body where the dump runs on: a final backslash is an escaped line
/// break whose newline was lost (`CARTER \` + TAB + next fields), and a final all-digit line
/// is the next row's number (`CARTER \n\n215201` + TAB + date), which goes to the rest with the
/// row-separating newline.
fn end_row_body(body: &mut String, rest: &mut Option<String>) {
    if body.ends_with('\\') {
        body.pop();
        body.push('\n');
        return;
    }
    let Some(next) = rest.as_mut() else {
        return;
    };
    let last_line_start = body.rfind('\n').map_or(0, |i| i + 1);
    if last_line_start > 0 && is_row_number(&body[last_line_start..]) {
        *next = format!("{}\t{next}", &body[last_line_start..]);
        body.truncate(last_line_start - 1);
    }
}

/// Undoes the row's escaping: a backslash before a newline goes.
fn unescape_row(s: &str) -> String {
    s.replace("\\\n", "\n")
}
