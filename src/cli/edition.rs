//! `cablegram edition`: a collection published as one edition (a static site, one TEI corpus,
//! a Hugo content tree), each cable once, its references linked to the cables they cite.

use super::{progress, EditionArgs};
use anyhow::bail;
use cablegram::batch::{self, Input};
use cablegram::diagnostics::render::severity_name;
use cablegram::edition::{self, Event};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: EditionArgs) -> anyhow::Result<ExitCode> {
    let writers = cablegram::converters::edition::builtins();
    let Some(writer) = writers.get(args.to.as_str()) else {
        bail!(
            "no edition writer named {:?}; there are: {}",
            args.to,
            writers.keys().copied().collect::<Vec<_>>().join(", ")
        );
    };
    if args.input.example {
        bail!("an edition reads its inputs twice: give files or directories, not --example");
    }
    let given = args.input.inputs();
    if given.iter().any(|i| matches!(i, Input::Stdin)) {
        bail!("an edition reads its inputs twice: give files or directories, not standard input");
    }
    // The inputs as the edition names them: relative as given, absolute by their last component.
    let labels: Vec<String> = args
        .input
        .inputs
        .iter()
        .map(|p| {
            args.source_label
                .clone()
                .unwrap_or_else(|| batch::source_label(p, p, None))
        })
        .collect();
    let mut unreadable = 0u64;
    let mut inputs = Vec::new();
    for found in batch::labelled_inputs(given, args.source_label.clone()) {
        match found {
            Ok(input) => inputs.push(input),
            Err(error) => {
                unreadable += 1;
                if !args.input.quiet {
                    eprintln!("error: {error}");
                }
            }
        }
    }
    let settings = args.input.settings()?;
    let stop = batch::interrupt_flag();
    let quiet = args.input.quiet;
    let total = inputs.len() as u64;
    let mut bar = progress::bar(quiet, Some(total));
    let mut pass = 1;
    let built = edition::build(
        &inputs,
        &labels,
        &settings,
        &stop,
        writer.as_ref(),
        &args.out_dir,
        &mut |event| match event {
            Event::Read { pass: p, input } => {
                if p != pass {
                    bar.finish_and_clear();
                    bar = progress::bar(quiet, Some(total));
                    pass = p;
                }
                bar.cable(input);
            }
            Event::Unreadable(error) => {
                unreadable += 1;
                if !quiet {
                    bar.suspend(|| eprintln!("error: {error}"));
                }
            }
        },
    );
    bar.finish_and_clear();
    let (edition, summary) = built?;
    if !quiet {
        for note in edition.notes() {
            eprintln!(
                "{}[{}]: {}",
                severity_name(note.code.severity()),
                note.code,
                note.message
            );
        }
        for (what, cables) in &summary.lost {
            eprintln!(
                "note: {what}, in {} cables (the {} edition cannot carry them)",
                progress::thousands(*cables as u64),
                args.to
            );
        }
        eprintln!(
            "{} cables from {} sources ({} differing) into {} ({} files); {} unreadable inputs",
            progress::thousands(summary.members as u64),
            progress::thousands(summary.sources as u64),
            edition.notes().len(),
            display(&args.out_dir),
            progress::thousands(summary.files as u64),
            unreadable
        );
    }
    Ok(if unreadable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
