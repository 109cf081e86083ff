//! `cablegram convert`: cables to a format, to standard output, a file or a directory.

use super::gather::GatherWriter;
use super::losses::Losses;
use super::{example_cable, progress, ConvertArgs};
use anyhow::{anyhow, Context};
use cablegram::batch::{self, Input, OutputDir};
use cablegram::converters::{Collection, ConvertError, Converter, Entry, Loss, Options, Registry};
use cablegram::diagnostics::render::display_name;
use cablegram::diagnostics::Code;
use cablegram::model::Severity;
use cablegram::source::SourceError;
use cablegram::Cable;
use std::collections::HashSet;
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;

/// What a worker hands back for one cable.
struct Converted {
    cable: Cable,
    rendered: Result<(Output, Loss), String>,
}

/// A converted cable's output: its bytes, or, for an output directory, a temporary file in that
/// directory already holding them (workers write files in parallel; the sink only names them and
/// moves them into place, in input order).
enum Output {
    Bytes(Vec<u8>),
    Staged(tempfile::NamedTempFile),
}

/// Counts for the closing summary.
#[derive(Default)]
struct Summary {
    converted: u64,
    with_warnings: u64,
    failed: u64,
}

/// Where the outputs go.
enum Sink {
    /// Standard output or one file: every cable in one stream (JSON becomes JSON Lines).
    Stream {
        out: GatherWriter<Box<dyn Write>>,
        file: Option<(PathBuf, tempfile::NamedTempFile)>,
        /// The first cable, held back until it is known whether it is the only one (a single
        /// JSON cable is written indented; a single TEI, HTML or Markdown cable is a document of
        /// its own).
        first: Option<Box<(Cable, Vec<u8>)>>,
        count: u64,
        /// The members of a collection (a `teiCorpus`, one HTML page), once a second cable came.
        spool: Option<Spool>,
    },
    /// One file per cable.
    Dir(OutputDir),
}

/// The members of a collection written so far, held in a temporary file until the last one is
/// known: the collection's head (its table of contents) comes before them.
struct Spool {
    file: io::BufWriter<std::fs::File>,
    entries: Vec<Entry>,
}

impl Spool {
    /// Writes `cable` as the next member.
    fn add(
        &mut self,
        collection: &dyn Collection,
        cable: &Cable,
        options: &Options,
    ) -> io::Result<()> {
        let entry = Entry::new(cable, self.entries.len() + 1);
        collection
            .write_member(cable, &entry, options, &mut self.file)
            .map_err(into_io)?;
        self.entries.push(entry);
        Ok(())
    }
}

/// A conversion error as an I/O error of the stream.
fn into_io(error: ConvertError) -> io::Error {
    match error {
        ConvertError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

pub fn run(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let registry = Registry::with_builtins();
    let converter = registry.get(&args.to).ok_or_else(|| {
        let known: Vec<&str> = registry.names().collect();
        anyhow!(
            "unknown format {:?}: expected one of {}",
            args.to,
            known.join(", ")
        )
    })?;
    let is_json = converter.name() == "json";
    let options = Options::default()
        .with_fragment(args.fragment)
        .with_front_matter(!args.no_front_matter)
        .with_pretty(!args.compact && (args.out_dir.is_some() || !is_json));
    if args.input.example {
        return convert_example(converter, &options, &args);
    }
    // Outputs written to files must never overwrite an input, so the inputs are listed first;
    // so they are for a progress bar, which shows the total. Otherwise a stream to standard
    // output starts converting while the folders are still being walked.
    let writes_files = args.out_dir.is_some() || args.output.is_some();
    // Published outputs record each source by a label, not by the machine's path.
    let walk = || batch::labelled_inputs(args.input.inputs(), args.source_label.clone());
    let shows_progress = progress::visible(args.input.quiet);
    let listed = (writes_files || shows_progress).then(|| walk().collect::<Vec<_>>());
    let total = listed.as_ref().map(|l| l.len() as u64);
    let input_paths: Vec<PathBuf> = listed
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Ok(Input::Path(p) | Input::Labelled { path: Some(p), .. }) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let mut sink = match (&args.out_dir, &args.output) {
        (Some(dir), _) => Sink::Dir(
            OutputDir::create(dir, converter.extension(), &input_paths)
                .with_context(|| format!("cannot create the output directory {}", dir.display()))?,
        ),
        (None, Some(file)) => {
            if let Ok(existing) = std::fs::canonicalize(file) {
                if batch::canonical_paths(&input_paths).contains(&existing) {
                    return Err(anyhow!(
                        "{} is an input; it is never overwritten",
                        file.display()
                    ));
                }
            }
            let dir = parent_dir(file);
            let temp = batch::temp_output_in(dir)
                .with_context(|| format!("cannot write into {}", dir.display()))?;
            let out = temp.reopen().context("cannot open the temporary output")?;
            Sink::Stream {
                out: GatherWriter::with_capacity(STREAM_BUFFER, Box::new(out)),
                file: Some((file.clone(), temp)),
                first: None,
                count: 0,
                spool: None,
            }
        }
        (None, None) => Sink::Stream {
            out: GatherWriter::with_capacity(STREAM_BUFFER, Box::new(io::stdout().lock())),
            file: None,
            first: None,
            count: 0,
            spool: None,
        },
    };
    let inputs: Box<dyn Iterator<Item = Result<Input, SourceError>> + Send> = match listed {
        Some(listed) => Box::new(listed.into_iter()),
        None => Box::new(walk()),
    };
    let settings = args.input.settings()?;
    let stop = batch::interrupt_flag();
    let mut bar = progress::bar(args.input.quiet, total);
    let quiet = args.input.quiet;
    let verbose = args.verbose && !quiet;
    let mut summary = Summary::default();
    let mut losses = Losses::default();
    let mut fatal: Option<io::Error> = None;
    let stage_in = match &sink {
        Sink::Dir(dir) => Some(dir.path().to_path_buf()),
        Sink::Stream { .. } => None,
    };
    let work = |doc: cablegram::source::SourceDoc| {
        // An empty or blank input holds no cable: it is reported, not written as an empty one.
        let blank = doc.text.trim().is_empty();
        let cable_len = doc.text.len();
        let cable = batch::parse_doc(doc);
        // A text over the parser's size limit is refused, not written as one huge paragraph.
        let too_large = cable.diagnostics.iter().find(|d| d.code == Code::TooLarge);
        let rendered = if blank {
            Err("the input is empty or blank: there is no cable to convert".to_string())
        } else if let Some(refused) = too_large {
            Err(refused.message.clone())
        } else {
            // Outputs run to about one and a half times the text: one allocation, no regrowing.
            let mut bytes = Vec::with_capacity(cable_len * 2 + 4096);
            converter
                .write_to_vec(&cable, &options, &mut bytes)
                .map_err(|e| e.to_string())
                .and_then(|report| match &stage_in {
                    Some(dir) => batch::stage(dir, &bytes)
                        .map(|staged| (Output::Staged(staged), report))
                        .map_err(|e| format!("cannot write into {}: {e}", dir.display())),
                    None => Ok((Output::Bytes(bytes), report)),
                })
        };
        Converted { cable, rendered }
    };
    batch::run_numbered(inputs, &settings, &stop, work, |input, result| {
        bar.cable(input);
        match result {
            Err(error) => {
                summary.failed += 1;
                bar.suspend(|| eprintln!("error: {error}"));
            }
            Ok(Converted {
                rendered: Err(reason),
                cable,
            }) => {
                summary.failed += 1;
                bar.suspend(|| eprintln!("error: {}: {reason}", display_name(&cable)));
            }
            Ok(Converted {
                cable,
                rendered: Ok((output, report)),
            }) => {
                if cable.worst_severity() >= Some(Severity::Warning) {
                    summary.with_warnings += 1;
                }
                if !report.is_lossless() {
                    losses.add(&report);
                    if verbose {
                        bar.suspend(|| note_each(&cable, &report));
                    }
                }
                match deliver(&mut sink, converter, &options, cable, output) {
                    Ok(()) => summary.converted += 1,
                    // A stream that cannot be written (a closed pipe, a full disk) is the end of
                    // the run: what it holds is not the whole output.
                    Err(error)
                        if error.kind() == io::ErrorKind::BrokenPipe
                            || matches!(sink, Sink::Stream { .. }) =>
                    {
                        fatal = Some(error);
                        return false;
                    }
                    Err(error) => {
                        summary.failed += 1;
                        bar.suspend(|| eprintln!("error: {error}"));
                    }
                }
            }
        }
        true
    });
    bar.finish_and_clear();
    let interrupted = stop.load(Ordering::Relaxed);
    if let Some(error) = fatal {
        if error.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        // Dropping the sink removes the temporary file: an older output stays as it was.
        return Err(anyhow::Error::new(error).context("cannot write the output"));
    }
    let reindent = is_json && !args.compact;
    finish(sink, converter, &options, reindent, interrupted)?;
    if !quiet {
        eprintln!(
            "converted {} cable{} ({} with warnings), {} failed{}",
            summary.converted,
            if summary.converted == 1 { "" } else { "s" },
            summary.with_warnings,
            summary.failed,
            if interrupted { "; interrupted" } else { "" }
        );
        for line in losses.summary(converter.name(), verbose) {
            eprintln!("{line}");
        }
    }
    Ok(if summary.failed > 0 || interrupted {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The buffer of a stream output: a few dozen cables per write, where the default (8 KiB, less
/// than most cables' JSON) made one write per cable.
const STREAM_BUFFER: usize = 256 * 1024;

/// Hand one converted cable to the sink.
fn deliver(
    sink: &mut Sink,
    converter: &dyn Converter,
    options: &Options,
    cable: Cable,
    output: Output,
) -> io::Result<()> {
    match (sink, output) {
        (Sink::Dir(dir), output) => {
            let name = dir.name_for(&cable);
            let written = match output {
                Output::Staged(staged) => dir.commit(&name, staged),
                Output::Bytes(bytes) => dir.write(&name, &bytes),
            };
            written
                .map(|_| ())
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", display_name(&cable))))
        }
        (Sink::Stream { .. }, Output::Staged(_)) => Err(io::Error::other(
            "internal error: a staged file for a stream output",
        )),
        (
            Sink::Stream {
                out,
                file,
                first,
                count,
                spool,
            },
            Output::Bytes(bytes),
        ) => {
            *count += 1;
            if *count == 1 {
                *first = Some(Box::new((cable, bytes)));
                return Ok(());
            }
            if let Some(collection) = converter.collection() {
                // A second cable: the output is a collection, of which the first is a member too.
                if !collection.needs_entries() {
                    // A head without a table of contents (a CSV header row): no need to hold the
                    // members back, each goes out as it comes.
                    if let Some(held) = first.take() {
                        collection.write_head(&[], options, out).map_err(into_io)?;
                        collection
                            .write_member(&held.0, &Entry::new(&held.0, 1), options, out)
                            .map_err(into_io)?;
                    }
                    let entry = Entry::new(&cable, *count as usize);
                    collection
                        .write_member(&cable, &entry, options, out)
                        .map_err(into_io)?;
                    return Ok(());
                }
                if spool.is_none() {
                    let temp = match file {
                        Some((target, _)) => tempfile::tempfile_in(parent_dir(target))?,
                        None => tempfile::tempfile()?,
                    };
                    let mut started = Spool {
                        file: io::BufWriter::with_capacity(STREAM_BUFFER, temp),
                        entries: Vec::new(),
                    };
                    if let Some(held) = first.take() {
                        started.add(collection, &held.0, options)?;
                    }
                    *spool = Some(started);
                }
                if let Some(spool) = spool {
                    spool.add(collection, &cable, options)?;
                }
                return Ok(());
            }
            if let Some(held) = first.take() {
                push_item(out, held.1)?;
            }
            push_item(out, bytes)
        }
    }
}

/// The directory of an output file (`.` for a bare file name).
fn parent_dir(file: &Path) -> &Path {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Hand one cable's bytes to a stream, which keeps them without copying them until they go out;
/// several cables are separated by a line break.
fn push_item(out: &mut GatherWriter<Box<dyn Write>>, bytes: Vec<u8>) -> io::Result<()> {
    let ends_line = bytes.ends_with(b"\n");
    out.push(bytes)?;
    if !ends_line {
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Flush a stream: a single JSON cable is re-rendered indented; a file is moved into place only
/// when the run was not interrupted and converted at least one cable.
fn finish(
    sink: Sink,
    converter: &dyn Converter,
    options: &Options,
    reindent: bool,
    interrupted: bool,
) -> anyhow::Result<()> {
    let Sink::Stream {
        mut out,
        file,
        first,
        count,
        spool,
    } = sink
    else {
        return Ok(());
    };
    if let (Some(spool), Some(collection)) = (spool, converter.collection()) {
        let mut members = spool.file.into_inner().map_err(|e| e.into_error())?;
        collection.write_head(&spool.entries, options, &mut out)?;
        members.seek(io::SeekFrom::Start(0))?;
        io::copy(&mut members, &mut out)?;
        collection.write_tail(options, &mut out)?;
    } else if let Some(held) = first {
        let (cable, bytes) = *held;
        if count == 1 && reindent {
            let pretty = options.clone().with_pretty(true);
            let mut again = Vec::new();
            converter.write(&cable, &pretty, &mut again)?;
            push_item(&mut out, again)?;
        } else {
            push_item(&mut out, bytes)?;
        }
    } else if let Some(streamed) = converter.collection().filter(|_| count > 1) {
        // A streamed collection: its head and members are out already.
        streamed.write_tail(options, &mut out)?;
    }
    out.flush()?;
    drop(out);
    if let Some((target, temp)) = file {
        // An interrupted run, or one that converted nothing, leaves an older file as it was.
        if interrupted || count == 0 {
            return Ok(());
        }
        temp.persist(&target)
            .map_err(|e| anyhow!("cannot write {}: {}", target.display(), e.error))?;
    }
    Ok(())
}

/// The per-cable notes of `--verbose`: what the format could not carry of `cable`.
fn note_each(cable: &Cable, report: &Loss) {
    for lost in &report.lost {
        eprintln!("note: {}: {lost}", display_name(cable));
    }
}

/// Convert the built-in example.
fn convert_example(
    converter: &dyn Converter,
    options: &Options,
    args: &ConvertArgs,
) -> anyhow::Result<ExitCode> {
    let cable = example_cable();
    let options = options.clone().with_pretty(true);
    let mut bytes = Vec::new();
    let report = converter.write(&cable, &options, &mut bytes)?;
    if !args.input.quiet && !report.is_lossless() {
        let mut losses = Losses::default();
        losses.add(&report);
        if args.verbose {
            note_each(&cable, &report);
        }
        // One cable: the summary names it, so no need to point to --verbose.
        for line in losses.summary(converter.name(), true) {
            eprintln!("{line}");
        }
    }
    match args.output.as_ref() {
        Some(path) => batch::write_atomically(path, &bytes, &HashSet::new())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
