//! `cablegram validate`: where cables depart from the grammar, as a compiler reports.

use super::{example_doc, listed_inputs, progress, ReportFormat, ValidateArgs};
use cablegram::batch;
use cablegram::diagnostics::render::{self as report, Tally};
use cablegram::diagnostics::Code;
use cablegram::model::Severity;
use std::io::Write;
use std::process::ExitCode;

/// What a worker hands back: the cable and its text, for the caret lines.
struct Checked {
    cable: cablegram::Cable,
    text: String,
}

pub fn run(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    if args.explain {
        for code in Code::ALL {
            let severity = report::severity_name(code.severity());
            println!("{code}  {severity:<8} {}", code.meaning());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let min = if args.verbose {
        Severity::Info
    } else {
        Severity::Warning
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut tally = Tally::default();
    let mut io_errors = 0u64;
    let emit = |checked: &Checked, out: &mut dyn Write| -> std::io::Result<()> {
        match args.format {
            ReportFormat::Human => report::write_human(out, &checked.cable, &checked.text, min),
            ReportFormat::Json => {
                for record in report::records(&checked.cable, min) {
                    serde_json::to_writer(&mut *out, &record)?;
                    writeln!(out)?;
                }
                Ok(())
            }
        }
    };
    if args.input.example {
        // The spans of the diagnostics point into the text the Markdown reader took from it.
        let doc = example_doc();
        let text = doc.text.clone();
        let checked = Checked {
            cable: batch::parse_doc(doc),
            text,
        };
        tally.add(&checked.cable);
        emit(&checked, &mut out)?;
    } else {
        let inputs = listed_inputs(&args.input);
        let settings = args.input.settings()?;
        let stop = batch::interrupt_flag();
        let total = inputs.len() as u64;
        let mut bar = progress::bar(args.input.quiet, Some(total));
        let work = |doc: cablegram::source::SourceDoc| {
            let text = doc.text.clone();
            Checked {
                cable: batch::parse_doc(doc),
                text,
            }
        };
        let mut write_failed = None;
        batch::run_numbered(inputs, &settings, &stop, work, |input, result| {
            bar.cable(input);
            match result {
                Ok(checked) => {
                    tally.add(&checked.cable);
                    if let Err(e) = bar.suspend(|| emit(&checked, &mut out)) {
                        write_failed = Some(e);
                        return false;
                    }
                }
                Err(error) => {
                    io_errors += 1;
                    tally.unreadable += 1;
                    bar.suspend(|| eprintln!("error: {error}"));
                }
            }
            true
        });
        bar.finish_and_clear();
        if let Some(e) = write_failed {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(e.into());
            }
        }
    }
    out.flush()?;
    if !args.input.quiet && (tally.cables + tally.unreadable > 1 || args.verbose) {
        eprintln!(
            "checked {} cable{}: {} clean, {} with warnings, {} with errors, {} unreadable",
            tally.cables,
            if tally.cables == 1 { "" } else { "s" },
            tally.clean,
            tally.with_warnings,
            tally.with_errors,
            tally.unreadable
        );
        eprint!("{}", tally.table());
    }
    let failed = tally.with_errors > 0 || (args.strict && tally.with_warnings > 0);
    Ok(if io_errors > 0 {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
