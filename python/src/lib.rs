//! The native half of the `cablegram` Python package: the crate's parser, containers and
//! converters, reached through its public API only.

// pyo3 0.22's `#[pyfunction]` / `#[pymethods]` expansion converts a `PyErr` into itself, which
// clippy reports at each function's signature.
#![allow(clippy::useless_conversion)]

use std::path::PathBuf;

use cablegram::batch::{parse_doc, walk_inputs, Input};
use cablegram::converters::{Options, Registry};
use cablegram::source::{self, Container, SourceError};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyFileNotFoundError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

create_exception!(_native, CableError, PyException);

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
}

/// Parses one input held in memory (str or bytes), decoded as the command line decodes it.
#[pyfunction]
#[pyo3(signature = (data, *, container="auto"))]
fn parse(py: Python<'_>, data: &Bound<'_, PyAny>, container: &str) -> PyResult<Vec<NativeCable>> {
    let forced = self::container(container)?;
    let bytes: Vec<u8> = if let Ok(b) = data.downcast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else {
        data.extract::<String>()?.into_bytes()
    };
    py.allow_threads(|| {
        let docs = source::read_bytes(bytes, None, forced).map_err(source_error)?;
        docs.map(|d| {
            d.map(|doc| NativeCable {
                cable: parse_doc(doc),
            })
            .map_err(source_error)
        })
        .collect()
    })
}

/// A cable, or why an input gave none: a container error, or (as the command line reports it)
/// an input that is empty or blank.
enum Failure {
    Source(SourceError),
    Blank(String),
}

type Item = Result<cablegram::Cable, Failure>;

fn parse_checked(doc: source::SourceDoc) -> Item {
    if doc.text.trim().is_empty() {
        return Err(Failure::Blank(format!(
            "{}: the input is empty or blank: there is no cable to convert",
            doc.source.path.as_deref().unwrap_or(source::STDIN_NAME)
        )));
    }
    Ok(parse_doc(doc))
}

/// The cables of files and directories, in input order, parsed on a background thread.
#[pyclass(module = "cablegram._native")]
struct Reader {
    rx: crossbeam_channel::Receiver<Item>,
}

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&self, py: Python<'_>) -> PyResult<Option<NativeCable>> {
        match py.allow_threads(|| self.rx.recv()) {
            Ok(Ok(cable)) => Ok(Some(NativeCable { cable })),
            Ok(Err(Failure::Source(e))) => Err(source_error(e)),
            Ok(Err(Failure::Blank(message))) => Err(CableError::new_err(message)),
            Err(_) => Ok(None),
        }
    }
}

#[pyfunction]
#[pyo3(signature = (paths, *, container="auto"))]
fn read(paths: Vec<PathBuf>, container: &str) -> PyResult<Reader> {
    let forced = self::container(container)?;
    for p in &paths {
        if !p.exists() {
            return Err(PyFileNotFoundError::new_err(format!(
                "{}: no such file or directory",
                p.display()
            )));
        }
    }
    let (tx, rx) = crossbeam_channel::bounded::<Item>(256);
    std::thread::spawn(move || {
        let inputs = paths.iter().map(|p| Input::from_arg(p)).collect();
        for input in walk_inputs(inputs) {
            let docs = input.and_then(|input| match input {
                Input::Path(p) | Input::Labelled { path: Some(p), .. } => {
                    source::read_path(&p, forced)
                }
                Input::Stdin | Input::Labelled { path: None, .. } => {
                    source::read_bytes(Vec::new(), None, forced)
                }
            });
            let docs = match docs {
                Ok(d) => d,
                Err(e) => {
                    if tx.send(Err(Failure::Source(e))).is_err() {
                        return;
                    }
                    continue;
                }
            };
            for doc in docs {
                if tx
                    .send(doc.map_err(Failure::Source).and_then(parse_checked))
                    .is_err()
                {
                    return;
                }
            }
        }
    });
    Ok(Reader { rx })
}

/// The names of the converters registered in Rust.
#[pyfunction]
fn formats() -> Vec<&'static str> {
    Registry::with_builtins().names().collect()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("CableError", m.py().get_type_bound::<CableError>())?;
    m.add_class::<NativeCable>()?;
    m.add_class::<Reader>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(formats, m)?)?;
    Ok(())
}
