//! Command-line interface: arguments and dispatch. Each command lives in its own module.

mod convert;
mod edition;
mod gather;
mod losses;
mod progress;
mod refs;
mod stats;
mod validate;

use cablegram::batch::Input;
use cablegram::source::Container;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Read, validate and publish US diplomatic cables.
#[derive(Parser, Debug)]
#[command(name = "cablegram", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Convert cables to Markdown, TEI P5, HTML5, JSON or a CSV table.
    Convert(ConvertArgs),
    /// Check cables against the grammar and report where they depart from it.
    Validate(ValidateArgs),
    /// Overview of a corpus: cables by classification, year, station and TAGS, and parse coverage.
    Stats(StatsArgs),
    /// List every REF item of the inputs with the cable it cites: a table or a citation graph.
    Refs(RefsArgs),
    /// Publish a collection as one edition: a static site, one TEI corpus or a Hugo content
    /// tree, each cable once, its references linked to the cables they cite.
    Edition(EditionArgs),
    /// List the output formats that are registered.
    Formats,
    /// Print a shell completion script to standard output.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output.
    Man,
}

/// Where cables come from, shared by every command.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files or directories (read recursively); `-` or nothing reads standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The container of the inputs; `auto` detects it for each file.
    #[arg(long, value_name = "CONTAINER", default_value = "auto",
          value_parser = ["auto", "text", "markdown", "html", "csv", "json"])]
    from: String,
    /// Use the built-in example cable instead of INPUT.
    #[arg(long, conflicts_with = "inputs")]
    example: bool,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// No progress bar and no summary on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
}

impl InputArgs {
    fn container(&self) -> anyhow::Result<Option<Container>> {
        Ok(Container::from_flag(&self.from)?)
    }

    fn inputs(&self) -> Vec<Input> {
        if self.inputs.is_empty() {
            vec![Input::Stdin]
        } else {
            self.inputs.iter().map(|p| Input::from_arg(p)).collect()
        }
    }

    fn settings(&self) -> anyhow::Result<cablegram::batch::Settings> {
        Ok(cablegram::batch::Settings {
            jobs: self.jobs,
            container: self.container()?,
        })
    }
}

#[derive(Args, Debug)]
struct ConvertArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format (see `cablegram formats`).
    #[arg(long, short = 't', value_name = "FORMAT", default_value = "json")]
    to: String,
    /// Write to this file (atomically) instead of standard output. Several cables make one
    /// document: JSON Lines, a TEI teiCorpus, one HTML page with a table of contents, one
    /// Markdown document with a section per cable.
    #[arg(long, short = 'o', value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write one file per cable into this directory, named by reference id.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// HTML: an `<article>` to embed instead of a standalone page.
    #[arg(long)]
    fragment: bool,
    /// Markdown: no YAML front matter.
    #[arg(long)]
    no_front_matter: bool,
    /// JSON: one line per cable even for a single cable.
    #[arg(long)]
    compact: bool,
    /// The name that the outputs record as each cable's source, in place of the INPUT path it
    /// was read from: a file's label, or a directory's, joined with each file's path inside it.
    /// Without it, a relative INPUT is recorded as given and an absolute one by its last
    /// component.
    #[arg(long, value_name = "LABEL", conflicts_with = "example")]
    source_label: Option<String>,
    /// A note for each cable that the format cannot carry whole (its diagnostics, characters
    /// replaced), instead of one line per kind of loss at the end.
    #[arg(long, short = 'v')]
    verbose: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum ReportFormat {
    /// Messages for people, with the source line and a caret.
    Human,
    /// One JSON record per diagnostic (JSON Lines).
    Json,
}

#[derive(Args, Debug)]
struct ValidateArgs {
    #[command(flatten)]
    input: InputArgs,
    /// How diagnostics are written.
    #[arg(long, value_enum, default_value = "human")]
    format: ReportFormat,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// Also show notes (severity info).
    #[arg(long, short = 'v')]
    verbose: bool,
    /// List every diagnostic code and what it means, then exit.
    #[arg(long)]
    explain: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum StatsFormat {
    Table,
    Csv,
    Json,
}

#[derive(Args, Debug)]
struct StatsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: StatsFormat,
    /// How many rows of each ranking (stations, TAGS) to show in the table.
    #[arg(long, default_value_t = 15)]
    top: usize,
}

#[derive(Args, Debug)]
struct RefsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: the edges as CSV or JSON Lines (every REF item, cited or not), or the
    /// citation graph as GraphML or GEXF (cables as nodes, citations as edges), for Gephi,
    /// Cytoscape and networkx.
    #[arg(long, value_enum, default_value = "csv")]
    format: RefsFormat,
    /// Write to FILE instead of standard output (replaced whole, never half-written).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct EditionArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The kind of edition: `html` (a static site), `tei` (one teiCorpus file), `markdown` (a
    /// Hugo content tree).
    #[arg(long, short = 't', value_name = "KIND", value_parser = ["html", "tei", "markdown"])]
    to: String,
    /// The directory to build the edition in. It is written beside and takes the place of an
    /// earlier edition only when complete; any other existing directory must be empty.
    #[arg(long, value_name = "DIR")]
    out_dir: PathBuf,
    /// The name that the edition records for each INPUT and the files in it (see `convert
    /// --source-label`).
    #[arg(long, value_name = "LABEL")]
    source_label: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum RefsFormat {
    Csv,
    Json,
    Graphml,
    Gexf,
}

/// The built-in example: the user's own cable, `05ALMATY1938` (a partial extract in Markdown form,
/// a public document), as `../shared/seed/05ALMATY1938-partial.md` has it; a test below checks
/// that the copy is the same, byte for byte.
pub const EXAMPLE: &str = include_str!("example/05ALMATY1938-partial.md");

/// The name the example is read under, as its source path.
const EXAMPLE_NAME: &str = "05ALMATY1938-partial.md";

/// Run a command; the exit code follows the command's contract.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Refs(args) => refs::run(args),
        Command::Edition(args) => edition::run(args),
        Command::Formats => {
            let registry = cablegram::converters::Registry::with_builtins();
            for c in registry.iter() {
                println!(
                    "{:<10} .{:<5} {:<22} {}",
                    c.name(),
                    c.extension(),
                    c.media_type(),
                    c.description()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "cablegram", &mut script);
            print(&script)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            print(&page)
        }
    }
}

/// Writes a generated text to standard output; a closed pipe (`| head`) is not a failure.
fn print(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The inputs of a command, with the example in place of them when asked.
/// Parses the listed inputs on all cores behind a progress bar, handing each cable to `take` in
/// input order; returns how many inputs could not be read (each reported on standard error
/// unless `--quiet`).
fn each_cable(
    args: &InputArgs,
    inputs: Vec<Result<Input, cablegram::source::SourceError>>,
    mut take: impl FnMut(cablegram::Cable),
) -> anyhow::Result<u64> {
    let settings = args.settings()?;
    let stop = cablegram::batch::interrupt_flag();
    let mut bar = progress::bar(args.quiet, Some(inputs.len() as u64));
    let mut failed = 0;
    cablegram::batch::run_numbered(
        inputs,
        &settings,
        &stop,
        cablegram::batch::parse_doc,
        |input, result| {
            bar.cable(input);
            match result {
                Ok(cable) => take(cable),
                Err(error) => {
                    failed += 1;
                    if !args.quiet {
                        bar.suspend(|| eprintln!("error: {error}"));
                    }
                }
            }
            true
        },
    );
    bar.finish_and_clear();
    Ok(failed)
}

fn listed_inputs(args: &InputArgs) -> Vec<Result<Input, cablegram::source::SourceError>> {
    cablegram::batch::list_inputs(&args.inputs())
}

/// The built-in example as a document: the text the Markdown reader takes from it, with its
/// source (named [`EXAMPLE_NAME`]).
fn example_doc() -> cablegram::source::SourceDoc {
    let docs = cablegram::source::read_bytes(
        EXAMPLE.as_bytes().to_vec(),
        Some(EXAMPLE_NAME),
        Some(Container::Markdown),
    );
    docs.ok()
        .and_then(|mut d| d.next())
        .and_then(Result::ok)
        .unwrap_or_else(|| cablegram::source::SourceDoc {
            text: EXAMPLE.to_string(),
            source: Default::default(),
        })
}

/// The built-in example as a parsed cable.
fn example_cable() -> cablegram::Cable {
    cablegram::batch::parse_doc(example_doc())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded example is the seed as the user gave it, byte for byte.
    #[test]
    fn the_example_is_the_seed() {
        let seed = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/seed/05ALMATY1938-partial.md"
        ));
        if !seed.parent().is_some_and(|d| d.exists()) {
            eprintln!("skipped: {} is absent", seed.display());
            return;
        }
        let bytes = std::fs::read(seed).expect("the seed is readable");
        assert!(
            bytes == EXAMPLE.as_bytes(),
            "src/cli/example/05ALMATY1938-partial.md differs from {}",
            seed.display()
        );
    }

    /// The example reads as the seed's cable: a partial extract from Almaty, without diagnostics
    /// above notes.
    #[test]
    fn the_example_reads_as_05almaty1938() {
        let cable = example_cable();
        assert!(cable.partial);
        assert_eq!(cable.station.as_deref(), Some("ALMATY"));
        assert_eq!(cable.serial, Some(1938));
        assert_eq!(cable.signers, ["ASQUINO"]);
        assert_eq!(
            cable.source.as_ref().and_then(|s| s.path.as_deref()),
            Some(EXAMPLE_NAME)
        );
    }
}
