//! The native half of the `cablegram` Python package: the crate's parser, containers, batch
//! scheduler, diagnostics and converters, reached through its public API only.

// pyo3 0.22's `#[pyfunction]` / `#[pymethods]` expansion converts a `PyErr` into itself, which
// clippy reports at each function's signature.
#![allow(clippy::useless_conversion)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use cablegram::batch::{self, parse_doc, walk_inputs, Input, Settings};
use cablegram::converters::{Options, Registry};
use cablegram::diagnostics::render::{self, display_name};
use cablegram::diagnostics::Code;
use cablegram::model::Severity;
use cablegram::source::{self, Container, SourceError};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyFileNotFoundError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

// Shown in tracebacks as `cablegram.CableError`, the name it is imported under.
create_exception!(cablegram, CableError, PyException);

/// The allocator of the command line (see `src/main.rs`, where it measured about a tenth of a
/// JSON Lines run's CPU less than the system allocator): the model is many small strings and
/// vectors made on the workers. Only Rust's allocations go through it; Python keeps its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn source_error(e: SourceError) -> PyErr {
    match &e {
        SourceError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            PyFileNotFoundError::new_err(e.to_string())
        }
        _ => CableError::new_err(e.to_string()),
    }
}

fn container(flag: &str) -> PyResult<Option<Container>> {
    Container::from_flag(flag).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The bytes of an input held in memory: `bytes` as they are (decoded later as the command
/// line decodes them), `str` as UTF-8, a lone surrogate replaced rather than an exception.
fn input_bytes(data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = data.downcast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else if let Ok(s) = data.downcast::<PyString>() {
        Ok(s.to_string_lossy().into_owned().into_bytes())
    } else {
        Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected str or bytes, not {}",
            data.get_type().name()?
        )))
    }
}

/// One diagnostic as the command line's JSON records carry it (`cablegram validate --format
/// json`): file, line, column, code, severity, message, hint, id.
type Record = (
    String,
    usize,
    usize,
    &'static str,
    &'static str,
    String,
    Option<String>,
    Option<String>,
);

fn records(cable: &cablegram::Cable) -> Vec<Record> {
    render::records(cable, Severity::Info)
        .into_iter()
        .map(|r| {
            (
                r.file,
                r.line,
                r.column,
                r.code.as_str(),
                render::severity_name(r.severity),
                r.message.to_string(),
                r.hint.map(str::to_string),
                r.id.map(str::to_string),
            )
        })
        .collect()
}

/// A field's provenance as the JSON model writes it.
fn field_source(source: cablegram::model::FieldSource) -> &'static str {
    use cablegram::model::FieldSource;
    match source {
        FieldSource::Text => "text",
        FieldSource::Container => "container",
        FieldSource::FileName => "file_name",
    }
}

/// One parsed cable: the crate's model.
#[pyclass(module = "cablegram._native", frozen)]
struct NativeCable {
    cable: cablegram::Cable,
}

#[pymethods]
impl NativeCable {
    /// The cable through one of the registered converters (`json`, `markdown`, `tei`, `html`, …).
    #[pyo3(signature = (format, *, fragment=false))]
    fn convert(&self, py: Python<'_>, format: &str, fragment: bool) -> PyResult<String> {
        py.allow_threads(|| {
            let registry = Registry::with_builtins();
            let converter = registry
                .get(format)
                .ok_or_else(|| PyValueError::new_err(format!("unknown format {format:?}")))?;
            let mut out = Vec::new();
            converter
                .write(
                    &self.cable,
                    &Options::default().with_fragment(fragment),
                    &mut out,
                )
                .map_err(|e| CableError::new_err(e.to_string()))?;
            String::from_utf8(out).map_err(|e| CableError::new_err(e.to_string()))
        })
    }

    // The scalar fields of the model, read without going through JSON.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.cable.id.as_deref()
    }
    #[getter]
    fn station(&self) -> Option<&str> {
        self.cable.station.as_deref()
    }
    #[getter]
    fn serial(&self) -> Option<u64> {
        self.cable.serial
    }
    #[getter]
    fn partial(&self) -> bool {
        self.cable.partial
    }
    #[getter]
    fn datetime(&self) -> Option<&str> {
        self.cable.datetime.as_deref()
    }
    #[getter]
    fn sender(&self) -> Option<&str> {
        self.cable.sender_name()
    }
    /// The names of the action addressees (`SECSTATE WASHDC`).
    #[getter]
    fn to(&self) -> Vec<&str> {
        self.cable.to.iter().map(|a| a.addressee.as_str()).collect()
    }
    /// The names of the information addressees.
    #[getter]
    fn info(&self) -> Vec<&str> {
        self.cable
            .info
            .iter()
            .map(|a| a.addressee.as_str())
            .collect()
    }
    #[getter]
    fn tags(&self) -> Vec<&str> {
        self.cable.tags.iter().map(String::as_str).collect()
    }
    #[getter]
    fn tags_normalized(&self) -> Vec<&str> {
        self.cable
            .tags_normalized
            .iter()
            .map(String::as_str)
            .collect()
    }
    #[getter]
    fn datetime_source(&self) -> Option<&'static str> {
        self.cable.datetime_source.map(field_source)
    }
    #[getter]
    fn id_source(&self) -> Option<&'static str> {
        self.cable.id_source.map(field_source)
    }
    #[getter]
    fn subject(&self) -> Option<&str> {
        self.cable.subject.as_deref()
    }
    #[getter]
    fn subject_marking(&self) -> Option<&str> {
        self.cable.subject_marking.as_deref()
    }
    #[getter]
    fn classified_by(&self) -> Option<&str> {
        self.cable.classified_by.as_deref()
    }
    #[getter]
    fn classified_by_name(&self) -> Option<&str> {
        self.cable.classified_by_name.as_deref()
    }
    #[getter]
    fn reasons(&self) -> Option<&str> {
        self.cable.reasons.as_deref()
    }
    #[getter]
    fn signers(&self) -> Vec<&str> {
        self.cable.signers.iter().map(String::as_str).collect()
    }
    #[getter]
    fn level(&self) -> Option<&'static str> {
        self.cable.classification.as_ref().map(|c| c.level.as_str())
    }
    #[getter]
    fn caveats(&self) -> Vec<&str> {
        self.cable
            .classification
            .as_ref()
            .map_or_else(Vec::new, |c| c.caveats.iter().map(String::as_str).collect())
    }
    #[getter]
    fn path(&self) -> Option<&str> {
        self.cable.source.as_ref().and_then(|s| s.path.as_deref())
    }
    #[getter]
    fn index(&self) -> Option<u64> {
        self.cable.source.as_ref().and_then(|s| s.index)
    }
    #[getter]
    fn paragraph_count(&self) -> usize {
        self.cable.paragraphs.len()
    }
    #[getter]
    fn reference_count(&self) -> usize {
        self.cable.references.len()
    }
    /// The name the command line shows the cable under: its path, with `[row]` in a container
    /// of many cables.
    #[getter]
    fn name(&self) -> String {
        display_name(&self.cable)
    }

    /// Every diagnostic of the cable (notes included), as the command line's JSON records.
    fn records(&self) -> Vec<Record> {
        records(&self.cable)
    }
}

/// Why an input gave no cable: a container error, or (as `cablegram convert` reports it) an
/// input that is empty or blank, or a text over the parser's size limit.
enum Failure {
    Source(SourceError),
    Refused(String),
}

impl Failure {
    fn into_err(self) -> PyErr {
        match self {
            Failure::Source(e) => source_error(e),
            Failure::Refused(message) => CableError::new_err(message),
        }
    }
}

type Item = Result<cablegram::Cable, Failure>;

/// A document parsed, or refused as `cablegram convert` refuses it.
fn parse_checked(doc: source::SourceDoc) -> Item {
    let blank = doc.text.trim().is_empty();
    let cable = parse_doc(doc);
    if blank {
        return Err(Failure::Refused(format!(
            "{}: the input is empty or blank: there is no cable to convert",
            display_name(&cable)
        )));
    }
    if let Some(refused) = cable.diagnostics.iter().find(|d| d.code == Code::TooLarge) {
        return Err(Failure::Refused(format!(
            "{}: {} [{}]",
            display_name(&cable),
            refused.message,
            Code::TooLarge
        )));
    }
    Ok(cable)
}

/// Parses one input held in memory (str or bytes), decoded as the command line decodes it.
#[pyfunction]
#[pyo3(signature = (data, *, container="auto"))]
fn parse(py: Python<'_>, data: &Bound<'_, PyAny>, container: &str) -> PyResult<Vec<NativeCable>> {
    let forced = self::container(container)?;
    let bytes = input_bytes(data)?;
    py.allow_threads(|| {
        let docs = source::read_bytes(bytes, None, forced).map_err(source_error)?;
        docs.map(|d| {
            d.map_err(Failure::Source)
                .and_then(parse_checked)
                .map(|cable| NativeCable { cable })
                .map_err(Failure::into_err)
        })
        .collect()
    })
}

/// The diagnostics of every cable of one input held in memory, as `cablegram validate` finds
/// them (a text over the size limit is one `C0003` diagnostic, not an exception).
#[pyfunction]
#[pyo3(signature = (data, *, container="auto"))]
fn validate_text(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    container: &str,
) -> PyResult<Vec<Record>> {
    let forced = self::container(container)?;
    let bytes = input_bytes(data)?;
    py.allow_threads(|| {
        let docs = source::read_bytes(bytes, None, forced).map_err(source_error)?;
        let mut out = Vec::new();
        for doc in docs {
            out.extend(records(&parse_doc(doc.map_err(source_error)?)));
        }
        Ok(out)
    })
}

/// The diagnostics of every cable of files and directories, on all cores, in input order;
/// `skip` passes over an input that cannot be read.
#[pyfunction]
#[pyo3(signature = (paths, *, container="auto", jobs=0, skip=false))]
fn validate_paths(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    container: &str,
    jobs: usize,
    skip: bool,
) -> PyResult<Vec<Record>> {
    let settings = Settings {
        jobs,
        container: self::container(container)?,
    };
    check_exist(&paths)?;
    py.allow_threads(|| {
        let inputs = walk_inputs(paths.iter().map(|p| Input::from_arg(p)).collect());
        let stop = AtomicBool::new(false);
        let mut out = Vec::new();
        let mut failed = None;
        batch::run(
            inputs,
            &settings,
            &stop,
            |doc| records(&parse_doc(doc)),
            |result| match result {
                Ok(r) => {
                    out.extend(r);
                    true
                }
                // An input that cannot be read: the command line reports it and goes on.
                Err(_) if skip => true,
                Err(e) => {
                    failed = Some(e);
                    false
                }
            },
        );
        match failed {
            Some(e) => Err(source_error(e)),
            None => Ok(out),
        }
    })
}

fn check_exist(paths: &[PathBuf]) -> PyResult<()> {
    for p in paths {
        if !p.exists() {
            return Err(PyFileNotFoundError::new_err(format!(
                "{}: no such file or directory",
                p.display()
            )));
        }
    }
    Ok(())
}

/// The cables of files and directories, parsed on all cores by the crate's batch scheduler
/// (with the GIL released) and handed over in input order through a bounded channel, in chunks,
/// so that memory stays flat however large the input.
#[pyclass(module = "cablegram._native")]
struct Reader {
    rx: Option<crossbeam_channel::Receiver<Vec<Item>>>,
    /// The rest of the chunk last received, in order.
    chunk: std::vec::IntoIter<Item>,
    stop: Arc<AtomicBool>,
}

/// Cables handed over together, at most: one wake-up of the Python thread (and one release of
/// the GIL) serves many cables when the workers are ahead.
const CHUNK: usize = 16;
/// Chunks parsed ahead of the Python side, at most (with one being filled: at most
/// `(AHEAD + 1) * CHUNK` cables, besides the scheduler's own bounded window).
const AHEAD: usize = 4;

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<NativeCable>> {
        loop {
            if let Some(item) = self.chunk.next() {
                return match item {
                    Ok(cable) => Ok(Some(NativeCable { cable })),
                    Err(failure) => Err(failure.into_err()),
                };
            }
            let Some(rx) = &self.rx else { return Ok(None) };
            // A chunk that is waiting is taken without giving up the GIL.
            let received = match rx.try_recv() {
                Ok(chunk) => Ok(chunk),
                Err(_) => py.allow_threads(|| rx.recv()),
            };
            match received {
                Ok(chunk) => self.chunk = chunk.into_iter(),
                Err(_) => {
                    self.rx = None;
                    return Ok(None);
                }
            }
        }
    }
    /// Stops the run: the workers end after the batch they are parsing.
    fn close(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.rx = None;
        self.chunk = Vec::new().into_iter();
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[pyfunction]
#[pyo3(signature = (paths, *, container="auto", jobs=0))]
fn read(paths: Vec<PathBuf>, container: &str, jobs: usize) -> PyResult<Reader> {
    let settings = Settings {
        jobs,
        container: self::container(container)?,
    };
    check_exist(&paths)?;
    let (tx, rx) = crossbeam_channel::bounded::<Vec<Item>>(AHEAD);
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    std::thread::spawn(move || {
        // Sources are recorded as `cablegram convert` records them: relative to the argument.
        let inputs =
            batch::labelled_inputs(paths.iter().map(|p| Input::from_arg(p)).collect(), None);
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut open = true;
        batch::run(inputs, &settings, &stopped, parse_checked, |item| {
            chunk.push(item.unwrap_or_else(|e| Err(Failure::Source(e))));
            // A full chunk goes; so does any chunk when the Python side has nothing to take.
            if chunk.len() >= CHUNK || tx.is_empty() {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                open = tx.send(full).is_ok();
            }
            open
        });
        if open && !chunk.is_empty() {
            let _ = tx.send(chunk);
        }
    });
    Ok(Reader {
        rx: Some(rx),
        chunk: Vec::new().into_iter(),
        stop,
    })
}

/// The names of the converters registered in Rust.
#[pyfunction]
fn formats() -> Vec<&'static str> {
    Registry::with_builtins().names().collect()
}

/// The largest input (file, standard input, one record) the containers read, in bytes.
#[pyfunction]
fn max_input_bytes() -> u64 {
    source::MAX_DOC_BYTES
}

/// The largest cable text the parser accepts, in bytes.
#[pyfunction]
fn max_cable_bytes() -> usize {
    cablegram::parser::MAX_CABLE_BYTES
}

/// What an edition build returns: cables, sources read, files written, inputs that could not
/// be read, and the notes on the collection as (code, message).
type EditionSummary = (usize, usize, usize, u64, Vec<(String, String)>);

/// An edition of files and directories into `out_dir`, as `cablegram edition --to TO` builds
/// it (`html`, `tei` or `markdown`), with the GIL released.
#[pyfunction]
#[pyo3(signature = (paths, to, out_dir, *, container="auto", jobs=0))]
fn edition(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    to: &str,
    out_dir: PathBuf,
    container: &str,
    jobs: usize,
) -> PyResult<EditionSummary> {
    let writers = cablegram::converters::edition::builtins();
    let writer = writers.get(to).ok_or_else(|| {
        let names: Vec<&str> = writers.keys().copied().collect();
        PyValueError::new_err(format!(
            "no edition writer named {to:?}; there are: {}",
            names.join(", ")
        ))
    })?;
    let settings = Settings {
        jobs,
        container: self::container(container)?,
    };
    check_exist(&paths)?;
    py.allow_threads(|| {
        // The inputs as the edition names them: relative as given, absolute by their last part.
        let labels: Vec<String> = paths
            .iter()
            .map(|p| batch::source_label(p, p, None))
            .collect();
        let given = paths.iter().map(|p| Input::from_arg(p)).collect();
        let mut inputs = Vec::new();
        let mut unreadable = 0;
        for found in batch::labelled_inputs(given, None) {
            match found {
                Ok(input) => inputs.push(input),
                Err(_) => unreadable += 1,
            }
        }
        let stop = AtomicBool::new(false);
        let (edition, summary) = cablegram::edition::build(
            &inputs,
            &labels,
            &settings,
            &stop,
            writer.as_ref(),
            &out_dir,
            &mut |_| {},
        )
        .map_err(|e| CableError::new_err(e.to_string()))?;
        let notes = edition
            .notes()
            .iter()
            .map(|n| (n.code.to_string(), n.message.clone()))
            .collect();
        Ok((
            summary.members,
            summary.sources,
            summary.files,
            unreadable + summary.failed,
            notes,
        ))
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CableError", m.py().get_type_bound::<CableError>())?;
    m.add_class::<NativeCable>()?;
    m.add_class::<Reader>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(validate_text, m)?)?;
    m.add_function(wrap_pyfunction!(validate_paths, m)?)?;
    m.add_function(wrap_pyfunction!(edition, m)?)?;
    m.add_function(wrap_pyfunction!(formats, m)?)?;
    m.add_function(wrap_pyfunction!(max_input_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(max_cable_bytes, m)?)?;
    Ok(())
}
