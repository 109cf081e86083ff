//! What the grammar's tokens mean: classification levels, dates, numbers and identifiers.
//!
//! These functions take the text of one token that the grammar has already isolated; they never
//! search a text for structure.

/// The month number of an English month name or its three-letter abbreviation.
pub(crate) fn month(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let upper = token.get(..3)?.to_ascii_uppercase();
    MONTHS
        .iter()
        .position(|m| *m == upper)
        .map(|i| i as u32 + 1)
}

/// A two-digit year as a full year: cables run from the 1960s to 2010.
pub(crate) fn full_year(two_digits: u32) -> i32 {
    if two_digits < 40 {
        2000 + two_digits as i32
    } else {
        1900 + two_digits as i32
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A calendar date and time of day, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub time: Option<(u32, u32)>,
}

impl DateTime {
    pub(crate) fn new(year: i32, month: u32, day: u32, time: Option<(u32, u32)>) -> Option<Self> {
        let valid_date = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        let valid_time = time.is_none_or(|(h, m)| h < 24 && m < 60);
        (valid_date && valid_time).then_some(DateTime {
            year,
            month,
            day,
            time,
        })
    }

    /// ISO 8601: `2007-02-16T19:02:00Z`, or `2003-06-03` without a time.
    pub(crate) fn iso(&self) -> String {
        match self.time {
            Some((h, m)) => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
                self.year, self.month, self.day, h, m
            ),
            None => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// A date-time group from its parts: `161902Z`, `FEB`, `07`.
pub(crate) fn dtg(day_time: &str, month_token: &str, year_token: &str) -> Option<DateTime> {
    let digits = day_time.get(..6)?;
    let day: u32 = digits.get(0..2)?.parse().ok()?;
    let hour: u32 = digits.get(2..4)?.parse().ok()?;
    let minute: u32 = digits.get(4..6)?.parse().ok()?;
    let year = full_year(year_token.parse().ok()?);
    DateTime::new(year, month(month_token)?, day, Some((hour, minute)))
}

/// A clock time `09:44`.
pub(crate) fn clock(token: &str) -> Option<(u32, u32)> {
    let (h, m) = token.split_once(':')?;
    Some((h.parse().ok()?, m.parse().ok()?))
}

/// A declassification date `12/04/2012`, `09/21/10` or `2012/12/04` as ISO 8601.
pub(crate) fn decl_date(token: &str) -> Option<String> {
    let parts: Vec<&str> = token.split('/').collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (year, month, day) = if a.len() == 4 {
        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)
    } else {
        let year = match c.len() {
            4 => c.parse().ok()?,
            2 => full_year(c.parse().ok()?),
            _ => return None,
        };
        (year, a.parse().ok()?, b.parse().ok()?)
    };
    DateTime::new(year, month, day, None).map(|d| d.iso())
}

/// A station name as the model keeps it: upper case, single spaces.
pub(crate) fn station(token: &str) -> String {
    token
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// A station as reference ids spell it: letters and digits only, upper case (`TEL AVIV` is
/// `TELAVIV`).
pub(crate) fn compact_station(station: &str) -> String {
    station
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The canonical reference id: two-digit year, station without spaces, serial without zeros.
pub(crate) fn reference_id(year: i32, station: &str, serial: u64) -> String {
    format!(
        "{:02}{}{}",
        year.rem_euclid(100),
        compact_station(station),
        serial
    )
}

/// The number in a paragraph label `¶1.`, `12.`, `3)`.
pub(crate) fn label_number(label: &str) -> Option<u32> {
    label
        .trim_start_matches('¶')
        .trim_end_matches(['.', ')'])
        .parse()
        .ok()
}

/// Collapse runs of white space into single spaces and trim.
pub(crate) fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A caveat as the model keeps it: upper case, single spaces, no trailing punctuation.
pub(crate) fn caveat(text: &str) -> String {
    squeeze(text)
        .trim_end_matches([':', '.', ','])
        .to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_groups() {
        assert_eq!(
            dtg("161902Z", "FEB", "07").map(|d| d.iso()),
            Some("2007-02-16T19:02:00Z".into())
        );
        assert_eq!(
            dtg("281848Z", "DEC", "66").map(|d| d.iso()),
            Some("1966-12-28T18:48:00Z".into())
        );
        assert_eq!(dtg("311902Z", "FEB", "07"), None);
        assert_eq!(dtg("162502Z", "FEB", "07"), None);
    }

    #[test]
    fn declassification_dates() {
        assert_eq!(decl_date("12/04/2012"), Some("2012-12-04".into()));
        assert_eq!(decl_date("09/21/10"), Some("2010-09-21".into()));
        assert_eq!(decl_date("2012/12/04"), Some("2012-12-04".into()));
        assert_eq!(decl_date("13/40/2012"), None);
    }

    #[test]
    fn reference_ids() {
        assert_eq!(reference_id(2005, "ALMATY", 1938), "05ALMATY1938");
        assert_eq!(reference_id(2009, "UNVIE VIENNA", 285), "09UNVIEVIENNA285");
        assert_eq!(
            reference_id(1966, "BUENOS AIRES", 2481),
            "66BUENOSAIRES2481"
        );
    }

    #[test]
    fn labels() {
        assert_eq!(label_number("¶1."), Some(1));
        assert_eq!(label_number("12."), Some(12));
        assert_eq!(label_number("3)"), Some(3));
    }
}
