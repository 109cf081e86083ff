//! `cablegram refs`: every REF item of the inputs and the cable it cites, as a table or a
//! citation graph.

use super::{each_cable, example_cable, listed_inputs, progress, RefsArgs, RefsFormat};
use anyhow::Context;
use cablegram::batch;
use cablegram::converters::graph::{self, GraphFormat};
use cablegram::refs::graph::CitationGraph;
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: RefsArgs) -> anyhow::Result<ExitCode> {
    let mut citations = CitationGraph::new();
    let mut failed = 0u64;
    let mut protected = HashSet::new();
    if args.input.example {
        citations.add(&example_cable());
    } else {
        let inputs = listed_inputs(&args.input);
        // The output must never replace one of the inputs.
        let paths: Vec<PathBuf> = inputs
            .iter()
            .flatten()
            .filter_map(|input| match input {
                batch::Input::Path(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        protected = batch::canonical_paths(&paths);
        failed = each_cable(&args.input, inputs, |cable| citations.add(&cable))?;
    }
    let finished = citations.finish();
    let format = match args.format {
        RefsFormat::Csv => GraphFormat::Csv,
        RefsFormat::Json => GraphFormat::Json,
        RefsFormat::Graphml => GraphFormat::Graphml,
        RefsFormat::Gexf => GraphFormat::Gexf,
    };
    match &args.output {
        Some(path) => {
            let mut bytes = Vec::new();
            graph::write(&finished, format, &mut bytes)?;
            batch::write_atomically(path, &bytes, &protected)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            let written = graph::write(&finished, format, &mut out).and_then(|()| out.flush());
            // A reader that stops early (`| head`) is not an error.
            match written {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
                _ => {}
            }
        }
    }
    if !args.input.quiet {
        let cited = finished.edges.iter().filter(|e| e.cited.is_some()).count();
        let inside = finished.edges.iter().filter(|e| e.cited_in_inputs).count();
        eprintln!(
            "{} references, {} citing a cable id, {} of them among the inputs; {} unreadable inputs",
            progress::thousands(finished.edges.len() as u64),
            progress::thousands(cited as u64),
            progress::thousands(inside as u64),
            failed
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
