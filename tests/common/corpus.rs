//! The real corpus (`../shared/corpus`), read on all cores as a batch reads it.

use cablegram::batch::{self, Input, Settings};
use cablegram::source::{SourceDoc, SourceError};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// Where the corpus is: beside the repository, as on CI.
pub fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"))
}

/// `work` applied to every document of the corpus, on all cores, with the errors of the
/// documents that could not be read.
pub fn each<T: Send>(work: impl Fn(SourceDoc) -> T + Sync) -> (Vec<T>, Vec<SourceError>) {
    let dir = dir();
    assert!(dir.is_dir(), "the corpus is expected at {}", dir.display());
    let inputs = batch::list_inputs(&[Input::Path(dir)]);
    let settings = Settings {
        jobs: 0,
        container: None,
    };
    let stop = AtomicBool::new(false);
    let (mut done, mut unreadable) = (Vec::new(), Vec::new());
    batch::run(inputs, &settings, &stop, work, |result| {
        match result {
            Ok(t) => done.push(t),
            Err(error) => unreadable.push(error),
        }
        true
    });
    (done, unreadable)
}
