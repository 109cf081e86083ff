//! Building an edition into a directory: the two passes over the inputs, and the output
//! directory, which is written beside the old one and takes its place only when complete.

use super::{Catalogue, Edition};
use crate::batch::{self, Input, Settings};
use crate::converters::edition::{EditionWriter, Pages};
use crate::converters::{ConvertError, Loss};
use crate::source::SourceError;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// The file that marks a directory as an edition of cablegram's, which a new build may replace.
pub const MARKER: &str = ".cablegram-edition";

/// What a build did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Cables in the edition.
    pub members: usize,
    /// Cables read (every copy of every member).
    pub sources: usize,
    /// Files written.
    pub files: usize,
    /// Inputs that could not be read.
    pub failed: u64,
    /// What the format could not carry, by kind, with the number of cables.
    pub lost: BTreeMap<String, usize>,
}

/// Why a build stopped; the old output directory, if any, is then left as it was.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0} exists and is not an edition (no {MARKER} in it); it is never replaced")]
    NotAnEdition(PathBuf),
    #[error("{0} holds inputs of the edition; it is never replaced")]
    HoldsInputs(PathBuf),
    #[error("cannot write {path}: {error}")]
    Io { path: PathBuf, error: io::Error },
    #[error("the {0} writer named a file outside the edition: {1}")]
    BadPath(&'static str, String),
    #[error(transparent)]
    Convert(#[from] ConvertError),
    #[error("interrupted; nothing was replaced")]
    Interrupted,
}

/// What the build tells as it goes.
pub enum Event<'a> {
    /// Input `n` (from 0) of `pass` (1 or 2) is read.
    Read { pass: u8, input: u64 },
    /// An input could not be read (reported in pass 1 only).
    Unreadable(&'a SourceError),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> BuildError + '_ {
    move |error| BuildError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Builds the edition of `inputs` (files, as [`batch::list_inputs`] finds them) with `writer` into
/// `out_dir`. `labels` are the input arguments as the edition names them. Returns the finished
/// [`Edition`] (for its notes) and what was done.
pub fn build(
    inputs: &[Input],
    labels: &[String],
    settings: &Settings,
    stop: &AtomicBool,
    writer: &dyn EditionWriter,
    out_dir: &Path,
    events: &mut dyn FnMut(Event),
) -> Result<(Edition, Summary), BuildError> {
    check_out_dir(out_dir, inputs)?;
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".cablegram-edition-")
        .tempdir_in(&parent)
        .map_err(io_error(&parent))?;
    let mut summary = Summary::default();

    // Pass 1: the catalogue.
    let mut catalogue = Catalogue::new();
    batch::run_numbered(
        inputs.iter().cloned().map(Ok),
        settings,
        stop,
        batch::parse_doc,
        |input, result| {
            events(Event::Read { pass: 1, input });
            match result {
                Ok(cable) => catalogue.add(&cable),
                Err(error) => {
                    summary.failed += 1;
                    events(Event::Unreadable(&error));
                }
            }
            true
        },
    );
    if stop.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(BuildError::Interrupted);
    }
    let edition = catalogue.finish();
    summary.members = edition.members().len();
    summary.sources = edition.sources();

    let mut out = Staged::new(staging.path(), writer.name());
    // The pages before the cables go to the directory one at a time as they are made.
    let mut failed = None;
    let mut sink = |path: &str, bytes: &[u8], append: bool| {
        out.part(path, bytes, append).map_err(|e| {
            let message = e.to_string();
            failed = Some(e);
            io::Error::other(message)
        })
    };
    let mut pages = Pages::streaming(&mut sink);
    let begun = writer.begin(&edition, labels, &mut pages);
    let flushed = pages.finish();
    if let Some(e) = failed {
        return Err(e);
    }
    begun?;
    flushed.map_err(io_error(staging.path()))?;

    // Pass 2: the chosen cables, rendered on every core, written in input order.
    let mut failure = None;
    batch::run_numbered(
        inputs.iter().cloned().map(Ok),
        settings,
        stop,
        |doc| {
            let cable = batch::parse_doc(doc);
            let member = edition.chosen(&cable)?;
            let mut pages = Pages::new();
            Some(
                writer
                    .cable(&edition, member, &cable, &mut pages)
                    .map(|loss| (pages, loss)),
            )
        },
        |input, result| {
            events(Event::Read { pass: 2, input });
            match result {
                Ok(Some(Ok((pages, loss)))) => {
                    count_losses(&mut summary.lost, loss);
                    if let Err(e) = out.write(pages) {
                        failure = Some(e);
                        return false;
                    }
                }
                Ok(Some(Err(e))) => {
                    failure = Some(e.into());
                    return false;
                }
                // A copy that was not chosen, or an input that became unreadable.
                Ok(None) | Err(_) => {}
            }
            true
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    if stop.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(BuildError::Interrupted);
    }
    let mut pages = Pages::new();
    writer.end(&edition, &mut pages)?;
    out.write(pages)?;
    out.file(MARKER, format!("{}\n", writer.name()).as_bytes())?;
    summary.files = out.finish()?;
    replace_dir(staging, out_dir, &parent)?;
    Ok((edition, summary))
}

fn count_losses(lost: &mut BTreeMap<String, usize>, loss: Loss) {
    for what in loss.lost {
        // The kind of loss, without the counts that differ from cable to cable.
        let kind: String = what
            .split_whitespace()
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" ");
        *lost.entry(kind).or_default() += 1;
    }
}

/// An existing `out_dir` is replaced only when it is empty or an edition, and holds no input.
fn check_out_dir(out_dir: &Path, inputs: &[Input]) -> Result<(), BuildError> {
    let Ok(meta) = std::fs::metadata(out_dir) else {
        return Ok(());
    };
    let empty = meta.is_dir()
        && std::fs::read_dir(out_dir)
            .map_err(io_error(out_dir))?
            .next()
            .is_none();
    if !meta.is_dir() || (!empty && !out_dir.join(MARKER).is_file()) {
        return Err(BuildError::NotAnEdition(out_dir.to_path_buf()));
    }
    let dir = std::fs::canonicalize(out_dir).map_err(io_error(out_dir))?;
    let inside = inputs.iter().any(|input| match input {
        Input::Path(p) | Input::Labelled { path: Some(p), .. } => {
            std::fs::canonicalize(p).is_ok_and(|p| p.starts_with(&dir))
        }
        _ => false,
    });
    if inside {
        return Err(BuildError::HoldsInputs(out_dir.to_path_buf()));
    }
    Ok(())
}

/// Moves the finished staging directory to `out_dir`, the old one (if any) out of the way first
/// and removed after.
fn replace_dir(
    staging: tempfile::TempDir,
    out_dir: &Path,
    parent: &Path,
) -> Result<(), BuildError> {
    let old = if out_dir.exists() {
        let old = tempfile::Builder::new()
            .prefix(".cablegram-old-")
            .tempdir_in(parent)
            .map_err(io_error(parent))?;
        let old_path = old.path().join("edition");
        std::fs::rename(out_dir, &old_path).map_err(io_error(out_dir))?;
        Some(old)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(error) = std::fs::rename(&staged, out_dir) {
        // Put the old edition back: nothing already written is lost.
        if let Some(old) = &old {
            let _ = std::fs::rename(old.path().join("edition"), out_dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(BuildError::Io {
            path: out_dir.to_path_buf(),
            error,
        });
    }
    drop(old);
    Ok(())
}

/// The staging directory being filled.
struct Staged<'a> {
    root: &'a Path,
    writer: &'static str,
    /// Files built in parts, kept open until the end.
    open: HashMap<String, BufWriter<File>>,
    made: HashSet<PathBuf>,
    files: usize,
}

impl<'a> Staged<'a> {
    fn new(root: &'a Path, writer: &'static str) -> Self {
        Staged {
            root,
            writer,
            open: HashMap::new(),
            made: HashSet::new(),
            files: 0,
        }
    }

    fn path_of(&mut self, relative: &str) -> Result<PathBuf, BuildError> {
        let rel = Path::new(relative);
        let plain =
            !relative.is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(BuildError::BadPath(self.writer, relative.to_string()));
        }
        let path = self.root.join(rel);
        if let Some(dir) = path.parent() {
            if self.made.insert(dir.to_path_buf()) {
                std::fs::create_dir_all(dir).map_err(io_error(dir))?;
            }
        }
        Ok(path)
    }

    fn file(&mut self, relative: &str, bytes: &[u8]) -> Result<(), BuildError> {
        let path = self.path_of(relative)?;
        std::fs::write(&path, bytes).map_err(io_error(&path))?;
        self.files += 1;
        Ok(())
    }

    fn write(&mut self, pages: Pages) -> Result<(), BuildError> {
        for (relative, bytes, append) in pages.into_parts() {
            self.part(&relative, &bytes, append)?;
        }
        Ok(())
    }

    /// A whole file, or the next part of a file built in parts.
    fn part(&mut self, relative: &str, bytes: &[u8], append: bool) -> Result<(), BuildError> {
        if !append {
            return self.file(relative, bytes);
        }
        if !self.open.contains_key(relative) {
            let path = self.path_of(relative)?;
            let file = File::create(&path).map_err(io_error(&path))?;
            self.open.insert(relative.to_string(), BufWriter::new(file));
            self.files += 1;
        }
        let file = self.open.get_mut(relative).expect("just opened");
        file.write_all(bytes)
            .map_err(io_error(&self.root.join(relative)))
    }

    fn finish(self) -> Result<usize, BuildError> {
        for (relative, file) in self.open {
            let path = self.root.join(&relative);
            let file = file.into_inner().map_err(|e| BuildError::Io {
                path: path.clone(),
                error: e.into_error(),
            })?;
            file.sync_all().map_err(io_error(&path))?;
        }
        Ok(self.files)
    }
}
