//! Whole corpora: many inputs, read, parsed and rendered on all cores, delivered in input order.
//!
//! ```text
//!   feed (walk, under a lock) ──► worker threads ──────────────► ordering sink (caller's thread)
//!   groups of inputs, or the      read + parse + render,          writes, in input order
//!   rest of a cables.csv          a batch of documents each
//! ```
//!
//! Each worker takes a group of inputs from a shared feed (the folders are walked as they are
//! needed), reads them and runs the caller's function on their documents, so that a cable is read
//! on the core that parses it and no thread hands texts to another. A batch holds at most eight
//! documents or about 128 KiB of text: a worker gives back to the feed what would make its batch
//! larger (the rest of a `cables.csv`, read a batch at a time, or the rest of its group). The sink
//! gets the results back in input order. A window of permits bounds how many batches are in
//! flight, so memory stays flat however large the corpus; one bad document is one error result,
//! never the end of the run. [`output`] writes the results atomically.

pub mod output;

pub use output::{canonical_paths, commit, stage, temp_output_in, write_atomically, OutputDir};

use crate::model::Cable;
use crate::source::{self, Container, SourceDoc, SourceError};
use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

/// An input of a batch: a file or directory, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
    /// A file (or standard input, when `path` is `None`) whose documents record `label` as their
    /// source path instead of the path they were read from: see [`labelled_inputs`].
    Labelled {
        path: Option<PathBuf>,
        label: String,
    },
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn from_arg(arg: &Path) -> Input {
        if arg == Path::new("-") {
            Input::Stdin
        } else {
            Input::Path(arg.to_path_buf())
        }
    }
}

/// Parse a document read from a container: the model, with its source recorded and what the
/// text does not give taken from the container (see `source::facts`), and its references
/// resolved once the cable's year is known (see [`crate::refs`]).
pub fn parse_doc(doc: SourceDoc) -> Cable {
    let mut cable = crate::parser::parse(&doc.text);
    cable.source = Some(doc.source);
    source::complete(&mut cable);
    crate::refs::resolve(&mut cable);
    cable
}

/// The files a batch will read, in order: directories walked (sorted, recursive), standard input
/// where `-` was given. Listing them first lets the writer protect every input from being
/// overwritten.
pub fn list_inputs(inputs: &[Input]) -> Vec<Result<Input, SourceError>> {
    walk_inputs(inputs.to_vec()).collect()
}

/// The files a batch will read, in the order of [`list_inputs`], found as they are needed: a
/// batch whose outputs cannot overwrite an input starts reading before the folders are walked
/// to the end.
pub fn walk_inputs(inputs: Vec<Input>) -> impl Iterator<Item = Result<Input, SourceError>> + Send {
    inputs.into_iter().flat_map(|input| {
        let found: Box<dyn Iterator<Item = Result<Input, SourceError>> + Send> = match input {
            Input::Path(path) => Box::new(source::walk(&[path]).map(|f| f.map(Input::Path))),
            other => Box::new(std::iter::once(Ok(other))),
        };
        found
    })
}

/// The files of [`walk_inputs`], each labelled with the name that published outputs give it
/// (see [`source_label`]): the path relative to the input argument it was found under, never a
/// machine's absolute path. `label`, when given, stands for each input argument (and names
/// standard input).
pub fn labelled_inputs(
    inputs: Vec<Input>,
    label: Option<String>,
) -> impl Iterator<Item = Result<Input, SourceError>> + Send {
    inputs.into_iter().flat_map(move |input| {
        let label = label.clone();
        let found: Box<dyn Iterator<Item = Result<Input, SourceError>> + Send> = match input {
            Input::Path(root) => {
                Box::new(source::walk(std::slice::from_ref(&root)).map(move |found| {
                    found.map(|path| Input::Labelled {
                        label: source_label(&root, &path, label.as_deref()),
                        path: Some(path),
                    })
                }))
            }
            Input::Stdin => Box::new(std::iter::once(Ok(match label {
                Some(label) => Input::Labelled { path: None, label },
                None => Input::Stdin,
            }))),
            labelled @ Input::Labelled { .. } => Box::new(std::iter::once(Ok(labelled))),
        };
        found
    })
}

/// The name outputs record for `found`, a file found under the input argument `root` (`found` is
/// `root` for a file argument): `label` (or, without one, `root` as given when it is relative,
/// its last component when it is absolute), joined with `found`'s path inside `root`, with `/`
/// between the components. An absolute file argument without a label is its file name.
pub fn source_label(root: &Path, found: &Path, label: Option<&str>) -> String {
    let inside: Vec<String> = found
        .strip_prefix(root)
        .unwrap_or(found)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let base = match label {
        Some(label) => label.to_string(),
        None if root.is_relative() => root.display().to_string(),
        None => root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let base = base.trim_end_matches('/');
    match (base.is_empty(), inside.is_empty()) {
        (_, true) => base.to_string(),
        (true, false) => inside.join("/"),
        (false, false) => format!("{base}/{}", inside.join("/")),
    }
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// The container of every input, or `None` to detect each one.
    pub container: Option<Container>,
}

impl Settings {
    fn workers(&self) -> usize {
        if self.jobs > 0 {
            self.jobs
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        }
    }
}

/// At most this many documents travel together between the threads of a batch run...
const BATCH_DOCS: usize = 8;
/// ...or as many as make this many bytes of text (a batch holds at least one document).
const BATCH_BYTES: usize = 128 * 1024;

/// Run `work` on every document of `inputs`, on all cores, and hand each result to `sink` in
/// input order. `sink` returns `false` to stop the run early; so does `stop` when it is set (for
/// Ctrl-C). Returns how many documents were delivered.
pub fn run<I, T, W, S>(
    inputs: I,
    settings: &Settings,
    stop: &AtomicBool,
    work: W,
    mut sink: S,
) -> u64
where
    I: IntoIterator<Item = Result<Input, SourceError>>,
    I::IntoIter: Send,
    T: Send,
    W: Fn(SourceDoc) -> T + Sync,
    S: FnMut(Result<T, SourceError>) -> bool,
{
    run_numbered(inputs, settings, stop, work, |_, result| sink(result))
}

/// [`run`], with the number of the input (from 0, in the order of `inputs`) that each result
/// comes from: when result `n` comes, every input before `n` is done (for a progress bar).
pub fn run_numbered<I, T, W, S>(
    inputs: I,
    settings: &Settings,
    stop: &AtomicBool,
    work: W,
    mut sink: S,
) -> u64
where
    I: IntoIterator<Item = Result<Input, SourceError>>,
    I::IntoIter: Send,
    T: Send,
    W: Fn(SourceDoc) -> T + Sync,
    S: FnMut(u64, Result<T, SourceError>) -> bool,
{
    let workers = settings.workers();
    // The window is the number of batches in flight. Results are delivered in input order, so a
    // worker that is held up (a long cable, or the scheduler giving its core to another process)
    // stalls the others once the window is full: a wide window keeps every core busy. It is
    // still a fixed number of batches of bounded size, so memory stays flat however large the
    // input.
    let window = workers * 4 + 2;
    let container = settings.container;
    let feed = Shared {
        feed: Mutex::new(Feed {
            inputs: inputs.into_iter(),
            numbered: 0,
            returned: VecDeque::new(),
            holding: 0,
        }),
        changed: Condvar::new(),
    };
    let (out_tx, out_rx) = crossbeam_channel::unbounded::<Delivery<T>>();
    let (permit_tx, permit_rx) = crossbeam_channel::bounded::<()>(window);
    let mut delivered = 0;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (out_tx, permit_tx) = (out_tx.clone(), permit_tx.clone());
            let (feed, work) = (&feed, &work);
            scope.spawn(move || {
                // (A worker holds no receiver of permits: when the sink stops early, dropping its
                // receiver must wake a worker waiting for a permit. The permit a worker takes
                // before it finds all done is left in the window, which has room for one per
                // worker to spare.)
                while !stop.load(Ordering::Relaxed) && permit_tx.send(()).is_ok() {
                    let Some(held) = feed.take() else { return };
                    let delivery = run_group(held, container, work);
                    if out_tx.send(delivery).is_err() {
                        return;
                    }
                }
            });
        }
        drop((out_tx, permit_tx));
        // Batches arrive in any order; each names the key of the one that follows it.
        let mut pending = BTreeMap::new();
        let mut next: Key = (0, 0);
        'receive: for delivery in &out_rx {
            pending.insert(delivery.key, (delivery.next, delivery.results));
            while let Some((following, results)) = pending.remove(&next) {
                next = following;
                let _ = permit_rx.try_recv();
                for (input, result) in results {
                    delivered += 1;
                    if !sink(input, result) || stop.load(Ordering::Relaxed) {
                        break 'receive;
                    }
                }
            }
        }
        // Dropping the receivers ends the workers.
        drop((permit_rx, out_rx));
    });
    delivered
}

/// Where a batch stands in the order of delivery: the number of its first input, and the part of
/// that input it starts with (a `cables.csv` comes in many parts, a file of one cable in one).
type Key = (u64, u64);

/// The documents of an input that is read a batch at a time.
type Docs = std::iter::Peekable<source::Docs>;

/// A batch of results on its way to the sink, each with the number of its input, with the key of
/// the batch that follows it.
struct Delivery<T> {
    key: Key,
    next: Key,
    results: Vec<(u64, Result<T, SourceError>)>,
}

/// Work not yet done: an input not yet opened, or the documents left in one that was.
enum Item {
    Input(u64, Result<Input, SourceError>),
    Rest(Key, Docs),
}

impl Item {
    fn key(&self) -> Key {
        match self {
            Item::Input(number, _) => (*number, 0),
            Item::Rest(key, _) => *key,
        }
    }
}

/// The inputs of a run, handed out to the workers in groups of consecutive keys, and the work
/// that a worker gave back (the rest of a `cables.csv` after one batch, or the inputs of a group
/// that would have made its batch too large), which goes out first, smallest key first.
struct Feed<I> {
    inputs: I,
    numbered: u64,
    returned: VecDeque<Item>,
    /// Groups taken and not yet done with, whose workers may still give work back.
    holding: usize,
}

/// The feed, shared by the workers: a worker that finds it empty while others hold groups waits
/// for what they may give back (a `cables.csv` alone is one input, read by all the workers in
/// turn), and ends when nothing is left and nobody holds anything.
struct Shared<I> {
    feed: Mutex<Feed<I>>,
    changed: Condvar,
}

impl<I: Iterator<Item = Result<Input, SourceError>>> Shared<I> {
    fn lock(&self) -> MutexGuard<'_, Feed<I>> {
        self.feed.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The next group of work, held until it is dropped; `None` when all is done.
    fn take(&self) -> Option<Held<'_, I>> {
        let mut feed = self.lock();
        loop {
            let group = feed.take();
            if !group.is_empty() {
                feed.holding += 1;
                return Some(Held {
                    shared: self,
                    group,
                });
            }
            if feed.holding == 0 {
                return None;
            }
            feed = self
                .changed
                .wait(feed)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Gives back work to be handed out again, first.
    fn give_back(&self, items: Vec<Item>) {
        self.lock().give_back(items);
        self.changed.notify_all();
    }
}

/// A group of work taken from the feed. Dropping it (also when its worker panics) tells the
/// workers that wait that it will give back nothing more.
struct Held<'a, I: Iterator<Item = Result<Input, SourceError>>> {
    shared: &'a Shared<I>,
    group: Vec<Item>,
}

impl<I: Iterator<Item = Result<Input, SourceError>>> Drop for Held<'_, I> {
    fn drop(&mut self) {
        self.shared.lock().holding -= 1;
        self.shared.changed.notify_all();
    }
}

impl<I: Iterator<Item = Result<Input, SourceError>>> Feed<I> {
    /// The next group of work: the first item given back, with the inputs given back right after
    /// it, or the next inputs of the run. Empty when all has been handed out.
    fn take(&mut self) -> Vec<Item> {
        let mut group = Vec::with_capacity(BATCH_DOCS);
        if let Some(first) = self.returned.pop_front() {
            let mut last = first.key();
            group.push(first);
            while last.1 == 0 && group.len() < BATCH_DOCS {
                match self.returned.front() {
                    Some(Item::Input(number, _)) if *number == last.0 + 1 => {
                        last = (*number, 0);
                        group.extend(self.returned.pop_front());
                    }
                    _ => break,
                }
            }
            return group;
        }
        for input in self.inputs.by_ref().take(BATCH_DOCS) {
            group.push(Item::Input(self.numbered, input));
            self.numbered += 1;
        }
        group
    }

    /// Gives back work, in key order, to be handed out again before anything else.
    fn give_back(&mut self, items: Vec<Item>) {
        for item in items {
            let at = self.returned.partition_point(|r| r.key() < item.key());
            self.returned.insert(at, item);
        }
    }
}

/// Reads and runs `work` on a group of work taken from the feed, up to a batch's worth of
/// documents; what is left is given back to the feed (before the batch goes to the sink, so that
/// the batch that follows it can always be taken).
fn run_group<I, T, W>(mut held: Held<'_, I>, container: Option<Container>, work: &W) -> Delivery<T>
where
    I: Iterator<Item = Result<Input, SourceError>>,
    W: Fn(SourceDoc) -> T,
{
    let group = std::mem::take(&mut held.group);
    let key = group[0].key();
    let mut next = key;
    let mut results = Vec::with_capacity(BATCH_DOCS);
    let mut bytes = 0;
    let mut items = group.into_iter();
    while let Some(item) = items.next() {
        let (key, mut docs) = match item {
            Item::Input(number, input) => ((number, 0), documents(input, container).peekable()),
            Item::Rest(key, docs) => (key, docs),
        };
        // A whole file is read here, or a batch's worth of a stream.
        let mut read = Vec::new();
        while results.len() + read.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let Some(doc) = docs.next() else { break };
            bytes += doc.as_ref().map_or(0, |d| d.text.len());
            read.push(doc);
        }
        let more = docs.peek().is_some();
        let full = results.len() + read.len() >= BATCH_DOCS || bytes >= BATCH_BYTES;
        let mut rest = Vec::new();
        if more {
            rest.push(Item::Rest((key.0, key.1 + 1), docs));
        }
        if more || full {
            rest.extend(items.by_ref());
        }
        next = rest.first().map_or((key.0 + 1, 0), Item::key);
        if !rest.is_empty() {
            held.shared.give_back(rest);
        }
        results.extend(read.into_iter().map(|doc| (key.0, doc.map(work))));
    }
    drop(held);
    Delivery { key, next, results }
}

/// The documents of one input, or the error that it could not be read.
fn documents(
    input: Result<Input, SourceError>,
    container: Option<Container>,
) -> Box<dyn Iterator<Item = Result<SourceDoc, SourceError>> + Send> {
    let read = match input {
        Err(error) => Err(error),
        Ok(Input::Path(path)) => source::read_path(&path, container),
        Ok(Input::Stdin) => read_stdin(container),
        Ok(Input::Labelled { path, label }) => {
            let read = match path {
                Some(path) => source::read_path(&path, container),
                None => read_stdin(container),
            };
            read.map(|docs| -> source::Docs {
                Box::new(docs.map(move |doc| {
                    doc.map(|mut doc| {
                        doc.source.path = Some(label.clone());
                        doc
                    })
                }))
            })
        }
    };
    match read {
        Ok(docs) => docs,
        Err(error) => Box::new(std::iter::once(Err(error))),
    }
}

/// The documents of standard input.
fn read_stdin(container: Option<Container>) -> Result<source::Docs, SourceError> {
    let mut bytes = Vec::new();
    io::stdin().lock().read_to_end_limited(&mut bytes)?;
    source::read_bytes(bytes, None, container)
}

trait ReadLimited {
    fn read_to_end_limited(&mut self, bytes: &mut Vec<u8>) -> Result<(), SourceError>;
}

impl<R: io::Read> ReadLimited for R {
    /// Standard input is read whole, up to the size limit of one document (a larger stream is
    /// refused rather than buffered without bound).
    fn read_to_end_limited(&mut self, bytes: &mut Vec<u8>) -> Result<(), SourceError> {
        let limit = source::MAX_DOC_BYTES;
        self.take(limit + 1)
            .read_to_end(bytes)
            .map_err(|e| SourceError::Io {
                path: source::STDIN_NAME.into(),
                source: e,
            })?;
        if bytes.len() as u64 > limit {
            return Err(SourceError::TooLarge {
                path: source::STDIN_NAME.into(),
                what: "standard input".into(),
                limit,
            });
        }
        Ok(())
    }
}

/// A flag that Ctrl-C sets, so that a run stops between documents and leaves no partial file.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = Arc::clone(&flag);
    // A second handler cannot be installed (e.g. in tests); the run is then simply not
    // interruptible between documents.
    let _ = ctrlc::set_handler(move || handler_flag.store(true, Ordering::SeqCst));
    flag
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn results_come_in_input_order() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..50 {
            std::fs::write(
                dir.path().join(format!("{i:03}.txt")),
                format!("UNCLAS STATE {i}\n\n1. Text {i}.\n"),
            )
            .unwrap();
        }
        let inputs = list_inputs(&[Input::Path(dir.path().to_path_buf())]);
        let settings = Settings {
            jobs: 4,
            container: None,
        };
        let stop = AtomicBool::new(false);
        let mut serials = Vec::new();
        run(inputs, &settings, &stop, parse_doc, |r| {
            serials.push(r.unwrap().serial.unwrap());
            true
        });
        assert_eq!(serials, (0..50).collect::<Vec<u64>>());
    }

    #[test]
    fn each_result_names_its_input() {
        let dir = tempfile::tempdir().unwrap();
        let row = |i: usize| {
            format!(
                "\"{i}\",\"1/2/2005 3:04\",\"05STATE{i}\",\"Secretary of State\",\"UNCLASSIFIED\",\
                 \"\",\"\",\"UNCLAS STATE {i}\n\n1. Text.\"\n"
            )
        };
        std::fs::write(dir.path().join("a.txt"), "UNCLAS STATE 1\n\n1. Text.\n").unwrap();
        let rows: String = (0..30).map(row).collect();
        std::fs::write(dir.path().join("b.csv"), rows).unwrap();
        std::fs::write(dir.path().join("c.txt"), "UNCLAS STATE 3\n\n1. Text.\n").unwrap();
        let inputs = list_inputs(&[Input::Path(dir.path().to_path_buf())]);
        let settings = Settings {
            jobs: 3,
            container: None,
        };
        let stop = AtomicBool::new(false);
        let mut numbers = Vec::new();
        run_numbered(inputs, &settings, &stop, parse_doc, |n, r| {
            assert!(r.is_ok());
            numbers.push(n);
            true
        });
        let mut expected = vec![0];
        expected.extend([1; 30]);
        expected.push(2);
        assert_eq!(numbers, expected);
    }

    #[test]
    fn a_sink_that_stops_ends_the_run() {
        // Workers waiting for room in the window must be woken when the sink stops early (a
        // worker that held a receiver of permits once kept the run waiting for ever).
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            let text = format!("UNCLAS STATE {i}\n\n1. Text {i}.\n");
            std::fs::write(dir.path().join(format!("{i:03}.txt")), text).unwrap();
        }
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        let root = dir.path().to_path_buf();
        std::thread::spawn(move || {
            let settings = Settings {
                jobs: 2,
                container: None,
            };
            let stop = AtomicBool::new(false);
            let inputs = walk_inputs(vec![Input::Path(root)]);
            let mut seen = 0;
            let delivered = run(inputs, &settings, &stop, parse_doc, |_| {
                seen += 1;
                seen < 3
            });
            let _ = done_tx.send(delivered);
        });
        let delivered = done_rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the run ended");
        assert_eq!(delivered, 3);
    }

    #[test]
    fn a_single_csv_is_shared_by_the_workers() {
        // One input of many documents: the other workers wait for the rest of it rather than
        // end (they once ended at once, and a cables.csv ran on one core).
        let dir = tempfile::tempdir().unwrap();
        let rows: String = (0..100).map(csv_row).collect();
        let path = dir.path().join("cables.csv");
        std::fs::write(&path, rows).unwrap();
        let settings = Settings {
            jobs: 2,
            container: None,
        };
        let stop = AtomicBool::new(false);
        let work = |doc: SourceDoc| {
            std::thread::sleep(std::time::Duration::from_millis(1));
            (std::thread::current().id(), parse_doc(doc).serial)
        };
        let mut threads = HashSet::new();
        let mut serials = Vec::new();
        run(
            walk_inputs(vec![Input::Path(path)]),
            &settings,
            &stop,
            work,
            |r| {
                let (thread, serial) = r.unwrap();
                threads.insert(thread);
                serials.push(serial.unwrap());
                true
            },
        );
        assert_eq!(serials, (0..100).collect::<Vec<u64>>());
        assert_eq!(threads.len(), 2);
    }

    /// One `cables.csv` row of a cable with this serial.
    fn csv_row(serial: u64) -> String {
        format!(
            "\"{serial}\",\"12/28/1966 18:48\",\"66STATE{serial}\",\"Secretary of State\",\
             \"UNCLASSIFIED\",\"\",\"\",\"UNCLAS STATE {serial}\n\n1. Text {serial}.\n\"\n"
        )
    }

    #[test]
    fn parts_of_large_inputs_come_in_input_order() {
        // Single cables, `cables.csv` files longer than a batch (read a batch at a time and
        // shared between the workers), an empty one, and a cable larger than a batch's bytes
        // (which ends its group early): every document once, in input order.
        let dir = tempfile::tempdir().unwrap();
        let mut want = Vec::new();
        let mut serial = 0;
        for i in 0..40 {
            let path = dir.path().join(format!("{i:03}"));
            match i % 10 {
                3 => {
                    let rows: String = (0..(7 * i + 5)).map(|k| csv_row(serial + k)).collect();
                    want.extend(serial..serial + 7 * i + 5);
                    serial += 7 * i + 5;
                    std::fs::write(path.with_extension("csv"), rows).unwrap();
                }
                6 => std::fs::write(path.with_extension("csv"), "").unwrap(),
                8 => {
                    let filler = "Filler text of a long cable. ".repeat(6000);
                    let text = format!("UNCLAS STATE {serial}\n\n1. {filler}\n");
                    std::fs::write(path.with_extension("txt"), text).unwrap();
                    want.push(serial);
                    serial += 1;
                }
                _ => {
                    let text = format!("UNCLAS STATE {serial}\n\n1. Text {serial}.\n");
                    std::fs::write(path.with_extension("txt"), text).unwrap();
                    want.push(serial);
                    serial += 1;
                }
            }
        }
        for jobs in [1, 2, 3, 8] {
            let settings = Settings {
                jobs,
                container: None,
            };
            let stop = AtomicBool::new(false);
            let mut serials = Vec::new();
            let mut errors = 0;
            let inputs = walk_inputs(vec![Input::Path(dir.path().to_path_buf())]);
            let delivered = run(inputs, &settings, &stop, parse_doc, |r| {
                match r {
                    Ok(cable) => serials.push(cable.serial.unwrap()),
                    Err(_) => errors += 1,
                }
                true
            });
            assert_eq!(serials, want, "with {jobs} workers");
            assert_eq!(delivered, serials.len() as u64 + errors);
        }
    }

    #[test]
    fn source_labels_are_relative_to_the_input_argument() {
        let label = |root: &str, found: &str, given: Option<&str>| {
            source_label(Path::new(root), Path::new(found), given)
        };
        // A relative argument is kept as given; an absolute one by its last component.
        assert_eq!(label("a/b.txt", "a/b.txt", None), "a/b.txt");
        assert_eq!(label("/home/u/b.txt", "/home/u/b.txt", None), "b.txt");
        assert_eq!(
            label("../corpus", "../corpus/x/y.txt", None),
            "../corpus/x/y.txt"
        );
        assert_eq!(label("corpus/", "corpus/y.txt", None), "corpus/y.txt");
        assert_eq!(
            label("/home/u/corpus", "/home/u/corpus/x/y.txt", None),
            "corpus/x/y.txt"
        );
        // A label stands for the argument.
        assert_eq!(
            label("/home/u/b.txt", "/home/u/b.txt", Some("Cable 1")),
            "Cable 1"
        );
        assert_eq!(
            label("/home/u/corpus", "/home/u/corpus/x/y.txt", Some("cg")),
            "cg/x/y.txt"
        );
    }

    #[test]
    fn labelled_documents_record_the_label() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/1.txt"), "UNCLAS STATE 1\n\n1. Text.\n").unwrap();
        let root = dir.path().to_path_buf();
        let name = root.file_name().unwrap().to_string_lossy().into_owned();
        let settings = Settings {
            jobs: 1,
            container: None,
        };
        let stop = AtomicBool::new(false);
        for (given, want) in [
            (None, format!("{name}/sub/1.txt")),
            (Some("x"), "x/sub/1.txt".into()),
        ] {
            let inputs = labelled_inputs(vec![Input::Path(root.clone())], given.map(String::from));
            let mut paths = Vec::new();
            run(inputs, &settings, &stop, parse_doc, |r| {
                paths.push(r.unwrap().source.unwrap().path.unwrap());
                true
            });
            assert_eq!(paths, [want]);
        }
    }
}
