//! Progress on a terminal, nothing when piped or quiet.
//!
//! When the number of inputs is known (the folders were walked first), a bar of inputs done out
//! of the total with an ETA; otherwise a spinner. Both show the cables so far and the rate, rounded
//! with thousands separators (`12,345 cables  2,152 cables/s`). Everything goes to standard error,
//! and only when it is a terminal: standard output is never written.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the message (cables, rate) is redrawn at most.
const REDRAW: Duration = Duration::from_millis(50);

/// Whether progress would be shown: not quiet, and standard error is a terminal.
pub fn visible(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}

/// The progress of a run over cables.
pub struct Progress {
    bar: ProgressBar,
    cables: u64,
    started: Instant,
    drawn: Option<Instant>,
}

/// A progress display for a run of `inputs` inputs (a bar with an ETA when known and more than
/// one, else a spinner), shown only when [`visible`].
pub fn bar(quiet: bool, inputs: Option<u64>) -> Progress {
    let bar = if !visible(quiet) {
        ProgressBar::hidden()
    } else if let Some(total) = inputs.filter(|&n| n > 1) {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {human_pos}/{human_len} files  {msg}  {elapsed} (ETA {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}  {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    };
    if !bar.is_hidden() {
        bar.enable_steady_tick(Duration::from_millis(120));
    }
    Progress {
        bar,
        cables: 0,
        started: Instant::now(),
        drawn: None,
    }
}

impl Progress {
    /// One more cable (or unreadable document), of input number `input` (from 0): every input
    /// before it is done, and it is under way.
    pub fn cable(&mut self, input: u64) {
        self.cables += 1;
        if self.bar.is_hidden() {
            return;
        }
        self.bar.set_position(input + 1);
        let now = Instant::now();
        if self.drawn.is_none_or(|at| now - at >= REDRAW) {
            self.drawn = Some(now);
            self.bar
                .set_message(counts(self.cables, now - self.started));
        }
    }

    /// Runs `f` with the display out of the way (to write a message on standard error).
    pub fn suspend<F: FnOnce() -> R, R>(&self, f: F) -> R {
        self.bar.suspend(f)
    }

    /// Removes the display.
    pub fn finish_and_clear(&self) {
        self.bar.finish_and_clear();
    }
}

/// `12,345 cables  2,152 cables/s`.
fn counts(cables: u64, elapsed: Duration) -> String {
    let s = if cables == 1 { "" } else { "s" };
    format!(
        "{} cable{s}  {}",
        thousands(cables),
        rate(cables, elapsed.as_secs_f64())
    )
}

/// A rate, rounded: `2,152 cables/s`; one decimal below ten (`3.5 cables/s`).
pub fn rate(cables: u64, seconds: f64) -> String {
    if seconds <= 0.0 {
        return "– cables/s".to_string();
    }
    let per_second = cables as f64 / seconds;
    if per_second < 9.95 {
        format!("{per_second:.1} cables/s")
    } else {
        format!("{} cables/s", thousands(per_second.round() as u64))
    }
}

pub use cablegram::stats::thousands;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2152), "2,152");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(12_345_678), "12,345,678");
    }

    #[test]
    fn rates_are_rounded() {
        assert_eq!(rate(4_053, 1.883), "2,152 cables/s");
        assert_eq!(rate(7, 2.0), "3.5 cables/s");
        assert_eq!(rate(100, 10.0), "10 cables/s");
        assert_eq!(rate(0, 1.0), "0.0 cables/s");
        assert_eq!(rate(5, 0.0), "– cables/s");
        assert_eq!(
            counts(12_345, Duration::from_secs(5)),
            "12,345 cables  2,469 cables/s"
        );
        assert_eq!(counts(1, Duration::from_secs(2)), "1 cable  0.5 cables/s");
    }

    #[test]
    fn hidden_when_quiet() {
        let mut p = bar(true, Some(10));
        assert!(p.bar.is_hidden());
        p.cable(0);
        assert_eq!(p.cables, 1);
    }
}
